package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"jobback/domain"
	"os"
	"slices"
	"strings"
	"time"
)

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
// trigger outbox_forgotten_done).
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
