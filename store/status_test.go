package store

import (
	"context"
	"database/sql"
	"fmt"
	"jobback/domain"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func ignoredRec(uid uint32, msgID, reason string) Record {
	return Record{Inbound: Inbound{Key: InboundKey{"INBOX", 7, uid}, MessageID: msgID, From: "bot@example.org",
		Subject: "Out of office", Size: 100, Decision: domain.DecisionIgnored, Reason: reason, ReceivedAt: t0}, Now: t0}
}

// Status counts by decision and by ignore rule (a reason that names no
// family, or whose start is free text, is "other"), the outbox by state,
// the oldest unsent reply, and the follow-ups due in the next 24 hours;
// no instance watches (TestPostgresWatch has one). On both backends.
func TestStatus(t *testing.T) {
	ctx := context.Background()
	bothBackends(t, func(t *testing.T, s backend) {
		st, err := s.Status(ctx, t0)
		if err != nil {
			t.Fatal(err)
		}
		if st.Inbound != 0 || len(st.Decisions) != 0 || st.Outbox != (OutboxCounts{}) || !st.OldestUnsent.IsZero() || st.FollowupsDue != 0 {
			t.Fatalf("empty store: %+v", st)
		}

		for i, r := range []Record{
			answered(1, "a1@x", "ann@example.org"),
			answered(2, "a2@x", "bo@example.org"),
			answered(3, "a3@x", "cy@example.org"),
			ignoredRec(4, "i1@x", "auto: Auto-Submitted: auto-replied"),
			ignoredRec(5, "i2@x", "auto: X-Autoreply: yes"),
			ignoredRec(6, "i3@x", "list: List-Id: <jobs.lists.example.org>"),
			ignoredRec(7, "i4@x", "Auto-Submitted: auto-replied"),                // no family
			ignoredRec(8, "i5@x", "from bot@example.org: a robot"),               // free text before ": "
			ignoredRec(9, "i6@x", "an-extremely-long-word-that-is-no-family: x"), // too long
			{Inbound: Inbound{Key: InboundKey{"INBOX", 7, 10}, MessageID: "w1@x", From: "ann@example.org",
				Decision: domain.DecisionWindow, Reason: "advised 1h ago (window 24h)", ReceivedAt: t0}, Now: t0},
		} {
			if _, err := s.Record(ctx, r); err != nil {
				t.Fatalf("record %d: %v", i, err)
			}
		}
		items, err := s.Claim(ctx, t0, time.Minute, 2)
		if err != nil || len(items) != 2 {
			t.Fatalf("claim: %v, %d", err, len(items))
		}
		if err := s.MarkSent(ctx, items[0].ID, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkFailed(ctx, items[1].ID, t0, "550 no such user"); err != nil {
			t.Fatal(err)
		}
		// Follow-ups: each answered case has a nudge due in 72 h; one more is
		// overdue, one due in 23 h, one in 25 h.
		if err := s.AddFollowups(ctx, t0, []NewFollowup{
			{Person: "ann@example.org", Kind: "check_in", DueAt: t0.Add(-time.Hour)},
			{Person: "bo@example.org", Kind: "check_in", DueAt: t0.Add(23 * time.Hour)},
			{Person: "cy@example.org", Kind: "check_in", DueAt: t0.Add(25 * time.Hour)},
		}); err != nil {
			t.Fatal(err)
		}

		now := t0.Add(time.Minute)
		st, err = s.Status(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		wantDec := map[domain.Decision]int{domain.DecisionAnswered: 3, domain.DecisionIgnored: 6, domain.DecisionWindow: 1}
		wantIgn := map[string]int{"auto": 2, "list": 1, FamilyOther: 3}
		if st.Inbound != 10 || !maps.Equal(st.Decisions, wantDec) || !maps.Equal(st.Ignored, wantIgn) {
			t.Errorf("inbound %d, decisions %v, ignored %v; want 10, %v, %v", st.Inbound, st.Decisions, st.Ignored, wantDec, wantIgn)
		}
		if want := (OutboxCounts{Due: 1, Sent: 1, Failed: 1}); st.Outbox != want {
			t.Errorf("outbox %+v, want %+v", st.Outbox, want)
		}
		if c, _ := s.CountOutbox(ctx, now); c != st.Outbox {
			t.Errorf("outbox %+v, CountOutbox %+v", st.Outbox, c)
		}
		if !st.OldestUnsent.Equal(t0) {
			t.Errorf("oldest unsent %v, want %v", st.OldestUnsent, t0)
		}
		if st.FollowupsDue != 2 || st.FollowupsOverdue != 1 {
			t.Errorf("follow-ups due %d, overdue %d; want 2, 1", st.FollowupsDue, st.FollowupsOverdue)
		}
		if who, beat, err := s.Watcher(ctx); err != nil || who != "" || !beat.IsZero() {
			t.Errorf("watcher %q (beat %v), %v; want none", who, beat, err)
		}
	})
}

// Status reads the inbound messages by id ranges and counts the outbox
// and the follow-ups on their indexes: no query scans a table (reading
// every inbound message in chunks is the one cost that grows with the
// store: BenchmarkStatus).
func TestStatusPlan(t *testing.T) {
	s, _ := open(t)
	plan, err := s.ExplainStatus(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(plan), "\n") {
		if strings.HasPrefix(line, "SCAN ") && line != "SCAN CONSTANT ROW" {
			t.Errorf("Status scans: %q in\n%s", line, plan)
		}
	}
	for _, idx := range []string{"outbox_due", "followups_due", "SEARCH inbound USING INTEGER PRIMARY KEY"} {
		if !strings.Contains(plan, idx) {
			t.Errorf("Status does not use %s:\n%s", idx, plan)
		}
	}
}

// fillStatus writes n inbound messages, one every 5 minutes up to t0, as
// a store of a busy year holds them: four in ten answered (with a reply,
// mostly sent, and three follow-ups, done unless due after t0), three in
// ten ignored by one of five rule families, the rest other decisions.
// Rows are written directly, in one transaction: Record would take
// minutes.
func fillStatus(tb testing.TB, s *SQLite, n int) {
	tb.Helper()
	ctx := context.Background()
	families := []string{"auto", "bulk", "list", "bounce", "report"}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		in, err := tx.PrepareContext(ctx, `INSERT INTO inbound (mailbox, uidvalidity, uid, message_id, from_addr,
			subject, size, decision, reason, received_at, recorded_at) VALUES ('INBOX', 1, ?, ?, ?, ?, 4000, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		out, err := tx.PrepareContext(ctx, `INSERT INTO outbox (inbound_id, kind, message_id, from_addr, recipient,
			status, attempts, created_at, arrived_at, next_attempt_at, lease_until, last_error, sent_at, person)
			VALUES (?, 'advice', ?, 'help@jobback.test', ?, ?, 1, ?, ?, ?, 0, '', ?, ?)`)
		if err != nil {
			return err
		}
		cs, err := tx.PrepareContext(ctx, `INSERT INTO cases (person, facts, state, messages, first_seen_at,
			last_message_at, last_advice_at, updated_at) VALUES (?, '{}', 'advised', 1, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		fu, err := tx.PrepareContext(ctx, `INSERT INTO followups (person, kind, due_at, status, inbound_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		for i := 1; i <= n; i++ {
			at := t0.Add(time.Duration(i-n) * 5 * time.Minute)
			from := fmt.Sprintf("person%d@example.org", i)
			var dec domain.Decision
			reason := "advice: fired, asks for the job back"
			switch k := i % 10; {
			case k < 4:
				dec = domain.DecisionAnswered
			case k < 7:
				dec = domain.DecisionIgnored
				reason = families[i%len(families)] + ": Auto-Submitted: auto-replied (RFC 3834 5)"
			case k == 7:
				dec, reason = domain.DecisionWindow, "advised 3h12m0s ago (window 24h0m0s)"
			case k == 8:
				dec, reason = domain.DecisionCommand, "STOP: cancelled 2 follow-ups"
			default:
				dec, reason = domain.DecisionOwnAddress, "own: From is our own address"
			}
			res, err := in.ExecContext(ctx, i, fmt.Sprintf("m%d@mail.example.org", i), from,
				"I was fired from my job last week", string(dec), reason, ms(at), ms(at))
			if err != nil {
				return err
			}
			if dec != domain.DecisionAnswered {
				continue
			}
			id, _ := res.LastInsertId()
			status, sent := StatusSent, ms(at.Add(time.Second))
			switch i % 1000 {
			case 0:
				status, sent = StatusFailed, 0
			case 10, 20:
				status, sent = StatusPending, 0
			}
			if _, err := out.ExecContext(ctx, id, fmt.Sprintf("r%d@jobback.test", i), from, status, ms(at), ms(at),
				ms(at), sent, from); err != nil {
				return err
			}
			if _, err := cs.ExecContext(ctx, from, ms(at), ms(at), ms(at), ms(at)); err != nil {
				return err
			}
			for j, kind := range []string{"nudge", "checklist", "check_in"} {
				due, st := at.Add(time.Duration(j+1)*72*time.Hour), FollowupDone
				if !due.Before(t0) {
					st = FollowupPending
				}
				if _, err := fu.ExecContext(ctx, from, kind, ms(due), st, id, ms(at)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func TestStatusBig(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10,000 messages")
	}
	s, _ := open(t)
	fillStatus(t, s, 10000)
	st, err := s.Status(context.Background(), t0)
	if err != nil {
		t.Fatal(err)
	}
	if st.Inbound != 10000 || st.Decisions[domain.DecisionAnswered] != 4000 || st.Decisions[domain.DecisionIgnored] != 3000 ||
		st.Ignored["auto"] != 1000 || st.Ignored[FamilyOther] != 0 || st.Outbox.Failed != 10 || st.Outbox.Due != 20 {
		t.Errorf("status %+v", st)
	}
	// In chunks that do not divide the ids evenly: the same counts.
	defer func(n int64) { statusChunk = n }(statusChunk)
	statusChunk = 999
	chunked, err := s.Status(context.Background(), t0)
	if err != nil {
		t.Fatal(err)
	}
	if chunked.Inbound != st.Inbound || !maps.Equal(chunked.Decisions, st.Decisions) || !maps.Equal(chunked.Ignored, st.Ignored) {
		t.Errorf("in chunks of 999: %+v; in one: %+v", chunked, st)
	}
}

// BenchmarkStatus is one Status on a store of 100,000 inbound messages
// (fillStatus: 40,000 replies, 120,000 follow-ups of which about 2,000
// pending, 346 of them due in the next 24 hours): the counts by decision
// read every inbound message.
func BenchmarkStatus(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	fillStatus(b, s, 100000)
	ctx := context.Background()
	for b.Loop() {
		st, err := s.Status(ctx, t0)
		if err != nil {
			b.Fatal(err)
		}
		if st.Inbound != 100000 {
			b.Fatalf("%d inbound", st.Inbound)
		}
	}
}
