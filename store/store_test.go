package store

import (
	"context"
	"errors"
	"fmt"
	"jobback/domain"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func open(t *testing.T) (*SQLite, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "jobback.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

var t0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func answered(uid uint32, msgID, from string) Record {
	return Record{
		Inbound: Inbound{Key: InboundKey{"INBOX", 7, uid}, MessageID: msgID, From: from, Subject: "help",
			Size: 100, Decision: domain.DecisionAnswered, ReceivedAt: t0},
		Case: &CaseUpdate{Person: from, Facts: []byte(`{"action":"advise"}`), State: "advised",
			MessageAt: t0, AdviceAt: t0},
		Outbox: []NewOutbox{{Kind: "advice", MessageID: "r" + msgID + "@jobback.test", From: "help@jobback.test",
			Recipient: from, Raw: []byte("Subject: re\r\n\r\nhello\r\n"), ArrivedAt: t0}},
		Followups: []NewFollowup{{Person: from, Kind: "nudge", DueAt: t0.Add(72 * time.Hour)}},
		Now:       t0,
	}
}

func TestRecordDuplicate(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
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
}

func TestRecordIsAtomic(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
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
}

func TestCaseUpdates(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
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
}

func TestPosition(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
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
}

func TestOutboxLifecycle(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
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
}

// Many claimers at once never get the same row.
func TestConcurrentClaims(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	const n = 60
	for i := uint32(1); i <= n; i++ {
		r := answered(i, "", "x@example.org")
		r.Followups = nil
		if _, err := s.Record(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for w := 0; w < 6; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				got, err := s.Claim(ctx, t0, time.Hour, 3)
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
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != n {
		t.Fatalf("claimed %d distinct rows, want %d", len(seen), n)
	}
	for id, c := range seen {
		if c != 1 {
			t.Fatalf("row %d claimed %d times", id, c)
		}
	}
}

// After a crash: a reply journalled as sent but not marked in the database
// is marked by Recover, and rows a dead sender held are released at once.
func TestRecover(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	for i := uint32(1); i <= 3; i++ {
		r := answered(i, "", "x@example.org")
		r.Followups = nil
		if _, err := s.Record(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Claim(ctx, time.Now(), time.Hour, 3)
	if err != nil || len(got) != 3 {
		t.Fatalf("claim %d, %v", len(got), err)
	}
	if err := s.MarkSent(ctx, got[0].ID, t0); err != nil {
		t.Fatal(err)
	}
	// The process died after journalling row 2 but before its UPDATE.
	f, err := os.OpenFile(path+"-sent", os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "%d %d\n%d", got[1].ID, t0.Add(time.Second).UnixMilli(), got[2].ID) // a torn last line
	f.Close()
	s.Close()

	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	sent, released, err := s2.Recover(ctx, time.Time{})
	if err != nil || sent != 1 || released != 1 {
		t.Fatalf("Recover = %d sent, %d released, %v; want 1, 1", sent, released, err)
	}
	o, _ := s2.Outbox(ctx, got[1].ID)
	if o.Status != StatusSent || !o.SentAt.Equal(t0.Add(time.Second)) {
		t.Fatalf("journalled row %+v", o)
	}
	c, err := s2.Claim(ctx, time.Now(), time.Hour, 10)
	if err != nil || len(c) != 1 || c[0].ID != got[2].ID {
		t.Fatalf("claim after Recover %+v, %v", c, err)
	}
	if fi, err := os.Stat(path + "-sent"); err != nil || fi.Size() != 0 {
		t.Fatalf("journal after Recover: %v, %v", fi, err)
	}
}

func TestRecoverLocksTheStore(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	if _, _, err := s.Recover(ctx, time.Time{}); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, _, err := s2.Recover(ctx, time.Time{}); !errors.Is(err, ErrInUse) {
		t.Fatalf("second Recover: %v, want ErrInUse", err)
	}
	s.Close()
	if _, _, err := s2.Recover(ctx, time.Time{}); err != nil {
		t.Fatalf("Recover after the first store closed: %v", err)
	}
}

// Claim and MarkSent run with synchronous=NORMAL and must give the
// connection back in the configured mode (FULL, 2), which Record relies on.
func TestRelaxedRestoresSynchronous(t *testing.T) {
	ctx := context.Background()
	s, err := OpenWith(ctx, filepath.Join(t.TempDir(), "full.db"), Options{Synchronous: "FULL"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Record(ctx, answered(1, "a@x", "ann@example.org")); err != nil {
		t.Fatal(err)
	}
	got, err := s.Claim(ctx, time.Now(), time.Minute, 1)
	if err != nil || len(got) != 1 {
		t.Fatal(len(got), err)
	}
	if err := s.MarkSent(ctx, got[0].ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	var mode int
	if err := s.db.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&mode); err != nil || mode != 2 {
		t.Fatalf("synchronous = %d, %v; want 2 (FULL)", mode, err)
	}
}

// In group-commit mode commits run with synchronous=NORMAL
// (1), and Sync runs one FULL commit and gives the connection back in
// NORMAL, with the data intact.
func TestGroupCommitSync(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "group.db")
	s, err := OpenWith(ctx, path, Options{Synchronous: "GROUP"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Record(ctx, answered(1, "a@x", "ann@example.org")); err != nil {
		t.Fatal(err)
	}
	var mode int
	if err := s.db.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&mode); err != nil || mode != 1 {
		t.Fatalf("synchronous = %d, %v; want 1 (NORMAL)", mode, err)
	}
	if err := s.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&mode); err != nil || mode != 1 {
		t.Fatalf("after Sync: synchronous = %d, %v; want 1 (NORMAL)", mode, err)
	}
	// The record is there for a second opener after a close.
	s.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := s2.Record(ctx, answered(1, "a@x", "ann@example.org")); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("second Record of the same message = %v, want ErrDuplicate", err)
	}
}

func TestCountOutbox(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
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
}

// The confirmation of FORGET is erased once sent, its bytes included;
// other replies keep theirs.
func TestForgetConfirmationErasedWhenSent(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
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
}

// A claim costs the same however many rows wait: both parts of the query
// read the due index in order, and nothing is sorted.
func TestClaimPlanUsesTheDueIndex(t *testing.T) {
	s, _ := open(t)
	plan, err := s.explain(context.Background(), qClaim, 1, 1, 8)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(plan, "INDEX outbox_due (status=?") != 2 || strings.Contains(plan, "TEMP B-TREE") || strings.Contains(plan, "SCAN outbox") {
		t.Fatalf("claim plan:\n%s", plan)
	}
}
