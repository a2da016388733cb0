package daemon

import (
	"context"
	"testing"
	"time"
)

// BenchmarkInbox1000 answers 1,000 messages already in the inbox: IMAP
// fetch, parse, one store transaction each (SQLite, synchronous FULL), the
// IMAP flag, and an SMTP send, all against in-process servers.
func BenchmarkInbox1000(b *testing.B) {
	const n = 1000
	msgs := make([][]byte, n)
	for i := range msgs {
		msgs[i] = advice(i + 1)
	}
	for b.Loop() {
		b.StopTimer()
		h := newHarness(b)
		h.opts = func(o *Options) { o.Senders = 2; o.HourlyCap = 10 * n }
		for _, m := range msgs {
			if _, err := h.mail.Deliver(m); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		start := time.Now()
		h.start()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		if _, err := h.mail.WaitSent(ctx, n); err != nil {
			b.Fatal(err)
		}
		cancel()
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "msgs/s")
		b.StopTimer()
		h.stop()
		b.StartTimer()
	}
}
