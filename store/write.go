package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// The writes both stores make, written once: what Record, QueueFollowup,
// DropFollowup, ReplanFollowups and AddFollowups check and write, in which order, inside
// a transaction that the store opens and commits (SQLite's in record.go
// and followups.go, PostgreSQL's in postgres_record.go and
// postgres_followups.go). The statements are written with ? placeholders;
// PostgreSQL's transaction numbers them itself (rebind). The two whose SQL
// differs by database are txn's own methods.

// txn is one transaction of either store.
type txn interface {
	querier
	// upsertCase writes c (creating the case, or changing what c sets),
	// with the Message-ID of the last reply queued to the person.
	upsertCase(ctx context.Context, c *CaseUpdate, lastReply string, now time.Time) error
	// cancelFollowups cancels person's pending follow-ups of kinds (at
	// least one) and returns how many.
	cancelFollowups(ctx context.Context, person string, kinds []string) (int64, error)
}

// The statements the writes share.
const (
	qInsertInbound = `INSERT INTO inbound
		(mailbox, uidvalidity, uid, message_id, from_addr, subject, size, decision, reason, received_at, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING
		RETURNING id`
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
	// qMarkFollowup marks one pending follow-up.
	qMarkFollowup = `UPDATE followups SET status = ? WHERE id = ? AND status = 'pending'`
	// qCaseReplied remembers our last message to a person.
	qCaseReplied = `UPDATE cases SET last_reply_id = ? WHERE person = ?`
	// qCancelHeld deletes a person's replies held back for later (the
	// hourly cap), never tried.
	qCancelHeld = `DELETE FROM outbox WHERE person = ? AND status = 'pending' AND attempts = 0 AND created_at > ?`
)

// qEraseMail lists for erasure from the mailbox the Message-IDs of the
// person's messages and of the replies queued to them (Record.EraseMail).
// Messages without a Message-ID (recorded by a hash) cannot be looked
// for, and are not listed.
var qEraseMail = []string{
	`INSERT INTO erase_mail (message_id, created_at)
		SELECT message_id, ? FROM inbound WHERE from_addr = ? AND message_id IS NOT NULL AND message_id NOT LIKE 'sha256:%'
		ON CONFLICT DO NOTHING`,
	`INSERT INTO erase_mail (message_id, created_at)
		SELECT message_id, ? FROM outbox WHERE person = ? AND message_id <> ''
		ON CONFLICT DO NOTHING`,
}

// qForget deletes every record of a person (Record.Forget).
var qForget = []string{
	`DELETE FROM followups WHERE person = ?`,
	`DELETE FROM outbox WHERE person = ?`,
	`UPDATE inbound SET from_addr = '', subject = '', reason = 'forgotten' WHERE from_addr = ?`,
	`DELETE FROM cases WHERE person = ?`,
}

