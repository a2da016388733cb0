package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// SQLite is the Store kept in one SQLite file (WAL mode). It uses a single
// connection: SQLite has one writer at a time anyway, and one connection
// makes every transaction serial without "database is locked" retries.
type SQLite struct {
	shared // the methods both stores have alike (read.go, write.go)

	db   *sql.DB
	path string // the database file

	// sent is the sent journal (see MarkSent); guarded by sentMu.
	sentMu   sync.Mutex
	sentPath string
	sent     *os.File
	sentSize int64
	// sentPending counts ids journalled whose database update is not done.
	sentPending int

	lock *os.File // held from Recover on: this process is the store's one user

	// walDue: an erasure's checkpoint did not finish; Sync tries again,
	// at most every walRetry after walTried (Unix nanoseconds).
	walDue   atomic.Bool
	walTried atomic.Int64

	syncMode string // the synchronous pragma of Options
	group    bool   // group commit: Sync makes earlier NORMAL commits durable

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // prepared statements, by query text
}

// withShared gives s the methods both stores have alike, over its
// prepared statements and its transactions.
func withShared(s *SQLite) *SQLite {
	s.shared = shared{db: sqliteDB{s}, inTxn: func(ctx context.Context, fn func(txn) error) error {
		return s.inTx(ctx, func(tx *sql.Tx) error { return fn(sqliteTx{s, tx}) })
	}}
	return s
}

// stmt returns the prepared statement for query, preparing it the first
// time: SQLite spends much of a small query's time compiling it.
func (s *SQLite) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st := s.cached(query); st != nil {
		return st, nil
	}
	// Not under stmtMu: preparing waits for the connection, and a
	// transaction holding it may need stmtMu to find its statements.
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if prev, ok := s.stmts[query]; ok {
		st.Close()
		return prev, nil
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[query] = st
	return st, nil
}

func (s *SQLite) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := s.stmt(ctx, query)
	if err != nil {
		return s.db.QueryRowContext(ctx, query, args...) // reports the error on Scan
	}
	return st.QueryRowContext(ctx, args...)
}

func (s *SQLite) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := s.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (s *SQLite) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := s.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (s *SQLite) explain(ctx context.Context, query string, args ...any) (string, error) {
	rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			return "", err
		}
		b.WriteString(detail + "\n")
	}
	return b.String(), rows.Err()
}

// inTx runs fn in a transaction, committing if it returns nil.
func (s *SQLite) inTx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// relaxed runs fn in a transaction with synchronous=NORMAL, then puts the
// configured mode back. In WAL mode a NORMAL commit survives a crash of the
// process and reaches the disk with the next FULL commit; only a power
// loss in between can undo it. That is enough for marking rows sent: a lost
// "sent" is also in the sent journal, and a row whose claim is durable
// (see durable) is looked for by its copy before it is sent again. The
// commits that must never be lost, Record's and Claim's, do not use it. fn
// uses the prepared statements (txExec, txQuery): compiling a statement
// costs more than running it. In group-commit mode (the default) NORMAL is
// already the mode and fn simply runs in a transaction.
func (s *SQLite) relaxed(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.syncMode == "NORMAL" || s.syncMode == "OFF" {
		return s.inTx(ctx, fn)
	}
	return s.withSync(ctx, "NORMAL", fn)
}

// durable runs fn in a transaction whose commit has reached the disk when
// it returns, also in group-commit mode (where it commits with
// synchronous=FULL: in WAL mode one fsync of the log, which makes every
// earlier commit durable too). In the FULL and EXTRA modes every commit
// already is; in NORMAL and OFF the operator accepted that a power loss
// may undo commits, and fn simply runs in a transaction.
func (s *SQLite) durable(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if !s.group {
		return s.inTx(ctx, fn)
	}
	return s.withSync(ctx, "FULL", fn)
}

// withSync runs fn in a transaction on a connection set to synchronous=mode,
// then puts the configured mode back.
func (s *SQLite) withSync(ctx context.Context, mode string, fn func(tx *sql.Tx) error) error {
	c, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, "PRAGMA synchronous="+mode); err != nil {
		return err
	}
	ferr := func() error {
		tx, err := c.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			tx.Rollback()
			return err
		}
		return tx.Commit()
	}()
	if _, err := c.ExecContext(context.WithoutCancel(ctx), "PRAGMA synchronous="+s.syncMode); err != nil {
		// Never hand a connection in another mode back: throw it away.
		c.Raw(func(any) error { return driver.ErrBadConn })
		return errors.Join(ferr, fmt.Errorf("cannot restore synchronous mode: %w", err))
	}
	return ferr
}

// cached returns the statement prepared for query, or nil. Inside a
// transaction only this may be used: preparing would wait for the one
// connection, which the transaction holds.
func (s *SQLite) cached(query string) *sql.Stmt {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	return s.stmts[query]
}

func (s *SQLite) txQueryRow(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	if st := s.cached(query); st != nil {
		return tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, query, args...)
}

func (s *SQLite) txExec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if st := s.cached(query); st != nil {
		return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, query, args...)
}

