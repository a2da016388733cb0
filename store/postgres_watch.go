package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// watchBeat is how often a Watch checks its connection and writes its
// beat; watchCheckTimeout bounds one check.
const (
	watchBeat         = time.Second
	watchCheckTimeout = 3 * time.Second
)

// Watch is this instance's hold on the mailbox, taken by TryWatch: while
// it lasts, no other instance sharing the database holds one.
type Watch struct {
	conn     *pgx.Conn
	instance string
	pid      uint32 // the server process of conn (for tests)

	done     chan struct{} // closed when the watch is lost or released
	stop     chan struct{} // closed by Release
	stopOnce sync.Once
	beaten   chan struct{} // closed when the beat goroutine has ended

	mu  sync.Mutex // guards conn's use: the beat goroutine, Release
	err error      // why the watch was lost
}

// TryWatch tries to become the instance that watches the mailbox: it takes
// a session-level advisory lock (pg_try_advisory_lock on a fixed key) on a
// connection of its own (not from the pool, with the pool's settings), and
// on success writes this instance's name into the watcher table (since =
// beat = now). It returns nil, nil when another session holds the lock.
//
// The lock lasts as long as the connection's session. When the process
// holding it dies, even by kill -9, its machine closes the TCP connection,
// PostgreSQL ends the session and the lock is free for another instance's
// TryWatch. A machine that vanishes without closing its connections (power
// cut, network partition) is noticed by the server only through TCP:
// set keepalives in the DSN (keepalives_idle, keepalives_interval,
// keepalives_count) or tcp_user_timeout, on the server side
// (tcp_keepalives_idle, ...) too, or the lock stays held until the
// kernel gives the connection up (hours by default). The holder, for its
// part, learns of a lost connection within about watchCheckTimeout: Done
// is closed, and it must stop watching.
func (s *Postgres) TryWatch(ctx context.Context) (*Watch, error) {
	conn, err := pgx.ConnectConfig(ctx, s.conn.Copy())
	if err != nil {
		return nil, fmt.Errorf("cannot connect to watch the mailbox: %w", err)
	}
	var got bool
	if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", watchLockKey).Scan(&got); err != nil {
		conn.Close(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("cannot take the watcher's lock: %w", err)
	}
	if !got {
		conn.Close(context.WithoutCancel(ctx))
		return nil, nil
	}
	now := ms(time.Now())
	if _, err := conn.Exec(ctx, `INSERT INTO watcher (id, instance, since, beat) VALUES (1, $1, $2, $2)
		ON CONFLICT (id) DO UPDATE SET instance = excluded.instance, since = excluded.since, beat = excluded.beat`,
		s.instance, now); err != nil {
		conn.Close(context.WithoutCancel(ctx)) // the session's end frees the lock
		return nil, fmt.Errorf("cannot name the watcher: %w", err)
	}
	w := &Watch{conn: conn, instance: s.instance, pid: conn.PgConn().PID(),
		done: make(chan struct{}), stop: make(chan struct{}), beaten: make(chan struct{})}
	go w.beat()
	return w, nil
}

// beat checks the connection every watchBeat by writing the watcher's
// beat; the first failure ends the watch (the connection is closed, which
// frees the lock if the server still holds it).
func (w *Watch) beat() {
	defer close(w.beaten)
	t := time.NewTicker(watchBeat)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
		}
		if err := w.check(); err != nil {
			w.mu.Lock()
			w.err = err
			w.conn.Close(context.Background())
			w.mu.Unlock()
			close(w.done)
			return
		}
	}
}

// check writes the beat on the watch's connection.
func (w *Watch) check() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), watchCheckTimeout)
	defer cancel()
	tag, err := w.conn.Exec(ctx, `UPDATE watcher SET beat = $1 WHERE id = 1 AND instance = $2`, ms(time.Now()), w.instance)
	if err != nil {
		return fmt.Errorf("the watcher's connection failed: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return errors.New("the watcher table names another instance")
	}
	return nil
}

// Done is closed when the watch is lost (its connection failed a check,
// which runs every second) or released. The instance must then stop
// watching the mailbox.
func (w *Watch) Done() <-chan struct{} { return w.done }

// Err says why the watch was lost, once Done is closed; nil after Release.
func (w *Watch) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Release gives the watch up: the watcher table is emptied, the lock
// unlocked and the connection closed. A watch already lost is only
// cleaned up. Release may be called more than once.
func (w *Watch) Release(ctx context.Context) error {
	first := false
	w.stopOnce.Do(func() { close(w.stop); first = true })
	<-w.beaten
	if !first {
		return nil
	}
	select {
	case <-w.done: // lost: the connection is closed already
		return nil
	default:
	}
	defer close(w.done)
	w.mu.Lock()
	defer w.mu.Unlock()
	_, derr := w.conn.Exec(ctx, `DELETE FROM watcher WHERE id = 1 AND instance = $1`, w.instance)
	_, uerr := w.conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", watchLockKey)
	cerr := w.conn.Close(ctx)
	if err := errors.Join(derr, uerr, cerr); err != nil {
		return fmt.Errorf("cannot release the watch: %w", err)
	}
	return nil
}

// Watcher returns the instance that watches the mailbox, as the watcher
// table names it, and its last beat; "" and the zero time when none does
// (none has yet, or the last one released its watch). A beat more than a
// few seconds old is an instance that died with its row left behind.
func (s *Postgres) Watcher(ctx context.Context) (string, time.Time, error) {
	var who string
	var beat int64
	err := s.pool.QueryRow(ctx, `SELECT instance, beat FROM watcher WHERE id = 1`).Scan(&who, &beat)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", time.Time{}, nil
	}
	if err != nil {
		return "", time.Time{}, fmt.Errorf("cannot read which instance watches the mailbox: %w", err)
	}
	return who, fromMS(beat), nil
}
