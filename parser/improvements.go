package parser

import "strings"

// improvementWords are the lists that find what the writer has done since to
// fix what went wrong (improvements.txt).
type improvementWords struct {
	Done *List `list:"improvement"` // "I've been seeing a therapist", "took a course in"
	Stop *List `list:"clause_stop"` // where the clause ends: but, because
	Not  *List `list:"not_a_step"`  // want, wonder: "and I want to know" is no step taken

	Pledge      *List `list:"pledge"`       // "i would", "i'll", "from now on i": a promise of what they would do back
	PledgeIf    *List `list:"pledge_if"`    // "if they gave me a chance", "from now on": the promise is about going back
	PledgeNot   *List `list:"pledge_not"`   // like, love, be, have: "I would like to", "I would have" promise nothing
	PledgeVague *List `list:"pledge_vague"` // anything, whatever: "I would do anything" names no change

	KeepOut     *List `list:"keep_out"`      // "i dont want to mention": what follows stays out of a letter
	KeepOutSkip *List `list:"keep_out_skip"` // my, the, about: before what is kept out
	KeepOutEnd  *List `list:"keep_out_end"`  // if, because, in: after what is kept out
}

// improvements lists what the writer has done since: the clause from the
// phrase that says it to the end of the clause.
func (r *reader) improvements() []string {
	toks, v := r.t.toks, &r.v.Improvement
	var out []string
	for _, s := range r.t.sents {
		// (not in a question: "Should I mention I've paid the money back
		// or will that look like I'm admitting something?", fresh-43)
		if r.asks(s) {
			continue
		}
		// (several in one sentence: "I have done the ISTQB course online
		// and I am making a personal checklist")
		for from := s[0]; from < s[1] && len(out) < 3; {
			m := r.find(v.Done, toks, from, s[1])
			if !m.ok() {
				break
			}
			from = m.End
			if r.negatedBefore(toks, m.Start, 3) {
				continue
			}
			// at most 24 words a clause: "... last week and I also made a
			// personal checklist that no test will be marked passed without
			// the execution log attached" is two whole steps, not one cut off
			end, clause := m.End, m.Start
			for end < s[1] && end-clause < 24 && end-m.Start < 48 && toks[end].l != "," && toks[end].l != ";" && !v.Stop.has(&toks[end]) && !r.newClause(toks, end) {
				if r.v.Common.And.has(&toks[end]) && end+1 < s[1] && (r.v.Common.I.has(&toks[end+1]) || strings.HasPrefix(toks[end+1].l, "i'") || toks[end+1].l == "ive" || toks[end+1].l == "im") {
					if end+2 < s[1] && v.Not.has(&toks[end+2]) {
						break // "... and I want to know can I ask Yolanda"
					}
					clause = end + 1
				}
				end++
			}
			// a run-on step ends where the writer goes on to ask ("i got the
			// car fixed now so that wont happen again is it weird to text
			// him", fresh-49's review)
			if q := r.find(r.v.Question.Lead, toks, m.End, end); q.ok() {
				end = q.Start
			}
			from = end
			c := strings.TrimRight(joinToks(toks, m.Start, end), ",;:")
			out = append(out, c)
			r.state("improvements", finding{value: c, from: m.Start, to: end, rule: matched("improvements", m), strength: Strong})
		}
		if len(out) == 3 {
			break
		}
	}
	return out
}

// newClause reports whether toks[i] is an "and" that starts a clause about
// someone else: "... alarm clock and my cousin says", "... and they".
// ("and I ..." goes on with the writer's own steps, which the reply splits
// into sentences.)
func (r *reader) newClause(toks []token, i int) bool {
	if i+1 >= len(toks) || !r.v.Common.And.has(&toks[i]) {
		return false
	}
	n := &toks[i+1]
	if r.v.Common.My.has(n) {
		return i+2 < len(toks) && r.v.Situation.ThirdParty.has(&toks[i+2]) // "and my cousin says"
	}
	return r.v.Common.Poss.has(n) || r.v.Common.Pronoun.has(n) || r.v.Common.HeShe.has(n)
}

// pledges lists what the writer promises to do if they are taken back ("i
// would do every count with two people if they gave me a chance", "from now
// on I will double-check every order"): each the words after the promise,
// from its verb to the end of the clause ("do every count with two
// people"), at most two. A letter says them as "I will ...", in place of a
// plan of its own.
func (r *reader) pledges() []string {
	toks, v := r.t.toks, &r.v.Improvement
	var out []string
	for _, s := range r.t.sents {
		if r.asks(s) {
			continue
		}
		m := r.find(v.Pledge, toks, s[0], s[1])
		// a promise about going back: the sentence says so ("if they gave
		// me a chance", "from now on"); "I would like to ask" and "I will
		// send it tomorrow" promise no change
		if !m.ok() || m.End >= s[1] || !r.find(v.PledgeIf, toks, s[0], s[1]).ok() || v.PledgeNot.has(&toks[m.End]) || r.negatedBefore(toks, m.Start, 2) {
			continue
		}
		end := m.End
		for end < s[1] && end-m.End < 20 && toks[end].l != "," && toks[end].l != ";" && !v.Stop.has(&toks[end]) && !r.newClause(toks, end) {
			end++
		}
		// (the condition may come last: "... with two people if they gave
		// me a chance")
		if c := r.find(v.PledgeIf, toks, m.End, end); c.ok() {
			end = c.Start
		}
		if q := r.find(r.v.Question.Lead, toks, m.End, end); q.ok() {
			end = q.Start
		}
		if end-m.End < 3 || r.find(v.PledgeVague, toks, m.End, end).ok() {
			continue // "I would do anything", "I'll work hard"
		}
		c := strings.TrimRight(joinToks(toks, m.End, end), ",;:")
		out = append(out, c)
		r.evi = append(r.evi, Evidence{Field: "pledges", Value: c, Words: joinToks(toks, m.Start, end), Rule: matched("pledges", m), Strength: Strong, Stated: true})
		if len(out) == 2 {
			break
		}
	}
	return out
}

// keptOut lists what the writer asks not to be mentioned ("i dont want to
// mention AA if thats weird", fresh-57's review: the AA meetings named in
// the letter): the up to three words after the request, up to a comma,
// the end of the sentence or a word that starts a clause of its own.
func (r *reader) keptOut() []string {
	toks, v := r.t.toks, &r.v.Improvement
	var out []string
	for from := 0; from < len(toks); {
		m := r.find(v.KeepOut, toks, from, len(toks))
		if !m.ok() {
			break
		}
		from = m.End
		s := r.t.sents[toks[m.Start].sent]
		i := m.End
		for i < s[1] && v.KeepOutSkip.has(&toks[i]) {
			i++
		}
		j := i
		for j < s[1] && j < i+3 && !toks[j].punct && !v.KeepOutEnd.has(&toks[j]) {
			j++
		}
		if j > i {
			w := strings.ToLower(joinToks(toks, i, j))
			out = append(out, w)
			r.evi = append(r.evi, Evidence{Field: "kept_out", Value: w, Words: joinToks(toks, m.Start, j), Rule: matched("kept_out", m), Strength: Strong, Stated: true})
		}
	}
	return out
}
