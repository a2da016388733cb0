package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// The methods both stores have alike, written once (shared, which SQLite
// and Postgres embed): the reads here, over the store's own querier
// (SQLite's prepared statements, PostgreSQL's pool with ? numbered by
// rebind), and the follow-up writes in write.go, in the store's own
// transactions. What differs by database stays in the store's own files.

// shared is what both stores have alike.
type shared struct {
	db querier
	// inTxn runs fn in a transaction of the store, committed if fn
	// returns nil.
	inTxn func(ctx context.Context, fn func(txn) error) error
}

// querier runs statements written with ? placeholders, on a store or in
// one of its transactions.
type querier interface {
	// exec runs a statement and returns how many rows it changed.
	exec(ctx context.Context, query string, args ...any) (int64, error)
	// queryRow runs a query for one row; none is sql.ErrNoRows on Scan.
	queryRow(ctx context.Context, query string, args ...any) scanner
	// query runs a query for several rows, which the caller closes.
	query(ctx context.Context, query string, args ...any) (rows, error)
}

// rows is a result of several rows to read and close.
type rows interface {
	rowSource
	close()
}

// queryAll reads every row of query with scan; "cannot <what>" says what
// went wrong.
func queryAll[T any](ctx context.Context, q querier, what string, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	r, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("cannot %s: %w", what, err)
	}
	defer r.close()
	return collect(what, r, scan)
}

// Position implements mailbox.Cursor: the stored UIDVALIDITY and last UID
// done of mailbox, or zeros.
func (s shared) Position(ctx context.Context, mailbox string) (uint32, uint32, error) {
	var v, u int64
	err := s.db.queryRow(ctx, "SELECT uidvalidity, last_uid FROM mailbox_positions WHERE mailbox = ?", mailbox).Scan(&v, &u)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("cannot read position of %s: %w", mailbox, err)
	}
	return uint32(v), uint32(u), nil
}

// SetPosition implements mailbox.Cursor.
func (s shared) SetPosition(ctx context.Context, mailbox string, uidValidity, lastUID uint32) error {
	_, err := s.db.exec(ctx, `INSERT INTO mailbox_positions (mailbox, uidvalidity, last_uid, updated_at)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity,
			last_uid = excluded.last_uid, updated_at = excluded.updated_at`,
		mailbox, int64(uidValidity), int64(lastUID), ms(time.Now()))
	if err != nil {
		return fmt.Errorf("cannot save position of %s: %w", mailbox, err)
	}
	return nil
}

// Seen reports whether the message was recorded, by its UID key or its
// Message-ID ("" looks by the key only).
func (s shared) Seen(ctx context.Context, key InboundKey, messageID string) (bool, error) {
	var n int
	err := s.db.queryRow(ctx, `SELECT COUNT(*) FROM inbound
		WHERE (mailbox = ? AND uidvalidity = ? AND uid = ?) OR message_id = ?`,
		key.Mailbox, int64(key.UIDValidity), int64(key.UID), nullStr(messageID)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("cannot look up message: %w", err)
	}
	return n > 0, nil
}

// Case returns the case of person, or ErrNotFound.
func (s shared) Case(ctx context.Context, person string) (*Case, error) {
	c, err := scanCase(s.db.queryRow(ctx, `SELECT `+caseCols+` FROM cases WHERE person = ?`, person))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read a case: %w", err)
	}
	return c, nil
}

// HistoryOf returns the history of person (a lower-case address), by the
// indexes inbound_from and outbox_person.
func (s shared) HistoryOf(ctx context.Context, person string) (History, error) {
	var h History
	var err error
	if h.In, err = queryAll(ctx, s.db, "read the history", scanInbound,
		`SELECT `+inboundCols+` FROM inbound WHERE from_addr = ? ORDER BY id`, person); err != nil {
		return h, err
	}
	h.Out, err = queryAll(ctx, s.db, "read the history", scanHistoryOut,
		`SELECT `+historyOutCols+` FROM outbox WHERE person = ? ORDER BY created_at, id`, person)
	return h, err
}

