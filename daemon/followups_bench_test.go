package daemon

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/textproto"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"jobback/domain"
	"jobback/internal/procstat"
	"jobback/outbox"
	"jobback/parser"
	"jobback/responder"
	"jobback/schedule"
	"jobback/store"
)

const (
	fbDue     = 10_000 // due follow-ups written and sent per iteration
	fbPersons = 1_000  // cases the follow-ups belong to
	fbBatch   = 50_000 // follow-ups inserted per transaction (setup)
	fbSenders = 4      // sender goroutines
)

// fbNsPerDue10k is the 10,000-pending result, kept for the 1,000,000 run's
// ratio (the sub-benchmarks run in that order).
var fbNsPerDue10k float64

// BenchmarkFollowupsDueAndSent is issue 5's scale benchmark on the real
// path: with N follow-ups pending in a SQLite store (synchronous GROUP,
// the config's default; 10,000 of them due, over 1,000 cases), one
// iteration is the daemon's RunDue (page through the due ones, read each
// person's case, write the follow-up with the responder, queue it with
// QueueFollowup in one transaction each) plus sending every queued row to
// an in-process go-smtp server with 4 of the daemon's senders (go-mail),
// until the server has taken 10,000 distinct messages and the outbox is
// empty. Not timed: the cases, the pending follow-ups, and, before each
// iteration, 10,000 fresh due ones. Metrics: ns/due, walk-ns/due (until
// RunDue returned; the senders work meanwhile), ratio-to-10k (the
// 1,000,000 run's ns/due over the 10,000 run's), peak-rss-MB (VmHWM of the
// whole process: store, daemon, SMTP server).
//
//	go test -run '^$' -bench BenchmarkFollowupsDueAndSent -benchtime 3x -count 2 ./daemon/
func BenchmarkFollowupsDueAndSent(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		b.Run("pending="+strconv.Itoa(n), func(b *testing.B) {
			benchFollowupsDueAndSent(b, n)
		})
	}
}

