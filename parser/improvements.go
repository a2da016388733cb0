package parser

import "strings"

// improvementWords are the lists that find what the writer has done since to
// fix what went wrong (improvements.txt).
type improvementWords struct {
	Done *List `list:"improvement"` // "I've been seeing a therapist", "took a course in"
	Stop *List `list:"clause_stop"` // where the clause ends: but, because
}

// improvements lists what the writer has done since: the clause from the
// phrase that says it to the end of the clause.
func (r *reader) improvements() []string {
	toks, v := r.t.toks, &r.v.Improvement
	var out []string
	for _, s := range r.t.sents {
		m := r.find(v.Done, toks, s[0], s[1])
		if !m.ok() || r.negatedBefore(toks, m.Start, 3) {
			continue
		}
		end := m.End
		for end < s[1] && end-m.Start < 16 && toks[end].l != "," && toks[end].l != ";" && !v.Stop.has(&toks[end]) {
			end++
		}
		c := strings.TrimRight(joinToks(toks, m.Start, end), ",;:")
		out = append(out, c)
		r.state("improvements", finding{value: c, from: m.Start, to: end, rule: matched("improvements", m), strength: Strong})
		if len(out) == 3 {
			break
		}
	}
	return out
}
