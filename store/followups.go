package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"jobback/domain"
	"time"
)

// Follow-up status values (followups.status).
const (
	FollowupPending   = "pending"   // planned, not yet due or not yet handled
	FollowupDone      = "done"      // handed to the outbox
	FollowupStale     = "stale"     // fell due too long ago (the daemon was down): dropped
	FollowupCancelled = "cancelled" // cancelled by a command or a new plan
)

// Followup is one planned follow-up.
type Followup struct {
	ID     int64
	Person string
	Kind   domain.Kind
	DueAt  time.Time
	Status string
}

// FollowupCursor is where a page of due follow-ups ended: the next page
// starts after it. The zero cursor starts at the beginning.
type FollowupCursor struct {
	DueAt time.Time
	ID    int64
}

// Next returns the cursor just after the last follow-up of a page (the
// cursor itself when the page is empty).
func (c FollowupCursor) Next(page []Followup) FollowupCursor {
	if len(page) == 0 {
		return c
	}
	last := page[len(page)-1]
	return FollowupCursor{DueAt: last.DueAt, ID: last.ID}
}

// MarkFollowups sets the status of the given follow-ups (FollowupDone,
// FollowupStale or FollowupCancelled) in one transaction. Only pending ones
// change; it returns how many did.
func (s *SQLite) MarkFollowups(ctx context.Context, ids []int64, status string) (int64, error) {
	switch status {
	case FollowupDone, FollowupStale, FollowupCancelled:
	default:
		return 0, fmt.Errorf("cannot mark follow-ups: unknown status %q", status)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// One statement by primary key per id. (An "id IN (...)" list
		// lets SQLite pick the status index instead and walk every
		// pending row: 50 times slower with a million pending.)
		st, err := tx.PrepareContext(ctx, qMarkFollowup)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, id := range ids {
			r, err := st.ExecContext(ctx, status, id)
			if err != nil {
				return err
			}
			k, _ := r.RowsAffected()
			n += k
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("cannot mark follow-ups %s: %w", status, err)
	}
	return n, nil
}

// ErrFollowupHandled is returned by QueueFollowup when the follow-up is no
// longer pending (already queued, dropped as stale or cancelled). Nothing
// was written.
var ErrFollowupHandled = errors.New("follow-up already handled")

// ListFollowups returns up to limit pending follow-ups, earliest first:
// one person's, or everyone's when person is "" (limit <= 0: all).
func (s *SQLite) ListFollowups(ctx context.Context, person string, limit int) ([]Followup, error) {
	if person != "" {
		fs, err := s.PendingFollowups(ctx, person)
		if limit > 0 && len(fs) > limit {
			fs = fs[:limit]
		}
		return fs, err
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.query(ctx, `SELECT id, person, kind, due_at, status FROM followups
		WHERE status = 'pending' ORDER BY due_at, id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("cannot list follow-ups: %w", err)
	}
	defer rows.Close()
	return collect("read follow-ups", rows, scanFollowup)
}

// PendingFollowups returns a person's pending follow-ups, earliest first,
// by the followups_person partial index.
func (s *SQLite) PendingFollowups(ctx context.Context, person string) ([]Followup, error) {
	// INDEXED BY: without statistics SQLite prefers followups_due, which
	// spares it the sort but walks every pending row (0.3 s at a million).
	rows, err := s.query(ctx, `SELECT id, person, kind, due_at, status FROM followups INDEXED BY followups_person
		WHERE person = ? AND status = 'pending' ORDER BY due_at, id`, person)
	if err != nil {
		return nil, fmt.Errorf("cannot read a person's follow-ups: %w", err)
	}
	defer rows.Close()
	return collect("read follow-ups", rows, scanFollowup)
}

// ExplainDueFollowups returns SQLite's query plan of DueFollowupsAfter's
// query, one line per step (for tests: it must search the followups_due
// index, not scan the table).
func (s *SQLite) ExplainDueFollowups(ctx context.Context) (string, error) {
	return s.explain(ctx, qDueAfter, 0, 0, 0, 1)
}

// ExplainMarkFollowup returns SQLite's query plan of MarkFollowups' update
// (for tests: it must find the row by its primary key).
func (s *SQLite) ExplainMarkFollowup(ctx context.Context) (string, error) {
	return s.explain(ctx, qMarkFollowup, FollowupDone, 1)
}
