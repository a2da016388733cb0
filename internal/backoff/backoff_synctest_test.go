package backoff

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

// Sleep, on synctest's fake clock: it returns true when the whole wait has
// passed, not a millisecond before; false as soon as its context is done;
// and false at once when the context is done already.
func TestSleep(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		type result struct {
			whole bool
			after time.Duration
		}
		sleep := func(ctx context.Context, d time.Duration) <-chan result {
			ch := make(chan result, 1)
			start := time.Now()
			go func() {
				whole := Sleep(ctx, d)
				ch <- result{whole, time.Since(start)}
			}()
			return ch
		}
		returned := func(ch <-chan result) (result, bool) {
			synctest.Wait()
			select {
			case r := <-ch:
				return r, true
			default:
				return result{}, false
			}
		}

		ch := sleep(context.Background(), time.Hour)
		time.Sleep(time.Hour - time.Millisecond)
		if r, ok := returned(ch); ok {
			t.Fatalf("Sleep(1h) returned after %s (whole %v)", r.after, r.whole)
		}
		time.Sleep(2 * time.Millisecond)
		if r, ok := returned(ch); !ok || !r.whole || r.after != time.Hour {
			t.Fatalf("Sleep(1h): returned %v after %s, whole %v; want true after 1h", ok, r.after, r.whole)
		}

		ctx, cancel := context.WithCancel(context.Background())
		ch = sleep(ctx, time.Hour)
		time.Sleep(20 * time.Minute)
		cancel()
		if r, ok := returned(ch); !ok || r.whole || r.after != 20*time.Minute {
			t.Fatalf("Sleep(1h) cancelled after 20m: returned %v after %s, whole %v; want false at once", ok, r.after, r.whole)
		}
		if r, ok := returned(sleep(ctx, time.Hour)); !ok || r.whole || r.after != 0 {
			t.Fatalf("Sleep(1h) with a cancelled context: returned %v after %s, whole %v; want false at once", ok, r.after, r.whole)
		}
	})
}
