package outbox

// The queue's timers, tested on a fake clock: the senders' poll interval,
// the backoff between tries, the give-up time and the lease.
//
// Each test runs in a testing/synctest bubble. There time.Now, timers and
// time.Sleep follow a fake clock that moves only when every goroutine of
// the bubble is blocked on something of the bubble (a channel, a timer,
// time.Sleep): the test moves it with time.Sleep and waits for the senders
// to be idle with synctest.Wait, so "15 minutes later" takes no time and
// when a thing happened can be asserted to the millisecond.
//
// The parts are the real ones: the store is SQLite in t.TempDir(), opened
// inside the bubble (database/sql's goroutines and channels must belong to
// it), and the senders are go-mail Submitters talking to mailtest's SMTP
// server, whose fault injection (FailNext, FailAlways) makes a send fail on
// cue. The server is started outside the bubble, before synctest.Test: its
// goroutines wait on the network, which is never "durably blocked", so in
// the bubble they would keep the clock from ever moving. The senders' own
// connections are in the bubble; each command's I/O ends at once on
// loopback, and the clock stands still until it has.

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"jobback/domain"
	"jobback/internal/mailtest"
	"jobback/store"
)

// bubbleQueue is a store and, once run, a queue sending from it, inside a
// bubble.
type bubbleQueue struct {
	t   *testing.T
	st  *store.SQLite
	srv *smtpServer
	q   *Queue
	uid uint32 // of the last message recorded
}

// newBubbleQueue opens a store in t.TempDir(); t is the bubble's. It is
// closed when the test ends.
func newBubbleQueue(t *testing.T, srv *smtpServer) *bubbleQueue {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "jobback.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &bubbleQueue{t: t, st: st, srv: srv}
}

// run starts the queue on the store, with the default options except what
// adjust changes, until the test ends. Its senders look at the outbox at
// once, then every PollInterval.
func (b *bubbleQueue) run(adjust func(*Options)) {
	b.t.Helper()
	o := Options{
		Store: b.st,
		NewSender: func() (Sender, error) {
			return NewSubmitter(SMTPOptions{Addr: b.srv.Addr(), TLS: domain.TLSNone, HELO: "localhost", Timeout: 10 * time.Second})
		},
		Logger: slog.New(slog.DiscardHandler),
	}
	if adjust != nil {
		adjust(&o)
	}
	q, err := New(o)
	if err != nil {
		b.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		q.Run(ctx)
	}()
	b.t.Cleanup(func() {
		cancel()
		<-done
	})
	b.q = q
}

// queueReply records a message answered now and its reply, as the daemon
// does, and returns the reply's outbox row. The senders are not woken.
func (b *bubbleQueue) queueReply() int64 {
	b.t.Helper()
	b.uid++
	rep := testReply(b.t)
	now := time.Now()
	res, err := b.st.Record(context.Background(), store.Record{
		Inbound: store.Inbound{Key: store.InboundKey{Mailbox: "INBOX", UIDValidity: 1, UID: b.uid},
			MessageID: fmt.Sprintf("m%d@example.org", b.uid), From: rep.To, Subject: "I was fired",
			Decision: domain.DecisionAnswered, ReceivedAt: now},
		Outbox: []store.NewOutbox{{Kind: domain.KindAdvice, MessageID: rep.MessageID, From: "help@jobback.example",
			Recipient: rep.To, Raw: rep.Raw, ArrivedAt: now}},
		Now: now,
	})
	if err != nil {
		b.t.Fatal(err)
	}
	return res.OutboxIDs[0]
}

func (b *bubbleQueue) row(id int64) *store.OutboxItem {
	b.t.Helper()
	it, err := b.st.Outbox(context.Background(), id)
	if err != nil {
		b.t.Fatal(err)
	}
	return it
}

// firstPoll is the first look at the outbox, by a sender that looked at
// `looked` and looks every DefaultPollInterval, that finds a row due at
// `due`.
func firstPoll(looked, due time.Time) time.Time {
	n := max((due.Sub(looked)+DefaultPollInterval-1)/DefaultPollInterval, 1)
	return looked.Add(n * DefaultPollInterval)
}

// sleepUntil moves the clock to at: every timer due by then has fired and
// the bubble is idle again.
func sleepUntil(at time.Time) {
	time.Sleep(time.Until(at))
	synctest.Wait()
}