// writeRecord writes r inside tx (see Record). A message already recorded
// is ErrDuplicate.
func writeRecord(ctx context.Context, tx txn, r Record, now time.Time) (res RecordResult, err error) {
	in := r.Inbound
	// ON CONFLICT DO NOTHING covers both unique keys (UID key and
	// Message-ID); no row inserted means the message is a duplicate.
	err = tx.queryRow(ctx, qInsertInbound,
		in.Key.Mailbox, int64(in.Key.UIDValidity), int64(in.Key.UID), nullStr(in.MessageID),
		in.From, in.Subject, in.Size, in.Decision, in.Reason, ms(in.ReceivedAt), ms(now)).Scan(&res.InboundID)
	if errors.Is(err, sql.ErrNoRows) {
		return res, ErrDuplicate
	}
	if err != nil {
		return res, fmt.Errorf("cannot record message: %w", err)
	}

	if (r.Forget || r.Replan != nil) && (r.Case == nil || r.Case.Person == "") {
		return res, errors.New("cannot record message: forgetting or replanning needs the case's person")
	}
	if r.Forget && r.EraseMail {
		// Before forget: it blanks the inbound rows' sender and deletes
		// the outbox rows.
		for _, q := range qEraseMail {
			if _, err := tx.exec(ctx, q, ms(now), r.Case.Person); err != nil {
				return res, fmt.Errorf("cannot list the person's mail for erasure: %w", err)
			}
		}
	}
	if r.CancelHeld && r.Case != nil && r.Case.Person != "" {
		if _, err := tx.exec(ctx, qCancelHeld, r.Case.Person, ms(now)); err != nil {
			return res, fmt.Errorf("cannot cancel the replies held back: %w", err)
		}
	}
	if r.Forget {
		for _, q := range qForget {
			if _, err := tx.exec(ctx, q, r.Case.Person); err != nil {
				return res, fmt.Errorf("cannot forget the person: %w", err)
			}
		}
	}

	if c := r.Case; c != nil && !r.Forget {
		if c.Person == "" {
			return res, errors.New("cannot record case: no person")
		}
		lastReply := ""
		if n := len(r.Outbox); n > 0 {
			lastReply = r.Outbox[n-1].MessageID
		}
		if err := tx.upsertCase(ctx, c, lastReply, now); err != nil {
			return res, fmt.Errorf("cannot record the case: %w", err)
		}
	}
	if rp := r.Replan; rp != nil && !r.Forget {
		if _, err := replanFollowups(ctx, tx, now, r.Case.Person, rp.Cancel, rp.Add); err != nil {
			return res, fmt.Errorf("cannot replan the follow-ups: %w", err)
		}
	}

	for _, o := range r.Outbox {
		if o.Person == "" && r.Case != nil {
			o.Person = r.Case.Person
		}
		id, err := insertOutbox(ctx, tx, res.InboundID, o, now)
		if err != nil {
			return res, fmt.Errorf("cannot queue a reply: %w", err)
		}
		res.OutboxIDs = append(res.OutboxIDs, id)
	}
	for _, f := range r.Followups {
		if _, err := tx.exec(ctx, qInsertFollowup, f.Person, f.Kind, ms(f.DueAt), res.InboundID, ms(now)); err != nil {
			return res, fmt.Errorf("cannot plan a follow-up: %w", err)
		}
	}
	return res, nil
}

// insertOutbox queues o, its row and its bytes; inboundID is nil for a
// follow-up.
func insertOutbox(ctx context.Context, tx txn, inboundID any, o NewOutbox, now time.Time) (int64, error) {
	if o.Recipient == "" || len(o.Raw) == 0 {
		return 0, errors.New("no recipient or empty message")
	}
	at := now
	if o.NotBefore.After(now) {
		at = o.NotBefore
	}
	var id int64
	if err := tx.queryRow(ctx, qInsertOutbox, inboundID, o.Kind, o.MessageID, o.From, o.Recipient,
		ms(at), ms(o.ArrivedAt), ms(at), o.Person).Scan(&id); err != nil {
		return 0, err
	}
	if _, err := tx.exec(ctx, qInsertRaw, id, o.Raw); err != nil {
		return 0, err
	}
	return id, nil
}

// queueFollowup marks follow-up id done and queues its message o, and
// plans next (see QueueFollowup); a follow-up no longer pending (another
// walk handled it) is ErrFollowupHandled, and nothing is written.
func queueFollowup(ctx context.Context, tx txn, now time.Time, id int64, o NewOutbox, next []NewFollowup) (int64, error) {
	if err := takeFollowup(ctx, tx, id, FollowupDone); err != nil {
		return 0, err
	}
	outID, err := insertOutbox(ctx, tx, nil, o, now)
	if err != nil {
		return 0, err
	}
	if o.Person != "" && o.MessageID != "" {
		if _, err := tx.exec(ctx, qCaseReplied, o.MessageID, o.Person); err != nil {
			return 0, err
		}
	}
	return outID, addFollowups(ctx, tx, now, next)
}

// dropFollowup marks follow-up id stale and plans next (see DropFollowup).
func dropFollowup(ctx context.Context, tx txn, now time.Time, id int64, next []NewFollowup) error {
	if err := takeFollowup(ctx, tx, id, FollowupStale); err != nil {
		return err
	}
	return addFollowups(ctx, tx, now, next)
}

