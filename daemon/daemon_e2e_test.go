//go:build e2e

package daemon

// The daemon against real Dovecot and Postfix (bash e2e/run.sh with
// E2E_PKGS=./daemon/). Messages are appended to a folder of the assistant's
// own, made for each test, so that other packages' e2e tests sharing the
// servers are never touched; replies go out through Postfix to
// pN@people.example and land in the catch-all mailbox.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/prometheus/client_golang/prometheus/testutil"
	gomail "github.com/wneessen/go-mail"

	"jobback/domain"
	"jobback/e2e"
	"jobback/internal/procstat"
	"jobback/mailbox"
	"jobback/outbox"
	"jobback/parser"
	"jobback/store"
)

type e2eRun struct {
	e      *e2e.Env
	tag    string // unique per test: in folder names and subjects
	folder string
	st     e2eStore
	d      *Daemon
	// turns, if set, wraps each daemon's mailbox watcher: the instance
	// watches only while it holds the turn (several instances on one
	// PostgreSQL store).
	turns  func(src Source) Source
	cancel context.CancelFunc
	done   chan error
}

// e2eStore is what these tests use of a store: the daemon's, the
// mailbox's cursor and the lists they check. store.SQLite and
// store.Postgres have it.
type e2eStore interface {
	Store
	mailbox.Cursor
	Sync(ctx context.Context) error
	Close() error
	ListOutbox(ctx context.Context) ([]store.OutboxItem, error)
	ListInbound(ctx context.Context) ([]store.InboundRow, error)
	CountMentions(ctx context.Context, text string) (int, error)
}

// newE2E is a run on a SQLite store of its own.
func newE2E(tb testing.TB) *e2eRun {
	tb.Helper()
	// E2E_STORE_SYNC (FULL, GROUP or NORMAL; default GROUP, as jobback run) sets the store's synchronous mode.
	st, err := store.OpenWith(context.Background(), filepath.Join(tb.TempDir(), "jobback.db"),
		store.Options{Synchronous: os.Getenv("E2E_STORE_SYNC")})
	if err != nil {
		tb.Fatal(err)
	}
	return newE2EOn(tb, st)
}

// newE2EOn is a run on st, which it closes when tb ends.
func newE2EOn(tb testing.TB, st e2eStore) *e2eRun {
	tb.Helper()
	e := e2e.Setup(tb)
	r := &e2eRun{e: e}
	b := make([]byte, 6)
	rand.Read(b)
	r.tag = "t" + hex.EncodeToString(b)
	r.folder = e.TestFolder(tb, e.Assistant, "daemon-"+r.tag) // removed when tb ends
	r.st = st
	tb.Cleanup(func() {
		r.stop(tb)
		st.Close()
	})
	return r
}

func (r *e2eRun) message(n int) []byte {
	return message(fmt.Sprintf("Person %d <%s-%d@people.example>", n, r.tag, n), fmt.Sprintf("%s.%d@people.example", r.tag, n),
		fmt.Sprintf("I was fired %s %d", r.tag, n), firedBody)
}

