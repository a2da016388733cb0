package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
)

// SentToSince counts what was queued to recipient at or after t, the
// recipient's letters compared whatever their case (index
// outbox_recipient on lower(recipient)).
func (s *Postgres) SentToSince(ctx context.Context, recipient string, t time.Time) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, "SELECT COUNT(*) FROM outbox WHERE lower(recipient) = lower($1) AND created_at >= $2",
		recipient, ms(t)).Scan(&n); err != nil {
		return 0, fmt.Errorf("cannot count mail to one person: %w", err)
	}
	return n, nil
}

const pgOutboxCols = `id, COALESCE(inbound_id, 0), kind, message_id, from_addr, recipient,
	COALESCE((SELECT raw FROM outbox_raw WHERE outbox_raw.id = outbox.id), '\x'::bytea), status, attempts,
	created_at, arrived_at, next_attempt_at, lease_until, last_error, sent_at`

// pgClaim leases up to $3 rows due at $2 until $1 for instance $4: rows
// whose lease ran out (their sender died, in this instance or another) and
// pending rows, in due order. FOR UPDATE SKIP LOCKED: claimers running at
// once, in one instance or several, each take rows the others have not
// locked, without waiting for each other.
const pgClaim = `UPDATE outbox SET status = 'sending', lease_until = $1, attempts = attempts + 1, owner = $4
	WHERE id IN (SELECT id FROM outbox
		WHERE (status = 'sending' AND lease_until <= $2) OR (status = 'pending' AND next_attempt_at <= $2)
		ORDER BY next_attempt_at, id LIMIT $3
		FOR UPDATE SKIP LOCKED)
	RETURNING ` + pgOutboxCols

