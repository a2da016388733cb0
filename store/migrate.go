package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"jobback/domain"
	"strings"
	"time"
)

// migrations are applied in order, each in its own transaction; the
// schema_version table remembers the last one applied. Never edit a
// migration that has shipped: add a new one.
var migrations = []string{
	// 1: the first schema.
	`CREATE TABLE mailbox_positions (
		mailbox     TEXT PRIMARY KEY,
		uidvalidity BIGINT NOT NULL,
		last_uid    BIGINT NOT NULL,
		updated_at  BIGINT NOT NULL
	);
	CREATE TABLE inbound (
		id          INTEGER PRIMARY KEY,
		mailbox     TEXT NOT NULL,
		uidvalidity BIGINT NOT NULL,
		uid         BIGINT NOT NULL,
		message_id  TEXT,
		from_addr   TEXT NOT NULL,
		subject     TEXT NOT NULL,
		size        BIGINT NOT NULL,
		decision    TEXT NOT NULL,
		reason      TEXT NOT NULL,
		received_at BIGINT NOT NULL,
		recorded_at BIGINT NOT NULL,
		UNIQUE (mailbox, uidvalidity, uid),
		UNIQUE (message_id)
	);
	CREATE INDEX inbound_from ON inbound (from_addr);
	CREATE TABLE cases (
		person          TEXT PRIMARY KEY,
		facts           TEXT NOT NULL,
		state           TEXT NOT NULL,
		tz_offset       INTEGER,
		messages        INTEGER NOT NULL,
		first_seen_at   BIGINT NOT NULL,
		last_message_at BIGINT NOT NULL,
		last_advice_at  BIGINT NOT NULL,
		updated_at      BIGINT NOT NULL
	);
	CREATE TABLE outbox (
		id              INTEGER PRIMARY KEY,
		inbound_id      BIGINT REFERENCES inbound (id),
		kind            TEXT NOT NULL,
		message_id      TEXT NOT NULL,
		from_addr       TEXT NOT NULL,
		recipient       TEXT NOT NULL,
		raw             BLOB NOT NULL,
		status          TEXT NOT NULL,
		attempts        INTEGER NOT NULL,
		created_at      BIGINT NOT NULL,
		arrived_at      BIGINT NOT NULL,
		next_attempt_at BIGINT NOT NULL,
		lease_until     BIGINT NOT NULL,
		last_error      TEXT NOT NULL,
		sent_at         BIGINT NOT NULL
	);
	CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
	CREATE INDEX outbox_created ON outbox (created_at);
	CREATE TABLE followups (
		id         INTEGER PRIMARY KEY,
		person     TEXT NOT NULL REFERENCES cases (person),
		kind       TEXT NOT NULL,
		due_at     BIGINT NOT NULL,
		status     TEXT NOT NULL,
		inbound_id BIGINT REFERENCES inbound (id),
		created_at BIGINT NOT NULL
	);
	CREATE INDEX followups_due ON followups (status, due_at);`,

	// 2: follow-ups and commands (issue 5), and the copy of each reply in
	// our own mailbox (issue 4). The case remembers the conversation (its
	// subject, the message that started it and our last message) so
	// follow-ups are threaded into it; a person's pending follow-ups are
	// found by a partial index, which holds only pending rows, so it stays
	// as small as the work still to do; replies are found by Message-ID
	// when their copy comes back, and a person's by person (FORGET); the replies to inbound mail of the
	// last hour (the hourly cap) are counted on a partial index.
	`ALTER TABLE cases ADD COLUMN subject TEXT NOT NULL DEFAULT '';
	ALTER TABLE cases ADD COLUMN thread_root TEXT NOT NULL DEFAULT '';
	ALTER TABLE cases ADD COLUMN last_reply_id TEXT NOT NULL DEFAULT '';
	ALTER TABLE cases ADD COLUMN last_help_at BIGINT NOT NULL DEFAULT 0;
	CREATE INDEX followups_person ON followups (person) WHERE status = 'pending';
	CREATE INDEX outbox_message_id ON outbox (message_id);
	ALTER TABLE outbox ADD COLUMN person TEXT NOT NULL DEFAULT '';
	CREATE INDEX outbox_person ON outbox (person);
	CREATE INDEX outbox_replies ON outbox (created_at) WHERE inbound_id IS NOT NULL;`,

	// 3: each reply's bytes in a table of their own. SQLite rewrites a
	// whole row, overflow pages and all, when a column changes size, so
	// with the message in the outbox row every claim and every "sent"
	// rewrote its 10 to 20 KB; now they rewrite a few dozen bytes. The
	// bytes go with their row (ON DELETE CASCADE: FORGET), and those of a
	// FORGET confirmation are erased once it is sent, as its recipient is.
	// outbox_created goes: no query uses it (the hourly cap counts on
	// outbox_replies), and every reply queued had to update it.
	`CREATE TABLE outbox_raw (
		id  INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
		raw BLOB NOT NULL
	);
	INSERT INTO outbox_raw (id, raw) SELECT id, raw FROM outbox;
	ALTER TABLE outbox DROP COLUMN raw;
	CREATE TRIGGER outbox_forgotten_sent AFTER UPDATE OF status ON outbox
		WHEN NEW.kind = '` + string(domain.KindConfirmForget) + `' AND NEW.status = 'sent'
		BEGIN UPDATE outbox_raw SET raw = x'' WHERE id = NEW.id; END;
	DROP INDEX outbox_created;`,
	// 9: the cap per person counts what was queued to one recipient in
	// the last day (issue 15: a loop sent 224 mails to one person).
	`CREATE INDEX outbox_recipient ON outbox (recipient, created_at);`,
	// 10: FORGET also erases the person's messages and our copies of the
	// replies to them from the assistant's mailbox (issue 15, finding 2):
	// their Message-IDs wait here until the mailbox has expunged them.
	`CREATE TABLE erase_mail (
		message_id TEXT PRIMARY KEY,
		created_at BIGINT NOT NULL
	) WITHOUT ROWID;`,
	// 11: the cap per person counts a recipient whatever the case of its
	// letters (Info@Firm.example is info@firm.example); and the
	// confirmation of a FORGET loses its bytes, recipient and person when
	// it is given up on too, not only once sent.
	`DROP INDEX outbox_recipient;
	CREATE INDEX outbox_recipient ON outbox (recipient COLLATE NOCASE, created_at);
	DROP TRIGGER outbox_forgotten_sent;
	CREATE TRIGGER outbox_forgotten_done AFTER UPDATE OF status ON outbox
		WHEN NEW.kind = '` + string(domain.KindConfirmForget) + `' AND NEW.status IN ('sent', 'failed')
		BEGIN
			UPDATE outbox_raw SET raw = x'' WHERE id = NEW.id;
			UPDATE outbox SET recipient = '', person = '' WHERE id = NEW.id;
		END;`,
}

