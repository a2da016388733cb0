package parser

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// accomplishmentWords are the lists that find contributions with a number
// (accomplishments.txt).
type accomplishmentWords struct {
	Verb        *List `list:"achievement_verb"`        // cut, grew, trained, saved ...
	Split       *List `list:"clause_split"`            // and, ;: where one clause ends
	Quantity    *List `list:"quantity_word"`           // every, third, half, double: a number in words
	NotNumber   *List `list:"not_quantity"`            // a, an: numbers that do not count
	Other       *List `list:"other_doer"`              // they, he, company, was: someone else's doing
	Object      *List `list:"achievement_object"`      // me, us: "the one who trained me" is someone else's doing
	Firing      *List `list:"achievement_guard"`       // fired, late, missed, ago: about the firing
	Years       *List `list:"achievement_years"`       // years: a guard only before the verb
	Lead        *List `list:"achievement_lead"`        // the, two, my: kept before the verb
	Target      *List `list:"achievement_target"`      // goal, target, rate: "340 an hour when the goal was 280"
	Magnitude   *List `list:"magnitude"`               // million, thousand: the rest of a number
	Saving      *List `list:"achievement_saving"`      // saved, cut: "saved 3 days off-hire" is a saving, not a length
	CountEnd    *List `list:"count_end"`               // for, when, theres: what a number counts ends before them
	Label       *List `list:"number_label"`            // aisle, gate, room: "aisle 40" names a place, counts nothing
	Tail        *List `list:"clause_tail"`             // so, when, can: what leads into a writer's next "i", not this clause's
	RiseEnd     *List `list:"rise_end"`                // last, this: after a rise's last number, what it counts ends before these too
	RiseBy      *List `list:"rise_by"`                 // after, while: after a rise's last number, how the writer brought it about
	Noun        *List `list:"achievement_noun"`        // award: its name comes before it ("the Star Performer award")
	VerbLike    *List `list:"past_verb"`               // cut, hit, set, ran, won ...
	VerbEnd     *List `list:"past_ending"`             // ed
	NounMark    *List `list:"achievement_noun_before"` // on, from: "on top of that" is no verb
	Mine        *List `list:"achievement_own_aux"`     // was, got: the writer's own after "I" ("I was top 3", "I got our score up") ...
	MineNext    *List `list:"achievement_own_next"`    // ... when one of these follows: the, our, top
	Award       *List `list:"award_title"`             // "of the month": after a title, an award won ("picker of the month twice")
	Holder      *List `list:"award_holder"`            // employee, agent: before "of the month", the title of an award
	Standing    *List `list:"rank_award"`              // "the best rated gm on google reviews": a standing, number or not
	StandingEnd *List `list:"rank_award_end"`          // lol, and: where a standing's words end
	RateNot     *List `list:"rate_not_counted"`        // dollars, times, hours: "8 bucks an hour" is pay, not output
	RateNow     *List `list:"rate_not_now"`            // i'm, now, lose: a rate of today's job, or a loss, not a contribution
	PastNot     *List `list:"past_count_not"`          // retired, resigned, applied: "I retired after 31 years" counts nothing done
	DateBefore  *List `list:"count_date_before"`       // on, in, at, since: "on 30", "in 2019" are dates, not counts
	Clean       *List `list:"clean_record"`            // "never had a write-up", "a clean record": a record without blame
	Without     *List `list:"record_without"`          // "700 days without a lost time injury": a safe record counted
	Never       *List `list:"record_never"`            // "never had an accident": with "in 11 years", the same
	CountLead   *List `list:"record_count_lead"`       // over, nearly: kept before the count ("over 700 days")
	RateVerb    *List `list:"achievement_rate_verb"`   // had, kept: "my team had 94% CSAT", as "my CSAT was 94%"
	VerbNum     *List `list:"achievement_verb_number"` // hitting, push: a verb only with a number just after it
	Zero        *List `list:"zero_word"`               // zero: a count of none ...
	ZeroNot     *List `list:"zero_not"`                // ... unless one of these follows: "zero tolerance", "zero hours"
	Rank        *List `list:"achievement_rank"`        // best, top, won: a rank or prize, counted by its year alone ("best ... in 2024")
	Self        *List `list:"reflexive"`               // myself: "by myself" is no passive
	LevelVerb   *List `list:"level_verb"`              // kept, got, brought: the writer's verb before a level they held or moved ...
	Level       *List `list:"level_marker"`            // at, under, above, down, up: ... told by one of these right before its number
	Change      *List `list:"change_marker"`           // down, up: a change, with any number (not only a rate or money)
	LevelSkip   *List `list:"level_skip"`              // by, about, around: between the marker and the number
	LevelWho    *List `list:"level_subject"`           // i, we: who held or moved it
	FindVerb    *List `list:"money_find_verb"`         // found, caught, recovered: money the writer found ...
	FindBack    *List `list:"money_back"`              // back: ... or got back ("we got back around $60,000")
	LevelEnd    *List `list:"level_end"`               // all, just: what a level's number counts ends before these
	Up          *List `list:"change_up"`               // up, rose, jumped: a measure that rose ...
	Down        *List `list:"change_down"`             // down, dropped, fell: ... or fell ...
	ChangeAux   *List `list:"change_aux"`              // went, was, came: between the measure and its change
	Lower       *List `list:"lower_is_better"`         // errors, no-shows, waste: a measure whose fall is the good news
	ChangeNot   *List `list:"change_not_counted"`      // rent, pay, hours: the writer's own costs, not a result
}

