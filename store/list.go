package store

import (
	"context"
	"fmt"
	"jobback/domain"
	"time"
)

// ListOutbox returns all outbox rows in id order (for tests and the CLI).
func (s *SQLite) ListOutbox(ctx context.Context) ([]OutboxItem, error) {
	rows, err := s.query(ctx, "SELECT "+outboxCols+" FROM outbox ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("cannot list outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxItem
	for rows.Next() {
		o, err := scanOutbox(rows)
		if err != nil {
			return nil, fmt.Errorf("cannot list outbox: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// InboundRow is one recorded inbound message, as listed by ListInbound.
type InboundRow struct {
	ID       int64
	Inbound  Inbound
	Recorded time.Time
}

// ListInbound returns all recorded inbound messages in id order (for tests
// and the CLI).
func (s *SQLite) ListInbound(ctx context.Context) ([]InboundRow, error) {
	out, err := s.inboundRows(ctx, "ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("cannot list inbound: %w", err)
	}
	return out, nil
}

// inboundRows reads the inbound rows that the SQL after FROM inbound
// (where, order) selects.
func (s *SQLite) inboundRows(ctx context.Context, where string, args ...any) ([]InboundRow, error) {
	rows, err := s.query(ctx, `SELECT id, mailbox, uidvalidity, uid, COALESCE(message_id, ''),
		from_addr, subject, size, decision, reason, received_at, recorded_at FROM inbound `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []InboundRow
	for rows.Next() {
		var r InboundRow
		var v, u, recv, rec int64
		var dec string
		if err := rows.Scan(&r.ID, &r.Inbound.Key.Mailbox, &v, &u, &r.Inbound.MessageID, &r.Inbound.From,
			&r.Inbound.Subject, &r.Inbound.Size, &dec, &r.Inbound.Reason, &recv, &rec); err != nil {
			return nil, err
		}
		r.Inbound.Key.UIDValidity, r.Inbound.Key.UID = uint32(v), uint32(u)
		r.Inbound.Decision = domain.Decision(dec)
		r.Inbound.ReceivedAt, r.Recorded = fromMS(recv), fromMS(rec)
		out = append(out, r)
	}
	return out, rows.Err()
}
