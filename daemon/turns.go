package daemon

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"jobback/mailbox"
)

// Turn is this instance's right to watch the mailbox while several
// instances share one store (store.Postgres's Watch: an advisory lock held
// by a database session). Done is closed when it is lost: its session
// ended, or Release was called.
type Turn interface {
	Done() <-chan struct{}
	Release(ctx context.Context) error
}

// TakeWith makes TurnsOptions.Take of a function that returns its own
// kind of turn (store.Postgres.TryWatch returns a *store.Watch), keeping
// "none" (a nil pointer) nil as a Turn.
func TakeWith[P interface {
	*T
	Turn
}, T any](try func(context.Context) (P, error)) func(context.Context) (Turn, error) {
	return func(ctx context.Context) (Turn, error) {
		p, err := try(ctx)
		if p == nil {
			return nil, err
		}
		return p, err
	}
}

// DefaultTakeover is TurnsOptions.Takeover's default.
const DefaultTakeover = 10 * time.Second

// TurnsOptions configure Turns. Take and Source are required.
type TurnsOptions struct {
	// Take tries to take the turn: nil and no error when another instance
	// holds it.
	Take func(ctx context.Context) (Turn, error)
	// Source is what watches the mailbox (a mailbox.Watcher), run only
	// while the turn is held. Its Run may be called again after it
	// returned.
	Source Source
	// Takeover bounds how long the mailbox goes unwatched once the
	// instance watching it is gone: Take is tried every third of it. If
	// zero, DefaultTakeover.
	Takeover time.Duration
	// Logger gets the log. If nil, slog.Default().
	Logger *slog.Logger
}

// Turns is a Source for one of several instances sharing a store: it runs
// its Source only while this instance holds the turn, and otherwise stands
// by, trying to take the turn every third of Takeover. Only one instance
// watches the mailbox at a time; the others send replies and walk the
// follow-ups. Should two ever watch at once (a turn lost while a message
// was in hand), the store's unique keys still record each message once,
// and a message recorded twice is not answered twice.
type Turns struct {
	o TurnsOptions

	mu       sync.Mutex
	watching bool
	since    time.Time
}

// NewTurns returns Turns over o.
func NewTurns(o TurnsOptions) (*Turns, error) {
	if o.Take == nil || o.Source == nil {
		return nil, errors.New("cannot take turns: no Take or no Source")
	}
	if o.Takeover <= 0 {
		o.Takeover = DefaultTakeover
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return &Turns{o: o}, nil
}

// Run takes turns watching the mailbox until ctx is done; it then returns
// nil. It returns the Source's error if the Source stops for another
// reason while this instance holds the turn.
func (t *Turns) Run(ctx context.Context, h mailbox.Handler) error {
	every := t.o.Takeover / 3
	told := false // "standing by" is logged once per wait
	for {
		turn, err := t.o.Take(ctx)
		if ctx.Err() != nil {
			if turn != nil {
				t.release(ctx, turn)
			}
			return nil
		}
		switch {
		case err != nil:
			t.o.Logger.Warn("cannot try to take the mailbox; will try again", "err", err, "in", every)
		case turn == nil:
			if !told {
				t.o.Logger.Info("standing by: another instance watches the mailbox", "takeover", t.o.Takeover)
				told = true
			}
		default:
			told = false
			if err := t.watch(ctx, turn, h); err != nil {
				return err
			}
			if ctx.Err() != nil {
				return nil
			}
			t.o.Logger.Warn("lost the mailbox to another instance, or the store's session ended; standing by")
		}
		if !sleepCtx(ctx, every) {
			return nil
		}
	}
}

// watch runs the Source while turn is held.
func (t *Turns) watch(ctx context.Context, turn Turn, h mailbox.Handler) error {
	defer t.release(ctx, turn)
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-turn.Done():
			cancel()
		case <-rctx.Done():
		}
	}()
	t.set(true)
	defer t.set(false)
	t.o.Logger.Info("watching the mailbox: this instance took it")
	err := t.o.Source.Run(rctx, h)
	if rctx.Err() != nil {
		return nil
	}
	return err
}

func (t *Turns) release(ctx context.Context, turn Turn) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := turn.Release(rctx); err != nil {
		t.o.Logger.Debug("cannot release the mailbox turn (its session is gone, and the lock with it)", "err", err)
	}
}

func (t *Turns) set(on bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.watching = on
	t.since = time.Now()
}

// Watching reports whether this instance watches the mailbox now, and
// since when it has, or has stood by.
func (t *Turns) Watching() (bool, time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.watching, t.since
}

// DisconnectedSince is the Source's while this instance watches the
// mailbox, and the zero time while it stands by (the mailbox is not its to
// watch, so its health does not depend on it).
func (t *Turns) DisconnectedSince() time.Time {
	if on, _ := t.Watching(); !on {
		return time.Time{}
	}
	return t.o.Source.DisconnectedSince()
}
