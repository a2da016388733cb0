package parser

import (
	"strconv"
	"strings"
	"time"
)

// whenWords are the lists that read time expressions (when.txt).
type whenWords struct {
	Unit          *List `list:"time_unit"`             // day = 1, week = 7, month = 30 ...
	Weekday       *List `list:"weekday"`               // monday = 1 ...
	Month         *List `list:"month"`                 // january = 1 ...
	Holiday       *List `list:"holiday"`               // christmas = 12-25 ...
	BeforeAfter   *List `list:"holiday_near"`          // before, after: "the Friday before Labor Day"
	ThatDay       *List `list:"that_weekday"`          // that: "that Thursday" is the one after the day told before
	Relative      *List `list:"time_relative"`         // today = 0, yesterday = 1, the day before yesterday = 2
	RelativeNot   *List `list:"relative_not_after"`    // my, the: "my last night was the 30th" is no "last night"
	Last          *List `list:"time_last"`             // last|past week = 7, last weekend = weekend
	LastWord      *List `list:"time_last_word"`        // last, past: before a weekday
	WeekdayOther  *List `list:"weekday_foreign"`       // viernes, vendredi, Freitag: only with a word for "last"
	LastAfter     *List `list:"weekday_last_after"`    // pasado, dernier: "el viernes pasado"
	Ago           *List `list:"time_ago"`              // ago, back: after a count and a unit
	AgoBefore     *List `list:"time_ago_before"`       // hace, há, vor: before a count and a unit ("hace un mes")
	AgoCount      *List `list:"time_ago_before_count"` // before, since: only with a count ("since 3 weeks", not "since months")
	DayGlue       *List `list:"day_month_glue"`        // de: "20 de noviembre", between a day and its month
	AndAHalf      *List `list:"and_a_half"`            // "a month and a half"
	Half          *List `list:"half"`                  // half
	TheDay        *List `list:"time_the"`              // "on the 3rd"
	OnDay         *List `list:"time_on_day"`           // on: "on 16th", an ordinal day without "the"
	WeekdayNot    *List `list:"weekday_not_before"`    // "next Monday", "every Friday": not a past day
	WeekdayNotAft *List `list:"weekday_not_after"`     // "the Monday meeting"
	BeforeLast    *List `list:"before_last"`           // "the Friday before last"
	TimeWord      *List `list:"time_word"`             // words a lower-case company name stops at
	Leaving       *List `list:"leaving_word"`          // words of sentences that speak of leaving
	TenureAfter   *List `list:"tenure_not_after"`      // "two years ago", "years old": not a length of service
	TenureAdj     *List `list:"tenure_adj"`            // "seven good years"
	OverUnder     *List `list:"over_under"`            // "over 55": an age
	DaySuffix     *List `list:"ordinal_suffix"`        // st, nd, rd, th
	NotDay        *List `list:"ordinal_not_day"`       // time, floor, AD: "the 4th time" is no day of the month
	SinceNotAfter *List `list:"since_not_after"`       // times: "9 times since 2019" is no year they started
	MonthPart     *List `list:"month_part"`            // "end of = 31", "mid = 15": a day of the month that follows
	Later         *List `list:"time_later"`            // later, after that: "eight days later"
	WeekdayBefore *List `list:"weekday_before"`        // on, last, this: "on thurs" is a day even in lower case
	WeekdayAfter  *List `list:"weekday_after"`         // night, morning: "thurs night"
	LastMonth     *List `list:"last_month"`            // "last month", "the previous month"
	ThisMonth     *List `list:"this_month"`            // "this month"
	LastDay       *List `list:"last_day"`              // "my last day was": the date in that sentence is when they left
	Next          *List `list:"time_next"`             // "the next day = 1": days after the moment told before
	TenureNot     *List `list:"tenure_not"`            // "3 years no accidents", "3 years in a row": not a length of service
	TenureContext *List `list:"tenure_context"`        // been, for, there ...: "I'd been there four years"
	TenureAbroad  *List `list:"tenure_abroad"`         // living, moved: "living in London for 4 years" is not tenure
	TenureOther   *List `list:"tenure_other_length"`   // contract, probation: "a contract for 12 months" is not tenure
	Rate          *List `list:"rate_word"`             // a, per: "9,000 items a month" is a rate
	Started       *List `list:"tenure_started"`        // "I started there in 2019", "since 2019"
	Began         *List `list:"job_began"`             // commenced, joined: a sentence that tells when the job began
	TenureAge     *List `list:"tenure_age"`            // "I am 44 years": an age, not a length of service
	ToldAgain     *List `list:"event_told_again"`      // "That was September 14th.": a sentence that dates the one before
	Season        *List `list:"season"`                // spring, summer: "in the spring" dates no better than a month
}

// numberAt reads a count at a token: "3", "three", "a", "a couple".
func (r *reader) numberAt(t *token) (float64, bool) {
	if v, ok := r.v.Common.Number.val(t); ok {
		f, err := strconv.ParseFloat(v, 64)
		return f, err == nil
	}
	// A word that starts with a letter is no number in range ("nan" and
	// "inf" parse, out of it): ParseFloat is not asked.
	if c := t.l; c != "" && (c[0] >= '0' && c[0] <= '9' || c[0] == '.' || c[0] == '+' || c[0] == '-') {
		if v, err := strconv.ParseFloat(strings.TrimSuffix(t.l, "+"), 64); err == nil && v >= 0 && v < 10000 {
			return v, true
		}
	}
	// "twenty-six", "Twenty-seven": tens and units joined by a hyphen
	if tens, units, ok := strings.Cut(t.l, "-"); ok {
		a, ok1 := r.v.Common.Number.value(tens)
		b, ok2 := r.v.Common.Number.value(units)
		if !ok1 || !ok2 {
			return 0, false
		}
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(b)
		if err1 == nil && err2 == nil && x >= 20 && x%10 == 0 && x < 100 && y > 0 && y < 10 {
			return float64(x + y), true
		}
	}
	return 0, false
}

func (r *reader) isTimeWord(t *token) bool {
	v := &r.v.When
	return v.TimeWord.has(t) || v.Weekday.has(t) || v.WeekdayOther.has(t) || v.Month.has(t) || v.Holiday.has(t) || v.Relative.has(t) || v.Last.has(t) || v.Ago.has(t) || v.AgoBefore.has(t) || v.TheDay.has(t)
}

// dayOfMonth reads "3", "3rd", "23rd", "14th".
func (r *reader) dayOfMonth(s string) (int, bool) {
	s = strings.TrimRight(s, ",")
	for _, p := range r.v.When.DaySuffix.pats {
		if strings.HasSuffix(s, p.src) && len(s) > len(p.src) {
			s = s[:len(s)-len(p.src)]
			break
		}
	}
	if s == "" || s[0] < '0' || s[0] > '9' && s[0] != '+' {
		return 0, false // not a number: spare Atoi its error value
	}
	d, err := strconv.Atoi(s)
	if err != nil || d < 1 || d > 31 {
		return 0, false
	}
	return d, true
}

func yearAt(toks []token, i int) (int, bool) {
	if i < len(toks) && len(toks[i].l) == 4 {
		if y, err := strconv.Atoi(toks[i].l); err == nil && y > 1950 && y < 2200 {
			return y, true
		}
	}
	return 0, false
}

// civil returns the calendar date of t in its own offset as a UTC midnight,
// so that date differences are whole days whatever the zone.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func daysBetween(from, to time.Time) int {
	return int(to.Sub(from).Hours()/24 + 0.5)
}

