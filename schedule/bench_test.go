package schedule_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"jobback/internal/procstat"
	"jobback/schedule"
	"jobback/store"
)

const (
	benchDue     = 10_000 // due follow-ups handled per iteration
	benchPage    = 500    // page size of the due walk
	benchPersons = 1_000  // cases the follow-ups belong to
	benchBatch   = 50_000 // follow-ups inserted per transaction (setup)
)

// nsPerDue10k is the 10,000-pending result, kept for the 1,000,000 run's
// ratio (the sub-benchmarks run in that order).
var nsPerDue10k float64

var benchSync = os.Getenv("BENCH_SYNC")

// BenchmarkDueFollowups is the scale benchmark of issue 5: with N follow-ups
// pending in a real SQLite store (10,000 of them due), one iteration finds
// the 10,000 due ones by the due index, in pages of 500, takes the Due
// verdict on each and marks each page done in one transaction. Inserting
// the pending ones (and, between iterations, 10,000 fresh due ones) is not
// timed. Metrics: ns/due (per due follow-up), ratio-to-10k (the 1,000,000
// run's ns/due over the 10,000 run's) and peak-rss-MB (the process's
// VmHWM), and command-ms: one person's command (read, cancel and replan
// their pending follow-ups) once after the loop. Rendering and SMTP are not
// part of it.
//
//	go test -run '^$' -bench BenchmarkDueFollowups -benchtime 20x ./schedule/
func BenchmarkDueFollowups(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		b.Run("pending="+strconv.Itoa(n), func(b *testing.B) {
			benchDueFollowups(b, n)
		})
	}
}

func benchDueFollowups(b *testing.B, pending int) {
	ctx := context.Background()
	s := openStore(b, benchPersons, benchSync)
	pl, err := schedule.New(schedule.Plan{})
	if err != nil {
		b.Fatal(err)
	}
	now := utc("2026-11-23T12:00:00Z")

	// Not due: spread over the next 30 days.
	notDue := pending - benchDue
	batch := make([]store.NewFollowup, 0, benchBatch)
	flush := func() {
		if err := s.AddFollowups(ctx, now, batch); err != nil {
			b.Fatal(err)
		}
		batch = batch[:0]
	}
	span := int64(30 * 24 * time.Hour)
	for i := range notDue {
		due := now.Add(time.Minute + time.Duration(int64(i)*7919%span))
		batch = append(batch, store.NewFollowup{Person: person(i % benchPersons), Kind: "checkin", DueAt: due})
		if len(batch) == benchBatch {
			flush()
		}
	}
	flush()
	// Due: spread over the hour before the clock of each iteration.
	addDue := func(at time.Time) {
		for i := range benchDue {
			due := at.Add(-time.Duration(i%3600) * time.Second)
			batch = append(batch, store.NewFollowup{Person: person(i % benchPersons), Kind: "nudge_send", DueAt: due})
			if len(batch) == benchBatch {
				flush()
			}
		}
		flush()
	}

	ids := make([]int64, 0, benchPage)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// Each iteration's clock is one second later, its due ones fresh
		// (the previous ones are done and out of the pending part of the
		// index); the not-due ones stay pending throughout.
		at := now.Add(time.Duration(i) * time.Second)
		addDue(at)
		b.StartTimer()

		handled := 0
		var cur store.FollowupCursor
		for {
			page, err := s.DueFollowupsAfter(ctx, at, cur, benchPage)
			if err != nil {
				b.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			cur = cur.Next(page)
			ids = ids[:0]
			for _, f := range page {
				if v := pl.Due(at, f.DueAt); v.Send {
					ids = append(ids, f.ID)
				}
			}
			n, err := s.MarkFollowups(ctx, ids, store.FollowupDone)
			if err != nil {
				b.Fatal(err)
			}
			handled += int(n)
		}
		if handled != benchDue {
			b.Fatalf("iteration %d handled %d due follow-ups, want %d", i, handled, benchDue)
		}
	}
	b.StopTimer()
	perDue := float64(b.Elapsed().Nanoseconds()) / float64(b.N*benchDue)
	b.ReportMetric(perDue, "ns/due")
	if pending == 10_000 {
		nsPerDue10k = perDue
	} else if nsPerDue10k > 0 {
		b.ReportMetric(perDue/nsPerDue10k, "ratio-to-10k")
	}

	// One person's command (read their pending follow-ups, cancel and
	// replan them): the followups table has no index on person, so this
	// reads the whole table; measured once, reported in ms.
	start := time.Now()
	who := person(7)
	_, err = s.PendingFollowups(ctx, who)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.ReplanFollowups(ctx, now, who, []string{"checkin"},
		[]store.NewFollowup{{Person: who, Kind: "checkin", DueAt: now.Add(time.Hour)}}); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "command-ms")

	if mb := procstat.PeakRSSMB(); mb > 0 {
		b.ReportMetric(mb, "peak-rss-MB")
	}
}
