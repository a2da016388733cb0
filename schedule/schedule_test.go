package schedule_test

import (
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // America/New_York without system zoneinfo

	"github.com/robfig/cron/v3"

	"jobback/domain"
	"jobback/schedule"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func planner(t *testing.T, p schedule.Plan) *schedule.Planner {
	t.Helper()
	pl, err := schedule.New(p)
	if err != nil {
		t.Fatal(err)
	}
	return pl
}

// cronSpec is spec parsed by ParseCron.
func cronSpec(t *testing.T, spec string) cron.Schedule {
	t.Helper()
	c, err := schedule.ParseCron(spec)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// quiet is s parsed by ParseQuiet, or nil (the default) for "".
func quiet(t *testing.T, s string) *schedule.Quiet {
	t.Helper()
	if s == "" {
		return nil
	}
	q, err := schedule.ParseQuiet(s)
	if err != nil {
		t.Fatal(err)
	}
	return &q
}

func newYork(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

var allKinds = []domain.Kind{domain.KindNudgeSend, domain.KindNudgeFollowup, domain.KindChecklist, domain.KindCheckin, domain.KindCongrats}

func TestNewDefaultsAndErrors(t *testing.T) {
	p := planner(t, schedule.Plan{}).Plan()
	night := schedule.DefaultQuiet
	want := schedule.Plan{
		NudgeAfter: 48 * time.Hour, FollowUpAfterSent: 7 * 24 * time.Hour, ChecklistAfter: 21 * 24 * time.Hour,
		CheckIn: cronSpec(t, "0 9 * * MON"), Quiet: &night, Staleness: 7 * 24 * time.Hour,
		Snooze: 7 * 24 * time.Hour, DefaultZone: time.UTC,
	}
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("defaults:\n got %+v\nwant %+v", p, want)
	}
	if got := p.Quiet.String(); got != "21:00-08:00" {
		t.Errorf("default quiet hours %s, want 21:00-08:00", got)
	}
	for _, c := range []struct {
		plan schedule.Plan
		want string
	}{
		{schedule.Plan{Quiet: &schedule.Quiet{Start: 25 * 60, End: 8 * 60}}, "quiet hours"},
		{schedule.Plan{Quiet: &schedule.Quiet{Start: 21 * 60, End: -1}}, "quiet hours"},
		{schedule.Plan{NudgeAfter: -time.Hour}, "nudge_after"},
		{schedule.Plan{Staleness: -time.Hour}, "staleness"},
	} {
		_, err := schedule.New(c.plan)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%+v) = %v, want an error naming %q", c.plan, err, c.want)
		}
	}
}

// The texts of the configuration: quiet hours "HH:MM-HH:MM" and a cron spec
// without a zone.
func TestParse(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{{"21:00-08:00", "21:00-08:00"}, {" 01:30 - 06:00 ", "01:30-06:00"}, {"12:00-12:00", "12:00-12:00"}} {
		q, err := schedule.ParseQuiet(c.in)
		if err != nil || q.String() != c.want {
			t.Errorf("ParseQuiet(%q) = %v, %v; want %s", c.in, q, err, c.want)
		}
	}
	for _, bad := range []string{"25:00-08:00", "21:00-8am", "21:00", "9:00-17:00", ""} {
		if q, err := schedule.ParseQuiet(bad); err == nil {
			t.Errorf("ParseQuiet(%q) = %v, want an error", bad, q)
		}
	}
	for _, c := range []struct{ spec, want string }{
		{"every monday", "not a cron spec"},
		{"CRON_TZ=Europe/Paris 0 9 * * MON", "no time zone"},
		{"  ", "must be set"},
	} {
		if _, err := schedule.ParseCron(c.spec); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseCron(%q) = %v, want an error saying %q", c.spec, err, c.want)
		}
	}
	if _, err := schedule.ParseCron("@every 1m"); err != nil {
		t.Errorf("ParseCron(@every 1m): %v", err)
	}
}