// start runs the daemon as `jobback run` configures it by default (copies
// of replies to our own address, checked with mailbox.Find after a crash);
// more adjusts the options.
func (r *e2eRun) start(tb testing.TB, senders int, more ...func(*Options)) {
	tb.Helper()
	ctx := context.Background()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		logger = slog.New(slog.NewTextHandler(testWriter{tb}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	w, err := mailbox.Open(ctx, mailbox.Options{
		Addr: r.e.IMAPAddr(), TLS: domain.TLSNone, Username: r.e.Assistant, Password: r.e.Password,
		Mailbox: r.folder, Cursor: r.st, BeforeMark: r.st.Sync, PollInterval: 5 * time.Second,
		ReconnectDelay: 100 * time.Millisecond, ReconnectMax: time.Second, Logger: logger,
	})
	if err != nil {
		tb.Fatal(err)
	}
	var src Source = w
	if r.turns != nil {
		src = r.turns(w)
	}
	o := Options{
		Store: r.st, Source: src, Address: r.e.Assistant, Renderer: realRenderer(tb),
		NewSender:   r.newSender,
		IsPermanent: outbox.IsPermanent, Senders: senders, HourlyCap: 1 << 30,
		RetryBase: 200 * time.Millisecond, RetryMax: time.Second, PollInterval: 200 * time.Millisecond,
		Logger: logger, CopySelf: true, Confirm: r.confirm,
	}
	if os.Getenv("E2E_COPY") == "0" {
		// To measure what the copies cost.
		o.CopySelf, o.Confirm = false, nil
	}
	for _, f := range more {
		f(&o)
	}
	d, err := Open(ctx, o)
	if err != nil {
		w.Close(ctx)
		tb.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	r.d, r.cancel, r.done = d, cancel, make(chan error, 1)
	go func() {
		err := d.Run(runCtx)
		w.Close(context.Background())
		r.done <- err
	}()
}

// drain waits until Postfix has delivered what earlier runs sent, so that
// their deliveries do not load the machine during this one.
func (r *e2eRun) drain(tb testing.TB) {
	tb.Helper()
	if err := r.e.WaitQueueEmpty(context.Background(), 2*time.Minute); err != nil {
		tb.Fatal(err)
	}
}

// newSender submits to the suite's Postfix.
func (r *e2eRun) newSender() (outbox.Sender, error) {
	return outbox.NewSubmitter(outbox.SMTPOptions{Addr: r.e.SMTPAddr(), TLS: "none", Timeout: 10 * time.Second})
}

// confirm looks for the copy of a reply where Dovecot delivers mail to the
// assistant (INBOX) and in the test's folder.
func (r *e2eRun) confirm(ctx context.Context, id string) (bool, error) {
	found, err := mailbox.Find(ctx, mailbox.Options{Addr: r.e.IMAPAddr(), TLS: domain.TLSNone,
		Username: r.e.Assistant, Password: r.e.Password}, []string{"INBOX", r.folder}, []string{id})
	return found[id], err
}

func (r *e2eRun) stop(tb testing.TB) {
	if r.d == nil {
		return
	}
	r.cancel()
	if err := <-r.done; err != nil {
		tb.Errorf("Run: %v", err)
	}
	r.d.Close(context.Background())
	r.d = nil
}

// waitSent waits until the running daemon has sent n replies. It reads the
// daemon's counter, not the store: polling the store would compete with
// the daemon for its one database connection.
func (r *e2eRun) waitSent(tb testing.TB, n int, within time.Duration) {
	tb.Helper()
	var sent int
	if !eventually(within, 2*time.Millisecond, func() bool {
		sent = int(testutil.ToFloat64(r.d.metrics.sent))
		return sent >= n
	}) {
		tb.Fatalf("%d of %d replies sent after %s", sent, n, within)
	}
}

// delivered counts the messages to this test's people
// (TAG-N@people.example) in the catch-all mailbox, by recipient, reading
// envelopes only.
func (r *e2eRun) delivered(tb testing.TB) map[string]int {
	tb.Helper()
	c := r.e.IMAP(tb, r.e.CatchAll)
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		tb.Fatal(err)
	}
	msgs, err := c.Fetch(imap.UIDSet{imap.UIDRange{Start: 1, Stop: 0}}, &imap.FetchOptions{Envelope: true}).Collect()
	if err != nil {
		tb.Fatal(err)
	}
	got := map[string]int{}
	for _, m := range msgs {
		if m.Envelope == nil || len(m.Envelope.To) == 0 {
			continue
		}
		if to := m.Envelope.To[0].Addr(); strings.HasPrefix(to, r.tag+"-") {
			got[to]++
		}
	}
	return got
}

// replies waits for n messages to this test's people in the catch-all
// mailbox and returns how many each got.
func (r *e2eRun) replies(tb testing.TB, n int) map[string]int {
	tb.Helper()
	var got map[string]int
	eventually(2*time.Minute, 200*time.Millisecond, func() bool {
		got = r.delivered(tb)
		total := 0
		for _, c := range got {
			total += c
		}
		return total >= n
	})
	return got // what came, if not all: the caller counts
}

func (r *e2eRun) append(tb testing.TB, from, to int) {
	tb.Helper()
	var raws [][]byte
	for i := from; i <= to; i++ {
		raws = append(raws, r.message(i))
	}
	c := r.e.IMAP(tb, r.e.Assistant)
	if err := e2e.AppendAll(c, r.folder, raws); err != nil {
		tb.Fatal(err)
	}
}

// checkOnce fails for each of the n people who got other than one reply.
func checkOnce(tb testing.TB, r *e2eRun, got map[string]int, n int) { checkEach(tb, r, got, n, 1) }

// checkEach fails for each of the n people who got other than want
// messages, and logs how many got fewer and how many more.
func checkEach(tb testing.TB, r *e2eRun, got map[string]int, n, want int) {
	tb.Helper()
	fewer, more := 0, 0
	for i := 1; i <= n; i++ {
		to := fmt.Sprintf("%s-%d@people.example", r.tag, i)
		switch c := got[to]; {
		case c < want:
			fewer++
		case c > want:
			more++
		}
		if got[to] != want {
			tb.Errorf("%s got %d messages, want %d", to, got[to], want)
		}
	}
	tb.Logf("%d people: %d got exactly %d message(s), %d fewer, %d more", n, n-fewer-more, want, fewer, more)
}

// allGot waits until each of the n people got at least want messages,
// gives a late duplicate the time to show, and checks that each got
// exactly want.
func (r *e2eRun) allGot(tb testing.TB, n, want int, within time.Duration) {
	tb.Helper()
	eventually(within, 500*time.Millisecond, func() bool {
		got := r.delivered(tb)
		for i := 1; i <= n; i++ {
			if got[fmt.Sprintf("%s-%d@people.example", r.tag, i)] < want {
				return false
			}
		}
		return true
	})
	// Not a wait for a state but the test itself: nothing announces a
	// duplicate, so one still on its way is given the time to show.
	time.Sleep(2 * time.Second)
	checkEach(tb, r, r.delivered(tb), n, want)
}

func TestE2EEachAnsweredOnce(t *testing.T) {
	r := newE2E(t)
	const n = 1000 // the backlog
	r.append(t, 1, n)
	r.start(t, 4)
	r.waitSent(t, n, 5*time.Minute)
	checkOnce(t, r, r.replies(t, n), n)
	// Every message is marked \Answered in the folder.
	c := r.e.IMAP(t, r.e.Assistant)
	msgs, err := e2e.Messages(c, r.folder, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if !slices.Contains(m.Flags, imap.FlagAnswered) {
			t.Errorf("UID %d is not flagged \\Answered", m.UID)
		}
	}
}

// Postfix is stopped: replies wait in the outbox, retried; once it is back
// they go out, once each.
func TestE2ESMTPStopped(t *testing.T) {
	r := newE2E(t)
	ctx := context.Background()
	if err := r.e.StopPostfix(ctx); err != nil {
		t.Fatal(err)
	}
	restarted := false
	defer func() {
		if !restarted {
			r.e.StartPostfix(ctx)
		}
	}()
	r.start(t, 2)
	r.append(t, 1, 5)
	var out []store.OutboxItem
	if !eventually(30*time.Second, 50*time.Millisecond, func() bool {
		out, _ = r.st.ListOutbox(ctx)
		retried := 0
		for _, o := range out {
			if o.Attempts >= 2 && o.Status != store.StatusSent && o.Status != store.StatusFailed {
				retried++
			}
		}
		return retried == 5
	}) {
		t.Fatalf("replies not retried while Postfix is down: %+v", out)
	}
	if err := r.e.StartPostfix(ctx); err != nil {
		t.Fatal(err)
	}
	restarted = true
	r.waitSent(t, 5, time.Minute)
	checkOnce(t, r, r.replies(t, 5), 5)
}

// Dovecot restarts while the daemon is in IDLE: it reconnects and answers
// what arrives after, missing nothing.
func TestE2EDovecotRestartDuringIdle(t *testing.T) {
	r := newE2E(t)
	ctx := context.Background()
	r.start(t, 1)
	r.append(t, 1, 1)
	r.waitSent(t, 1, 30*time.Second)
	// Not a state this package can see: the watcher's IDLE start is
	// told only to the mailbox package's own tests, and Dovecot does not
	// say. The reply is out; the watcher is back in IDLE well within this.
	time.Sleep(200 * time.Millisecond)
	if err := r.e.RestartDovecot(ctx); err != nil {
		t.Fatal(err)
	}
	r.append(t, 2, 3)
	r.waitSent(t, 3, time.Minute)
	checkOnce(t, r, r.replies(t, 3), 3)
}

// run is one timed run over n messages: its wall time, when the last
// message was recorded (the daemon only), and the CPU time it used.
type run struct {
	n                 int
	elapsed, recorded time.Duration
	cpu               procstat.CPU
}

func (r run) rate() float64 { return float64(r.n) / r.elapsed.Seconds() }

// emptyDeliveries empties the mailboxes replies and copies land in (the
// catch-all and the assistant's INBOX), untimed, so that a run does not
// deliver into mailboxes the runs before it filled.
func (r *e2eRun) emptyDeliveries(tb testing.TB) {
	tb.Helper()
	for _, user := range []string{r.e.CatchAll, r.e.Assistant} {
		if err := e2e.Empty(r.e.IMAP(tb, user), "INBOX"); err != nil {
			tb.Fatal(err)
		}
	}
}

// daemonRun answers n messages already in a fresh folder with the daemon
// as `jobback run` configures it by default, from its start until SMTP
// accepted the last reply: IMAP fetch, parse, one store transaction
// (group commit), flag, render, and SMTP send with 2 senders
// (outbox.senders' default; E2E_SENDERS changes it), each reply with its
// copy to the assistant. Appending and waiting for Postfix's queue to
// empty are not timed.
func daemonRun(b *testing.B, n int) run {
	r := newE2E(b)
	r.append(b, 1, n)
	r.emptyDeliveries(b)
	r.drain(b)
	senders := 2 // outbox.senders' default
	if v, err := strconv.Atoi(os.Getenv("E2E_SENDERS")); err == nil && v > 0 {
		senders = v
	}
	cpu0, cerr := procstat.ReadCPU()
	start := time.Now()
	r.start(b, senders)
	res := run{n: n}
	if !eventually(10*time.Minute, 2*time.Millisecond, func() bool {
		return int(testutil.ToFloat64(r.d.metrics.messages.WithLabelValues(string(domain.DecisionAnswered)))) >= n
	}) {
		b.Fatalf("not all %d messages recorded after 10 minutes", n)
	}
	res.recorded = time.Since(start)
	r.waitSent(b, n, 10*time.Minute)
	res.elapsed = time.Since(start)
	if cpu1, err := procstat.ReadCPU(); err == nil && cerr == nil {
		res.cpu = cpu1.Sub(cpu0)
	}
	r.stop(b)
	return res
}

// bareRun is the yardstick over n messages in a fresh folder: one UID
// FETCH of their bodies with go-imap and as many ready-made replies, each
// the size of a real one, sent with go-mail over one connection (one
// recipient each), with nothing else.
func bareRun(b *testing.B, n int) run {
	r := newE2E(b)
	r.append(b, 1, n)
	c := r.e.IMAP(b, r.e.Assistant)
	mc, err := r.e.MailClient(gomail.WithoutNoop())
	if err != nil {
		b.Fatal(err)
	}
	// What is sent is as big as a real reply (the advice with its HTML
	// part and the letter attached, about 17 KB), so that the yardstick
	// moves the same bytes through Postfix as the daemon does.
	pm, err := parser.Parse(r.message(0))
	if err != nil {
		b.Fatal(err)
	}
	rendered, err := realRendererAt(b, r.e.Assistant, time.Now).Reply(pm)
	if err != nil {
		b.Fatal(err)
	}
	reply := rendered.Raw
	r.emptyDeliveries(b)
	r.drain(b)
	cpu0, cerr := procstat.ReadCPU()
	start := time.Now()
	if _, err := c.Select(r.folder, nil).Wait(); err != nil {
		b.Fatal(err)
	}
	msgs, err := c.Fetch(imap.UIDSet{imap.UIDRange{Start: 1, Stop: 0}}, &imap.FetchOptions{
		UID: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}}}).Collect()
	if err != nil || len(msgs) != n {
		b.Fatalf("fetched %d, %v", len(msgs), err)
	}
	if err := mc.DialWithContext(context.Background()); err != nil {
		b.Fatal(err)
	}
	for i := range msgs {
		m := gomail.NewMsg()
		m.From(r.e.Assistant)
		m.To(fmt.Sprintf("%s-bare-%d@people.example", r.tag, i))
		m.Subject("bare")
		m.SetBodyString(gomail.TypeTextPlain, string(reply))
		if err := mc.Send(m); err != nil {
			b.Fatal(err)
		}
	}
	mc.Close()
	res := run{n: n, elapsed: time.Since(start)}
	if cpu1, err := procstat.ReadCPU(); err == nil && cerr == nil {
		res.cpu = cpu1.Sub(cpu0)
	}
	return res
}

