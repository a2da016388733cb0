//go:build unix

package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// counts returns how many inbound, outbox and follow-up rows the store at
// path holds, opening it as the daemon does (which runs the quick check).
func counts(t *testing.T, path string) (inbound, outbox, followups int) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("the copy: %v", err)
	}
	defer s.Close()
	for _, c := range []struct {
		table string
		n     *int
	}{{"inbound", &inbound}, {"outbox", &outbox}, {"followups", &followups}} {
		if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+c.table).Scan(c.n); err != nil {
			t.Fatal(err)
		}
	}
	return inbound, outbox, followups
}

// TestBackupWhileWriting: a backup taken while a daemon keeps recording,
// from another connection (as `jobback backup` does, beside a daemon that
// holds the store's lock) and from the daemon's own, is whole: every
// record in it has its reply and its follow-up, and it opens as a store.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	w, path := open(t)
	if _, _, err := w.Recover(ctx, time.Time{}); err != nil { // the daemon's lock
		t.Fatal(err)
	}
	const before = 50
	var n atomic.Int64
	record := func() error {
		i := n.Add(1)
		_, err := w.Record(ctx, answered(uint32(i), fmt.Sprintf("%d@x", i), fmt.Sprintf("p%d@example.org", i)))
		return err
	}
	for range before {
		if err := record(); err != nil {
			t.Fatal(err)
		}
	}
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()

	for _, src := range []struct {
		name string
		s    *SQLite
	}{{"another connection", ro}, {"the daemon's connection", w}} {
		t.Run(src.name, func(t *testing.T) {
			stop := make(chan struct{})
			done := make(chan error, 1)
			go func() {
				for {
					select {
					case <-stop:
						done <- nil
						return
					default:
					}
					if err := record(); err != nil {
						done <- err
						return
					}
				}
			}()
			start := n.Load()
			dst := filepath.Join(t.TempDir(), "backup.db")
			err := src.s.Backup(ctx, dst)
			// Let the writer go on past the backup, then stop it.
			for n.Load() < start+20 {
				time.Sleep(time.Millisecond)
			}
			close(stop)
			if werr := <-done; werr != nil {
				t.Fatalf("writer: %v", werr)
			}
			if err != nil {
				t.Fatal(err)
			}
			in, out, fu := counts(t, dst)
			if in < before || in >= int(n.Load()) || out != in || fu != in {
				t.Fatalf("copy holds %d inbound, %d outbox, %d follow-ups; %d recorded in all",
					in, out, fu, n.Load())
			}
			t.Logf("copy holds %d of %d records", in, n.Load())
		})
	}
}

// TestBackupNeedsNoWriteLock: a backup is taken, without waiting, while
// the daemon is inside a write transaction.
func TestBackupNeedsNoWriteLock(t *testing.T) {
	ctx := context.Background()
	w, path := open(t)
	if _, err := w.Record(ctx, answered(1, "a@x", "ann@example.org")); err != nil {
		t.Fatal(err)
	}
	tx, err := w.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	bctx, cancel := context.WithTimeout(ctx, 2*time.Second) // the busy timeout is 10 s
	defer cancel()
	dst := filepath.Join(t.TempDir(), "backup.db")
	if err := ro.Backup(bctx, dst); err != nil {
		t.Fatal(err)
	}
	tx.Rollback()
	if in, _, _ := counts(t, dst); in != 1 {
		t.Fatalf("copy holds %d inbound, want 1", in)
	}
}

// TestBackupOwnerOnly: the copy is 0600 whatever the umask.
func TestBackupOwnerOnly(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	if _, err := s.Record(ctx, answered(1, "a@x", "ann@example.org")); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, umask := range []int{0, 0o022, 0o277} {
		dst := filepath.Join(dir, fmt.Sprintf("backup-%03o.db", umask))
		old := syscall.Umask(umask)
		err := s.Backup(ctx, dst)
		syscall.Umask(old)
		if err != nil {
			t.Fatalf("umask %03o: %v", umask, err)
		}
		st, err := os.Stat(dst)
		if err != nil {
			t.Fatal(err)
		}
		if m := st.Mode().Perm(); m != 0o600 {
			t.Errorf("umask %03o: the copy is %o, want 600", umask, m)
		}
	}
	// Nothing but the copies was left beside them.
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 3 {
		t.Errorf("%d files in the backup folder, want 3", len(ents))
	}
}

