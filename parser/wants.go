package parser

// wantWords are the lists that find what the writer is after (wants.txt).
type wantWords struct {
	JobBack      *List `list:"want_job_back"`
	OtherRole    *List `list:"want_other_role"`
	Reference    *List `list:"want_reference"`
	Appeal       *List `list:"want_appeal"`
	Compensation *List `list:"want_compensation"`
	Advice       *List `list:"want_advice"`
	Hedge        *List `list:"want_hedge"`        // "not sure I want", "in case I ever": before a want, it is not one
	Hours        *List `list:"want_hours"`        // part time, fewer hours ...
	HoursAsk     *List `list:"want_hours_ask"`    // ... after back, ask, go: other hours there
	Offered      *List `list:"appeal_offered"`    // "I have been given the right to appeal within 21 days": an appeal they can lodge
	RefOffered   *List `list:"reference_offered"` // "he told me he'd be a reference any time": a reference the boss offered
}

// wants lists what the writer is after. "advice" only when they ask for
// advice and name nothing else.
func (r *reader) wants() []Want {
	toks, v := r.t.toks, &r.v.Want
	kinds := []struct {
		l *List
		w Want
	}{{v.JobBack, WantJobBack}, {v.OtherRole, WantOtherRole}, {v.Reference, WantReference},
		{v.Appeal, WantAppeal}, {v.Compensation, WantCompensation}}
	var out []Want
	for _, k := range kinds {
		for from := 0; from < len(toks); {
			m := r.find(k.l, toks, from, len(toks))
			if !m.ok() {
				break
			}
			from = m.Start + 1
			if r.negatedBefore(toks, m.Start, 4) || r.find(v.Hedge, toks, max(m.Start-5, r.t.sents[toks[m.Start].sent][0]), m.Start).ok() {
				continue // "I'm not sure I even want to go back", "in case I ever want to come back"
			}
			if k.w == WantJobBack && m.End+1 < len(toks) && r.v.Role.As.has(&toks[m.End]) && r.v.Common.Det.has(&toks[m.End+1]) {
				continue // "take me back as a regular carpenter": another role
			}
			out = append(out, k.w)
			r.state("wants", finding{value: string(k.w), from: m.Start, to: m.End, rule: matched("wants", m), strength: Strong})
			break
		}
	}
	// "can I ask to go part time", "come back part-time": other hours
	// there (searched from the rare word back to the common one)
	for from := 0; !has(out, WantOtherRole) && from < len(toks); {
		m := r.find(v.Hours, toks, from, len(toks))
		if !m.ok() {
			break
		}
		from = m.Start + 1
		if s := r.t.sents[toks[m.Start].sent]; r.in(v.HoursAsk, toks, max(m.Start-4, s[0]), m.Start) && !r.negatedBefore(toks, m.Start, 4) {
			out = append(out, WantOtherRole)
			r.state("wants", finding{value: string(WantOtherRole), from: m.Start, to: m.End, rule: rule("wants: other hours, asked for", v.Hours, v.HoursAsk), strength: Strong})
		}
	}
	if len(out) == 0 {
		if m := r.find(v.Advice, toks, 0, len(toks)); m.ok() {
			out = append(out, WantAdvice)
			r.state("wants", finding{value: string(WantAdvice), from: m.Start, to: m.End, rule: matched("wants: advice, and nothing else named", m), strength: Strong})
		}
	}
	return out
}
