package mailbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
)

// Watcher watches one folder. Create it with Open, drive it with Run, stop it
// with Close.
type Watcher struct {
	o   Options
	log *slog.Logger

	closeCtx    context.Context // cancelled by Close
	closeCancel context.CancelFunc

	mu      sync.Mutex
	first   *conn         // the connection made by Open, until Run takes it
	running chan struct{} // closed when the current Run returns; nil if none
	closed  bool

	// Used only by the goroutine inside Run.
	validity uint32                 // UIDVALIDITY the state below belongs to
	last     uint32                 // last UID done (the cursor)
	seen     uint32                 // highest UID found by a completed check
	retry    map[uint32]*retryState // messages whose handler or marking failed
	left     map[uint32]bool        // messages the handler left unmarked (ErrLeave): not offered again

	// down is when the connection was lost (Unix nanoseconds), 0 while
	// one is up: see DisconnectedSince.
	down atomic.Int64

	idleStarted func() // test hook: called when the server acknowledged IDLE
}

type retryState struct {
	attempts      int // times handed over
	fetchFailures int // times the server would not give it
	next          time.Time
}

// Open checks opts, connects, logs in and selects the folder, so that a bad
// address, password or folder is reported at once (wrapping ErrAuth,
// ErrNeedTLS or ErrNoMailbox when no retry will help). Later connection losses are handled
// by Run. ctx bounds only the connecting.
func Open(ctx context.Context, opts Options) (*Watcher, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	cn, err := dial(ctx, &o)
	if err != nil {
		return nil, err
	}
	w := &Watcher{o: o, log: o.Logger.With("mailbox", o.Mailbox), first: cn, retry: make(map[uint32]*retryState), left: make(map[uint32]bool)}
	w.closeCtx, w.closeCancel = context.WithCancel(context.Background())
	w.log.Info("connected", "addr", o.Addr, "tls", o.TLS, "idle", cn.idle, "move", cn.move, "uidvalidity", cn.uidValidity)
	return w, nil
}

// Run hands every unprocessed message of the folder to h, then waits for new
// ones (IDLE, or polling) and hands them over too, until ctx is done or Close
// is called; it then returns nil. Connection losses are logged and followed
// by reconnection with capped, jittered exponential backoff. h is called from
// Run's goroutine, one message at a time. Only one Run may be active.
func (w *Watcher) Run(ctx context.Context, h Handler) error {
	if h == nil {
		return errors.New("mailbox: Run needs a handler")
	}
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return ErrClosed
	}
	if w.running != nil {
		w.mu.Unlock()
		return errors.New("mailbox: Run is already running")
	}
	done := make(chan struct{})
	w.running = done
	cn := w.first
	w.first = nil
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		w.running = nil
		w.mu.Unlock()
		close(done)
	}()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stopClose := watchContext(w.closeCtx, cancel)
	defer stopClose()

	failures := 0
	for {
		if cn == nil {
			var err error
			cn, err = dial(ctx, &w.o)
			if err != nil {
				w.lost()
				if ctx.Err() != nil {
					return nil
				}
				failures++
				d := backoff(w.o.ReconnectDelay, w.o.ReconnectMax, failures)
				w.log.Warn("cannot connect; will try again", "err", err, "in", d)
				if !sleep(ctx, d) {
					return nil
				}
				continue
			}
			w.log.Info("reconnected", "addr", w.o.Addr, "idle", cn.idle, "uidvalidity", cn.uidValidity)
		}
		w.down.Store(0)
		cn.bind(ctx)
		err := w.serve(ctx, cn, h, func() { failures = 0 })
		cn.close()
		cn = nil
		w.lost()
		if ctx.Err() != nil {
			return nil
		}
		failures++
		d := backoff(w.o.ReconnectDelay, w.o.ReconnectMax, failures)
		w.log.Warn("connection ended; will reconnect", "err", err, "in", d)
		if !sleep(ctx, d) {
			return nil
		}
	}
}

// DisconnectedSince returns when the Watcher lost its connection to the
// server (and has not made a new one since), or the zero time while it is
// connected. A health check fails when it is too long ago.
func (w *Watcher) DisconnectedSince() time.Time {
	if n := w.down.Load(); n != 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}

// lost records the moment the connection was lost, if not already.
func (w *Watcher) lost() {
	w.down.CompareAndSwap(0, time.Now().UnixNano())
}

