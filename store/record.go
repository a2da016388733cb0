package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// The statements of Record, prepared when the store opens (a statement
// cannot be prepared while the one connection is inside a transaction).
const (
	qInsertInbound = `INSERT INTO inbound
		(mailbox, uidvalidity, uid, message_id, from_addr, subject, size, decision, reason, received_at, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING
		RETURNING id`
	qUpsertCase = `INSERT INTO cases
			(person, facts, state, tz_offset, messages, first_seen_at, last_message_at, last_advice_at, updated_at,
			 subject, thread_root, last_reply_id, last_help_at)
			VALUES (?, COALESCE(?, '{}'), COALESCE(NULLIF(?, ''), 'new'), ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (person) DO UPDATE SET
				subject = CASE WHEN excluded.subject <> '' THEN excluded.subject ELSE cases.subject END,
				thread_root = CASE WHEN excluded.thread_root <> '' THEN excluded.thread_root ELSE cases.thread_root END,
				last_reply_id = CASE WHEN excluded.last_reply_id <> '' THEN excluded.last_reply_id ELSE cases.last_reply_id END,
				last_help_at = CASE WHEN excluded.last_help_at > cases.last_help_at
					THEN excluded.last_help_at ELSE cases.last_help_at END,
				facts = COALESCE(?, cases.facts),
				state = COALESCE(NULLIF(?, ''), cases.state),
				tz_offset = COALESCE(?, cases.tz_offset),
				messages = cases.messages + 1,
				last_message_at = CASE WHEN excluded.last_message_at > cases.last_message_at
					THEN excluded.last_message_at ELSE cases.last_message_at END,
				last_advice_at = CASE WHEN excluded.last_advice_at > cases.last_advice_at
					THEN excluded.last_advice_at ELSE cases.last_advice_at END,
				updated_at = excluded.updated_at`
	qInsertOutbox = `INSERT INTO outbox
			(inbound_id, kind, message_id, from_addr, recipient, status, attempts,
			 created_at, arrived_at, next_attempt_at, lease_until, last_error, sent_at, person)
			VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, 0, '', 0, ?)
			RETURNING id`
	// The message itself lives beside its row (schema 3), so that claiming
	// and marking a row does not rewrite its bytes.
	qInsertRaw      = `INSERT INTO outbox_raw (id, raw) VALUES (?, ?)`
	qInsertFollowup = `INSERT INTO followups (person, kind, due_at, status, inbound_id, created_at)
			VALUES (?, ?, ?, 'pending', ?, ?)`
)

func (s *SQLite) Position(ctx context.Context, mailbox string) (uint32, uint32, error) {
	var v, u int64
	err := s.queryRow(ctx,
		"SELECT uidvalidity, last_uid FROM mailbox_positions WHERE mailbox = ?", mailbox).Scan(&v, &u)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("cannot read position of %s: %w", mailbox, err)
	}
	return uint32(v), uint32(u), nil
}

func (s *SQLite) SetPosition(ctx context.Context, mailbox string, uidValidity, lastUID uint32) error {
	_, err := s.exec(ctx, `INSERT INTO mailbox_positions (mailbox, uidvalidity, last_uid, updated_at)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity,
			last_uid = excluded.last_uid, updated_at = excluded.updated_at`,
		mailbox, int64(uidValidity), int64(lastUID), ms(time.Now()))
	if err != nil {
		return fmt.Errorf("cannot save position of %s: %w", mailbox, err)
	}
	return nil
}

