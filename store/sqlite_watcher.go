package store

import (
	"context"
	"time"
)

// Watcher returns which instance watches the mailbox and when it last
// said it was alive. A SQLite store has one user, the process that opened
// it, which keeps no record of it: "" and the zero time.
func (s *SQLite) Watcher(ctx context.Context) (string, time.Time, error) {
	return "", time.Time{}, nil
}
