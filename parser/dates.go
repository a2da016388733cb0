package parser

import (
	"strconv"
	"strings"
	"time"
)

var numberWords = map[string]float64{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "couple": 2, "few": 3, "several": 3, "half": 0.5,
	"twenty-one": 21, "twenty-two": 22, "twenty-three": 23, "twenty-four": 24, "twenty-five": 25,
}

// number reads a count at toks[i]: "3", "three", "a", "a couple of" (read
// backwards from the unit, so the caller passes the token just before it).
func numberAt(t *token) (float64, bool) {
	if v, ok := numberWords[t.l]; ok {
		return v, true
	}
	if v, err := strconv.ParseFloat(strings.TrimSuffix(t.l, "+"), 64); err == nil && v >= 0 && v < 10000 {
		return v, true
	}
	return 0, false
}

var unitDays = map[string]float64{
	"day": 1, "days": 1, "week": 7, "weeks": 7, "wk": 7, "wks": 7, "fortnight": 14, "fortnights": 14,
	"month": 30, "months": 30, "year": 365, "years": 365, "yr": 365, "yrs": 365,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "tues": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "jan.": 1, "feb": 2, "feb.": 2, "mar": 3, "mar.": 3, "apr": 4, "apr.": 4, "jun": 6, "jun.": 6,
	"jul": 7, "jul.": 7, "aug": 8, "aug.": 8, "sep": 9, "sep.": 9, "sept": 9, "sept.": 9, "oct": 10,
	"oct.": 10, "nov": 11, "nov.": 11, "dec": 12, "dec.": 12,
}

// timeWords are the words a time expression is found by.
var timeWords = func() wordClass {
	words := []string{"yesterday", "today", "tonight", "this", "ago", "back", "last", "past", "the"}
	for w := range holidays {
		words = append(words, w)
	}
	for w := range weekdays {
		words = append(words, w)
	}
	for w := range months {
		words = append(words, w)
	}
	return wordSet(words...)
}()

// holidays with a fixed date.
var holidays = map[string][2]int{
	"halloween": {10, 31}, "christmas": {12, 25}, "xmas": {12, 25}, "valentine's": {2, 14}, "valentines": {2, 14},
	"boxing": {12, 26}, "hogmanay": {12, 31},
}

// dayOfMonth reads "3", "3rd", "23rd", "14th".
func dayOfMonth(s string) (int, bool) {
	s = strings.TrimRight(s, ",")
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			s = s[:len(s)-len(suf)]
			break
		}
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

