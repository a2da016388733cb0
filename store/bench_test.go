package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkRecord is one inbound message with its case and reply, one
// transaction (synchronous FULL: one fsync of the WAL per commit).
func BenchmarkRecord(b *testing.B) {
	for _, sync := range []string{"FULL", "NORMAL"} {
		b.Run(sync, func(b *testing.B) {
			s, err := OpenWith(context.Background(), filepath.Join(b.TempDir(), "b.db"), Options{Synchronous: sync})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			i := 0
			for b.Loop() {
				i++
				r := answered(uint32(i), fmt.Sprintf("%d@x", i), fmt.Sprintf("p%d@example.org", i))
				r.Followups = nil
				if _, err := s.Record(ctx, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkClaimAndMarkSent is the outbox's part of one reply.
func BenchmarkClaimAndMarkSent(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for i := 1; i <= b.N; i++ {
		r := answered(uint32(i), fmt.Sprintf("%d@x", i), fmt.Sprintf("p%d@example.org", i))
		r.Followups = nil
		if _, err := s.Record(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		got, err := s.Claim(ctx, time.Now(), time.Minute, 1)
		if err != nil || len(got) != 1 {
			b.Fatal(len(got), err)
		}
		if err := s.MarkSent(ctx, got[0].ID, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}
