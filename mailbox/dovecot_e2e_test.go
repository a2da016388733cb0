//go:build e2e

package mailbox

// End-to-end tests against Dovecot (Debian's package, see e2e/install.sh),
// started by the e2e harness: the suite's running one when e2e/run.sh runs
// them (E2E_PKGS="./e2e/... ./daemon/ ./mailbox/"), or one of each test's
// own otherwise; E2E_DOVECOT=shared|private chooses (see e2e.Servers).
// Each test works in a folder of its own in the assistant's mailbox.

import (
	"context"
	"fmt"
	"jobback/domain"
	"jobback/e2e"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// dovecot is a test's Dovecot: the servers, the user, and the test's own
// folder, removed when the test ends.
type dovecot struct {
	e      *e2e.Env
	user   string
	folder string
}

// startDovecot returns the Dovecot e2e.Servers chooses, with a fresh
// folder for the test.
func startDovecot(tb testing.TB) *dovecot {
	tb.Helper()
	e := e2e.Servers(tb)
	return &dovecot{e: e, user: e.Assistant, folder: e.TestFolder(tb, e.Assistant, "mailbox")}
}

func (d *dovecot) client(tb testing.TB) *imapclient.Client {
	tb.Helper()
	c, err := d.e.DialIMAP(d.user, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close() })
	return c
}

func appendMsg(tb testing.TB, c *imapclient.Client, folder, raw string, flags ...imap.Flag) {
	tb.Helper()
	cmd := c.Append(folder, int64(len(raw)), &imap.AppendOptions{Flags: flags})
	if _, err := cmd.Write([]byte(raw)); err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		tb.Fatal(err)
	}
	if _, err := cmd.Wait(); err != nil {
		tb.Fatal(err)
	}
}

