package parser

// pattern is one compiled entry of a list: slots matched against tokens in
// order, inside one sentence.
type pattern struct {
	src   string
	where string // file:line of the entry
	val   string // the value after " = ", if any
	slots []slot
	// need has, for each later slot that must be one of its own words,
	// those words (a phrase's first): a text with none of one set's words
	// cannot match (see List.at).
	need [][]int32
}

// possible reports whether a text whose words are seen (a bit per word
// id, its own and the one it misspells) can hold a match of p. A nil seen
// knows nothing.
func (p *pattern) possible(seen []uint64) bool {
	if seen == nil {
		return true
	}
	for _, ids := range p.need {
		ok := false
		for _, id := range ids {
			if seen[id>>6]&(1<<(uint(id)&63)) != 0 {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

type slot struct {
	ids   []int32   // alternative words
	seqs  [][]int32 // alternative phrases: "(went to|spoke up|called)"
	refs  []string
	lists []*List // alternative lists (<name>)
	opt   bool
	gap   int // "~N": skip up to N words (not punctuation)
}

// seqAt returns the end of the first of the slot's phrases that matches at
// toks[i], or -1.
func (s *slot) seqAt(toks []token, i, sent int, typo bool) int {
	for _, seq := range s.seqs {
		k := i
		for _, id := range seq {
			if k >= len(toks) || toks[k].sent != sent || !(toks[k].id == id || typo && toks[k].fix == id) {
				k = -1
				break
			}
			k++
		}
		if k >= 0 {
			return k
		}
	}
	return -1
}

func (s *slot) matches(t *token, typo bool) bool {
	for _, id := range s.ids {
		if t.id == id || typo && t.fix == id {
			return true
		}
	}
	for _, l := range s.lists {
		if l.has(t) {
			return true
		}
	}
	return false
}

// match returns the end (exclusive) of a match of p starting at toks[i], or -1.
func (p *pattern) match(toks []token, i int, typo bool) int {
	return p.matchFrom(toks, i, 0, toks[i].sent, typo)
}

func (p *pattern) matchFrom(toks []token, i, si, sent int, typo bool) int {
	if si == len(p.slots) {
		return i
	}
	if si > 0 && i < len(toks) && toks[i].sent == sent && isQuoteTok(&toks[i]) {
		// Scare quotes inside a phrase: told us the desk was being "sunset"
		return p.matchFrom(toks, i+1, si, sent, typo)
	}
	if si > 0 && i < len(toks) && toks[i].sent == sent && toks[i].l == "(" {
		// An aside in brackets inside a phrase: "my contract (I've dug it
		// out of the loft) says three months' notice", "The new company
		// (Gulfstar Trading) closed my department" (fresh-58, fresh-59)
		for k := i + 1; k < len(toks) && k <= i+12 && toks[k].sent == sent; k++ {
			if toks[k].l == ")" {
				if e := p.matchFrom(toks, k+1, si, sent, typo); e >= 0 {
					return e
				}
				break
			}
		}
	}
	s := &p.slots[si]
	if s.gap > 0 {
		for k := 0; k <= s.gap; k++ {
			if i+k > len(toks) {
				break
			}
			if k > 0 && (toks[i+k-1].sent != sent || toks[i+k-1].punct && !isQuoteTok(&toks[i+k-1])) {
				break
			}
			if e := p.matchFrom(toks, i+k, si+1, sent, typo); e >= 0 {
				return e
			}
		}
		return -1
	}
	if i < len(toks) && toks[i].sent == sent && s.matches(&toks[i], typo) {
		if e := p.matchFrom(toks, i+1, si+1, sent, typo); e >= 0 {
			return e
		}
	}
	if len(s.seqs) > 0 && i < len(toks) {
		if k := s.seqAt(toks, i, sent, typo); k > i {
			if e := p.matchFrom(toks, k, si+1, sent, typo); e >= 0 {
				return e
			}
		}
	}
	if s.opt {
		return p.matchFrom(toks, i, si+1, sent, typo)
	}
	return -1
}

// Match is one match of a list in a text.
type Match struct {
	Start, End int      // token range
	Pattern    *pattern // the entry that matched
	List       *List
}

// String names the entry that matched and where it is written.
func (m Match) String() string {
	if m.Pattern == nil {
		return ""
	}
	return m.List.Name + ": \"" + m.Pattern.src + "\" (" + m.Pattern.where + ")"
}

// ok reports whether there was a match.
func (m Match) ok() bool { return m.Pattern != nil }

// second reports whether the pattern's second slot can match toks[i+1]
// when it is a plain word slot: most tries fail there, and this test is
// cheaper than the full match.
func (p *pattern) second(toks []token, i int, typo bool) bool {
	if len(p.slots) < 2 {
		return true
	}
	s := &p.slots[1]
	if s.opt || s.gap > 0 || len(s.lists) > 0 || len(s.seqs) > 0 {
		return true
	}
	if i+1 >= len(toks) || toks[i+1].sent != toks[i].sent {
		return false
	}
	return s.matches(&toks[i+1], typo)
}

// at returns the first match of the list starting exactly at toks[i].
func (l *List) at(toks []token, i int) Match { return l.atSeen(toks, i, nil) }

// atSeen is at for a text whose words are seen (see pattern.possible).
func (l *List) atSeen(toks []token, i int, seen []uint64) Match {
	t := &toks[i]
	try := func(ks []int32) Match {
		for _, k := range ks {
			// Most tries end at the gate, read from a small array of its
			// own without loading the pattern (a cache miss, mostly).
			if g := l.gate[k]; seen != nil && g >= 0 && seen[g>>6]&(1<<(uint(g)&63)) == 0 {
				continue
			}
			p := &l.pats[k]
			if !p.possible(seen) || !p.second(toks, i, l.Typo) && len(p.slots[0].seqs) == 0 {
				continue
			}
			if e := p.match(toks, i, l.Typo); e >= 0 {
				return Match{i, e, p, l}
			}
		}
		return Match{}
	}
	if l.bit(t.id) {
		if m := try(l.firstOf(t.id)); m.ok() {
			return m
		}
	}
	if l.Typo && t.fix >= 0 && l.bit(t.fix) {
		if m := try(l.firstOf(t.fix)); m.ok() {
			return m
		}
	}
	if l.Alt && t.alt >= 0 && l.bit(t.alt) {
		if m := try(l.firstOf(t.alt)); m.ok() {
			return m
		}
	}
	return try(l.loose)
}

// find returns the first match of the list in toks[from:to] (a match starts
// there; it may end later, within its sentence).
func (l *List) find(toks []token, from, to int) Match { return l.findSeen(toks, from, to, nil) }

// findSeen is find for a text whose words are seen (see pattern.possible).
func (l *List) findSeen(toks []token, from, to int, seen []uint64) Match {
	if to > len(toks) {
		to = len(toks)
	}
	for i := max(from, 0); i < to; i++ {
		if len(l.loose) == 0 && !l.has(&toks[i]) {
			continue
		}
		if m := l.atSeen(toks, i, seen); m.ok() {
			return m
		}
	}
	return Match{}
}

// in reports whether any token of toks[from:to] is one of the list's words.
func (l *List) in(toks []token, from, to int) bool {
	if to > len(toks) {
		to = len(toks)
	}
	if !l.words {
		return l.find(toks, max(from, 0), to).ok() // a phrase counts only whole
	}
	for i := max(from, 0); i < to; i++ {
		if l.has(&toks[i]) {
			return true
		}
	}
	return false
}

// find is List.find for the reader: on the message's own tokens, a list
// none of whose words appear in the text is passed over at once.
func (r *reader) find(l *List, toks []token, from, to int) Match {
	if len(l.loose) == 0 && r.present != nil && r.own(toks) && r.present[l.idx>>6]&(1<<(uint(l.idx)&63)) == 0 {
		return Match{}
	}
	if r.own(toks) {
		return l.findSeen(toks, from, to, r.seen)
	}
	return l.find(toks, from, to)
}

// own reports whether toks are the message's own tokens (not the
// subject's, nor a line tokenized apart): r.present and r.seen speak of them.
func (r *reader) own(toks []token) bool {
	return len(toks) > 0 && len(r.t.toks) > 0 && &toks[0] == &r.t.toks[0]
}

// atOwn is List.at for the reader: on the message's own tokens, a
// pattern needing a word the text lacks is passed over at once.
func (r *reader) atOwn(l *List, toks []token, i int) Match {
	if r.own(toks) {
		return l.atSeen(toks, i, r.seen)
	}
	return l.at(toks, i)
}

// endsAt reports whether a match of l starts in toks[from:at] and ends
// just before toks[at] ("I am 44 years": an age before the count; "the
// same work as": a comparison ending in "as").
func (r *reader) endsAt(l *List, toks []token, from, at int) bool {
	for k := max(from, 0); k < at; k++ {
		if m := r.atOwn(l, toks, k); m.ok() && m.End == at {
			return true
		}
	}
	return false
}

// findWhere is find for the first match of l in toks[from:to] that keep
// accepts: a match a question, a hope or a denial rules out is skipped for
// the next one.
func (r *reader) findWhere(l *List, toks []token, from, to int, keep func(Match) bool) Match {
	for from < to {
		m := r.find(l, toks, from, to)
		if !m.ok() {
			return Match{}
		}
		if keep(m) {
			return m
		}
		from = m.Start + 1
	}
	return Match{}
}

// in is List.in for the reader, with the same short cut as find.
func (r *reader) in(l *List, toks []token, from, to int) bool {
	if r.present != nil && r.own(toks) && r.present[l.idx>>6]&(1<<(uint(l.idx)&63)) == 0 {
		return false
	}
	return l.in(toks, from, to)
}

// isQuoteTok reports whether t is a quotation mark, which a phrase reads
// through.
func isQuoteTok(t *token) bool {
	switch t.s {
	case "\"", "“", "”", "«", "»":
		return t.punct
	}
	return false
}
