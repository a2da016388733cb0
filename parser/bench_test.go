package parser

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset"
)

func loadCorpus(tb testing.TB) [][]byte {
	tb.Helper()
	files, err := filepath.Glob("testdata/situations/*.eml")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no corpus: %v", err)
	}
	msgs := make([][]byte, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		msgs = append(msgs, b)
	}
	return msgs
}

// bareWalk is the baseline: go-message reads every part of the message and
// decodes its transfer encoding and charset, and nothing more.
func bareWalk(raw []byte) (int, error) {
	e, err := message.Read(bytesReader(raw))
	if err != nil && e == nil {
		return 0, err
	}
	n := 0
	err = e.Walk(func(path []int, part *message.Entity, err error) error {
		if part == nil {
			return nil
		}
		if mr := part.MultipartReader(); mr != nil {
			return nil
		}
		b, _ := io.ReadAll(part.Body)
		n += len(b)
		return nil
	})
	return n, err
}

// BenchmarkParse runs the parser over the whole corpus; one op is one
// message. Compare with BenchmarkBareWalk: the ratio is the cost of our
// understanding.
func BenchmarkParse(b *testing.B) {
	msgs := loadCorpus(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(msgs[i%len(msgs)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkBareWalk is the baseline for BenchmarkParse over the same messages.
func BenchmarkBareWalk(b *testing.B) {
	msgs := loadCorpus(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := bareWalk(msgs[i%len(msgs)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkCostRatio interleaves the bare go-message walk and Parse on the
// same messages and reports the ratio of their times, which holds steady
// even when the machine is busy with other work.
func BenchmarkCostRatio(b *testing.B) {
	msgs := loadCorpus(b)
	var bare, parse time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		raw := msgs[i%len(msgs)]
		t0 := time.Now()
		if _, err := bareWalk(raw); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := Parse(raw); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		bare += t1.Sub(t0)
		parse += t2.Sub(t1)
	}
	b.ReportMetric(float64(parse)/float64(bare), "parse/bare")
	b.ReportMetric(float64(b.N)/parse.Seconds(), "parse-msgs/s")
	b.ReportMetric(float64(b.N)/bare.Seconds(), "bare-msgs/s")
}

// BenchmarkHostile parses texts built to hit quadratic paths (long runs of
// capitalised words, titles, prepositions; lower-case writing). Each should
// cost about as much as any other text of its size: compare with the
// 256 KiB of plain filler in BenchmarkLargeMessageRSS's 25MB-text case.
func BenchmarkHostile(b *testing.B) {
	cases := map[string]string{
		"the-run":         "I was fired. " + strings.Repeat("The ", 50000),
		"weekday-caps":    "I was fired by " + strings.Repeat("Monday Acme ", 30000),
		"fired-at":        strings.Repeat("I was fired at Acme ", 20000),
		"lowercase-boss":  strings.Repeat("my manager jen ", 20000) + " i",
		"caps-run":        "I was fired. " + strings.Repeat("Acme ", 60000),
		"preps-then-caps": strings.Repeat("at ", 30000) + strings.Repeat("Acme ", 30000),
	}
	for name, body := range cases {
		raw := []byte("From: A B <a@example.com>\r\nSubject: x\r\nDate: Mon, 23 Nov 2026 10:00:00 -0500\r\n\r\n" + body)
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Parse(raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