// retried waits, after a failed try at `tried` whose row is now row, for
// the next try: none until the first poll after the row's next attempt
// time, then one at that poll. It returns the poll's time.
func retried(t *testing.T, srv *smtpServer, tried time.Time, row *store.OutboxItem) time.Time {
	t.Helper()
	poll := firstPoll(tried, row.NextAttemptAt)
	before := srv.Attempts()
	sleepUntil(poll.Add(-time.Millisecond))
	if n := srv.Attempts(); n != before {
		t.Fatalf("tried again by %s after the try at %s; want no try before the first poll (%s later) after its retry time (%s later)",
			time.Since(tried), tried.Format(time.TimeOnly), poll.Sub(tried), row.NextAttemptAt.Sub(tried))
	}
	sleepUntil(poll.Add(time.Millisecond))
	if n := srv.Attempts(); n != before+1 {
		t.Fatalf("%d tries at the first poll after the retry time (%s after the try at %s), want 1",
			n-before, poll.Sub(tried), tried.Format(time.TimeOnly))
	}
	return poll
}

// checkBackoff fails t unless the wait before try n+1, the row's next
// attempt time after try n failed at `tried`, is the backoff: RetryBase
// doubled at each try, capped at RetryMax, and lowered by up to a quarter
// of itself (the jitter). Times are kept in milliseconds.
func checkBackoff(t *testing.T, n int, tried time.Time, row *store.OutboxItem) {
	t.Helper()
	want := min(DefaultRetryBase<<min(n-1, 20), DefaultRetryMax)
	if wait := row.NextAttemptAt.Sub(tried); wait < want*3/4-time.Millisecond || wait > want {
		t.Fatalf("try %d failed (%s); next try in %s, want the backoff, between %s and %s",
			n, row.LastError, wait, want*3/4, want)
	}
}

// A reply whose sends fail (451 to DATA, the connection lost, 451 again)
// is tried again after each backoff (30 s, 1 min, 2 min, less the jitter),
// not a millisecond before the first poll that finds it due, and at that
// poll; the fourth try sends it.
func TestQueueRetriesAfterBackoff(t *testing.T) {
	srv := startSMTP(t, "", "", domain.TLSNone)
	failures := []mailtest.Failure{mailtest.Temporary, mailtest.Drop, mailtest.Temporary}
	srv.FailNext(failures...)
	synctest.Test(t, func(t *testing.T) {
		b := newBubbleQueue(t, srv)
		b.run(nil)
		id := b.queueReply()
		b.q.Kick()
		tried := time.Now()
		synctest.Wait()
		for i := range failures {
			n := i + 1
			row := b.row(id)
			if row.Status != store.StatusPending || row.Attempts != n || srv.Attempts() != n {
				t.Fatalf("after try %d: row %s after %d tries, %d at the server; want pending after %d",
					n, row.Status, row.Attempts, srv.Attempts(), n)
			}
			checkBackoff(t, n, tried, row)
			tried = retried(t, srv, tried, row)
		}
		row := b.row(id)
		if sent := srv.Sent(); len(sent) != 1 || row.Status != store.StatusSent || row.Attempts != 4 {
			t.Fatalf("after the fourth try: %d messages at the server, row %s after %d tries; want it sent", len(sent), row.Status, row.Attempts)
		}
		if !row.SentAt.Equal(tried) {
			t.Errorf("marked sent at %s, want %s (the try that sent it)", row.SentAt, tried)
		}
	})
}

// A reply that cannot be sent (the server answers 451 to everything) is
// tried with the backoff, capped at RetryMax, until GiveUpAfter has passed
// since it was queued: the first try after that marks it failed, and it is
// never tried again.
func TestQueueGivesUpAfter(t *testing.T) {
	srv := startSMTP(t, "", "", domain.TLSNone)
	srv.FailAlways(mailtest.Temporary)
	const giveUp = time.Hour
	synctest.Test(t, func(t *testing.T) {
		b := newBubbleQueue(t, srv)
		b.run(func(o *Options) { o.GiveUpAfter = giveUp })
		id := b.queueReply()
		b.q.Kick()
		queued := time.Now()
		tried := queued
		synctest.Wait()
		for n := 1; ; n++ {
			row := b.row(id)
			if srv.Attempts() != n || row.Attempts != n {
				t.Fatalf("try %d: %d tries at the server, %d on the row", n, srv.Attempts(), row.Attempts)
			}
			if tried.Sub(queued) >= giveUp {
				if row.Status != store.StatusFailed || !strings.HasPrefix(row.LastError, "gave up: ") {
					t.Fatalf("try %d, %s after the reply was queued: row %s (%q), want failed, given up",
						n, tried.Sub(queued), row.Status, row.LastError)
				}
				t.Logf("given up at try %d, %s after the reply was queued", n, tried.Sub(queued))
				break
			}
			if row.Status != store.StatusPending {
				t.Fatalf("try %d, %s after the reply was queued: row %s (%q), want pending until %s have passed",
					n, tried.Sub(queued), row.Status, row.LastError, giveUp)
			}
			checkBackoff(t, n, tried, row)
			tried = retried(t, srv, tried, row)
		}
		// A retry would come within RetryMax and a poll: none comes.
		n := srv.Attempts()
		sleepUntil(time.Now().Add(2 * DefaultRetryMax))
		if srv.Attempts() != n || len(srv.Sent()) != 0 {
			t.Fatalf("%d more tries after it was given up", srv.Attempts()-n)
		}
	})
}

