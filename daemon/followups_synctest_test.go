package daemon

// The daemon's own clocks, tested on a fake clock: the tick that walks the
// due follow-ups (Options.DueEvery, dueLoop), so that a follow-up goes out
// at the first tick at or after its due time as the daemon runs, with
// nobody calling RunDue; and the hourly cap, whose held replies go out when
// there is room.
//
// Each test runs in a testing/synctest bubble, where time.Now, timers and
// time.Sleep follow a fake clock that moves only when every goroutine of
// the bubble is blocked on something of the bubble: two days pass in a
// moment, and when a thing happened can be asserted to the second.
//
// The parts are real (the store in t.TempDir(), opened inside the bubble;
// the planner and responder as `jobback run` wires them; go-mail senders
// talking to mailtest's SMTP server, started outside the bubble, before
// synctest.Test, since its goroutines wait on the network, which is never
// "durably blocked") except the mailbox: the Watcher cannot run in a
// bubble, because its IMAP client keeps a goroutine reading the network,
// and the clock would never move. The test hands each message to
// Daemon.Handle, as the Watcher does.

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"testing/synctest"
	"time"

	"jobback/domain"
	"jobback/internal/mailtest"
	"jobback/mailbox"
	"jobback/responder"
	"jobback/schedule"
	"jobback/store"
)

// noMail is the daemon's Source in a bubble: it brings nothing (the test
// calls Daemon.Handle) and is always connected.
type noMail struct{}

func (noMail) Run(ctx context.Context, _ mailbox.Handler) error {
	<-ctx.Done()
	return nil
}

func (noMail) DisconnectedSince() time.Time { return time.Time{} }

