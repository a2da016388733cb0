package daemon

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"jobback/domain"
	"jobback/mailbox"
	"jobback/parser"
	"jobback/responder"
	"jobback/store"
)

// Handle carries one message through: parse, the safety rules, the reply,
// and one store transaction. It returns nil once the message is durably
// recorded (or was already), so the mailbox may then mark it; an error means
// nothing was recorded and the message must be offered again.
//
// Work that has started is finished even if ctx is cancelled (a graceful
// stop); only Abort cuts it short.
func (d *Daemon) Handle(ctx context.Context, m *mailbox.Message) error {
	d.handleMu.Lock()
	defer d.handleMu.Unlock()
	// ctx's values, not its end: a graceful stop lets the message finish;
	// only Abort (d.hard) cuts it short.
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	defer context.AfterFunc(d.hard, cancel)()
	key := store.InboundKey{Mailbox: m.Mailbox, UIDValidity: m.UIDValidity, UID: m.UID}
	log := d.log.With("mailbox", m.Mailbox, "uidvalidity", m.UIDValidity, "uid", m.UID)

	if d.o.CopySelf && m.MessageID != "" {
		// A Message-ID of our outbox: the copy of one of our replies,
		// sent to ourselves, so its reply is out. It is not recorded
		// (nothing to answer) and the mailbox marks it like any other.
		// (One lookup by the outbox's Message-ID index per message.)
		found, err := d.o.Store.OutboxCopy(work, m.MessageID, d.o.Now().UTC())
		if err != nil {
			log.Error("cannot look up our own message; it will be offered again", "err", err)
			return err
		}
		if found {
			log.Debug("copy of our reply came back", "message_id", m.MessageID)
			d.metrics.messages.WithLabelValues(string(domain.DecisionCopy)).Inc()
			return nil
		}
	}

	dedup := dedupID(m)
	seen, err := d.o.Store.Seen(work, key, dedup)
	if err != nil {
		log.Error("cannot look message up; it will be offered again", "err", err)
		return err
	}
	if seen {
		log.Info("message already recorded; nothing to do", "message_id", dedup)
		d.metrics.messages.WithLabelValues("duplicate").Inc()
		if d.tooOld(m, d.o.Now()) {
			// Offered again (a restart, a new UIDVALIDITY) before the
			// position passed it: old mail stays unmarked all the same.
			return mailbox.ErrLeave
		}
		return nil
	}

	now := d.o.Now().UTC()
	arrived := m.Noticed
	if arrived.IsZero() {
		arrived = now
	}
	rec, err := d.decide(work, m, now, log)
	if err != nil {
		log.Error("cannot decide on message; it will be offered again", "err", err)
		return err
	}
	rec.Inbound.Key = key
	rec.Inbound.Size = m.Size
	rec.Inbound.ReceivedAt = arrived.UTC()
	if dedup != "" {
		// The key Seen looked for, so a second delivery is recognised.
		rec.Inbound.MessageID = dedup
	}
	rec.Now = now
	if len(rec.Outbox) > 0 {
		// The cap per person, on everything we send them: a loop with a
		// responder that does not mark itself stops here. What the message
		// asked is still done (the case, a STOP); only the reply is held.
		to := strings.ToLower(rec.Outbox[0].Recipient)
		n, err := d.o.Store.SentToSince(work, to, now.Add(-24*time.Hour))
		if err != nil {
			log.Error("cannot count what was sent to the person; the message will be offered again", "err", err)
			return err
		}
		if n+len(rec.Outbox) > d.o.PersonDailyCap {
			if rec.Inbound.Decision == domain.DecisionAnswered {
				// no advice went out: none is recorded, and no plan
				// follows it
				rec.Replan = nil
			}
			if rec.Case != nil {
				rec.Case.AdviceAt, rec.Case.HelpAt, rec.Case.State = time.Time{}, time.Time{}, ""
			}
			rec.Outbox = nil
			rec.Inbound.Decision = domain.DecisionCapped
			rec.Inbound.Reason = fmt.Sprintf("%d messages to this person in the last 24 h (cap %d)", n, d.o.PersonDailyCap)
		}
	}
	for i := range rec.Outbox {
		rec.Outbox[i].ArrivedAt = arrived.UTC()
	}

	if rec.Forget && d.o.Erase != nil {
		rec.EraseMail = true // their messages and our copies leave the mailbox too
	}
	res, err := d.o.Store.Record(work, rec)
	if errors.Is(err, store.ErrDuplicate) {
		log.Info("message already recorded; nothing to do", "message_id", rec.Inbound.MessageID)
		d.metrics.messages.WithLabelValues("duplicate").Inc()
		return nil
	}
	if err != nil {
		log.Error("cannot record message; it will be offered again", "err", err)
		return err
	}
	if res.EraseWaiting {
		log.Warn("a FORGET is recorded, but a reader of the store (a backup, a replicator) kept its old pages in the write-ahead log; they are erased at the next checkpoint")
	}
	d.counted(len(res.OutboxIDs))
	d.metrics.messages.WithLabelValues(string(rec.Inbound.Decision)).Inc()
	attrs := []any{"decision", rec.Inbound.Decision, "message_id", rec.Inbound.MessageID,
		"person", d.who(rec.Inbound.From), "inbound_id", res.InboundID}
	if rec.Inbound.Reason != "" {
		attrs = append(attrs, "reason", rec.Inbound.Reason)
	}
	if len(rec.Outbox) > 0 {
		attrs = append(attrs, "reply_message_id", rec.Outbox[0].MessageID)
	}
	level := slog.LevelInfo
	switch rec.Inbound.Decision {
	case domain.DecisionOversize, domain.DecisionCapped, domain.DecisionUnreadable:
		level = slog.LevelWarn
	}
	log.Log(work, level, "message recorded", attrs...)
	if len(res.OutboxIDs) > 0 {
		d.kick()
	}
	if rec.EraseMail {
		select {
		case d.eraseWake <- struct{}{}:
		default:
		}
	}
	if rec.Inbound.Decision == domain.DecisionTooOld {
		// Not ours to mark: old mail stays as it was in the mailbox (not
		// \Answered, not moved).
		return mailbox.ErrLeave
	}
	return nil
}