// accomplishments lists contributions the writer mentions that carry a
// number: "cut empty miles by 12%", "trained six new coordinators".
func (r *reader) accomplishments() []string {
	toks, v := r.t.toks, &r.v.Accomplishment
	var out []string
	for _, s := range r.t.sents {
		// "I'm on medication now, I've set up every deadline in Asana with
		// reminders a week out": what they did since to fix it, not an
		// achievement (improvements reads it)
		if r.find(r.v.Improvement.Done, toks, s[0], s[1]).ok() {
			continue
		}
		// clauses split at "and", ";" and ","+verb
		start := s[0]
		lower := r.lowercaseWriter()
		for i := s[0]; i <= s[1]; i++ {
			// a writer who does not punctuate opens a clause with each "i"
			// ("... nobody survives a pip there i closed 212 claims last
			// quarter which is more than half the team", fresh-58's bf08):
			// the "i" is the next clause's
			before := lower && i < s[1] && i > start+1 && r.v.Common.I.has(&toks[i])
			// (", I ran the grill ... when Marcus quit" is a clause of its own)
			if i < s[1] && !before && !(v.Split.has(&toks[i]) || toks[i].l == "," && i+1 < s[1] && (v.Verb.has(&toks[i+1]) || r.v.Common.I.has(&toks[i+1]))) {
				continue
			}
			// (more than 25 words is a writer who does not punctuate, not
			// one achievement: fresh-39's review, a message's whole end
			// pasted into a letter as one)
			end := i
			if before {
				// (the words that led into the next "i" are not this
				// clause's: "ran 40+ demos a quarter, so", "top 3 on the
				// board most months how do")
				for end > start && (toks[end-1].punct || v.Tail.has(&toks[end-1])) {
					end--
				}
			}
			if c := r.achievementClause(toks, start, end); c != "" && len(strings.Fields(c)) <= 25 {
				out = append(out, c)
				r.evi = append(r.evi, Evidence{Field: "accomplishments", Value: c, Words: c, Rule: rule("accomplishments: a clause with a verb of achievement and a number", v.Verb), Strength: Strong, Stated: true})
			}
			start = i + 1
			if before {
				start = i
			}
		}
	}
	out = append(out, r.ownLevels(out)...)
	out = append(out, r.ownChanges(out)...)
	out = append(out, r.safeRecords(out)...)
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

// numberSoon reports whether toks[from:to] holds a number in figures or
// words ("like 118%", "like 180").
func (r *reader) numberSoon(toks []token, from, to int) bool {
	for k := from; k < to && k < len(toks); k++ {
		if _, ok := r.v.Common.Number.val(&toks[k]); numeric(toks[k].l) || ok {
			return true
		}
	}
	return false
}

// cleanRecord reports whether the writer says their record was clean
// until the end (Message.CleanRecord), and records where it says so.
func (r *reader) cleanRecord() bool {
	c := r.find(r.v.Accomplishment.Clean, r.t.toks, 0, len(r.t.toks))
	if c.ok() {
		r.evi = append(r.evi, Evidence{Field: "clean_record", Value: "true", Words: joinToks(r.t.toks, c.Start, c.End), Rule: matched("clean_record", c), Strength: Strong})
	}
	return c.ok()
}

// safeRecords finds a record counted in time without an accident or an
// injury (fresh-43's review: "my crew went over 700 days without a lost
// time injury", "In 11 years I never had an accident" dropped from the
// letters): "over 700 days without a lost time injury", "11 years without
// an accident". have are the contributions already read.
func (r *reader) safeRecords(have []string) []string {
	toks, v := r.t.toks, &r.v.Accomplishment
	var out []string
	for _, s := range r.t.sents {
		num := -1 // the count of time: "700 days", "11 years"
		for i := s[0]; i+1 < s[1]; i++ {
			if _, isNum := r.v.Common.Number.val(&toks[i]); (numeric(toks[i].l) || isNum) && r.v.When.Unit.has(&toks[i+1]) {
				num = i
				break
			}
		}
		if num < 0 {
			continue
		}
		var c string
		if m := r.find(v.Without, toks, num+2, s[1]); m.ok() && m.Start == num+2 {
			start := num
			if start > s[0] && v.CountLead.has(&toks[start-1]) {
				start--
			}
			c = joinToks(toks, start, m.End)
		} else if m := r.find(v.Never, toks, s[0], s[1]); m.ok() && !r.negatedBefore(toks, m.Start, 2) {
			// "In 11 years I never had an accident": the years, "without", what
			noun, art := toks[m.End-1].l, "a"
			if strings.ContainsRune("aeiou", rune(noun[0])) {
				art = "an"
			}
			c = joinToks(toks, num, num+2) + " without " + art + " " + noun
		}
		if c == "" || slices.ContainsFunc(have, func(h string) bool { return strings.Contains(h, c) }) {
			continue
		}
		out = append(out, c)
		r.evi = append(r.evi, Evidence{Field: "accomplishments", Value: c, Words: joinToks(toks, s[0], s[1]), Rule: rule("accomplishments: a time counted without an accident", v.Without, v.Never), Strength: Strong, Stated: true})
	}
	return out
}

func (r *reader) achievementClause(toks []token, from, to int) string {
	v := &r.v.Accomplishment
	verb, num, dated := -1, false, false
	for i := from; i < to; i++ {
		l := toks[i].l
		if verb < 0 && (v.Verb.has(&toks[i]) || v.VerbNum.has(&toks[i]) && r.numberSoon(toks, i+1, min(i+3, to))) {
			verb = i
		}
		if r.dateNumber(toks, i, to) {
			// "closed the 15 of October", "signed in 2023": a date counts
			// nothing (fresh-67's bo08); but "the best inspection score of
			// the whole chain in 2024" is a rank held that year
			dated = true
			continue
		}
		if numeric(l) || v.Magnitude.has(&toks[i]) && i > from { // ("N150 million": money in a currency written with a letter)
			num = true
		} else if _, ok := r.v.Common.Number.val(&toks[i]); ok && !v.NotNumber.has(&toks[i]) {
			num = true
		} else if v.Quantity.has(&toks[i]) {
			num = true
		} else if v.Zero.has(&toks[i]) && i+1 < to && !v.ZeroNot.has(&toks[i+1]) {
			num = true
		}
	}
	if dated && !num && verb >= 0 && v.Rank.has(&toks[verb]) {
		num = true
	}
	// "croissants went from like 120 to 300", "our NPS rose from 31 to
	// 58": a rise told with "from" and "to" and two numbers, whatever
	// the verb
	rise, target := false, false
	// "I got the plate remake rate down from about 6% to under 2%, which
	// Mr Pritchard always brought up at reviews" (fresh-57's be02): a rise
	// or fall told before the clause's first verb of contribution is what
	// it says, not what the verb after it does
	if verb >= 0 && num {
		if k := r.fromTo(toks, from, to); k > from && k-1 < verb {
			verb, rise = k-1, true
		}
	}
	// "i was hitting like 180 cases an hour when the target is 140": a
	// number against a lower goal is read as such whatever the verb
	// (fresh-31's ae14, once "hitting" was a verb of contribution)
	if verb >= 0 && num && !rise && v.VerbNum.has(&toks[verb]) {
		if k := r.overTarget(toks, from, to); k >= 0 {
			verb, target = k, true
		}
	}
	if verb < 0 && num {
		if k := r.fromTo(toks, from, to); k > from {
			verb, rise = k-1, true
		} else if m, k := r.ownRate(toks, from, to); k >= 0 {
			from, verb, rise = m, k, true // (what comes before is another clause: "My performance was always good, my CSAT was 94%")
		} else if k := r.overTarget(toks, from, to); k >= 0 {
			verb, target = k, true // "340 an hour when the goal was 280"
		} else if k := r.ownPastCount(toks, from, to); k >= 0 {
			verb = k // "I interpreted at more than 400 assignments"
		}
	}
	if verb < 0 || !num {
		if a := r.award(toks, from, to); a != "" {
			return a
		}
	}
	if verb < 0 && num {
		if a := r.workRate(toks, from, to); a != "" {
			return a
		}
	}
	if verb < 0 || !num || to-verb < 2 {
		return ""
	}
	// Someone else's doing, or a passive ("they cut the whole team", "20%
	// of the company was cut") is not the writer's contribution.
	// (unless the writer comes after them: "during my time with the firm
	// I reduced the close from nine days to five")
	for i := from; i < verb && !target; i++ { // (a rate against a goal is the writer's own: "my rates when I was stowing were 340")
		if v.Other.has(&toks[i]) && !r.in(r.v.Situation.FirstCore, toks, i+1, verb) {
			// "I was top 3 in AHT", "we got our shrink down from 2.1%":
			// the writer is the subject, and a determiner or "top"
			// follows, not a participle ("I was picked for a jury that
			// ran three weeks" is not theirs)
			if v.Mine.has(&toks[i]) && i > from && r.in(r.v.Situation.FirstCore, toks, i-1, i) && verb > i && v.MineNext.has(&toks[i+1]) {
				continue
			}
			// "i was hitting like 118% of rate": the writer's own, in the
			// progressive (fresh-62's bj36)
			if v.Mine.has(&toks[i]) && i > from && r.in(r.v.Situation.FirstCore, toks, i-1, i) && verb == i+1 && v.VerbNum.has(&toks[verb]) {
				continue
			}
			return ""
		}
	}
	// "the trial ran 9 days", "ran three weeks": a length of time, not an
	// achievement
	if !target && !v.Saving.has(&toks[verb]) && verb+2 < to && (toks[verb+1].l != "" && isDigit(toks[verb+1].l[0]) || r.v.Common.Number.has(&toks[verb+1])) && r.v.When.Unit.has(&toks[verb+2]) {
		return ""
	}
	// "cleared by my surgeon", "was reduced by the new owner": a passive,
	// done by someone else
	// (not "flat top by myself on a 200 cover night")
	if !target && !rise && verb+1 < to && r.v.Common.By.has(&toks[verb+1]) && !(verb+2 < to && (r.countAt(&toks[verb+2]) >= 0 || v.Self.has(&toks[verb+2]))) {
		return ""
	}
	// ("a nonconformance that saved us about $250K in rework" is the
	// writer's saving: "us" is whom it saved)
	if !target && (verb+1 < to && v.Object.has(&toks[verb+1]) && !v.Saving.has(&toks[verb]) || verb > 0 && v.NounMark.has(&toks[verb-1])) {
		return "" // "the one who trained me from zero"; "on set", "on top of that": a noun
	}
	// Guard against sentences about the firing itself.
	for i := from; i < to; i++ {
		// ("In these 4 years I have automated 1,200 test cases": the
		// writer after the years, then the verb)
		// ("5 years with zero incidents": a record kept over the years)
		if v.Firing.has(&toks[i]) || v.Years.has(&toks[i]) && verb > i && !r.in(r.v.Situation.FirstCore, toks, i+1, verb) && toks[verb].l != "zero" {
			return ""
		}
	}
	start := verb
	// keep "the highest member satisfaction scores": start at a determiner before the verb
	if start > from && v.Lead.has(&toks[start-1]) && !(v.VerbLike.has(&toks[start]) || v.VerbEnd.endsWord(toks[start].l)) {
		start--
	}
	// "I got the Star Performer award in 2024": an award says what it was
	// for in the capitalised words before it
	if v.Noun.has(&toks[verb]) {
		for start > from && verb-start < 4 && (toks[start-1].cap && !r.v.Common.I.has(&toks[start-1]) || r.v.Common.Det.has(&toks[start-1])) {
			start--
			if r.v.Common.Det.has(&toks[start]) {
				break
			}
		}
	}
	// a rise says what rose: "croissants went from 120 to 300", "our NPS
	// rose from 31 to 58" (from the clause's start, up to three words
	// before the verb)
	if rise {
		start = max(from, verb-3)
		if toks[verb].l == "down" {
			// "I got our debtors' days down from 68 to 41": from the writer
			for k := verb - 1; k >= from && k >= verb-6; k-- {
				if r.v.Situation.FirstCore.has(&toks[k]) {
					start = k
					break
				}
			}
		}
		for start < verb && (toks[start].punct || r.v.Common.And.has(&toks[start]) || r.v.Common.I.has(&toks[start])) {
			start++
		}
		// "I got our claim denial rate from about 18% down to 6%": the
		// writer's verb just before what rose is kept (fresh-42's review:
		// "Our claim denial rate from about 18% down to 6%" in a letter)
		if start > from && start == verb-3 && (v.Mine.has(&toks[start-1]) || v.VerbLike.has(&toks[start-1])) && start-2 >= from && r.v.Common.I.has(&toks[start-2]) {
			start--
		}
	}
	targetEnd := -1
	if target {
		// from the writer's "my" or "I" nearest before the number, to the
		// goal's number: "I did 16 rooms a day when the standard is 14"
		start = -1
		for k := verb - 1; k >= from && start < 0; k-- {
			if r.v.Common.My.has(&toks[k]) {
				start = k
			}
		}
		for k := verb - 1; k >= from && start < 0; k-- {
			if r.v.Common.I.has(&toks[k]) {
				start = k
			}
		}
		start = max(start, from)
		for k := verb + 1; k < to; k++ {
			if numeric(toks[k].l) {
				targetEnd = k + 1
				if targetEnd < to && r.v.Accomplishment.Magnitude.has(&toks[targetEnd]) {
					targetEnd++ // "AED 2.4 million"
				}
				break
			}
		}
	}
	// A writer with no full stops runs one clause to the end of the
	// message ("trained probably 10 new people theres already a now
	// hiring sign in the window lol is it even worth asking ..."): a long
	// clause ends a few words after its number.
	if rise && targetEnd < 0 && verb+1 < to && r.v.Common.From.has(&toks[verb+1]) {
		// a rise or fall ends at the number it comes to, with its unit
		// ("from eight working days to five while I was there, so I know I
		// can do it": fresh-57's be34)
		targetEnd = r.riseEnd(toks, verb+1, to)
	}
	if targetEnd > 0 {
		to = targetEnd
	} else if to-start > 16 {
		for i := start; i < to; i++ {
			if numeric(toks[i].l) {
				// "brought in over 300 new savings accounts for the branch":
				// the number and what it counts, up to a preposition
				end := i + 1
				for end < to && end <= i+4 && !v.CountEnd.has(&toks[end]) && !toks[end].punct {
					end++
				}
				// "we did 22,000 pounds of crab a shift": not cut after
				// its "a" (fresh-74's review, bv40)
				if end < to && !toks[end].punct && r.v.Common.Det.has(&toks[end-1]) {
					end++
				}
				// "from approximately 1,400 jobs to fewer than 600": on to
				// the number the rise or fall ends at
				for k := i + 1; k < to && k <= i+3; k++ {
					if r.v.Common.To.has(&toks[k]) {
						for m := k + 1; m < to && m <= k+3; m++ {
							if numeric(toks[m].l) {
								end = m + 1
								// "from 3 days to 6 hours": with its unit (fresh-57's be38)
								if end < to && r.v.When.Unit.has(&toks[end]) {
									end++
								}
								break
							}
						}
						break
					}
				}
				to = min(to, end)
				break
			}
		}
	}
	return strings.TrimRight(joinToks(toks, start, to), ",;:")
}

// numeric reports whether a word is a number: "40", "1,200", "94%",
// "$8k", "£6.2m"; not an ordinal ("the 2nd engineer", "my 3rd year").
func numeric(l string) bool {
	if l == "" {
		return false
	}
	if isDigit(l[0]) {
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			if strings.HasSuffix(l, suf) && len(l) > 2 && isDigit(l[len(l)-3]) {
				return false
			}
		}
		return true
	}
	return currency(l) || strings.HasSuffix(l, "%")
}

