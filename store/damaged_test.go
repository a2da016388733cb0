package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDamagedStoreRefused: a file that is not a database, and a database
// with pages overwritten, are refused at Open with ErrDamaged, which says
// to restore from a backup (issue 15, findings 8 and 10: a damaged store
// passed `check`, and a file that was no database failed with "cannot
// create schema_version").
func TestDamagedStoreRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte(strings.Repeat("this is not a database\n", 400)), 0o600); err != nil {
		t.Fatal(err)
	}
	if s, err := Open(ctx, junk); !errors.Is(err, ErrDamaged) || strings.Contains(err.Error(), "schema_version") {
		if s != nil {
			s.Close()
		}
		t.Errorf("a file of text: %v, want ErrDamaged", err)
	}

	s, path := filledStore(t)
	s.Close()
	if s, err := Open(ctx, path); err != nil {
		t.Fatalf("an intact store: %v", err)
	} else {
		s.Close()
	}

	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	pages := st.Size() / 4096
	if pages < 10 {
		t.Fatalf("only %d pages", pages)
	}
	r := rand.New(rand.NewPCG(1, 2))
	junkPage := make([]byte, 4096)
	for p := int64(2); p < pages; p += 3 {
		for i := range junkPage {
			junkPage[i] = byte(r.IntN(256))
		}
		if _, err := f.WriteAt(junkPage, p*4096); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	if s, err := Open(ctx, path); !errors.Is(err, ErrDamaged) {
		if s != nil {
			s.Close()
		}
		t.Errorf("pages overwritten: %v, want ErrDamaged", err)
	} else if !strings.Contains(err.Error(), "backup") {
		t.Errorf("the error does not say what to do: %v", err)
	}
}

// CheckDisk sees damage done on the disk while the store is open, which
// the store's own connection, answering from its page cache, may not
// (issue 15, finding 7: /healthz said ok on a corrupt database).
func TestCheckDiskSeesDamage(t *testing.T) {
	ctx := context.Background()
	s, path := filledStore(t)
	if err := s.CheckDisk(ctx); err != nil {
		t.Fatalf("an intact store: %v", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	junk := make([]byte, 4096)
	for p := int64(2); p < 30; p += 3 {
		for i := range junk {
			junk[i] = byte(r.IntN(256))
		}
		if _, err := f.WriteAt(junk, p*4096); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	if err := s.CheckDisk(ctx); !errors.Is(err, ErrDamaged) {
		t.Errorf("pages overwritten under an open store: %v, want ErrDamaged", err)
	}
}

// filledStore opens a store with about 120 KB of filler rows, checkpointed
// into the database file, so that damage to the file's pages is seen.
func filledStore(t *testing.T) (*SQLite, string) {
	t.Helper()
	ctx := context.Background()
	s, path := open(t)
	if _, err := s.db.ExecContext(ctx, "CREATE TABLE filler (n INTEGER PRIMARY KEY, b BLOB)"); err != nil {
		t.Fatal(err)
	}
	for i := range 400 {
		if _, err := s.db.ExecContext(ctx, "INSERT INTO filler (n, b) VALUES (?, randomblob(300))", i); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	return s, path
}
