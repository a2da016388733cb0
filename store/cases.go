package store

import (
	"context"
	"errors"
	"fmt"
)

// ListCases returns up to limit cases, the most recent message first, for
// `jobback cases`. It reads every case (no index orders them by their last
// message): fine for a command run by hand.
func (s *SQLite) ListCases(ctx context.Context, limit int) ([]Case, error) {
	rows, err := s.query(ctx, `SELECT person FROM cases ORDER BY last_message_at DESC, person LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("cannot list cases: %w", err)
	}
	var people []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return nil, fmt.Errorf("cannot list cases: %w", err)
		}
		people = append(people, p)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("cannot list cases: %w", err)
	}
	return casesOf(ctx, people, s.Case)
}

// casesOf reads the case of each of people with read, leaving out those
// forgotten since they were listed.
func casesOf(ctx context.Context, people []string, read func(context.Context, string) (*Case, error)) ([]Case, error) {
	out := make([]Case, 0, len(people))
	for _, p := range people {
		c, err := read(ctx, p)
		if errors.Is(err, ErrNotFound) {
			continue // forgotten meanwhile
		}
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, nil
}

// History is what happened with one person: the messages recorded from
// them and what was queued to them, each oldest first.
type History struct {
	In  []InboundRow
	Out []OutboxItem // without Raw
}
