package parser

import "strings"

// termsWords are the lists that say how they parted (terms.txt).
type termsWords struct {
	Noun       *List `list:"terms_noun"`     // terms, note, footing: "on good terms"
	NoteWord   *List `list:"terms_note"`     // note: "on a high note" is not a parting
	HighWord   *List `list:"terms_high"`     // high
	GoodAdj    *List `list:"terms_good_adj"` // good, great, friendly ...
	BadAdj     *List `list:"terms_bad_adj"`  // bad, terrible, hostile ...
	Good       *List `list:"terms_good"`     // "parted as friends", "door is open"
	Bad        *List `list:"terms_bad"`      // "walked out", "shouting match", "burned bridges"
	NotGood    *List `list:"terms_not_good"` // "not on good terms" is read by negation
	Parting    *List `list:"terms_parting"`  // goodbye, exit interview, my last day: a sentence about the parting
	GoodCtx    *List `list:"terms_good_context"`
	Wish       *List `list:"terms_wish"` // hope, wish: "I hope he can give me good reference" is no parting told
	BadCtx     *List `list:"terms_bad_context"`
	Other      *List `list:"terms_other_party"`   // customer, caller: an outburst at them is not a parting with the employer
	NotAfter   *List `list:"terms_bad_not_after"` // to: "walked out to my truck" is no walk-out
	Passive    *List `list:"terms_passive"`       // was, got: "I was walked out by security" is done to them
	Motion     *List `list:"terms_motion"`        // walked, marched: the words the two lists above are about
	Reported   *List `list:"terms_reported"`      // "tells me": what follows is someone else's words to the writer
	Comment    *List `list:"terms_comment"`       // "not my finest moment": a comment on what the sentence before tells
	Offer      *List `list:"rehire_offer"`        // "the door's open", "you are the first I will call"
	OfferHope  *List `list:"rehire_offer_hope"`   // hope, wonder, if: "I hope the door is still open" is no offer
	OfferAsked *List `list:"rehire_offer_asked"`  // any chance, reckon: the writer asks, without a "?"
}

// terms says how they parted: good only when the parting is described as
// friendly; bad for walking out, shouting, leaving without notice.
func (r *reader) terms() finding {
	toks, v := r.t.toks, &r.v.Terms
	bad := finding{}
	for i := range toks {
		if !v.Noun.has(&toks[i]) {
			continue
		}
		for k := i - 1; k >= 0 && k >= i-3 && toks[k].sent == toks[i].sent; k-- {
			if v.GoodAdj.has(&toks[k]) {
				if r.negatedBefore(toks, k, 5) {
					bad = finding{value: string(TermsBad), from: k, to: i + 1, rule: rule("terms: not on good terms", v.GoodAdj, v.Noun), strength: Strong}
				} else if !v.NoteWord.has(&toks[i]) || !v.HighWord.has(&toks[k]) {
					return finding{value: string(TermsGood), from: k, to: i + 1, rule: rule("terms: on good terms", v.GoodAdj, v.Noun), strength: Strong}
				}
				break
			}
			if v.BadAdj.has(&toks[k]) {
				if !r.negatedBefore(toks, k, 5) { // "we didn't exactly part on bad terms"
					bad = finding{value: string(TermsBad), from: k, to: i + 1, rule: rule("terms: on bad terms", v.BadAdj, v.Noun), strength: Strong}
				}
				break
			}
		}
	}
	for _, c := range []struct {
		l       *List
		terms   Terms
		parting bool
	}{{v.Good, TermsGood, false}, {v.GoodCtx, TermsGood, true}, {nil, "", false}, {v.Bad, TermsBad, false}, {v.BadCtx, TermsBad, true}} {
		if c.l == nil {
			if bad.ok() {
				return bad
			}
			continue
		}
		if m := r.partingMatch(c.l, c.parting, c.terms == TermsBad); m.ok() {
			return finding{value: string(c.terms), from: m.Start, to: m.End, rule: matched("terms", m), strength: Strong}
		}
	}
	// "he said if the second shaft expands next year he wants me back": a
	// boss who offers to have them back left the door open, which the
	// label sets read as good terms (fresh-33)
	if m := r.rehireOffer(); m.ok() {
		return finding{value: string(TermsGood), from: m.Start, to: m.End, rule: matched("terms: the boss offered to have them back", m), strength: Strong}
	}
	return finding{}
}