// reportCPU reports a run's CPU time per message: by the whole machine
// (this process, Dovecot, Postfix and anything else) and by this process
// alone (for a daemon run, the daemon).
func reportCPU(b *testing.B, prefix string, r run) {
	if r.cpu == (procstat.CPU{}) {
		return
	}
	b.ReportMetric(float64(r.cpu.Machine.Microseconds())/1000/float64(r.n), prefix+"machine-cpu-ms/msg")
	b.ReportMetric(float64(r.cpu.Self.Microseconds())/1000/float64(r.n), prefix+"self-cpu-ms/msg")
}

// BenchmarkE2EInbox is daemonRun over b.N messages.
func BenchmarkE2EInbox(b *testing.B) {
	res := daemonRun(b, b.N)
	reportCPU(b, "", res)
	b.ReportMetric(res.rate(), "msgs/s")
	// When the last message was recorded (its reply queued): the rest of
	// the time is the senders catching up with the SMTP server.
	b.ReportMetric(res.recorded.Seconds(), "recorded-s")
	// The benchmark's whole process (daemon, test IMAP client, the
	// messages it appended): an upper bound on the daemon's own peak RSS.
	if mb := procstat.PeakRSSMB(); mb > 0 {
		b.ReportMetric(mb, "peak-RSS-MB")
	}
}