// decide applies the safety rules and renders the reply. It returns the
// record to write, without key, size and times. An error (the store could
// not be read) means no decision could be made.
func (d *Daemon) decide(ctx context.Context, m *mailbox.Message, now time.Time, log *slog.Logger) (store.Record, error) {
	var rec store.Record
	in := &rec.Inbound

	if m.FetchError != "" {
		in.Decision = domain.DecisionUnreadable
		in.Reason = "the IMAP server would not give the message: " + m.FetchError
		return rec, nil
	}
	if m.Oversize || m.Size > d.o.MaxSize || int64(len(m.Raw)) > d.o.MaxSize {
		in.Decision = domain.DecisionOversize
		in.Reason = fmt.Sprintf("%d bytes, over the limit of %d", max(m.Size, int64(len(m.Raw))), d.o.MaxSize)
		return rec, nil
	}
	msg, err := d.safeParse(m.Raw)
	if err != nil {
		in.Decision = domain.DecisionUnreadable
		in.Reason = "cannot parse: " + err.Error()
		return rec, nil
	}
	env := &msg.Envelope
	in.MessageID = env.MessageID
	in.From = strings.ToLower(env.FromAddress)
	in.Subject = env.Subject
	if log.Enabled(ctx, slog.LevelDebug) {
		facts, _ := json.Marshal(msg.Facts)
		log.Debug("message parsed", "person", d.who(in.From), "address", in.From, "facts", string(facts), "text", msg.Text)
	}

	d.screen.Apply(msg)
	if msg.Facts.Action == parser.ActionIgnore {
		in.Decision = domain.DecisionIgnored
		if env.IgnoreRule == parser.RuleOwn {
			in.Decision = domain.DecisionOwnAddress
		}
		in.Reason = env.IgnoreReason
		if env.IgnoreRule != "" {
			in.Reason = env.IgnoreRule + ": " + in.Reason
		}
		return rec, nil
	}
	// The person is their From, read strictly as one mailbox: a From that
	// is not one is recorded and left, never answered at an address read
	// leniently from it (nor at its Reply-To, which is followed only when
	// the From's domain vouches for it: parser.Screen.Apply).
	person := in.From
	if person == "" {
		in.Decision = domain.DecisionNoSender
		in.Reason = "no From address"
		if env.FromProblem != "" {
			in.Reason = env.FromProblem
		}
		return rec, nil
	}

	old, err := d.o.Store.Case(ctx, person)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return rec, err
	}
	cu := &store.CaseUpdate{Person: person, MessageAt: now}
	if !env.Date.IsZero() {
		_, off := env.Date.Zone()
		off /= 60
		cu.TZOffset = &off
	}
	rec.Case = cu

	if msg.Facts.Action == parser.ActionCommand {
		if err := d.command(ctx, &rec, msg, old, now); err != nil {
			return rec, err
		}
		switch {
		case !d.tooOld(m, now):
		case in.Decision == domain.DecisionHelp:
			// A word we would answer with the help note, days late: not
			// sent, nothing changed.
			rec.Case, rec.Outbox = nil, nil
			in.Decision = domain.DecisionTooOld
			in.Reason = d.tooOldReason(m, now) + " (a command word from someone not advised)"
		case len(rec.Outbox) > 0:
			// Obeyed (a STOP still stops), but a confirmation days late
			// would only confuse: none is sent.
			rec.Outbox = nil
			in.Reason += " (old message: obeyed, not confirmed)"
		}
		return rec, nil
	}
	if d.tooOld(m, now) {
		rec.Case = nil
		in.Decision = domain.DecisionTooOld
		in.Reason = d.tooOldReason(m, now)
		return rec, nil
	}

	// Advice. Keep what the person told us before and add what is new.
	facts := msg.Facts
	if old != nil && len(old.Facts) > 0 {
		var prev parser.Facts
		if err := json.Unmarshal(old.Facts, &prev); err == nil {
			facts = mergeFacts(prev, msg.Facts)
		}
	}
	if cu.Facts, err = json.Marshal(facts); err != nil {
		return rec, fmt.Errorf("cannot encode facts: %w", err)
	}

	// A reply from someone already advised that gives facts as Key: lines
	// corrects them: a revised letter, even inside the window.
	advised := old != nil && !old.LastAdviceAt.IsZero()
	// Only when a fact actually changed: an auto-responder that quotes
	// "Name: / Company:" lines back would otherwise get a revised letter
	// every time (issue 15, finding 1).
	changed := old == nil || !bytes.Equal(old.Facts, cu.Facts)
	revised := advised && len(msg.Keys) > 0 && d.o.Writer != nil && changed
	if advised && len(msg.Keys) > 0 && !changed && now.Sub(old.LastAdviceAt) < d.o.Window {
		in.Decision = domain.DecisionWindow
		in.Reason = "corrections that change no fact: " + strings.Join(msg.Keys, ", ")
		return rec, nil
	}
	if advised && !revised && d.o.Planner != nil && unknownWords(msg, old) {
		// Words that are neither a command nor a new story: say what
		// they can reply.
		return rec, d.help(ctx, &rec, msg, old, now)
	}
	if advised && !revised && now.Sub(old.LastAdviceAt) < d.o.Window {
		in.Decision = domain.DecisionWindow
		in.Reason = fmt.Sprintf("advised %s ago (window %s)", now.Sub(old.LastAdviceAt).Round(time.Second), d.o.Window)
		return rec, nil
	}
	// The hourly cap: a reply beyond it waits for room (within the age
	// limit) instead of being dropped.
	notBefore, capped, err := d.capped(ctx, m.InternalDate, in, now)
	if err != nil || capped {
		return rec, err
	}

	merged := *msg
	merged.Facts = facts
	var reply *responder.Reply
	if revised {
		reply, err = d.safeRevised(&merged)
	} else {
		reply, err = d.safeReply(d.o.Renderer, &merged)
	}
	if err != nil {
		in.Decision = domain.DecisionUnreadable
		in.Reason = "cannot write a reply: " + err.Error()
		return rec, nil
	}
	if reply.To == "" || d.isOwn(reply.To) {
		in.Decision = domain.DecisionOwnAddress
		in.Reason = fmt.Sprintf("the reply would go to %q", reply.To)
		return rec, nil
	}
	in.Decision = domain.DecisionAnswered
	in.Reason = env.AnswerWhy
	if notBefore.After(now) {
		in.Reason = strings.TrimPrefix(in.Reason+"; ", "; ") + fmt.Sprintf("held back by the hourly cap (%d) until %s", d.o.HourlyCap, notBefore.Format(time.RFC3339))
	}
	cu.State = domain.StateAdvised
	cu.AdviceAt = now
	kind := domain.KindAdvice
	if revised {
		kind = domain.KindRevised
		in.Reason = "corrected " + strings.Join(msg.Keys, ", ")
	}
	if !revised || old.ThreadRoot == "" {
		cu.Subject, cu.ThreadRoot = env.Subject, env.MessageID
	}
	if d.o.Planner != nil {
		// A new advice (or letter) starts the plan again.
		// (from when the advice goes out, if it waits for the cap)
		from := now
		if notBefore.After(now) {
			from = notBefore
		}
		ch := d.o.Planner.Advised(from, d.o.Planner.ZoneMinutes(tzOf(cu, old)))
		rp := &store.Replan{Add: newFollowups(person, ch.Add)}
		for _, k := range ch.Cancel {
			rp.Cancel = append(rp.Cancel, string(k))
		}
		rec.Replan = rp
	}
	rec.Outbox = []store.NewOutbox{{
		Kind:      kind,
		MessageID: reply.MessageID,
		From:      d.o.Address,
		Recipient: reply.To,
		Raw:       reply.Raw,
		NotBefore: notBefore,
	}}
	return rec, nil
}

