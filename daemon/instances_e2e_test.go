//go:build e2e

package daemon

// Two instances on one PostgreSQL store, against real Dovecot, Postfix and
// PostgreSQL (bash e2e/run.sh starts all three). The instances run as
// separate processes (TestCrashChild with JOBBACK_PG_DSN), wired as
// `jobback run` wires them: one watches the mailbox while it holds the
// turn, both send, and either may be killed with SIGKILL.

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"jobback/e2e"
	"jobback/internal/pgtest"
	"jobback/internal/procstat"
	"jobback/outbox"
	"jobback/store"
)

// newPGRun is a run on a PostgreSQL store in a database of its own; the
// test's own handle on it is instance "test".
func newPGRun(tb testing.TB) (*e2eRun, string) {
	tb.Helper()
	dsn := pgtest.Database(tb)
	st, err := store.OpenPostgres(context.Background(), dsn, store.PostgresOptions{Instance: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	return newE2EOn(tb, st), dsn
}

// instance starts a daemon process as instance name on the PostgreSQL
// store at dsn, logging to the test's log file.
func (r *e2eRun) instance(tb testing.TB, dsn, name string, log *os.File, env ...string) *exec.Cmd {
	tb.Helper()
	env = append([]string{"JOBBACK_PG_DSN=" + dsn, "JOBBACK_INSTANCE=" + name, "JOBBACK_LEASE=15s"}, env...)
	return r.crashChild(tb, "", log, env...)
}

// pair starts instance a, waits until it watches the mailbox, then starts
// instance b, which stands by; both are killed when tb ends if still
// running.
func (r *e2eRun) pair(tb testing.TB, dsn string) (a, b *exec.Cmd) {
	tb.Helper()
	log := childLog(tb)
	a = r.instance(tb, dsn, "a", log)
	tb.Cleanup(func() { stopAll(a) })
	if who, _ := r.watcher(tb, "", 30*time.Second); who != "a" {
		tb.Fatalf("%q watches the mailbox, want a (the only instance)", who)
	}
	b = r.instance(tb, dsn, "b", log)
	tb.Cleanup(func() { stopAll(b) })
	return a, b
}

// childLog is a file for the children's logs, shown when the test fails.
func childLog(tb testing.TB) *os.File {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "instances.log")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		f.Close()
		if tb.Failed() {
			b, _ := os.ReadFile(path)
			if len(b) > 4000 {
				b = b[len(b)-4000:]
			}
			tb.Logf("the instances' last log lines:\n%s", b)
		}
	})
	return f
}

// stopAll kills the processes still running.
func stopAll(cmds ...*exec.Cmd) {
	for _, c := range cmds {
		if c != nil && c.ProcessState == nil {
			c.Process.Kill()
			c.Wait()
		}
	}
}

// watcher waits until the store names an instance other than not as the
// one watching the mailbox, and returns it.
func (r *e2eRun) watcher(tb testing.TB, not string, within time.Duration) (string, time.Duration) {
	tb.Helper()
	start := time.Now()
	var who string
	if !eventually(within, 20*time.Millisecond, func() bool {
		var err error
		if who, _, err = r.st.Watcher(context.Background()); err != nil {
			tb.Fatal(err)
		}
		return who != "" && who != not
	}) {
		tb.Fatalf("no instance but %q watches the mailbox after %s (store says %q)", not, within, who)
	}
	return who, time.Since(start)
}

