package store

import (
	"context"
	"errors"
	"fmt"
	"jobback/domain"
	"os"
	"path/filepath"
	"strings"
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