func (s *SQLite) Seen(ctx context.Context, key InboundKey, messageID string) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM inbound
		WHERE (mailbox = ? AND uidvalidity = ? AND uid = ?) OR message_id = ?`,
		key.Mailbox, int64(key.UIDValidity), int64(key.UID), nullStr(messageID)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("cannot look up message: %w", err)
	}
	return n > 0, nil
}

func (s *SQLite) Record(ctx context.Context, r Record) (res RecordResult, err error) {
	now := r.Now
	if now.IsZero() {
		now = time.Now()
	}
	in := r.Inbound
	if in.Decision == "" {
		return res, errors.New("cannot record message: no decision")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("cannot record message: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()

	// ON CONFLICT DO NOTHING covers both unique keys (UID key and
	// Message-ID); no row inserted means the message is a duplicate.
	var inboundID int64
	err = s.txQueryRow(ctx, tx, qInsertInbound,
		in.Key.Mailbox, int64(in.Key.UIDValidity), int64(in.Key.UID), nullStr(in.MessageID),
		in.From, in.Subject, in.Size, string(in.Decision), in.Reason, ms(in.ReceivedAt), ms(now)).Scan(&inboundID)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrDuplicate
		return res, err
	}
	if err != nil {
		return res, fmt.Errorf("cannot record message: %w", err)
	}
	res.InboundID = inboundID

	if (r.Forget || r.Replan != nil) && (r.Case == nil || r.Case.Person == "") {
		err = errors.New("cannot record message: forgetting or replanning needs the case's person")
		return res, err
	}
	if r.Forget && r.EraseMail {
		// Before forget: it blanks the inbound rows' sender and deletes
		// the outbox rows. Messages without a Message-ID (recorded by a
		// hash) cannot be looked for, and are not listed.
		for _, q := range []string{
			`INSERT OR IGNORE INTO erase_mail (message_id, created_at)
				SELECT message_id, ? FROM inbound WHERE from_addr = ? AND message_id IS NOT NULL AND message_id NOT LIKE 'sha256:%'`,
			`INSERT OR IGNORE INTO erase_mail (message_id, created_at)
				SELECT message_id, ? FROM outbox WHERE person = ? AND message_id <> ''`,
		} {
			if _, err = tx.ExecContext(ctx, q, ms(now), r.Case.Person); err != nil {
				return res, fmt.Errorf("cannot list the person's mail for erasure: %w", err)
			}
		}
	}
	if r.CancelHeld && r.Case != nil && r.Case.Person != "" {
		if _, err = tx.ExecContext(ctx, `DELETE FROM outbox WHERE person = ? AND status = 'pending' AND attempts = 0 AND created_at > ?`,
			r.Case.Person, ms(now)); err != nil {
			return res, fmt.Errorf("cannot cancel the replies held back: %w", err)
		}
	}
	if r.Forget {
		if err = forget(ctx, tx, r.Case.Person); err != nil {
			return res, fmt.Errorf("cannot forget the person: %w", err)
		}
	}

	if c := r.Case; c != nil && !r.Forget {
		if c.Person == "" {
			err = errors.New("cannot record case: no person")
			return res, err
		}
		state := c.State
		var tz any
		if c.TZOffset != nil {
			tz = *c.TZOffset
		}
		var facts any
		if c.Facts != nil {
			facts = string(c.Facts)
		}
		lastReply := ""
		if n := len(r.Outbox); n > 0 {
			lastReply = r.Outbox[n-1].MessageID
		}
		_, err = s.txExec(ctx, tx, qUpsertCase,
			c.Person, facts, state, tz, ms(c.MessageAt), ms(c.MessageAt), ms(c.AdviceAt), ms(now),
			c.Subject, c.ThreadRoot, lastReply, ms(c.HelpAt),
			facts, state, tz)
		if err != nil {
			return res, fmt.Errorf("cannot record the case: %w", err)
		}
	}
	if rp := r.Replan; rp != nil && !r.Forget {
		if err = s.replan(ctx, tx, now, r.Case.Person, rp.Cancel, rp.Add); err != nil {
			return res, fmt.Errorf("cannot replan the follow-ups: %w", err)
		}
	}

	for _, o := range r.Outbox {
		if o.Recipient == "" || len(o.Raw) == 0 {
			err = errors.New("cannot queue reply: no recipient or empty message")
			return res, err
		}
		if o.Person == "" && r.Case != nil {
			o.Person = r.Case.Person
		}
		var id int64
		id, err = s.insertOutbox(ctx, tx, inboundID, o, now)
		if err != nil {
			return res, fmt.Errorf("cannot queue a reply: %w", err)
		}
		res.OutboxIDs = append(res.OutboxIDs, id)
	}

	for _, f := range r.Followups {
		_, err = s.txExec(ctx, tx, qInsertFollowup, f.Person, f.Kind, ms(f.DueAt), inboundID, ms(now))
		if err != nil {
			return res, fmt.Errorf("cannot plan a follow-up: %w", err)
		}
	}

	if err = tx.Commit(); err != nil {
		return res, fmt.Errorf("cannot commit record: %w", err)
	}
	if r.Forget {
		// The WAL still holds the pages as they were before: copy the
		// zeroed pages into the database and empty the WAL, so the
		// person's bytes leave the disk now, not at the next checkpoint.
		// The record is committed: a checkpoint that cannot finish now
		// (a reader holds the log, or it failed) is tried again at the
		// next Sync, and the caller is told.
		if done, cerr := s.truncateWAL(ctx, forgetWait); cerr != nil || !done {
			s.walDue.Store(true)
			res.EraseWaiting = true
		}
	}
	return res, nil
}

// insertOutbox queues o (its row and its bytes) inside tx; inboundID is
// nil for a follow-up.
func (s *SQLite) insertOutbox(ctx context.Context, tx *sql.Tx, inboundID any, o NewOutbox, now time.Time) (int64, error) {
	var id int64
	at := now
	if o.NotBefore.After(now) {
		at = o.NotBefore
	}
	if err := s.txQueryRow(ctx, tx, qInsertOutbox, inboundID, o.Kind, o.MessageID, o.From, o.Recipient,
		ms(at), ms(o.ArrivedAt), ms(at), o.Person).Scan(&id); err != nil {
		return 0, err
	}
	if _, err := s.txExec(ctx, tx, qInsertRaw, id, o.Raw); err != nil {
		return 0, err
	}
	return id, nil
}

func (s *SQLite) Case(ctx context.Context, person string) (*Case, error) {
	c, err := scanCase(s.queryRow(ctx, `SELECT `+caseCols+` FROM cases WHERE person = ?`, person))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read a case: %w", err)
	}
	return c, nil
}