func (r *reader) intVal(l *List, t *token) (int, bool) {
	v, ok := l.val(t)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

// timeExpr finds the first expression of a past moment in toks[from:to] and
// returns how many calendar days before ref it is. ref is the message's Date
// in its own offset.
func (r *reader) timeExpr(toks []token, from, to int, ref time.Time) (days int, at int, ok bool) {
	v := &r.v.When
	today := civil(ref)
	for i := from; i < to; i++ {
		t := &toks[i]
		// "the day before Thanksgiving", "the day after Boxing Day"
		if t.l == "day" && i+2 < to && v.BeforeAfter.has(&toks[i+1]) {
			if m := v.Holiday.at(toks, i+2); m.ok() && m.End <= to {
				if days, ok := holidayAgo(m.Pattern.val, today, 0); ok {
					if toks[i+1].l == "before" {
						return days + 1, i, true
					} else if days > 0 {
						return days - 1, i, true
					}
				}
			}
		}
		if t.punct || !r.isTimeWord(t) && !v.OnDay.has(t) && (t.l[0] < '0' || t.l[0] > '9') {
			continue
		}
		// "yesterday", "today", "this morning", "the day before yesterday"
		if m := v.Relative.at(toks, i); m.ok() && m.End <= to {
			// "four weeks ago today" is read at "ago"; "my last night was
			// the 30th" is a shift, not yesterday.
			if !(i > from && v.Ago.has(&toks[i-1])) && !(i > from && v.LastWord.has(t) && v.RelativeNot.has(&toks[i-1])) {
				if d, err := strconv.Atoi(m.Pattern.val); err == nil {
					return d, i, true
				}
			}
		}
		// "christmas", "christmas eve", "boxing day" (not "Christmas Day two
		// years ago")
		if m := v.Holiday.at(toks, i); m.ok() && m.End <= to && !r.in(v.Ago, toks, m.End, min(m.End+4, to)) {
			if days, ok := holidayAgo(m.Pattern.val, today, 0); ok {
				return days, i, true
			}
		}
		// "the Friday before Labor Day", "the Monday after Easter"
		if wd, ok := r.intVal(v.Weekday, t); ok && i+2 < to && v.BeforeAfter.has(&toks[i+1]) {
			if m := v.Holiday.at(toks, i+2); m.ok() && m.End <= to {
				dir := 1
				if toks[i+1].l == "before" {
					dir = -1
				}
				if days, ok := holidayAgo(m.Pattern.val, today, dir*(int(wd)+1)); ok {
					return days, i, true
				}
			}
		}
		// "hace un mes", "há duas semanas", "vor drei Wochen": the word
		// for "ago" before the count and the unit
		if m := v.AgoBefore.at(toks, i); m.ok() && m.End < to {
			j, n := m.End, 1.0
			if x, ok := r.numberAt(&toks[j]); ok && j+1 < to {
				n, j = x, j+1
			}
			// ("before 2 weeks' notice", "before 30 days of notice": a
			// length, not a time ago; and "before" and "since" need their
			// count: "since months" is no date)
			if u, ok := r.intVal(v.Unit, &toks[j]); ok && u > 0 && !(v.AgoCount.has(t) && (j == m.End || j+1 < len(toks) && (toks[j+1].l == "of" || toks[j+1].l == "notice" || strings.HasPrefix(toks[j].l, "week'") || toks[j+1].l == "'"))) {
				return int(n*float64(u) + 0.5), i, true
			}
		}
		// "three weeks ago", "a couple of months back"
		if v.Ago.has(t) {
			if d, ok := r.agoAt(toks, from, i); ok {
				return d, i, true
			}
		}
		// "on the 3rd": the latest such day of a month, unless a month
		// follows ("the 3rd of March" is read at the month).
		// ("on 16th they handed me dismissal letter": an ordinal after a
		// bare "on" is the same, when no month follows; fresh-68's bp40)
		// (then who acted, or the clause's end: not "the target on 5th now",
		// a street; fresh-42's ap28)
		onDay := v.OnDay.has(t) && i+1 < to && len(toks[i+1].l) > 2 && isDigit(toks[i+1].l[0]) && !isDigit(toks[i+1].l[len(toks[i+1].l)-1]) &&
			(i+2 >= to || toks[i+2].punct || r.v.Common.Pronoun.has(&toks[i+2]) || r.v.Common.I.has(&toks[i+2]) || r.v.Common.HeShe.has(&toks[i+2]))
		if (v.TheDay.has(t) || onDay) && i+1 < to {
			// ("On the 21 she called me": a bare number after "on the", then
			// who acted, is a day too; fresh-60's bh20)
			bare := i > from && toks[i-1].l == "on" && i+2 < to && isDigit(toks[i+1].l[len(toks[i+1].l)-1]) &&
				(r.v.Common.Pronoun.has(&toks[i+2]) || r.v.Common.I.has(&toks[i+2]) || r.v.Common.HeShe.has(&toks[i+2]))
			if d, ok := r.dayOfMonth(toks[i+1].l); ok && (len(toks[i+1].l) > 2 && !isDigit(toks[i+1].l[len(toks[i+1].l)-1]) || bare) {
				if i+3 < to && r.v.Common.Of.has(&toks[i+2]) && v.Month.has(&toks[i+3]) {
					continue
				}
				if i+2 < to && v.NotDay.has(&toks[i+2]) {
					continue // "the 4th time", "the 1st AD": a rank, not a day
				}
				if i+3 < to && r.v.Common.Of.has(&toks[i+2]) && v.LastMonth.at(toks, i+3).ok() {
					// "the 14th of last month"
					if days, ok := daysToDate(today, 0, false, today.AddDate(0, -1, 0).Month(), d); ok {
						return days, i, true
					}
				}
				y, m := today.Year(), today.Month()
				if d > today.Day() {
					m--
					if m == 0 {
						m, y = 12, y-1
					}
				}
				if days, ok := daysToDate(today, y, true, m, d); ok {
					return days, i, true
				}
			}
		}
		// "last week", "last month", "past year", "last weekend", "last Friday"
		// "Last month 13th": the day after the month (Chinese and other
		// writers' order)
		if m := v.LastMonth.at(toks, i); m.ok() && m.End < to {
			if d, ok := r.dayOfMonth(toks[m.End].l); ok && len(toks[m.End].l) > 2 && !isDigit(toks[m.End].l[len(toks[m.End].l)-1]) {
				if days, ok := daysToDate(today, 0, false, today.AddDate(0, -1, 0).Month(), d); ok {
					return days, i, true
				}
			}
		}
		if m := v.Last.at(toks, i); m.ok() && m.End <= to {
			if m.Pattern.val == "weekend" {
				return daysSinceWeekday(today, time.Saturday), i, true
			}
			// "last week Tuesday" (Nigerian and Indian English): that day
			// of the week before this one
			if m.Pattern.val == "7" && m.End < to {
				if wd, ok := r.intVal(v.Weekday, &toks[m.End]); ok {
					return daysToWeekdayLastWeek(today, time.Weekday(wd)), i, true
				}
			}
			if d, err := strconv.Atoi(m.Pattern.val); err == nil {
				return d, i, true
			}
		}
		// (not "My last Sunday at the console was the 25th of October": the
		// writer's last working Sunday, fresh-41)
		if v.LastWord.has(t) && i+1 < to && !(i+3 < to && r.v.Common.Of.has(&toks[i+2]) && v.Month.has(&toks[i+3])) && !(i > from && v.RelativeNot.has(&toks[i-1])) {
			if wd, ok := r.intVal(v.Weekday, &toks[i+1]); ok {
				return daysSinceWeekday(today, time.Weekday(wd)), i, true
			}
		}
		// "el viernes pasado", "vendredi dernier", "letzten Freitag"
		if wd, ok := r.intVal(v.WeekdayOther, t); ok && (i+1 < to && v.LastAfter.has(&toks[i+1]) || i > from && v.LastWord.has(&toks[i-1])) {
			return daysSinceWeekday(today, time.Weekday(wd)), i, true
		}
		// "Friday", "on thurs", "Sat, 3 Oct"; not "Mon superviseur" or "I sat"
		abbrevOK := t.cap && i+1 < to && (toks[i+1].punct || isDigit(toks[i+1].l[0]) || v.Month.has(&toks[i+1]))
		if wd, ok := r.intVal(v.Weekday, t); ok && (t.cap && len(t.l) > 5 || len(t.l) > 5 || abbrevOK || i > from && v.WeekdayBefore.has(&toks[i-1]) || i+1 < to && v.WeekdayAfter.has(&toks[i+1])) {
			if i+1 < to && v.LastAfter.has(&toks[i+1]) {
				return daysSinceWeekday(today, time.Weekday(wd)), i, true // "the Friday past" (fresh-38)
			}
			if i > from && (v.WeekdayNot.has(&toks[i-1]) || v.LastWord.has(&toks[i-1])) {
				continue // "next Monday", "every Friday"; "last Friday" is read above
			}
			// "Came back Monday Nov 2. That Thursday the agency calls me":
			// the first such day after the date told just before
			if i > 0 && v.ThatDay.has(&toks[i-1]) {
				if d0, _, ok := r.timeExpr(toks, max(i-40, 0), i-1, today); ok && d0 > 0 {
					t0 := today.AddDate(0, 0, -d0)
					t1 := t0.AddDate(0, 0, 1)
					for t1.Weekday() != time.Weekday(wd) {
						t1 = t1.AddDate(0, 0, 1)
					}
					if !t1.After(today) {
						return daysBetween(t1, today), i, true
					}
				}
				continue
			}
			if i+1 < to && v.WeekdayNotAft.has(&toks[i+1]) {
				continue // "the Monday meeting"
			}
			// "Tuesday and Thursday evenings": a schedule (but "came back
			// monday and she pulls me in the office" is a day, fresh-42)
			if i+2 < to && r.v.Common.And.has(&toks[i+1]) && v.Weekday.has(&toks[i+2]) {
				continue
			}
			if i+2 < to && r.v.Common.Of.has(&toks[i+1]) && v.Month.has(&toks[i+2]) {
				continue // "the last Sunday of August": that month's, not this week's
			}
			if i+2 < to && v.BeforeAfter.has(&toks[i+1]) && toks[i+2].cap && !v.Holiday.at(toks, i+2).ok() {
				continue // "the Tuesday after Heroes Day": a holiday we don't know, not this week's Tuesday
			}
			// "On Monday 21st": the day of the month says it better.
			if j := i + 1; j < to && len(toks[j].l) > 2 && !isDigit(toks[j].l[len(toks[j].l)-1]) && !(j+1 < to && v.Month.has(&toks[j+1])) && !(j+2 < to && r.v.Common.Of.has(&toks[j+1]) && v.Month.has(&toks[j+2])) {
				if d, ok := r.dayOfMonth(toks[j].l); ok {
					if days, ok := latestDay(today, d); ok {
						return days, i, true
					}
				}
			}
			// "Monday the 28th of September", "Friday, October 2": the
			// date that follows says it better.
			if j := i + 1; j < to {
				if toks[j].l == "," && j+1 < to {
					j++
				}
				isMonth := v.Month.has(&toks[j])
				_, isDay := r.dayOfMonth(toks[j].l)
				if isMonth || isDay || v.TheDay.has(&toks[j]) && j+1 < to && len(toks[j+1].l) > 2 {
					if _, isDay2 := r.dayOfMonth(toks[min(j+1, to-1)].l); isMonth || isDay || isDay2 {
						continue
					}
				}
			}
			// "Tuesday last week": that day of the week before this one
			if i+1 < to {
				if m := v.Last.at(toks, i+1); m.ok() && m.End <= to && m.Pattern.val == "7" {
					return daysToWeekdayLastWeek(today, time.Weekday(wd)), i, true
				}
			}
			// "the Friday before last"
			if i+1 < to && v.BeforeLast.at(toks, i+1).ok() {
				return daysSinceWeekday(today, time.Weekday(wd)) + 7, i, true
			}
			return daysSinceWeekday(today, time.Weekday(wd)), i, true
		}
		if mo, ok := r.intVal(v.Month, t); ok && (t.cap || len(t.l) > 3 || i+1 < to && isDigit(toks[i+1].l[0])) {
			m := time.Month(mo)
			// "October 19", "Oct 19th, 2026"
			if i+1 < to {
				if d, ok := r.dayOfMonth(toks[i+1].l); ok {
					y, hasYear := yearAt(toks, i+2)
					if !hasYear && i+3 < to && toks[i+2].l == "," {
						y, hasYear = yearAt(toks, i+3)
					}
					if days, ok := daysToDate(today, y, hasYear, m, d); ok {
						return days, i, true
					}
				}
			}
			// "19 October", "the 19th of October", "el 20 de noviembre"
			if i > from {
				j := i - 1
				if (r.v.Common.Of.has(&toks[j]) || v.DayGlue.has(&toks[j])) && j > from {
					j--
				}
				if d, ok := r.dayOfMonth(toks[j].l); ok {
					y, hasYear := yearAt(toks, i+1)
					if days, ok := daysToDate(today, y, hasYear, m, d); ok {
						return days, j, true
					}
				}
			}
		}
		// "on 14th of this month", "21st of last month"
		if d, ok := r.dayOfMonth(t.l); ok && len(t.l) > 2 && !isDigit(t.l[len(t.l)-1]) && i+2 < to && r.v.Common.Of.has(&toks[i+1]) {
			if m := v.LastMonth.at(toks, i+2); m.ok() {
				if days, ok := daysToDate(today, 0, false, today.AddDate(0, -1, 0).Month(), d); ok {
					return days, i, true
				}
			}
			if m := v.ThisMonth.at(toks, i+2); m.ok() {
				if days, ok := latestDay(today, d); ok {
					return days, i, true
				}
			}
		}
		// "the end of September", "mid-October", "early November"
		if d, ok := r.monthPart(toks, i, to, today); ok {
			return d, i, true
		}
		// "10/19" or "10/19/2026": month first, unless the first number
		// cannot be a month.
		if d, ok := slashDate(t.l, today); ok {
			return d, i, true
		}
		if d, ok := dottedDate(t.l, today); ok {
			return d, i, true
		}
		// "On 30.09. my boss ...": the sentence's full stop took the
		// date's last dot
		if d, ok := dottedDate(t.l+".", today); ok && t.end && !strings.HasSuffix(t.l, ".") {
			return d, i, true
		}
	}
	return 0, -1, false
}

// holidayAgo returns the days from the latest holiday val (holiday's
// values: "12-25" a fixed day, "9-mon-1" the first Monday of September,
// "5-mon-last" the last Monday of May, "easter+1" a day from Easter Sunday)
// to today, or, with near = ±(weekday+1), from the nearest such weekday
// before (−) or after (+) it. A holiday in the next three months is still
// to come, as with any date (daysToDate).
func holidayAgo(val string, today time.Time, near int) (int, bool) {
	for _, y := range []int{today.Year(), today.Year() - 1} {
		t, ok := holidayDate(val, y)
		if !ok {
			return 0, false
		}
		if near != 0 {
			wd := time.Weekday(abs(near) - 1)
			step := 1
			if near < 0 {
				step = -1
			}
			t = t.AddDate(0, 0, step)
			for t.Weekday() != wd {
				t = t.AddDate(0, 0, step)
			}
		}
		if t.After(today) {
			if y == today.Year() && daysBetween(today, t) <= 92 {
				return 0, false
			}
			continue
		}
		if days := daysBetween(t, today); days <= 3650 {
			return days, true
		}
	}
	return 0, false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// holidayDate is the date of the holiday val in year y (see holidayAgo).
func holidayDate(val string, y int) (time.Time, bool) {
	if rest, ok := strings.CutPrefix(val, "easter"); ok {
		// Easter Sunday (the anonymous Gregorian algorithm)
		a, b, c := y%19, y/100, y%100
		d, e := b/4, b%4
		f := (b + 8) / 25
		g := (b - f + 1) / 3
		h := (19*a + b - d - g + 15) % 30
		i, k := c/4, c%4
		l := (32 + 2*e + 2*i - h - k) % 7
		m := (a + 11*h + 22*l) / 451
		mo := (h + l - 7*m + 114) / 31
		dd := (h+l-7*m+114)%31 + 1
		off := 0
		if rest != "" {
			n, err := strconv.Atoi(rest)
			if err != nil {
				return time.Time{}, false
			}
			off = n
		}
		return time.Date(y, time.Month(mo), dd, 0, 0, 0, 0, time.UTC).AddDate(0, 0, off), true
	}
	parts := strings.Split(val, "-")
	mo, err := strconv.Atoi(parts[0])
	if err != nil || mo < 1 || mo > 12 || len(parts) < 2 {
		return time.Time{}, false
	}
	if len(parts) == 2 {
		d, err := strconv.Atoi(parts[1])
		if err != nil {
			return time.Time{}, false
		}
		return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
	}
	wd := -1
	for k, n := range []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"} {
		if parts[1] == n {
			wd = k
		}
	}
	if wd < 0 || len(parts) != 3 {
		return time.Time{}, false
	}
	if parts[2] == "last" {
		t := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC)
		for int(t.Weekday()) != wd {
			t = t.AddDate(0, 0, -1)
		}
		return t, true
	}
	// "11-thu-4+1": the day after the fourth Thursday of November
	nth, after, _ := strings.Cut(parts[2], "+")
	off := 0
	if after != "" {
		var err error
		if off, err = strconv.Atoi(after); err != nil {
			return time.Time{}, false
		}
	}
	n, err := strconv.Atoi(nth)
	if err != nil || n < 1 || n > 5 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)
	for int(t.Weekday()) != wd {
		t = t.AddDate(0, 0, 1)
	}
	return t.AddDate(0, 0, 7*(n-1)+off), true
}