// Claim leases up to limit rows due at now until now+lease, for this
// instance, in one statement (see pgClaim), oldest due first. The claim
// has committed when it returns.
func (s *Postgres) Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]OutboxItem, error) {
	if limit <= 0 {
		limit = 1
	}
	rows, err := s.pool.Query(ctx, pgClaim, ms(now.Add(lease)), ms(now), limit, s.instance)
	if err != nil {
		return nil, fmt.Errorf("cannot claim outbox rows: %w", err)
	}
	defer rows.Close()
	out, err := collect("claim outbox rows", rows, scanOutbox)
	if err != nil {
		return nil, err
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

// pgMarkSent marks row $2 sent at $1; the confirmation of FORGET is then
// erased by the trigger outbox_forgotten_done (its bytes, recipient and
// person).
const pgMarkSent = `UPDATE outbox SET status = 'sent', sent_at = $1, lease_until = 0, last_error = '' WHERE id = $2`

// MarkSent marks a row sent, in one committed UPDATE (PostgreSQL has no
// sent journal: see JournalSent). A row that does not exist gives
// ErrNotFound.
func (s *Postgres) MarkSent(ctx context.Context, id int64, at time.Time) error {
	return s.update(ctx, "sent", id, pgMarkSent, ms(at), id)
}

// journalTimeout bounds JournalSent's UPDATE, which has no context.
const journalTimeout = 30 * time.Second

// JournalSent marks the row sent at once in the database: with several
// instances there is no local journal file that one instance's Recover
// could replay, and a committed UPDATE is as durable as a journal line. A
// row already sent, or deleted by a FORGET, is left as it is. MarkSentMany
// then finds the rows already marked. It waits at most journalTimeout.
func (s *Postgres) JournalSent(id int64, at time.Time) error {
	ctx, cancel := context.WithTimeout(context.Background(), journalTimeout)
	defer cancel()
	if _, err := s.pool.Exec(ctx, pgMarkSent+` AND status <> 'sent'`, ms(at), id); err != nil {
		return fmt.Errorf("cannot mark outbox row %d sent: %w", id, err)
	}
	return nil
}

// MarkSentMany marks rows sent in one statement. It is idempotent: a row
// already sent (by JournalSent) keeps its time, and a row that no longer
// exists (FORGET deleted it) is skipped.
func (s *Postgres) MarkSentMany(ctx context.Context, ids []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	if _, err := s.pool.Exec(ctx, `UPDATE outbox SET status = 'sent', sent_at = $1, lease_until = 0, last_error = ''
		WHERE id = ANY ($2) AND status <> 'sent'`, ms(at), ids); err != nil {
		return fmt.Errorf("cannot mark %d outbox rows sent: %w", len(ids), err)
	}
	return nil
}

// OutboxCopy marks sent the row whose message came back to our mailbox.
func (s *Postgres) OutboxCopy(ctx context.Context, messageID string, at time.Time) (bool, error) {
	if messageID == "" {
		return false, nil
	}
	var id int64
	var status string
	err := s.pool.QueryRow(ctx, `SELECT id, status FROM outbox WHERE message_id = $1 ORDER BY id LIMIT 1`, messageID).Scan(&id, &status)
	if errors.Is(err, pgx.ErrNoRows) {
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

// Recover is run once when the instance starts, before any sender. With
// several instances on one database it must not give back any row: a row
// leased under this instance's name may be held by a live process (a
// `jobback followups run-due` beside the daemon, or a second process
// given the same name by mistake), and giving it back would send it twice.
// So it takes no lock and releases nothing: the rows a crashed run held
// come back when their lease runs out (Claim takes expired leases), and
// are then looked for by their copies before they are sent again. There
// is no journal to replay either (JournalSent commits at once). It
// returns 0, 0.
func (s *Postgres) Recover(ctx context.Context, retryAt time.Time) (sent, released int, err error) {
	return 0, 0, nil
}

// MarkRetry puts a row this instance holds back to the queue, due at
// next. A row sent, gone, or leased by another instance since (this one's
// lease ran out and the row was claimed again: its outcome is the other's
// to write) gives ErrNotFound.
func (s *Postgres) MarkRetry(ctx context.Context, id int64, next time.Time, lastErr string) error {
	return s.update(ctx, "for retry", id,
		`UPDATE outbox SET status = 'pending', next_attempt_at = $1, lease_until = 0, last_error = $2
		WHERE id = $3 AND status <> 'sent' AND (status <> 'sending' OR owner = $4)`,
		ms(next), lastErr, id, s.instance)
}

// MarkFailed gives up a row this instance holds. A row sent, gone, or
// leased by another instance since gives ErrNotFound.
func (s *Postgres) MarkFailed(ctx context.Context, id int64, at time.Time, lastErr string) error {
	return s.update(ctx, "failed", id,
		`UPDATE outbox SET status = 'failed', lease_until = 0, last_error = $1, next_attempt_at = $2
		WHERE id = $3 AND status <> 'sent' AND (status <> 'sending' OR owner = $4)`,
		lastErr, ms(at), id, s.instance)
}

// Outbox returns one outbox row, or ErrNotFound.
func (s *Postgres) Outbox(ctx context.Context, id int64) (*OutboxItem, error) {
	o, err := scanOutbox(s.pool.QueryRow(ctx, "SELECT "+pgOutboxCols+" FROM outbox WHERE id = $1", id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read outbox row %d: %w", id, err)
	}
	return &o, nil
}

// CountOutbox counts the outbox rows by state as of now, in one query.
func (s *Postgres) CountOutbox(ctx context.Context, now time.Time) (OutboxCounts, error) {
	var c OutboxCounts
	err := s.pool.QueryRow(ctx, `SELECT
		COUNT(*) FILTER (WHERE status = 'sending' OR (status = 'pending' AND next_attempt_at <= $1)),
		COUNT(*) FILTER (WHERE status = 'pending' AND next_attempt_at > $1),
		COUNT(*) FILTER (WHERE status = 'sent'),
		COUNT(*) FILTER (WHERE status = 'failed')
		FROM outbox`, ms(now)).Scan(&c.Due, &c.Later, &c.Sent, &c.Failed)
	if err != nil {
		return c, fmt.Errorf("cannot count outbox: %w", err)
	}
	return c, nil
}

// ListOutbox returns all outbox rows in id order (for tests and the CLI).
func (s *Postgres) ListOutbox(ctx context.Context) ([]OutboxItem, error) {
	rows, err := s.pool.Query(ctx, "SELECT "+pgOutboxCols+" FROM outbox ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("cannot list outbox: %w", err)
	}
	defer rows.Close()
	return collect("list outbox", rows, scanOutbox)
}
