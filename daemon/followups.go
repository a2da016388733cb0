package daemon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"jobback/domain"
	"jobback/parser"
	"jobback/responder"
	"jobback/schedule"
	"jobback/store"
)

// Writer writes the messages that follow the first advice: scheduled
// follow-ups, confirmations of commands, help, and a revised letter after
// corrected facts (the responder).
type Writer interface {
	Followup(f responder.Followup) (*responder.Reply, error)
	Revised(m *parser.Message) (*responder.Reply, error)
}

// duePage is how many due follow-ups are read at a time.
const duePage = 500

// DueReport says what one walk over the due follow-ups did.
type DueReport struct {
	Queued    int // handed to the outbox
	Stale     int // dropped: too late
	Postponed int // fell due in the person's night: moved to the morning
	Skipped   int // handled meanwhile (a command cancelled it) or without a case
	Failed    int // could not be written or queued; left pending for the next walk
}

func (r DueReport) String() string {
	return fmt.Sprintf("%d queued, %d stale, %d postponed to the morning, %d skipped, %d failed",
		r.Queued, r.Stale, r.Postponed, r.Skipped, r.Failed)
}

// RunDue queues every follow-up due at asOf: each is written for its
// person (their facts, threaded to our last message) and turned into an
// outbox row in one transaction with its follow-up marked done, so a
// follow-up goes out once however often RunDue runs, across restarts. One
// that fell due more than the plan's staleness ago is dropped and recorded
// stale; one whose time falls in the person's night (the daemon was down
// and came back at 3 a.m. their time) is moved to the end of their quiet
// hours. The senders send what was queued.
//
// asOf is normally the clock's now; `jobback followups run-due --now`
// passes another time (after an outage, and in tests). The rows queued are
// due at the clock's now, so the senders take them at once.
func (d *Daemon) RunDue(ctx context.Context, asOf time.Time) (DueReport, error) {
	var rep DueReport
	if d.o.Planner == nil || d.o.Writer == nil {
		return rep, nil
	}
	d.dueMu.Lock()
	defer d.dueMu.Unlock()
	cur := store.FollowupCursor{}
	for {
		page, err := d.o.Store.DueFollowupsAfter(ctx, asOf, cur, duePage)
		if err != nil {
			return rep, err
		}
		if len(page) == 0 {
			break
		}
		cur = cur.Next(page)
		for _, f := range page {
			if ctx.Err() != nil {
				return rep, ctx.Err()
			}
			d.dueOne(ctx, f, asOf, &rep)
		}
		if rep.Queued > 0 {
			d.kick()
		}
		if len(page) < duePage {
			break
		}
	}
	if rep != (DueReport{}) {
		d.log.Info("follow-ups due", "as_of", asOf.UTC().Format(time.RFC3339), "queued", rep.Queued,
			"stale", rep.Stale, "postponed", rep.Postponed, "skipped", rep.Skipped, "failed", rep.Failed)
	}
	return rep, nil
}

