package store

import (
	"context"
	"errors"
	"fmt"
	"jobback/domain"
	"jobback/internal/pgtest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// backend is the method set SQLite and Postgres share (Backup and the
// Explain* methods aside): the tests below run against it, on both.
type backend interface {
	AddFollowups(ctx context.Context, now time.Time, fs []NewFollowup) error
	Case(ctx context.Context, person string) (*Case, error)
	CheckDisk(ctx context.Context) error
	Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]OutboxItem, error)
	Close() error
	CountMentions(ctx context.Context, text string) (int, error)
	CountOutbox(ctx context.Context, now time.Time) (OutboxCounts, error)
	DueFollowupsAfter(ctx context.Context, t time.Time, after FollowupCursor, limit int) ([]Followup, error)
	EraseWAL(ctx context.Context)
	HistoryOf(ctx context.Context, person string) (History, error)
	JournalSent(id int64, at time.Time) error
	ListCases(ctx context.Context, limit int) ([]Case, error)
	ListFollowups(ctx context.Context, person string, limit int) ([]Followup, error)
	ListInbound(ctx context.Context) ([]InboundRow, error)
	ListOutbox(ctx context.Context) ([]OutboxItem, error)
	MailErased(ctx context.Context, ids []string) error
	MailToErase(ctx context.Context, t time.Time, limit int) ([]string, error)
	MarkFailed(ctx context.Context, id int64, at time.Time, lastErr string) error
	MarkFollowups(ctx context.Context, ids []int64, status string) (int64, error)
	MarkRetry(ctx context.Context, id int64, next time.Time, lastErr string) error
	MarkSent(ctx context.Context, id int64, at time.Time) error
	MarkSentMany(ctx context.Context, ids []int64, at time.Time) error
	OldestUnsent(ctx context.Context) (time.Time, error)
	Outbox(ctx context.Context, id int64) (*OutboxItem, error)
	OutboxCopy(ctx context.Context, messageID string, at time.Time) (bool, error)
	OutboxDepth(ctx context.Context) (int, error)
	DropFollowup(ctx context.Context, now time.Time, id int64, next []NewFollowup) error
	Watcher(ctx context.Context) (string, time.Time, error)
	PendingFollowups(ctx context.Context, person string) ([]Followup, error)
	Ping(ctx context.Context) error
	Position(ctx context.Context, mailbox string) (uint32, uint32, error)
	PostponeFollowup(ctx context.Context, id int64, due time.Time) error
	QueueFollowup(ctx context.Context, now time.Time, id int64, o NewOutbox, next []NewFollowup) (int64, error)
	Record(ctx context.Context, r Record) (res RecordResult, err error)
	Recover(ctx context.Context, retryAt time.Time) (sent, released int, err error)
	ReplanFollowups(ctx context.Context, now time.Time, person string, cancel []string, add []NewFollowup) (int64, error)
	RepliesSince(ctx context.Context, t time.Time) (int, error)
	ReplyRoom(ctx context.Context, now time.Time, perHour int) (time.Time, error)
	SchemaVersion(ctx context.Context) (int, error)
	Seen(ctx context.Context, key InboundKey, messageID string) (bool, error)
	SentToSince(ctx context.Context, recipient string, t time.Time) (int, error)
	SetPosition(ctx context.Context, mailbox string, uidValidity, lastUID uint32) error
	Status(ctx context.Context, now time.Time) (Status, error)
	Sync(ctx context.Context) error
}

var (
	_ backend = (*SQLite)(nil)
	_ backend = (*Postgres)(nil)
)

// reopener opens the store a test body runs on once more, as the same
// instance (a restart); the store is closed at the end of the test.
type reopener func(t *testing.T) backend

// bothBackends runs body against a new SQLite store (always) and a new
// PostgreSQL store (when JOBBACK_TEST_POSTGRES is set), as subtests.
func bothBackends(t *testing.T, body func(t *testing.T, s backend)) {
	bothBackendsReopen(t, func(t *testing.T, s backend, _ reopener) { body(t, s) })
}

// bothBackendsReopen is bothBackends for bodies that restart the store.
func bothBackendsReopen(t *testing.T, body func(t *testing.T, s backend, reopen reopener)) {
	t.Run("sqlite", func(t *testing.T) {
		s, path := open(t)
		body(t, s, func(t *testing.T) backend {
			s2, err := Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s2.Close() })
			return s2
		})
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := pgtest.Database(t)
		s := openPG(t, dsn, "test-a")
		body(t, s, func(t *testing.T) backend { return openPG(t, dsn, "test-a") })
	})
}

