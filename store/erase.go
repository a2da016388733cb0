package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
)

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