// currency tells whether a word starts with a currency sign and a digit:
// "$8k", "£6.2m", "€40,000", "₹12".
func currency(l string) bool {
	r, n := utf8.DecodeRuneInString(l)
	return n > 0 && n < len(l) && unicode.Is(unicode.Sc, r) && isDigit(l[n])
}

// fromTo returns the index of a "from" in toks[from:to] with a number
// after it and "to" and a number within the next four words, or -1.
func (r *reader) fromTo(toks []token, from, to int) int {
	num := func(k int) bool { return k < to && r.countAt(&toks[k]) >= 0 }
	for i := from; i+3 < to; i++ {
		if !r.v.Common.From.has(&toks[i]) {
			continue
		}
		n := i + 1
		if !num(n) && num(n+1) {
			n++ // "from like 120"
		}
		if !num(n) {
			continue
		}
		// a rise: with no verb of contribution, a fall is as often hours
		// or pay cut ("went from 5 shifts to 1", "from 40 to 28")
		for k := n + 1; k < to && k <= n+4; k++ {
			if !r.v.Common.To.has(&toks[k]) {
				continue
			}
			m := k + 1
			if !num(m) {
				m++
			}
			if num(m) && r.countAt(&toks[m]) > r.countAt(&toks[n]) {
				return i
			}
			// a fall the writer brought about: "I got our times down from
			// around 18 minutes to 12"
			if num(m) && (i-2 >= from && (toks[i-1].l == "down" || toks[i-2].l == "down") || toks[k-1].l == "down") && r.in(r.v.Situation.FirstCore, toks, from, i) {
				return i
			}
		}
	}
	return -1
}

