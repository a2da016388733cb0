package store

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"jobback/domain"
	"net/url"
	"os"
	"path/filepath"
	"slices"
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

var _ Store = (*SQLite)(nil)

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
	s := &SQLite{db: db, path: path, sentPath: path + "-sent", syncMode: syncMode, group: group}
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

// The statements of Record, prepared when the store opens (a statement
// cannot be prepared while the one connection is inside a transaction).
const (
	qInsertInbound = `INSERT INTO inbound
		(mailbox, uidvalidity, uid, message_id, from_addr, subject, size, decision, reason, received_at, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING
		RETURNING id`
	qUpsertCase = `INSERT INTO cases
			(person, facts, state, tz_offset, messages, first_seen_at, last_message_at, last_advice_at, updated_at,
			 subject, thread_root, last_reply_id, last_help_at)
			VALUES (?, COALESCE(?, '{}'), COALESCE(NULLIF(?, ''), 'new'), ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (person) DO UPDATE SET
				subject = CASE WHEN excluded.subject <> '' THEN excluded.subject ELSE cases.subject END,
				thread_root = CASE WHEN excluded.thread_root <> '' THEN excluded.thread_root ELSE cases.thread_root END,
				last_reply_id = CASE WHEN excluded.last_reply_id <> '' THEN excluded.last_reply_id ELSE cases.last_reply_id END,
				last_help_at = CASE WHEN excluded.last_help_at > cases.last_help_at
					THEN excluded.last_help_at ELSE cases.last_help_at END,
				facts = COALESCE(?, cases.facts),
				state = COALESCE(NULLIF(?, ''), cases.state),
				tz_offset = COALESCE(?, cases.tz_offset),
				messages = cases.messages + 1,
				last_message_at = CASE WHEN excluded.last_message_at > cases.last_message_at
					THEN excluded.last_message_at ELSE cases.last_message_at END,
				last_advice_at = CASE WHEN excluded.last_advice_at > cases.last_advice_at
					THEN excluded.last_advice_at ELSE cases.last_advice_at END,
				updated_at = excluded.updated_at`
	qInsertOutbox = `INSERT INTO outbox
			(inbound_id, kind, message_id, from_addr, recipient, status, attempts,
			 created_at, arrived_at, next_attempt_at, lease_until, last_error, sent_at, person)
			VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, 0, '', 0, ?)
			RETURNING id`
	// The message itself lives beside its row (schema 3), so that claiming
	// and marking a row does not rewrite its bytes.
	qInsertRaw      = `INSERT INTO outbox_raw (id, raw) VALUES (?, ?)`
	qInsertFollowup = `INSERT INTO followups (person, kind, due_at, status, inbound_id, created_at)
			VALUES (?, ?, ?, 'pending', ?, ?)`
)

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

func (s *SQLite) Position(ctx context.Context, mailbox string) (uint32, uint32, error) {
	var v, u int64
	err := s.queryRow(ctx,
		"SELECT uidvalidity, last_uid FROM mailbox_positions WHERE mailbox = ?", mailbox).Scan(&v, &u)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("cannot read position of %s: %w", mailbox, err)
	}
	return uint32(v), uint32(u), nil
}

func (s *SQLite) SetPosition(ctx context.Context, mailbox string, uidValidity, lastUID uint32) error {
	_, err := s.exec(ctx, `INSERT INTO mailbox_positions (mailbox, uidvalidity, last_uid, updated_at)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity,
			last_uid = excluded.last_uid, updated_at = excluded.updated_at`,
		mailbox, int64(uidValidity), int64(lastUID), ms(time.Now()))
	if err != nil {
		return fmt.Errorf("cannot save position of %s: %w", mailbox, err)
	}
	return nil
}

