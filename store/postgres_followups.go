package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// DueFollowupsAfter returns up to limit pending follow-ups due at or before
// t that come after the cursor, earliest first (index followups_due).
func (s *Postgres) DueFollowupsAfter(ctx context.Context, t time.Time, after FollowupCursor, limit int) ([]Followup, error) {
	return dueFollowupsAfter(ctx, s.db(), t, after, limit)
}

// MarkFollowups sets the status of the given follow-ups (FollowupDone,
// FollowupStale or FollowupCancelled) in one statement. Only pending ones
// change; it returns how many did.
func (s *Postgres) MarkFollowups(ctx context.Context, ids []int64, status string) (int64, error) {
	switch status {
	case FollowupDone, FollowupStale, FollowupCancelled:
	default:
		return 0, fmt.Errorf("cannot mark follow-ups: unknown status %q", status)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	tag, err := s.pool.Exec(ctx, `UPDATE followups SET status = $1 WHERE id = ANY ($2) AND status = 'pending'`, status, ids)
	if err != nil {
		return 0, fmt.Errorf("cannot mark follow-ups %s: %w", status, err)
	}
	return tag.RowsAffected(), nil
}

// QueueFollowup turns one due follow-up into an outbox row in one
// transaction (see SQLite.QueueFollowup). The conditional UPDATE of the
// follow-up decides: of two instances queueing the same follow-up at once,
// the second waits for the first's row lock, then finds it no longer
// pending and gets ErrFollowupHandled, with nothing queued.
func (s *Postgres) QueueFollowup(ctx context.Context, now time.Time, id int64, o NewOutbox, next []NewFollowup) (int64, error) {
	var outID int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		outID, err = queueFollowup(ctx, pgTxn{pgConn{tx}}, now, id, o, next)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("cannot queue follow-up %d: %w", id, err)
	}
	return outID, nil
}

// PostponeFollowup moves a pending follow-up to due.
func (s *Postgres) PostponeFollowup(ctx context.Context, id int64, due time.Time) error {
	return postponeFollowup(ctx, s.db(), id, due)
}

// ListFollowups returns up to limit pending follow-ups, earliest first:
// one person's, or everyone's when person is "" (limit <= 0: all).
func (s *Postgres) ListFollowups(ctx context.Context, person string, limit int) ([]Followup, error) {
	if person != "" {
		fs, err := s.PendingFollowups(ctx, person)
		if limit > 0 && len(fs) > limit {
			fs = fs[:limit]
		}
		return fs, err
	}
	var lim any
	if limit > 0 {
		lim = limit
	}
	rows, err := s.pool.Query(ctx, `SELECT `+followupCols+` FROM followups
		WHERE status = 'pending' ORDER BY due_at, id LIMIT $1`, lim)
	if err != nil {
		return nil, fmt.Errorf("cannot list follow-ups: %w", err)
	}
	defer rows.Close()
	return collect("read follow-ups", rows, scanFollowup)
}

// DropFollowup gives up a stale follow-up and plans next, in one
// transaction (see SQLite.DropFollowup).
func (s *Postgres) DropFollowup(ctx context.Context, now time.Time, id int64, next []NewFollowup) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return dropFollowup(ctx, pgTxn{pgConn{tx}}, now, id, next) })
	if err != nil {
		return fmt.Errorf("cannot drop follow-up %d: %w", id, err)
	}
	return nil
}

// AddFollowups plans follow-ups in one transaction (created at now). Each
// person must have a case.
func (s *Postgres) AddFollowups(ctx context.Context, now time.Time, fs []NewFollowup) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return addFollowups(ctx, pgTxn{pgConn{tx}}, now, fs) })
	if err != nil {
		return fmt.Errorf("cannot plan follow-ups: %w", err)
	}
	return nil
}

// PendingFollowups returns a person's pending follow-ups, earliest first,
// by the followups_person partial index.
func (s *Postgres) PendingFollowups(ctx context.Context, person string) ([]Followup, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+followupCols+` FROM followups
		WHERE person = $1 AND status = 'pending' ORDER BY due_at, id`, person)
	if err != nil {
		return nil, fmt.Errorf("cannot read a person's follow-ups: %w", err)
	}
	defer rows.Close()
	return collect("read follow-ups", rows, scanFollowup)
}

// ReplanFollowups applies a schedule change to one person in one
// transaction: pending follow-ups of the kinds in cancel become cancelled,
// then add is planned. It returns how many were cancelled.
func (s *Postgres) ReplanFollowups(ctx context.Context, now time.Time, person string, cancel []string, add []NewFollowup) (int64, error) {
	var n int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		n, err = replanFollowups(ctx, pgTxn{pgConn{tx}}, now, person, cancel, add)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("cannot replan a person's follow-ups: %w", err)
	}
	return n, nil
}
