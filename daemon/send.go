package daemon

import (
	"context"
	"log/slog"
	"time"

	"jobback/domain"
	backoffpkg "jobback/internal/backoff"
	"jobback/store"
)

// claimBatch is how many outbox rows a sender leases at once.
const claimBatch = 8

// sendLoop is one sender goroutine: it claims due outbox rows and sends
// them, until ctx is done. A send in progress is finished first.
func (d *Daemon) sendLoop(ctx context.Context, i int) {
	log := d.log.With("sender", i)
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
	defer d.markSent(&sent)
	for {
		if ctx.Err() != nil {
			return
		}
		items, err := d.o.Store.Claim(d.hard, d.o.Now().UTC(), d.o.Lease, claimBatch)
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
					d.release(rest)
				}
				d.markSent(&sent)
				return
			}
			// A row whose lease would run out before a send could finish
			// may already be another sender's: sending it would be a
			// second copy. Leave it; it is claimed again once free.
			if !it.LeaseUntil.IsZero() && it.LeaseUntil.Sub(d.o.Now()) < d.o.SendTimeout {
				log.Warn("lease too short to send safely; leaving the row to be claimed again", "outbox_id", it.ID)
				continue
			}
			s = d.sendOne(s, it, &sent)
		}
		d.markSent(&sent)
		if len(items) == claimBatch {
			continue // there may be more due
		}
		wait := d.o.PollInterval
		if failures > 0 {
			wait = backoff(time.Second, time.Minute, failures)
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return
		case <-d.wake[i]:
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
func (d *Daemon) markSent(ids *[]int64) {
	if len(*ids) == 0 {
		return
	}
	bm := d.o.Store
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := bm.MarkSentMany(ctx, *ids, d.o.Now().UTC()); err != nil {
		d.log.Error("replies were sent but cannot be marked sent; the sent journal keeps them", "err", err, "rows", len(*ids))
	}
	*ids = (*ids)[:0]
}

// sendOne sends one claimed row and records the outcome. It returns the
// sender to use next (nil after a failure, so the next send reconnects).
// A row sent is journalled at once and added to sent, for markSent; with a
// store that cannot do that, it is marked sent at once.
func (d *Daemon) sendOne(s Sender, it store.OutboxItem, sent *[]int64) Sender {
	log := d.log.With("outbox_id", it.ID, "message_id", it.MessageID, "person", d.who(it.Recipient), "attempt", it.Attempts)
	if it.Attempts > 1 && d.o.Confirm != nil && d.o.CopySelf && it.Kind != domain.KindConfirmForget {
		// Tried before, with no outcome recorded (a crash or a lost
		// connection in the middle of a send) or a failure: if its copy
		// reached our mailbox, the server took it and it must not go
		// out again.
		if d.confirmed(it, log) {
			return s
		}
	}
	rcpt := []string{it.Recipient}
	if d.o.CopySelf && it.Kind != domain.KindConfirmForget && !d.isOwn(it.Recipient) {
		rcpt = append(rcpt, d.o.Address)
	}
	var err error
	if s == nil {
		s, err = d.o.NewSender()
		if err != nil {
			s = nil
		}
	}
	if err == nil {
		ctx, cancel := context.WithTimeout(d.hard, d.o.SendTimeout)
		err = s.Send(ctx, it.From, rcpt, it.Raw)
		cancel()
	}
	// Recording the outcome must not be cut short by Abort: after a send
	// was accepted, marking it sent is what prevents a second copy.
	rctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	now := d.o.Now().UTC()
	if err == nil && it.Kind == domain.KindConfirmForget {
		// The confirmation of a FORGET: marked sent at once, which
		// erases its bytes, and then its old pages leave the WAL.
		if merr := d.o.Store.MarkSent(rctx, it.ID, now); merr != nil {
			log.Error("reply was sent but cannot be marked sent; it may go out twice", "err", merr)
		}
		d.eraseWAL(rctx)
		d.metrics.sent.Inc()
		log.Info("reply sent")
		return s
	}
	if err == nil {
		if bm := d.o.Store; sent != nil {
			if jerr := bm.JournalSent(it.ID, now); jerr != nil {
				log.Warn("cannot write the sent journal; the reply is marked sent with its batch", "err", jerr)
			}
			*sent = append(*sent, it.ID)
		} else if merr := d.o.Store.MarkSent(rctx, it.ID, now); merr != nil {
			log.Error("reply was sent but cannot be marked sent; it may go out twice", "err", merr)
		}
		d.metrics.sent.Inc()
		if !it.ArrivedAt.IsZero() {
			d.metrics.latency.Observe(now.Sub(it.ArrivedAt).Seconds())
		}
		log.Info("reply sent")
		return s
	}
	if s != nil {
		s.Close()
	}
	if d.o.IsPermanent(err) {
		d.metrics.failures.WithLabelValues("permanent").Inc()
		log.Error("reply refused for good; giving up", "err", err)
		if merr := d.o.Store.MarkFailed(rctx, it.ID, now, err.Error()); merr != nil {
			log.Error("cannot mark reply failed", "err", merr)
		}
		if it.Kind == domain.KindConfirmForget {
			d.eraseWAL(rctx)
		}
		return nil
	}
	d.metrics.failures.WithLabelValues("temporary").Inc()
	if now.Sub(it.CreatedAt) >= d.o.GiveUpAfter {
		log.Error("reply could not be sent in time; giving up", "err", err, "since", it.CreatedAt)
		if merr := d.o.Store.MarkFailed(rctx, it.ID, now, "gave up: "+err.Error()); merr != nil {
			log.Error("cannot mark reply failed", "err", merr)
		}
		if it.Kind == domain.KindConfirmForget {
			d.eraseWAL(rctx)
		}
		return nil
	}
	wait := backoff(d.o.RetryBase, d.o.RetryMax, it.Attempts)
	log.Warn("cannot send reply; will retry", "err", err, "in", wait)
	if merr := d.o.Store.MarkRetry(rctx, it.ID, now.Add(wait), err.Error()); merr != nil {
		log.Error("cannot reschedule reply", "err", merr)
	}
	return nil
}

// confirmed asks Confirm whether the row's copy is in our mailbox. Found:
// the row is marked sent and true returned. Not found: false (send it).
// Unknown (the mailbox cannot be asked): the row is retried later and true
// returned, so nothing is sent that may already be out.
func (d *Daemon) confirmed(it store.OutboxItem, log *slog.Logger) bool {
	ctx, cancel := context.WithTimeout(d.hard, d.o.SendTimeout)
	found, err := d.o.Confirm(ctx, it.MessageID)
	cancel()
	rctx, rcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer rcancel()
	now := d.o.Now().UTC()
	switch {
	case err != nil:
		wait := backoff(d.o.RetryBase, d.o.RetryMax, it.Attempts)
		log.Warn("cannot tell whether an earlier try got out; asking again later", "err", err, "in", wait)
		if merr := d.o.Store.MarkRetry(rctx, it.ID, now.Add(wait), "cannot check the copy: "+err.Error()); merr != nil {
			log.Error("cannot reschedule reply", "err", merr)
		}
		return true
	case found:
		log.Info("an earlier try got out (its copy is in our mailbox); not sending it again")
		if merr := d.o.Store.MarkSent(rctx, it.ID, now); merr != nil {
			log.Error("cannot mark reply sent", "err", merr)
		}
		return true
	}
	return false
}

// release gives a claimed, untried row back at once.
func (d *Daemon) release(it store.OutboxItem) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := d.o.Store.MarkRetry(ctx, it.ID, d.o.Now().UTC(), it.LastError); err != nil {
		d.log.Warn("cannot release outbox row; it will be taken when its lease ends", "outbox_id", it.ID, "err", err)
	}
}

// backoff is the project's one rule for waiting before a retry
// (internal/backoff).
func backoff(base, max time.Duration, attempt int) time.Duration {
	return backoffpkg.Delay(base, max, attempt)
}

// sleepCtx waits for d or until ctx is done; it reports false if ctx is.
func sleepCtx(ctx context.Context, d time.Duration) bool { return backoffpkg.Sleep(ctx, d) }

// eraseWAL empties the store's WAL after the confirmation of a FORGET is
// done with, so that its bytes (the person's address, their words) leave
// the disk.
func (d *Daemon) eraseWAL(ctx context.Context) {
	d.o.Store.EraseWAL(ctx)
}