func (d *Daemon) dueOne(ctx context.Context, f store.Followup, asOf time.Time, rep *DueReport) {
	pl := d.o.Planner
	log := d.log.With("followup_id", f.ID, "kind", f.Kind, "person", d.who(f.Person))
	c, err := d.o.Store.Case(ctx, f.Person)
	if errors.Is(err, store.ErrNotFound) {
		// A follow-up outliving its case cannot happen (FORGET deletes
		// both at once); drop it rather than write to nobody.
		d.o.Store.MarkFollowups(ctx, []int64{f.ID}, store.FollowupCancelled)
		rep.Skipped++
		return
	}
	if err != nil {
		log.Error("cannot read the case; the follow-up stays pending", "err", err)
		rep.Failed++
		return
	}
	zone := pl.ZoneMinutes(c.TZOffset)
	kind := f.Kind
	v := pl.Due(asOf, f.DueAt)
	if v.Stale {
		// Dropped and what follows planned at once; if another walk
		// (another instance sharing the store) took it first, it did both.
		err := d.o.Store.DropFollowup(ctx, d.o.Now().UTC(), f.ID, newFollowups(f.Person, pl.Done(kind, asOf, zone).Add))
		if errors.Is(err, store.ErrFollowupHandled) {
			rep.Skipped++
			return
		}
		if err != nil {
			log.Error("cannot drop a stale follow-up; it stays pending", "err", err)
			rep.Failed++
			return
		}
		log.Warn("follow-up dropped", "reason", v.Reason)
		d.metrics.followups.WithLabelValues("stale").Inc()
		rep.Stale++
		return
	}
	if !v.Send {
		return
	}
	if morning := pl.Quiet(asOf, zone); morning.After(asOf) {
		if err := d.o.Store.PostponeFollowup(ctx, f.ID, morning); err != nil {
			log.Error("cannot postpone a follow-up", "err", err)
			rep.Failed++
			return
		}
		log.Info("follow-up fell due in the person's night; postponed", "until", morning.Format(time.RFC3339))
		rep.Postponed++
		return
	}
	var facts parser.Facts
	if len(c.Facts) > 0 {
		if err := json.Unmarshal(c.Facts, &facts); err != nil {
			log.Warn("cannot read the case's facts; writing without them", "err", err)
		}
	}
	req := responder.Followup{
		Kind:           f.Kind,
		To:             f.Person,
		Facts:          facts,
		Subject:        c.Subject,
		ParentID:       c.LastReplyID,
		Zone:           zone,
		UnsubscribeURL: d.unsubscribeURL(f.Person),
	}
	if c.ThreadRoot != "" && c.ThreadRoot != c.LastReplyID {
		req.ParentRefs = []string{c.ThreadRoot}
	}
	reply, err := d.safeFollowup(req)
	if err != nil {
		log.Error("cannot write the follow-up; it stays pending", "err", err)
		rep.Failed++
		return
	}
	next := pl.Done(kind, asOf, zone)
	_, err = d.o.Store.QueueFollowup(ctx, d.o.Now().UTC(), f.ID, store.NewOutbox{
		Kind: f.Kind, MessageID: reply.MessageID, From: d.o.Address, Recipient: reply.To, Raw: reply.Raw,
		Person: f.Person,
	}, newFollowups(f.Person, next.Add))
	if errors.Is(err, store.ErrFollowupHandled) {
		rep.Skipped++
		return
	}
	if err != nil {
		log.Error("cannot queue the follow-up; it stays pending", "err", err)
		rep.Failed++
		return
	}
	attrs := []any{"due", f.DueAt.Format(time.RFC3339), "message_id", reply.MessageID}
	if v.Late > time.Minute {
		attrs = append(attrs, "late", v.Late.Round(time.Second).String())
	}
	log.Info("follow-up queued", attrs...)
	d.metrics.followups.WithLabelValues("queued").Inc()
	rep.Queued++
}

// dueLoop walks the due follow-ups at start (catching up on what fell due
// while the daemon was down) and then at every tick of the cron spec, until
// ctx is done.
func (d *Daemon) dueLoop(ctx context.Context, spec cron.Schedule) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		if _, err := d.RunDue(ctx, d.o.Now()); err != nil && ctx.Err() == nil {
			d.log.Error("cannot walk the due follow-ups; trying again at the next tick", "err", err)
		}
		now := d.o.Now()
		next := spec.Next(now)
		if next.IsZero() || !next.After(now) {
			next = now.Add(time.Minute)
		}
		timer.Reset(next.Sub(now))
	}
}

// command obeys a reply command: it changes the case and plans or cancels
// follow-ups in the message's own transaction, and queues a confirmation
// where one is due (once: a repeated STOP or SENT is not confirmed again).
func (d *Daemon) command(ctx context.Context, rec *store.Record, msg *parser.Message, old *store.Case, now time.Time) error {
	in := &rec.Inbound
	cu := rec.Case
	cmd := msg.Facts.Command
	in.Decision = domain.DecisionCommand
	in.Reason = strings.ToUpper(string(cmd))
	pl := d.o.Planner
	if pl == nil || d.o.Writer == nil {
		return nil // follow-ups are off: recorded only
	}
	if old == nil {
		// Someone who never wrote before. Nothing to stop or forget (but
		// forgetting still erases the address of anything they sent);
		// any other command gets the help reply.
		switch cmd {
		case domain.CommandForget:
			rec.Forget = true
		case domain.CommandStop:
		default:
			return d.help(ctx, rec, msg, nil, now)
		}
		return nil
	}
	tz := cu.TZOffset
	if tz == nil {
		tz = old.TZOffset
	}
	zone := pl.ZoneMinutes(tz)
	// The same answer twice changes nothing and is not confirmed twice.
	state := map[domain.Command]domain.State{domain.CommandSent: domain.StateSent, domain.CommandYes: domain.StateYes,
		domain.CommandNo: domain.StateNo, domain.CommandStop: domain.StateStopped}[cmd]
	if state != "" && old.State == state {
		in.Reason += " (again: nothing changes)"
		return nil
	}
	var pending []schedule.Pending
	if cmd == domain.CommandSnooze {
		fs, err := d.o.Store.PendingFollowups(ctx, old.Person)
		if err != nil {
			return err
		}
		for _, f := range fs {
			pending = append(pending, schedule.Pending{Kind: f.Kind, DueAt: f.DueAt})
		}
	}
	change, err := pl.Command(cmd, now, zone, pending, time.Duration(msg.Facts.SnoozeDays)*24*time.Hour)
	if err != nil {
		in.Reason = err.Error()
		return nil
	}
	cu.State = state
	if change.Forget {
		rec.Forget = true
	} else {
		rp := &store.Replan{Add: newFollowups(old.Person, change.Add)}
		for _, k := range change.Cancel {
			rp.Cancel = append(rp.Cancel, string(k))
		}
		rec.Replan = rp
	}

	req := responder.Followup{To: old.Person, Subject: msg.Envelope.Subject, Zone: zone,
		ParentID: msg.Envelope.MessageID, ParentRefs: msg.Envelope.References}
	if len(old.Facts) > 0 {
		_ = json.Unmarshal(old.Facts, &req.Facts)
	}
	switch cmd {
	case domain.CommandStop:
		req.Kind = domain.KindConfirmStop
		rec.CancelHeld = true // an advice still waiting for the hourly cap goes too
	case domain.CommandForget:
		req.Kind = domain.KindConfirmForget
	case domain.CommandSent:
		req.Kind = domain.KindConfirmSent
		req.Next = dueOf(change.Add, domain.KindNudgeFollowup)
	case domain.CommandSnooze:
		req.Kind = domain.KindConfirmSnooze
		req.Until = now.Add(time.Duration(max(msg.Facts.SnoozeDays, 0)) * 24 * time.Hour)
		if msg.Facts.SnoozeDays == 0 {
			req.Until = now.Add(pl.Plan().Snooze)
		}
		if len(change.Add) > 0 {
			req.Until = change.Add[0].DueAt
		}
	default:
		return nil // YES and NO: their follow-up (congratulations, checklist) is the answer
	}
	if req.Kind != domain.KindConfirmForget {
		req.UnsubscribeURL = d.unsubscribeURL(old.Person)
	}
	return d.queueMessage(rec, req)
}

