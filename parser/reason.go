package parser

import "strings"

// reasonWords are the lists that find why the job ended (reason.txt).
type reasonWords struct {
	Because      *List `list:"reason_because"`       // "because of", "due to", "the reason was": a reason follows
	Said         *List `list:"reason_said"`          // said: a reason follows when the boss said it
	SaidWho      *List `list:"reason_said_who"`      // he, she, they: who said it
	SaidNotWhy   *List `list:"reason_said_not_why"`  // out of his hands: what was said is who decided, not why
	SaidSkip     *List `list:"reason_said_skip"`     // "said that", "said it was": skipped
	Prep         *List `list:"reason_prep"`          // for, after, over, when: in the event's sentence
	PrepTo       *List `list:"reason_to"`            // to: a reason only for a resignation ("quit to care for ...")
	Duration     *List `list:"reason_duration"`      // almost, about, nearly, over: "for about two years" is no reason
	DurationLead *List `list:"reason_duration_lead"` // some, approximately, a bit: "for some twenty-three years"
	Stop         *List `list:"reason_stop"`          // and, but: where a reason ends
	ReasonIs     *List `list:"reason_is"`            // was, is: "the reason was ..."
	ReasonWrd    *List `list:"reason_word"`          // reason
	NotStart     *List `list:"reason_not_start"`     // is, if, she'd: a fragment, not a reason
	Excuse       *List `list:"reason_excuse"`        // "because the jeep is always full": what made the writer late, not the reason given
	NotTime      *List `list:"reason_not_time"`      // summer, weekend: "over the summer" is when, not why
	SaidModal    *List `list:"reason_said_modal"`    // will, would: "said they will put us on the list" is a promise, not a reason
	CutAlways    *List `list:"reason_cut_always"`    // which: a reason ends before it, whole or not
	NotEnd       *List `list:"reason_not_end"`       // i, the, of: a phrase cut off
	Cut          *List `list:"reason_cut"`           // which, during: where a cut-off phrase is cut again
	OwnFault     *List `list:"reason_own_fault"`     // "I was late three times": the writer's own fault, a reason without "because"
	SaidAfter    *List `list:"reason_said_after"`    // "they said", "they're calling it": the words before them are the reason
	NotThing     *List `list:"reason_not_thing"`     // farewell, lot: "for a farewell lunch" is no reason
}

// reason is a short phrase for why the job ended: what follows "for",
// "because", "after", "over" or (for a resignation) "to" in the sentence that
// says it ended, else what follows "because", "said" or a colon in the two
// sentences after it.
func (r *reader) reason() finding {
	f := r.reasonRead()
	// "I got fird right after jury duty": when, and the sign itself, not
	// the reason the employer gave (fresh-43's review: "the reason they
	// gave (jury duty)")
	// (a quitter's reason may be the harassment itself: "a salesman was
	// always making comments about my body")
	if f.ok() && f.from >= 0 && f.to <= len(r.t.toks) && r.ev.situation != SituationQuit {
		v := &r.v.Signal
		for _, l := range []*List{v.Jury, v.Medical, v.Discrimination, v.Retaliation, v.Whistle, v.Harassment} {
			if m := r.find(l, r.t.toks, f.from, min(f.from+2, f.to)); m.ok() && m.End <= f.to {
				return finding{}
			}
		}
	}
	return f
}