func (s *SQLite) Seen(ctx context.Context, key InboundKey, messageID string) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM inbound
		WHERE (mailbox = ? AND uidvalidity = ? AND uid = ?) OR message_id = ?`,
		key.Mailbox, int64(key.UIDValidity), int64(key.UID), nullStr(messageID)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("cannot look up message: %w", err)
	}
	return n > 0, nil
}

func (s *SQLite) Record(ctx context.Context, r Record) (res RecordResult, err error) {
	now := r.Now
	if now.IsZero() {
		now = time.Now()
	}
	in := r.Inbound
	if in.Decision == "" {
		return res, errors.New("cannot record message: no decision")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("cannot record message: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()

	// ON CONFLICT DO NOTHING covers both unique keys (UID key and
	// Message-ID); no row inserted means the message is a duplicate.
	var inboundID int64
	err = s.txQueryRow(ctx, tx, qInsertInbound,
		in.Key.Mailbox, int64(in.Key.UIDValidity), int64(in.Key.UID), nullStr(in.MessageID),
		in.From, in.Subject, in.Size, string(in.Decision), in.Reason, ms(in.ReceivedAt), ms(now)).Scan(&inboundID)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrDuplicate
		return res, err
	}
	if err != nil {
		return res, fmt.Errorf("cannot record message: %w", err)
	}
	res.InboundID = inboundID

	if (r.Forget || r.Replan != nil) && (r.Case == nil || r.Case.Person == "") {
		err = errors.New("cannot record message: forgetting or replanning needs the case's person")
		return res, err
	}
	if r.Forget && r.EraseMail {
		// Before forget: it blanks the inbound rows' sender and deletes
		// the outbox rows. Messages without a Message-ID (recorded by a
		// hash) cannot be looked for, and are not listed.
		for _, q := range []string{
			`INSERT OR IGNORE INTO erase_mail (message_id, created_at)
				SELECT message_id, ? FROM inbound WHERE from_addr = ? AND message_id IS NOT NULL AND message_id NOT LIKE 'sha256:%'`,
			`INSERT OR IGNORE INTO erase_mail (message_id, created_at)
				SELECT message_id, ? FROM outbox WHERE person = ? AND message_id <> ''`,
		} {
			if _, err = tx.ExecContext(ctx, q, ms(now), r.Case.Person); err != nil {
				return res, fmt.Errorf("cannot list the person's mail for erasure: %w", err)
			}
		}
	}
	if r.CancelHeld && r.Case != nil && r.Case.Person != "" {
		if _, err = tx.ExecContext(ctx, `DELETE FROM outbox WHERE person = ? AND status = 'pending' AND attempts = 0 AND created_at > ?`,
			r.Case.Person, ms(now)); err != nil {
			return res, fmt.Errorf("cannot cancel the replies held back: %w", err)
		}
	}
	if r.Forget {
		if err = forget(ctx, tx, r.Case.Person); err != nil {
			return res, fmt.Errorf("cannot forget the person: %w", err)
		}
	}

	if c := r.Case; c != nil && !r.Forget {
		if c.Person == "" {
			err = errors.New("cannot record case: no person")
			return res, err
		}
		state := c.State
		var tz any
		if c.TZOffset != nil {
			tz = *c.TZOffset
		}
		var facts any
		if c.Facts != nil {
			facts = string(c.Facts)
		}
		lastReply := ""
		if n := len(r.Outbox); n > 0 {
			lastReply = r.Outbox[n-1].MessageID
		}
		_, err = s.txExec(ctx, tx, qUpsertCase,
			c.Person, facts, state, tz, ms(c.MessageAt), ms(c.MessageAt), ms(c.AdviceAt), ms(now),
			c.Subject, c.ThreadRoot, lastReply, ms(c.HelpAt),
			facts, state, tz)
		if err != nil {
			return res, fmt.Errorf("cannot record the case: %w", err)
		}
	}
	if rp := r.Replan; rp != nil && !r.Forget {
		if err = s.replan(ctx, tx, now, r.Case.Person, rp.Cancel, rp.Add); err != nil {
			return res, fmt.Errorf("cannot replan the follow-ups: %w", err)
		}
	}

	for _, o := range r.Outbox {
		if o.Recipient == "" || len(o.Raw) == 0 {
			err = errors.New("cannot queue reply: no recipient or empty message")
			return res, err
		}
		if o.Person == "" && r.Case != nil {
			o.Person = r.Case.Person
		}
		var id int64
		id, err = s.insertOutbox(ctx, tx, inboundID, o, now)
		if err != nil {
			return res, fmt.Errorf("cannot queue a reply: %w", err)
		}
		res.OutboxIDs = append(res.OutboxIDs, id)
	}

	for _, f := range r.Followups {
		_, err = s.txExec(ctx, tx, qInsertFollowup, f.Person, f.Kind, ms(f.DueAt), inboundID, ms(now))
		if err != nil {
			return res, fmt.Errorf("cannot plan a follow-up: %w", err)
		}
	}

	if err = tx.Commit(); err != nil {
		return res, fmt.Errorf("cannot commit record: %w", err)
	}
	if r.Forget {
		// The WAL still holds the pages as they were before: copy the
		// zeroed pages into the database and empty the WAL, so the
		// person's bytes leave the disk now, not at the next checkpoint.
		// The record is committed: a checkpoint that cannot finish now
		// (a reader holds the log, or it failed) is tried again at the
		// next Sync, and the caller is told.
		if done, cerr := s.truncateWAL(ctx, forgetWait); cerr != nil || !done {
			s.walDue.Store(true)
			res.EraseWaiting = true
		}
	}
	return res, nil
}

// MailToErase returns up to limit Message-IDs that a FORGET listed for
// erasure from the mailbox (Record.EraseMail) at or before t, oldest first.
func (s *SQLite) MailToErase(ctx context.Context, t time.Time, limit int) ([]string, error) {
	rows, err := s.query(ctx, `SELECT message_id FROM erase_mail WHERE created_at <= ? ORDER BY created_at LIMIT ?`, ms(t), limit)
	if err != nil {
		return nil, fmt.Errorf("cannot read the mail to erase: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("cannot read the mail to erase: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cannot read the mail to erase: %w", err)
	}
	return ids, nil
}

// MailErased takes Message-IDs off the list of MailToErase once the
// mailbox has erased them.
// The IDs' bytes are then emptied from the WAL, as a FORGET's are.
func (s *SQLite) MailErased(ctx context.Context, ids []string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `DELETE FROM erase_mail WHERE message_id = ?`, id); err != nil {
				return fmt.Errorf("cannot take erased mail off the list: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.EraseWAL(ctx)
	return nil
}

// forgetWait is how long an erasure's checkpoint waits for readers of the
// store (a backup, a replicator) before it leaves the log to a later try;
// the store's one connection is held meanwhile.
const forgetWait = time.Second

// walRetry is how often Sync tries again an erasure's checkpoint that a
// reader held up.
const walRetry = time.Minute

// truncateWAL copies the WAL into the database and empties it, waiting at
// most wait for readers. It reports false when a reader kept it from
// finishing (SQLite then gives up without an error).
func (s *SQLite) truncateWAL(ctx context.Context, wait time.Duration) (bool, error) {
	c, err := s.db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", wait.Milliseconds())); err != nil {
		return false, err
	}
	var busy, logged, done int
	cerr := c.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &done)
	if _, err := c.ExecContext(context.WithoutCancel(ctx), "PRAGMA busy_timeout = 10000"); err != nil {
		c.Raw(func(any) error { return driver.ErrBadConn })
		return false, errors.Join(cerr, err)
	}
	s.walTried.Store(time.Now().UnixNano())
	if cerr != nil {
		return false, cerr
	}
	if busy == 0 {
		s.walDue.Store(false)
	}
	return busy == 0, nil
}

// EraseWAL empties the write-ahead log now, as after a FORGET, so that
// bytes just overwritten (the confirmation of a FORGET, once sent) leave
// the disk; if a reader holds the log, it is tried again at a later Sync.
func (s *SQLite) EraseWAL(ctx context.Context) {
	if done, err := s.truncateWAL(ctx, forgetWait); err != nil || !done {
		s.walDue.Store(true)
	}
}

// insertOutbox queues o (its row and its bytes) inside tx; inboundID is
// nil for a follow-up.
func (s *SQLite) insertOutbox(ctx context.Context, tx *sql.Tx, inboundID any, o NewOutbox, now time.Time) (int64, error) {
	var id int64
	at := now
	if o.NotBefore.After(now) {
		at = o.NotBefore
	}
	if err := s.txQueryRow(ctx, tx, qInsertOutbox, inboundID, o.Kind, o.MessageID, o.From, o.Recipient,
		ms(at), ms(o.ArrivedAt), ms(at), o.Person).Scan(&id); err != nil {
		return 0, err
	}
	if _, err := s.txExec(ctx, tx, qInsertRaw, id, o.Raw); err != nil {
		return 0, err
	}
	return id, nil
}

func (s *SQLite) Case(ctx context.Context, person string) (*Case, error) {
	var c Case
	var facts string
	var tz sql.NullInt64
	var first, last, advice int64
	var help int64
	err := s.queryRow(ctx, `SELECT person, facts, state, tz_offset, messages,
		first_seen_at, last_message_at, last_advice_at, last_help_at, subject, thread_root, last_reply_id
		FROM cases WHERE person = ?`, person).
		Scan(&c.Person, &facts, &c.State, &tz, &c.Messages, &first, &last, &advice, &help,
			&c.Subject, &c.ThreadRoot, &c.LastReplyID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read a case: %w", err)
	}
	c.Facts = []byte(facts)
	if tz.Valid {
		v := int(tz.Int64)
		c.TZOffset = &v
	}
	c.FirstSeenAt, c.LastMessageAt, c.LastAdviceAt = fromMS(first), fromMS(last), fromMS(advice)
	c.LastHelpAt = fromMS(help)
	return &c, nil
}

func (s *SQLite) RepliesSince(ctx context.Context, t time.Time) (int, error) {
	var n int
	if err := s.queryRow(ctx, "SELECT COUNT(*) FROM outbox WHERE created_at >= ? AND inbound_id IS NOT NULL", ms(t)).Scan(&n); err != nil {
		return 0, fmt.Errorf("cannot count replies: %w", err)
	}
	return n, nil
}

// ReplyRoom implements Store. It reads the index outbox_replies backwards
// from the newest row: perHour rows at most.
func (s *SQLite) ReplyRoom(ctx context.Context, now time.Time, perHour int) (time.Time, error) {
	if perHour <= 0 {
		return time.Time{}, fmt.Errorf("cannot find room for a reply: a cap of %d an hour", perHour)
	}
	var nth int64
	err := s.queryRow(ctx, `SELECT created_at FROM outbox WHERE inbound_id IS NOT NULL AND created_at >= ?
		ORDER BY created_at DESC LIMIT 1 OFFSET ?`, ms(now.Add(-time.Hour)), perHour-1).Scan(&nth)
	if errors.Is(err, sql.ErrNoRows) {
		return now, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("cannot find room for a reply: %w", err)
	}
	if at := fromMS(nth).Add(time.Hour); at.After(now) {
		return at, nil
	}
	return now, nil
}

// OldestUnsent implements Store.
func (s *SQLite) OldestUnsent(ctx context.Context) (time.Time, error) {
	var at sql.NullInt64
	if err := s.queryRow(ctx, "SELECT MIN(created_at) FROM outbox WHERE status IN ('pending', 'sending')").Scan(&at); err != nil {
		return time.Time{}, fmt.Errorf("cannot read the outbox: %w", err)
	}
	if !at.Valid {
		return time.Time{}, nil
	}
	return fromMS(at.Int64), nil
}

// SentToSince implements Store.
func (s *SQLite) SentToSince(ctx context.Context, recipient string, t time.Time) (int, error) {
	var n int
	if err := s.queryRow(ctx, "SELECT COUNT(*) FROM outbox WHERE recipient = ? COLLATE NOCASE AND created_at >= ?", recipient, ms(t)).Scan(&n); err != nil {
		return 0, fmt.Errorf("cannot count mail to one person: %w", err)
	}
	return n, nil
}

const outboxCols = `id, COALESCE(inbound_id, 0), kind, message_id, from_addr, recipient,
	COALESCE((SELECT raw FROM outbox_raw WHERE outbox_raw.id = outbox.id), x''), status, attempts,
	created_at, arrived_at, next_attempt_at, lease_until, last_error, sent_at`

type scanner interface{ Scan(...any) error }

func scanOutbox(r scanner) (OutboxItem, error) {
	var o OutboxItem
	var created, arrived, next, lease, sent int64
	err := r.Scan(&o.ID, &o.InboundID, &o.Kind, &o.MessageID, &o.From, &o.Recipient, &o.Raw, &o.Status,
		&o.Attempts, &created, &arrived, &next, &lease, &o.LastError, &sent)
	o.CreatedAt, o.ArrivedAt, o.NextAttemptAt = fromMS(created), fromMS(arrived), fromMS(next)
	o.LeaseUntil, o.SentAt = fromMS(lease), fromMS(sent)
	return o, err
}

// qClaim leases up to ?3 rows due at ?2 until ?1: first rows whose lease
// ran out (a sender died), then pending rows in due order. Each part reads
// its own index range (outbox_due), in order, so a claim costs the same
// however long the queue is. (One OR over both, ordered, made SQLite sort
// every due row at every claim.)
const qClaim = `UPDATE outbox SET status = 'sending', lease_until = ?1, attempts = attempts + 1
	WHERE id IN (
		SELECT id FROM (SELECT id FROM outbox WHERE status = 'sending' AND lease_until <= ?2 LIMIT ?3)
		UNION ALL
		SELECT id FROM (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?2
			ORDER BY next_attempt_at, id LIMIT ?3)
		LIMIT ?3)
	RETURNING ` + outboxCols

func (s *SQLite) Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]OutboxItem, error) {
	if limit <= 0 {
		limit = 1
	}
	// One statement: the rows chosen and the lease taken cannot be split by
	// another claimer. (PostgreSQL will add FOR UPDATE SKIP LOCKED to the
	// inner SELECTs.) The claim is durable before it is returned: a reply
	// may go out as soon as it is claimed, and its raised attempt count is
	// what makes a sender look for its copy before sending it again, after
	// a crash, a power cut or a store that failed (issue 15, finding 6).
	// A claim that finds nothing due writes nothing, and costs no fsync.
	var out []OutboxItem
	err := s.durable(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		rows, err := s.txQuery(ctx, tx, qClaim, ms(now.Add(lease)), ms(now), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			o, err := scanOutbox(rows)
			if err != nil {
				return err
			}
			out = append(out, o)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("cannot claim outbox rows: %w", err)
	}
	// RETURNING gives no order: oldest due first.
	slices.SortFunc(out, func(a, b OutboxItem) int {
		if c := a.NextAttemptAt.Compare(b.NextAttemptAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

func (s *SQLite) update(ctx context.Context, what string, id int64, query string, args ...any) error {
	res, err := s.exec(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("cannot mark outbox row %d %s: %w", id, what, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("cannot mark outbox row %d %s: %w", id, what, ErrNotFound)
	}
	return nil
}

// MarkSent first appends the row's id to the sent journal (a small file
// next to the database, written without fsync: it survives a crash of the
// process, which is what it is for), then marks the row in the database.
// The journal shrinks the window in which a reply accepted by SMTP can be
// forgotten by a crash to the time of one write(2), instead of a database
// commit that may wait for another transaction's fsync. Recover replays it.
func (s *SQLite) MarkSent(ctx context.Context, id int64, at time.Time) error {
	// The journal write must not wait for the database.
	jerr := s.JournalSent(id, at)
	return s.markSent(ctx, []int64{id}, at, jerr)
}

// JournalSent is the first half of MarkSent: the id is appended to the sent
// journal at once. MarkSentMany must follow for it (a sender journals each
// reply as soon as the server takes it and marks its batch in one
// transaction).
func (s *SQLite) JournalSent(id int64, at time.Time) error {
	s.sentMu.Lock()
	defer s.sentMu.Unlock()
	s.sentPending++
	return s.journalSent(id, at)
}

// MarkSentMany marks rows already given to JournalSent sent, in one
// transaction. A row that no longer exists (FORGET deleted it) is skipped.
func (s *SQLite) MarkSentMany(ctx context.Context, ids []int64, at time.Time) error {
	return s.markSent(ctx, ids, at, nil)
}

func (s *SQLite) markSent(ctx context.Context, ids []int64, at time.Time, jerr error) error {
	var missing int
	err := s.relaxed(ctx, func(tx *sql.Tx) error {
		missing = 0
		for _, id := range ids {
			r, err := s.txExec(ctx, tx, qMarkSent, ms(at), id)
			if err != nil {
				return err
			}
			if n, _ := r.RowsAffected(); n == 0 {
				missing++
			}
		}
		return nil
	})
	s.sentMu.Lock()
	defer s.sentMu.Unlock()
	s.sentPending -= len(ids)
	if err != nil {
		return fmt.Errorf("cannot mark %d outbox rows sent: %w", len(ids), err)
	}
	if jerr == nil && s.sentPending == 0 && s.sentSize > maxJournal && s.sent != nil {
		// Every id in it is now marked in the database.
		if terr := s.sent.Truncate(0); terr == nil {
			s.sentSize = 0
		}
	}
	if missing > 0 && len(ids) == 1 {
		return fmt.Errorf("cannot mark outbox row %d sent: %w", ids[0], ErrNotFound)
	}
	return nil
}

// qMarkSent marks a row sent; the confirmation of FORGET is then erased
// (the person asked for no record to be left; its bytes are erased by the
// trigger outbox_forgotten_sent).
const qMarkSent = `UPDATE outbox SET status = 'sent', sent_at = ?, lease_until = 0, last_error = '',
	recipient = CASE WHEN kind = '` + string(domain.KindConfirmForget) + `' THEN '' ELSE recipient END,
	person = CASE WHEN kind = '` + string(domain.KindConfirmForget) + `' THEN '' ELSE person END
	WHERE id = ?`

// OutboxCopy marks sent the row whose message came back to our mailbox.
func (s *SQLite) OutboxCopy(ctx context.Context, messageID string, at time.Time) (bool, error) {
	if messageID == "" {
		return false, nil
	}
	var id int64
	var status string
	err := s.queryRow(ctx, `SELECT id, status FROM outbox WHERE message_id = ? ORDER BY id LIMIT 1`, messageID).Scan(&id, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cannot look up outbox row by Message-ID: %w", err)
	}
	if status == StatusPending || status == StatusSending {
		if err := s.MarkSent(ctx, id, at); err != nil && !errors.Is(err, ErrNotFound) {
			return true, err
		}
	}
	return true, nil
}

// maxJournal is the size at which the sent journal is emptied.
const maxJournal = 1 << 20

func (s *SQLite) journalSent(id int64, at time.Time) error {
	if s.sent == nil {
		f, err := os.OpenFile(s.sentPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return err
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return err
		}
		s.sent, s.sentSize = f, st.Size()
	}
	n, err := fmt.Fprintf(s.sent, "%d %d\n", id, ms(at))
	s.sentSize += int64(n)
	return err
}

// Recover is run once when the daemon starts, before any sender. It first
// takes a lock file next to the database (ErrInUse if another process holds
// it: two daemons must not share one SQLite store). Then it marks
// sent the rows named in the sent journal (sent just before a crash), then
// empties the journal, and gives the rows a crashed sender still held back
// to the queue, due at retryAt (zero: now), instead of waiting for their
// leases to end. (A caller that can check whether such a reply got out, by
// its copy in our mailbox, gives the copy time to arrive.)
// It returns how many rows it marked sent and how many it released.
//
// Call it only when this process is the store's one user, which is the
// SQLite setup; with several instances, leases do this work.
func (s *SQLite) Recover(ctx context.Context, retryAt time.Time) (sent, released int, err error) {
	s.sentMu.Lock()
	defer s.sentMu.Unlock()
	if s.lock == nil {
		l, err := lockFile(s.sentPath[:len(s.sentPath)-len("-sent")] + "-lock")
		if err != nil {
			return 0, 0, fmt.Errorf("cannot take the store: %w", err)
		}
		s.lock = l
	}
	data, err := os.ReadFile(s.sentPath)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return 0, 0, fmt.Errorf("cannot read sent journal: %w", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		var id, at int64
		if _, err := fmt.Sscanf(line, "%d %d", &id, &at); err != nil {
			continue // an empty or torn last line
		}
		res, err := s.exec(ctx, qMarkSent+` AND status <> 'sent'`, at, id)
		if err != nil {
			return sent, 0, fmt.Errorf("cannot replay sent journal: %w", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			sent++
		}
	}
	if s.sent != nil {
		s.sent.Close()
		s.sent = nil
	}
	if err := os.Truncate(s.sentPath, 0); err != nil && !errors.Is(err, os.ErrNotExist) {
		return sent, 0, fmt.Errorf("cannot empty sent journal: %w", err)
	}
	if retryAt.IsZero() {
		retryAt = time.Now()
	}
	res, err := s.exec(ctx, `UPDATE outbox SET status = 'pending', lease_until = 0, next_attempt_at = ?
		WHERE status = 'sending'`, ms(retryAt))
	if err != nil {
		return sent, 0, fmt.Errorf("cannot release leases: %w", err)
	}
	n, _ := res.RowsAffected()
	return sent, int(n), nil
}

func (s *SQLite) MarkRetry(ctx context.Context, id int64, next time.Time, lastErr string) error {
	return s.update(ctx, "for retry", id,
		"UPDATE outbox SET status = 'pending', next_attempt_at = ?, lease_until = 0, last_error = ? WHERE id = ? AND status <> 'sent'",
		ms(next), lastErr, id)
}

func (s *SQLite) MarkFailed(ctx context.Context, id int64, at time.Time, lastErr string) error {
	return s.update(ctx, "failed", id,
		"UPDATE outbox SET status = 'failed', lease_until = 0, last_error = ?, next_attempt_at = ? WHERE id = ? AND status <> 'sent'",
		lastErr, ms(at), id)
}

func (s *SQLite) Outbox(ctx context.Context, id int64) (*OutboxItem, error) {
	o, err := scanOutbox(s.queryRow(ctx, "SELECT "+outboxCols+" FROM outbox WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read outbox row %d: %w", id, err)
	}
	return &o, nil
}

func (s *SQLite) OutboxDepth(ctx context.Context) (int, error) {
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("cannot count outbox: %w", err)
	}
	return n, nil
}

// OutboxCounts is how many outbox rows are in each state as of a time.
type OutboxCounts struct {
	Due    int // to send now: pending and due, or being sent
	Later  int // pending, waiting for a later attempt
	Sent   int
	Failed int
}

// CountOutbox counts the outbox rows by state as of now, in one query
// (`jobback followups run-due` waits on it without reading the messages).
func (s *SQLite) CountOutbox(ctx context.Context, now time.Time) (OutboxCounts, error) {
	var c OutboxCounts
	err := s.queryRow(ctx, `SELECT
		COALESCE(SUM(status = 'sending' OR (status = 'pending' AND next_attempt_at <= ?1)), 0),
		COALESCE(SUM(status = 'pending' AND next_attempt_at > ?1), 0),
		COALESCE(SUM(status = 'sent'), 0),
		COALESCE(SUM(status = 'failed'), 0)
		FROM outbox`, ms(now)).Scan(&c.Due, &c.Later, &c.Sent, &c.Failed)
	if err != nil {
		return c, fmt.Errorf("cannot count outbox: %w", err)
	}
	return c, nil
}

// ListOutbox returns all outbox rows in id order (for tests and the CLI).
func (s *SQLite) ListOutbox(ctx context.Context) ([]OutboxItem, error) {
	rows, err := s.query(ctx, "SELECT "+outboxCols+" FROM outbox ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("cannot list outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxItem
	for rows.Next() {
		o, err := scanOutbox(rows)
		if err != nil {
			return nil, fmt.Errorf("cannot list outbox: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// InboundRow is one recorded inbound message, as listed by ListInbound.
type InboundRow struct {
	ID       int64
	Inbound  Inbound
	Recorded time.Time
}

// ListInbound returns all recorded inbound messages in id order (for tests
// and the CLI).
func (s *SQLite) ListInbound(ctx context.Context) ([]InboundRow, error) {
	rows, err := s.query(ctx, `SELECT id, mailbox, uidvalidity, uid, COALESCE(message_id, ''),
		from_addr, subject, size, decision, reason, received_at, recorded_at FROM inbound ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("cannot list inbound: %w", err)
	}
	defer rows.Close()
	var out []InboundRow
	for rows.Next() {
		var r InboundRow
		var v, u, recv, rec int64
		var dec string
		if err := rows.Scan(&r.ID, &r.Inbound.Key.Mailbox, &v, &u, &r.Inbound.MessageID, &r.Inbound.From,
			&r.Inbound.Subject, &r.Inbound.Size, &dec, &r.Inbound.Reason, &recv, &rec); err != nil {
			return nil, fmt.Errorf("cannot list inbound: %w", err)
		}
		r.Inbound.Key.UIDValidity, r.Inbound.Key.UID = uint32(v), uint32(u)
		r.Inbound.Decision = Decision(dec)
		r.Inbound.ReceivedAt, r.Recorded = fromMS(recv), fromMS(rec)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Followup is one planned follow-up.
type Followup struct {
	ID     int64
	Person string
	Kind   domain.Kind
	DueAt  time.Time
	Status string
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