// Close stops Run and waits until it has returned and every goroutine the
// Watcher started has ended, or until ctx is done.
func (w *Watcher) Close(ctx context.Context) error {
	w.closeCancel()
	w.mu.Lock()
	w.closed = true
	first, running := w.first, w.running
	w.first = nil
	w.mu.Unlock()
	if first != nil {
		first.close()
	}
	if running != nil {
		select {
		case <-running:
		case <-ctx.Done():
			return fmt.Errorf("cannot close the mailbox watcher: %w", ctx.Err())
		}
	}
	return nil
}

// serve works one connection until it fails or ctx is done. healthy is called
// after each complete check.
func (w *Watcher) serve(ctx context.Context, cn *conn, h Handler, healthy func()) error {
	if err := w.resume(ctx, cn); err != nil {
		return err
	}
	for {
		if err := w.sync(ctx, cn, h); err != nil {
			return err
		}
		healthy()
		var err error
		if cn.idle {
			err = w.idle(ctx, cn)
		} else {
			err = w.poll(ctx, cn)
		}
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// resume loads the cursor and starts a resync when UIDVALIDITY changed.
func (w *Watcher) resume(ctx context.Context, cn *conn) error {
	v, last, err := w.o.Cursor.Position(ctx, w.o.Mailbox)
	if err != nil {
		return fmt.Errorf("cannot read the stored position in %q: %w", w.o.Mailbox, err)
	}
	resync := false
	switch {
	case v == 0:
		w.log.Info("no stored position: handing over every unprocessed message", "uidvalidity", cn.uidValidity)
		resync = true
	case v != cn.uidValidity:
		w.log.Warn("UIDVALIDITY changed: handing over every unprocessed message again",
			"stored", v, "server", cn.uidValidity)
		resync = true
	case cn.uidNext != 0 && last >= cn.uidNext:
		// The server forgot messages without changing UIDVALIDITY (a
		// restored or rebuilt mailbox). UIDs are reused: start over.
		w.log.Warn("stored position is beyond the server's UIDNEXT: handing over every unprocessed message again",
			"last", last, "uidnext", cn.uidNext)
		resync = true
	}
	if resync {
		last = 0
		if err := w.o.Cursor.SetPosition(ctx, w.o.Mailbox, cn.uidValidity, 0); err != nil {
			return fmt.Errorf("cannot store the position in %q: %w", w.o.Mailbox, err)
		}
	}
	if resync || w.validity != cn.uidValidity {
		clear(w.retry)
		clear(w.left)
		w.seen = 0
	}
	w.validity, w.last = cn.uidValidity, last
	w.seen = max(w.seen, last)
	return nil
}

// nextCheck returns when the next check is due: after PollInterval, or
// earlier when a failed message is due for another try.
func (w *Watcher) nextCheck(now time.Time) time.Time {
	next := now.Add(w.o.PollInterval)
	for _, r := range w.retry {
		if r.next.Before(next) {
			next = r.next
		}
	}
	return next
}

// poll waits for the next check without IDLE.
func (w *Watcher) poll(ctx context.Context, cn *conn) error {
	t := time.NewTimer(time.Until(w.nextCheck(time.Now())))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return nil
	case <-cn.c.Closed():
		return errors.New("the server closed the connection")
	case <-cn.notify:
		cn.signal() // keep the notice time for sync
		return nil
	case <-t.C:
		return cn.healthCheck()
	}
}

// idle runs IDLE until news arrives, a check is due, IDLE must be
// restarted, or ctx is done.
func (w *Watcher) idle(ctx context.Context, cn *conn) error {
	var cmd *imapclient.IdleCommand
	err := cn.guard(w.o.NoopTimeout, func() (err error) {
		cmd, err = cn.c.Idle()
		return err
	})
	if err != nil {
		return fmt.Errorf("cannot start IDLE: %w", err)
	}
	if w.idleStarted != nil {
		w.idleStarted()
	}
	check := time.NewTimer(time.Until(w.nextCheck(time.Now())))
	defer check.Stop()
	restart := time.NewTimer(w.o.IdleRestart)
	defer restart.Stop()

	news := false
	select {
	case <-ctx.Done():
		cmd.Close() // the connection is closed: this returns at once
		return nil
	case <-cn.c.Closed():
		cmd.Close()
		return errors.New("the server closed the connection during IDLE")
	case <-cn.notify:
		cn.signal() // keep the notice time for sync
		news = true
	case <-check.C:
	case <-restart.C:
	}
	err = cn.guard(w.o.NoopTimeout, func() error {
		if err := cmd.Close(); err != nil {
			return err
		}
		return cmd.Wait()
	})
	if err != nil {
		return fmt.Errorf("cannot end IDLE: %w", err)
	}
	if news {
		return nil
	}
	return cn.healthCheck()
}
