package daemon

import (
	"context"
	"time"

	"jobback/internal/backoff"
)

// sleepCtx waits for d or until ctx is done; it reports false if ctx is.
func sleepCtx(ctx context.Context, d time.Duration) bool { return backoff.Sleep(ctx, d) }