// latestDay returns the days since the latest day d of a month, up to today.
func latestDay(today time.Time, d int) (int, bool) {
	y, m := today.Year(), today.Month()
	if d > today.Day() {
		m--
		if m == 0 {
			m, y = 12, y-1
		}
	}
	return daysToDate(today, y, true, m, d)
}

// monthPart reads a part of a month at toks[i]: "the end of September"
// (its last day), "mid-October", "early November" (the day the list gives).
func (r *reader) monthPart(toks []token, i, to int, today time.Time) (int, bool) {
	v := &r.v.When
	var day string
	var mo, y int
	var hasYear bool
	if m := v.MonthPart.at(toks, i); m.ok() && m.End < to {
		n, ok := r.intVal(v.Month, &toks[m.End])
		if !ok {
			return 0, false
		}
		day, mo = m.Pattern.val, n
		y, hasYear = yearAt(toks, m.End+1) // "the end of February 2027"
	} else if l := toks[i].l; strings.IndexByte(l, '-') > 0 {
		// "mid-october": one token
		p, mon, _ := strings.Cut(l, "-")
		val, ok := v.MonthPart.value(p)
		n, ok2 := v.Month.vals[r.lx.id(mon)]
		if !ok || !ok2 || r.lx.id(mon) == noID {
			return 0, false
		}
		x, err := strconv.Atoi(n)
		if err != nil {
			return 0, false
		}
		day, mo = val, x
	} else {
		return 0, false
	}
	d, err := strconv.Atoi(day)
	if err != nil || mo < 1 || mo > 12 {
		return 0, false
	}
	// the last day of the month, at most
	if last := time.Date(2001, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day(); d > last {
		d = last
	}
	return daysToDate(today, y, hasYear, time.Month(mo), d)
}

// slashDate reads "10/19", "19/10" or "10/19/2026" as a past date.
func slashDate(l string, today time.Time) (int, bool) {
	sep := "/"
	if strings.Count(l, "-") == 2 && !strings.Contains(l, "/") {
		sep = "-" // "10-09-2026", "2026-10-09"
	}
	if strings.Count(l, sep) < 1 || len(l) > 10 || !isDigit(l[0]) {
		return 0, false
	}
	parts := strings.Split(l, sep)
	// "2026/3/31", "2026-10-09": the year first, then month and day
	if len(parts) == 3 && len(parts[0]) == 4 {
		return yearFirst(parts, today)
	}
	if len(parts) != 2 && len(parts) != 3 {
		return 0, false
	}
	a, e1 := strconv.Atoi(parts[0])
	b, e2 := strconv.Atoi(parts[1])
	if e1 != nil || e2 != nil {
		return 0, false
	}
	y, hasYear := 0, false
	if len(parts) == 3 {
		if yy, err := strconv.Atoi(parts[2]); err == nil {
			if yy < 100 {
				yy += 2000
			}
			y, hasYear = yy, true
		}
	}
	mo, d := a, b
	if a > 12 {
		mo, d = b, a
	} else if b <= 12 && a >= 1 && b >= 1 {
		// "5/11" or "04/11/2026" is May 11 or 4 November: the reading
		// nearer the message's date is the one meant.
		d1, ok1 := daysToDate(today, y, hasYear, time.Month(a), b)
		d2, ok2 := daysToDate(today, y, hasYear, time.Month(b), a)
		if ok2 && (!ok1 || d2 < d1) {
			mo, d = b, a
		}
	}
	if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
		if days, ok := daysToDate(today, y, hasYear, time.Month(mo), d); ok {
			return days, true
		}
		// "11/09/2026" written day first: 11 November is still to come
		if hasYear && d <= 12 {
			return daysToDate(today, y, hasYear, time.Month(d), mo)
		}
	}
	return 0, false
}

