package parser

// positionWords are the lists that say what the writer knows of the old
// job (position.txt).
type positionWords struct {
	Open   *List `list:"position_open"`       // "still open", "haven't filled it"
	Posted *List `list:"position_posted"`     // "they posted my job", "the ad is up"
	Filled *List `list:"position_filled"`     // "they hired someone", "my replacement"
	Recall *List `list:"position_recall"`     // "recall list", "rehire list"
	Hedge  *List `list:"hedge"`               // might, maybe, heard: not known
	Hiring *List `list:"position_hiring"`     // "I saw a posting on their careers page", "they're hiring a sous chef"
	Search *List `list:"position_own_search"` // "I applied", "at another company": the writer's own search
	Else   *List `list:"position_elsewhere"`  // "at their Barrie branch": another branch's or team's opening
	NotOwn *List `list:"position_not_mine"`   // "It is not exactly my old job": a posting of another job
}

// position says whether the writer knows the old job is filled, posted,
// open, or kept for them on a recall list. When the writer tells it changed
// ("they hired someone, who quit after ten days, so the job is open
// again"), the last word on it wins.
func (r *reader) position() Position {
	toks, v := r.t.toks, &r.v.Position
	if m := r.find(v.Recall, toks, 0, len(toks)); m.ok() {
		return r.statePosition(PositionRecallList, m)
	}
	var last Match
	var pos Position
	for si, s := range r.t.sents {
		for _, c := range []struct {
			l *List
			p Position
		}{{v.Filled, PositionFilled}, {v.Posted, PositionPosted}, {v.Open, PositionOpen}, {v.Hiring, PositionPosted}} {
			for from := s[0]; from < s[1]; {
				m := r.find(c.l, toks, from, s[1])
				if !m.ok() {
					break
				}
				from = m.Start + 1
				// the old employer hiring, not the writer's own search or
				// a new job: "I saw an opening at another bakery"
				// (a posting the writer says is not their old job, in its
				// sentence or the next; one they say they have not seen)
				if c.p == PositionPosted && (r.in(v.NotOwn, toks, s[0], r.t.sents[min(si+1, len(r.t.sents)-1)][1]) || r.negatedBefore(toks, m.Start, 3)) {
					continue
				}
				if c.l == v.Hiring && (r.in(v.Search, toks, s[0], s[1]) || r.in(v.Else, toks, s[0], s[1]) || r.newJobAt(si) >= 0 || r.in(v.Hedge, toks, s[0], m.Start)) {
					continue
				}
				// (a guess after it is about something else: "my old role has
				// been filled by an internal hire, but there might be a new
				// post")
				if c.p == PositionFilled && (r.in(v.Hedge, toks, s[0], m.End) || r.negatedBefore(toks, m.Start, 4)) {
					continue // "I think they hired someone", "it has not yet been filled"
				}
				// "Now the startup has done layoffs and my role is also gone":
				// the job they went to (fresh-66's bn03)
				if c.p == PositionFilled && r.ev.situation == SituationQuit && r.ev.at >= 0 && m.Start > r.ev.at && r.in(r.v.NewJob.LetGo, toks, s[0], s[1]) {
					continue
				}
				if !last.ok() || m.Start > last.Start {
					last, pos = m, c.p
				}
			}
		}
	}
	if last.ok() {
		return r.statePosition(pos, last)
	}
	return PositionUnknown
}

func (r *reader) statePosition(p Position, m Match) Position {
	r.state("position", finding{value: string(p), from: m.Start, to: m.End, rule: matched("position", m), strength: Strong})
	return p
}