// takeFollowup gives follow-up id its final status if it is still
// pending. The conditional update decides between walks of several
// instances at once: the one that finds it no longer pending gets
// ErrFollowupHandled, and must write nothing else.
func takeFollowup(ctx context.Context, tx txn, id int64, status string) error {
	n, err := tx.exec(ctx, qMarkFollowup, status, id)
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrFollowupHandled
	}
	return nil
}

// replanFollowups cancels person's pending follow-ups of the kinds in
// cancel, then plans add (all of them person's). It returns how many were
// cancelled.
func replanFollowups(ctx context.Context, tx txn, now time.Time, person string, cancel []string, add []NewFollowup) (int64, error) {
	var n int64
	if len(cancel) > 0 {
		var err error
		if n, err = tx.cancelFollowups(ctx, person, cancel); err != nil {
			return 0, err
		}
	}
	for _, f := range add {
		if f.Person != person {
			return n, errors.New("a follow-up for another person in a person's plan")
		}
	}
	return n, addFollowups(ctx, tx, now, add)
}

// addFollowups plans fs, created at now.
func addFollowups(ctx context.Context, tx txn, now time.Time, fs []NewFollowup) error {
	for _, f := range fs {
		if f.Person == "" || f.Kind == "" || f.DueAt.IsZero() {
			return errors.New("a follow-up needs a person, a kind and a due time")
		}
		if _, err := tx.exec(ctx, qInsertFollowup, f.Person, f.Kind, ms(f.DueAt), nil, ms(now)); err != nil {
			return fmt.Errorf("cannot plan a follow-up: %w", err)
		}
	}
	return nil
}

// QueueFollowup turns one due follow-up into an outbox row in one
// transaction: the follow-up is marked done, the message queued, next
// planned (the next check-in) and the case's last message updated (so the
// next follow-up is threaded to this one), or none of it. A follow-up that
// is no longer pending gives ErrFollowupHandled, so a follow-up is queued
// at most once however often it is found due, also by several instances
// at once (the second waits for the first's row lock, then finds it no
// longer pending).
func (s shared) QueueFollowup(ctx context.Context, now time.Time, id int64, o NewOutbox, next []NewFollowup) (int64, error) {
	var outID int64
	err := s.inTxn(ctx, func(tx txn) error {
		var err error
		outID, err = queueFollowup(ctx, tx, now, id, o, next)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("cannot queue follow-up %d: %w", id, err)
	}
	return outID, nil
}

// DropFollowup gives up follow-up id, which fell due too long ago to be
// sent (stale), and plans next, what follows it, in one transaction. A
// follow-up no longer pending (another walk handled it) gives
// ErrFollowupHandled, and nothing is planned.
func (s shared) DropFollowup(ctx context.Context, now time.Time, id int64, next []NewFollowup) error {
	err := s.inTxn(ctx, func(tx txn) error { return dropFollowup(ctx, tx, now, id, next) })
	if err != nil {
		return fmt.Errorf("cannot drop follow-up %d: %w", id, err)
	}
	return nil
}

// AddFollowups plans follow-ups in one transaction (created at now). Each
// person must have a case.
func (s shared) AddFollowups(ctx context.Context, now time.Time, fs []NewFollowup) error {
	if err := s.inTxn(ctx, func(tx txn) error { return addFollowups(ctx, tx, now, fs) }); err != nil {
		return fmt.Errorf("cannot plan follow-ups: %w", err)
	}
	return nil
}

// ReplanFollowups applies a schedule change to one person in one
// transaction: pending follow-ups of the kinds in cancel become cancelled,
// then add is planned. It returns how many were cancelled.
func (s shared) ReplanFollowups(ctx context.Context, now time.Time, person string, cancel []string, add []NewFollowup) (int64, error) {
	var n int64
	err := s.inTxn(ctx, func(tx txn) error {
		var err error
		n, err = replanFollowups(ctx, tx, now, person, cancel, add)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("cannot replan a person's follow-ups: %w", err)
	}
	return n, nil
}