// TestBackupRefusesExisting: a file already at dst, even empty, is
// refused and left untouched.
func TestBackupRefusesExisting(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	dir := t.TempDir()
	for _, content := range [][]byte{[]byte("last week's backup\n"), nil} {
		dst := filepath.Join(dir, fmt.Sprintf("backup-%d.db", len(content)))
		if err := os.WriteFile(dst, content, 0o640); err != nil {
			t.Fatal(err)
		}
		err := s.Backup(ctx, dst)
		if !errors.Is(err, fs.ErrExist) || !bytes.Contains([]byte(err.Error()), []byte("already exists")) {
			t.Fatalf("%d bytes at dst: %v, want ErrExist", len(content), err)
		}
		got, rerr := os.ReadFile(dst)
		st, serr := os.Stat(dst)
		if rerr != nil || serr != nil || !bytes.Equal(got, content) || st.Mode().Perm() != 0o640 {
			t.Fatalf("%d bytes at dst: now %q (%v), %v, %v", len(content), got, st.Mode(), rerr, serr)
		}
	}
}

// TestBackupFailureLeavesNothing: a backup that fails removes what it
// began.
func TestBackupFailureLeavesNothing(t *testing.T) {
	s, _ := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dst := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, dst); err == nil {
		t.Fatal("a cancelled backup succeeded")
	}
	if _, err := os.Stat(dst); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("after a failed backup: %v, want no file", err)
	}
	if err := s.Backup(context.Background(), filepath.Join(t.TempDir(), "no", "such", "dir.db")); err == nil {
		t.Fatal("a backup into a missing folder succeeded")
	}
}

// TestOpenReadOnly: a missing store is not created, a file that is no
// database is refused, and a store opened read-only is not written.
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	if s, err := OpenReadOnly(ctx, missing); !errors.Is(err, fs.ErrNotExist) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("a missing store: %v, want ErrNotExist", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a missing store was created: %v", err)
	}
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, bytes.Repeat([]byte("not a database\n"), 400), 0o600); err != nil {
		t.Fatal(err)
	}
	if s, err := OpenReadOnly(ctx, junk); err == nil {
		s.Close()
		t.Fatal("a file of text opened as a store")
	}

	w, path := open(t)
	if _, err := w.Record(ctx, answered(1, "a@x", "ann@example.org")); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if v, err := ro.SchemaVersion(ctx); err != nil || v != len(migrations) {
		t.Fatalf("schema version %d, %v", v, err)
	}
	if _, err := ro.Record(ctx, answered(2, "b@x", "bob@example.org")); err == nil {
		t.Fatal("a store opened read-only was written")
	}
}

// BenchmarkBackup copies a store of 10,000 answered messages (each with
// its case, a small reply and a follow-up).
func BenchmarkBackup(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "b.db")
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for i := 1; i <= 10000; i++ {
		if _, err := s.Record(ctx, answered(uint32(i), fmt.Sprintf("%d@x", i), fmt.Sprintf("p%d@example.org", i))); err != nil {
			b.Fatal(err)
		}
	}
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer ro.Close()
	dir := b.TempDir()
	var size int64
	i := 0
	for b.Loop() {
		i++
		dst := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
		if err := ro.Backup(ctx, dst); err != nil {
			b.Fatal(err)
		}
		st, err := os.Stat(dst)
		if err != nil {
			b.Fatal(err)
		}
		size = st.Size()
		os.Remove(dst)
	}
	b.SetBytes(size)
	b.ReportMetric(float64(size), "bytes")
}

// A reply not sent when the backup was taken may have gone out by the time
// the copy is restored: in the copy it counts as tried, so its next claim
// is a second attempt and the daemon looks for its copy before sending.
func TestBackupMarksUnsentAsTried(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	for i := uint32(1); i <= 2; i++ {
		if _, err := s.Record(ctx, answered(i, fmt.Sprintf("%d@x", i), fmt.Sprintf("p%d@example.org", i))); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Claim(ctx, time.Now(), time.Minute, 1)
	if err != nil || len(got) != 1 || got[0].Attempts != 1 {
		t.Fatalf("claim: %v, %v", got, err)
	}
	if err := s.MarkSent(ctx, got[0].ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	c, err := Open(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	again, err := c.Claim(ctx, time.Now(), time.Minute, 8)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 1 || again[0].ID == got[0].ID || again[0].Attempts != 2 {
		t.Fatalf("claimed from the copy: %+v; want only the unsent row, as its second attempt", again)
	}
}
