package daemon

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"
)

// BenchmarkInbox1000 answers 1,000 messages already in the inbox: IMAP
// fetch, parse, one store transaction each (SQLite, synchronous GROUP by default), the
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

// BenchmarkIdleLatency delivers one message at a time to an idle daemon
// (IMAP IDLE) and measures until the SMTP server has accepted the reply:
// "deliver-ms" is the whole way, "ours-ms" from the IDLE notification on
// (the daemon's own part, from the latency histogram's samples).
// JOBBACK_BENCH_GAP (a duration) waits that long between messages, for a
// daemon that idles between them rather than one that is kept busy.
func BenchmarkIdleLatency(b *testing.B) {
	h := newHarness(b)
	h.poll = time.Second // backs IDLE only; a missed notification shows as an outlier
	h.opts = func(o *Options) { o.HourlyCap = 1 << 30; o.Window = time.Nanosecond }
	h.start()
	h.waitFor("the first IDLE", func() bool { return h.mail.IMAP.Idling() == 1 })
	var whole []time.Duration
	i := 0
	for b.Loop() {
		i++
		raw := advice(i)
		start := time.Now()
		h.deliver(raw)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		if _, err := h.mail.WaitSent(ctx, i); err != nil {
			b.Fatal(err)
		}
		cancel()
		whole = append(whole, time.Since(start))
		if d := os.Getenv("JOBBACK_BENCH_GAP"); d != "" {
			gap, _ := time.ParseDuration(d)
			time.Sleep(gap) // a pause asked for: the benchmark's parameter, not a wait for a state
		}
	}
	b.StopTimer()
	ours := latencySamples(b, h)
	b.ReportMetric(ms(percentile(whole, 50)), "deliver-p50-ms")
	b.ReportMetric(ms(percentile(whole, 90)), "deliver-p90-ms")
	b.ReportMetric(ms(percentile(ours, 50)), "ours-p50-ms")
	b.ReportMetric(ms(percentile(ours, 90)), "ours-p90-ms")
}

// latencySamples reads the arrival-to-sent times back from the store.
func latencySamples(b *testing.B, h *harness) []time.Duration {
	out, err := h.st.ListOutbox(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	var ds []time.Duration
	for _, o := range out {
		if o.Status == "sent" {
			ds = append(ds, o.SentAt.Sub(o.ArrivedAt))
		}
	}
	return ds
}

func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)-1)*p/100]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
