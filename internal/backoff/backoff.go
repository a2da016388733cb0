// Package backoff is the one rule for waiting before trying again, used by
// the mailbox (reconnecting, fetching again), the outbox's senders and the
// daemon's other loops: exponential, capped, with jitter so that many
// clients do not retry in step.
package backoff

import (
	"context"
	"math/rand/v2"
	"time"
)

// Delay returns base·2^(attempt-1), capped at max, then lowered by a random
// amount of up to a quarter. Attempt 1 (or less) gives about base.
func Delay(base, max time.Duration, attempt int) time.Duration {
	d := base
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	if q := int64(d / 4); q > 0 {
		d -= time.Duration(rand.Int64N(q + 1))
	}
	return d
}

// Sleep waits for d or until ctx is done, and reports whether the whole
// wait happened.
func Sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