// BenchmarkE2EBare is bareRun over b.N messages.
func BenchmarkE2EBare(b *testing.B) {
	res := bareRun(b, b.N)
	reportCPU(b, "", res)
	b.ReportMetric(res.rate(), "msgs/s")
}

// pairs counts BenchmarkE2EPair's timed runs, so that each one goes in the
// other order from the one before.
var pairs int

// BenchmarkE2EPair is one daemonRun and one bareRun over b.N messages
// each, back to back, in turn first (so that a slow spell of the machine,
// or whatever one run leaves behind, does not always fall on the same
// side): "ratio" is the daemon's throughput over the yardstick's in that
// pair. Run it with -count for a set of pairs.
func BenchmarkE2EPair(b *testing.B) {
	if b.N > 1 { // not the testing package's first call with b.N = 1
		pairs++
	}
	var d, y run
	if pairs%2 == 1 {
		d = daemonRun(b, b.N)
		y = bareRun(b, b.N)
	} else {
		y = bareRun(b, b.N)
		d = daemonRun(b, b.N)
	}
	b.ReportMetric(d.rate(), "daemon-msgs/s")
	b.ReportMetric(y.rate(), "bare-msgs/s")
	b.ReportMetric(d.rate()/y.rate(), "ratio")
	b.ReportMetric(d.recorded.Seconds(), "recorded-s")
	reportCPU(b, "daemon-", d)
	reportCPU(b, "bare-", y)
	if pairs%2 == 1 {
		b.ReportMetric(1, "daemon-first")
	} else {
		b.ReportMetric(0, "daemon-first")
	}
}

