package backoff

import (
	"testing"
	"time"
)

func TestDelay(t *testing.T) {
	for attempt := 0; attempt <= 12; attempt++ {
		want := time.Second
		for i := 1; i < attempt && want < time.Minute; i++ {
			want *= 2
		}
		want = min(want, time.Minute)
		for range 50 {
			if d := Delay(time.Second, time.Minute, attempt); d < want*3/4 || d > want {
				t.Fatalf("Delay(1s, 1m, %d) = %v, want in [%v, %v]", attempt, d, want*3/4, want)
			}
		}
	}
}