// ListInbound returns all recorded inbound messages in id order (for tests
// and the CLI).
func (s shared) ListInbound(ctx context.Context) ([]InboundRow, error) {
	return queryAll(ctx, s.db, "list inbound", scanInbound, `SELECT `+inboundCols+` FROM inbound ORDER BY id`)
}

// RepliesSince counts the replies to inbound mail queued at or after t.
func (s shared) RepliesSince(ctx context.Context, t time.Time) (int, error) {
	var n int
	if err := s.db.queryRow(ctx, "SELECT COUNT(*) FROM outbox WHERE created_at >= ? AND inbound_id IS NOT NULL", ms(t)).Scan(&n); err != nil {
		return 0, fmt.Errorf("cannot count replies: %w", err)
	}
	return n, nil
}

// ReplyRoom returns the earliest time at or after now when a reply fits
// under perHour replies to inbound mail in any hour. It reads the index
// outbox_replies backwards from the newest row: perHour rows at most.
func (s shared) ReplyRoom(ctx context.Context, now time.Time, perHour int) (time.Time, error) {
	if perHour <= 0 {
		return time.Time{}, fmt.Errorf("cannot find room for a reply: a cap of %d an hour", perHour)
	}
	var nth int64
	err := s.db.queryRow(ctx, `SELECT created_at FROM outbox WHERE inbound_id IS NOT NULL AND created_at >= ?
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

// OldestUnsent returns when the oldest message still to send was queued
// for, or zero.
func (s shared) OldestUnsent(ctx context.Context) (time.Time, error) {
	var at sql.NullInt64
	if err := s.db.queryRow(ctx, "SELECT MIN(created_at) FROM outbox WHERE status IN ('pending', 'sending')").Scan(&at); err != nil {
		return time.Time{}, fmt.Errorf("cannot read the outbox: %w", err)
	}
	if !at.Valid {
		return time.Time{}, nil
	}
	return fromMS(at.Int64), nil
}

// OutboxDepth counts the rows still to send.
func (s shared) OutboxDepth(ctx context.Context) (int, error) {
	var n int
	if err := s.db.queryRow(ctx, "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')").Scan(&n); err != nil {
		return 0, fmt.Errorf("cannot count outbox: %w", err)
	}
	return n, nil
}

// qDueAfter reads the due follow-ups in (due_at, id) order, by the
// followups_due index (status, due_at).
const qDueAfter = `SELECT ` + followupCols + ` FROM followups
	WHERE status = 'pending' AND due_at <= ? AND (due_at, id) > (?, ?)
	ORDER BY due_at, id LIMIT ?`

// DueFollowupsAfter returns up to limit pending follow-ups due at or before
// t that come after the cursor, earliest first. Follow-ups left pending
// (a send that failed) are not returned again by later pages of the same
// walk; start again from the zero cursor to retry them.
func (s shared) DueFollowupsAfter(ctx context.Context, t time.Time, after FollowupCursor, limit int) ([]Followup, error) {
	if limit <= 0 {
		return nil, errors.New("cannot read follow-ups: limit must be positive")
	}
	return queryAll(ctx, s.db, "read follow-ups", scanFollowup, qDueAfter, ms(t), ms(after.DueAt), after.ID, limit)
}

// PostponeFollowup moves a pending follow-up to due (it fell due in the
// person's night, after an outage).
func (s shared) PostponeFollowup(ctx context.Context, id int64, due time.Time) error {
	n, err := s.db.exec(ctx, `UPDATE followups SET due_at = ? WHERE id = ? AND status = 'pending'`, ms(due), id)
	if err != nil {
		return fmt.Errorf("cannot postpone follow-up %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("cannot postpone follow-up %d: %w", id, ErrFollowupHandled)
	}
	return nil
}

// update runs query, which changes outbox row id (as what says: "sent",
// "failed"); a row it did not change is ErrNotFound.
func (s shared) update(ctx context.Context, what string, id int64, query string, args ...any) error {
	n, err := s.db.exec(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("cannot mark outbox row %d %s: %w", id, what, err)
	}
	if n == 0 {
		return fmt.Errorf("cannot mark outbox row %d %s: %w", id, what, ErrNotFound)
	}
	return nil
}