func TestZone(t *testing.T) {
	pl := planner(t, schedule.Plan{DefaultZone: schedule.Zone(3600)})
	date := time.Date(2026, 11, 20, 23, 30, 0, 0, time.FixedZone("", -5*3600))
	loc := pl.ZoneOf(date)
	if _, off := time.Now().In(loc).Zone(); off != -5*3600 {
		t.Errorf("ZoneOf(-0500 date) offset = %d", off)
	}
	if _, off := time.Now().In(pl.ZoneOf(time.Time{})).Zone(); off != 3600 {
		t.Errorf("ZoneOf(zero) offset = %d, want the default 3600", off)
	}
	if got := schedule.Zone(5*3600 + 1800).String(); got != "UTC+0530" {
		t.Errorf("Zone name = %q", got)
	}
	for off, want := range map[int]string{-(3*3600 + 1800): "UTC-0330", -1800: "UTC-0030", 0: "UTC+0000", 14 * 3600: "UTC+1400"} {
		if got := schedule.Zone(off).String(); got != want {
			t.Errorf("Zone(%d) name = %q, want %q", off, got, want)
		}
	}
	m := -240
	if _, off := time.Now().In(pl.ZoneMinutes(&m)).Zone(); off != -4*3600 {
		t.Errorf("ZoneMinutes(-240) offset = %d", off)
	}
	if pl.ZoneMinutes(nil) != pl.Plan().DefaultZone {
		t.Error("ZoneMinutes(nil) is not the default zone")
	}
}

func TestQuiet(t *testing.T) {
	minus5 := schedule.Zone(-5 * 3600)
	ny := newYork(t)
	for _, c := range []struct {
		name  string
		quiet string
		in    time.Time
		loc   *time.Location
		want  time.Time
	}{
		{"afternoon stays", "", utc("2026-11-20T19:00:00Z"), minus5, utc("2026-11-20T19:00:00Z")},
		{"one minute before the night", "", utc("2026-11-21T01:59:00Z"), minus5, utc("2026-11-21T01:59:00Z")},
		{"at quiet start: next morning", "", utc("2026-11-21T02:00:00Z"), minus5, utc("2026-11-21T13:00:00Z")},
		{"late evening: next morning", "", utc("2026-11-21T04:30:00Z"), minus5, utc("2026-11-21T13:00:00Z")},
		{"after midnight: same morning", "", utc("2026-11-21T08:00:00Z"), minus5, utc("2026-11-21T13:00:00Z")},
		{"at quiet end stays", "", utc("2026-11-21T13:00:00Z"), minus5, utc("2026-11-21T13:00:00Z")},
		{"night in UTC is day in -0500", "", utc("2026-11-21T23:00:00Z"), minus5, utc("2026-11-21T23:00:00Z")},
		{"no quiet hours", "12:00-12:00", utc("2026-11-21T08:00:00Z"), minus5, utc("2026-11-21T08:00:00Z")},
		{"night not crossing midnight", "01:00-06:00", utc("2026-11-21T07:00:00Z"), minus5, utc("2026-11-21T11:00:00Z")},
		{"before a night not crossing midnight", "01:00-06:00", utc("2026-11-21T05:00:00Z"), minus5, utc("2026-11-21T05:00:00Z")},
		// Daylight saving, New York: clocks go 02:00 EST -> 03:00 EDT on
		// 2026-03-08 and 02:00 EDT -> 01:00 EST on 2026-11-01.
		{"night before spring forward ends 08:00 EDT", "", utc("2026-03-08T04:00:00Z"), ny, utc("2026-03-08T12:00:00Z")},
		{"night before fall back ends 08:00 EST", "", utc("2026-11-01T03:00:00Z"), ny, utc("2026-11-01T13:00:00Z")},
		{"quiet end in the gap: end of the gap", "01:00-02:30", utc("2026-03-08T06:30:00Z"), ny, utc("2026-03-08T07:00:00Z")},
		{"quiet end repeated: the first", "00:30-01:30", utc("2026-11-01T04:45:00Z"), ny, utc("2026-11-01T05:30:00Z")},
		{"in the second pass: the second", "00:30-01:30", utc("2026-11-01T06:10:00Z"), ny, utc("2026-11-01T06:30:00Z")},
	} {
		t.Run(c.name, func(t *testing.T) {
			pl := planner(t, schedule.Plan{Quiet: quiet(t, c.quiet)})
			if got := pl.Quiet(c.in, c.loc); !got.Equal(c.want) {
				t.Errorf("Quiet(%s) = %s (%s), want %s", c.in, got, got.In(c.loc), c.want)
			}
		})
	}
}