// capRefresh is how long the count of replies in the last hour is trusted
// before the store is asked again.
const capRefresh = 10 * time.Second

// repliesLastHour is the number of replies to inbound mail queued in the
// hour before now, for the hourly cap. Counting them in the store for every
// message costs a scan of the last hour's rows, so the count is kept here
// (Handle runs one message at a time, and it alone queues such replies)
// and read again from the store every capRefresh. It may run a few seconds
// behind as rows age out, which only errs on the side of fewer replies.
func (d *Daemon) repliesLastHour(ctx context.Context, now time.Time) (int, error) {
	if d.capAt.IsZero() || now.Sub(d.capAt) >= capRefresh || now.Before(d.capAt) {
		n, err := d.o.Store.RepliesSince(ctx, now.Add(-time.Hour))
		if err != nil {
			return 0, err
		}
		d.capCount, d.capAt = n, now
	}
	return d.capCount, nil
}

// capWait is how long a reply may wait for room under the hourly cap when
// there is no age limit (Options.MaxAge zero).
const capWait = 7 * 24 * time.Hour

// capped applies the hourly cap. With room, it returns a zero time. When
// the last hour is full, the reply waits: it returns when there will be
// room (store.ReplyRoom), unless that is later than the age limit allows
// (MaxAge after arrived, when the message reached the mailbox; zero: now);
// then the message is
// capped, its decision recorded on in, and true returned.
func (d *Daemon) capped(ctx context.Context, arrived time.Time, in *store.Inbound, now time.Time) (time.Time, bool, error) {
	n, err := d.repliesLastHour(ctx, now)
	if err != nil {
		return time.Time{}, false, err
	}
	if n < d.o.HourlyCap {
		return time.Time{}, false, nil
	}
	room, err := d.o.Store.ReplyRoom(ctx, now, d.o.HourlyCap)
	if err != nil {
		return time.Time{}, false, err
	}
	if !room.After(now) {
		return time.Time{}, false, nil
	}
	if arrived.IsZero() || arrived.After(now) {
		arrived = now
	}
	limit := arrived.Add(capWait)
	if d.o.MaxAge > 0 {
		limit = arrived.Add(d.o.MaxAge)
	}
	if room.After(limit) {
		in.Decision = domain.DecisionCapped
		in.Reason = fmt.Sprintf("%d replies in the last hour (cap %d), and room only at %s, past the age limit",
			n, d.o.HourlyCap, room.Format(time.RFC3339))
		return time.Time{}, true, nil
	}
	return room, false, nil
}