func (r *reader) reasonRead() finding {
	if r.ev.at < 0 {
		return finding{}
	}
	toks, v := r.t.toks, &r.v.Reason
	first := toks[r.ev.at].sent
	for si := first; si < len(r.t.sents) && si <= first+2; si++ {
		s := r.t.sents[si]
		from := s[0]
		if si == first {
			from = r.ev.end
		}
		for i := from; i < s[1]; i++ {
			j := i + 1
			switch {
			case toks[i].l == ":":
			case v.Because.at(toks, i).ok():
				if i > 0 && r.v.Common.Neg.has(&toks[i-1]) {
					continue // "it is not because of our work"
				}
				j = v.Because.at(toks, i).End
			case v.ReasonWrd.has(&toks[i]):
				for j < s[1] && j < i+5 && !v.ReasonIs.has(&toks[j]) {
					j++
				}
				if j >= s[1] || !v.ReasonIs.has(&toks[j]) {
					// no "is": the words after a colon or comma ("reason: I
					// made a mistake in a drawing", fresh-48; "the reason I
					// resigned, I received an offer")
					k := i + 1
					for k < s[1] && k < i+5 && toks[k].l != ":" && toks[k].l != "," {
						k++
					}
					if k >= s[1] || k >= i+5 {
						continue
					}
					j = k
				}
				j++
				if j < s[1] && (toks[j].l == "," || toks[j].l == ":") {
					j++ // "The reason is, I have made an error in a drawing"
				}
				if m := v.SaidSkip.at(toks, j); m.ok() {
					j = m.End // "The allegation was that I had used a company van"
				}
			case v.Said.has(&toks[i]):
				// (a lower-case writer's "my manager brittany said": a word no
				// list knows before "said" is a name)
				if i == 0 || !(toks[i-1].cap || v.SaidWho.has(&toks[i-1]) || r.v.Boss.Title.has(&toks[i-1]) ||
					r.lowercaseWriter() && toks[i-1].id == noID && toks[i-1].fix == noID && !toks[i-1].punct) || r.v.Common.I.has(&toks[i-1]) {
					continue // "said some things I shouldn't have", "I said some bad words"
				}
				if m := v.SaidSkip.at(toks, i); m.ok() {
					j = m.End
				}
				// "said they will put us on the list to be call back": a
				// promise of what comes next, not why (fresh-60's bh05)
				if j+1 < s[1] && (r.v.Common.Pronoun.has(&toks[j]) || r.v.Common.HeShe.has(&toks[j])) && v.SaidModal.has(&toks[j+1]) {
					continue
				}
				// "he said the matter is out of his hand": who decided, not
				// why (fresh-68's bp40, made the letter's apology)
				if r.in(v.SaidNotWhy, toks, j, s[1]) {
					continue
				}
			case v.Prep.has(&toks[i]) || v.PrepTo.has(&toks[i]):
				if si != first {
					continue
				}
				// "for two years", "for a bit over two years": a duration
				if !v.PrepTo.has(&toks[i]) && j < s[1] {
					// ("terminated after a medication error": "a" counts only
					// before a unit, "for a year")
					if _, isNum := r.numberAt(&toks[j]); isNum && (!r.v.Accomplishment.NotNumber.has(&toks[j]) || j+1 < s[1] && r.v.When.Unit.has(&toks[j+1])) || v.Duration.has(&toks[j]) {
						continue
					}
				}
				if v.PrepTo.has(&toks[i]) && (r.ev.situation != SituationQuit || j < s[1] && toks[j].cap) {
					continue
				}
				// "service technician for conveyor systems": what the job
				// was for, not why it ended
				if i > 0 && !v.PrepTo.has(&toks[i]) && r.roleNoun(&toks[i-1]) {
					continue
				}
				// "after the 3rd time": when, not why
				if j+2 < s[1] && r.v.Common.The.has(&toks[j]) && (ordinal(toks[j+1].l) || r.v.Common.Number.has(&toks[j+1])) && r.v.When.NotDay.has(&toks[j+2]) {
					continue
				}
				// "over the summer", "for the winter": when, not why
				// (fresh-58's bf35; "because of the season" is why)
				if j+1 < s[1] && (r.v.Common.The.has(&toks[j]) || r.v.Common.My.has(&toks[j])) && v.NotTime.has(&toks[j+1]) {
					continue
				}
			default:
				continue
			}
			end, app := j, 0
			for end < s[1] && end-j < 14 && toks[end].l != "," && toks[end].l != ";" && !v.Stop.has(&toks[end]) {
				end++
				// "because a fintech startup, PayPinas, offered me almost
				// double": a name between commas is part of the phrase
				if app == 0 && end+2 < s[1] && toks[end].l == "," && toks[end+1].cap && (toks[end+2].l == "," || end+3 < s[1] && toks[end+3].l == ",") {
					close := end + 2
					if toks[close].l != "," {
						close++
					}
					app, end = end, close+1
				}
			}
			if app > 0 && v.NotEnd.has(&toks[end-1]) {
				end = app // the words after the name ran on too long: up to the name
			}
			// a run-on with no stops ends where someone starts to speak: "for
			// being on my phone at the register my manager kevin said it
			// was my third time" is "being on my phone at the register"
			// (fresh-48)
			for c := j + 3; c < end; c++ {
				if !v.Said.has(&toks[c]) {
					continue
				}
				k := c - 1
				for k > j+1 && (r.v.Boss.Title.has(&toks[k]) || r.v.Common.My.has(&toks[k]) || r.v.Common.The.has(&toks[k]) || toks[k].id == noID && !toks[k].punct) {
					k--
				}
				if k < c-1 {
					end = k + 1
				}
				break
			}
			// cut by length after a number whose unit follows ("the payment
			// module went down for 6" hours, fresh-46): the number goes too
			if end < s[1] && end-j >= 14 && !toks[end].punct {
				if _, isNum := r.numberAt(&toks[end-1]); isNum {
					end--
					for end > j+3 && (v.Prep.has(&toks[end-1]) || v.NotEnd.has(&toks[end-1])) {
						end--
					}
				}
			}
			// cut by length mid-phrase ("I had used a company van for a
			// personal errand on two occasions in"): back to a whole one
			for end-j >= 14 && end > j+3 && !v.NotEnd.has(&toks[end-1]) && (v.Prep.has(&toks[end-1]) || r.v.Common.In.has(&toks[end-1]) || r.v.Company.BranchOn.has(&toks[end-1])) {
				end--
			}
			// ... or before a phrase it cut short ("forwarding a client
			// workbook to my personal" email account, fresh-51): back to
			// before its preposition, when that is among the last words
			// (but not "to Ojota" before "after close of work": whole)
			if r.ev.situation == SituationFired && end < s[1] && end-j >= 14 && !toks[end].punct && !v.Stop.has(&toks[end]) && !v.Prep.has(&toks[end]) && !r.v.Common.In.has(&toks[end]) && !v.PrepTo.has(&toks[end]) {
				for c := end - 1; c > end-4 && c > j+3; c-- {
					if v.Prep.has(&toks[c]) || r.v.Common.In.has(&toks[c]) || r.v.Company.BranchOn.has(&toks[c]) || v.PrepTo.has(&toks[c]) {
						end = c
						break
					}
				}
			}
			// "for just over three years": a length of time, not a reason
			if r.duration(toks, j, min(end, j+5)) {
				continue
			}
			if j < s[1] && toks[j].l == "the" && j+1 < s[1] && v.NotStart.has(&toks[j+1]) {
				continue // "the whole account"
			}
			if j+1 < s[1] && r.v.Accomplishment.NotNumber.has(&toks[j]) && v.NotThing.has(&toks[j+1]) {
				continue // "took me out for a farewell lunch", "after a lot of back and forth"
			}
			if end == j+2 && (r.v.Common.My.has(&toks[j]) || r.v.Common.The.has(&toks[j])) && v.NotThing.has(&toks[j+1]) {
				continue // "Got the sack Saturday night after my shift" (fresh-56): when, not why
			}
			// "a shortage in my till which was discovered during the end of",
			// "i was late too many times which ok fair": the reason ends
			// before "which" (also where the end is whole, after three words)
			for c := j + 2; c < end; c++ {
				if v.Cut.has(&toks[c]) && (v.NotEnd.has(&toks[end-1]) || c >= j+3 && v.CutAlways.has(&toks[c])) {
					end = c
					break
				}
			}
			k := j
			for k < end && (toks[k].l == "\"" || toks[k].l == "“") {
				k++ // "\"you'll always be welcome here\""
			}
			if k < end && (v.NotStart.has(&toks[k]) || v.NotEnd.has(&toks[end-1])) {
				continue
			}
			// "It is true I was late, because the jeep from our barangay is
			// always full in the morning": the writer's excuse, not the
			// reason given (fresh-72's bt33: it reached the apology)
			if k < end && v.Excuse.at(toks, k).ok() {
				continue
			}
			if end-j >= 2 {
				return finding{value: strings.Trim(withoutAsides(joinToks(toks, j, end)), "\"' "), from: i, to: end, rule: rule("reason: the words after \"because\", \"for\", \"said\" near the event", v.Because, v.Prep, v.Said), strength: Strong}
			}
		}
	}
	// (the act the writer owns before the label they were given: "I lost
	// it and told him to f*** off" over "Gross misconduct, they're
	// calling it", fresh-51)
	if f := r.ownFault(first); f.ok() {
		return f
	}
	return r.saidAfter(first)
}