func TestInstantDST(t *testing.T) {
	ny := newYork(t)
	for _, c := range []struct {
		name string
		wall time.Time
		want time.Time
	}{
		{"ordinary", time.Date(2026, 3, 7, 2, 30, 0, 0, time.UTC), utc("2026-03-07T07:30:00Z")},
		{"skipped by spring forward: end of the gap", time.Date(2026, 3, 8, 2, 30, 0, 0, time.UTC), utc("2026-03-08T07:00:00Z")},
		{"start of the gap", time.Date(2026, 3, 8, 2, 0, 0, 0, time.UTC), utc("2026-03-08T07:00:00Z")},
		{"just after the gap", time.Date(2026, 3, 8, 3, 0, 0, 0, time.UTC), utc("2026-03-08T07:00:00Z")},
		{"repeated by fall back: the first", time.Date(2026, 11, 1, 1, 30, 0, 0, time.UTC), utc("2026-11-01T05:30:00Z")},
		{"after the repeated hour", time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC), utc("2026-11-01T07:00:00Z")},
	} {
		if got := schedule.Instant(c.wall, ny); !got.Equal(c.want) {
			t.Errorf("%s: Instant(%s) = %s, want %s", c.name, c.wall.Format("2006-01-02 15:04"), got, c.want)
		}
	}
}

func TestAdvised(t *testing.T) {
	pl := planner(t, schedule.Plan{})
	minus5 := schedule.Zone(-5 * 3600)
	for _, c := range []struct {
		name string
		at   time.Time
		loc  *time.Location
		want []schedule.Followup
	}{
		{
			// Wednesday 10:00 in UTC: nudge Friday 10:00, the Monday after at
			// 09:00, checklist three weeks on.
			"daytime", utc("2026-11-18T10:00:00Z"), time.UTC,
			[]schedule.Followup{
				{Kind: domain.KindNudgeSend, DueAt: utc("2026-11-20T10:00:00Z")},
				{Kind: domain.KindCheckin, DueAt: utc("2026-11-23T09:00:00Z")},
				{Kind: domain.KindChecklist, DueAt: utc("2026-12-09T10:00:00Z")},
			},
		},
		{
			// 23:30 their time (-0500): everything due at 23:30 moves to 08:00
			// the next morning; the check-in is Monday 09:00 their time.
			"advised late at night", utc("2026-11-19T04:30:00Z"), minus5,
			[]schedule.Followup{
				{Kind: domain.KindNudgeSend, DueAt: utc("2026-11-21T13:00:00Z")},
				{Kind: domain.KindCheckin, DueAt: utc("2026-11-23T14:00:00Z")},
				{Kind: domain.KindChecklist, DueAt: utc("2026-12-10T13:00:00Z")},
			},
		},
		{
			// Saturday: the nudge is Monday 10:00, so the first check-in is
			// the Monday after (not one hour before the nudge).
			"nudge on a Monday", utc("2026-11-21T10:00:00Z"), nil,
			[]schedule.Followup{
				{Kind: domain.KindNudgeSend, DueAt: utc("2026-11-23T10:00:00Z")},
				{Kind: domain.KindCheckin, DueAt: utc("2026-11-30T09:00:00Z")},
				{Kind: domain.KindChecklist, DueAt: utc("2026-12-12T10:00:00Z")},
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			ch := pl.Advised(c.at, c.loc)
			if !reflect.DeepEqual(ch.Add, c.want) {
				t.Errorf("Add:\n got %v\nwant %v", ch.Add, c.want)
			}
			if !reflect.DeepEqual(ch.Cancel, allKinds) || ch.Forget {
				t.Errorf("a new advice restarts the plan: Cancel %v, Forget %v", ch.Cancel, ch.Forget)
			}
		})
	}
}