func (s *SQLite) txQuery(ctx context.Context, tx *sql.Tx, query string, args ...any) (*sql.Rows, error) {
	if st := s.cached(query); st != nil {
		return tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return tx.QueryContext(ctx, query, args...)
}

// Options tunes Open. The zero value is the default.
type Options struct {
	// Synchronous says when commits reach the disk. If "" or "GROUP":
	// commits are written without waiting for the disk (SQLite's NORMAL
	// mode, which in WAL survives a crash of the process), and Sync makes
	// everything committed so far durable with one fsync; the mailbox calls
	// it before flagging a batch, so a power loss cannot undo a record whose
	// message was flagged. "FULL": every commit waits for the disk (Sync
	// does nothing): the safest and slowest. "NORMAL" never waits: a power
	// loss can undo the last records.
	Synchronous string
}

// Open opens (creating if needed) the SQLite store at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*SQLite, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opts Options) (*SQLite, error) {
	if path == "" {
		return nil, errors.New("cannot open store: empty path")
	}
	syncMode := opts.Synchronous
	group := false
	switch syncMode {
	case "", "GROUP":
		syncMode, group = "NORMAL", true
	case "FULL", "NORMAL", "OFF", "EXTRA":
	default:
		return nil, fmt.Errorf("cannot open store: unknown synchronous mode %q", opts.Synchronous)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	// deleted content is overwritten with zeros, not left in free pages:
	// FORGET must reach the disk (see Record)
	q.Add("_pragma", "secure_delete(1)")
	q.Add("_pragma", "synchronous("+syncMode+")")
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	// The store holds people's stories: its files are the owner's alone,
	// whatever the umask. SQLite gives the WAL and shared-memory files the
	// database file's permissions, so the file is made 0600 before SQLite
	// opens it, and files left by an older version are narrowed.
	if err := restrictFiles(path); err != nil {
		var pe *fs.PathError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("cannot open store %s: its folder %s does not exist", path, filepath.Dir(path))
		case errors.As(err, &pe):
			err = pe.Err // the path is said once
		}
		return nil, fmt.Errorf("cannot open store %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("cannot open store %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	s := withShared(&SQLite{db: db, path: path, sentPath: path + "-sent", syncMode: syncMode, group: group})
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot open store %s: %w", path, err)
	}
	for _, q := range []string{qInsertInbound, qUpsertCase, qInsertOutbox, qInsertRaw, qInsertFollowup,
		qClaim, qMarkSent} {
		if _, err := s.stmt(ctx, q); err != nil {
			s.Close()
			return nil, fmt.Errorf("cannot open store %s: %w", path, err)
		}
	}
	return s, nil
}

// storeFileSuffixes are the files SQLite and the store keep beside the
// database: the WAL, its shared memory, a rollback journal, the sent
// journal and the lock.
var storeFileSuffixes = []string{"", "-wal", "-shm", "-journal", "-sent", "-lock"}

// restrictFiles creates the database file with mode 0600 if it does not
// exist, and sets 0600 on every store file that does.
func restrictFiles(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	for _, suf := range storeFileSuffixes {
		if err := os.Chmod(path+suf, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// Close closes the database.
func (s *SQLite) Close() error {
	s.sentMu.Lock()
	defer s.sentMu.Unlock()
	var err error
	if s.sent != nil {
		err = s.sent.Close()
		s.sent = nil
	}
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	s.stmtMu.Unlock()
	return errors.Join(err, s.db.Close())
}

// Ping checks the database answers a query and can be written: it
// commits a write that changes nothing (qTouch, one page to the WAL), so a
// store held by another writer past ctx's deadline, on a filesystem gone
// read-only, or on one that fails every write (a dead disk: taking the
// write lock alone touches only shared memory, and passed) fails the
// health check.
func (s *SQLite) Ping(ctx context.Context) error {
	var one int
	if err := s.queryRow(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("cannot reach store: %w", err)
	}
	if _, err := s.exec(ctx, qTouch); err != nil {
		return fmt.Errorf("cannot write the store: %w", err)
	}
	return nil
}

// qTouch rewrites the newest schema_version row as it is: a commit that
// writes a page and changes nothing.
const qTouch = "UPDATE schema_version SET version = version WHERE version = (SELECT MAX(version) FROM schema_version)"

// writable takes the write lock (BEGIN IMMEDIATE, the _txlock of every
// transaction here) and lets it go: it fails on a read-only file, or while
// another writer holds the lock past ctx's deadline.
func (s *SQLite) writable(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("cannot write the store: %w", err)
	}
	return tx.Rollback()
}

// SchemaVersion returns the version of the schema in use.
func (s *SQLite) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.queryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&v)
	return v, err
}

// Sync makes every commit so far durable. In group-commit mode (the
// default) it runs one commit with synchronous=FULL: in WAL mode that fsyncs
// the log, and with it every earlier commit. In the other modes it does
// nothing (FULL commits are already durable; NORMAL accepts the risk). In
// every mode it first empties the WAL if an erasure's checkpoint was held
// up by a reader (see RecordResult.EraseWaiting).
func (s *SQLite) Sync(ctx context.Context) error {
	if s.walDue.Load() && time.Since(time.Unix(0, s.walTried.Load())) >= walRetry {
		// A FORGET whose bytes are still in the WAL (see Record): tried
		// again at most every walRetry, without waiting long for readers.
		s.truncateWAL(ctx, 100*time.Millisecond)
	}
	if !s.group {
		return nil
	}
	c, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("cannot sync store: %w", err)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, "PRAGMA synchronous=FULL"); err != nil {
		return fmt.Errorf("cannot sync store: %w", err)
	}
	// A commit must write to the log for the fsync to happen; rewriting the
	// newest schema_version row changes nothing.
	_, werr := c.ExecContext(ctx, qTouch)
	if _, err := c.ExecContext(context.WithoutCancel(ctx), "PRAGMA synchronous=NORMAL"); err != nil {
		c.Raw(func(any) error { return driver.ErrBadConn })
		return errors.Join(werr, fmt.Errorf("cannot restore synchronous mode: %w", err))
	}
	if werr != nil {
		return fmt.Errorf("cannot sync store: %w", werr)
	}
	return nil
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}
