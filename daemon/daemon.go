// Package daemon is the wiring that carries each message through jobback:
// the mailbox hands over raw bytes, the parser finds the facts, the safety
// rules decide whether to answer, the renderer writes the reply, and the
// store records all of it in one transaction. Only then does the handler
// return nil, and only then does the mailbox flag (or move) the message.
// Separate sender goroutines work the store's outbox over SMTP, retrying
// temporary failures (4xx replies and connection errors, RFC 5321 section
// 4.2.1) with backoff and giving up at once on permanent ones (5xx).
//
// The safety rules, checked in this order: oversize messages are left
// unanswered; automatic mail (the parser's "ignore": RFC 3834
// Auto-Submitted, bounces, lists, out-of-office, noreply) is never answered;
// mail from or to our own address is never answered; commands are obeyed;
// no advice for a message older than the age limit; at most one advice
// reply per person per window (later messages inside it update the case);
// and a global cap on replies per hour.
//
// A Daemon owns its goroutines and its HTTP server (/metrics, /healthz):
// Open starts nothing but the listener, Run works until its context is done
// and then finishes what is in flight, Close releases the rest.
package daemon

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/robfig/cron/v3"

	"jobback/mailbox"
	"jobback/outbox"
	"jobback/parser"
	"jobback/responder"
	"jobback/schedule"
)

// Renderer writes the reply to a message (responder.Responder).
type Renderer interface {
	Reply(m *parser.Message) (*responder.Reply, error)
}

// RenderFunc adapts a function to Renderer.
type RenderFunc func(m *parser.Message) (*responder.Reply, error)

// Reply calls f.
func (f RenderFunc) Reply(m *parser.Message) (*responder.Reply, error) { return f(m) }

// Source hands messages to a handler until its context is done, and says
// whether it is connected (the mailbox's Watcher).
type Source interface {
	Run(ctx context.Context, h mailbox.Handler) error
	// DisconnectedSince is when the connection to the server was lost, or
	// the zero time while it is up (the health check's limit).
	DisconnectedSince() time.Time
}

// Defaults for the zero values of Options.
const (
	DefaultWindow    = 24 * time.Hour
	DefaultHourlyCap = 500
	// DefaultPersonDailyCap is Options.PersonDailyCap's default.
	DefaultPersonDailyCap = 10
	DefaultMaxSize        = 10 << 20
	// DefaultHealthIMAPDown and DefaultHealthOutboxStuck are the health
	// check's limits (Options.HealthIMAPDown, HealthOutboxStuck).
	DefaultHealthIMAPDown    = 5 * time.Minute
	DefaultHealthOutboxStuck = 30 * time.Minute
)