func TestCommands(t *testing.T) {
	pl := planner(t, schedule.Plan{})
	minus5 := schedule.Zone(-5 * 3600)
	day := utc("2026-11-24T15:00:00Z")   // Tuesday 10:00 their time
	night := utc("2026-11-25T03:00:00Z") // Tuesday 22:00 their time
	pending := []schedule.Pending{
		{Kind: domain.KindNudgeSend, DueAt: utc("2026-11-25T15:00:00Z")},
		{Kind: domain.KindCheckin, DueAt: utc("2026-11-30T14:00:00Z")},
		{Kind: domain.KindChecklist, DueAt: utc("2026-12-14T15:00:00Z")},
	}
	for _, c := range []struct {
		name   string
		cmd    domain.Command
		at     time.Time
		pend   []schedule.Pending
		snooze time.Duration
		want   schedule.Change
	}{
		{"SENT: follow-up nudge in a week, silence clock restarts", domain.CommandSent, day, pending, 0, schedule.Change{
			Cancel: []domain.Kind{domain.KindNudgeSend, domain.KindNudgeFollowup, domain.KindChecklist},
			Add: []schedule.Followup{
				{Kind: domain.KindNudgeFollowup, DueAt: utc("2026-12-01T15:00:00Z")},
				{Kind: domain.KindChecklist, DueAt: utc("2026-12-15T15:00:00Z")},
			}}},
		{"NO by day: checklist at once, check-ins go on", domain.CommandNo, day, pending, 0, schedule.Change{
			Cancel: []domain.Kind{domain.KindNudgeSend, domain.KindNudgeFollowup, domain.KindChecklist},
			Add:    []schedule.Followup{{Kind: domain.KindChecklist, DueAt: day}}}},
		{"NO at night: checklist next morning", domain.CommandNo, night, pending, 0, schedule.Change{
			Cancel: []domain.Kind{domain.KindNudgeSend, domain.KindNudgeFollowup, domain.KindChecklist},
			Add:    []schedule.Followup{{Kind: domain.KindChecklist, DueAt: utc("2026-11-25T13:00:00Z")}}}},
		{"YES: congratulations, everything else (check-ins too) cancelled", domain.CommandYes, day, pending, 0, schedule.Change{
			Cancel: allKinds,
			Add:    []schedule.Followup{{Kind: domain.KindCongrats, DueAt: day}}}},
		{"YES at night: congratulations next morning", domain.CommandYes, night, pending, 0, schedule.Change{
			Cancel: allKinds,
			Add:    []schedule.Followup{{Kind: domain.KindCongrats, DueAt: utc("2026-11-25T13:00:00Z")}}}},
		{"STOP: cancel everything, plan nothing", domain.CommandStop, day, pending, 0, schedule.Change{Cancel: allKinds}},
		{"FORGET: cancel everything and forget", domain.CommandForget, day, pending, 0, schedule.Change{Cancel: allKinds, Forget: true}},
		{"SNOOZE default week pushes every pending one", domain.CommandSnooze, day, pending, 0, schedule.Change{
			Cancel: []domain.Kind{domain.KindNudgeSend, domain.KindCheckin, domain.KindChecklist},
			Add: []schedule.Followup{
				{Kind: domain.KindNudgeSend, DueAt: utc("2026-12-02T15:00:00Z")},
				{Kind: domain.KindCheckin, DueAt: utc("2026-12-07T14:00:00Z")},
				{Kind: domain.KindChecklist, DueAt: utc("2026-12-21T15:00:00Z")},
			}}},
		{"SNOOZE 3 days: check-in to the next Monday on or after", domain.CommandSnooze, day, pending, 72 * time.Hour, schedule.Change{
			Cancel: []domain.Kind{domain.KindNudgeSend, domain.KindCheckin, domain.KindChecklist},
			Add: []schedule.Followup{
				{Kind: domain.KindNudgeSend, DueAt: utc("2026-11-28T15:00:00Z")},
				{Kind: domain.KindCheckin, DueAt: utc("2026-12-07T14:00:00Z")},
				{Kind: domain.KindChecklist, DueAt: utc("2026-12-17T15:00:00Z")},
			}}},
		{"SNOOZE 1 day: an overdue one counts from now, out of the night", domain.CommandSnooze, night,
			[]schedule.Pending{{Kind: domain.KindNudgeSend, DueAt: utc("2026-11-20T15:00:00Z")}}, 24 * time.Hour, schedule.Change{
				Cancel: []domain.Kind{domain.KindNudgeSend},
				Add:    []schedule.Followup{{Kind: domain.KindNudgeSend, DueAt: utc("2026-11-26T13:00:00Z")}}}},
		{"SNOOZE with nothing pending", domain.CommandSnooze, day, nil, 0, schedule.Change{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := pl.Command(c.cmd, c.at, minus5, c.pend, c.snooze)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("\n got %+v\nwant %+v", got, c.want)
			}
			for _, f := range got.Add {
				if f.DueAt.Before(c.at) {
					t.Errorf("%s planned in the past: %s < %s", f.Kind, f.DueAt, c.at)
				}
				if f.DueAt.Location() != time.UTC {
					t.Errorf("%s due time not in UTC: %s", f.Kind, f.DueAt.Location())
				}
			}
		})
	}
	if _, err := pl.Command("MAYBE", day, minus5, nil, 0); err == nil {
		t.Error("an unknown command was accepted")
	}
	if _, err := pl.Command(domain.CommandSnooze, day, minus5, pending, -time.Hour); err == nil {
		t.Error("a negative snooze was accepted")
	}
}

