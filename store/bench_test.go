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

// replySize is the size of a real advice reply (text, HTML and the letter
// attached: BenchmarkReply in responder).
const replySize = 17 << 10

// BenchmarkRecordReal is BenchmarkRecord as the daemon records an advice:
// group commit (the default), a reply as big as a real one, three
// follow-ups planned.
func BenchmarkRecordReal(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	raw := bigReply()
	i := 0
	for b.Loop() {
		i++
		r := answered(uint32(i), fmt.Sprintf("%d@x", i), fmt.Sprintf("p%d@example.org", i))
		r.Outbox[0].Raw = raw
		r.Followups = append(r.Followups, r.Followups[0], r.Followups[0])
		if _, err := s.Record(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
}

func bigReply() []byte {
	line := []byte("Dear Karen, I am writing about my job as dispatch coordinator.=20\r\n")
	var raw []byte
	for len(raw) < replySize {
		raw = append(raw, line...)
	}
	return raw
}

// BenchmarkClaimAndMarkSent is the outbox's part of one reply as the
// daemon's sender works it: claim a batch of 8 (reading each reply's
// bytes), journal each as sent, mark the batch sent in one transaction.
// The replies are as big as real ones, and b.N of them wait at the start
// (a backlog, as when 1,000 messages are found in the inbox at once).
func BenchmarkClaimAndMarkSent(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	raw := bigReply()
	for i := 1; i <= b.N; i++ {
		r := answered(uint32(i), fmt.Sprintf("%d@x", i), fmt.Sprintf("p%d@example.org", i))
		r.Outbox[0].Raw = raw
		r.Followups = nil
		if _, err := s.Record(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	done := 0
	var ids []int64
	for done < b.N {
		got, err := s.Claim(ctx, time.Now(), time.Minute, 8)
		if err != nil || len(got) == 0 {
			b.Fatal(len(got), err)
		}
		ids = ids[:0]
		for _, o := range got {
			if len(o.Raw) != len(raw) {
				b.Fatalf("claimed %d bytes, want %d", len(o.Raw), len(raw))
			}
			if err := s.JournalSent(o.ID, time.Now()); err != nil {
				b.Fatal(err)
			}
			ids = append(ids, o.ID)
		}
		if err := s.MarkSentMany(ctx, ids, time.Now()); err != nil {
			b.Fatal(err)
		}
		done += len(got)
	}
	b.StopTimer()
	if d, err := s.OutboxDepth(ctx); err != nil || d != 0 {
		b.Fatalf("outbox depth %d after all sent, %v", d, err)
	}
}
