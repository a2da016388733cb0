package parser

import "strings"

// newJobWords are the lists that say whether the writer works somewhere
// else now (newjob.txt).
type newJobWords struct {
	Ended *List `list:"new_job_ended"` // "the new job didn't work out"
	Has   *List `list:"new_job_has"`   // "I started at ...", "my new job"
	None  *List `list:"new_job_none"`  // "I haven't found anything", "still unemployed"
	// "the call center let like half of us go": after a resignation, the
	// job they went to ending
	LetGo *List `list:"new_job_let_go_after_quit"`
}

// newJob says whether the writer has a job now, had one that ended, or has
// none.
func (r *reader) newJob() NewJob {
	if r.nj == "" {
		r.nj = r.findNewJob()
	}
	return r.nj
}

func (r *reader) findNewJob() NewJob {
	// (what is true now is told by the new words: an earlier message of
	// theirs quoted below may speak of a job that has since ended)
	toks, v := r.t.toks[:r.newEnd()], &r.v.NewJob
	for _, k := range []struct {
		l *List
		n NewJob
	}{{v.Ended, NewJobEnded}, {v.Has, NewJobHas}, {v.None, NewJobNone}} {
		for from := 0; from < len(toks); {
			m := r.find(k.l, toks, from, len(toks))
			if !m.ok() {
				break
			}
			from = m.Start + 1
			if k.n != NewJobNone && r.negatedBefore(toks, m.Start, 3) {
				continue
			}
			r.state("new_job", finding{value: string(k.n), from: m.Start, to: m.End, rule: matched("new_job", m), strength: Strong})
			return k.n
		}
	}
	// a writer who quit, then was let go after it: the job they went to
	if r.ev.situation == SituationQuit && r.ev.at >= 0 && r.ev.at < len(toks) {
		for from := r.ev.at + 1; from < len(toks); {
			m := r.find(v.LetGo, toks, from, len(toks))
			if !m.ok() {
				break
			}
			from = m.Start + 1
			if r.negatedBefore(toks, m.Start, 3) {
				continue
			}
			r.state("new_job", finding{value: string(NewJobEnded), from: m.Start, to: m.End, rule: matched("new_job: let go after resigning", m), strength: Strong})
			return NewJobEnded
		}
	}
	// "Territory Representative – Western Cape / Veldpaw Nutrition (Pty)
	// Ltd" under the words of someone who left a job: a title and a firm
	// in the signature are the job they have now (fresh-62's bj43)
	if r.sigWords != "" {
		title, firm := false, false
		for _, w := range strings.Fields(r.sigWords) {
			title = title || r.v.Role.Noun.word(w)
			firm = firm || r.v.Boss.CompanySufx.word(w)
		}
		if title && firm {
			r.evi = append(r.evi, Evidence{Field: "new_job", Value: string(NewJobHas), Words: strings.TrimSpace(r.sigWords), Rule: "new_job: a title and a firm in the signature of someone who left a job", Strength: Strong, Stated: true})
			return NewJobHas
		}
	}
	return NewJobUnknown
}

// newEnd is where the writer's new words end among the message's tokens:
// after it comes an earlier message of their own (Message.ownAt).
func (r *reader) newEnd() int {
	if r.m.ownAt <= 0 || r.m.ownAt >= len(r.m.Text) {
		return len(r.t.toks)
	}
	narrative, _ := r.lx.keyLines(r.m.Text[:r.m.ownAt])
	return min(len(r.lx.tokenize(strings.ReplaceAll(narrative, "’", "'"))), len(r.t.toks))
}
