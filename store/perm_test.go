//go:build unix

package store

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestFilesOwnerOnly: the database, its WAL and shared-memory files, the
// sent journal and the lock are created 0600 whatever the umask, and files
// an older version left 0644 are narrowed when the store opens (issue 15,
// finding 3).
func TestFilesOwnerOnly(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "jobback.db")
	files := []string{"", "-wal", "-shm", "-sent", "-lock"}
	check := func(when string) {
		t.Helper()
		n := 0
		for _, suf := range files {
			st, err := os.Stat(path + suf)
			if err != nil {
				t.Fatalf("%s: %v", when, err)
			}
			if m := st.Mode().Perm(); m != 0o600 {
				t.Errorf("%s: %s is %o, want 600", when, filepath.Base(path+suf), m)
			}
			n++
		}
		if n != len(files) {
			t.Fatalf("%s: %d files checked", when, n)
		}
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// the lock (taken by Recover) and the sent journal (its first line)
	if _, _, err := s.Recover(ctx, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := s.JournalSent(1, time.Now()); err != nil {
		t.Fatal(err)
	}
	check("new store")
	s.Close()
	// an older version's files
	for _, suf := range files {
		if err := os.Chmod(path+suf, 0o644); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check("reopened")
}