func folderFlags(tb testing.TB, c *imapclient.Client, folder string) map[uint32][]imap.Flag {
	tb.Helper()
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		tb.Fatal(err)
	}
	out := make(map[uint32][]imap.Flag)
	if sel.NumMessages > 0 {
		bufs, err := c.Fetch(imap.SeqSet{imap.SeqRange{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true}).Collect()
		if err != nil {
			tb.Fatal(err)
		}
		for _, b := range bufs {
			out[uint32(b.UID)] = b.Flags
		}
	}
	if err := c.Unselect().Wait(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// dovecotOptions are Options for watching the test's folder.
func dovecotOptions(d *dovecot, cur Cursor) Options {
	return Options{
		Addr: d.e.IMAPAddr(), TLS: domain.TLSNone, Username: d.user, Password: d.e.Password, Mailbox: d.folder,
		PollInterval: 2 * time.Second, NoopTimeout: 5 * time.Second,
		RetryDelay: 50 * time.Millisecond, ReconnectDelay: 20 * time.Millisecond, ReconnectMax: 200 * time.Millisecond,
		Logger: testLogger(), Cursor: cur,
	}
}

func TestDovecotFlagModeE2E(t *testing.T) {
	d := startDovecot(t)
	c := d.client(t)
	for _, id := range []string{"d1", "d2", "d3"} {
		appendMsg(t, c, d.folder, testMessage(id))
	}
	rec := &recorder{}
	idling := make(chan struct{}, 100)
	startWatcher(t, dovecotOptions(d, nil), rec.handle, func(w *Watcher) {
		w.idleStarted = func() {
			select {
			case idling <- struct{}{}:
			default:
			}
		}
	})
	waitFor(t, "three", func() bool { return len(rec.messages()) == 3 })
	<-idling
	start := time.Now()
	appendMsg(t, c, d.folder, testMessage("d4"))
	waitFor(t, "d4", func() bool { return rec.count("d4") == 1 })
	t.Logf("Dovecot: APPEND to handler while idling: %v", time.Since(start))
	waitFor(t, "all answered", func() bool {
		for _, f := range folderFlags(t, c, d.folder) {
			if !hasFlag(f, imap.FlagAnswered) {
				return false
			}
		}
		return true
	})
	for uid, f := range folderFlags(t, c, d.folder) {
		if hasFlag(f, imap.FlagSeen) {
			t.Errorf("UID %d is \\Seen", uid)
		}
	}
	if got := rec.messages(); len(got) != 4 {
		t.Errorf("handed over %v", ids(got))
	}
	c.Close() // before the watcher's goroutine check
}

func TestDovecotMoveAndOversizeE2E(t *testing.T) {
	d := startDovecot(t)
	c := d.client(t)
	appendMsg(t, c, d.folder, testMessage("m1"))
	appendMsg(t, c, d.folder, testMessage("big")+strings.Repeat("x", 5000)+"\r\n")
	opts := dovecotOptions(d, nil)
	done := d.folder + "/Done" // the harness's Dovecot separates folders with "/"
	opts.Processed = done
	opts.MaxSize = 2000
	rec := &recorder{}
	startWatcher(t, opts, rec.handle)
	waitFor(t, "two moved", func() bool { return len(rec.messages()) == 2 && len(folderFlags(t, c, done)) == 2 })
	if n := len(folderFlags(t, c, d.folder)); n != 0 {
		t.Errorf("%d messages left in the watched folder", n)
	}
	got := rec.messages()
	if got[1].MessageID != "big@test" || !got[1].Oversize || got[1].Raw != nil || got[0].Raw == nil {
		t.Errorf("got %+v", got)
	}
	c.Close()
}

// Dovecot assigns a new UIDVALIDITY to a recreated folder; the watcher is
// kicked off the old one and resyncs.
func TestDovecotUIDValidityE2E(t *testing.T) {
	d := startDovecot(t)
	c := d.client(t)
	jobs := d.folder
	appendMsg(t, c, jobs, testMessage("u1"))
	appendMsg(t, c, jobs, testMessage("u2"))
	cur := NewMemCursor()
	opts := dovecotOptions(d, cur)
	opts.PollInterval = 200 * time.Millisecond
	rec := &recorder{}
	startWatcher(t, opts, rec.handle)
	waitFor(t, "two", func() bool { return len(rec.messages()) == 2 })
	old, _, _ := cur.Position(context.Background(), jobs)

	if err := c.Delete(jobs).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.Create(jobs, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	appendMsg(t, c, jobs, testMessage("u1"), imap.FlagAnswered)
	appendMsg(t, c, jobs, testMessage("u2"))
	appendMsg(t, c, jobs, testMessage("u3"))
	waitFor(t, "u2 again and u3", func() bool { return rec.count("u2") == 2 && rec.count("u3") == 1 })
	v, last, _ := cur.Position(context.Background(), jobs)
	if v == old || rec.count("u1") != 1 {
		t.Errorf("uidvalidity %d (was %d), last %d, u1 handed over %d times", v, old, last, rec.count("u1"))
	}
	c.Close()
}

// doveadm kick closes the watcher's connection; it reconnects.
func TestDovecotKickE2E(t *testing.T) {
	d := startDovecot(t)
	rec := &recorder{}
	idling := make(chan struct{}, 100)
	startWatcher(t, dovecotOptions(d, nil), rec.handle, func(w *Watcher) {
		w.idleStarted = func() {
			select {
			case idling <- struct{}{}:
			default:
			}
		}
	})
	<-idling
	if err := d.e.KickIMAP(context.Background(), d.user); err != nil {
		t.Fatal(err)
	}
	c := d.client(t) // after the kick, which closes every session of the user
	appendMsg(t, c, d.folder, testMessage("k1"))
	waitFor(t, "k1", func() bool { return rec.count("k1") == 1 })
	c.Close()
}

func BenchmarkDovecotDeliver1000(b *testing.B) {
	const n = 1000
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d := startDovecot(b)
		c := d.client(b)
		for j := 0; j < n; j++ {
			appendMsg(b, c, d.folder, testMessage(fmt.Sprintf("bench%d", j)))
		}
		c.Close()
		var count atomic.Int32
		all := make(chan struct{})
		start := time.Now()
		b.StartTimer()
		r := startWatcher(b, dovecotOptions(d, nil), func(ctx context.Context, m *Message) error {
			if count.Add(1) == n {
				close(all)
			}
			return nil
		})
		<-all
		b.StopTimer()
		total += time.Since(start)
		r.close(b)
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "msgs/s")
}

func BenchmarkDovecotNotifyLatency(b *testing.B) {
	d := startDovecot(b)
	c := d.client(b)
	idling := make(chan struct{}, 1)
	got := make(chan time.Duration, 1)
	startWatcher(b, dovecotOptions(d, nil), func(ctx context.Context, m *Message) error {
		got <- time.Since(m.Noticed)
		return nil
	}, func(w *Watcher) {
		w.idleStarted = func() {
			select {
			case idling <- struct{}{}:
			default:
			}
		}
	})
	var lat, fromNotice []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		<-idling
		b.StartTimer()
		start := time.Now()
		appendMsg(b, c, d.folder, testMessage(fmt.Sprintf("lat%d", i)))
		d := <-got
		lat = append(lat, time.Since(start))
		fromNotice = append(fromNotice, d)
	}
	b.StopTimer()
	c.Close()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	sort.Slice(fromNotice, func(i, j int) bool { return fromNotice[i] < fromNotice[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Milliseconds()), "p50-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Milliseconds()), "max-ms")
	b.ReportMetric(float64(fromNotice[len(fromNotice)/2].Microseconds()), "notice-to-handler-p50-µs")
}
