package mailbox

import (
	"context"
	"math/rand/v2"
	"time"
)

// backoff returns base·2^(attempt-1), capped at max, then lowered by a random
// amount of up to a quarter so that many clients do not retry in step.
func backoff(base, max time.Duration, attempt int) time.Duration {
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

// sleep waits for d or until ctx is done, and reports whether the full wait
// happened.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
