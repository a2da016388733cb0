// Package outbox sends what the store's outbox holds, in the shape of
// mox's queue: sender goroutines claim due rows with a lease, submit each
// over SMTP (RFC 5321) with a copy to our own address, record the outcome,
// retry temporary failures with backoff and give up on permanent ones (one
// rule: IsPermanent), and after an unclean stop look for a reply's copy
// before sending it again. The table itself is the store's.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"jobback/domain"
	"jobback/internal/backoff"
	"jobback/store"
)

// Store is what the queue needs of the store's outbox (store.SQLite).
type Store interface {
	Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]store.OutboxItem, error)
	MarkSent(ctx context.Context, id int64, at time.Time) error
	JournalSent(id int64, at time.Time) error
	MarkSentMany(ctx context.Context, ids []int64, at time.Time) error
	MarkRetry(ctx context.Context, id int64, next time.Time, lastErr string) error
	MarkFailed(ctx context.Context, id int64, at time.Time, lastErr string) error
	Recover(ctx context.Context, retryAt time.Time) (sent, released int, err error)
	EraseWAL(ctx context.Context)
}

// Sender delivers one message over SMTP (a Submitter). One Sender is used
// by one goroutine at a time.
type Sender interface {
	Send(ctx context.Context, from string, to []string, raw []byte) error
	Close() error
}

// Defaults of Options' zero values.
const (
	DefaultSenders      = 1
	DefaultLease        = 5 * time.Minute
	DefaultRetryBase    = 30 * time.Second
	DefaultRetryMax     = 15 * time.Minute
	DefaultGiveUpAfter  = 72 * time.Hour
	DefaultPollInterval = 5 * time.Second
	DefaultSendTimeout  = 2 * time.Minute
	DefaultCopyWait     = 15 * time.Second
)

// claimBatch is how many outbox rows a sender leases at once.
const claimBatch = 8