// counted adds replies just queued to the hourly count.
func (d *Daemon) counted(n int) {
	if !d.capAt.IsZero() {
		d.capCount += n
	}
}

// safeParse is parser.Parse that turns a panic into an error: one message
// the parser chokes on must not stop the daemon.
func (d *Daemon) safeParse(raw []byte) (msg *parser.Message, err error) {
	defer func() {
		if r := recover(); r != nil {
			d.log.Error("the parser panicked; the message is recorded as unreadable", "panic", r, "stack", string(debug.Stack()))
			msg, err = nil, fmt.Errorf("parser panic: %v", r)
		}
	}()
	return parser.Parse(raw)
}

// safeReply is Renderer.Reply that turns a panic into an error.
func (d *Daemon) safeReply(r Renderer, m *parser.Message) (reply *responder.Reply, err error) {
	defer func() {
		if p := recover(); p != nil {
			d.log.Error("the renderer panicked; the message is recorded as unreadable", "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("renderer panic: %v", p)
		}
	}()
	return r.Reply(m)
}

// safeRevised is Writer.Revised that turns a panic into an error.
func (d *Daemon) safeRevised(m *parser.Message) (reply *responder.Reply, err error) {
	defer func() {
		if p := recover(); p != nil {
			d.log.Error("the writer panicked; the message is recorded as unreadable", "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("writer panic: %v", p)
		}
	}()
	return d.o.Writer.Revised(m)
}

// unknownWords reports whether a message is a short reply that is neither
// a command nor a story: no facts and no Key: lines ("ok thanks", "what
// now?"). A situation is not news when it is the case's own (a reply's
// subject, "Re: I was fired", says it again).
func unknownWords(m *parser.Message, old *store.Case) bool {
	f := &m.Facts
	known := parser.SituationUnknown
	if old != nil && len(old.Facts) > 0 {
		var prev parser.Facts
		if json.Unmarshal(old.Facts, &prev) == nil {
			known = prev.Situation
		}
	}
	return m.Words <= 45 && len(m.Keys) == 0 && f.Action == parser.ActionAdvise &&
		(f.Situation == "" || f.Situation == parser.SituationUnknown || f.Situation == known) &&
		f.BossName == "" && f.Company == "" && f.Role == "" && f.LeftAgoDays == nil &&
		len(f.WrongfulSignals) == 0
}

// tzOf is the person's UTC offset in minutes: this message's, else the
// case's; nil when neither is known.
func tzOf(cu *store.CaseUpdate, old *store.Case) *int {
	if cu != nil && cu.TZOffset != nil {
		return cu.TZOffset
	}
	if old != nil {
		return old.TZOffset
	}
	return nil
}

// dedupID is the key that recognises a message handed over again under
// another UID (after a UIDVALIDITY change, or copied to the folder again):
// its Message-ID, or for a message without one a hash of its bytes.
// tooOld reports whether m reached the mailbox longer ago than MaxAge.
func (d *Daemon) tooOld(m *mailbox.Message, now time.Time) bool {
	return d.o.MaxAge > 0 && !m.InternalDate.IsZero() && now.Sub(m.InternalDate) > d.o.MaxAge
}

// tooOldReason is the recorded reason of a too_old decision.
func (d *Daemon) tooOldReason(m *mailbox.Message, now time.Time) string {
	return fmt.Sprintf("arrived %s ago, over the age limit of %s", now.Sub(m.InternalDate).Round(time.Minute), d.o.MaxAge)
}

func dedupID(m *mailbox.Message) string {
	if m.MessageID != "" {
		return m.MessageID
	}
	if len(m.Raw) == 0 {
		return ""
	}
	sum := sha256.Sum256(m.Raw)
	return "sha256:" + hex.EncodeToString(sum[:16])
}

func (d *Daemon) isOwn(addr string) bool {
	a := strings.ToLower(strings.TrimSpace(addr))
	return a != "" && d.own[a]
}

// mergeFacts keeps what was known and takes what the new message adds or
// changes. The action and command are always the new message's.
func mergeFacts(prev, cur parser.Facts) parser.Facts {
	out := prev
	out.Action, out.Command, out.SnoozeDays = cur.Action, cur.Command, cur.SnoozeDays
	if cur.Situation != "" && cur.Situation != parser.SituationUnknown {
		out.Situation = cur.Situation
	}
	if cur.Terms != "" && cur.Terms != parser.TermsUnknown {
		out.Terms = cur.Terms
	}
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&out.SenderName, cur.SenderName}, {&out.BossName, cur.BossName}, {&out.BossEmail, cur.BossEmail},
		{&out.Company, cur.Company}, {&out.Role, cur.Role}, {&out.Reason, cur.Reason},
	} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
	if cur.LeftAgoDays != nil {
		out.LeftAgoDays = cur.LeftAgoDays
	}
	if cur.TenureYears != nil {
		out.TenureYears = cur.TenureYears
	}
	if cur.PositionFilled != nil {
		out.PositionFilled = cur.PositionFilled
	}
	if len(cur.WrongfulSignals) > 0 {
		seen := map[parser.Signal]bool{}
		var all []parser.Signal
		for _, s := range append(append([]parser.Signal(nil), prev.WrongfulSignals...), cur.WrongfulSignals...) {
			if !seen[s] {
				seen[s] = true
				all = append(all, s)
			}
		}
		out.WrongfulSignals = all
	}
	if len(cur.Accomplishments) > 0 {
		seen := map[string]bool{}
		var all []string
		for _, s := range append(append([]string(nil), prev.Accomplishments...), cur.Accomplishments...) {
			if !seen[s] {
				seen[s] = true
				all = append(all, s)
			}
		}
		out.Accomplishments = all
	}
	return out
}