func TestCheckins(t *testing.T) {
	pl := planner(t, schedule.Plan{})
	minus5 := schedule.Zone(-5 * 3600)
	// A check-in sent at its due time plans the next Monday 09:00 their
	// time; one sent late (the daemon was down) plans the next one after
	// it, never one in the past.
	if got := pl.Done(domain.KindCheckin, utc("2026-11-23T14:00:00Z"), minus5); !reflect.DeepEqual(got.Add,
		[]schedule.Followup{{Kind: domain.KindCheckin, DueAt: utc("2026-11-30T14:00:00Z")}}) || len(got.Cancel) != 0 {
		t.Errorf("after a check-in: %+v", got)
	}
	if got := pl.Done(domain.KindCheckin, utc("2026-12-01T20:00:00Z"), minus5); !reflect.DeepEqual(got.Add,
		[]schedule.Followup{{Kind: domain.KindCheckin, DueAt: utc("2026-12-07T14:00:00Z")}}) {
		t.Errorf("after a late check-in: %+v", got)
	}
	for _, k := range []domain.Kind{domain.KindNudgeSend, domain.KindNudgeFollowup, domain.KindChecklist, domain.KindCongrats} {
		if got := pl.Done(k, utc("2026-11-23T14:00:00Z"), minus5); len(got.Add)+len(got.Cancel) != 0 {
			t.Errorf("after %s: %+v, want nothing", k, got)
		}
	}

	// Mondays 09:00 New York across both changes: 09:00 local each time.
	ny := newYork(t)
	for _, c := range []struct{ after, want time.Time }{
		{utc("2026-03-06T12:00:00Z"), utc("2026-03-09T13:00:00Z")}, // EDT: -4
		{utc("2026-03-02T14:00:00Z"), utc("2026-03-09T13:00:00Z")}, // sent at 09:00 EST
		{utc("2026-10-30T12:00:00Z"), utc("2026-11-02T14:00:00Z")}, // EST: -5
	} {
		if got := pl.NextCheckin(c.after, ny); !got.Equal(c.want) {
			t.Errorf("NextCheckin(%s, New York) = %s, want %s", c.after, got, c.want)
		}
	}
}

