package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// qUpsertCase is SQLite's upsert of a case (sqliteTx.upsertCase; the
// other statements of Record are in write.go).
const qUpsertCase = `INSERT INTO cases
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

// sqliteTx is a transaction of the SQLite store as the shared writes
// (write.go) use it: through the statements prepared when the store
// opened, where there is one.
type sqliteTx struct {
	s  *SQLite
	tx *sql.Tx
}

func (t sqliteTx) exec(ctx context.Context, query string, args ...any) (int64, error) {
	r, err := t.s.txExec(ctx, t.tx, query, args...)
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

func (t sqliteTx) queryRow(ctx context.Context, query string, args ...any) scanner {
	return t.s.txQueryRow(ctx, t.tx, query, args...)
}

func (t sqliteTx) query(ctx context.Context, query string, args ...any) (rows, error) {
	r, err := t.s.txQuery(ctx, t.tx, query, args...)
	return sqlRows{r}, err
}

// sqliteDB is the SQLite store as the shared reads (read.go) use it,
// outside a transaction: through its prepared statements.
type sqliteDB struct{ s *SQLite }

func (d sqliteDB) exec(ctx context.Context, query string, args ...any) (int64, error) {
	r, err := d.s.exec(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

func (d sqliteDB) queryRow(ctx context.Context, query string, args ...any) scanner {
	return d.s.queryRow(ctx, query, args...)
}

func (d sqliteDB) query(ctx context.Context, query string, args ...any) (rows, error) {
	r, err := d.s.query(ctx, query, args...)
	return sqlRows{r}, err
}

// sqlRows is database/sql's rows as the shared reads close them.
type sqlRows struct{ *sql.Rows }

func (r sqlRows) close() { r.Rows.Close() }

func (t sqliteTx) upsertCase(ctx context.Context, c *CaseUpdate, lastReply string, now time.Time) error {
	var tz, facts any
	if c.TZOffset != nil {
		tz = *c.TZOffset
	}
	if c.Facts != nil {
		facts = string(c.Facts)
	}
	_, err := t.exec(ctx, qUpsertCase,
		c.Person, facts, c.State, tz, ms(c.MessageAt), ms(c.MessageAt), ms(c.AdviceAt), ms(now),
		c.Subject, c.ThreadRoot, lastReply, ms(c.HelpAt),
		facts, c.State, tz)
	return err
}

func (t sqliteTx) cancelFollowups(ctx context.Context, person string, kinds []string) (int64, error) {
	args := []any{person}
	for _, k := range kinds {
		args = append(args, k)
	}
	// INDEXED BY: without statistics SQLite prefers followups_due.
	return t.exec(ctx, `UPDATE followups INDEXED BY followups_person SET status = 'cancelled'
		WHERE person = ? AND status = 'pending' AND kind IN (?`+strings.Repeat(", ?", len(kinds)-1)+`)`, args...)
}

func (s *SQLite) Record(ctx context.Context, r Record) (res RecordResult, err error) {
	now := r.Now
	if now.IsZero() {
		now = time.Now()
	}
	if r.Inbound.Decision == "" {
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
	if res, err = writeRecord(ctx, sqliteTx{s, tx}, r, now); err != nil {
		return res, err
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