// Options configure a Daemon. Store, Address, Renderer and NewSender are
// required; Source is required by Run.
type Options struct {
	// Store remembers everything (store.SQLite). The caller opens and
	// closes it.
	Store Store
	// Source brings the messages in.
	Source Source
	// Address is our own address: the envelope sender of replies, and an
	// address never answered.
	Address string
	// OtherAddresses are more addresses of ours that are never answered
	// (aliases, the SMTP login).
	OtherAddresses []string
	// Screen holds the rules of the deployment that decide, after the
	// parser's fixed ones, whether a message is answered (spam, DMARC, mail
	// that names none of our addresses). Address and OtherAddresses are
	// added to its Addresses. Its zero value leaves spam and DMARC failures
	// unanswered and requires no address in To or Cc.
	Screen parser.Screen
	// Renderer writes replies.
	Renderer Renderer
	// NewSender makes one SMTP sender; each sender goroutine makes its own,
	// and makes a new one after a failed send.
	NewSender func() (outbox.Sender, error)
	// IsPermanent tells a permanent send error (give up) from a temporary
	// one (retry). If nil, outbox.IsPermanent: the project's one rule
	// (5xx to RCPT or DATA is permanent; 4xx, connection, TLS and login
	// errors, 535 included, are temporary).
	IsPermanent func(error) bool
	// Senders is the number of sender goroutines. If zero, 1.
	Senders int
	// Window is the per-person window: at most one advice reply in it. If
	// zero, 24 hours.
	Window time.Duration
	// HourlyCap is the most replies queued in any hour, all people
	// together. If zero, 500.
	HourlyCap int
	// PersonDailyCap is the most messages of every kind (advice, revised
	// letters, help, confirmations) queued to one person in any 24 hours;
	// a message beyond it is still obeyed (a STOP still stops) but gets no
	// reply. If zero, 10.
	PersonDailyCap int
	// MaxSize is the largest message answered, in bytes; larger ones are
	// recorded and left unanswered. If zero, 10 MiB.
	MaxSize int64
	// MaxAge: a message that reached the server (its IMAP INTERNALDATE)
	// longer ago than this gets no advice; it is recorded as too_old. This
	// keeps a first start on a mailbox with old mail in it from answering
	// all of it. Commands are obeyed whatever their age. If zero, no limit.
	MaxAge time.Duration
	// Lease is how long a sender holds an outbox row before another may
	// take it (a sender that died). If zero, 5 minutes.
	Lease time.Duration
	// RetryBase is the wait after the first temporary failure; it doubles
	// with each attempt up to RetryMax. If zero, 30 seconds; RetryMax 15
	// minutes.
	RetryBase, RetryMax time.Duration
	// GiveUpAfter is how long a reply keeps being retried before it is
	// marked failed. If zero, 72 hours.
	GiveUpAfter time.Duration
	// PollInterval is how often idle senders look at the outbox (they are
	// also woken at once when a reply is queued). If zero, 5 seconds.
	PollInterval time.Duration
	// SendTimeout bounds one SMTP send. If zero, 2 minutes.
	SendTimeout time.Duration
	// Planner plans the follow-ups (schedule). If nil, no follow-ups are
	// planned and reply commands are only recorded.
	Planner *schedule.Planner
	// Writer writes follow-ups, confirmations, help and revised letters
	// (the responder). If nil, as if Planner were nil.
	Writer Writer
	// DueEvery is the cron spec (robfig/cron/v3, e.g. "@every 1m" or
	// "*/5 * * * *") of the clock that looks for due follow-ups; the
	// follow-ups themselves live in the store. If nil, every minute.
	DueEvery cron.Schedule
	// UnsubscribeURL, if set (https://...), is the one-click unsubscribe
	// URL put in follow-ups' List-Unsubscribe (RFC 8058) with the person
	// and a token signed with UnsubscribeKey; the daemon answers POST
	// /unsubscribe on HTTPAddr behind it. If empty, only the mailto: is
	// offered.
	UnsubscribeURL string
	UnsubscribeKey []byte

	// CopySelf sends each reply also to Address (an extra envelope
	// recipient; the headers are unchanged). When the copy comes back to
	// the mailbox, its reply is known to be sent; after a crash in the
	// middle of a send, Confirm looks for the copy before sending again,
	// so the reply does not go out twice.
	CopySelf bool
	// Confirm reports whether the copy of the message with this Message-ID
	// is in our mailbox (mailbox.Find). It is asked before a reply that
	// was already tried is sent again. If nil, such a reply is sent again
	// without asking (a crash in the middle of a send may then send it
	// twice).
	Confirm func(ctx context.Context, messageID string) (bool, error)
	// CopyWait is how long, after an unclean stop, a reply that was being
	// sent waits for its copy to arrive before Confirm is asked. If zero,
	// 15 seconds. Used only with Confirm.
	CopyWait time.Duration

	// HealthIMAPDown: /healthz fails once the Source (a mailbox Watcher,
	// which reports DisconnectedSince) has been without a connection to
	// the IMAP server for longer than this. If zero, 5 minutes.
	HealthIMAPDown time.Duration
	// HealthOutboxStuck: /healthz fails when a message queued longer ago
	// than this is still not sent (senders stopped, SMTP refusing for a
	// while). If zero, 30 minutes.
	HealthOutboxStuck time.Duration

	// Erase removes the messages with these Message-IDs from the
	// assistant's mailbox (mailbox.Erase over the watched folder, the
	// processed folder and where the copies of replies land). After a
	// FORGET, the person's own messages and our copies of the replies to
	// them are erased with it, from a list kept in the store until the
	// mailbox has done it (retried every EraseEvery). If nil, they stay
	// in the mailbox.
	Erase func(ctx context.Context, messageIDs []string) error
	// EraseEvery is how often the list of mail to erase is looked at (also
	// at once after a FORGET). If zero, 1 minute.
	EraseEvery time.Duration

	// HealthCheckEvery is how often the store's file is checked for
	// damage (SQLite's quick check, which reads every page, over a
	// connection of its own); /healthz fails while the last check failed.
	// If zero, 10 minutes.
	HealthCheckEvery time.Duration

	// Instance names this instance on /healthz and the status page, for
	// several instances sharing one store. If "", they name none.
	Instance string
	// Watching reports whether this instance watches the mailbox now, for
	// several instances sharing one store (Turns.Watching). If nil, it
	// does: it is the only one.
	Watching func() (bool, time.Time)

	// HTTPAddr is where the status page (/), /metrics and /healthz are
	// served. If empty, nowhere.
	HTTPAddr string
	// StatusToken lets any client see the status page ("/" and
	// "/status.json" on HTTPAddr) that shows it, as "Authorization:
	// Bearer TOKEN" or "?token=TOKEN". If empty, only clients on the
	// loopback interface see it (never a request a proxy forwarded).
	StatusToken string
	// HTTPTimeout bounds how long a client may take to send a request
	// (headers and body) and to read the answer. If zero, 15 seconds.
	HTTPTimeout time.Duration
	// HTTPIdleTimeout closes a kept-alive connection with no request. If
	// zero, 60 seconds.
	HTTPIdleTimeout time.Duration
	// Registry receives the metrics. If nil, a new registry is made (see
	// Daemon.Registry).
	Registry *prometheus.Registry
	// LogKey keys the hash that names people in the log: at info level
	// and above a person is "person=p:1a2b3c4d5e6f" (HMAC-SHA256 of the
	// lower-case address), never their address, so a log kept after a
	// FORGET does not keep them. If nil, a random key is made at Open: a
	// person then has the same name within one run only.
	LogKey []byte
	// Logger gets the daemon's log. If nil, slog.Default().
	Logger *slog.Logger
	// Now is the clock. If nil, time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() (Options, error) {
	if o.Store == nil {
		return o, errors.New("cannot start daemon: no store")
	}
	if o.Renderer == nil {
		return o, errors.New("cannot start daemon: no renderer")
	}
	if o.NewSender == nil {
		return o, errors.New("cannot start daemon: no SMTP sender")
	}
	o.Address = strings.ToLower(strings.TrimSpace(o.Address))
	if o.Address == "" || !strings.Contains(o.Address, "@") {
		return o, fmt.Errorf("cannot start daemon: our own address %q is not an address", o.Address)
	}
	if o.Window == 0 {
		o.Window = DefaultWindow
	}
	if o.HourlyCap <= 0 {
		o.HourlyCap = DefaultHourlyCap
	}
	if o.PersonDailyCap <= 0 {
		o.PersonDailyCap = DefaultPersonDailyCap
	}
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.HealthIMAPDown <= 0 {
		o.HealthIMAPDown = DefaultHealthIMAPDown
	}
	if o.HealthOutboxStuck <= 0 {
		o.HealthOutboxStuck = DefaultHealthOutboxStuck
	}
	if o.HealthCheckEvery <= 0 {
		o.HealthCheckEvery = 10 * time.Minute
	}
	if o.EraseEvery <= 0 {
		o.EraseEvery = time.Minute
	}
	if o.DueEvery == nil {
		o.DueEvery = cron.Every(time.Minute)
	}
	if o.Writer == nil {
		o.Planner = nil
	}
	if o.UnsubscribeURL != "" && len(o.UnsubscribeKey) == 0 {
		return o, errors.New("cannot start daemon: an unsubscribe URL needs a key to sign its links")
	}
	if o.Registry == nil {
		o.Registry = prometheus.NewRegistry()
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if len(o.LogKey) == 0 {
		o.LogKey = make([]byte, 32)
		rand.Read(o.LogKey)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o, nil
}

// Daemon carries messages from the Source to the outbox and the outbox to
// SMTP.
type Daemon struct {
	o       Options
	log     *slog.Logger
	metrics *metrics
	own     map[string]bool
	screen  parser.Screen // o.Screen with all our addresses

	// hard is the context of work in flight (a store write, an SMTP send):
	// a graceful stop lets it finish; Abort cancels it.
	hard      context.Context
	hardStop  context.CancelFunc
	queue     *outbox.Queue // the senders
	eraseWake chan struct{} // a FORGET was recorded
	names     *namer        // names people in the log
	diskErr   atomic.Value  // the last CheckDisk's error, as a string; "" when it passed
	handleMu  sync.Mutex    // one message at a time through the safety rules
	capCount  int           // replies in the last hour as of capAt (guarded by handleMu)
	capAt     time.Time
	dueMu     sync.Mutex // one walk over the due follow-ups at a time
	recoverMu sync.Mutex
	recovered bool // Recover has run
	httpSrv   *http.Server
	httpLn    net.Listener
	httpDone  chan struct{}
	closeOnce sync.Once
}

// Open checks the options, registers the metrics and, if HTTPAddr is set,
// starts serving /metrics and /healthz (so a bad address fails here).
func Open(ctx context.Context, opts Options) (*Daemon, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	// Every address of ours, once: never answered (d.own, and the screen's
	// rule on own addresses), and the ones mail must name (RequireAddressed).
	d := &Daemon{o: o, own: map[string]bool{}, screen: o.Screen}
	d.screen.Addresses = nil
	for _, a := range append(append([]string{o.Address}, o.OtherAddresses...), o.Screen.Addresses...) {
		if a = strings.ToLower(strings.TrimSpace(a)); a != "" && !d.own[a] {
			d.own[a] = true
			d.screen.Addresses = append(d.screen.Addresses, a)
		}
	}
	d.names = &namer{key: o.LogKey, own: d.own}
	d.log = slog.New(personHandler{next: o.Logger.Handler(), n: d.names})
	d.hard, d.hardStop = context.WithCancel(context.Background())
	d.eraseWake = make(chan struct{}, 1)
	d.queue, err = outbox.New(outbox.Options{
		Store: o.Store, NewSender: o.NewSender, IsPermanent: o.IsPermanent, Senders: o.Senders,
		Lease: o.Lease, RetryBase: o.RetryBase, RetryMax: o.RetryMax, GiveUpAfter: o.GiveUpAfter,
		PollInterval: o.PollInterval, SendTimeout: o.SendTimeout, CopyTo: copyTo(o), Own: d.isOwn,
		Confirm: o.Confirm, CopyWait: o.CopyWait, Work: d.hard, Name: d.who, Logger: d.log, Now: o.Now,
		Sent: func(arrived, at time.Time) {
			d.metrics.sent.Inc()
			if !arrived.IsZero() {
				d.metrics.latency.Observe(at.Sub(arrived).Seconds())
			}
		},
		Failed: func(permanent bool) {
			d.metrics.failures.WithLabelValues(map[bool]string{true: "permanent", false: "temporary"}[permanent]).Inc()
		},
	})
	if err != nil {
		return nil, fmt.Errorf("cannot start daemon: %w", err)
	}
	d.metrics, err = newMetrics(o.Registry, o.Store)
	if err != nil {
		return nil, fmt.Errorf("cannot start daemon: %w", err)
	}
	if o.HTTPAddr != "" {
		if err := d.serveHTTP(ctx); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// Registry returns the registry holding the daemon's metrics.
func (d *Daemon) Registry() *prometheus.Registry { return d.o.Registry }

// HTTPAddr returns the address /metrics and /healthz are served on, or "".
func (d *Daemon) HTTPAddr() string {
	if d.httpLn == nil {
		return ""
	}
	return d.httpLn.Addr().String()
}

// Run works until ctx is done: the Source hands messages to Handle and the
// sender goroutines work the outbox. When ctx is done it stops taking new
// work, lets the message and the sends in flight finish (Abort cuts them
// short), and returns. It returns the Source's error if the Source stops
// for another reason.
func (d *Daemon) Run(ctx context.Context) error {
	if d.o.Source == nil {
		return errors.New("cannot run daemon: no message source")
	}
	if err := d.Recover(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // stopped while starting: nothing was taken, the next start recovers
		}
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		d.queue.Run(ctx)
	}()
	if d.o.Planner != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.dueLoop(ctx, d.o.DueEvery)
		}()
	}
	if d.o.Erase != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.eraseLoop(ctx)
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		d.checkLoop(ctx)
	}()
	d.log.Info("daemon running", "address", d.o.Address, "senders", d.queue.Senders(), "http", d.HTTPAddr(),
		"followups", d.o.Planner != nil, "copy_self", d.o.CopySelf)
	err := d.o.Source.Run(ctx, d.Handle)
	if ctx.Err() != nil {
		d.log.Info("stopping: taking no new work, finishing what is in flight")
	}
	if err != nil && ctx.Err() == nil {
		err = fmt.Errorf("message source stopped: %w", err)
		d.log.Error("message source stopped", "err", err)
	} else {
		err = nil
	}
	cancel()
	wg.Wait()
	d.log.Info("daemon stopped")
	return err
}

