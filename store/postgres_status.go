package store

import (
	"context"
	"fmt"
	"jobback/domain"
	"time"
)

// pgStatusInbound counts the inbound messages by decision and, for the
// ignored ones, by the family of the rule that ignored them: the word
// their reason starts with ("auto: ..."), or "" when that start is not one
// (as qStatusInbound: lower-case letters, digits, "-" and "_", at most 32
// of them). PostgreSQL groups with a hash: no sort, one pass.
const pgStatusInbound = `SELECT decision, CASE WHEN decision <> 'ignored' THEN NULL
	WHEN strpos(reason, ': ') BETWEEN 2 AND 33
		AND substr(reason, 1, strpos(reason, ': ') - 1) !~ '[^a-z0-9_-]'
	THEN substr(reason, 1, strpos(reason, ': ') - 1)
	ELSE '' END AS family, COUNT(*)
	FROM inbound GROUP BY 1, 2`

// Status sums up the store as of now for the status page, as SQLite's
// Status does (Watcher names the instance watching the mailbox). The
// counts by decision read every inbound message: call it now and then, not
// at every message.
func (s *Postgres) Status(ctx context.Context, now time.Time) (Status, error) {
	st := Status{Decisions: map[domain.Decision]int{}, Ignored: map[string]int{}}
	rows, err := s.pool.Query(ctx, pgStatusInbound)
	if err != nil {
		return st, fmt.Errorf("cannot count inbound messages: %w", err)
	}
	for rows.Next() {
		var dec string
		var fam *string
		var n int
		if err := rows.Scan(&dec, &fam, &n); err != nil {
			rows.Close()
			return st, fmt.Errorf("cannot count inbound messages: %w", err)
		}
		st.Inbound += n
		st.Decisions[domain.Decision(dec)] += n
		if fam != nil {
			f := *fam
			if f == "" {
				f = FamilyOther
			}
			st.Ignored[f] += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("cannot count inbound messages: %w", err)
	}
	var sending, due int
	if err := s.pool.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM outbox WHERE status = 'sending'),
		(SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1),
		(SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND next_attempt_at > $1),
		(SELECT COUNT(*) FROM outbox WHERE status = 'sent'),
		(SELECT COUNT(*) FROM outbox WHERE status = 'failed')`, ms(now)).Scan(&sending, &due, &st.Outbox.Later,
		&st.Outbox.Sent, &st.Outbox.Failed); err != nil {
		return st, fmt.Errorf("cannot count outbox: %w", err)
	}
	st.Outbox.Due = sending + due
	if st.OldestUnsent, err = s.OldestUnsent(ctx); err != nil {
		return st, err
	}
	if err := s.pool.QueryRow(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE due_at <= $1) FROM followups
		WHERE status = 'pending' AND due_at < $2`, ms(now), ms(now.Add(24*time.Hour))).Scan(
		&st.FollowupsDue, &st.FollowupsOverdue); err != nil {
		return st, fmt.Errorf("cannot count follow-ups: %w", err)
	}
	return st, nil
}