// timeExpr finds the first expression of a past moment in toks[from:to] and
// returns how many calendar days before ref it is. ref is the message's Date
// in its own offset.
func timeExpr(toks []token, from, to int, ref time.Time) (days int, at int, ok bool) {
	today := civil(ref)
	for i := from; i < to; i++ {
		t := &toks[i]
		if t.punct || !timeWords.has(t) && (t.l[0] < '0' || t.l[0] > '9') {
			continue
		}
		switch {
		case t.l == "yesterday":
			if i >= 2 && toks[i-1].l == "before" && toks[i-2].l == "day" {
				return 2, i, true
			}
			return 1, i, true
		case t.l == "today" || t.l == "tonight":
			// "four weeks ago today" is read at "ago"; "today" alone is 0.
			if i > from && toks[i-1].l == "ago" {
				continue
			}
			return 0, i, true
		case t.l == "this" && i+1 < to && (toks[i+1].l == "morning" || toks[i+1].l == "afternoon"):
			return 0, i, true
		case holidays[t.l] != [2]int{}:
			md := holidays[t.l]
			m, d := time.Month(md[0]), md[1]
			if t.l == "christmas" && i+1 < to && toks[i+1].l == "eve" {
				d = 24
			}
			if t.l == "boxing" && (i+1 >= to || toks[i+1].l != "day") {
				continue
			}
			if days, ok := daysToDate(today, 0, false, m, d); ok {
				return days, i, true
			}
		case t.l == "ago" || t.l == "back":
			// "three weeks ago", "a couple of months back"
			if d, ok := agoAt(toks, from, i); ok {
				return d, i, true
			}
		case t.l == "the" && i+1 < to:
			// "on the 3rd": the latest such day of a month, unless a
			// month follows ("the 3rd of March" is read at the month).
			if d, ok := dayOfMonth(toks[i+1].l); ok && len(toks[i+1].l) > 2 && !(toks[i+1].l[len(toks[i+1].l)-1] >= '0' && toks[i+1].l[len(toks[i+1].l)-1] <= '9') {
				if i+3 < to && toks[i+2].l == "of" {
					if _, isMonth := months[toks[i+3].l]; isMonth {
						continue
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
		case t.l == "last" || t.l == "past":
			if i+1 < to {
				n := toks[i+1].l
				switch n {
				case "week":
					return 7, i, true
				case "month":
					return 30, i, true
				case "year":
					return 365, i, true
				case "weekend":
					return daysSinceWeekday(today, time.Saturday), i, true
				}
				if wd, ok := weekdays[n]; ok {
					return daysSinceWeekday(today, wd), i, true
				}
			}
		}
		if wd, ok := weekdays[t.l]; ok && t.cap || ok && len(t.l) > 5 {
			prev := ""
			if i > from {
				prev = toks[i-1].l
			}
			next := ""
			if i+1 < to {
				next = toks[i+1].l
			}
			switch prev {
			case "next", "by", "the", "every", "each", "coming", "a":
				continue
			}
			switch next {
			case "meeting", "meetings", "shift", "shifts", "call", "deadline", "class", "schedule", "rota", "service":
				continue // "the Monday meeting"
			}
			if prev == "last" || prev == "past" {
				continue // handled above
			}
			// "Monday the 28th of September", "Friday, October 2": the
			// date that follows says it better.
			if j := i + 1; j < to {
				if toks[j].l == "," && j+1 < to {
					j++
				}
				_, isMonth := months[toks[j].l]
				_, isDay := dayOfMonth(toks[j].l)
				if isMonth || isDay || toks[j].l == "the" && j+1 < to && len(toks[j+1].l) > 2 {
					if _, isDay2 := dayOfMonth(toks[min(j+1, to-1)].l); isMonth || isDay || isDay2 {
						continue
					}
				}
			}
			// "the Friday before last"
			if i+2 < to && toks[i+1].l == "before" && toks[i+2].l == "last" {
				return daysSinceWeekday(today, wd) + 7, i, true
			}
			return daysSinceWeekday(today, wd), i, true
		}
		if m, ok := months[t.l]; ok && (t.cap || len(t.l) > 3) {
			// "October 19", "Oct 19th, 2026"
			if i+1 < to {
				if d, ok := dayOfMonth(toks[i+1].l); ok {
					y, hasYear := yearAt(toks, i+2)
					if !hasYear && i+3 < to && toks[i+2].l == "," {
						y, hasYear = yearAt(toks, i+3)
					}
					if days, ok := daysToDate(today, y, hasYear, m, d); ok {
						return days, i, true
					}
				}
			}
			// "19 October", "the 19th of October"
			if i > from {
				j := i - 1
				if toks[j].l == "of" && j > from {
					j--
				}
				if d, ok := dayOfMonth(toks[j].l); ok {
					y, hasYear := yearAt(toks, i+1)
					if days, ok := daysToDate(today, y, hasYear, m, d); ok {
						return days, j, true
					}
				}
			}
		}
		// "10/19" or "10/19/2026": month first, unless the first number
		// cannot be a month.
		if strings.Count(t.l, "/") >= 1 && len(t.l) <= 10 && t.l[0] >= '0' && t.l[0] <= '9' {
			parts := strings.Split(t.l, "/")
			if len(parts) == 2 || len(parts) == 3 {
				a, e1 := strconv.Atoi(parts[0])
				b, e2 := strconv.Atoi(parts[1])
				if e1 == nil && e2 == nil {
					mo, d := a, b
					if a > 12 {
						mo, d = b, a
					} else if b <= 12 && len(parts) == 2 {
						// "5/11" is May 11 or 5 November: the reading
						// nearer the message's date is the one meant.
						d1, ok1 := daysToDate(today, 0, false, time.Month(a), b)
						d2, ok2 := daysToDate(today, 0, false, time.Month(b), a)
						if ok2 && (!ok1 || d2 < d1) {
							mo, d = b, a
						}
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
					if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
						if days, ok := daysToDate(today, y, hasYear, time.Month(mo), d); ok {
							return days, i, true
						}
					}
				}
			}
		}
	}
	return 0, -1, false
}

// agoAt reads "<count> <unit> ago" ending at toks[ago].
func agoAt(toks []token, from, ago int) (int, bool) {
	u := ago - 1
	if u < from {
		return 0, false
	}
	// "a month and a half ago"
	half := 0.0
	if toks[u].l == "half" && u-3 >= from && toks[u-1].l == "a" && toks[u-2].l == "and" {
		half, u = 0.5, u-3
	}
	unit, ok := unitDays[toks[u].l]
	if !ok {
		return 0, false
	}
	n := 1.0
	j := u - 1
	if j >= from {
		if toks[j].l == "of" && j-1 >= from { // "a couple of months"
			j--
		}
		if v, ok := numberAt(&toks[j]); ok {
			n = v
			// "a half": "a month and a half" is rare before "ago"; "three and a half weeks"
			if toks[j].l == "half" && j-2 >= from && toks[j-1].l == "a" && toks[j-2].l == "and" {
				if v2, ok := numberAt(&toks[j-3]); ok && j-3 >= from {
					n = v2 + 0.5
				}
			}
		}
	}
	return int((n+half)*unit + 0.5), true
}

func daysSinceWeekday(today time.Time, wd time.Weekday) int {
	d := int(today.Weekday()-wd+7) % 7
	if d == 0 {
		d = 7
	}
	return d
}

func daysToDate(today time.Time, y int, hasYear bool, m time.Month, d int) (int, bool) {
	if !hasYear {
		y = today.Year()
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.After(today) {
		if hasYear {
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

// tenureAt reads a length of service such as "three and a half years",
// "about 18 months", "a year and a half" whose unit is toks[u]. It returns
// years.
func tenureAt(toks []token, from, u int) (float64, bool) {
	unit := toks[u].l
	var perYear float64
	switch unit {
	case "year", "years", "yr", "yrs":
		perYear = 1
	case "month", "months":
		perYear = 12
	default:
		return 0, false
	}
	if u+1 < len(toks) && toks[u].sent == toks[u+1].sent {
		switch toks[u+1].l {
		case "ago", "old", "later", "earlier", "before", "after":
			return 0, false
		}
	}
	j := u - 1
	if j < from {
		return 0, false
	}
	if toks[j].l == "good" || toks[j].l == "great" || toks[j].l == "full" || toks[j].l == "whole" { // "seven good years"
		j--
	}
	n, ok := 0.0, false
	if j >= from {
		n, ok = numberAt(&toks[j])
	}
	if !ok {
		return 0, false
	}
	if toks[j].l == "half" && j-3 >= from && toks[j-1].l == "a" && toks[j-2].l == "and" {
		if v, ok := numberAt(&toks[j-3]); ok {
			n = v + 0.5
		}
	} else if u+3 < len(toks) && toks[u+1].l == "and" && toks[u+2].l == "a" && toks[u+3].l == "half" {
		n += 0.5
	}
	if j > from && (toks[j-1].l == "over" || toks[j-1].l == "under") && n > 18 && perYear == 1 {
		return 0, false // "over 55": an age
	}
	y := n / perYear
	if y <= 0 || y > 60 {
		return 0, false
	}
	return float64(int(y*10+0.5)) / 10, true
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
