package store

import (
	"context"
	"fmt"
	"time"
)

// ListOutbox returns all outbox rows in id order (for tests and the CLI).
func (s *SQLite) ListOutbox(ctx context.Context) ([]OutboxItem, error) {
	rows, err := s.query(ctx, "SELECT "+outboxCols+" FROM outbox ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("cannot list outbox: %w", err)
	}
	defer rows.Close()
	return collect("list outbox", rows, scanOutbox)
}

// InboundRow is one recorded inbound message, as listed by ListInbound.
type InboundRow struct {
	ID       int64
	Inbound  Inbound
	Recorded time.Time
}