// riseEnd returns the end of a rise or fall whose "from" is toks[at]: past
// the number after its "to" and what it counts ("to 6 hours", "to 14
// dentals a week"), or -1.
func (r *reader) riseEnd(toks []token, at, to int) int {
	for k := at + 2; k < to && k <= at+6; k++ {
		if !r.v.Common.To.has(&toks[k]) {
			continue
		}
		for m := k + 1; m < to && m <= k+2; m++ {
			if r.countAt(&toks[m]) < 0 {
				continue
			}
			// with what it counts, up to four words: "to 14 dentals a
			// week", "to 31% of sales", "to 6 hours"; not "in two years",
			// "last year"; but the rest of the clause when it says the
			// writer brought it about ("after I redid the pricing
			// templates", "while I was there", "in my first year", to a
			// comma)
			end := m + 1
			for end < to && end <= m+4 && !toks[end].punct {
				stop := r.v.Accomplishment.CountEnd.has(&toks[end]) || r.v.Accomplishment.RiseEnd.has(&toks[end])
				if stop && !(end+1 < to && (r.v.Common.My.has(&toks[end+1]) || r.v.Common.I.has(&toks[end+1]))) {
					break
				}
				// ("in my first year", "on my watch": the writer's part too)
				if stop || r.v.Accomplishment.RiseBy.has(&toks[end]) {
					for end < to && !toks[end].punct {
						end++
					}
					return end
				}
				end++
			}
			return end
		}
		return -1
	}
	return -1
}