// saidAfter reads a reason told first and attributed after, in a sentence
// of its own by the event: "too many late clock ins they said", "Gross
// misconduct, they're calling it" (fresh-51).
func (r *reader) saidAfter(first int) finding {
	toks, v := r.t.toks, &r.v.Reason
	for si := max(first-1, 0); si < len(r.t.sents) && si <= first+2; si++ {
		s := r.t.sents[si]
		end := s[1]
		for end > s[0] && toks[end-1].punct {
			end--
		}
		m := r.find(v.SaidAfter, toks, s[0], end)
		if !m.ok() || m.End != end {
			continue
		}
		to := m.Start
		for to > s[0] && (toks[to-1].l == "," || toks[to-1].l == "-" || toks[to-1].l == "–") {
			to--
		}
		if r.ev.at >= s[0] && r.ev.at < to {
			continue // the event's own words: "they fired me, they said"
		}
		if to-s[0] < 2 || to-s[0] > 12 || v.NotStart.has(&toks[s[0]]) || r.in(r.v.Situation.FirstPerson, toks, s[0], to) {
			continue
		}
		return finding{value: strings.Trim(withoutAsides(joinToks(toks, s[0], to)), "\"' "), from: s[0], to: to, rule: matched("reason: the words before \"they said\"", m), strength: Strong}
	}
	return finding{}
}

