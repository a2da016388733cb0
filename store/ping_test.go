package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// TestPingNeedsWrite: Ping fails while the store cannot be written (here,
// another connection holds the write lock past Ping's deadline), and
// passes again once it can (issue 15, finding 7: /healthz said ok while
// the store could not be written).
func TestPingNeedsWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "jobback.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("a writable store: %v", err)
	}
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	err = s.Ping(short)
	cancel()
	if err == nil {
		t.Error("Ping passed while another connection held the write lock")
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Errorf("after the lock was let go: %v", err)
	}
}
