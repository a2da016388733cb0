package daemon

import (
	"context"
	"time"

	backoffpkg "jobback/internal/backoff"
	"jobback/mailbox"
)

// eraseSettle is how long after a FORGET its mail is left alone: the
// mailbox marks (or moves) the FORGET message itself once it is recorded,
// and must find it there.
const eraseSettle = 30 * time.Second

// eraseBatch is how many Message-IDs one Erase call is given.
const eraseBatch = 50

// eraseLoop erases from the mailbox the mail that FORGETs listed (see
// Options.Erase), every EraseEvery and after each FORGET, until ctx is
// done. What cannot be erased now stays listed and is tried again.
func (d *Daemon) eraseLoop(ctx context.Context) {
	me := d.o.Store
	timer := time.NewTimer(0)
	defer timer.Stop()
	failures := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-d.eraseWake:
			// after the FORGET message itself is marked
			if !sleepCtx(ctx, min(eraseSettle, d.o.EraseEvery)) {
				return
			}
		}
		n, err := d.eraseListed(ctx, me)
		wait := d.o.EraseEvery
		if err != nil && ctx.Err() == nil {
			failures++
			wait = min(backoffpkg.Delay(time.Second, d.o.EraseEvery, failures), d.o.EraseEvery)
			d.log.Warn("cannot erase forgotten people's mail from the mailbox; it stays listed and is tried again", "err", err, "in", wait)
		} else {
			failures = 0
			if n > 0 {
				d.log.Info("forgotten people's mail erased from the mailbox", "messages", n)
			}
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(wait)
	}
}

// eraseListed erases what is listed and settled, a batch at a time, and
// returns how many Message-IDs were done.
func (d *Daemon) eraseListed(ctx context.Context, me Erasure) (int, error) {
	done := 0
	for ctx.Err() == nil {
		ids, err := me.MailToErase(ctx, d.o.Now().UTC().Add(-eraseSettle), eraseBatch)
		if err != nil || len(ids) == 0 {
			return done, err
		}
		// A Message-ID that cannot be searched for (spaces, quotes: kept
		// as the message had it) would fail every batch it is in: it is
		// taken off the list, and said.
		var ok []string
		for _, id := range ids {
			if mailbox.CheckMessageID(id) == nil {
				ok = append(ok, id)
			}
		}
		if n := len(ids) - len(ok); n > 0 {
			d.log.Warn("forgotten mail with a Message-ID that cannot be searched for stays in the mailbox", "messages", n)
		}
		if len(ok) > 0 {
			if err := d.o.Erase(ctx, ok); err != nil {
				return done, err
			}
		}
		if err := me.MailErased(ctx, ids); err != nil {
			return done, err
		}
		done += len(ids)
		if len(ids) < eraseBatch {
			break
		}
	}
	return done, nil
}
