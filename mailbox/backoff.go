package mailbox

import (
	"context"
	"time"

	backoffpkg "jobback/internal/backoff"
)

// backoff and sleep are the project's one rule (internal/backoff).
func backoff(base, max time.Duration, attempt int) time.Duration {
	return backoffpkg.Delay(base, max, attempt)
}

func sleep(ctx context.Context, d time.Duration) bool { return backoffpkg.Sleep(ctx, d) }