func TestRecordDuplicate(t *testing.T) {
	ctx := context.Background()
	bothBackends(t, func(t *testing.T, s backend) {
		res, err := s.Record(ctx, answered(1, "a@x", "ann@example.org"))
		if err != nil {
			t.Fatal(err)
		}
		if res.InboundID == 0 || len(res.OutboxIDs) != 1 {
			t.Fatalf("result %+v", res)
		}
		// Same UID key, other Message-ID.
		if _, err := s.Record(ctx, answered(1, "b@x", "bob@example.org")); !errors.Is(err, ErrDuplicate) {
			t.Fatalf("same UID: err %v, want ErrDuplicate", err)
		}
		// Same Message-ID, other UID (e.g. after a UIDVALIDITY reset).
		r := answered(2, "a@x", "ann@example.org")
		r.Inbound.Key.UIDValidity = 8
		if _, err := s.Record(ctx, r); !errors.Is(err, ErrDuplicate) {
			t.Fatalf("same Message-ID: err %v, want ErrDuplicate", err)
		}
		// Nothing of the duplicates was written.
		if n, _ := s.OutboxDepth(ctx); n != 1 {
			t.Fatalf("outbox depth %d, want 1", n)
		}
		if _, err := s.Case(ctx, "bob@example.org"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("bob's case: %v, want ErrNotFound", err)
		}
		c, err := s.Case(ctx, "ann@example.org")
		if err != nil || c.Messages != 1 {
			t.Fatalf("ann's case %+v, %v", c, err)
		}
		// Messages without Message-ID never collide with each other.
		for uid := uint32(10); uid < 13; uid++ {
			r := answered(uid, "", "carl@example.org")
			r.Outbox = nil
			if _, err := s.Record(ctx, r); err != nil {
				t.Fatalf("uid %d without Message-ID: %v", uid, err)
			}
		}
		seen, err := s.Seen(ctx, InboundKey{"INBOX", 7, 11}, "")
		if err != nil || !seen {
			t.Fatalf("Seen by UID = %v, %v", seen, err)
		}
		seen, err = s.Seen(ctx, InboundKey{"INBOX", 9, 99}, "a@x")
		if err != nil || !seen {
			t.Fatalf("Seen by Message-ID = %v, %v", seen, err)
		}
		seen, err = s.Seen(ctx, InboundKey{"INBOX", 9, 99}, "")
		if err != nil || seen {
			t.Fatalf("Seen of new message = %v, %v", seen, err)
		}
		in, _ := s.ListInbound(ctx)
		if len(in) != 4 {
			t.Fatalf("%d inbound rows, want 4", len(in))
		}
	})
}