// help queues the short help reply (the commands, and how to correct a
// fact), at most once per window per person.
func (d *Daemon) help(ctx context.Context, rec *store.Record, msg *parser.Message, old *store.Case, now time.Time) error {
	in := &rec.Inbound
	if old != nil && !old.LastHelpAt.IsZero() && now.Sub(old.LastHelpAt) < d.o.Window {
		in.Decision = domain.DecisionWindow
		in.Reason = fmt.Sprintf("help sent %s ago (window %s)", now.Sub(old.LastHelpAt).Round(time.Second), d.o.Window)
		return nil
	}
	notBefore, capped, err := d.capped(ctx, time.Time{}, in, now)
	if err != nil || capped {
		return err
	}
	in.Decision = domain.DecisionHelp
	person := rec.Case.Person
	req := responder.Followup{Kind: domain.KindHelp, To: person, Subject: msg.Envelope.Subject,
		ParentID: msg.Envelope.MessageID, ParentRefs: msg.Envelope.References}
	if old != nil && len(old.Facts) > 0 {
		_ = json.Unmarshal(old.Facts, &req.Facts)
	}
	rec.Case.HelpAt = now
	if err := d.queueMessage(rec, req); err != nil {
		return err
	}
	if n := len(rec.Outbox); n > 0 {
		rec.Outbox[n-1].NotBefore = notBefore // waiting for the hourly cap, if it must
	}
	return nil
}

// queueMessage writes req and adds it to the record's outbox. A message
// that cannot be written is logged and the command still takes effect.
func (d *Daemon) queueMessage(rec *store.Record, req responder.Followup) error {
	reply, err := d.safeFollowup(req)
	if err != nil {
		d.log.Error("cannot write the confirmation; the command takes effect without it", "kind", req.Kind, "err", err)
		return nil
	}
	if reply.To == "" || d.isOwn(reply.To) {
		return nil
	}
	rec.Outbox = append(rec.Outbox, store.NewOutbox{
		Kind: req.Kind, MessageID: reply.MessageID, From: d.o.Address, Recipient: reply.To, Raw: reply.Raw,
	})
	return nil
}

// safeFollowup is Writer.Followup that turns a panic into an error.
func (d *Daemon) safeFollowup(f responder.Followup) (r *responder.Reply, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writer panic: %v", p)
		}
	}()
	r, err = d.o.Writer.Followup(f)
	if err == nil && r == nil {
		err = errors.New("writer returned no message")
	}
	return r, err
}

func newFollowups(person string, fs []schedule.Followup) []store.NewFollowup {
	out := make([]store.NewFollowup, 0, len(fs))
	for _, f := range fs {
		if f.DueAt.IsZero() {
			continue // a check-in spec that never matches
		}
		out = append(out, store.NewFollowup{Person: person, Kind: f.Kind, DueAt: f.DueAt})
	}
	return out
}

func dueOf(fs []schedule.Followup, k domain.Kind) time.Time {
	for _, f := range fs {
		if f.Kind == k {
			return f.DueAt
		}
	}
	return time.Time{}
}
