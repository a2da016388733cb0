package store

import (
	"database/sql"
	"fmt"
)

// The rows of the store's tables as both stores read them: each row type
// is scanned here once, from database/sql (SQLite) or pgx (PostgreSQL),
// whose rows have the same Scan.

// scanner is one row to read: *sql.Row, *sql.Rows, pgx.Row or pgx.Rows.
type scanner interface{ Scan(...any) error }

// rowSource is a result of several rows: *sql.Rows or pgx.Rows.
type rowSource interface {
	Next() bool
	Scan(...any) error
	Err() error
}

// collect reads every row of rows with scan; what goes wrong is said as
// "cannot <what>". The caller closes rows.
func collect[T any](what string, rows rowSource, scan func(scanner) (T, error)) ([]T, error) {
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("cannot %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cannot %s: %w", what, err)
	}
	return out, nil
}

// scanOutbox reads the columns outboxCols (SQLite) or pgOutboxCols name.
func scanOutbox(r scanner) (OutboxItem, error) {
	var o OutboxItem
	var created, arrived, next, lease, sent int64
	err := r.Scan(&o.ID, &o.InboundID, &o.Kind, &o.MessageID, &o.From, &o.Recipient, &o.Raw, &o.Status,
		&o.Attempts, &created, &arrived, &next, &lease, &o.LastError, &sent)
	o.CreatedAt, o.ArrivedAt, o.NextAttemptAt = fromMS(created), fromMS(arrived), fromMS(next)
	o.LeaseUntil, o.SentAt = fromMS(lease), fromMS(sent)
	return o, err
}

// historyOutCols are the outbox columns a history shows (no bytes).
const historyOutCols = `id, COALESCE(inbound_id, 0), kind, message_id, recipient, status, attempts,
	created_at, next_attempt_at, last_error, sent_at`

// scanHistoryOut reads historyOutCols.
func scanHistoryOut(r scanner) (OutboxItem, error) {
	var o OutboxItem
	var created, next, sent int64
	var lastErr sql.NullString
	err := r.Scan(&o.ID, &o.InboundID, &o.Kind, &o.MessageID, &o.Recipient, &o.Status, &o.Attempts,
		&created, &next, &lastErr, &sent)
	o.CreatedAt, o.NextAttemptAt, o.SentAt, o.LastError = fromMS(created), fromMS(next), fromMS(sent), lastErr.String
	return o, err
}

// followupCols are the columns scanFollowup reads.
const followupCols = `id, person, kind, due_at, status`

func scanFollowup(r scanner) (Followup, error) {
	var f Followup
	var due int64
	err := r.Scan(&f.ID, &f.Person, &f.Kind, &due, &f.Status)
	f.DueAt = fromMS(due)
	return f, err
}

// inboundCols are the columns scanInbound reads.
const inboundCols = `id, mailbox, uidvalidity, uid, COALESCE(message_id, ''),
	from_addr, subject, size, decision, reason, received_at, recorded_at`

func scanInbound(r scanner) (InboundRow, error) {
	var row InboundRow
	var v, u, recv, rec int64
	err := r.Scan(&row.ID, &row.Inbound.Key.Mailbox, &v, &u, &row.Inbound.MessageID, &row.Inbound.From,
		&row.Inbound.Subject, &row.Inbound.Size, &row.Inbound.Decision, &row.Inbound.Reason, &recv, &rec)
	row.Inbound.Key.UIDValidity, row.Inbound.Key.UID = uint32(v), uint32(u)
	row.Inbound.ReceivedAt, row.Recorded = fromMS(recv), fromMS(rec)
	return row, err
}

// caseCols are the columns scanCase reads.
const caseCols = `person, facts, state, tz_offset, messages,
	first_seen_at, last_message_at, last_advice_at, last_help_at, subject, thread_root, last_reply_id`

func scanCase(r scanner) (*Case, error) {
	var c Case
	var facts string
	var tz sql.NullInt64
	var first, last, advice, help int64
	if err := r.Scan(&c.Person, &facts, &c.State, &tz, &c.Messages, &first, &last, &advice, &help,
		&c.Subject, &c.ThreadRoot, &c.LastReplyID); err != nil {
		return nil, err
	}
	c.Facts = []byte(facts)
	if tz.Valid {
		v := int(tz.Int64)
		c.TZOffset = &v
	}
	c.FirstSeenAt, c.LastMessageAt, c.LastAdviceAt = fromMS(first), fromMS(last), fromMS(advice)
	c.LastHelpAt = fromMS(help)
	return &c, nil
}