// Recover takes the store for this process and cleans up after an unclean
// stop (see store.SQLite.Recover), once; Run and RunSenders call it. A
// store another jobback process holds gives an error wrapping
// store.ErrInUse.
func (d *Daemon) Recover(ctx context.Context) error {
	d.recoverMu.Lock()
	defer d.recoverMu.Unlock()
	if d.recovered {
		return nil
	}
	sent, released, err := d.queue.Recover(ctx)
	if err != nil {
		return err
	}
	if sent > 0 || released > 0 {
		d.log.Info("recovered after an unclean stop", "marked_sent", sent, "released", released)
	}
	d.recovered = true
	return nil
}

// RunSenders works only the outbox until ctx is done (no Source): for
// sending what a stopped daemon left queued.
func (d *Daemon) RunSenders(ctx context.Context) error {
	if err := d.Recover(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // stopped while starting: nothing was taken, the next start recovers
		}
		return err
	}
	d.queue.Run(ctx)
	return nil
}

// Abort cancels the work in flight: a store write or SMTP send under way
// fails. A message whose record was not committed is fetched again on the
// next start; a reply whose send was cut short is sent again. A Daemon
// cannot work after Abort: close it.
func (d *Daemon) Abort() { d.hardStop() }

// Close stops the HTTP server and releases what Open made. Call it after
// Run has returned. The store is the caller's to close.
func (d *Daemon) Close(ctx context.Context) error {
	var err error
	d.closeOnce.Do(func() {
		if d.httpSrv != nil {
			if e := d.httpSrv.Shutdown(ctx); e != nil {
				d.httpSrv.Close()
				err = fmt.Errorf("cannot stop HTTP server: %w", e)
			}
			<-d.httpDone
		}
		d.hardStop()
	})
	return err
}