// sentBy counts the replies sent by each instance (the lease's owner).
func sentBy(tb testing.TB, dsn string) map[string]int {
	tb.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close(ctx)
	rows, err := c.Query(ctx, "SELECT owner, count(*) FROM outbox WHERE status = 'sent' GROUP BY owner")
	if err != nil {
		tb.Fatal(err)
	}
	got := map[string]int{}
	for rows.Next() {
		var owner string
		var n int
		if err := rows.Scan(&owner, &n); err != nil {
			tb.Fatal(err)
		}
		got[owner] = n
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return got
}

// heldBy counts the replies an instance holds under its lease, being sent.
func heldBy(tb testing.TB, dsn, name string) int {
	tb.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close(ctx)
	var n int
	if err := c.QueryRow(ctx, "SELECT count(*) FROM outbox WHERE status = 'sending' AND owner = $1", name).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// burst appends messages 1..n to the test's folder 10 at a time, one
// batch every 50 ms, as mail arriving in a burst; it returns when all are
// in, with the first error.
func (r *e2eRun) burst(n int) <-chan error {
	done := make(chan error, 1)
	go func() {
		c, err := r.e.DialIMAP(r.e.Assistant, nil)
		if err != nil {
			done <- err
			return
		}
		defer c.Close()
		for i := 1; i <= n; i += 10 {
			var raws [][]byte
			for j := i; j < i+10 && j <= n; j++ {
				raws = append(raws, r.message(j))
			}
			if err := e2e.AppendAll(c, r.folder, raws); err != nil {
				done <- err
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		done <- nil
	}()
	return done
}

// TestE2ETwoInstances: 1,000 messages answered exactly once by two
// instances sharing one PostgreSQL store; one watches, both send.
func TestE2ETwoInstances(t *testing.T) {
	r, dsn := newPGRun(t)
	const n = 1000
	r.append(t, 1, n)
	r.pair(t, dsn)
	r.allGot(t, n, 1, 5*time.Minute)
	out, err := r.st.ListOutbox(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != n {
		t.Errorf("%d outbox rows, want %d", len(out), n)
	}
	for _, o := range out {
		if o.Status != store.StatusSent {
			t.Errorf("row %d: %s", o.ID, o.Status)
		}
	}
	by := sentBy(t, dsn)
	t.Logf("instance a watched the mailbox; replies sent by instance: %v", by)
	if by["a"] == 0 || by["b"] == 0 {
		t.Errorf("replies sent by instance %v: both instances should send", by)
	}
}

// TestE2ETwoInstancesKillWatcher kills the instance watching the mailbox
// with SIGKILL in the middle of a burst of 200: the other takes over
// within imap.takeover (10 s), and every message is answered exactly once.
func TestE2ETwoInstancesKillWatcher(t *testing.T) {
	r, dsn := newPGRun(t)
	const n = 200
	a, _ := r.pair(t, dsn)
	answered := r.answeredCount(t)
	appended := r.burst(n)
	waitAnswered(t, answered, 30, a)
	a.Process.Kill()
	a.Wait()
	killedAt, held := answered(), heldBy(t, dsn, "a")
	who, took := r.watcher(t, "a", 30*time.Second)
	if who != "b" {
		t.Fatalf("%q took over, want b", who)
	}
	if took > 10*time.Second {
		t.Errorf("b took over %s after the kill, want within 10s (imap.takeover)", took.Round(time.Millisecond))
	}
	if err := <-appended; err != nil {
		t.Fatal(err)
	}
	r.allGot(t, n, 1, 3*time.Minute)
	t.Logf("watcher killed with %d of %d flagged answered and %d replies held under its lease; b took over %s later",
		killedAt, n, held, took.Round(time.Millisecond))
	if killedAt >= n {
		t.Errorf("all %d were answered before the kill; the test proves nothing", n)
	}
}

// TestE2ETwoInstancesKillSender kills the instance that does not watch
// the mailbox (it only sends) with SIGKILL in the middle of a burst of
// 1000: the replies it held come back when their leases end, are looked
// for by their copies, and every message is answered exactly once.
//
// The burst must outlast the sender's idle poll of the outbox (5 s; only
// the watcher is woken when it queues a reply): with 200, the watcher
// sent them all in under 5 s in one clean-clone CI run, and the sender
// never held a reply to be killed with.
func TestE2ETwoInstancesKillSender(t *testing.T) {
	r, dsn := newPGRun(t)
	const n = 1000
	_, b := r.pair(t, dsn)
	appended := r.burst(n)
	// The kill comes while b holds replies under its lease: being sent,
	// or claimed and not yet tried.
	var held int
	if !eventually(time.Minute, time.Millisecond, func() bool { held = heldBy(t, dsn, "b"); return held > 0 }) {
		t.Fatal("instance b never held a reply")
	}
	b.Process.Kill()
	b.Wait()
	byB := sentBy(t, dsn)["b"]
	if who, _, _ := r.st.Watcher(context.Background()); who != "a" {
		t.Errorf("%q watches the mailbox after the sender's kill, want a", who)
	}
	if err := <-appended; err != nil {
		t.Fatal(err)
	}
	r.allGot(t, n, 1, 5*time.Minute)
	t.Logf("sender b killed holding %d replies under its lease, after it had sent %d; all %d answered once", held, byB, n)
}

// TestE2ETwoInstancesFollowupsOnce answers 40 messages, then walks the due
// follow-ups from two instances at once, each on its own connection to
// the store, and both send: each nudge is queued and sent once.
func TestE2ETwoInstancesFollowupsOnce(t *testing.T) {
	r, dsn := newPGRun(t)
	ctx := context.Background()
	const n = 40
	clock := &fakeClock{t: time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)} // Monday 09:00 in New York
	withPlan := r.withPlan(t, clock)
	r.append(t, 1, n)
	r.start(t, 2, withPlan)
	r.allGot(t, n, 1, 2*time.Minute)
	r.stop(t)

	// Three days later the nudges are due; two instances walk them at once.
	clock.Add(72 * time.Hour)
	var ds []*Daemon
	for _, name := range []string{"a", "b"} {
		st, err := store.OpenPostgres(ctx, dsn, store.PostgresOptions{Instance: name})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		o := Options{Store: st, Address: r.e.Assistant, Senders: 2, HourlyCap: 1 << 30, NewSender: r.newSender,
			IsPermanent: outbox.IsPermanent, PollInterval: 100 * time.Millisecond, CopySelf: true, Confirm: r.confirm,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
		withPlan(&o)
		d, err := Open(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close(ctx)
		ds = append(ds, d)
	}
	var wg sync.WaitGroup
	reps := make([]string, len(ds))
	for i, d := range ds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rep, err := d.RunDue(ctx, clock.Now())
			if err != nil {
				t.Error(err)
			}
			reps[i] = rep.String()
		}()
	}
	wg.Wait()
	sctx, cancel := context.WithCancel(ctx)
	for _, d := range ds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.RunSenders(sctx)
		}()
	}
	r.allGot(t, n, 2, 2*time.Minute) // the advice and one nudge each
	cancel()
	wg.Wait()
	out, err := r.st.ListOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nudges := 0
	for _, o := range out {
		if o.InboundID == 0 {
			nudges++
		}
	}
	if nudges != n {
		t.Errorf("%d follow-ups queued, want %d (one per person)", nudges, n)
	}
	t.Logf("the two walks at once: %q; %d follow-ups queued and sent once", reps, nudges)
}

// BenchmarkE2ETakeover kills the instance watching the mailbox 10 times
// (E2E_KILLS changes it) and reports how long the other took to take
// over: from the kill to the store naming it.
func BenchmarkE2ETakeover(b *testing.B) {
	r, dsn := newPGRun(b)
	log := childLog(b)
	kills := 10
	if v, err := fmt.Sscan(os.Getenv("E2E_KILLS"), &kills); err != nil || v != 1 {
		kills = 10
	}
	cmds := map[string]*exec.Cmd{"a": r.instance(b, dsn, "a", log)}
	defer func() {
		for _, c := range cmds {
			stopAll(c)
		}
	}()
	who, _ := r.watcher(b, "", 30*time.Second)
	cmds["b"] = r.instance(b, dsn, "b", log)
	var took []time.Duration
	for range kills {
		// Let the other one start and stand by, then kill at no moment in
		// particular of its tries (every third of imap.takeover, 3.3 s):
		// the takeover time depends on where in that period the kill falls.
		time.Sleep(2*time.Second + rand.N(3333*time.Millisecond))
		cmds[who].Process.Kill()
		cmds[who].Wait()
		killed := who
		var d time.Duration
		who, d = r.watcher(b, killed, 30*time.Second)
		took = append(took, d)
		cmds[killed] = r.instance(b, dsn, killed, log)
	}
	slices.Sort(took)
	b.ReportMetric(took[len(took)/2].Seconds(), "median-takeover-s")
	b.ReportMetric(took[len(took)-1].Seconds(), "max-takeover-s")
	b.ReportMetric(took[0].Seconds(), "min-takeover-s")
	b.Logf("takeover after each of %d kills: %v", kills, took)
}

// storeRun answers n messages with instances daemons in this process on
// st (each with its own handle from open, and the watcher taking turns
// when there are several), from the start until the last reply is sent;
// machine CPU counts PostgreSQL's too.
func storeRun(b *testing.B, n, instances int, open func(name string) e2eStore) run {
	r := newE2EOn(b, open("test"))
	r.append(b, 1, n)
	r.emptyDeliveries(b)
	r.drain(b)
	var runs []*e2eRun
	for i := range instances {
		ri := *r
		ri.st = open(string(rune('a' + i)))
		if pg, ok := ri.st.(*store.Postgres); ok {
			ri.turns = func(src Source) Source {
				t, err := NewTurns(TurnsOptions{Source: src, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Take: TakeWith(pg.TryWatch)})
				if err != nil {
					b.Fatal(err)
				}
				return t
			}
		}
		runs = append(runs, &ri)
	}
	cpu0, cerr := procstat.ReadCPU()
	start := time.Now()
	for _, ri := range runs {
		ri.start(b, 2)
	}
	res := run{n: n}
	if !eventually(10*time.Minute, 2*time.Millisecond, func() bool {
		sent := 0
		for _, ri := range runs {
			sent += int(testutil.ToFloat64(ri.d.metrics.sent))
		}
		return sent >= n
	}) {
		b.Fatalf("not all %d replies sent after 10 minutes", n)
	}
	res.elapsed = time.Since(start)
	if cpu1, err := procstat.ReadCPU(); err == nil && cerr == nil {
		res.cpu = cpu1.Sub(cpu0)
	}
	for _, ri := range runs {
		ri.stop(b)
		ri.st.Close()
	}
	return res
}

// BenchmarkE2EStores answers b.N messages with one instance on SQLite,
// one on PostgreSQL, and two on PostgreSQL, in the same run: messages a
// second and machine CPU a message (Dovecot, Postfix and PostgreSQL
// included).
func BenchmarkE2EStores(b *testing.B) {
	sqlite := func(b *testing.B) func(string) e2eStore {
		path := filepath.Join(b.TempDir(), "jobback.db")
		return func(string) e2eStore {
			st, err := store.Open(context.Background(), path)
			if err != nil {
				b.Fatal(err)
			}
			return st
		}
	}
	postgres := func(b *testing.B) func(string) e2eStore {
		dsn := pgtest.Database(b)
		return func(name string) e2eStore {
			st, err := store.OpenPostgres(context.Background(), dsn, store.PostgresOptions{Instance: name})
			if err != nil {
				b.Fatal(err)
			}
			return st
		}
	}
	for _, c := range []struct {
		name      string
		instances int
		open      func(*testing.B) func(string) e2eStore
	}{
		{"sqlite-1", 1, sqlite},
		{"postgres-1", 1, postgres},
		{"postgres-2", 2, postgres},
	} {
		b.Run(c.name, func(b *testing.B) {
			res := storeRun(b, b.N, c.instances, c.open(b))
			reportCPU(b, "", res)
			b.ReportMetric(res.rate(), "msgs/s")
		})
	}
}