// BenchmarkE2EIdleLatency appends one message at a time to the watched
// folder of an idle daemon: "append-p50-ms" until SMTP accepted the reply,
// "ours-p50-ms" from the IDLE notification on.
func BenchmarkE2EIdleLatency(b *testing.B) {
	r := newE2E(b)
	r.start(b, 1)
	// Not a state this package can see (see TestE2EDovecotRestartDuringIdle):
	// time for the first IDLE to start.
	time.Sleep(300 * time.Millisecond)
	c := r.e.IMAP(b, r.e.Assistant)
	var whole []time.Duration
	i := 0
	for b.Loop() {
		i++
		start := time.Now()
		if _, err := e2e.Append(c, r.folder, r.message(i)); err != nil {
			b.Fatal(err)
		}
		r.waitSent(b, i, 30*time.Second)
		whole = append(whole, time.Since(start))
	}
	b.StopTimer()
	out, _ := r.st.ListOutbox(context.Background())
	var ours []time.Duration
	for _, o := range out {
		ours = append(ours, o.SentAt.Sub(o.ArrivedAt))
	}
	b.ReportMetric(ms(percentile(whole, 50)), "append-p50-ms")
	b.ReportMetric(ms(percentile(whole, 90)), "append-p90-ms")
	b.ReportMetric(ms(percentile(ours, 50)), "ours-p50-ms")
	b.ReportMetric(ms(percentile(ours, 90)), "ours-p90-ms")
}

