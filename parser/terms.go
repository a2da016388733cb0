package parser

// termsWords are the lists that say how they parted (terms.txt).
type termsWords struct {
	Noun     *List `list:"terms_noun"`     // terms, note, footing: "on good terms"
	NoteWord *List `list:"terms_note"`     // note: "on a high note" is not a parting
	HighWord *List `list:"terms_high"`     // high
	GoodAdj  *List `list:"terms_good_adj"` // good, great, friendly ...
	BadAdj   *List `list:"terms_bad_adj"`  // bad, terrible, hostile ...
	Good     *List `list:"terms_good"`     // "parted as friends", "door is open"
	Bad      *List `list:"terms_bad"`      // "walked out", "shouting match", "burned bridges"
	NotGood  *List `list:"terms_not_good"` // "not on good terms" is read by negation
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
				bad = finding{value: string(TermsBad), from: k, to: i + 1, rule: rule("terms: on bad terms", v.BadAdj, v.Noun), strength: Strong}
				break
			}
		}
	}
	if m := v.Good.find(toks, 0, len(toks)); m.ok() && !r.negatedBefore(toks, m.Start, 4) {
		return finding{value: string(TermsGood), from: m.Start, to: m.End, rule: matched("terms: a friendly parting", m), strength: Strong}
	}
	if bad.ok() {
		return bad
	}
	if m := v.Bad.find(toks, 0, len(toks)); m.ok() {
		return finding{value: string(TermsBad), from: m.Start, to: m.End, rule: matched("terms: a bad parting", m), strength: Strong}
	}
	return finding{}
}