// ownFaultRule names the rule of a reason read by ownFault.
const ownFaultRule = "reason: the writer's own fault, near the event"

// ownFault finds, for a writer who was fired, what they say they did wrong
// in the first person, in the sentences around the event's (first) when no
// word for why was found: "The long and the short of it is I was late
// three times in a fortnight", "let me go after I took the work ute down
// to Wollongong on the weekend without asking".
func (r *reader) ownFault(first int) finding {
	if r.ev.situation != SituationFired {
		return finding{}
	}
	toks, v := r.t.toks, &r.v.Reason
	for si := max(first-2, 0); si < len(r.t.sents) && si <= first+4; si++ {
		s := r.t.sents[si]
		m := r.find(v.OwnFault, toks, s[0], s[1])
		if !m.ok() {
			continue
		}
		end := m.End
		for end < s[1] && end-m.Start < 14 && toks[end].l != "," && toks[end].l != ";" && !v.Stop.has(&toks[end]) {
			end++
		}
		// (cut mid-phrase: "I lost my rag with one of the front of house
		// lads over", fresh-47)
		for end > m.End && (v.NotEnd.has(&toks[end-1]) || v.Prep.has(&toks[end-1])) {
			end--
		}
		return finding{value: strings.Trim(withoutAsides(joinToks(toks, m.Start, end)), "\"' "), from: m.Start, to: end, rule: matched(ownFaultRule, m), strength: Strong}
	}
	return finding{}
}

// duration reports whether toks[from:to] hold a number then a unit of time:
// "just over three years", "the last 2 months".
func (r *reader) duration(toks []token, from, to int) bool {
	k := from
	for k < to && (r.v.Reason.Duration.has(&toks[k]) || r.v.Reason.DurationLead.has(&toks[k])) {
		k++ // "just over", "some", "approximately"
	}
	if k < to && k > from && (toks[k-1].l == "a" || toks[k-1].l == "an") && r.v.When.Unit.has(&toks[k]) {
		return true // "like a year", "a bit over a year"
	}
	_, isNum := r.numberAt(&toks[min(k, len(toks)-1)])
	return k+1 < to && isNum && r.v.When.Unit.has(&toks[k+1])
}

// withoutAsides drops what a reason says in brackets, closed or cut off:
// "being late again (3rd time)" is "being late again", "a startup (Kitefin
// AI) offered me 20% more" is "a startup offered me 20% more".
func withoutAsides(s string) string {
	for {
		i := strings.IndexByte(s, '(')
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			return strings.TrimSpace(s[:i])
		}
		s = strings.TrimSpace(s[:i]) + " " + strings.TrimSpace(s[i+j+1:])
		s = strings.TrimSpace(s)
	}
}
