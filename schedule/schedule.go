// Package schedule decides when jobback writes to a person again after its
// first advice: a nudge to send the letter, a nudge for one polite follow-up
// after they sent it, the backup-plan checklist after a "no" (or three weeks
// of silence), weekly check-ins while they search, and congratulations when
// they get their job back. It also decides what a reply command (SENT, YES,
// NO, SNOOZE, STOP, FORGET) cancels and what it plans instead, and whether a
// follow-up found due is still worth sending or is too old (stale).
//
// Everything here is a pure function of its arguments: the caller passes the
// time (an injected clock), the person's time zone and the follow-ups still
// pending; the package returns follow-ups to add (kind and due time in UTC)
// and kinds to cancel. It keeps no state and starts no goroutine. The
// follow-ups themselves live in the store, indexed by due time, and the
// daemon finds the due ones with a query; cron (robfig/cron/v3) is only a
// clock here: its Schedule.Next computes the weekly check-in's next time and
// nothing is ever run by it.
//
// Local time is applied only when planning: quiet hours (default 21:00 to
// 08:00 in the person's zone) move a due time to the next morning, and the
// check-in spec is read on the person's wall clock. Wall-clock times are
// turned into instants so that daylight-saving changes are safe: a local
// time that does not exist (spring forward) becomes the first instant after
// the gap, and one that happens twice (fall back) is used once: the first
// time it happens, or the second when planning from between the two.
package schedule