func TestRecordIsAtomic(t *testing.T) {
	ctx := context.Background()
	bothBackends(t, func(t *testing.T, s backend) {
		r := answered(1, "a@x", "ann@example.org")
		r.Outbox = append(r.Outbox, NewOutbox{Kind: "advice"}) // invalid: no recipient
		if _, err := s.Record(ctx, r); err == nil {
			t.Fatal("Record with an invalid outbox row succeeded")
		}
		if seen, _ := s.Seen(ctx, r.Inbound.Key, "a@x"); seen {
			t.Fatal("inbound row survived a failed transaction")
		}
		if _, err := s.Case(ctx, "ann@example.org"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("case survived a failed transaction: %v", err)
		}
		if n, _ := s.OutboxDepth(ctx); n != 0 {
			t.Fatalf("outbox depth %d after failed transaction", n)
		}
		// The same message can then be recorded.
		if _, err := s.Record(ctx, answered(1, "a@x", "ann@example.org")); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCaseUpdates(t *testing.T) {
	ctx := context.Background()
	bothBackends(t, func(t *testing.T, s backend) {
		tz := -300
		r := answered(1, "a@x", "ann@example.org")
		r.Case.TZOffset = &tz
		if _, err := s.Record(ctx, r); err != nil {
			t.Fatal(err)
		}
		// A second message inside the window: facts change, no advice, state kept.
		later := t0.Add(2 * time.Hour)
		r2 := Record{
			Inbound: Inbound{Key: InboundKey{"INBOX", 7, 2}, MessageID: "b@x", From: "ann@example.org",
				Decision: domain.DecisionWindow, ReceivedAt: later},
			Case: &CaseUpdate{Person: "ann@example.org", Facts: []byte(`{"company":"Acme"}`), MessageAt: later},
			Now:  later,
		}
		if _, err := s.Record(ctx, r2); err != nil {
			t.Fatal(err)
		}
		c, err := s.Case(ctx, "ann@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if c.Messages != 2 || c.State != "advised" || string(c.Facts) != `{"company":"Acme"}` ||
			c.TZOffset == nil || *c.TZOffset != -300 || !c.LastAdviceAt.Equal(t0) ||
			!c.LastMessageAt.Equal(later) || !c.FirstSeenAt.Equal(t0) {
			t.Fatalf("case after second message: %+v", c)
		}
		due, err := s.DueFollowupsAfter(ctx, t0.Add(73*time.Hour), FollowupCursor{}, 10)
		if err != nil || len(due) != 1 || due[0].Kind != "nudge" || !due[0].DueAt.Equal(t0.Add(72*time.Hour)) {
			t.Fatalf("follow-ups %+v, %v", due, err)
		}
		if due, _ := s.DueFollowupsAfter(ctx, t0.Add(time.Hour), FollowupCursor{}, 10); len(due) != 0 {
			t.Fatalf("follow-up due too early: %+v", due)
		}
	})
}

func TestPosition(t *testing.T) {
	ctx := context.Background()
	bothBackends(t, func(t *testing.T, s backend) {
		v, u, err := s.Position(ctx, "INBOX")
		if err != nil || v != 0 || u != 0 {
			t.Fatalf("new mailbox position %d/%d, %v", v, u, err)
		}
		if err := s.SetPosition(ctx, "INBOX", 4000000000, 12); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPosition(ctx, "INBOX", 4000000000, 13); err != nil {
			t.Fatal(err)
		}
		v, u, err = s.Position(ctx, "INBOX")
		if err != nil || v != 4000000000 || u != 13 {
			t.Fatalf("position %d/%d, %v", v, u, err)
		}
	})
}

func TestOutboxLifecycle(t *testing.T) {
	ctx := context.Background()
	bothBackends(t, func(t *testing.T, s backend) {
		for i := uint32(1); i <= 3; i++ {
			if _, err := s.Record(ctx, answered(i, string(rune('a'+i))+"@x", "p"+string(rune('a'+i))+"@example.org")); err != nil {
				t.Fatal(err)
			}
		}
		lease := time.Minute
		got, err := s.Claim(ctx, t0, lease, 2)
		if err != nil || len(got) != 2 {
			t.Fatalf("claimed %d, %v", len(got), err)
		}
		if got[0].Status != StatusSending || got[0].Attempts != 1 || !got[0].LeaseUntil.Equal(t0.Add(lease)) ||
			string(got[0].Raw) != "Subject: re\r\n\r\nhello\r\n" || !got[0].ArrivedAt.Equal(t0) {
			t.Fatalf("claimed row %+v", got[0])
		}
		// Leased rows are not claimed again until the lease runs out.
		more, _ := s.Claim(ctx, t0, lease, 10)
		if len(more) != 1 || more[0].ID == got[0].ID || more[0].ID == got[1].ID {
			t.Fatalf("second claim %+v", more)
		}
		if err := s.MarkSent(ctx, got[0].ID, t0.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkRetry(ctx, got[1].ID, t0.Add(10*time.Minute), "421 try later"); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkFailed(ctx, more[0].ID, t0, "550 no such user"); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.OutboxDepth(ctx); n != 1 {
			t.Fatalf("depth %d, want 1 (the retry)", n)
		}
		if c, _ := s.Claim(ctx, t0.Add(5*time.Minute), lease, 10); len(c) != 0 {
			t.Fatalf("retry claimed before its time: %+v", c)
		}
		c, _ := s.Claim(ctx, t0.Add(10*time.Minute), lease, 10)
		if len(c) != 1 || c[0].ID != got[1].ID || c[0].Attempts != 2 || c[0].LastError != "421 try later" {
			t.Fatalf("retry claim %+v", c)
		}
		// A sender that died: its lease expires and the row is claimed again.
		c2, _ := s.Claim(ctx, t0.Add(10*time.Minute+lease), lease, 10)
		if len(c2) != 1 || c2[0].ID != got[1].ID || c2[0].Attempts != 3 {
			t.Fatalf("claim after expired lease %+v", c2)
		}
		// Sent and failed rows are final.
		if err := s.MarkRetry(ctx, got[0].ID, t0, "x"); err == nil {
			t.Fatal("MarkRetry of a sent row succeeded")
		}
		o, err := s.Outbox(ctx, more[0].ID)
		if err != nil || o.Status != StatusFailed || o.LastError != "550 no such user" {
			t.Fatalf("failed row %+v, %v", o, err)
		}
		o, _ = s.Outbox(ctx, got[0].ID)
		if o.Status != StatusSent || !o.SentAt.Equal(t0.Add(time.Second)) {
			t.Fatalf("sent row %+v", o)
		}
		if n, _ := s.RepliesSince(ctx, t0); n != 3 {
			t.Fatalf("RepliesSince %d, want 3", n)
		}
		if n, _ := s.RepliesSince(ctx, t0.Add(time.Millisecond)); n != 0 {
			t.Fatalf("RepliesSince later %d, want 0", n)
		}
	})
}

// claimAll claims every due row with workers goroutines on each of stores,
// batch rows at a time as of now, and returns how often each row was
// claimed and how many rows each store claimed.
func claimAll(t *testing.T, stores []backend, workers, batch int, now time.Time) (map[int64]int, []int) {
	t.Helper()
	var mu sync.Mutex
	seen, by := map[int64]int{}, make([]int, len(stores))
	var wg sync.WaitGroup
	for i, s := range stores {
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					got, err := s.Claim(context.Background(), now, time.Hour, batch)
					if err != nil {
						t.Error(err)
						return
					}
					if len(got) == 0 {
						return
					}
					mu.Lock()
					for _, o := range got {
						seen[o.ID]++
					}
					by[i] += len(got)
					mu.Unlock()
				}
			}()
		}
	}
	wg.Wait()
	return seen, by
}

// claimedOnce fails unless each of n rows was claimed exactly once.
func claimedOnce(t *testing.T, seen map[int64]int, n int) {
	t.Helper()
	if len(seen) != n {
		t.Fatalf("claimed %d distinct rows, want %d", len(seen), n)
	}
	for id, c := range seen {
		if c != 1 {
			t.Fatalf("row %d claimed %d times", id, c)
		}
	}
}

// Many claimers at once never get the same row.
func TestConcurrentClaims(t *testing.T) {
	ctx := context.Background()
	bothBackends(t, func(t *testing.T, s backend) {
		const n = 60
		for i := uint32(1); i <= n; i++ {
			r := answered(i, "", "x@example.org")
			r.Followups = nil
			if _, err := s.Record(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		seen, _ := claimAll(t, []backend{s}, 6, 3, t0)
		claimedOnce(t, seen, n)
	})
}

func TestCountOutbox(t *testing.T) {
	ctx := context.Background()
	bothBackends(t, func(t *testing.T, s backend) {
		t0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		for i := 1; i <= 4; i++ {
			rec := Record{Inbound: Inbound{Key: InboundKey{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(i)},
				MessageID: fmt.Sprintf("c%d@x", i), From: "a@x", Decision: domain.DecisionAnswered},
				Outbox: []NewOutbox{{Kind: "advice", MessageID: fmt.Sprintf("r%d@x", i), From: "h@x", Recipient: "a@x", Raw: []byte("x")}},
				Now:    t0}
			if _, err := s.Record(ctx, rec); err != nil {
				t.Fatal(err)
			}
		}
		items, err := s.Claim(ctx, t0, time.Minute, 3)
		if err != nil || len(items) != 3 {
			t.Fatalf("claim %d, %v", len(items), err)
		}
		if err := s.MarkSent(ctx, items[0].ID, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkRetry(ctx, items[1].ID, t0.Add(time.Hour), "451"); err != nil {
			t.Fatal(err)
		}
		// items[2] is being sent; the fourth row is pending and due.
		c, err := s.CountOutbox(ctx, t0)
		if err != nil || c != (OutboxCounts{Due: 2, Later: 1, Sent: 1}) {
			t.Fatalf("counts %+v, %v; want 2 due, 1 later, 1 sent", c, err)
		}
		if c, _ := s.CountOutbox(ctx, t0.Add(2*time.Hour)); c.Due != 3 || c.Later != 0 {
			t.Fatalf("two hours later: %+v, want the retried row due", c)
		}
	})
}

// The confirmation of FORGET is erased once sent, its bytes included;
// other replies keep theirs.
func TestForgetConfirmationErasedWhenSent(t *testing.T) {
	ctx := context.Background()
	bothBackends(t, func(t *testing.T, s backend) {
		r := answered(1, "a@x", "ann@example.org")
		r.Outbox = append(r.Outbox, NewOutbox{Kind: domain.KindConfirmForget, MessageID: "f@jobback.test", From: "help@jobback.test",
			Recipient: "ann@example.org", Raw: []byte("To: ann@example.org\r\n\r\nforgotten\r\n")})
		res, err := s.Record(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range res.OutboxIDs {
			if err := s.MarkSent(ctx, id, t0); err != nil {
				t.Fatal(err)
			}
		}
		advice, err := s.Outbox(ctx, res.OutboxIDs[0])
		if err != nil || len(advice.Raw) == 0 || advice.Recipient == "" {
			t.Fatalf("the advice lost its bytes or recipient: %+v, %v", advice, err)
		}
		conf, err := s.Outbox(ctx, res.OutboxIDs[1])
		if err != nil {
			t.Fatal(err)
		}
		if len(conf.Raw) != 0 || conf.Recipient != "" || conf.Status != StatusSent {
			t.Fatalf("the FORGET confirmation, sent, still holds %q to %q (%s)", conf.Raw, conf.Recipient, conf.Status)
		}
	})
}

// After a crash, Recover gives the rows the dead run held back to the
// queue at once on SQLite (one process owns the store). On PostgreSQL it
// gives back none (a live process may hold them under the same name):
// they come back when their leases end (TestPostgresLeasesAcrossInstances).
func TestRecoverReleasesLeases(t *testing.T) {
	bothBackendsReopen(t, func(t *testing.T, s backend, reopen reopener) {
		ctx := context.Background()
		for i := uint32(1); i <= 3; i++ {
			r := answered(i, "", "x@example.org")
			r.Followups = nil
			if _, err := s.Record(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Claim(ctx, time.Now(), time.Hour, 2)
		if err != nil || len(got) != 2 {
			t.Fatalf("claim %d, %v", len(got), err)
		}
		s.Close() // the run dies with two rows leased for an hour
		s2 := reopen(t)
		_, released, err := s2.Recover(ctx, time.Time{})
		now := time.Now()
		if _, pg := s2.(*Postgres); pg {
			if err != nil || released != 0 {
				t.Fatalf("Recover released %d, %v; want 0 on PostgreSQL", released, err)
			}
			now = now.Add(time.Hour + time.Second) // the leases ended
		} else if err != nil || released != 2 {
			t.Fatalf("Recover released %d, %v; want 2", released, err)
		}
		c, err := s2.Claim(ctx, now, time.Hour, 10)
		if err != nil || len(c) != 3 || c[0].Attempts+c[1].Attempts+c[2].Attempts != 5 {
			t.Fatalf("claim after Recover %+v, %v; want the 3 rows, 2 of them at their second attempt", c, err)
		}
	})
}

// A due follow-up is queued once, however many walkers find it at once.
// atOnce runs do(0) to do(n-1) at once and counts the runs that succeeded and
// those that found the follow-up already handled; any other error fails t.
func atOnce(t *testing.T, n int, do func(i int) error) (ok, handled int) {
	t.Helper()
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := do(i)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case errors.Is(err, ErrFollowupHandled):
				handled++
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	return ok, handled
}

// A stale follow-up dropped by several walks at once (instances sharing
// the store) is dropped once, and what follows it is planned once.
func TestFollowupDroppedOnce(t *testing.T) {
	bothBackends(t, func(t *testing.T, s backend) {
		ctx := context.Background()
		if _, err := s.Record(ctx, answered(1, "a@x", "ann@example.org")); err != nil {
			t.Fatal(err)
		}
		due, err := s.DueFollowupsAfter(ctx, t0.Add(100*time.Hour), FollowupCursor{}, 10)
		if err != nil || len(due) != 1 {
			t.Fatalf("due %+v, %v", due, err)
		}
		next := []NewFollowup{{Person: "ann@example.org", Kind: "checkin", DueAt: t0.Add(900 * time.Hour)}}
		ok, handled := atOnce(t, 8, func(int) error { return s.DropFollowup(ctx, t0.Add(800*time.Hour), due[0].ID, next) })
		if ok != 1 || handled != 7 {
			t.Fatalf("%d dropped, %d handled; want 1, 7", ok, handled)
		}
		pend, _ := s.PendingFollowups(ctx, "ann@example.org")
		if len(pend) != 1 || pend[0].Kind != "checkin" {
			t.Fatalf("pending %+v; want the one check-in planned next", pend)
		}
	})
}

func TestFollowupQueuedOnce(t *testing.T) {
	bothBackends(t, func(t *testing.T, s backend) {
		ctx := context.Background()
		if _, err := s.Record(ctx, answered(1, "a@x", "ann@example.org")); err != nil {
			t.Fatal(err)
		}
		due, err := s.DueFollowupsAfter(ctx, t0.Add(100*time.Hour), FollowupCursor{}, 10)
		if err != nil || len(due) != 1 {
			t.Fatalf("due %+v, %v", due, err)
		}
		o := NewOutbox{Kind: "nudge", MessageID: "n1@jobback.test", From: "help@jobback.test", Recipient: "ann@example.org",
			Raw: []byte("Subject: how is it going?\r\n\r\n?\r\n"), Person: "ann@example.org"}
		next := []NewFollowup{{Person: "ann@example.org", Kind: "checkin", DueAt: t0.Add(200 * time.Hour)}}
		ok, handled := atOnce(t, 8, func(int) error {
			_, err := s.QueueFollowup(ctx, t0.Add(73*time.Hour), due[0].ID, o, next)
			return err
		})
		if ok != 1 || handled != 7 {
			t.Fatalf("%d queued, %d handled; want 1, 7", ok, handled)
		}
		out, _ := s.ListOutbox(ctx)
		if len(out) != 2 || out[1].Kind != "nudge" || out[1].InboundID != 0 {
			t.Fatalf("outbox %+v; want the advice and one nudge", out)
		}
		pend, _ := s.PendingFollowups(ctx, "ann@example.org")
		if len(pend) != 1 || pend[0].Kind != "checkin" {
			t.Fatalf("pending %+v; want the one check-in planned next", pend)
		}
		if c, _ := s.Case(ctx, "ann@example.org"); c == nil || c.LastReplyID != "n1@jobback.test" {
			t.Fatalf("case %+v: want the nudge as last reply", c)
		}
		if _, err := s.QueueFollowup(ctx, t0.Add(74*time.Hour), due[0].ID, o, nil); !errors.Is(err, ErrFollowupHandled) {
			t.Fatalf("queued again: %v", err)
		}
	})
}

// The caps count the replies of the last hour and what went to one
// recipient, whatever the case of its letters.
func TestCaps(t *testing.T) {
	bothBackends(t, func(t *testing.T, s backend) {
		ctx := context.Background()
		for i := range 3 {
			at := t0.Add(time.Duration(i) * 10 * time.Minute)
			r := answered(uint32(i+1), fmt.Sprintf("c%d@x", i), "ann@example.org")
			r.Outbox[0].Recipient = []string{"Ann@Example.org", "ann@example.org", "ANN@EXAMPLE.ORG"}[i]
			r.Followups, r.Now = nil, at
			if _, err := s.Record(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.AddFollowups(ctx, t0, []NewFollowup{{Person: "ann@example.org", Kind: "nudge", DueAt: t0}}); err != nil {
			t.Fatal(err)
		}
		due, _ := s.DueFollowupsAfter(ctx, t0, FollowupCursor{}, 1)
		if len(due) != 1 {
			t.Fatalf("due %+v", due)
		}
		if _, err := s.QueueFollowup(ctx, t0.Add(25*time.Minute), due[0].ID, NewOutbox{Kind: "nudge", MessageID: "n@x",
			From: "h@x", Recipient: "aNN@example.org", Raw: []byte("x")}, nil); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			since time.Time
			n     int
		}{{t0, 3}, {t0.Add(time.Minute), 2}, {t0.Add(21 * time.Minute), 0}} {
			if n, err := s.RepliesSince(ctx, c.since); err != nil || n != c.n {
				t.Errorf("RepliesSince(%v) = %d, %v; want %d (follow-ups do not count)", c.since, n, err, c.n)
			}
		}
		if n, err := s.SentToSince(ctx, "ann@EXAMPLE.org", t0); err != nil || n != 4 {
			t.Errorf("SentToSince = %d, %v; want 4 (every case of the letters, the follow-up too)", n, err)
		}
		if n, _ := s.SentToSince(ctx, "ann@example.org", t0.Add(15*time.Minute)); n != 2 {
			t.Errorf("SentToSince a quarter later = %d, want 2", n)
		}
		if n, _ := s.SentToSince(ctx, "bob@example.org", t0); n != 0 {
			t.Errorf("SentToSince of another = %d, want 0", n)
		}
		now := t0.Add(30 * time.Minute)
		if at, err := s.ReplyRoom(ctx, now, 3); err != nil || !at.Equal(t0.Add(time.Hour)) {
			t.Errorf("ReplyRoom(3 an hour) = %v, %v; want %v", at, err, t0.Add(time.Hour))
		}
		if at, err := s.ReplyRoom(ctx, now, 4); err != nil || !at.Equal(now) {
			t.Errorf("ReplyRoom(4 an hour) = %v, %v; want now", at, err)
		}
		if at, err := s.ReplyRoom(ctx, now, 2); err != nil || !at.Equal(t0.Add(70*time.Minute)) {
			t.Errorf("ReplyRoom(2 an hour) = %v, %v; want %v", at, err, t0.Add(70*time.Minute))
		}
	})
}

// FORGET deletes the person's rows and lists their mail for erasure; its
// confirmation mentions them until it is given up on (or sent), and no row
// does after.
func TestForgetRows(t *testing.T) {
	bothBackends(t, func(t *testing.T, s backend) {
		ctx := context.Background()
		person := "yolanda.periwinkle@example.org"
		for i := uint32(1); i <= 2; i++ {
			r := answered(i, fmt.Sprintf("y%d@x", i), person)
			r.Outbox[0].Raw = []byte("To: " + person + "\r\n\r\nabout it\r\n")
			if _, err := s.Record(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Record(ctx, answered(3, "k@x", "keep@example.org")); err != nil {
			t.Fatal(err)
		}
		forget := Record{Inbound: Inbound{Key: InboundKey{"INBOX", 7, 9}, MessageID: "forget@x", From: person, Subject: "FORGET",
			Size: 10, Decision: domain.DecisionCommand, ReceivedAt: t0}, Case: &CaseUpdate{Person: person, MessageAt: t0},
			Forget: true, EraseMail: true, Now: t0,
			Outbox: []NewOutbox{{Kind: domain.KindConfirmForget, MessageID: "bye@x", From: "help@x", Recipient: person,
				Raw: []byte("To: " + person + "\r\n\r\nforgotten\r\n")}}}
		res, err := s.Record(ctx, forget)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Case(ctx, person); !errors.Is(err, ErrNotFound) {
			t.Fatalf("case after FORGET: %v", err)
		}
		if n, err := s.CountMentions(ctx, strings.ToUpper(person)); err != nil || n != 2 {
			t.Fatalf("%d rows mention the person, %v; want 2 (the confirmation and its bytes)", n, err)
		}
		ids, err := s.MailToErase(ctx, t0, 100)
		slices.Sort(ids)
		if want := []string{"forget@x", "ry1@x@jobback.test", "ry2@x@jobback.test", "y1@x", "y2@x"}; err != nil || !slices.Equal(ids, want) {
			t.Fatalf("mail to erase %v, %v; want %v", ids, err, want)
		}
		if err := s.MarkFailed(ctx, res.OutboxIDs[0], t0, "550 no such user"); err != nil {
			t.Fatal(err)
		}
		if n, err := s.CountMentions(ctx, person); err != nil || n != 0 {
			t.Fatalf("%d rows mention the person once the confirmation was given up on, %v", n, err)
		}
		if n, _ := s.CountMentions(ctx, "keep@example.org"); n == 0 {
			t.Fatal("the other person's rows went too")
		}
		if err := s.MailErased(ctx, ids[:2]); err != nil {
			t.Fatal(err)
		}
		if left, _ := s.MailToErase(ctx, t0, -1); len(left) != 3 {
			t.Fatalf("mail left to erase %v, want 3", left)
		}
		s.EraseWAL(ctx)
		if n, _ := s.OutboxDepth(ctx); n != 1 {
			t.Fatalf("outbox depth %d, want the other person's reply", n)
		}
	})
}