// countAt is the number a word tells, in figures or in words ("6%" is 6,
// "eight" is 8; fresh-57's be34, "the month-end close down from eight
// working days to five"), or -1 if it tells none ("a", "one" of them).
func (r *reader) countAt(t *token) float64 {
	if numeric(t.l) {
		return leadNumber(t.l)
	}
	if f, ok := r.numberAt(t); ok && !r.v.Accomplishment.NotNumber.has(t) {
		return f
	}
	return -1
}

// leadNumber is the number a word starts with, after a currency sign
// ("$1.2m" is 1.2, "94%" is 94), or 0.
func leadNumber(l string) float64 {
	if _, n := utf8.DecodeRuneInString(l); n > 0 && !isDigit(l[0]) {
		l = l[n:]
	}
	end := 0
	for end < len(l) && (isDigit(l[end]) || l[end] == '.' || l[end] == ',') {
		end++
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimRight(l[:end], ".,"), ",", ""), 64)
	if err != nil {
		return 0
	}
	return f
}

// ownRate returns the indexes of the "my" and the "was" in "my CSAT was
// 94%", "our retention was 97%": a rate of the writer's own told with a
// per cent sign, or -1, -1.
func (r *reader) ownRate(toks []token, from, to int) (int, int) {
	for i := from; i+2 < to; i++ {
		if !r.v.Common.My.has(&toks[i]) {
			continue
		}
		for k := i + 2; k <= i+4 && k+1 < to; k++ {
			if (r.v.Common.Be.has(&toks[k]) || r.v.Accomplishment.RateVerb.has(&toks[k])) && strings.HasSuffix(toks[k+1].l, "%") && isDigit(toks[k+1].l[0]) {
				return i, k
			}
		}
	}
	return -1, -1
}

// overTarget returns the index of a number in toks[from:to] told against a
// lower goal, target or rate ("my rates were 340 an hour when the goal was
// 280", "doing like 180 units a hour when the rate is 140"), or -1.
func (r *reader) overTarget(toks []token, from, to int) int {
	for i := from; i < to; i++ {
		if !numeric(toks[i].l) {
			continue
		}
		for k := i + 1; k < to && k <= i+8; k++ {
			if !r.v.Accomplishment.Target.has(&toks[k]) {
				continue
			}
			for m := k + 1; m < to && m <= k+3; m++ {
				if numeric(toks[m].l) {
					if leadNumber(toks[m].l) < leadNumber(toks[i].l) && r.in(r.v.Situation.FirstCore, toks, from, i) || leadNumber(toks[m].l) < leadNumber(toks[i].l) && r.v.Common.My.has(&toks[from]) {
						return i
					}
					break
				}
			}
			break
		}
	}
	return -1
}

