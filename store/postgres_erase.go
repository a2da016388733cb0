package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// MailToErase returns up to limit Message-IDs that a FORGET listed for
// erasure from the mailbox (Record.EraseMail) at or before t, oldest first.
func (s *Postgres) MailToErase(ctx context.Context, t time.Time, limit int) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT message_id FROM erase_mail WHERE created_at <= $1
		ORDER BY created_at, message_id LIMIT $2`, ms(t), pgLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("cannot read the mail to erase: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("cannot read the mail to erase: %w", err)
	}
	return ids, nil
}

// MailErased takes Message-IDs off the list of MailToErase once the
// mailbox has erased them, then rewrites the table erase_mail (as EraseWAL
// does the person's tables) so the IDs leave its files.
func (s *Postgres) MailErased(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	if _, err := s.pool.Exec(ctx, `DELETE FROM erase_mail WHERE message_id = ANY ($1)`, ids); err != nil {
		return fmt.Errorf("cannot take erased mail off the list: %w", err)
	}
	_ = s.vacuum(ctx, "erase_mail") // as EraseWAL: the list is done with either way
	return nil
}

// vacuumLockWait bounds how long the VACUUM FULL of EraseWAL waits for a
// table's lock: while it waits, every later query on the table waits behind
// it, the daemon's included.
const vacuumLockWait = 5 * time.Second

// EraseWAL makes the bytes of rows a FORGET deleted or overwrote leave the
// tables' files; the daemon calls it once a FORGET's confirmation is done
// with (sent or given up on). PostgreSQL keeps a deleted or updated row in
// its table's file as a dead tuple until a VACUUM, and a plain VACUUM only
// marks the space free. EraseWAL runs VACUUM FULL on the tables that held
// the person's rows (inbound, cases, outbox, outbox_raw, followups,
// erase_mail), which copies their live rows into new files, rebuilds their
// indexes and TOAST tables, and unlinks the old files. Errors are ignored,
// as SQLite's EraseWAL does (a later FORGET's EraseWAL rewrites the tables
// again); vacuum returns them for tests.
//
// What remains, and is not the store's to erase: PostgreSQL's WAL segments
// hold the deleted rows (and full-page images of their pages) until they
// are recycled after a checkpoint, or for longer when wal_keep_size, a
// replication slot or WAL archiving keeps them; a base backup, an archived
// WAL segment or a replica keeps them for as long as it is kept. A row
// version still visible to a transaction open when EraseWAL runs (a long
// report, a pg_dump) is copied into the new file too, until the next
// EraseWAL. The unlinked files' blocks stay on the disk until the
// filesystem reuses them. SQLite's equivalent (secure_delete, the WAL
// emptied) is in erase.go.
//
// VACUUM FULL takes each table's ACCESS EXCLUSIVE lock while it rewrites
// it: every instance's queries on the table wait meanwhile (a fraction of
// a second for a small store, more for a large one), and the connected
// user must own the tables (CheckRights checks it).
//
// When the rewrite fails, CheckDisk tries it again.
func (s *Postgres) EraseWAL(ctx context.Context) {
	if err := s.vacuum(ctx, forgetTables...); err != nil {
		s.eraseDue.Store(true)
		return
	}
	s.eraseDue.Store(false)
}

// vacuum runs VACUUM FULL on tables, on a connection of its own whose
// lock_timeout is vacuumLockWait. A table the user does not own is an
// error (PostgreSQL itself only warns and skips it).
func (s *Postgres) vacuum(ctx context.Context, tables ...string) error {
	if t, err := s.notOwned(ctx); err != nil {
		return err
	} else if t != "" {
		return fmt.Errorf("cannot rewrite table %s: the database user does not own it", t)
	}
	c, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("cannot rewrite the tables: %w", err)
	}
	defer c.Release()
	if _, err := c.Exec(ctx, fmt.Sprintf("SET lock_timeout = %d", vacuumLockWait.Milliseconds())); err != nil {
		c.Conn().Close(context.WithoutCancel(ctx)) // never hand a changed session back
		return fmt.Errorf("cannot rewrite the tables: %w", err)
	}
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = pgx.Identifier{t}.Sanitize()
	}
	// VACUUM runs outside a transaction: one statement without arguments
	// goes by the simple protocol, in no transaction block.
	_, verr := c.Exec(ctx, "VACUUM FULL "+strings.Join(names, ", "))
	if _, err := c.Exec(context.WithoutCancel(ctx), "RESET lock_timeout"); err != nil {
		c.Conn().Close(context.WithoutCancel(ctx))
	}
	if verr != nil {
		return fmt.Errorf("cannot rewrite the tables: %w", verr)
	}
	return nil
}