// yearFirst reads a date split into year, month and day ("2026", "3",
// "31") as days before today.
func yearFirst(parts []string, today time.Time) (int, bool) {
	y, e1 := strconv.Atoi(parts[0])
	mo, e2 := strconv.Atoi(parts[1])
	d, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return 0, false
	}
	return daysToDate(today, y, true, time.Month(mo), d)
}

// dottedDate reads "30.09.2026" and "30.09.26", day first.
func dottedDate(l string, today time.Time) (int, bool) {
	parts := strings.Split(l, ".")
	// "2026.11.03": the year first
	if len(parts) == 3 && len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2 && parts[2] != "" {
		return yearFirst(parts, today)
	}
	if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return 0, false
	}
	d, e1 := strconv.Atoi(parts[0])
	mo, e2 := strconv.Atoi(parts[1])
	if e1 != nil || e2 != nil || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return 0, false
	}
	// "30.09.": day and month, the year left out (German and others):
	// the latest such day up to today
	if parts[2] == "" {
		if len(parts[1]) != 2 {
			return 0, false
		}
		return daysToDate(today, today.Year(), false, time.Month(mo), d)
	}
	y, err := strconv.Atoi(parts[2])
	if err != nil {
		return 0, false
	}
	if y < 100 {
		y += 2000
	}
	return daysToDate(today, y, true, time.Month(mo), d)
}

