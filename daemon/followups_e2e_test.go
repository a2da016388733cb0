//go:build e2e

package daemon

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"jobback/domain"
	"jobback/e2e"
	"jobback/responder"
	"jobback/schedule"
)

// withPlan sets a daemon's options for follow-ups on clock: the default
// plan, the responder's follow-ups and replies as of clock, and a walk
// every hour of it.
func (r *e2eRun) withPlan(tb testing.TB, clock *fakeClock) func(*Options) {
	tb.Helper()
	pl, err := schedule.New(schedule.Plan{})
	if err != nil {
		tb.Fatal(err)
	}
	w, err := responder.New(responder.Options{Address: r.e.Assistant, Now: clock.Now})
	if err != nil {
		tb.Fatal(err)
	}
	return func(o *Options) {
		o.Planner, o.Writer, o.Now, o.DueEvery = pl, w, clock.Now, everyHour{}
		o.Renderer = realRendererAt(tb, r.e.Assistant, clock.Now)
	}
}

// TestE2EFollowupsEveryCommand walks one case through the follow-up plan
// against Dovecot and Postfix, moving a test clock as `jobback followups
// run-due --now` does. Every message that must arrive is read back from the
// person's mailbox (the catch-all, through Postfix and Dovecot's LMTP) and
// checked: its kind, its threading and its headers. The commands: SENT,
// NO, SNOOZE, YES, STOP (twice) and FORGET. Messages that must not
// arrive are checked by counting. The daemon is restarted between
// scheduling a follow-up and its due time.
func TestE2EFollowupsEveryCommand(t *testing.T) {
	r := newE2E(t)
	ctx := context.Background()
	clock := &fakeClock{t: time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)} // Monday 09:00 in New York
	withPlan := r.withPlan(t, clock)
	person := r.tag + "-ann@people.example"
	inbox := r.e.IMAP(t, r.e.CatchAll)
	seen := 0 // messages to Ann read so far
	// next waits for the next message to Ann and returns it (extra ones
	// are caught by none).
	next := func(what string) *e2e.Message {
		t.Helper()
		var mine []*e2e.Message
		if !eventually(30*time.Second, 100*time.Millisecond, func() bool {
			msgs, err := e2e.Messages(inbox, "INBOX", 0)
			if err != nil {
				t.Fatal(err)
			}
			mine = mine[:0]
			for _, m := range msgs {
				if m.Envelope != nil && len(m.Envelope.To) > 0 && m.Envelope.To[0].Addr() == person {
					mine = append(mine, m)
				}
			}
			return len(mine) > seen
		}) {
			t.Fatalf("no %s arrived", what)
		}
		seen++
		return mine[seen-1]
	}
	// none checks that nothing more reached Ann.
	none := func(after string) {
		t.Helper()
		// Not a wait for a state but the test itself: nothing announces
		// a message that should not come, so a late one is given the
		// time Postfix and LMTP take at most here, and then looked for.
		time.Sleep(1500 * time.Millisecond)
		msgs, err := e2e.Messages(inbox, "INBOX", 0)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range msgs {
			if m.Envelope != nil && len(m.Envelope.To) > 0 && m.Envelope.To[0].Addr() == person {
				n++
			}
		}
		if n != seen {
			t.Fatalf("after %s: %d messages to Ann, want %d", after, n, seen)
		}
	}
	check := func(m *e2e.Message, kind domain.Kind, autoSubmitted, inReplyTo string, words ...string) {
		t.Helper()
		h, err := m.Header()
		if err != nil {
			t.Fatal(err)
		}
		if v := h.Get("Auto-Submitted"); v != autoSubmitted {
			t.Errorf("%s: Auto-Submitted %q, want %q", kind, v, autoSubmitted)
		}
		if irt, _ := h.MsgIDList("In-Reply-To"); inReplyTo != "" && (len(irt) != 1 || irt[0] != inReplyTo) {
			t.Errorf("%s: In-Reply-To %v, want %s", kind, irt, inReplyTo)
		}
		if kind != domain.KindConfirmStop && kind != domain.KindConfirmForget {
			if v := h.Get("List-Unsubscribe"); !strings.Contains(v, "mailto:"+r.e.Assistant+"?subject=STOP") {
				t.Errorf("%s: List-Unsubscribe %q", kind, v)
			}
		}
		text, err := m.Text()
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range words {
			if !strings.Contains(strings.ToLower(text), strings.ToLower(w)) {
				t.Errorf("%s: %q not in:\n%s", kind, w, text)
			}
		}
		t.Logf("%s arrived: %q", kind, m.Subject())
	}
	n := 0
	say := func(inReplyTo, body string) string {
		t.Helper()
		n++
		id := fmt.Sprintf("%s.ann%d@people.example", r.tag, n)
		raw := message("Ann Lee <"+person+">", id, "Re: I was fired", body,
			"In-Reply-To: <"+inReplyTo+">", "References: <"+inReplyTo+">")
		c := r.e.IMAP(t, r.e.Assistant)
		if err := e2e.AppendAll(c, r.folder, [][]byte{raw}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	// recorded waits until the daemon has recorded message id, and with
	// it, in the same transaction, what the message changed in the case.
	recorded := func(id string) {
		t.Helper()
		if !eventually(30*time.Second, 50*time.Millisecond, func() bool {
			rows, err := r.st.ListInbound(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				if row.Inbound.MessageID == id {
					return true
				}
			}
			return false
		}) {
			t.Fatalf("the daemon did not record %s", id)
		}
	}
	due := func(want int) {
		t.Helper()
		rep, err := r.d.RunDue(ctx, clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if rep.Queued != want {
			t.Fatalf("run-due at %s: %s, want %d queued", clock.Now().Format(time.RFC3339), rep, want)
		}
	}

	// The advice; then a restart before the nudge is due.
	r.start(t, 1, withPlan)
	first := message("Ann Lee <"+person+">", r.tag+".ann0@people.example", "I was fired", firedBody)
	if err := e2e.AppendAll(r.e.IMAP(t, r.e.Assistant), r.folder, [][]byte{first}); err != nil {
		t.Fatal(err)
	}
	advice := next("advice")
	adviceID := advice.Envelope.MessageID
	r.stop(t)
	clock.Add(48 * time.Hour)
	r.start(t, 1, withPlan) // its walk at start finds the nudge due
	nudge := next("nudge to send the letter")
	check(nudge, domain.KindNudgeSend, "auto-generated", adviceID, "Jane")
	due(0) // walked again: nothing twice
	none("a second walk")

	say(nudge.Envelope.MessageID, "SENT")
	confirm := next("SENT confirmation")
	check(confirm, domain.KindConfirmSent, "auto-replied", "")
	clock.Add(7 * 24 * time.Hour)
	due(2) // the weekly check-in (Monday) and the polite follow-up
	a, b := next("check-in or follow-up nudge"), next("check-in or follow-up nudge")
	if ta, _ := a.Text(); !strings.Contains(ta, "checking in") {
		a, b = b, a
	}
	check(a, domain.KindCheckin, "auto-generated", "", "checking in", "Acme Corp")
	check(b, domain.KindNudgeFollowup, "auto-generated", "", "since you sent your letter", "draft")

	recorded(say(b.Envelope.MessageID, "They said no."))
	due(1)
	check(next("checklist"), domain.KindChecklist, "auto-generated", "", "reference")
	none("the checklist")

	say(b.Envelope.MessageID, "SNOOZE 2 weeks")
	check(next("SNOOZE confirmation"), domain.KindConfirmSnooze, "auto-replied", "")
	clock.Add(10 * 24 * time.Hour)
	due(0) // inside the snooze

	// YES: the plan is cancelled and congratulations go out; nothing else
	// follows them.
	recorded(say(b.Envelope.MessageID, "They said yes! I start back Monday."))
	due(1)
	check(next("congratulations"), domain.KindCongrats, "auto-generated", "", "congratulations", "resign")
	clock.Add(30 * 24 * time.Hour)
	due(0)
	none("congratulations and a month")

	stopID := say(b.Envelope.MessageID, "STOP")
	check(next("STOP confirmation"), domain.KindConfirmStop, "auto-replied", stopID)
	again := say(b.Envelope.MessageID, "stop")
	clock.Add(60 * 24 * time.Hour)
	recorded(again)
	due(0)
	none("STOP, a second STOP and two months")

	say(b.Envelope.MessageID, "FORGET")
	check(next("FORGET confirmation"), domain.KindConfirmForget, "auto-replied", "")
	var left int
	if !eventually(10*time.Second, 100*time.Millisecond, func() bool {
		var err error
		if left, err = r.st.CountMentions(ctx, person); err != nil {
			t.Fatal(err)
		}
		return left == 0
	}) {
		t.Fatalf("%d rows still mention %s after FORGET", left, person)
	}
	clock.Add(30 * 24 * time.Hour)
	due(0)
	none("FORGET")
	t.Logf("%d messages reached Ann; after FORGET no row mentions her", seen)
}

// realRendererAt is the responder writing as addr on the given clock.
func realRendererAt(t testing.TB, addr string, now func() time.Time) Renderer {
	resp, err := responder.New(responder.Options{Address: addr, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}