// TestCheckinDST uses specs that hit the changed hours themselves (quiet
// hours off so they are not moved): a skipped time is used at the end of
// the gap, a repeated one once.
func TestCheckinDST(t *testing.T) {
	ny := newYork(t)

	spring := planner(t, schedule.Plan{CheckIn: cronSpec(t, "30 2 * * SUN"), Quiet: quiet(t, "12:00-12:00")})
	got := spring.NextCheckin(utc("2026-03-07T17:00:00Z"), ny)
	if want := utc("2026-03-08T07:00:00Z"); !got.Equal(want) {
		t.Errorf("02:30 on the spring-forward Sunday: %s (%s), want %s (03:00 EDT)", got, got.In(ny), want)
	}
	// The reason we do not call robfig/cron's Next in the location itself:
	// it skips that Sunday.
	sched, err := cron.ParseStandard("30 2 * * SUN")
	if err != nil {
		t.Fatal(err)
	}
	if raw := sched.Next(utc("2026-03-07T17:00:00Z").In(ny)); raw.Day() == 8 && raw.Month() == 3 {
		t.Logf("robfig/cron no longer skips the gap (got %s); the wall-clock detour is still correct", raw)
	} else {
		t.Logf("robfig/cron alone would give %s", raw)
	}
	if next := spring.NextCheckin(got, ny); !next.Equal(utc("2026-03-15T06:30:00Z")) {
		t.Errorf("the Sunday after: %s, want 2026-03-15 02:30 EDT", next)
	}

	fall := planner(t, schedule.Plan{CheckIn: cronSpec(t, "30 1 * * *"), Quiet: quiet(t, "12:00-12:00")})
	first := fall.NextCheckin(utc("2026-10-31T12:00:00Z"), ny)
	if want := utc("2026-11-01T05:30:00Z"); !first.Equal(want) {
		t.Errorf("01:30 on the fall-back day: %s, want %s (the first, EDT)", first, want)
	}
	second := fall.Done(domain.KindCheckin, first, ny).Add[0].DueAt
	if want := utc("2026-11-02T06:30:00Z"); !second.Equal(want) {
		t.Errorf("after the first 01:30: %s (%s), want %s (next day, not the repeated 01:30 EST)", second, second.In(ny), want)
	}
	// Planning from inside the repeated hour, after its first 01:30: the
	// second 01:30 is still ahead and is used (once).
	if got := fall.NextCheckin(utc("2026-11-01T06:10:00Z"), ny); !got.Equal(utc("2026-11-01T06:30:00Z")) {
		t.Errorf("from 01:10 EST: %s, want 01:30 EST", got)
	}
	// Walk a whole year of daily 01:30 check-ins: one per calendar day, in
	// order, each at 01:30 local.
	at := utc("2026-01-01T00:00:00Z")
	days := map[string]int{}
	for range 365 {
		at = fall.Done(domain.KindCheckin, at, ny).Add[0].DueAt
		l := at.In(ny)
		days[l.Format("2006-01-02")]++
		if l.Hour() != 1 || l.Minute() != 30 {
			t.Errorf("check-in at %s local", l)
		}
	}
	for d, n := range days {
		if n != 1 {
			t.Errorf("%s: %d check-ins", d, n)
		}
	}
	if len(days) != 365 {
		t.Errorf("%d days with a check-in in 365 steps", len(days))
	}
}

