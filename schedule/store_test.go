package schedule_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jobback/domain"
	"jobback/schedule"
	"jobback/store"
)

// openStore opens a real SQLite store in a temporary folder with a case for
// each of persons people (follow-ups need the person's case).
func openStore(tb testing.TB, persons int, sync string) *store.SQLite {
	tb.Helper()
	ctx := context.Background()
	s, err := store.OpenWith(ctx, filepath.Join(tb.TempDir(), "jobback.db"), store.Options{Synchronous: sync})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	t0 := utc("2026-11-01T12:00:00Z")
	for i := range persons {
		_, err := s.Record(ctx, store.Record{
			Inbound: store.Inbound{Key: store.InboundKey{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(i + 1)},
				From: person(i), Subject: "help", Decision: domain.DecisionAnswered, ReceivedAt: t0},
			Case: &store.CaseUpdate{Person: person(i), State: "advised", MessageAt: t0, AdviceAt: t0},
			Now:  t0,
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	return s
}

func person(i int) string { return fmt.Sprintf("p%d@example.org", i) }

// apply writes a Change the way the daemon will: one transaction per
// person.
func apply(t *testing.T, s *store.SQLite, now time.Time, who string, ch schedule.Change) {
	t.Helper()
	var cancel []string
	for _, k := range ch.Cancel {
		cancel = append(cancel, string(k))
	}
	var add []store.NewFollowup
	for _, f := range ch.Add {
		add = append(add, store.NewFollowup{Person: who, Kind: f.Kind, DueAt: f.DueAt})
	}
	if _, err := s.ReplanFollowups(context.Background(), now, who, cancel, add); err != nil {
		t.Fatal(err)
	}
}

func pendingOf(t *testing.T, s *store.SQLite, who string) []schedule.Pending {
	t.Helper()
	fs, err := s.PendingFollowups(context.Background(), who)
	if err != nil {
		t.Fatal(err)
	}
	var out []schedule.Pending
	for _, f := range fs {
		out = append(out, schedule.Pending{Kind: domain.Kind(f.Kind), DueAt: f.DueAt})
	}
	return out
}

func kindsAt(ps []schedule.Pending) string {
	var b []string
	for _, p := range ps {
		b = append(b, string(p.Kind)+"@"+p.DueAt.Format("01-02T15:04"))
	}
	return strings.Join(b, " ")
}

func TestDueQueryUsesIndex(t *testing.T) {
	s := openStore(t, 0, "")
	plan, err := s.ExplainDueFollowups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan, "USING INDEX followups_due") || strings.Contains(plan, "TEMP B-TREE") {
		t.Fatalf("due follow-ups are not read by the due index in order:\n%s", plan)
	}
	t.Logf("due query plan: %s", strings.TrimSpace(plan))
	plan, err = s.ExplainMarkFollowup(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan, "INTEGER PRIMARY KEY") {
		t.Fatalf("a follow-up is not marked by its primary key:\n%s", plan)
	}
	t.Logf("mark query plan: %s", strings.TrimSpace(plan))
}

// TestStoreWalk plans, commands and walks due follow-ups through the real
// store with an injected clock.
func TestStoreWalk(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, 3, "")
	pl := planner(t, schedule.Plan{})
	minus5 := schedule.Zone(-5 * 3600)
	advised := utc("2026-11-18T15:00:00Z") // Wednesday 10:00 their time
	for i := range 3 {
		apply(t, s, advised, person(i), pl.Advised(advised, minus5))
	}
	if got, want := kindsAt(pendingOf(t, s, person(0))), "nudge_send@11-20T15:00 checkin@11-23T14:00 checklist@12-09T15:00"; got != want {
		t.Fatalf("after advice: %s, want %s", got, want)
	}

	// p1 answers SENT on Thursday, p2 STOPs.
	thu := utc("2026-11-19T16:00:00Z")
	ch, _ := pl.Command(domain.CommandSent, thu, minus5, pendingOf(t, s, person(1)), 0)
	apply(t, s, thu, person(1), ch)
	ch, _ = pl.Command(domain.CommandStop, thu, minus5, pendingOf(t, s, person(2)), 0)
	apply(t, s, thu, person(2), ch)
	if got := pendingOf(t, s, person(2)); len(got) != 0 {
		t.Fatalf("after STOP still pending: %v", got)
	}
	if got, want := kindsAt(pendingOf(t, s, person(1))), "checkin@11-23T14:00 nudge_followup@11-26T16:00 checklist@12-10T16:00"; got != want {
		t.Fatalf("after SENT: %s, want %s", got, want)
	}

	// The daemon was down from Friday to Tuesday: at Tuesday noon UTC, p0's
	// nudge (due Friday) and both check-ins (due Monday) are due, late;
	// walked in pages of 1.
	now := utc("2026-11-24T12:00:00Z")
	var got []string
	var cur store.FollowupCursor
	for {
		page, err := s.DueFollowupsAfter(ctx, now, cur, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		cur = cur.Next(page)
		for _, f := range page {
			v := pl.Due(now, f.DueAt)
			if !v.Send || v.Late <= 0 {
				t.Errorf("%s %s: %+v, want sent late", f.Person, f.Kind, v)
			}
			got = append(got, f.Person+" "+string(f.Kind))
			if _, err := s.MarkFollowups(ctx, []int64{f.ID}, store.FollowupDone); err != nil {
				t.Fatal(err)
			}
			if f.Kind == domain.KindCheckin {
				apply(t, s, now, f.Person, pl.Done(domain.KindCheckin, now, minus5))
			}
		}
	}
	if want := "p0@example.org nudge_send|p0@example.org checkin|p1@example.org checkin"; strings.Join(got, "|") != want {
		t.Fatalf("due at %s: %s, want %s", now, strings.Join(got, "|"), want)
	}
	if again, _ := s.DueFollowupsAfter(ctx, now, store.FollowupCursor{}, 10); len(again) != 0 {
		t.Fatalf("done follow-ups came back: %v", again)
	}
	if got, want := kindsAt(pendingOf(t, s, person(0))), "checkin@11-30T14:00 checklist@12-09T15:00"; got != want {
		t.Fatalf("p0 after the walk: %s, want %s", got, want)
	}

	// p0 SNOOZEs for two weeks; p1 says YES (congratulations, nothing more).
	ch, _ = pl.Command(domain.CommandSnooze, now, minus5, pendingOf(t, s, person(0)), 14*24*time.Hour)
	apply(t, s, now, person(0), ch)
	if got, want := kindsAt(pendingOf(t, s, person(0))), "checkin@12-14T14:00 checklist@12-23T15:00"; got != want {
		t.Fatalf("p0 after SNOOZE 14d: %s, want %s", got, want)
	}
	ch, _ = pl.Command(domain.CommandYes, now, minus5, pendingOf(t, s, person(1)), 0)
	apply(t, s, now, person(1), ch)
	if got, want := kindsAt(pendingOf(t, s, person(1))), "congrats@11-24T13:00"; got != want {
		t.Fatalf("p1 after YES (07:00 their time): %s, want %s", got, want)
	}

	// Much later (the daemon was down a month): p0's snoozed check-in is
	// stale and dropped; its checklist is late but within a week.
	later := utc("2026-12-25T12:00:00Z")
	page, err := s.DueFollowupsAfter(ctx, later, store.FollowupCursor{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	verdict := map[string]string{}
	for _, f := range page {
		v := pl.Due(later, f.DueAt)
		status := store.FollowupDone
		if v.Stale {
			status = store.FollowupStale
		}
		if n, err := s.MarkFollowups(ctx, []int64{f.ID}, status); err != nil || n != 1 {
			t.Fatalf("mark %d: %d, %v", f.ID, n, err)
		}
		verdict[f.Person+" "+string(f.Kind)] = status
	}
	want := map[string]string{
		"p0@example.org checkin":   store.FollowupStale,
		"p0@example.org checklist": store.FollowupDone,
		"p1@example.org congrats":  store.FollowupStale,
	}
	if fmt.Sprint(verdict) != fmt.Sprint(want) {
		t.Fatalf("verdicts %v, want %v", verdict, want)
	}
	// Marking again changes nothing: only pending rows move.
	if n, err := s.MarkFollowups(ctx, []int64{page[0].ID}, store.FollowupDone); err != nil || n != 0 {
		t.Fatalf("marked a handled follow-up again: %d, %v", n, err)
	}
	if _, err := s.MarkFollowups(ctx, []int64{page[0].ID}, "sent"); err == nil {
		t.Fatal("an unknown status was accepted")
	}
	if err := s.AddFollowups(ctx, later, []store.NewFollowup{{Person: "nobody@example.org", Kind: "checkin", DueAt: later}}); err == nil {
		t.Fatal("a follow-up for a person without a case was accepted")
	}
}

// TestDuePagesSkipLeftPending: a follow-up left pending (its send failed)
// does not come back in later pages of the same walk, so a walk ends.
func TestDuePagesSkipLeftPending(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, 1, "")
	base := utc("2026-11-20T10:00:00Z")
	var fs []store.NewFollowup
	for i := range 25 {
		// Several share a due time: the cursor orders by (due_at, id).
		fs = append(fs, store.NewFollowup{Person: person(0), Kind: "checkin", DueAt: base.Add(time.Duration(i/3) * time.Minute)})
	}
	fs = append(fs, store.NewFollowup{Person: person(0), Kind: "checklist", DueAt: base.Add(time.Hour)})
	if err := s.AddFollowups(ctx, base, fs); err != nil {
		t.Fatal(err)
	}
	now := base.Add(30 * time.Minute)
	seen := map[int64]bool{}
	var cur store.FollowupCursor
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("the walk does not end")
		}
		page, err := s.DueFollowupsAfter(ctx, now, cur, 4)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		cur = cur.Next(page)
		for _, f := range page {
			if seen[f.ID] {
				t.Fatalf("follow-up %d twice", f.ID)
			}
			if f.DueAt.After(now) {
				t.Fatalf("follow-up %d due %s after %s", f.ID, f.DueAt, now)
			}
			seen[f.ID] = true
		}
	}
	if len(seen) != 25 {
		t.Fatalf("walked %d due follow-ups, want 25", len(seen))
	}
}

// TestQueueFollowupOnce: a due follow-up becomes one outbox row, marked done
// in the same transaction; finding it again queues nothing.
func TestQueueFollowupOnce(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, 1, "")
	now := utc("2026-11-23T14:00:00Z")
	if err := s.AddFollowups(ctx, now.Add(-time.Hour), []store.NewFollowup{{Person: person(0), Kind: "checkin", DueAt: now}}); err != nil {
		t.Fatal(err)
	}
	due, err := s.DueFollowupsAfter(ctx, now, store.FollowupCursor{}, 10)
	if err != nil || len(due) != 1 {
		t.Fatalf("due: %v, %v", due, err)
	}
	msg := store.NewOutbox{Kind: "checkin", MessageID: "c1@jobback.test", From: "help@jobback.test",
		Recipient: person(0), Raw: []byte("Subject: how is it going?\r\n\r\nhello\r\n")}
	id, err := s.QueueFollowup(ctx, now, due[0].ID, msg, nil)
	if err != nil {
		t.Fatal(err)
	}
	o, err := s.Outbox(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if o.Kind != "checkin" || o.Recipient != person(0) || o.Status != store.StatusPending || o.InboundID != 0 {
		t.Fatalf("outbox row: %+v", o)
	}
	if _, err := s.QueueFollowup(ctx, now, due[0].ID, msg, nil); !errors.Is(err, store.ErrFollowupHandled) {
		t.Fatalf("queued twice: %v", err)
	}
	if n, _ := s.OutboxDepth(ctx); n != 1 {
		t.Fatalf("outbox depth %d, want 1", n)
	}
	if again, _ := s.DueFollowupsAfter(ctx, now, store.FollowupCursor{}, 10); len(again) != 0 {
		t.Fatalf("still due: %v", again)
	}
	if _, err := s.QueueFollowup(ctx, now, due[0].ID, store.NewOutbox{Kind: "checkin"}, nil); err == nil {
		t.Fatal("an empty message was queued")
	}
}