// partingMatch finds the first match of l; with parting, only in a sentence
// about the parting: the event's sentence and its neighbours, or one with a
// word of leaving.
// An entry with a situation as its value ("no notice = quit") counts only
// for that situation: "no notice" is a bad parting when the writer quit,
// the employer's doing when they were laid off.
//
// With bad, a sentence about a customer, a caller or a harasser does not
// count: "I said a bad word to the caller" tells nothing of the parting.
func (r *reader) partingMatch(l *List, parting, bad bool) Match {
	toks := r.t.toks
	es := r.evSentence()
	for si, s := range r.t.sents {
		near := es >= 0 && si >= es-1 && si <= es+1
		// the sentence after one about the parting is about it too: "My
		// last day was June 30. Everybody cried, and she gave me a card."
		prevParting := si > 0 && (r.in(r.v.Terms.Parting, toks, r.t.sents[si-1][0], r.t.sents[si-1][1]) || r.in(r.v.When.Leaving, toks, r.t.sents[si-1][0], r.t.sents[si-1][1]))
		if parting && !near && !prevParting && !r.in(r.v.Terms.Parting, toks, s[0], s[1]) && !r.in(r.v.When.Leaving, toks, s[0], s[1]) {
			continue
		}
		for from := s[0]; from < s[1]; {
			m := r.find(l, toks, from, s[1])
			if !m.ok() {
				break
			}
			from = m.Start + 1
			if v := m.Pattern.val; v != "" && v != string(r.ev.situation) {
				continue
			}
			if r.negatedBefore(toks, m.Start, 4) {
				continue
			}
			// (a question without its "?" too: "is there any way to get
			// back in there or did I burn that bridge just by going to a
			// meeting", fresh-57; not a run-on message that opens "not sure
			// if this is the right place", fresh-28)
			if toks[s[1]-1].ask || s[1]-s[0] <= 30 && r.asks(s) {
				continue // "would she even give me a reference?", "or have I burnt that bridge?" tell nothing of the parting
			}
			if !bad && r.someoneElse(toks, m.Start) {
				continue
			}
			// "If cannot go back, at least I hope he can give me good
			// reference letter": a wish, not a parting told (fresh-60's bh62)
			if !bad && r.in(r.v.Terms.Wish, toks, max(s[0], m.Start-6), m.Start) {
				continue
			}
			// "I said a bad word in tagalog to the caller": a sentence
			// about a customer is not about the employer (but "walked off
			// after my boss chewed me out in front of a customer" is)
			// (near the words only, in a run-on sentence: "me and mike the
			// owner got into it over a client i tattooed ... and i told him
			// to go f himself and i left", fresh-72's bt35)
			// (a customer anywhere in an ordinary sentence: "a loud argument
			// with a purchasing manager of one of our biggest customers")
			if n := s[1] - s[0]; bad && (n <= 40 && r.atOther(toks, s[0], s[1]) || n > 40 && r.atOther(toks, max(s[0], m.Start-15), min(s[1], m.End+8))) {
				continue
			}
			// "I lost my rag and swore at her [a customer]. Not my finest
			// moment": a short comment on the sentence before is about
			// what that one is about (fresh-52)
			if bad && si > 0 && s[1]-s[0] <= 12 && r.v.Terms.Comment.at(toks, m.Start).ok() && r.atOther(toks, r.t.sents[si-1][0], r.t.sents[si-1][1]) {
				continue
			}
			// "he pulls me aside and tells me I'm done": the boss's words,
			// told to the writer, not the writer's parting shot (fresh-51)
			if bad {
				if rep := r.find(r.v.Terms.Reported, toks, max(s[0], m.Start-5), m.Start); rep.ok() && rep.End == m.Start {
					continue
				}
			}
			// "I was walked out by security", "got walked off set": done to
			// them, not their parting shot; "walked out to my truck"
			if bad && r.v.Terms.Motion.has(&toks[m.Start]) && (m.Start > s[0] && r.v.Terms.Passive.has(&toks[m.Start-1]) || m.End < s[1] && r.v.Terms.NotAfter.has(&toks[m.End])) {
				continue
			}
			return m
		}
	}
	return Match{}
}