func benchFollowupsDueAndSent(b *testing.B, pending int) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) // noon UTC: nobody's night
	st, err := store.OpenWith(ctx, filepath.Join(b.TempDir(), "jobback.db"), store.Options{Synchronous: "GROUP"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	fbCases(b, st, now)

	// Not due: spread over the next 30 days.
	batch := make([]store.NewFollowup, 0, fbBatch)
	flush := func() {
		if err := st.AddFollowups(ctx, now, batch); err != nil {
			b.Fatal(err)
		}
		batch = batch[:0]
	}
	span := int64(30 * 24 * time.Hour)
	for i := range pending - fbDue {
		due := now.Add(time.Minute + time.Duration(int64(i)*7919%span))
		batch = append(batch, store.NewFollowup{Person: fbPerson(i % fbPersons), Kind: domain.KindCheckin, DueAt: due})
		if len(batch) == fbBatch {
			flush()
		}
	}
	flush()
	if plan, err := st.ExplainDueFollowups(ctx); err != nil {
		b.Fatal(err)
	} else if !strings.Contains(plan, "followups_due") {
		b.Fatalf("the due walk does not use the followups_due index:\n%s", plan)
	} else if pending == 1_000_000 {
		b.Logf("plan of the due walk: %s", plan)
	}

	sink := startSink(b)
	pl, err := schedule.New(schedule.Plan{})
	if err != nil {
		b.Fatal(err)
	}
	w, err := responder.New(responder.Options{Address: ourAddr, MessageIDDomain: "jobback.test"})
	if err != nil {
		b.Fatal(err)
	}
	d, err := Open(ctx, Options{
		Store:        st,
		Address:      ourAddr,
		Renderer:     realRenderer(b),
		NewSender:    realSender(sink.addr),
		IsPermanent:  outbox.IsPermanent,
		Senders:      fbSenders,
		HourlyCap:    1 << 30,
		PollInterval: time.Second, // RunDue wakes the senders; this is only the fallback
		RetryBase:    10 * time.Millisecond,
		RetryMax:     50 * time.Millisecond,
		Planner:      pl,
		Writer:       w,
		// Info level, as in production; the lines are formatted, then
		// dropped.
		Logger: slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	if err != nil {
		b.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- d.RunSenders(runCtx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
		d.Close(ctx)
	}()

	var walk time.Duration
	i := 0
	for b.Loop() {
		b.StopTimer()
		// Each iteration's clock is a millisecond later and its due ones
		// fresh, over the hour before it (the previous ones are done); the
		// not-due ones stay pending throughout.
		at := now.Add(time.Duration(i) * time.Millisecond)
		for j := range fbDue {
			due := at.Add(-time.Duration(j%3600) * time.Second)
			batch = append(batch, store.NewFollowup{Person: fbPerson(j % fbPersons), Kind: domain.KindNudgeSend, DueAt: due})
		}
		flush()
		sink.expect(fbDue)
		b.StartTimer()

		start := time.Now()
		rep, err := d.RunDue(ctx, at)
		if err != nil {
			b.Fatal(err)
		}
		walk += time.Since(start)
		if rep != (DueReport{Queued: fbDue}) {
			b.Fatalf("iteration %d: %s; want %d queued and nothing else", i, rep, fbDue)
		}
		if err := sink.wait(2 * time.Minute); err != nil {
			b.Fatalf("iteration %d: %v", i, err)
		}
		// Sent means marked sent too: wait for the last MarkSent.
		var n int
		if !eventually(time.Minute, 2*time.Millisecond, func() bool {
			var err error
			if n, err = st.OutboxDepth(ctx); err != nil {
				b.Fatal(err)
			}
			return n == 0
		}) {
			b.Fatalf("iteration %d: %d outbox rows still unsent", i, n)
		}

		b.StopTimer()
		if got, distinct, bad := sink.counts(); got != fbDue || distinct != fbDue || bad != 0 {
			b.Fatalf("iteration %d: the SMTP server took %d messages (%d distinct Message-IDs, %d not ours to a person), want %d",
				i, got, distinct, bad, fbDue)
		}
		b.StartTimer()
		i++
	}
	b.StopTimer()
	perDue := float64(b.Elapsed().Nanoseconds()) / float64(b.N*fbDue)
	b.ReportMetric(perDue, "ns/due")
	b.ReportMetric(float64(walk.Nanoseconds())/float64(b.N*fbDue), "walk-ns/due")
	if pending == 10_000 {
		fbNsPerDue10k = perDue
	} else if fbNsPerDue10k > 0 {
		b.ReportMetric(perDue/fbNsPerDue10k, "ratio-to-10k")
	}
	if mb := procstat.PeakRSSMB(); mb > 0 {
		b.ReportMetric(mb, "peak-rss-MB")
	}
}

func fbPerson(i int) string { return fmt.Sprintf("p%d@example.org", i) }

// fbCases records the advice to each person as the daemon would (their
// facts, the thread, our advice as their last message, sent).
func fbCases(b *testing.B, st *store.SQLite, now time.Time) {
	ctx := context.Background()
	t0 := now.Add(-72 * time.Hour)
	for i := range fbPersons {
		who := fbPerson(i)
		facts, err := json.Marshal(parser.Facts{Action: parser.ActionAdvise, Situation: parser.SituationFired,
			SenderName: "Ann", BossName: "Jane Smith", Company: "Acme Corp", Role: "sales manager"})
		if err != nil {
			b.Fatal(err)
		}
		adviceID := fmt.Sprintf("advice-%d@jobback.test", i)
		res, err := st.Record(ctx, store.Record{
			Inbound: store.Inbound{Key: store.InboundKey{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(i + 1)},
				MessageID: fmt.Sprintf("m%d@example.org", i), From: who, Subject: "I was fired",
				Decision: domain.DecisionAnswered, ReceivedAt: t0},
			Case: &store.CaseUpdate{Person: who, Facts: facts, State: "advised", MessageAt: t0, AdviceAt: t0,
				Subject: "I was fired", ThreadRoot: fmt.Sprintf("m%d@example.org", i)},
			Outbox: []store.NewOutbox{{Kind: "advice", MessageID: adviceID, From: ourAddr, Recipient: who,
				Raw: []byte("Subject: Re: I was fired\r\n\r\nadvice\r\n"), ArrivedAt: t0}},
			Now: t0,
		})
		if err != nil {
			b.Fatal(err)
		}
		for _, id := range res.OutboxIDs {
			if err := st.MarkSent(ctx, id, t0); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// fbSink is an SMTP server that counts the messages it takes and their
// distinct Message-IDs, and keeps nothing else.
type fbSink struct {
	addr string

	mu       sync.Mutex
	got, bad int
	ids      map[string]bool
	want     int
	reached  chan struct{}
}

func startSink(b *testing.B) *fbSink {
	s := &fbSink{ids: map[string]bool{}, reached: make(chan struct{})}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &fbSession{s: s}, nil
	}))
	srv.Domain = "localhost"
	srv.ReadTimeout = time.Minute
	srv.WriteTimeout = time.Minute
	srv.MaxMessageBytes = 32 << 20
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	s.addr = ln.Addr().String()
	go srv.Serve(ln)
	b.Cleanup(func() { srv.Close() })
	return s
}

// expect starts a new round: counts go back to zero and wait returns once
// n distinct messages came.
func (s *fbSink) expect(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got, s.bad, s.want = 0, 0, n
	clear(s.ids)
	s.reached = make(chan struct{})
}

func (s *fbSink) wait(within time.Duration) error {
	s.mu.Lock()
	ch, want := s.reached, s.want
	s.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-time.After(within):
		got, distinct, _ := s.counts()
		return fmt.Errorf("the SMTP server took %d messages (%d distinct) in %s, want %d", got, distinct, within, want)
	}
}

func (s *fbSink) counts() (got, distinct, bad int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.got, len(s.ids), s.bad
}

func (s *fbSink) take(from string, to []string, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got++
	if id == "" || from != ourAddr || len(to) != 1 || !strings.HasSuffix(to[0], "@example.org") {
		s.bad++
	}
	s.ids[id] = true
	if len(s.ids) == s.want {
		close(s.reached)
	}
}

type fbSession struct {
	s    *fbSink
	from string
	to   []string
}

func (ss *fbSession) Mail(from string, _ *smtp.MailOptions) error {
	ss.from, ss.to = from, nil
	return nil
}

func (ss *fbSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

// Data reads the header for the Message-ID and throws the rest away.
func (ss *fbSession) Data(r io.Reader) error {
	br := bufio.NewReader(r)
	h, err := textproto.NewReader(br).ReadMIMEHeader()
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	if _, err := io.Copy(io.Discard, br); err != nil {
		return err
	}
	ss.s.take(ss.from, ss.to, strings.Trim(h.Get("Message-Id"), "<> "))
	return nil
}

func (ss *fbSession) Reset()        { ss.from, ss.to = "", nil }
func (ss *fbSession) Logout() error { return nil }