func TestDue(t *testing.T) {
	due := utc("2026-11-23T14:00:00Z")
	week := 7 * 24 * time.Hour
	for _, c := range []struct {
		name      string
		now       time.Time
		staleness time.Duration
		send      bool
		stale     bool
		late      time.Duration
		reason    string
	}{
		{"not yet", due.Add(-time.Minute), week, false, false, 0, "not due until 2026-11-23T14:00:00Z"},
		{"on time", due, week, true, false, 0, "due now"},
		{"late: the daemon was down two days", due.Add(48 * time.Hour), week, true, false, 48 * time.Hour, "sent 48h0m0s late"},
		{"just within staleness", due.Add(week), week, true, false, week, "late"},
		{"stale", due.Add(week + time.Second), week, false, true, week + time.Second, "stale: due 2026-11-23T14:00:00Z"},
		{"no staleness: never stale", due.Add(100 * week), 0, true, false, 100 * week, "late"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := schedule.Due(c.now, due, c.staleness)
			if v.Send != c.send || v.Stale != c.stale || v.Late != c.late || !strings.Contains(v.Reason, c.reason) {
				t.Errorf("Due = %+v, want send %v stale %v late %s reason ~%q", v, c.send, c.stale, c.late, c.reason)
			}
		})
	}
	pl := planner(t, schedule.Plan{})
	if v := pl.Due(due.Add(8*24*time.Hour), due); !v.Stale {
		t.Errorf("8 days late with the default staleness: %+v", v)
	}
	pl = planner(t, schedule.Plan{Staleness: 30 * 24 * time.Hour})
	if v := pl.Due(due.Add(8*24*time.Hour), due); !v.Send {
		t.Errorf("8 days late with 30 days' staleness: %+v", v)
	}
}

// TestQuietWholeYear walks 2026 in New York in 7-minute steps (both
// daylight-saving changes included): Quiet never moves a time earlier,
// never leaves it in the night, moves it at most to the night's next end, and
// leaves daytime alone.
func TestQuietWholeYear(t *testing.T) {
	ny := newYork(t)
	pl := planner(t, schedule.Plan{})
	inNight := func(x time.Time) bool {
		l := x.In(ny)
		m := l.Hour()*60 + l.Minute()
		return m >= 21*60 || m < 8*60
	}
	for x := utc("2026-01-01T00:00:00Z"); x.Year() == 2026; x = x.Add(7 * time.Minute) {
		q := pl.Quiet(x, ny)
		switch {
		case q.Before(x):
			t.Fatalf("Quiet(%s) = %s: earlier", x.In(ny), q.In(ny))
		case inNight(q):
			t.Fatalf("Quiet(%s) = %s: still at night", x.In(ny), q.In(ny))
		case !inNight(x) && !q.Equal(x):
			t.Fatalf("Quiet(%s) = %s: moved a daytime", x.In(ny), q.In(ny))
		case inNight(x) && (q.In(ny).Hour() != 8 || q.In(ny).Minute() != 0 || q.Sub(x) > 12*time.Hour):
			t.Fatalf("Quiet(%s) = %s: not the next 08:00", x.In(ny), q.In(ny))
		}
	}
}

// TestCheckinsWholeYear follows the default weekly check-in through 2026
// in New York: every one is a Monday at 09:00 local, one per week, none
// skipped or doubled by the daylight-saving changes.
func TestCheckinsWholeYear(t *testing.T) {
	ny := newYork(t)
	pl := planner(t, schedule.Plan{})
	at := utc("2026-01-01T00:00:00Z")
	prev := time.Time{}
	for i := range 52 {
		at = pl.Done(domain.KindCheckin, at, ny).Add[0].DueAt
		l := at.In(ny)
		if l.Weekday() != time.Monday || l.Hour() != 9 || l.Minute() != 0 {
			t.Fatalf("check-in %d at %s", i, l)
		}
		if !prev.IsZero() {
			py, pm, pd := prev.In(ny).Date()
			if want := time.Date(py, pm, pd+7, 0, 0, 0, 0, time.UTC); want.Format("2006-01-02") != l.Format("2006-01-02") {
				t.Fatalf("check-in %d on %s, want %s", i, l.Format("2006-01-02"), want.Format("2006-01-02"))
			}
		}
		prev = at
	}
	if got := prev.In(ny).Format("2006-01-02"); got != "2026-12-28" {
		t.Fatalf("52nd check-in on %s, want 2026-12-28", got)
	}
}