// kick wakes every idle sender.
func (d *Daemon) kick() { d.queue.Kick() }

// copyTo is where the outbox copies replies: our own address, when
// CopySelf is on.
func copyTo(o Options) string {
	if o.CopySelf {
		return o.Address
	}
	return ""
}

// httpMaxBody is the most a request body may hold (a one-click
// unsubscribe sends "List-Unsubscribe=One-Click").
const httpMaxBody = 4 << 10

func (d *Daemon) serveHTTP(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", d.o.HTTPAddr)
	if err != nil {
		return fmt.Errorf("cannot serve metrics on %s: %w", d.o.HTTPAddr, err)
	}
	d.httpLn = ln
	// Slow and idle clients are cut off and bodies are bounded: nothing
	// served here needs more than a few hundred bytes from a client.
	timeout, idle := d.o.HTTPTimeout, d.o.HTTPIdleTimeout
	if timeout <= 0 {
		timeout = 15 * time.Second
	}
	if idle <= 0 {
		idle = 60 * time.Second
	}
	d.httpSrv = &http.Server{Handler: http.MaxBytesHandler(d.httpHandler(), httpMaxBody), ReadHeaderTimeout: timeout,
		ReadTimeout: timeout, WriteTimeout: timeout, IdleTimeout: idle, MaxHeaderBytes: 16 << 10}
	d.httpDone = make(chan struct{})
	go func() {
		defer close(d.httpDone)
		if err := d.httpSrv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			d.log.Error("HTTP server stopped", "err", err)
		}
	}()
	return nil
}

// who names a person in the log without their address: "p:" and the first
// 12 hex digits of HMAC-SHA256(LogKey, lower-case address). Use it for
// every log attribute that would hold a person's address.
func (d *Daemon) who(addr string) string { return d.names.who(addr) }