func (s *SQLite) migrate(ctx context.Context) error {
	if err := s.check(ctx); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version    INTEGER PRIMARY KEY,
		applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("cannot create schema_version: %w", err)
	}
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("cannot read schema version: %w", err)
	}
	if current > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this program knows (%d)", current, len(migrations))
	}
	for v := current + 1; v <= len(migrations); v++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("cannot migrate to version %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, migrations[v-1]); err != nil {
			tx.Rollback()
			return fmt.Errorf("cannot migrate to version %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
			v, time.Now().UnixMilli()); err != nil {
			tx.Rollback()
			return fmt.Errorf("cannot migrate to version %d: %w", v, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("cannot migrate to version %d: %w", v, err)
		}
	}
	return nil
}

// ErrDamaged is returned (wrapped) by Open for a file that is not a
// SQLite database or fails its integrity check. It is permanent: restore
// the store from a backup.
var ErrDamaged = errors.New("the store is damaged")

// check runs SQLite's quick integrity check and makes sure the store can
// be written, before anything else touches it: a damaged or read-only
// store is refused at start, not found out halfway through a reply.
func (s *SQLite) check(ctx context.Context) error {
	if err := quickCheck(ctx, s.db); err != nil {
		return err
	}
	return s.writable(ctx)
}

// CheckDisk runs SQLite's quick integrity check on what is on the disk now,
// over a connection of its own (the store's own one may answer from its
// page cache pages that were since damaged on the disk). It returns an
// error wrapping ErrDamaged for a damaged store. It reads every page: the
// daemon's health check runs it now and then, not at every request.
func (s *SQLite) CheckDisk(ctx context.Context) error {
	ro, err := OpenReadOnly(ctx, s.path)
	if err != nil {
		return fmt.Errorf("%w (restore it from a backup): %w", ErrDamaged, err)
	}
	defer ro.Close()
	return quickCheck(ctx, ro.db)
}

// quickCheck runs PRAGMA quick_check on db.
func quickCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return fmt.Errorf("%w (restore it from a backup): %w", ErrDamaged, err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return fmt.Errorf("%w (restore it from a backup): %w", ErrDamaged, err)
		}
		if line != "ok" && len(problems) < 3 {
			problems = append(problems, line)
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("%w (restore it from a backup): %w", ErrDamaged, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w (restore it from a backup): %s", ErrDamaged, strings.Join(problems, "; "))
	}
	return nil
}