// atOther reports whether toks[from:to] name a customer, a caller or the
// like other than as an audience ("in front of a customer").
func (r *reader) atOther(toks []token, from, to int) bool {
	for k := from; k < to; k++ {
		if !r.v.Terms.Other.has(&toks[k]) {
			continue
		}
		audience := false
		for b := k - 1; b >= from && b >= k-3; b-- {
			if toks[b].l == "front" {
				audience = true
			}
		}
		if !audience {
			return true
		}
	}
	return false
}

// rehireOffer finds where the boss said they would have the writer back
// ("the door's open", "the first one I will call"), not in a question of
// the writer's nor denied ("he never said the door was open").
func (r *reader) rehireOffer() Match {
	if !r.offerRead {
		r.offer, r.offerRead = r.findRehireOffer(), true
	}
	return r.offer
}

func (r *reader) findRehireOffer() Match {
	toks := r.t.toks
	return r.findWhere(r.v.Terms.Offer, toks, 0, len(toks), func(m Match) bool {
		s := r.t.sents[toks[m.Start].sent]
		// (not "I hope the door is still open"; but the boss's own "if":
		// "she said if business become better I am welcome to come back",
		// fresh-48)
		if toks[s[1]-1].ask || r.negatedBefore(toks, m.Start, 4) {
			return false
		}
		if r.in(r.v.Terms.OfferAsked, toks, s[0], m.Start) && !r.in(r.v.Signal.Speech, toks, s[0], m.Start) {
			return false
		}
		h := r.find(r.v.Terms.OfferHope, toks, max(s[0], m.Start-6), m.Start)
		return !h.ok() || r.in(r.v.Signal.Speech, toks, s[0], h.Start) && !r.in(r.v.Terms.OfferHope, toks, s[0], h.Start)
	})
}

// someoneElse reports whether the one who "was nice about it" (the
// subject before toks[at]) is someone other than the boss: a name that is
// not the boss's ("Hector was cool about it"), or "he" or "she" after
// another person named in the sentence or the one before ("I apologized
// to Hector (the dishwasher). He was cool about it"; "his wife marieke
// does the payroll she was nice about it").
func (r *reader) someoneElse(toks []token, at int) bool {
	if at == 0 || !r.v.Common.Be.has(&toks[at]) {
		return false
	}
	boss := " " + strings.ToLower(r.m.Facts.BossName) + " "
	other := func(k int) bool {
		return r.isNameWord(&toks[k]) && !r.v.Common.I.has(&toks[k]) && !strings.Contains(boss, " "+toks[k].l+" ")
	}
	subj := at - 1
	if other(subj) {
		return true
	}
	if !r.v.Common.HeShe.has(&toks[subj]) {
		return false
	}
	from := r.t.sents[toks[subj].sent][0]
	if si := toks[subj].sent; si > 0 {
		from = r.t.sents[si-1][0]
	}
	for k := subj - 1; k >= from; k-- {
		if r.v.Boss.Title.has(&toks[k]) || strings.Contains(boss, " "+toks[k].l+" ") {
			return false // the boss is the last one named
		}
		if r.v.Situation.ThirdParty.has(&toks[k]) || other(k) && k > r.t.sents[toks[k].sent][0] {
			return true
		}
	}
	return false
}
