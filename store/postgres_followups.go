package store

import (
	"context"
	"fmt"
)

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