// award reads an award won in toks[from:to], number or not: "I made
// picker of the month twice", "Employee of the Quarter two times". The
// writer's own: no one else's doing and nothing of the firing before it.
func (r *reader) award(toks []token, from, to int) string {
	v := &r.v.Accomplishment
	for k := from + 1; k < to; k++ {
		if !v.Award.has(&toks[k]) {
			continue
		}
		m := v.Award.at(toks, k)
		if !m.ok() || m.End > to || !(v.Holder.has(&toks[k-1]) || r.roleNoun(&toks[k-1]) && !strings.HasSuffix(toks[k-1].l, "s")) { // (not "the biggest sales of the year")
			continue
		}
		start := k - 1
		for start > from && start > k-4 && !toks[start-1].punct && !r.v.Common.I.has(&toks[start-1]) && !r.v.Common.And.has(&toks[start-1]) {
			start--
		}
		for i := from; i < to; i++ {
			if v.Firing.has(&toks[i]) || i < k && v.Other.has(&toks[i]) && !v.Mine.has(&toks[i]) {
				return ""
			}
		}
		end := m.End
		for end < to && end < m.End+4 && !toks[end].punct && !v.CountEnd.has(&toks[end]) {
			end++ // "twice", "two times", "in March"
		}
		return strings.TrimRight(joinToks(toks, start, end), ",;:")
	}
	// "i was literally the best rated gm on google reviews": a standing
	// the writer held, told after "I was" (fresh-71's bs04)
	for k := from + 1; k < to; k++ {
		m := v.Standing.at(toks, k)
		if !m.ok() || m.End > to {
			continue
		}
		own := -1
		for i := max(from, k-4); i < k; i++ {
			if r.v.Common.I.has(&toks[i]) && i+1 < k && r.v.Common.Be.has(&toks[i+1]) {
				own = i
			}
		}
		if own < 0 {
			continue
		}
		for i := from; i < to; i++ {
			if v.Firing.has(&toks[i]) {
				return ""
			}
		}
		end := m.End
		for end < to && end < m.End+7 && !toks[end].punct && !v.StandingEnd.has(&toks[end]) {
			end++ // "on google reviews"
		}
		return strings.TrimRight(joinToks(toks, own, end), ",;:") // "I was the best rated ...": a sentence of the writer's
	}
	return ""
}

// workRate reads the writer's own output told as a rate, whatever the
// verb: "I did like 40 cars a day on saturdays", "I clean 16 rooms per
// shift", "my line made 14 tonnes per shift". Not hours or shifts worked
// ("40 hours a week"), nor pay ("$18 an hour"), nor anything about the
// firing ("late 3 times a month").
func (r *reader) workRate(toks []token, from, to int) string {
	v, w := &r.v.Accomplishment, &r.v.When
	for i := from; i < to; i++ {
		if v.Firing.has(&toks[i]) || v.Other.has(&toks[i]) && !v.Mine.has(&toks[i]) || v.RateNow.has(&toks[i]) {
			return ""
		}
	}
	mine := -1 // the writer's "I" or "my" nearest before toks[i], once (a long clause is read in one pass)
	for i := from; i+3 < to; i++ {
		if i > from && (r.v.Situation.FirstCore.has(&toks[i-1]) || r.v.Common.My.has(&toks[i-1])) {
			mine = i - 1
		}
		if !numeric(toks[i].l) || currency(toks[i].l) || mine < 0 {
			continue
		}
		// the number, what it counts (a word or two, not a unit of time),
		// then "a", "per" or "every" and a unit: "40 cars a day"
		for k := i + 2; k <= i+4 && k+1 < to; k++ {
			if !w.Rate.has(&toks[k]) && toks[k].l != "every" || !w.Unit.has(&toks[k+1]) {
				continue
			}
			counted := false
			for c := i + 1; c < k; c++ {
				if toks[c].punct || w.Unit.has(&toks[c]) || v.RateNot.has(&toks[c]) {
					counted = false
					break
				}
				counted = true
			}
			if !counted {
				break
			}
			// from the writer's "I" or "my" nearest before the number
			// ("Before that I was doing 25-30 jobs a week")
			start := mine
			end := k + 2
			for end < to && end < k+6 && !toks[end].punct && !v.CountEnd.has(&toks[end]) {
				end++
			}
			return strings.TrimRight(joinToks(toks, start, end), ",;:")
		}
	}
	return ""
}

// ownPastCount returns the index of a past-tense verb right after the
// writer's "I" with a count of things within the next few words ("I
// interpreted at more than 400 assignments", "I delivered over 300
// parcels"), or -1: a contribution whatever the verb. Not a length of
// time ("I worked 3 years") nor a count of times.
func (r *reader) ownPastCount(toks []token, from, to int) int {
	v := &r.v.Accomplishment
	for k := from; k+2 < to; k++ {
		if !r.v.Common.I.has(&toks[k]) || !v.VerbEnd.endsWord(toks[k+1].l) || v.Firing.has(&toks[k+1]) || v.PastNot.has(&toks[k+1]) {
			continue
		}
		for n := k + 2; n < to && n <= k+6; n++ {
			if !numeric(toks[n].l) {
				continue
			}
			// a count of things: not a date, a year or a time ("retired on
			// June 30", "in 2019", "at 3am", "10mg"), a length or how often
			l := toks[n].l
			if n+1 >= to || r.v.When.Unit.has(&toks[n+1]) || toks[n+1].punct || v.RateNot.has(&toks[n+1]) || r.v.When.Month.has(&toks[n+1]) ||
				r.v.When.Month.has(&toks[n-1]) || v.DateBefore.has(&toks[n-1]) || v.Label.has(&toks[n-1]) || len(l) == 4 && (strings.HasPrefix(l, "19") || strings.HasPrefix(l, "20")) ||
				strings.IndexFunc(l, unicode.IsLetter) >= 0 && !currency(l) {
				return -1 // "I worked 3 years", "I called 5 times"
			}
			return k + 1
		}
	}
	return -1
}