// agoAt reads "<count> <unit> ago" ending at toks[ago].
func (r *reader) agoAt(toks []token, from, ago int) (int, bool) {
	v := &r.v.When
	u := ago - 1
	if u < from {
		return 0, false
	}
	// "a month and a half ago"
	half := 0.0
	if u-3 >= from && v.Half.has(&toks[u]) && v.AndAHalf.at(toks, u-2).ok() {
		half, u = 0.5, u-3
	}
	unit, ok := r.intVal(v.Unit, &toks[u])
	if !ok {
		return 0, false
	}
	n := 1.0
	j := u - 1
	// (a count just before the window is still this unit's count: "the
	// 5th, two weeks ago today" read again from "weeks" is 14 days, not
	// "weeks ago" as one week; fresh-58's bf51)
	if j >= 0 && j < from && toks[j].sent == toks[u].sent {
		if x, ok := r.numberAt(&toks[j]); ok {
			n = x
		}
	}
	if j >= from {
		if r.v.Common.Of.has(&toks[j]) && j-1 >= from { // "a couple of months"
			j--
		}
		x, ok := r.numberAt(&toks[j])
		if !ok && !toks[j].punct {
			return 0, false // "my first day back": no count, no time ago
		}
		if ok {
			n = x
			// "three and a half weeks"
			if v.Half.has(&toks[j]) && j-3 >= from && v.AndAHalf.at(toks, j-2).ok() {
				if x2, ok := r.numberAt(&toks[j-3]); ok {
					n = x2 + 0.5
				}
			}
		}
	}
	return int((n+half)*float64(unit) + 0.5), true
}

func daysSinceWeekday(today time.Time, wd time.Weekday) int {
	d := int(today.Weekday()-wd+7) % 7
	if d == 0 {
		d = 7
	}
	return d
}

// daysToWeekdayLastWeek is the days since the given weekday of the week
// (Monday to Sunday) before today's.
func daysToWeekdayLastWeek(today time.Time, wd time.Weekday) int {
	sinceMonday := (int(today.Weekday()) + 6) % 7
	return sinceMonday + 7 - (int(wd)+6)%7
}