// Options configure a Queue. Store and NewSender are required.
type Options struct {
	Store Store
	// NewSender makes one SMTP sender; each sender goroutine makes its
	// own, and a new one after a failed send.
	NewSender func() (Sender, error)
	// IsPermanent tells a permanent send error (give up) from a temporary
	// one (retry). If nil, IsPermanent.
	IsPermanent func(error) bool
	// Senders is the number of sender goroutines. If zero, 1.
	Senders int
	// Lease is how long a sender holds a row before another may take it
	// (a sender that died). If zero, 5 minutes.
	Lease time.Duration
	// RetryBase is the wait after the first temporary failure; it doubles
	// with each attempt up to RetryMax. If zero, 30 seconds; RetryMax 15
	// minutes.
	RetryBase, RetryMax time.Duration
	// GiveUpAfter is how long a reply keeps being retried before it is
	// marked failed. If zero, 72 hours.
	GiveUpAfter time.Duration
	// PollInterval is how often idle senders look at the outbox (Kick wakes
	// them at once). If zero, 5 seconds.
	PollInterval time.Duration
	// SendTimeout bounds one SMTP send; it is at most half the lease. If
	// zero, 2 minutes.
	SendTimeout time.Duration
	// CopyTo, if set, is our own address: each reply also goes to it (an
	// extra envelope recipient; the headers are unchanged), except the
	// confirmation of a FORGET and a reply to one of our own addresses
	// (Own). When the copy comes back to the mailbox, its reply is known
	// to be sent. If "", no copies.
	CopyTo string
	// Own reports whether an address is ours. If nil, only CopyTo is.
	Own func(addr string) bool
	// Confirm reports whether the copy of the message with this Message-ID
	// is in our mailbox (mailbox.Find). It is asked, with CopyTo set,
	// before a reply that was tried before is sent again. If nil, such a
	// reply is sent again without asking.
	Confirm func(ctx context.Context, messageID string) (bool, error)
	// CopyWait is how long, after an unclean stop, a reply that was being
	// sent waits for its copy to arrive before Confirm is asked. If zero,
	// 15 seconds. Used only with Confirm and CopyTo.
	CopyWait time.Duration
	// Work is the context of work in flight (a claim, a send): when it is
	// done, they are cut short (the daemon's Abort). If nil, they are not.
	Work context.Context
	// Sent and Failed, if set, are told of each reply sent (with when the
	// message that caused it was noticed, zero if none) and each failed
	// send (permanent or not): the daemon's metrics.
	Sent   func(arrived, at time.Time)
	Failed func(permanent bool)
	// Name gives the name a person goes by in the log (never their
	// address). If nil, "".
	Name func(addr string) string
	// Logger gets the queue's log. If nil, slog.Default().
	Logger *slog.Logger
	// Now is the clock. If nil, time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() (Options, error) {
	if o.Store == nil {
		return o, errors.New("cannot start the outbox: no store")
	}
	if o.NewSender == nil {
		return o, errors.New("cannot start the outbox: no SMTP sender")
	}
	if o.IsPermanent == nil {
		o.IsPermanent = IsPermanent
	}
	if o.Senders <= 0 {
		o.Senders = DefaultSenders
	}
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	if o.RetryBase <= 0 {
		o.RetryBase = DefaultRetryBase
	}
	if o.RetryMax <= 0 {
		o.RetryMax = DefaultRetryMax
	}
	if o.RetryMax < o.RetryBase {
		o.RetryMax = o.RetryBase
	}
	if o.GiveUpAfter <= 0 {
		o.GiveUpAfter = DefaultGiveUpAfter
	}
	if o.PollInterval <= 0 {
		o.PollInterval = DefaultPollInterval
	}
	if o.SendTimeout <= 0 {
		o.SendTimeout = DefaultSendTimeout
	}
	if o.SendTimeout > o.Lease/2 {
		// A send must end well inside the lease, or another sender could
		// claim the row and send it again.
		o.SendTimeout = o.Lease / 2
	}
	if o.CopyWait <= 0 {
		o.CopyWait = DefaultCopyWait
	}
	if o.Work == nil {
		o.Work = context.Background()
	}
	if o.Own == nil {
		o.Own = func(addr string) bool { return o.CopyTo != "" && addr == o.CopyTo }
	}
	if o.Name == nil {
		o.Name = func(string) string { return "" }
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o, nil
}

// Queue works the outbox. Make it with New, run it with Run, wake it with
// Kick.
type Queue struct {
	o    Options
	log  *slog.Logger
	wake []chan struct{} // one per sender goroutine
}

// New checks the options.
func New(opts Options) (*Queue, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	q := &Queue{o: o, log: o.Logger}
	for range o.Senders {
		q.wake = append(q.wake, make(chan struct{}, 1))
	}
	return q, nil
}

// Senders returns the number of sender goroutines.
func (q *Queue) Senders() int { return len(q.wake) }

// Recover cleans up after an unclean stop (store.SQLite.Recover): what the
// sent journal says went out is marked sent, and the rows a crashed sender
// held are given back, due once their copies had time to arrive (CopyWait)
// when Confirm will be asked. It returns how many of each.
func (q *Queue) Recover(ctx context.Context) (sent, released int, err error) {
	var retryAt time.Time
	if q.o.Confirm != nil && q.o.CopyTo != "" {
		retryAt = q.o.Now().Add(q.o.CopyWait)
	}
	sent, released, err = q.o.Store.Recover(ctx, retryAt)
	if err != nil {
		return sent, released, fmt.Errorf("cannot recover the outbox: %w", err)
	}
	return sent, released, nil
}

// Run runs the sender goroutines until ctx is done; a send in progress is
// finished first (Options.Work cuts it short).
func (q *Queue) Run(ctx context.Context) {
	done := make(chan struct{}, len(q.wake))
	for i := range q.wake {
		go func() {
			defer func() { done <- struct{}{} }()
			q.sendLoop(ctx, i)
		}()
	}
	for range q.wake {
		<-done
	}
}

// Kick wakes every idle sender: something was queued.
func (q *Queue) Kick() {
	for _, ch := range q.wake {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// sendLoop is one sender goroutine: it claims due outbox rows and sends
// them, until ctx is done. A send in progress is finished first.
func (q *Queue) sendLoop(ctx context.Context, i int) {
	log := q.log.With("sender", i)
	var s Sender
	defer func() {
		if s != nil {
			s.Close()
		}
	}()
	timer := time.NewTimer(0)
	defer timer.Stop()
	failures := 0
	var sent []int64 // journalled, to be marked sent in one transaction
	defer q.markSent(&sent)
	for {
		if ctx.Err() != nil {
			return
		}
		items, err := q.o.Store.Claim(q.o.Work, q.o.Now().UTC(), q.o.Lease, claimBatch)
		if err != nil {
			failures++
			log.Error("cannot read the outbox", "err", err)
		} else {
			failures = 0
		}
		for j, it := range items {
			if ctx.Err() != nil {
				// Stopping: give back what was claimed but not tried.
				for _, rest := range items[j:] {
					q.release(rest)
				}
				q.markSent(&sent)
				return
			}
			// A row whose lease would run out before a send could finish
			// may already be another sender's: sending it would be a
			// second copy. Leave it; it is claimed again once free.
			if !it.LeaseUntil.IsZero() && it.LeaseUntil.Sub(q.o.Now()) < q.o.SendTimeout {
				log.Warn("lease too short to send safely; leaving the row to be claimed again", "outbox_id", it.ID)
				continue
			}
			s = q.sendOne(s, it, &sent)
		}
		q.markSent(&sent)
		if len(items) == claimBatch {
			continue // there may be more due
		}
		wait := q.o.PollInterval
		if failures > 0 {
			wait = backoff.Delay(time.Second, time.Minute, failures)
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return
		case <-q.wake[i]:
		case <-timer.C:
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
	}
}

// markSent marks the rows journalled by this sender sent, in one
// transaction, and empties the list.
func (q *Queue) markSent(ids *[]int64) {
	if len(*ids) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := q.o.Store.MarkSentMany(ctx, *ids, q.o.Now().UTC()); err != nil {
		q.log.Error("replies were sent but cannot be marked sent; the sent journal (SQLite) or, once their leases end, their copies (PostgreSQL) keep them from going out again", "err", err, "rows", len(*ids))
	}
	*ids = (*ids)[:0]
}

// sendOne sends one claimed row and records the outcome. It returns the
// sender to use next (nil after a failure, so the next send reconnects).
// A row sent is journalled at once and added to sent, for markSent.
func (q *Queue) sendOne(s Sender, it store.OutboxItem, sent *[]int64) Sender {
	log := q.log.With("outbox_id", it.ID, "message_id", it.MessageID, "person", q.o.Name(it.Recipient), "attempt", it.Attempts)
	copies := q.o.CopyTo != "" && it.Kind != domain.KindConfirmForget
	if it.Attempts > 1 && q.o.Confirm != nil && copies {
		// Tried before, with no outcome recorded (a crash or a lost
		// connection in the middle of a send) or a failure: if its copy
		// reached our mailbox, the server took it and it must not go
		// out again.
		if q.confirmed(it, log) {
			return s
		}
	}
	rcpt := []string{it.Recipient}
	if copies && !q.o.Own(it.Recipient) {
		rcpt = append(rcpt, q.o.CopyTo)
	}
	var err error
	if s == nil {
		s, err = q.o.NewSender()
		if err != nil {
			s = nil
		}
	}
	if err == nil {
		ctx, cancel := context.WithTimeout(q.o.Work, q.o.SendTimeout)
		err = s.Send(ctx, it.From, rcpt, it.Raw)
		cancel()
	}
	// Recording the outcome must not be cut short (Work): after a send
	// was accepted, marking it sent is what prevents a second copy.
	rctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	now := q.o.Now().UTC()
	if err == nil && it.Kind == domain.KindConfirmForget {
		// The confirmation of a FORGET: marked sent at once, which
		// erases its bytes, and then its old pages leave the WAL.
		if merr := q.o.Store.MarkSent(rctx, it.ID, now); merr != nil {
			log.Error("reply was sent but cannot be marked sent; it may go out twice", "err", merr)
		}
		q.o.Store.EraseWAL(rctx)
		q.sentOne(time.Time{}, now)
		log.Info("reply sent")
		return s
	}
	if err == nil {
		if jerr := q.o.Store.JournalSent(it.ID, now); jerr != nil {
			log.Warn("cannot write the sent journal; the reply is marked sent with its batch", "err", jerr)
		}
		*sent = append(*sent, it.ID)
		q.sentOne(it.ArrivedAt, now)
		log.Info("reply sent")
		return s
	}
	if s != nil {
		s.Close()
	}
	if q.o.IsPermanent(err) {
		q.failed(true)
		log.Error("reply refused for good; giving up", "err", err)
		if merr := q.o.Store.MarkFailed(rctx, it.ID, now, err.Error()); merr != nil {
			log.Error("cannot mark reply failed", "err", merr)
		}
		if it.Kind == domain.KindConfirmForget {
			q.o.Store.EraseWAL(rctx)
		}
		return nil
	}
	q.failed(false)
	if now.Sub(it.CreatedAt) >= q.o.GiveUpAfter {
		log.Error("reply could not be sent in time; giving up", "err", err, "since", it.CreatedAt)
		if merr := q.o.Store.MarkFailed(rctx, it.ID, now, "gave up: "+err.Error()); merr != nil {
			log.Error("cannot mark reply failed", "err", merr)
		}
		if it.Kind == domain.KindConfirmForget {
			q.o.Store.EraseWAL(rctx)
		}
		return nil
	}
	wait := backoff.Delay(q.o.RetryBase, q.o.RetryMax, it.Attempts)
	log.Warn("cannot send reply; will retry", "err", err, "in", wait)
	if merr := q.o.Store.MarkRetry(rctx, it.ID, now.Add(wait), err.Error()); merr != nil {
		log.Error("cannot reschedule reply", "err", merr)
	}
	return nil
}

func (q *Queue) sentOne(arrived, at time.Time) {
	if q.o.Sent != nil {
		q.o.Sent(arrived, at)
	}
}

func (q *Queue) failed(permanent bool) {
	if q.o.Failed != nil {
		q.o.Failed(permanent)
	}
}

// confirmed asks Confirm whether the row's copy is in our mailbox. Found:
// the row is marked sent and true returned. Not found: false (send it).
// Unknown (the mailbox cannot be asked): the row is retried later and true
// returned, so nothing is sent that may already be out.
func (q *Queue) confirmed(it store.OutboxItem, log *slog.Logger) bool {
	ctx, cancel := context.WithTimeout(q.o.Work, q.o.SendTimeout)
	found, err := q.o.Confirm(ctx, it.MessageID)
	cancel()
	rctx, rcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer rcancel()
	now := q.o.Now().UTC()
	switch {
	case err != nil:
		wait := backoff.Delay(q.o.RetryBase, q.o.RetryMax, it.Attempts)
		log.Warn("cannot tell whether an earlier try got out; asking again later", "err", err, "in", wait)
		if merr := q.o.Store.MarkRetry(rctx, it.ID, now.Add(wait), "cannot check the copy: "+err.Error()); merr != nil {
			log.Error("cannot reschedule reply", "err", merr)
		}
		return true
	case found:
		log.Info("an earlier try got out (its copy is in our mailbox); not sending it again")
		if merr := q.o.Store.MarkSent(rctx, it.ID, now); merr != nil {
			log.Error("cannot mark reply sent", "err", merr)
		}
		return true
	}
	return false
}

// release gives a claimed, untried row back at once.
func (q *Queue) release(it store.OutboxItem) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := q.o.Store.MarkRetry(ctx, it.ID, q.o.Now().UTC(), it.LastError); err != nil {
		q.log.Warn("cannot release outbox row; it will be taken when its lease ends", "outbox_id", it.ID, "err", err)
	}
}