// ownLevels finds, in sentences where no other rule read a contribution, a
// level the writer held or a change they brought about, told by a marker
// right before its number: "I kept the planer line running at 98% uptime",
// "I got the downtime on the bottling line down by about 30%", "we kept
// the late-load rate under 3%"; and money they found: "I found $14,000 of
// double billing" (fresh-64's review: such results dropped from letters).
// The number after "at", "under" or "above" must be a rate or money; after
// "down" or "up" any count. have are the contributions already read.
func (r *reader) ownLevels(have []string) []string {
	v := &r.v.Accomplishment
	return r.eachSentence(have, r.ownLevel, rule("accomplishments: a level the writer held or moved, or money they found", v.LevelVerb, v.Level, v.FindVerb))
}

// eachSentence reads, with read, each sentence where no contribution in
// have was read, and records what it finds by the rule why.
func (r *reader) eachSentence(have []string, read func(toks []token, from, to int) string, why string) []string {
	toks := r.t.toks
	var out []string
	for _, s := range r.t.sents {
		c := read(toks, s[0], s[1])
		if c == "" {
			continue
		}
		// (the sentence's words are joined only for a find: most have none)
		text := joinToks(toks, s[0], s[1])
		if slices.ContainsFunc(have, func(h string) bool { return strings.Contains(text, h) }) {
			continue
		}
		out = append(out, c)
		r.evi = append(r.evi, Evidence{Field: "accomplishments", Value: c, Words: text, Rule: why, Strength: Strong, Stated: true})
	}
	return out
}

// ownLevel reads one sentence for ownLevels: the writer ("I", "we"), a
// verb of level_verb or money_find_verb right after (an adverb between),
// and within ten words, in the same clause, the marker and its number.
func (r *reader) ownLevel(toks []token, from, to int) string {
	v := &r.v.Accomplishment
	for k := from; k+3 < to; k++ {
		if !v.LevelWho.has(&toks[k]) {
			continue
		}
		verb := k + 1
		if !v.LevelVerb.has(&toks[verb]) && !v.FindVerb.has(&toks[verb]) && verb+1 < to {
			verb++ // "I also kept", "we always got"
		}
		level, find := v.LevelVerb.has(&toks[verb]), v.FindVerb.has(&toks[verb])
		if level && verb+1 < to && v.FindBack.has(&toks[verb+1]) {
			level, find = false, true
		}
		if !level && !find {
			continue
		}
		// "I got written up three times", "got cut down to 20 hours": a
		// passive, done to the writer
		if p := &toks[verb+1]; v.VerbEnd.endsWord(p.l) || v.VerbLike.has(p) || strings.HasSuffix(p.l, "en") && !p.cap && r.countAt(p) < 0 {
			continue
		}
		for i := verb + 1; i < to && i <= verb+10; i++ {
			t := &toks[i]
			// (money is found for someone: "I found the board $40,000 a year")
			if t.punct || v.Firing.has(t) || v.Other.has(t) && !find || r.v.Situation.FirstCore.has(t) {
				break
			}
			n := -1 // the number the level or money is told in
			switch {
			case find && currency(t.l):
				n = i
			case level && v.Level.has(t):
				for m := i + 1; m < to && m <= i+4 && n < 0 && !toks[m].punct; m++ {
					if r.countAt(&toks[m]) >= 0 || v.Quantity.has(&toks[m]) {
						n = m
					} else if !v.LevelSkip.has(&toks[m]) {
						break
					}
				}
				if n >= 0 && !v.Change.has(t) && !strings.HasSuffix(toks[n].l, "%") && !currency(toks[n].l) {
					n = -1 // "at 7", "under 3 managers": a time, a count of people
				}
			}
			if n < 0 {
				continue
			}
			// the number and what it counts, up to three words ("at 98%
			// uptime", "$14,000 of double billing"; not "for 3 years")
			end := r.countedEnd(toks, n, to, 3)
			for end > n+1 && (r.v.Common.Det.has(&toks[end-1]) || r.v.When.Rate.has(&toks[end-1])) {
				end-- // "$40,000 a year": not the "a"
			}
			if end < to && toks[end].l == "of" && end+1 < to && !toks[end+1].punct {
				end += 2 // "of double billing"
				for end < to && end <= n+5 && !toks[end].punct && !v.CountEnd.has(&toks[end]) {
					end++
				}
			}
			return strings.TrimRight(joinToks(toks, verb, end), ",;:")
		}
	}
	return ""
}