// Idle senders look at the outbox every PollInterval: a reply queued
// without waking them (by `jobback followups run-due`, which has no queue
// of its own to Kick) goes out at the next look, not before. Kick sends at
// once, and the next look is a PollInterval after that one.
func TestQueuePollsAtPollInterval(t *testing.T) {
	srv := startSMTP(t, "", "", domain.TLSNone)
	synctest.Test(t, func(t *testing.T) {
		b := newBubbleQueue(t, srv)
		start := time.Now()
		b.run(nil) // the first look, at start, finds nothing
		time.Sleep(time.Second)
		first := b.queueReply()

		sleepUntil(start.Add(DefaultPollInterval - time.Millisecond))
		if row := b.row(first); row.Status != store.StatusPending || len(srv.Sent()) != 0 {
			t.Fatalf("before the next look (%s after the first): row %s, %d sent", DefaultPollInterval, row.Status, len(srv.Sent()))
		}
		sleepUntil(start.Add(DefaultPollInterval + time.Millisecond))
		if row := b.row(first); row.Status != store.StatusSent || !row.SentAt.Equal(start.Add(DefaultPollInterval)) {
			t.Fatalf("at the next look: row %s at %s, want sent at %s", row.Status, row.SentAt, start.Add(DefaultPollInterval))
		}

		time.Sleep(time.Second)
		kicked := time.Now()
		second := b.queueReply()
		b.q.Kick()
		synctest.Wait()
		if row := b.row(second); row.Status != store.StatusSent || !row.SentAt.Equal(kicked) {
			t.Fatalf("kicked at %s: row %s at %s, want sent at once", kicked, row.Status, row.SentAt)
		}
		third := b.queueReply()
		sleepUntil(kicked.Add(DefaultPollInterval - time.Millisecond))
		if row := b.row(third); row.Status != store.StatusPending {
			t.Fatalf("queued after the kick: row %s before the next look, %s after the kick", row.Status, DefaultPollInterval)
		}
		sleepUntil(kicked.Add(DefaultPollInterval + time.Millisecond))
		if row := b.row(third); row.Status != store.StatusSent || !row.SentAt.Equal(kicked.Add(DefaultPollInterval)) {
			t.Fatalf("queued after the kick: row %s at %s, want sent at %s", row.Status, row.SentAt, kicked.Add(DefaultPollInterval))
		}
		if n := len(srv.Sent()); n != 3 {
			t.Fatalf("%d messages at the server, want 3", n)
		}
	})
}

// A row that a sender claimed and never finished (it died: another
// instance on the store, or a crash whose Recover has not run) is left to
// it until its lease runs out, then taken by another sender at its next
// look and sent.
func TestQueueTakesRowWhenLeaseRunsOut(t *testing.T) {
	srv := startSMTP(t, "", "", domain.TLSNone)
	synctest.Test(t, func(t *testing.T) {
		b := newBubbleQueue(t, srv)
		id := b.queueReply()
		claimed := time.Now()
		if items, err := b.st.Claim(context.Background(), claimed, DefaultLease, claimBatch); err != nil || len(items) != 1 {
			t.Fatalf("the dead sender's claim: %d rows, %v", len(items), err)
		}
		b.run(nil)
		leaseEnd := claimed.Add(DefaultLease)
		sleepUntil(leaseEnd.Add(-time.Millisecond))
		if row := b.row(id); row.Status != store.StatusSending || srv.Attempts() != 0 {
			t.Fatalf("before the lease ran out: row %s, %d tries at the server", row.Status, srv.Attempts())
		}
		sleepUntil(leaseEnd.Add(time.Millisecond))
		row := b.row(id)
		if row.Status != store.StatusSent || !row.SentAt.Equal(leaseEnd) || row.Attempts != 2 || len(srv.Sent()) != 1 {
			t.Fatalf("once the lease ran out: row %s at %s after %d tries, %d sent; want sent at %s (the look at the lease's end), the second try",
				row.Status, row.SentAt, row.Attempts, len(srv.Sent()), leaseEnd)
		}
	})
}