import (
	"errors"
	"fmt"
	"jobback/domain"
	"sort"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Plan is the follow-up plan, as configured. The zero value is the default
// plan; New checks it. Durations are elapsed time (48h across a
// daylight-saving change can end one hour off on the wall clock); the
// check-in spec and quiet hours are wall-clock times.
type Plan struct {
	// NudgeAfter is how long after the advice the nudge to send the letter
	// and ask for a meeting is due. If 0, 48h.
	NudgeAfter time.Duration
	// FollowUpAfterSent is how long after SENT, with no news, the nudge for
	// one polite follow-up is due. If 0, 7 days.
	FollowUpAfterSent time.Duration
	// ChecklistAfter is how long after the last news (the advice or a
	// command) the backup-plan checklist is due if nothing else was heard.
	// If 0, 21 days.
	ChecklistAfter time.Duration
	// CheckIn is the weekly check-in, a cron schedule (ParseCron) matched
	// against the person's wall clock. If nil, DefaultCheckIn (Mondays
	// 09:00). The first check-in is the first one after the send nudge is
	// due.
	CheckIn cron.Schedule
	// Quiet is the person's night in their zone: nothing is due in it; a
	// due time inside moves to its end the next morning. If nil,
	// DefaultQuiet (21:00 to 08:00). A Quiet whose start and end are equal
	// means no quiet hours.
	Quiet *Quiet
	// Staleness is how late a follow-up may still be sent (it fell due while
	// the daemon was down); older ones are dropped and recorded as stale.
	// If 0, 7 days.
	Staleness time.Duration
	// Snooze is how long SNOOZE without a duration pauses. If 0, 7 days.
	Snooze time.Duration
	// DefaultZone is the zone of a person whose offset is unknown. If nil,
	// UTC.
	DefaultZone *time.Location
}

// Defaults of Plan.
const (
	DefaultNudgeAfter        = 48 * time.Hour
	DefaultFollowUpAfterSent = 7 * 24 * time.Hour
	DefaultChecklistAfter    = 21 * 24 * time.Hour
	DefaultCheckIn           = "0 9 * * MON"
	DefaultStaleness         = 7 * 24 * time.Hour
	DefaultSnooze            = 7 * 24 * time.Hour
)

// DefaultQuiet is the night of Plan.Quiet when it is nil: 21:00 to 08:00.
var DefaultQuiet = Quiet{Start: 21 * 60, End: 8 * 60}

// Clock is a time of day on a wall clock, in minutes after midnight
// (0 to 1439).
type Clock int

// ParseClock reads "HH:MM" (24-hour, two digits each).
func ParseClock(s string) (Clock, error) {
	t, err := time.Parse("15:04", s)
	if err != nil || len(s) != 5 {
		return 0, fmt.Errorf("%q is not a time of day (HH:MM)", s)
	}
	return Clock(t.Hour()*60 + t.Minute()), nil
}

func (c Clock) valid() bool { return c >= 0 && c < 24*60 }

// String writes c as "HH:MM".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// Quiet is a night: from Start until End on the person's wall clock,
// across midnight when End is earlier than Start. Start == End means none.
type Quiet struct{ Start, End Clock }

// ParseQuiet reads quiet hours written "HH:MM-HH:MM" ("21:00-08:00").
func ParseQuiet(s string) (Quiet, error) {
	a, b, ok := strings.Cut(s, "-")
	start, err1 := ParseClock(strings.TrimSpace(a))
	end, err2 := ParseClock(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil {
		return Quiet{}, fmt.Errorf("%q is not HH:MM-HH:MM (like 21:00-08:00)", s)
	}
	return Quiet{Start: start, End: end}, nil
}

// String writes q as "HH:MM-HH:MM".
func (q Quiet) String() string { return q.Start.String() + "-" + q.End.String() }

// ParseCron reads a cron spec as the follow-ups use it: a standard
// five-field spec or a descriptor ("@every 1m"), robfig/cron/v3's
// ParseStandard, without a time zone (CRON_TZ= or TZ=): a check-in is
// read on each person's own wall clock.
func ParseCron(spec string) (cron.Schedule, error) {
	t := strings.TrimSpace(spec)
	if t == "" {
		return nil, errors.New(`must be set (a cron spec like "0 9 * * MON" or "@every 1m")`)
	}
	if strings.HasPrefix(t, "CRON_TZ=") || strings.HasPrefix(t, "TZ=") {
		return nil, fmt.Errorf("%q: no time zone in the spec (the person's zone is used)", spec)
	}
	s, err := cron.ParseStandard(t)
	if err != nil {
		return nil, fmt.Errorf("%q is not a cron spec: %w", spec, err)
	}
	return s, nil
}

// Planner is a checked Plan with its defaults filled in. It is immutable
// and safe for concurrent use.
type Planner struct {
	plan Plan
}

// New checks p, fills in its defaults and returns the Planner. Errors name
// the bad field and are permanent (a configuration error).
func New(p Plan) (*Planner, error) {
	def := func(d *time.Duration, v time.Duration, name string) error {
		if *d < 0 {
			return fmt.Errorf("schedule: %s is negative (%s)", name, *d)
		}
		if *d == 0 {
			*d = v
		}
		return nil
	}
	if err := errors.Join(
		def(&p.NudgeAfter, DefaultNudgeAfter, "nudge_after"),
		def(&p.FollowUpAfterSent, DefaultFollowUpAfterSent, "follow_up_after_sent"),
		def(&p.ChecklistAfter, DefaultChecklistAfter, "checklist_after"),
		def(&p.Staleness, DefaultStaleness, "staleness"),
		def(&p.Snooze, DefaultSnooze, "snooze"),
	); err != nil {
		return nil, err
	}
	if p.CheckIn == nil {
		sched, err := ParseCron(DefaultCheckIn)
		if err != nil {
			return nil, fmt.Errorf("schedule: the default check-in: %w", err)
		}
		p.CheckIn = sched
	}
	if p.Quiet == nil {
		q := DefaultQuiet
		p.Quiet = &q
	}
	if !p.Quiet.Start.valid() || !p.Quiet.End.valid() {
		return nil, fmt.Errorf("schedule: quiet hours %d-%d: not times of day (minutes after midnight, 0 to 1439)", p.Quiet.Start, p.Quiet.End)
	}
	if p.DefaultZone == nil {
		p.DefaultZone = time.UTC
	}
	return &Planner{plan: p}, nil
}

// Plan returns the plan in use, defaults filled in.
func (pl *Planner) Plan() Plan { return pl.plan }

// Zone returns the fixed zone of a UTC offset in seconds east of UTC, as a
// message's Date header carries it (date.Zone()).
func Zone(offsetSeconds int) *time.Location {
	sign := '+'
	if offsetSeconds < 0 {
		sign = '-'
	}
	a := abs(offsetSeconds)
	return time.FixedZone(fmt.Sprintf("UTC%c%02d%02d", sign, a/3600, a%3600/60), offsetSeconds)
}

// ZoneMinutes returns the fixed zone of an offset in minutes east of UTC,
// as the store keeps it (store.Case.TZOffset), or the plan's default zone
// when it is nil (unknown).
func (pl *Planner) ZoneMinutes(offsetMinutes *int) *time.Location {
	if offsetMinutes == nil {
		return pl.plan.DefaultZone
	}
	return Zone(*offsetMinutes * 60)
}

// ZoneOf returns the zone of a message's Date header, or the plan's default
// zone when the date is zero (missing or unreadable).
func (pl *Planner) ZoneOf(date time.Time) *time.Location {
	if date.IsZero() {
		return pl.plan.DefaultZone
	}
	_, off := date.Zone()
	return Zone(off)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Followup is one follow-up to add: its kind and due time (UTC).
type Followup struct {
	Kind  domain.Kind
	DueAt time.Time
}

// Pending is a follow-up already planned and not yet sent or cancelled.
type Pending struct {
	Kind  domain.Kind
	DueAt time.Time
}

// Change is what a state change does to a person's follow-ups. The caller
// applies it in one transaction: first cancel every pending follow-up of a
// kind in Cancel, then add Add; if Forget, delete every record of the
// person instead.
type Change struct {
	Cancel []domain.Kind
	Add    []Followup
	Forget bool
}

func (pl *Planner) zone(loc *time.Location) *time.Location {
	if loc == nil {
		return pl.plan.DefaultZone
	}
	return loc
}

// Advised plans the follow-ups of an advice reply queued at `at`: the send
// nudge after NudgeAfter, the first weekly check-in after that, and the
// checklist after ChecklistAfter of silence. A new advice restarts the plan:
// every pending follow-up of the earlier one is cancelled.
func (pl *Planner) Advised(at time.Time, loc *time.Location) Change {
	loc = pl.zone(loc)
	nudge := pl.Quiet(at.Add(pl.plan.NudgeAfter), loc)
	return Change{
		Cancel: append([]domain.Kind(nil), domain.FollowupKinds...),
		Add: []Followup{
			{domain.KindNudgeSend, nudge},
			{domain.KindCheckin, pl.NextCheckin(nudge, loc)},
			{domain.KindChecklist, pl.Quiet(at.Add(pl.plan.ChecklistAfter), loc)},
		},
	}
}

// Command decides what a reply command received at `at` does. pending is
// what is still planned for the person (SNOOZE moves it); snooze is
// SNOOZE's duration, 0 for the plan's default. An unknown command is an
// error and changes nothing.
func (pl *Planner) Command(cmd domain.Command, at time.Time, loc *time.Location, pending []Pending, snooze time.Duration) (Change, error) {
	loc = pl.zone(loc)
	switch cmd {
	case domain.CommandSent:
		// The letter is out: no more nudging to send it; one polite
		// follow-up if nothing is heard, and the silence clock restarts.
		return Change{
			Cancel: []domain.Kind{domain.KindNudgeSend, domain.KindNudgeFollowup, domain.KindChecklist},
			Add: []Followup{
				{domain.KindNudgeFollowup, pl.Quiet(at.Add(pl.plan.FollowUpAfterSent), loc)},
				{domain.KindChecklist, pl.Quiet(at.Add(pl.plan.ChecklistAfter), loc)},
			},
		}, nil
	case domain.CommandNo:
		// The backup plan now (or the next morning); check-ins go on.
		return Change{
			Cancel: []domain.Kind{domain.KindNudgeSend, domain.KindNudgeFollowup, domain.KindChecklist},
			Add:    []Followup{{domain.KindChecklist, pl.Quiet(at, loc)}},
		}, nil
	case domain.CommandYes:
		return Change{
			Cancel: append([]domain.Kind(nil), domain.FollowupKinds...),
			Add:    []Followup{{domain.KindCongrats, pl.Quiet(at, loc)}},
		}, nil
	case domain.CommandStop:
		return Change{Cancel: append([]domain.Kind(nil), domain.FollowupKinds...)}, nil
	case domain.CommandForget:
		return Change{Cancel: append([]domain.Kind(nil), domain.FollowupKinds...), Forget: true}, nil
	case domain.CommandSnooze:
		if snooze < 0 {
			return Change{}, fmt.Errorf("cannot snooze for a negative duration (%s)", snooze)
		}
		if snooze == 0 {
			snooze = pl.plan.Snooze
		}
		return pl.snooze(at, loc, pending, snooze), nil
	}
	return Change{}, fmt.Errorf("unknown command %q", cmd)
}

// snooze moves every pending follow-up by d (one that is already overdue
// counts from now), so nothing is due before at+d. A check-in goes to the
// first check-in time on or after its pushed time.
func (pl *Planner) snooze(at time.Time, loc *time.Location, pending []Pending, d time.Duration) Change {
	var c Change
	seen := map[domain.Kind]bool{}
	for _, p := range pending {
		if !seen[p.Kind] {
			seen[p.Kind] = true
			c.Cancel = append(c.Cancel, p.Kind)
		}
		from := p.DueAt
		if from.Before(at) {
			from = at
		}
		due := from.Add(d)
		if p.Kind == domain.KindCheckin {
			due = pl.NextCheckin(due.Add(-time.Nanosecond), loc)
		} else {
			due = pl.Quiet(due, loc)
		}
		c.Add = append(c.Add, Followup{p.Kind, due})
	}
	sort.SliceStable(c.Add, func(i, j int) bool { return c.Add[i].DueAt.Before(c.Add[j].DueAt) })
	return c
}

// Done decides what follows a follow-up that went out (or was dropped as
// stale) at `at`: a check-in plans the next one; the others plan nothing.
func (pl *Planner) Done(kind domain.Kind, at time.Time, loc *time.Location) Change {
	if kind != domain.KindCheckin {
		return Change{}
	}
	return Change{Add: []Followup{{domain.KindCheckin, pl.NextCheckin(at, loc)}}}
}

// NextCheckin returns the first check-in time strictly after t. The cron
// spec is matched against the person's wall clock (as if it had no
// daylight-saving changes) and the wall time found is turned into an
// instant with Instant: robfig/cron's own Next in a location skips a time
// that a spring-forward gap removes and can match a repeated fall-back hour
// twice, and neither is wanted here. A check-in time inside quiet hours
// (a spec such as "0 7 * * MON") is moved out of them by Quiet.
func (pl *Planner) NextCheckin(t time.Time, loc *time.Location) time.Time {
	loc = pl.zone(loc)
	w := wall(t, loc)
	for range 1000 {
		nw := pl.plan.CheckIn.Next(w)
		if nw.IsZero() {
			return time.Time{} // a spec that never matches (e.g. 30 February)
		}
		first, second := instants(nw, loc)
		switch {
		case first.After(t):
			return pl.Quiet(first, loc)
		case second.After(t):
			return pl.Quiet(second, loc)
		}
		w = nw
	}
	return time.Time{}
}

// Quiet returns t, or if t falls in the person's night (Plan.Quiet on
// their wall clock), the night's end the next morning. The result is
// in UTC.
func (pl *Planner) Quiet(t time.Time, loc *time.Location) time.Time {
	loc = pl.zone(loc)
	t = t.UTC()
	qs, qe := int(pl.plan.Quiet.Start), int(pl.plan.Quiet.End)
	if qs == qe {
		return t
	}
	lt := t.In(loc)
	m := lt.Hour()*60 + lt.Minute()
	var quiet, tomorrow bool
	if qs < qe { // e.g. 01:00-06:00: the night does not cross midnight
		quiet = m >= qs && m < qe
	} else { // e.g. 21:00-08:00
		quiet = m >= qs || m < qe
		tomorrow = m >= qs
	}
	if !quiet {
		return t
	}
	y, mo, d := lt.Date()
	if tomorrow {
		d++
	}
	first, second := instants(time.Date(y, mo, d, qe/60, qe%60, 0, 0, time.UTC), loc)
	switch {
	case !first.Before(t):
		return first
	case !second.Before(t):
		// t is in the second pass of a repeated hour and the first
		// night's end is already behind it.
		return second
	}
	return t
}

// Verdict is the decision on a follow-up when the clock looks at it.
type Verdict struct {
	Send  bool          // send it now
	Stale bool          // too late: drop it and record it as stale
	Late  time.Duration // how long after its due time now is (0 if not due)
	// Reason says why, in words for the log and the record.
	Reason string
}

// Due decides what to do with a follow-up due at `due` when the clock says
// now: nothing yet (not due), send it (due, possibly late because the
// daemon was down), or drop it as stale when it is more than staleness
// late. staleness <= 0 means never stale.
func Due(now, due time.Time, staleness time.Duration) Verdict {
	if due.After(now) {
		return Verdict{Reason: fmt.Sprintf("not due until %s", due.UTC().Format(time.RFC3339))}
	}
	late := now.Sub(due)
	if staleness > 0 && late > staleness {
		return Verdict{Stale: true, Late: late, Reason: fmt.Sprintf("stale: due %s, %s late (more than %s)",
			due.UTC().Format(time.RFC3339), late.Round(time.Second), staleness)}
	}
	if late == 0 {
		return Verdict{Send: true, Reason: "due now"}
	}
	return Verdict{Send: true, Late: late, Reason: fmt.Sprintf("due %s, sent %s late", due.UTC().Format(time.RFC3339), late.Round(time.Second))}
}

// Due is the package's Due with the plan's staleness.
func (pl *Planner) Due(now, due time.Time) Verdict { return Due(now, due, pl.plan.Staleness) }

// wall returns t's wall clock in loc as a UTC time (a clock with no
// daylight-saving changes).
func wall(t time.Time, loc *time.Location) time.Time {
	lt := t.In(loc)
	return time.Date(lt.Year(), lt.Month(), lt.Day(), lt.Hour(), lt.Minute(), lt.Second(), lt.Nanosecond(), time.UTC)
}

// Instant returns the instant (UTC) at which loc's wall clock shows w's
// fields (w's own zone is ignored). A wall time that does not exist (skipped
// by a spring-forward change) gives the first instant after the gap; one
// that happens twice (fall back) gives the first of the two.
func Instant(w time.Time, loc *time.Location) time.Time {
	first, _ := instants(time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.UTC), loc)
	return first
}

// instants returns the instants at which loc's wall clock shows wu (a wall
// time written in UTC): first and second differ only when the wall time
// happens twice. A wall time in a gap gives the end of the gap for both.
func instants(wu time.Time, loc *time.Location) (first, second time.Time) {
	// The offsets in use around wu: a transition changes between two.
	var offs []int
	for _, d := range []time.Duration{-24 * time.Hour, 0, 24 * time.Hour} {
		_, off := wu.Add(d).In(loc).Zone()
		if !containsInt(offs, off) {
			offs = append(offs, off)
		}
	}
	var valid []time.Time
	for _, off := range offs {
		inst := wu.Add(-time.Duration(off) * time.Second)
		if _, o := inst.In(loc).Zone(); o == off {
			valid = append(valid, inst.UTC())
		}
	}
	if len(valid) > 0 {
		sort.Slice(valid, func(i, j int) bool { return valid[i].Before(valid[j]) })
		return valid[0], valid[len(valid)-1]
	}
	// In a gap: each candidate lands on one side of the transition; the
	// transition itself is the first instant whose wall clock is past wu.
	var best time.Time
	for _, off := range offs {
		x := wu.Add(-time.Duration(off) * time.Second).In(loc)
		start, end := x.ZoneBounds()
		var c time.Time
		if wall(x, loc).After(wu) {
			c = start
		} else {
			c = end
		}
		if !c.IsZero() && (best.IsZero() || c.Before(best)) {
			best = c
		}
	}
	best = best.UTC()
	return best, best
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