// ownChanges finds, in sentences where no other rule read a contribution, a
// measure that changed for the better with a number, and that is the
// writer's: "my class's reading scores went up 18 points", "I rebuilt the
// whole checkout flow and conversion went up 18%", "I redid the route
// board and our late-delivery rate dropped by about 20%" (fresh-64's
// review and 17 labelled sets: the result after the deed, dropped from the
// letters). Better is up, or down for a measure of lower_is_better; the
// writer's is "my" or "our" in the measure, or an "I" and a past verb
// before it in the sentence (which then starts the contribution). Not
// pay or hours ("my hours went down to 20"), nor a sentence about the
// firing. have are the contributions already read.
func (r *reader) ownChanges(have []string) []string {
	v := &r.v.Accomplishment
	return r.eachSentence(have, r.ownChange, rule("accomplishments: a measure of the writer's that changed for the better", v.Up, v.Down, v.Lower))
}

// ownChange reads one sentence for ownChanges.
func (r *reader) ownChange(toks []token, from, to int) string {
	v := &r.v.Accomplishment
	for i := from + 1; i+1 < to; i++ {
		up, down := v.Up.has(&toks[i]), v.Down.has(&toks[i])
		if !up && !down {
			continue
		}
		n := -1
		for m := i + 1; m < to && m <= i+4 && !toks[m].punct; m++ {
			if r.countAt(&toks[m]) >= 0 || v.Quantity.has(&toks[m]) {
				n = m
				break
			}
			if !v.LevelSkip.has(&toks[m]) && !r.v.Common.To.has(&toks[m]) {
				break
			}
		}
		if n < 0 {
			continue
		}
		// the measure: the words before the change, back past "went",
		// "was", to a determiner, "my" or "our", or four words
		m := i
		for m > from && v.ChangeAux.has(&toks[m-1]) {
			m--
		}
		end := m
		for m > from && end-m < 4 && !toks[m-1].punct && !r.v.Common.And.has(&toks[m-1]) && !r.v.Situation.FirstCore.has(&toks[m-1]) {
			m--
			if r.v.Common.Det.has(&toks[m]) || r.v.Common.My.has(&toks[m]) || r.v.Common.Poss.has(&toks[m]) {
				break
			}
		}
		if m == end {
			continue
		}
		lower, mine := false, false
		for k := m; k < end; k++ {
			lower = lower || v.Lower.has(&toks[k]) || slices.ContainsFunc(strings.Split(toks[k].l, "-"), v.Lower.word) // "late-delivery"
			mine = mine || r.v.Common.My.has(&toks[k]) || r.v.Situation.FirstCore.has(&toks[k])
			if v.ChangeNot.has(&toks[k]) || v.Firing.has(&toks[k]) || v.Other.has(&toks[k]) {
				mine, lower, up, down = false, false, false, false
				break
			}
		}
		if !(up && !lower || down && lower) {
			continue
		}
		// the writer's deed before it: "I rebuilt the whole checkout flow
		// and", with no one else's doing between
		start := m
		for k := m - 1; k >= from && k >= m-16; k-- {
			// (someone else's doing: "they", "she"; "the route board" is
			// what the writer redid)
			if r.v.Common.Pronoun.has(&toks[k]) || v.Firing.has(&toks[k]) {
				break
			}
			if r.v.Situation.FirstCore.has(&toks[k]) && k+1 < m {
				if p := &toks[k+1]; v.VerbEnd.endsWord(p.l) || v.VerbLike.has(p) || v.Verb.has(p) {
					start, mine = k+1, true
				}
				break
			}
		}
		if !mine {
			continue
		}
		for k := from; k <= n; k++ {
			if v.Firing.has(&toks[k]) {
				return ""
			}
		}
		return strings.TrimRight(joinToks(toks, start, r.countedEnd(toks, n, to, 2)), ",;:") // "went up 18 points"
	}
	return ""
}

// countedEnd is where the number at toks[n] and what it counts end, up to
// most words after it ("a third", "at 98% uptime", "18 points"): before a
// stop of the clause, a unit of time, another number, or a word of
// level_end or level_skip ("at 97% all last year").
func (r *reader) countedEnd(toks []token, n, to, most int) int {
	v := &r.v.Accomplishment
	end := n + 1
	if end < to && v.Quantity.has(&toks[n]) && v.Quantity.has(&toks[end]) {
		end++ // "a third"
	}
	for end < to && end <= n+most && !toks[end].punct && !v.CountEnd.has(&toks[end]) && !v.RiseEnd.has(&toks[end]) && !r.v.When.Unit.has(&toks[end]) &&
		!v.LevelEnd.has(&toks[end]) && !v.LevelSkip.has(&toks[end]) && r.countAt(&toks[end]) < 0 {
		end++
	}
	return end
}

// dateNumber reports whether toks[i] is a number that is part of a date:
// a day next to its month ("15 of October", "October 15", "15 October"),
// or a year after "in", "since" or "of" ("in 2023").
func (r *reader) dateNumber(toks []token, i, to int) bool {
	l := toks[i].l
	if l == "" || !isDigit(l[0]) {
		return false
	}
	w := &r.v.When
	if i > 0 && w.Month.has(&toks[i-1]) || i+1 < to && w.Month.has(&toks[i+1]) || i+2 < to && r.v.Common.Of.has(&toks[i+1]) && w.Month.has(&toks[i+2]) {
		return true
	}
	return len(l) == 4 && (strings.HasPrefix(l, "19") || strings.HasPrefix(l, "20")) && i > 0 && r.v.Accomplishment.DateBefore.has(&toks[i-1])
}