func daysToDate(today time.Time, y int, hasYear bool, m time.Month, d int) (int, bool) {
	if !hasYear {
		y = today.Year()
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.After(today) {
		// "effective December 1" in October, "deadline 15.12": a day in
		// the next three months is still to come, not last year's
		if hasYear || daysBetween(today, t) <= 92 {
			return 0, false
		}
		t = time.Date(y-1, m, d, 0, 0, 0, 0, time.UTC)
	}
	days := daysBetween(t, today)
	if days > 3650 {
		return 0, false
	}
	return days, true
}

// leftDays finds when the job ended: a time expression in the event
// sentence, else the nearest one in the sentences around it.
func (r *reader) leftDays() (int, bool) {
	ref := r.m.Envelope.Date
	if ref.IsZero() {
		return 0, false
	}
	t := r.t
	record := func(d, at int, why string) (int, bool) {
		// "last year", "two years ago": near the story, most often about
		// something else ("last year we won an award"); a year away is not
		// how people date a job they want back. Left blank.
		if d >= 300 && at >= 0 && at < len(t.toks) && !r.v.When.Month.has(&t.toks[at]) && !isDigit(t.toks[at].l[0]) {
			r.evi = append(r.evi, Evidence{Field: "left_ago_days", Value: itoa(d), Words: r.span(at, min(at+4, len(t.toks))), Rule: why + "; a year or more away, and not a date", Strength: Weak})
			return 0, false
		}
		r.evi = append(r.evi, Evidence{Field: "left_ago_days", Value: itoa(d), Words: r.span(at, min(at+4, len(t.toks))), Rule: why, Strength: Strong, Stated: true})
		r.leftApprox = r.spanAt(at)
		return d, true
	}
	// "My last day was June 30th": said outright, it wins.
	for si, s := range t.sents {
		if m := r.find(r.v.When.LastDay, t.toks, s[0], s[1]); m.ok() {
			// (not the new job's: "The new company (Gulfstar Trading)
			// closed my department after only two months and my last day
			// there was 30 October", fresh-58's bf24)
			if ns := r.newJobAt(si); ns >= 0 && ns < m.Start {
				continue
			}
			d, at, ok := r.timeExpr(t.toks, m.Start, s[1], ref)
			if ok && at < m.End && r.v.When.Weekday.has(&t.toks[min(at+1, len(t.toks)-1)]) {
				// "My last Sunday was June 28th": not "last Sunday"
				d, at, ok = r.timeExpr(t.toks, m.End, s[1], ref)
			}
			if ok {
				return record(d, at, matched("left_ago_days: the date of the last day", m))
			}
		}
	}
	// "I worked there until September 22": the day it ended.
	for _, s := range t.sents {
		if !r.in(r.v.Situation.FirstPerson, t.toks, s[0], s[1]) {
			continue
		}
		for i := s[0]; i+1 < s[1]; i++ {
			if !r.jobUntil(t.toks, s, i) {
				continue
			}
			// ("until Friday, October 16, I was employed": the weekday
			// before the date)
			near := i + 2
			if r.v.When.Weekday.has(&t.toks[i+1]) {
				near = i + 4
			}
			// ("until two weeks ago I was the office manager": a count
			// back from today, fresh-65's bm20; not "until last month")
			if d, at, ok := r.timeExpr(t.toks, i+1, min(i+6, s[1]), ref); ok && (at <= near && (r.v.When.Month.has(&t.toks[at]) || isDigit(t.toks[at].l[0]) || r.v.When.Weekday.has(&t.toks[at])) ||
				r.in(r.v.When.Ago, t.toks, i+1, min(i+6, s[1])) && !(i > s[0] && (r.v.Common.Det.has(&t.toks[i-1]) || r.v.Common.Poss.has(&t.toks[i-1])))) { // (not "in my till two weeks ago")
				return record(d, at, rule("left_ago_days: the date they worked until", r.v.Situation.Until))
			}
		}
	}
	if r.ev.at >= 0 {
		si := t.toks[r.ev.at].sent
		// "On October 12th I told my boss I was pregnant. Eight days later
		// they eliminated my position."
		// (but "Two weeks later, on the 4th of September, ... dismissed":
		// a date told in the sentence itself says it exactly)
		if n, at, ok := r.laterOffset(t.toks, t.sents[si][0], t.sents[si][1]); ok && !r.dateIn(t.toks, at+2, t.sents[si][1], ref) {
			for k := si - 1; k >= 0 && k >= si-3; k-- {
				s := t.sents[k]
				if d, _, ok := r.timeExpr(t.toks, s[0], s[1], ref); ok && d-n >= 0 {
					return record(d-n, at, "left_ago_days: a time told before, and a count of days later [when.txt]")
				}
			}
		}
		// The event's sentence, then the one before it ("Yesterday the
		// manager and I had a shouting match. He told me to clear out my
		// desk.").
		const others = -1 << 20 // where the other sentences of the event go
		month := ""             // the month alone that dates the event, if so
		// (four sentences back last: a story told step by step, "on the
		// 19th we were down to me and one other aide ... i left anyway.
		// clocked out, put my badge on the desk and walked out", fresh-59's
		// bg14)
		order := []int{si, si - 1, others, si - 2, si + 1, si - 3, si + 2, si + 3, si - 4}
		// "... said they couldn't count on me and I was done. That was
		// September 14th.": the next sentence dates the event it points
		// back to, before the one before it ("I got summoned for jury duty
		// and served 8 days on a trial at the end of August": fresh-58's
		// bf23)
		if si+1 < len(t.sents) {
			if m := r.find(r.v.When.ToldAgain, t.toks, t.sents[si+1][0], t.sents[si+1][1]); m.ok() && m.Start == t.sents[si+1][0] {
				order = []int{si, si + 1, si - 1, others, si - 2, si - 3, si + 2, si + 3}
			}
		}
		for n := 0; n < len(order); n++ {
			k := order[n]
			if k == others {
				// "I write regarding my recent dismissal ... On Friday 9th
				// October I was called to a meeting. I was informed that I
				// was being dismissed": when neither the event's sentence
				// nor the one before tells a time, the other sentences that
				// tell the same event, and the one before each, come next.
				if l := r.ev.list; l != nil {
					var more []int
					for e := si + 1; e < len(t.sents) && e <= si+8; e++ {
						if r.in(l, t.toks, t.sents[e][0], t.sents[e][1]) {
							more = append(more, e, e-1)
						}
					}
					// ("Three weeks ago I was let go from Halvorsen Seed &
					// Supply ... When they let me go, Brett said my numbers
					// were fine": the ending told before in other words, as
					// the job ending; fresh-60's bh22)
					for e := max(si-8, 0); e < si-1; e++ {
						if r.in(r.v.Situation.FiredEnded, t.toks, t.sents[e][0], t.sents[e][1]) {
							more = append(more, e)
						}
					}
					order = append(order[:n+1], append(more, order[n+1:]...)...)
				}
				continue
			}
			if k < 0 || k >= len(t.sents) {
				continue
			}
			// (but not past an event dated by a weekday this reader could
			// not place: "On Friday the 23rd I ran a cleanup script ... On
			// the Monday my manager ... called me in", fresh-20's y53)
			if k == si-4 && r.in(r.v.When.Weekday, t.toks, t.sents[si][0], t.sents[si][1]) {
				continue
			}
			s := t.sents[k]
			// A writer who quit: a sentence near it that tells of a job
			// taken away ("the urgent care closed last week", "last month
			// the hospital cut all the contract positions") is about the
			// job they went to, not the day they left (fresh-34).
			if k != si && r.ev.situation == SituationQuit && r.jobTakenAway(s) {
				continue
			}
			// "On May 1, 2026, I commenced a twelve-month contract": when
			// the job began
			if k != si && r.in(r.v.When.Began, t.toks, s[0], s[1]) && !r.in(r.v.When.Leaving, t.toks, s[0], s[1]) {
				continue
			}
			d, at, ok := r.timeExpr(t.toks, s[0], s[1], ref)
			if !ok && k == si && r.ev.situation == SituationQuit {
				// "Back in August I resigned": the writer dated it by its
				// month only. Another sentence's time counts only if it
				// names that month or speaks of leaving ("I told my boss on
				// the 10th of July", "I finished up five weeks ago"), not
				// "my contract in Phoenix ended last week" (fresh-46).
				month = r.monthOnly(max(s[0], r.ev.at-4), min(s[1], r.ev.at+8))
				// "in august a bigger studio in Levent offered me engineer
				// title and almost double money, so i jumped ship": the
				// month that opens the sentence, in lower case from a
				// writer who writes so (fresh-72's bt31; not a season:
				// "In the spring the bank offered ... My retirement took
				// effect on June 30", fresh-26's i60)
				for i := s[0] + 1; month == "" && i < min(s[1], s[0]+3); i++ {
					if r.v.When.Month.has(&t.toks[i]) && (t.toks[i].cap || r.lowercaseWriter()) && r.v.Common.In.has(&t.toks[i-1]) {
						month = t.toks[i].l
					}
				}
			}
			if ok && k != si && month != "" && !r.leavingBesides(s, at) && !r.hasWord(s, month) {
				continue
			}
			// A writer who quit: a time told after the new job in another
			// sentence is the new job's ("The new company (Gulfstar Trading)
			// closed my department after only two months and my last day
			// there was 30 October", fresh-58's bf24)
			if ok && k != si && r.ev.situation == SituationQuit {
				if ns := r.newJobAt(k); ns >= 0 && ns < at {
					continue
				}
			}
			if ok && k == si {
				// In the event's sentence, the time said closest before the
				// event: "we met at my apartment last week and ... wednesday
				// my store manager fired me"
				// (a later start inside the same phrase, "the 20th of last
				// month", is not another time)
				for from := at + 4; from < r.ev.at; {
					d2, at2, ok2 := r.timeExpr(t.toks, from, s[1], ref)
					if !ok2 || at2 >= r.ev.at {
						break
					}
					if inBrackets(t.toks, s[0], at2) || r.apposition(t.toks, at, at2) {
						from = at2 + 1 // "on Oct 23 (a Friday)", "On March 13, a Friday,": the same day again
						continue
					}
					d, at, from = d2, at2, at2+4
				}
			}
			if ok {
				// "last year" two sentences away is most often about
				// something else ("last year we won an award").
				if k != si && d >= 365 && !r.in(r.v.When.Leaving, t.toks, s[0], s[1]) {
					continue
				}
				return record(d, at, "left_ago_days: a time expression near the event [when.txt]")
			}
		}
		if month != "" {
			r.evi = append(r.evi, Evidence{Field: "left_ago_days", Words: r.span(max(t.sents[si][0], r.ev.at-4), r.ev.at+1), Rule: "left_ago_days: the event dated by its month only", Strength: Weak})
			return 0, false
		}
	}
	// Told only in the subject: "got fired from the dealership yesterday".
	if r.ev.at < 0 {
		subj := r.subjectToks()
		if d, at, ok := r.timeExpr(subj, 0, len(subj), ref); ok {
			r.evi = append(r.evi, Evidence{Field: "left_ago_days", Value: itoa(d), Words: joinToks(subj, at, min(at+3, len(subj))), Rule: "left_ago_days: a time expression in the subject [when.txt]", Strength: Strong, Stated: true})
			return d, true
		}
	}
	// Other sentences that speak of leaving or of the last day.
	for _, s := range t.sents {
		if r.in(r.v.When.Leaving, t.toks, s[0], s[1]) {
			if r.ev.situation == SituationQuit && r.jobTakenAway(s) {
				continue // the job they went to (see above)
			}
			if d, at, ok := r.timeExpr(t.toks, s[0], s[1], ref); ok {
				return record(d, at, rule("left_ago_days: a time expression in a sentence about leaving", r.v.When.Leaving))
			}
		}
	}
	return 0, false
}

// spanAt reports whether the time expression at toks[at] counts weeks or
// more ("a couple of weeks back", "a month ago", "last week"), not days,
// and names no day (a month, a weekday, a date, or a day of time_relative:
// "a fortnight ago today" does).
func (r *reader) spanAt(at int) bool {
	toks := r.t.toks
	if at < 0 || at >= len(toks) {
		return false
	}
	span := false
	// (the expression's word may be its last: "a couple of weeks back")
	for k := max(at-4, r.t.sents[toks[at].sent][0]); k < len(toks) && k < at+5 && toks[k].sent == toks[at].sent; k++ {
		if r.v.When.Month.has(&toks[k]) || r.v.When.Weekday.has(&toks[k]) || isDigit(toks[k].l[0]) && !(k+1 < len(toks) && r.v.When.Unit.has(&toks[k+1])) || r.v.When.Relative.at(toks, k).ok() {
			return false
		}
		if d, ok := r.intVal(r.v.When.Unit, &toks[k]); ok && d >= 7 {
			span = true
		}
	}
	return span
}

// monthOnly returns the month, lower case, by which toks[from:to] date
// something alone ("back in August", "in June"), or "".
func (r *reader) monthOnly(from, to int) string {
	toks := r.t.toks
	for i := max(from, 1); i < to && i < len(toks); i++ {
		if r.v.When.Month.has(&toks[i]) && toks[i].cap && r.v.Common.In.has(&toks[i-1]) {
			return toks[i].l
		}
		// "I handed in my notice in the spring" (fresh-60's bh24): a season
		// dates it no better than a month
		if r.v.When.Season.has(&toks[i]) && i > 1 && r.v.Common.The.has(&toks[i-1]) && r.v.Common.In.has(&toks[i-2]) {
			return toks[i].l
		}
	}
	return ""
}

// leavingBesides reports whether the sentence s speaks of leaving in words
// other than the time told at toks[at] ("I finished up five weeks ago", but
// not the "last" of "ended last week").
func (r *reader) leavingBesides(s [2]int, at int) bool {
	for k := s[0]; k < s[1]; k++ {
		if (k < at || k > at+2) && r.v.When.Leaving.has(&r.t.toks[k]) {
			return true
		}
	}
	return false
}

// hasWord reports whether the sentence s holds the lower-case word w.
func (r *reader) hasWord(s [2]int, w string) bool {
	for k := s[0]; k < s[1]; k++ {
		if r.t.toks[k].l == w {
			return true
		}
	}
	return false
}

// jobTakenAway reports whether a sentence tells of a firing, a lay-off or
// a closure, and not also of quitting or of a last day ("Finished up at
// SCM on the 3rd of July ... by the 21st of August they'd made my role
// redundant"; "meu último dia foi 30 de setembro").
func (r *reader) jobTakenAway(s [2]int) bool {
	v := &r.v.Situation
	for _, l := range []*List{v.Quit, v.FiredEnded, r.v.When.LastDay} {
		if r.find(l, r.t.toks, s[0], s[1]).ok() {
			return false
		}
	}
	for _, l := range []*List{v.Fired, v.LaidOff, v.Closed} {
		if r.find(l, r.t.toks, s[0], s[1]).ok() {
			return true
		}
	}
	return false
}

// laterOffset reads "eight days later", "two weeks after that", "the next
// day" in toks[from:to]: days after a moment told before.
func (r *reader) laterOffset(toks []token, from, to int) (int, int, bool) {
	v := &r.v.When
	for i := from; i < to; i++ {
		if m := v.Next.at(toks, i); m.ok() && m.End <= to {
			if d, err := strconv.Atoi(m.Pattern.val); err == nil {
				return d, i, true
			}
		}
		if !v.Later.at(toks, i).ok() || i-1 < from {
			continue
		}
		unit, ok := r.intVal(v.Unit, &toks[i-1])
		if !ok {
			continue
		}
		n := 1.0
		if i-2 >= from {
			if x, ok := r.numberAt(&toks[i-2]); ok {
				n = x
			}
		}
		return int(n*float64(unit) + 0.5), i - 2, true
	}
	return 0, -1, false
}

// tenure finds how long they worked there: "for three years", "six years
// there", "I started there in 2019". A count of years with nothing to say
// it is a length of service ("3 years no accidents") is not stated.
func (r *reader) tenure() (float64, bool) {
	toks, v := r.t.toks, &r.v.When
	var weak float64
	weakOK := false
	first, firstFrom, firstTo, firstYearly := 0.0, -1, -1, false
	for i := range toks {
		if _, ok := r.tenureUnit(&toks[i]); ok {
			s := r.t.sents[toks[i].sent]
			if y, j, ok := r.tenureAt(toks, s[0], i); ok {
				// "I am living in London for 4 years", "I work in UK 9 year":
				// time in a country, not at a job
				// ("working in Dubai since 8 years": time in a place, or at the
				// job there; a count said with the job wins over it below)
				inPlace := j-3 >= s[0] && toks[j-1].l == "since" && r.v.Company.Places.has(&toks[j-2]) && r.v.Common.In.has(&toks[j-3])
				if r.endsAt(v.TenureAge, toks, max(j-2, s[0]), j) {
					continue // "I am 44 years and I live near Stuttgart": an age
				}
				if r.in(v.TenureAbroad, toks, max(j-6, s[0]), j) || j > s[0] && r.v.Company.Places.has(&toks[j-1]) || j-2 >= s[0] && (toks[j-1].l == "for" || toks[j-1].l == "of") && v.TenureOther.has(&toks[j-2]) ||
					j-1 >= s[0] && v.TenureOther.has(&toks[j-1]) || // "I had fixed contract 12 months" (fresh-38)
					j-3 >= s[0] && toks[j-1].l == "for" && r.v.Common.Be.has(&toks[j-2]) && v.TenureOther.has(&toks[j-3]) { // "My contract was for 2 years" (fresh-73's bu62)
					continue
				}
				// "my girlfriend's dad worked there 30 years"; "leave a bank
				// job after two months" at the new job
				// (but not "the Friday before Labor Day after 31 years": a
				// day told by another)
				guard := r.findWhere(r.v.Situation.Guard, toks, max(j-6, s[0]), j, func(m Match) bool {
					return !(m.Start > s[0] && (toks[m.Start].l == "before" || toks[m.Start].l == "after") && (v.Weekday.has(&toks[m.Start-1]) || v.Unit.has(&toks[m.Start-1])))
				})
				if guard.ok() && !r.in(r.v.Situation.FirstPerson, toks, max(j-6, s[0]), j) {
					continue
				}
				if ns := r.newJobAt(toks[i].sent); ns >= 0 && i >= ns {
					continue
				}
				// "since 2 years 6 months"
				// "since 2 years 6 months", "for 2 years and 8 months"
				if perYear, _ := r.tenureUnit(&toks[i]); perYear == 1 && i+2 < s[1] {
					k := i + 1
					if r.v.Common.And.has(&toks[k]) && k+2 < s[1] {
						k++
					}
					if m, ok := r.numberAt(&toks[k]); ok {
						if u, ok := r.tenureUnit(&toks[k+1]); ok && u == 12 && m < 12 {
							y = float64(int((y+m/12)*10+0.5)) / 10
						}
					}
				}
				// "thirty-one years of teaching, the last nineteen of them at
				// Lincoln Heights", "an RN for 19 years, the last 11 of them
				// at St. Agnes": a career, then the part of it at this job
				// (fresh-46)
				for k := i + 1; k+2 < s[1] && k <= i+5; k++ {
					if r.v.Common.The.has(&toks[k]) && v.LastWord.has(&toks[k+1]) {
						// (the part at a workplace named after it; "after 27
						// years, the last 15 as parts manager" is one employer)
						if n, ok := r.numberAt(&toks[k+2]); ok && n < y && n > 0 && r.employerIn(k+3, min(k+12, s[1]), false) && !r.employerIn(s[0], j, true) {
							y = n
						}
						break
					}
				}
				if i > s[0] && v.Rate.has(&toks[i-1]) && !r.in(v.TenureContext, toks, max(j-3, s[0]), j) && !v.AndAHalf.at(toks, min(i+1, len(toks)-1)).ok() && !(i > s[0]+1 && r.v.Common.And.has(&toks[i-2])) {
					continue // "9,000 items a month"
				}
				if !r.find(v.TenureNot, toks, i+1, min(i+2, s[1])).ok() {
					// "I'd been there four years", "for six years": said as a
					// length of service; else the first count wins at the end.
					if !inPlace && (r.in(v.TenureContext, toks, max(j-3, s[0]), j) || r.in(v.TenureContext, toks, i+1, min(i+3, s[1]))) {
						r.tenureEvidence(y, j, i+1, "tenure_years: a length of service")
						return y, true
					}
					// without a word to say it, a count of years beats one of
					// months ("two months of warnings ... 4 years there")
					if perYear, _ := r.tenureUnit(&toks[i]); firstFrom < 0 || perYear == 1 && !firstYearly {
						first, firstFrom, firstTo, firstYearly = y, j, i+1, perYear == 1
					}
					continue
				}
				if !weakOK {
					weak, weakOK = y, true
					r.evi = append(r.evi, Evidence{Field: "tenure_years", Value: strconv.FormatFloat(y, 'f', -1, 64), Words: r.span(j, i+2), Rule: rule("tenure_years: a count of years followed by words that make it something else", v.TenureNot), Strength: Weak})
				}
			}
		}
		// "I started there in the fall of 2019", "since 2019"
		// (not "working in Dubai since 2014": time in a place)
		// (nor said of someone else, or of how often: "who has been my line
		// manager since 2021", "Salesman of the month 9 times since 2019")
		if m := v.Started.at(toks, i); m.ok() && !r.m.Envelope.Date.IsZero() && !r.in(v.TenureAbroad, toks, max(i-6, r.t.sents[toks[i].sent][0]), i) && !(i > 0 && r.v.Company.Places.has(&toks[i-1])) &&
			!r.in(r.v.Common.Who, toks, max(i-8, r.t.sents[toks[i].sent][0]), i) && !(i > 0 && v.SinceNotAfter.has(&toks[i-1])) {
			s := r.t.sents[toks[i].sent]
			for k := m.End; k < s[1] && k < m.End+5; k++ {
				if y, ok := yearAt(toks, k); ok {
					if n := r.m.Envelope.Date.Year() - y; n > 0 && n <= 60 {
						r.tenureEvidence(float64(n), i, k+1, "tenure_years: the year they started")
						return float64(n), true
					}
					break
				}
			}
		}
	}
	_ = weak
	// "broken for a month", "after 2 months": a count of months with
	// nothing to say it is a length of service is said of something else
	// more often than not
	if firstFrom >= 0 && firstYearly {
		r.tenureEvidence(first, firstFrom, firstTo, "tenure_years: the first count of years or months")
		return first, true
	}
	return 0, false
}

// employerIn reports whether "at" or "with" and a capitalised word come in
// toks[from:to] ("the last 11 of them at St. Agnes"). Before a length
// (before), "for", "from" and "the" too: "with the Lakeshore District School
// Board for 8 years", "from Vaalkop Platinum after 27 years" name the
// employer the whole length was with.
func (r *reader) employerIn(from, to int, before bool) bool {
	toks := r.t.toks
	for k := from; k+1 < to; k++ {
		if !r.v.Common.At.has(&toks[k]) && toks[k].l != "with" && !(before && (toks[k].l == "for" || toks[k].l == "from")) {
			continue
		}
		n := k + 1
		if before && r.v.Common.The.has(&toks[n]) && n+1 < to {
			n++ // (after it, "at the Rockford terminal" is a site of the same employer)
		}
		if toks[n].cap && !toks[n].punct {
			return true
		}
	}
	return false
}

func (r *reader) tenureEvidence(y float64, from, to int, why string) {
	r.evi = append(r.evi, Evidence{Field: "tenure_years", Value: strconv.FormatFloat(y, 'f', -1, 64), Words: r.span(from, to), Rule: why + " [when.txt]", Strength: Strong, Stated: true})
}

// tenureUnit returns how many of the unit make a year: 1 for years, 12 for
// months.
func (r *reader) tenureUnit(t *token) (float64, bool) {
	d, ok := r.intVal(r.v.When.Unit, t)
	switch {
	case !ok:
		return 0, false
	case d == 365:
		return 1, true
	case d == 30:
		return 12, true
	}
	return 0, false
}

// tenureAt reads a length of service such as "three and a half years",
// "about 18 months", "a year and a half" whose unit is toks[u]. It returns
// years.
func (r *reader) tenureAt(toks []token, from, u int) (float64, int, bool) {
	v := &r.v.When
	perYear, ok := r.tenureUnit(&toks[u])
	if !ok {
		return 0, 0, false
	}
	if u+1 < len(toks) && toks[u].sent == toks[u+1].sent && v.TenureAfter.has(&toks[u+1]) {
		return 0, 0, false
	}
	j := u - 1
	if j < from {
		return 0, 0, false
	}
	// "six (6) years": the count in words, then in figures in brackets
	// (fresh-61's bi49, a formal letter from Ghana)
	if j-3 >= from && toks[j].l == ")" && toks[j-2].l == "(" && isDigit(toks[j-1].l[0]) {
		j -= 3
	}
	if v.TenureAdj.has(&toks[j]) { // "seven good years" (not "a good year")
		j--
		if j >= from && !isDigit(toks[j].l[0]) && r.v.Common.Det.has(&toks[j]) {
			return 0, 0, false
		}
	}
	n := 0.0
	if j >= from {
		n, ok = r.numberAt(&toks[j])
	}
	if !ok || j < from {
		return 0, 0, false
	}
	if v.Half.has(&toks[j]) && j-3 >= from && v.AndAHalf.at(toks, j-2).ok() {
		if x, ok := r.numberAt(&toks[j-3]); ok {
			n = x + 0.5
			j -= 3
		}
	} else if v.Half.has(&toks[j]) && j-2 >= from && r.v.Common.And.has(&toks[j-1]) {
		if x, ok := r.numberAt(&toks[j-2]); ok && !v.Half.has(&toks[j-2]) {
			n = x + 0.5 // "three and half years"
			j -= 2
		}
	} else if u+1 < len(toks) && v.AndAHalf.at(toks, u+1).ok() {
		n += 0.5
	} else if u+2 < len(toks) && r.v.Common.And.has(&toks[u+1]) && v.Half.has(&toks[u+2]) {
		n += 0.5 // "3 years and half"
	}
	if j > from && v.Half.has(&toks[j-1]) && toks[j-1].sent == toks[j].sent && n == 1 {
		n, j = 0.5, j-1 // "half a year"
	}
	if j > from && v.OverUnder.has(&toks[j-1]) && n > 18 && perYear == 1 {
		return 0, 0, false // "over 55": an age
	}
	y := n / perYear
	if y <= 0 || y > 60 {
		return 0, 0, false
	}
	return float64(int(y*10+0.5)) / 10, j, true
}

// timeFromUnix is for tests: a reference time from seconds, kept within the
// years a Date header can name.
func timeFromUnix(sec int64) time.Time {
	const lo, hi = 0, 7_000_000_000 // 1970 to 2191
	if sec < lo {
		sec = -sec
	}
	return time.Unix(sec%hi, 0).UTC()
}

// inBrackets reports whether toks[at] stands inside an open bracket that
// starts at or after from.
func inBrackets(toks []token, from, at int) bool {
	for k := at - 1; k >= from; k-- {
		switch toks[k].l {
		case ")":
			return false
		case "(":
			return true
		}
	}
	return false
}

// apposition reports whether the time expression at toks[at2] only says
// again the day told just before at toks[at]: "On March 13, a Friday,".
func (r *reader) apposition(toks []token, at, at2 int) bool {
	if at2-at > 6 || at2 < 2 {
		return false
	}
	k := at2 - 1
	if r.v.Common.Det.has(&toks[k]) && !r.v.Common.The.has(&toks[k]) {
		k-- // "a Friday"
	} else if r.v.Common.The.has(&toks[k]) && r.v.When.Weekday.has(&toks[at2]) {
		// "On October 9th, the Friday before Thanksgiving": the same day
		// told by the holiday after it (fresh-70's br16); not "the next
		// Monday", whose "next" stands before the weekday
		k--
	}
	return toks[k].l == ","
}

// dateIn reports whether toks[from:to] tell a day with a month or a number
// ("on the 4th of September", "on 4/9").
func (r *reader) dateIn(toks []token, from, to int, ref time.Time) bool {
	if from >= to {
		return false
	}
	_, at, ok := r.timeExpr(toks, from, to, ref)
	return ok && at >= 0 && at < len(toks) && (r.v.When.Month.has(&toks[at]) || toks[at].l != "" && isDigit(toks[at].l[0]))
}