// TestE2EKillAndRestart runs the daemon in a child process (TestCrashChild),
// kills it with SIGKILL while it works through 200 messages, starts it again
// on the same store, and counts the replies that reached the catch-all
// mailbox through Postfix and Dovecot.
// crashChild starts TestCrashChild in a new process: a daemon as `jobback
// run` sets it up (copies of replies, looked for after a crash) on the store
// at path, against this test's folder, logging to log.
// Extra env entries ("KEY=value") override the defaults, as later entries
// do in exec.Cmd.Env.
func (r *e2eRun) crashChild(tb testing.TB, path string, log *os.File, env ...string) *exec.Cmd {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "JOBBACK_CRASH_CHILD=1", "JOBBACK_STORE="+path,
		"JOBBACK_IMAP="+r.e.IMAPAddr(), "JOBBACK_SMTP="+r.e.SMTPAddr(), "JOBBACK_MAILBOX="+r.folder,
		"JOBBACK_IMAP_USER="+r.e.Assistant, "JOBBACK_IMAP_PASSWORD="+r.e.Password, "JOBBACK_ADDRESS="+r.e.Assistant,
		"JOBBACK_COPY_FOLDERS=INBOX,"+r.folder)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = log // the daemons' slog output
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	return cmd
}

// answeredCount returns a function counting the messages of this test's
// folder flagged \Answered (recorded, their replies on the way).
func (r *e2eRun) answeredCount(tb testing.TB) func() int {
	tb.Helper()
	fc := r.e.IMAP(tb, r.e.Assistant)
	if _, err := fc.Select(r.folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		tb.Fatal(err)
	}
	return func() int {
		data, err := fc.UIDSearch(&imap.SearchCriteria{Flag: []imap.Flag{imap.FlagAnswered}}, nil).Wait()
		if err != nil {
			tb.Fatal(err)
		}
		return len(data.AllUIDs())
	}
}

// waitAnswered waits until at least k messages are flagged \Answered;
// it kills cmd and fails if none are within a minute.
func waitAnswered(tb testing.TB, answered func() int, k int, cmd *exec.Cmd) {
	tb.Helper()
	if !eventually(time.Minute, 2*time.Millisecond, func() bool { return answered() >= k }) {
		cmd.Process.Kill()
		cmd.Wait()
		tb.Fatal("no messages handled by the first daemon")
	}
}

// finish restarts the daemon, waits until every one of n messages has a
// reply, and fails for each one answered never or more than once. It
// returns how many replies went out before the restart.
func (r *e2eRun) finish(tb testing.TB, n int, start func() *exec.Cmd) (before int) {
	tb.Helper()
	r.drain(tb) // Postfix delivers what it accepted
	before = len(r.delivered(tb))
	if before >= n {
		tb.Fatalf("all %d answered before the fault; the test proves nothing", before)
	}
	cmd := start()
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	r.allGot(tb, n, 1, 2*time.Minute)
	return before
}

func TestE2EKillAndRestart(t *testing.T) {
	r := newE2E(t)
	const n = 200
	r.append(t, 1, n)
	path := filepath.Join(t.TempDir(), "crash.db")
	logPath := filepath.Join(t.TempDir(), "children.log")
	childLog, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer childLog.Close()
	// The kill comes once 20 messages are flagged \Answered in the inbox:
	// recorded, with their replies on the way. (Counting replies that
	// reached the catch-all lags by Postfix's and Dovecot's delivery, by
	// which time a fast daemon has answered them all.)
	answered := r.answeredCount(t)
	cmd := r.crashChild(t, path, childLog)
	waitAnswered(t, answered, 20, cmd)
	cmd.Process.Kill()
	cmd.Wait()
	// A reply accepted by Postfix but not yet marked sent at the kill is
	// found by its copy in the assistant's mailbox after the restart.
	before := r.finish(t, n, func() *exec.Cmd { return r.crashChild(t, path, childLog) })
	logs, _ := os.ReadFile(logPath)
	byCopy := strings.Count(string(logs), "its copy is in our mailbox")
	t.Logf("killed with %d of %d answered; after the restart all answered; %d replies in flight at the kill were found by their copy and not sent again",
		before, n, byCopy)
}
