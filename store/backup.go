package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
)

// Backup writes a consistent copy of the database to dst, a new file: an
// existing dst is refused (the error wraps fs.ErrExist) and left as it is.
// dst is made 0600 whatever the umask: the copy holds people's stories as
// the store does. The copy is SQLite's VACUUM INTO, made in one read
// transaction: the store as of one commit, compacted, in rollback-journal
// mode (Open turns it back to WAL). It needs neither the store's lock
// (Recover) nor its write lock, so it can be taken while a daemon, in this
// process or another, keeps writing. The copy is synced to disk and must
// pass SQLite's quick check before Backup returns; on any error dst is
// removed.
//
// What it costs the daemon: on the daemon's own *SQLite, Backup holds the
// store's one connection until the copy is made, and the daemon's store
// work waits. From another process (OpenReadOnly, `jobback backup`) it
// holds a read snapshot instead: the checkpoint that empties the WAL after
// a FORGET waits for the copy to end, up to the busy timeout (10 s); past
// that, the person's old pages stay in the WAL until a later checkpoint.
//
// Only the database is copied, not the sent journal (-sent), which lists
// replies sent whose row may not be marked yet; such a row is in the copy
// as still being sent. A restored copy is the store as it was at the backup, and
// what happened since is lost. Messages handled since are not read again
// (the mailbox marked them processed): their records, cases and follow-ups
// are gone, a reply they queued that had not gone out is never sent, and a
// FORGET is undone (the person's records are back). Replies sent since
// look unsent in the copy, so every reply not sent at the backup is marked
// in the copy as tried: with smtp.copy_to_self, the daemon looks for its
// copy in the mailbox before sending it (daemon Options.Confirm), and one
// that went out is not sent again. A follow-up sent since the backup is
// queued again as a new message, and goes out a second time.
//
// To restore: stop the daemon, put the copy in place of the database
// file, delete the store's -wal, -shm and -sent files, start the daemon.
func (s *SQLite) Backup(ctx context.Context, dst string) (err error) {
	if dst == "" {
		return errors.New("cannot back up the store: no file to write")
	}
	// An absolute path: SQLite would read a name starting "file:" as a URI.
	abs, err := filepath.Abs(dst)
	if err != nil {
		return fmt.Errorf("cannot back up the store: %w", err)
	}
	// VACUUM INTO writes into an empty file as into a missing one: create
	// it here, so that it is new (O_EXCL) and the owner's alone.
	f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("cannot back up the store: %s already exists; a backup never overwrites a file: %w", dst, fs.ErrExist)
	}
	if err != nil {
		return fmt.Errorf("cannot back up the store: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(abs)
		}
	}()
	err = f.Chmod(0o600)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot back up the store: %w", err)
	}
	if _, err = s.db.ExecContext(ctx, "VACUUM INTO ?", abs); err != nil {
		return fmt.Errorf("cannot back up the store: %w", err)
	}
	if err = markUnknown(ctx, abs); err != nil {
		return fmt.Errorf("cannot back up the store: %w", err)
	}
	if err = syncFile(abs); err != nil {
		return fmt.Errorf("cannot back up the store: %w", err)
	}
	if err = verifyCopy(ctx, abs); err != nil {
		return fmt.Errorf("cannot back up the store: the copy %s: %w", dst, err)
	}
	return nil
}

// markUnknown marks, in the copy at path, every reply not yet sent as one
// whose fate is unknown (tried at least once): by the time the copy is
// restored it may have gone out, so the daemon looks for its copy in the
// mailbox before sending it (daemon Options.Confirm asks for a row tried
// before).
func markUnknown(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `UPDATE outbox SET attempts = MAX(attempts, 1) WHERE status IN ('pending', 'sending')`); err != nil {
		return fmt.Errorf("cannot mark the copy's unsent replies: %w", err)
	}
	return db.Close()
}

// syncFile makes the file at path, and its name in its directory, durable.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || runtime.GOOS == "windows" { // a directory cannot be synced there
		return err
	}
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// verifyCopy opens the copy at path read-only and runs SQLite's quick
// check on it.
func verifyCopy(ctx context.Context, path string) error {
	c, err := OpenReadOnly(ctx, path)
	if err != nil {
		return err
	}
	defer c.Close()
	return quickCheck(ctx, c.db)
}

// OpenReadOnly opens the existing store at path for reading only: it is
// neither created, nor migrated, nor checked, and no lock is taken; the
// methods that write fail. It is what `jobback backup` copies from, and
// Open is not: Open would create a store at a mistyped path, bring an
// older daemon's schema up to date under it, read every page for its
// check, and take the write lock for a moment (waiting up to the busy
// timeout, 10 s, for a daemon's transaction, and failing past it). A store
// in WAL mode that no process has open gets empty -wal and -shm files,
// which the next Open uses.
func OpenReadOnly(ctx context.Context, path string) (*SQLite, error) {
	if path == "" {
		return nil, errors.New("cannot open store: empty path")
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("cannot open store %s: %w", path, err)
	}
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "busy_timeout(10000)")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("cannot open store %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	// Read the schema now: a file that is no database is refused here.
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_schema").Scan(&n); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot open store %s: %w", path, err)
	}
	return withShared(&SQLite{db: db, path: path, sentPath: path + "-sent"}), nil
}