// startSMTPOutside starts mailtest's SMTP server for a bubble: call it
// before synctest.Test.
func startSMTPOutside(t *testing.T) *mailtest.SMTPServer {
	t.Helper()
	srv, err := mailtest.StartSMTP(mailtest.SMTPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// bubbleDaemon is a daemon running in a bubble on a store of its own.
type bubbleDaemon struct {
	t   *testing.T
	st  *store.SQLite
	d   *Daemon
	uid uint32 // of the last message handed over
}

// runDaemon opens a store in t.TempDir() and runs a daemon with follow-ups
// on it, sending to srv, until the test ends; t is the bubble's. The plan
// is the default one and the tick is config's default, "@every 1m"; adjust,
// if set, changes the options before Open.
func runDaemon(t *testing.T, srv *mailtest.SMTPServer, adjust func(*Options)) *bubbleDaemon {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "jobback.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	pl, err := schedule.New(schedule.Plan{})
	if err != nil {
		t.Fatal(err)
	}
	w, err := responder.New(responder.Options{Address: ourAddr, MessageIDDomain: "jobback.test"})
	if err != nil {
		t.Fatal(err)
	}
	tick, err := schedule.ParseCron("@every 1m")
	if err != nil {
		t.Fatal(err)
	}
	o := Options{
		Store: st, Source: noMail{}, Address: ourAddr, Renderer: w, Writer: w, Planner: pl, DueEvery: tick,
		NewSender: realSender(srv.Addr()),
		// The walk wakes the senders (Kick): that is what sends a
		// follow-up at its tick. Their poll, the fallback, is set longer
		// than these tests so that it cannot be what sends it (at its
		// default, 5 s, days of it would also be tens of thousands of
		// looks at the outbox).
		PollInterval: 30 * 24 * time.Hour,
		// The store's check of its file: once a day, not every 10 min.
		HealthCheckEvery: 24 * time.Hour,
		Logger:           slog.New(slog.DiscardHandler),
	}
	if adjust != nil {
		adjust(&o)
	}
	d, err := Open(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- d.Run(runCtx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		d.Close(context.Background())
	})
	return &bubbleDaemon{t: t, st: st, d: d}
}

// hand gives the daemon a message that has just arrived, as the Watcher
// does, and waits until the daemon is idle again: what it queued to go at
// once is sent.
func (b *bubbleDaemon) hand(id string, raw []byte) {
	b.t.Helper()
	b.uid++
	now := time.Now()
	m := &mailbox.Message{Mailbox: "INBOX", UIDValidity: 1, UID: b.uid, MessageID: id, Raw: raw, Size: int64(len(raw)),
		InternalDate: now, Noticed: now, Attempt: 1}
	if err := b.d.Handle(context.Background(), m); err != nil {
		b.t.Fatal(err)
	}
	synctest.Wait()
}

// pending returns the person's one pending follow-up of kind k.
func (b *bubbleDaemon) pending(person string, k domain.Kind) store.Followup {
	b.t.Helper()
	fs, err := b.st.PendingFollowups(context.Background(), person)
	if err != nil {
		b.t.Fatal(err)
	}
	var found []store.Followup
	for _, f := range fs {
		if f.Kind == k {
			found = append(found, f)
		}
	}
	if len(found) != 1 {
		b.t.Fatalf("%d pending %s for %s (pending: %v), want 1", len(found), k, person, kindsOf(fs))
	}
	return found[0]
}

// outboxRow returns the outbox row of the message with this Message-ID,
// or of the reply of this kind to this recipient; nil if there is none.
func (b *bubbleDaemon) outboxRow(messageID, recipient string, k domain.Kind) *store.OutboxItem {
	b.t.Helper()
	out, err := b.st.ListOutbox(context.Background())
	if err != nil {
		b.t.Fatal(err)
	}
	for _, o := range out {
		if o.MessageID == messageID || messageID == "" && o.Recipient == recipient && o.Kind == k {
			return &o
		}
	}
	return nil
}

// sentAt returns when the outbox row with this Message-ID was marked sent.
func (b *bubbleDaemon) sentAt(messageID string) time.Time {
	b.t.Helper()
	o := b.outboxRow(messageID, "", "")
	if o == nil {
		b.t.Fatalf("no outbox row %s", messageID)
	}
	return o.SentAt
}

// sleepUntil moves the clock to at: every timer due by then has fired and
// the bubble is idle again.
func sleepUntil(at time.Time) {
	time.Sleep(time.Until(at))
	synctest.Wait()
}

// tuesdayMorning is Tuesday 4 January 2000, 09:00 in New York (the
// messages say -0500): two days on is Thursday morning, far from the
// Monday check-ins and the quiet hours.
var tuesdayMorning = time.Date(2000, 1, 4, 14, 0, 0, 0, time.UTC)

// checkNudge fails t unless the last message sent is the nudge to Ann,
// threaded to our last message before it (parentID), marked sent at due.
func checkNudge(t *testing.T, b *bubbleDaemon, sent []mailtest.Message, parentID string, due time.Time) {
	t.Helper()
	last := sent[len(sent)-1]
	h := headerOf(t, last.Raw)
	if last.To[0] != "ann@example.org" {
		t.Fatalf("the nudge went to %v", last.To)
	}
	if k := h.Get("Subject"); k != "Re: I was fired" {
		t.Fatalf("the nudge's subject %q", k)
	}
	if irt, _ := h.MsgIDList("In-Reply-To"); len(irt) != 1 || irt[0] != parentID {
		t.Fatalf("the nudge's In-Reply-To %v, want our last message %s", irt, parentID)
	}
	if at := b.sentAt(h.id(t)); !at.Equal(due) {
		t.Fatalf("the nudge was sent at %s, want %s (the tick at its due time)", at, due)
	}
}

// The send nudge is due two days after the advice (nudge_after): the
// running daemon sends it at the tick of its due time, and not at the tick
// a minute before.
func TestNudgeGoesOutWhenDue(t *testing.T) {
	srv := startSMTPOutside(t)
	synctest.Test(t, func(t *testing.T) {
		sleepUntil(tuesdayMorning)
		b := runDaemon(t, srv, nil)
		b.hand("ann0@example.org", message("Ann Lee <ann@example.org>", "ann0@example.org", "I was fired", firedBody))
		sent := srv.Sent()
		if len(sent) != 1 || sent[0].To[0] != "ann@example.org" {
			t.Fatalf("%d messages sent for Ann's first message, want the advice", len(sent))
		}
		adviceID := headerOf(t, sent[0].Raw).id(t)
		nudge := b.pending("ann@example.org", domain.KindNudgeSend)
		if want := tuesdayMorning.Add(schedule.DefaultNudgeAfter); !nudge.DueAt.Equal(want) {
			t.Fatalf("nudge due %s, want %s (two days after the advice)", nudge.DueAt, want)
		}

		sleepUntil(nudge.DueAt.Add(-time.Minute + time.Second))
		if n := len(srv.Sent()); n != 1 {
			t.Fatalf("%d messages sent a minute before the nudge was due, want only the advice", n)
		}
		b.pending("ann@example.org", domain.KindNudgeSend)

		sleepUntil(nudge.DueAt.Add(time.Second))
		sent = srv.Sent()
		if len(sent) != 2 {
			t.Fatalf("%d messages sent once the nudge was due, want the advice and the nudge", len(sent))
		}
		checkNudge(t, b, sent, adviceID, nudge.DueAt)
	})
}

// SNOOZE (a week, by default) moves the nudge a week later: nothing goes
// out when it was first due, nor in the week after; it goes out at the
// tick of its new due time, and not a minute earlier.
func TestSnoozeHoldsNudge(t *testing.T) {
	srv := startSMTPOutside(t)
	synctest.Test(t, func(t *testing.T) {
		sleepUntil(tuesdayMorning)
		b := runDaemon(t, srv, nil)
		b.hand("ann0@example.org", message("Ann Lee <ann@example.org>", "ann0@example.org", "I was fired", firedBody))
		adviceID := headerOf(t, srv.Sent()[0].Raw).id(t)
		first := b.pending("ann@example.org", domain.KindNudgeSend).DueAt

		sleepUntil(tuesdayMorning.Add(time.Hour))
		b.hand("ann1@example.org", reply(1, adviceID, "SNOOZE"))
		sent := srv.Sent()
		if len(sent) != 2 || sent[1].To[0] != "ann@example.org" {
			t.Fatalf("%d messages sent after SNOOZE, want the advice and the confirmation", len(sent))
		}
		confirmID := headerOf(t, sent[1].Raw).id(t)
		due := b.pending("ann@example.org", domain.KindNudgeSend).DueAt
		if want := first.Add(schedule.DefaultSnooze); !due.Equal(want) {
			t.Fatalf("after SNOOZE the nudge is due %s, want %s (a week after %s)", due, want, first)
		}

		sleepUntil(due.Add(-time.Minute + time.Second))
		if n := len(srv.Sent()); n != 2 {
			t.Fatalf("%d messages sent in the week of the snooze, want none after the confirmation", n-2)
		}
		sleepUntil(due.Add(time.Second))
		sent = srv.Sent()
		if len(sent) != 3 {
			t.Fatalf("%d messages sent once the snoozed nudge was due, want 3", len(sent))
		}
		checkNudge(t, b, sent, confirmID, due)
	})
}

// A STOP also cancels an advice still held back by the hourly cap: it
// never goes out, while another held advice goes out when the cap has room
// for it, at the senders' first look after that, and not before.
func TestStopCancelsHeldReply(t *testing.T) {
	srv := startSMTPOutside(t)
	synctest.Test(t, func(t *testing.T) {
		sleepUntil(tuesdayMorning)
		b := runDaemon(t, srv, func(o *Options) {
			o.HourlyCap = 1
			o.PollInterval = 0 // the default: the held replies wait for a look at the outbox
		})
		start := time.Now()
		for i := 1; i <= 3; i++ {
			b.hand(fmt.Sprintf("m%d@example.org", i), advice(i))
		}
		if rc := recipients(srv.Sent()); len(rc) != 1 || rc["p1@example.org"] != 1 {
			t.Fatalf("replies to %v at once, want only p1's (the cap is 1 an hour)", rc)
		}
		// Each held advice waits an hour after the one before it.
		for i, room := range map[int]time.Time{2: start.Add(time.Hour), 3: start.Add(2 * time.Hour)} {
			to := fmt.Sprintf("p%d@example.org", i)
			o := b.outboxRow("", to, domain.KindAdvice)
			if o == nil {
				t.Fatalf("no advice to %s in the outbox", to)
			}
			if o.Status != store.StatusPending || !o.NextAttemptAt.Equal(room) {
				t.Fatalf("the advice to %s: %s until %s, want pending until %s", to, o.Status, o.NextAttemptAt, room)
			}
		}

		sleepUntil(start.Add(time.Minute))
		b.hand("p2stop@example.org", message("Person 2 <p2@example.org>", "p2stop@example.org", "Re: I was fired", "STOP"))
		if rc := recipients(srv.Sent()); rc["p2@example.org"] != 1 {
			t.Fatalf("p2 got %d messages after STOP, want the confirmation", rc["p2@example.org"])
		}
		if o := b.outboxRow("", "p2@example.org", domain.KindAdvice); o != nil {
			t.Fatalf("the held advice to p2 is still in the outbox after STOP: %s", o.Status)
		}

		// The senders look every 5 s from the STOP's kick on: p3's room,
		// two hours after the start, is one of their looks.
		room := start.Add(2 * time.Hour)
		sleepUntil(room.Add(-time.Millisecond))
		if rc := recipients(srv.Sent()); rc["p3@example.org"] != 0 || rc["p2@example.org"] != 1 {
			t.Fatalf("before p3's room: replies to %v, want nothing more to p2 or p3", rc)
		}
		sleepUntil(room.Add(time.Millisecond))
		if rc := recipients(srv.Sent()); rc["p3@example.org"] != 1 || rc["p2@example.org"] != 1 || len(srv.Sent()) != 3 {
			t.Fatalf("at p3's room: replies to %v, want p3's advice and nothing more to p2", rc)
		}
		if at := b.sentAt(b.outboxRow("", "p3@example.org", domain.KindAdvice).MessageID); !at.Equal(room) {
			t.Fatalf("the advice to p3 went out at %s, want %s", at, room)
		}
	})
}
