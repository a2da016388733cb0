package daemon

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"jobback/mailbox"
)

// memLock is a lock shared by the instances of one test, as PostgreSQL's
// advisory lock is shared by the sessions of one database: the turn
// handed out is lost when the lock is broken (its session ended).
type memLock struct {
	mu     sync.Mutex
	holder *memTurn
}

type memTurn struct {
	l    *memLock
	done chan struct{}
	once sync.Once
}

func (t *memTurn) Done() <-chan struct{} { return t.done }

func (t *memTurn) Release(ctx context.Context) error {
	t.l.mu.Lock()
	defer t.l.mu.Unlock()
	if t.l.holder == t {
		t.l.holder = nil
	}
	t.once.Do(func() { close(t.done) })
	return nil
}

func (l *memLock) take(ctx context.Context) (Turn, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.holder != nil {
		return nil, nil
	}
	l.holder = &memTurn{l: l, done: make(chan struct{})}
	return l.holder, nil
}

// breakLock ends the holder's session: its turn is lost and the lock free.
func (l *memLock) breakLock() {
	l.mu.Lock()
	t := l.holder
	l.mu.Unlock()
	if t != nil {
		t.Release(context.Background())
	}
}

// countingSource is a Source that runs until its context ends and counts
// the runs under way.
type countingSource struct {
	mu      sync.Mutex
	running int
	runs    int
}

func (s *countingSource) Run(ctx context.Context, h mailbox.Handler) error {
	s.mu.Lock()
	s.running++
	s.runs++
	s.mu.Unlock()
	<-ctx.Done()
	s.mu.Lock()
	s.running--
	s.mu.Unlock()
	return nil
}

func (s *countingSource) DisconnectedSince() time.Time { return time.Unix(1, 0) }

func (s *countingSource) state() (running, runs int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running, s.runs
}

// Two instances take turns: one watches at a time; when its session ends,
// the other takes over within Takeover; the one that stands by reports no
// lost connection.
func TestTurnsTakeOver(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var l memLock
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		srcA, srcB := &countingSource{}, &countingSource{}
		a, err := NewTurns(TurnsOptions{Take: l.take, Source: srcA, Takeover: 9 * time.Second, Logger: quiet})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := NewTurns(TurnsOptions{Take: l.take, Source: srcB, Takeover: 9 * time.Second, Logger: quiet})
		nop := func(context.Context, *mailbox.Message) error { return nil }
		ctx, cancel := context.WithCancel(context.Background())
		ctxA, killA := context.WithCancel(ctx)
		doneA, done := make(chan error, 1), make(chan error, 2)
		go func() { doneA <- a.Run(ctxA, nop) }()
		synctest.Wait()
		go func() { done <- b.Run(ctx, nop) }()
		synctest.Wait()
		if on, _ := a.Watching(); !on {
			t.Fatal("the first instance does not watch the mailbox")
		}
		if on, _ := b.Watching(); on {
			t.Fatal("both instances watch the mailbox")
		}
		if r, _ := srcB.state(); r != 0 {
			t.Fatal("the instance standing by runs its mailbox watcher")
		}
		if !b.DisconnectedSince().IsZero() {
			t.Error("the instance standing by reports a lost mailbox connection")
		}
		if a.DisconnectedSince().IsZero() {
			t.Error("the watching instance hides its Source's lost connection")
		}

		// The first instance's process dies: its session ends with it.
		time.Sleep(1500 * time.Millisecond) // off the others' beat
		lost := time.Now()
		l.breakLock()
		killA()
		if err := <-doneA; err != nil {
			t.Errorf("Run: %v", err)
		}
		for {
			if on, _ := b.Watching(); on {
				break
			}
			time.Sleep(100 * time.Millisecond)
			if time.Since(lost) > 9*time.Second {
				t.Fatalf("no takeover within 9s")
			}
		}
		synctest.Wait()
		if took := time.Since(lost); took > 3*time.Second {
			t.Errorf("took over after %s, want at most a third of Takeover (3s)", took)
		}
		if r, _ := srcA.state(); r != 0 {
			t.Error("the instance that died still runs its mailbox watcher")
		}
		if r, _ := srcB.state(); r != 1 {
			t.Error("the instance that took over does not run its mailbox watcher")
		}
		// Started again, the first instance stands by.
		go func() { done <- a.Run(ctx, nop) }()
		time.Sleep(30 * time.Second)
		synctest.Wait()
		if on, _ := a.Watching(); on {
			t.Error("both instances watch the mailbox after the takeover")
		}
		if _, runs := srcA.state(); runs != 1 {
			t.Errorf("the restarted instance ran its watcher again (%d runs) while the other held the turn", runs)
		}
		cancel()
		for range 2 {
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		}
		if l.holder != nil {
			t.Error("the turn is not released when Run returns")
		}
	})
}
