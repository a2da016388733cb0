package parser

// positionWords are the lists that say what the writer knows of the old
// job (position.txt).
type positionWords struct {
	Open   *List `list:"position_open"`   // "still open", "haven't filled it"
	Posted *List `list:"position_posted"` // "they posted my job", "the ad is up"
	Filled *List `list:"position_filled"` // "they hired someone", "my replacement"
	Recall *List `list:"position_recall"` // "recall list", "rehire list"
	Hedge  *List `list:"hedge"`           // might, maybe, heard: not known
}

// position says whether the writer knows the old job is filled, posted,
// open, or kept for them on a recall list.
func (r *reader) position() Position {
	toks, v := r.t.toks, &r.v.Position
	state := func(p Position, m Match, l *List) Position {
		r.state("position", finding{value: string(p), from: m.Start, to: m.End, rule: matched("position", m), strength: Strong})
		return p
	}
	if m := v.Recall.find(toks, 0, len(toks)); m.ok() {
		return state(PositionRecallList, m, v.Recall)
	}
	if m := v.Posted.find(toks, 0, len(toks)); m.ok() {
		return state(PositionPosted, m, v.Posted)
	}
	if m := v.Open.find(toks, 0, len(toks)); m.ok() {
		return state(PositionOpen, m, v.Open)
	}
	for _, s := range r.t.sents {
		if m := v.Filled.find(toks, s[0], s[1]); m.ok() {
			if v.Hedge.in(toks, s[0], s[1]) {
				continue
			}
			return state(PositionFilled, m, v.Filled)
		}
	}
	return PositionUnknown
}
