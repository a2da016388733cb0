//go:build e2e

package mailbox

// End-to-end tests against a private Dovecot (Debian package, see
// e2e/install.sh) on a loopback port: go test -tags e2e ./mailbox

import (
	"context"
	"fmt"
	"jobback/domain"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

type dovecot struct {
	addr, conf string
}

// startDovecot runs Dovecot in the foreground with all its state in a fresh
// folder, and stops it when the test ends.
func startDovecot(tb testing.TB) *dovecot {
	tb.Helper()
	bin, err := exec.LookPath("dovecot")
	if err != nil {
		tb.Skip("SKIPPED: dovecot is not installed (run e2e/install.sh as root)")
	}
	if os.Geteuid() != 0 {
		tb.Skip("SKIPPED: the private Dovecot needs root (mail is stored as the mail user)")
	}
	dir, err := os.MkdirTemp("", "jobback-dovecot-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	// The mail user (uid 8) must reach its home under dir.
	if err := os.Chmod(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	for _, d := range []string{"run", "state", "home"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			tb.Fatal(err)
		}
	}
	if err := os.Chown(filepath.Join(dir, "home"), 8, 8); err != nil {
		tb.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	conf := filepath.Join(dir, "dovecot.conf")
	cfg := fmt.Sprintf(`base_dir = %[1]s/run
state_dir = %[1]s/state
log_path = %[1]s/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 8
mail_location = maildir:~/Maildir
passdb {
  driver = static
  args = password=%[3]s
}
userdb {
  driver = static
  args = uid=8 gid=8 home=%[1]s/home/%%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = %[2]d
  }
  inet_listener imaps {
    port = 0
  }
}
`, dir, port, testPass)
	if err := os.WriteFile(conf, []byte(cfg), 0o644); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(bin, "-c", conf, "-F")
	logf, err := os.Create(filepath.Join(dir, "stdout.log"))
	if err != nil {
		tb.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf // Dovecot keeps the caller's pipes open otherwise
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		logf.Close()
	})
	d := &dovecot{addr: fmt.Sprintf("127.0.0.1:%d", port), conf: conf}
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", d.addr)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
			tb.Fatalf("dovecot did not listen on %s: %v\n%s", d.addr, err, log)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return d
}

func (d *dovecot) client(tb testing.TB) *imapclient.Client {
	tb.Helper()
	c, err := imapclient.DialInsecure(d.addr, nil)
	if err != nil {
		tb.Fatal(err)
	}
	if err := c.Login(testUser, testPass).Wait(); err != nil {
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

func dovecotOptions(d *dovecot, cur Cursor) Options {
	return Options{
		Addr: d.addr, TLS: domain.TLSNone, Username: testUser, Password: testPass,
		PollInterval: 2 * time.Second, NoopTimeout: 5 * time.Second,
		RetryDelay: 50 * time.Millisecond, ReconnectDelay: 20 * time.Millisecond, ReconnectMax: 200 * time.Millisecond,
		Logger: testLogger(), Cursor: cur,
	}
}

func TestDovecotFlagModeE2E(t *testing.T) {
	d := startDovecot(t)
	c := d.client(t)
	for _, id := range []string{"d1", "d2", "d3"} {
		appendMsg(t, c, "INBOX", testMessage(id))
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
	appendMsg(t, c, "INBOX", testMessage("d4"))
	waitFor(t, "d4", func() bool { return rec.count("d4") == 1 })
	t.Logf("Dovecot: APPEND to handler while idling: %v", time.Since(start))
	waitFor(t, "all answered", func() bool {
		for _, f := range folderFlags(t, c, "INBOX") {
			if !hasFlag(f, imap.FlagAnswered) {
				return false
			}
		}
		return true
	})
	for uid, f := range folderFlags(t, c, "INBOX") {
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
	appendMsg(t, c, "INBOX", testMessage("m1"))
	appendMsg(t, c, "INBOX", testMessage("big")+strings.Repeat("x", 5000)+"\r\n")
	opts := dovecotOptions(d, nil)
	opts.Processed = "Jobback.Done" // Dovecot's maildir separator is "."
	opts.MaxSize = 2000
	rec := &recorder{}
	startWatcher(t, opts, rec.handle)
	waitFor(t, "two moved", func() bool { return len(rec.messages()) == 2 && len(folderFlags(t, c, "Jobback.Done")) == 2 })
	if n := len(folderFlags(t, c, "INBOX")); n != 0 {
		t.Errorf("%d messages left in INBOX", n)
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
	if err := c.Create("Jobs", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	appendMsg(t, c, "Jobs", testMessage("u1"))
	appendMsg(t, c, "Jobs", testMessage("u2"))
	cur := NewMemCursor()
	opts := dovecotOptions(d, cur)
	opts.Mailbox = "Jobs"
	opts.PollInterval = 200 * time.Millisecond
	rec := &recorder{}
	startWatcher(t, opts, rec.handle)
	waitFor(t, "two", func() bool { return len(rec.messages()) == 2 })
	old, _, _ := cur.Position(context.Background(), "Jobs")

	if err := c.Delete("Jobs").Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.Create("Jobs", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	appendMsg(t, c, "Jobs", testMessage("u1"), imap.FlagAnswered)
	appendMsg(t, c, "Jobs", testMessage("u2"))
	appendMsg(t, c, "Jobs", testMessage("u3"))
	waitFor(t, "u2 again and u3", func() bool { return rec.count("u2") == 2 && rec.count("u3") == 1 })
	v, last, _ := cur.Position(context.Background(), "Jobs")
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
	out, err := exec.Command("doveadm", "-c", d.conf, "kick", testUser).CombinedOutput()
	if err != nil {
		t.Fatalf("doveadm kick: %v\n%s", err, out)
	}
	c := d.client(t) // after the kick, which closes every session of the user
	appendMsg(t, c, "INBOX", testMessage("k1"))
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
			appendMsg(b, c, "INBOX", testMessage(fmt.Sprintf("bench%d", j)))
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
		appendMsg(b, c, "INBOX", testMessage(fmt.Sprintf("lat%d", i)))
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
