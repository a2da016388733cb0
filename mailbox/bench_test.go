package mailbox

import (
	"context"
	"fmt"
	"sort"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkDeliver1000 measures handing 1,000 messages already in the folder
// to a handler that does nothing, including marking each one processed.
// One op is the whole batch (connect, search, fetch, 1,000 marks).
func BenchmarkDeliver1000(b *testing.B) {
	const n = 1000
	for _, processed := range []string{"flag", "Done"} {
		b.Run(processed, func(b *testing.B) {
			var total time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s := newTestServer(b, capsFull)
				for j := 0; j < n; j++ {
					s.deliver("INBOX", testMessage(fmt.Sprintf("bench%d", j)))
				}
				opts := testOptions(s, nil)
				opts.Processed = processed
				var count atomic.Int32
				all := make(chan struct{})
				h := func(ctx context.Context, m *Message) error {
					if count.Add(1) == n {
						close(all)
					}
					return nil
				}
				start := time.Now()
				b.StartTimer()
				r := startWatcher(b, opts, h)
				<-all
				b.StopTimer()
				total += time.Since(start)
				r.close(b)
				s.Stop()
			}
			b.ReportMetric(float64(n*b.N)/total.Seconds(), "msgs/s")
		})
	}
}

// BenchmarkNotifyLatency measures the time from a message's arrival in the
// folder to the handler's call while the Watcher idles: one op is one
// message. It also reports the part from the IDLE notification (Noticed) to
// the handler, and the median and worst case.
func BenchmarkNotifyLatency(b *testing.B) {
	s := newTestServer(b, capsFull)
	opts := testOptions(s, nil)
	opts.PollInterval = time.Second // backs up a missed notification
	idling := make(chan struct{}, 1)
	got := make(chan time.Duration, 1)
	h := func(ctx context.Context, m *Message) error {
		got <- time.Since(m.Noticed)
		return nil
	}
	startWatcher(b, opts, h, func(w *Watcher) {
		w.idleStarted = func() {
			select {
			case idling <- struct{}{}:
			default:
			}
		}
	})
	var lat, fromNotice []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		<-idling
		waitFor(b, "the server idling", func() bool { return s.Idling() == 1 })
		b.StartTimer()
		start := time.Now()
		s.deliver("INBOX", testMessage(fmt.Sprintf("lat%d", i)))
		d := <-got
		lat = append(lat, time.Since(start))
		fromNotice = append(fromNotice, d)
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	sort.Slice(fromNotice, func(i, j int) bool { return fromNotice[i] < fromNotice[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds()), "max-µs")
	b.ReportMetric(float64(fromNotice[len(fromNotice)/2].Microseconds()), "notice-to-handler-p50-µs")
}
