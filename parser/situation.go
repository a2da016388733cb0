package parser

import (
	"strings"
	"time"
)

// situationWords are the lists that say how a job ended (situation.txt).
type situationWords struct {
	Fired         *List `list:"fired"`      // "I was fired", "they let me go", "told not to come back"
	FiredEnded    *List `list:"job_ended"`  // the job ended, how is told elsewhere: "I lost my job"
	LaidOff       *List `list:"laid_off"`   // "my position was eliminated", "made redundant"
	Quit          *List `list:"quit"`       // "I resigned", "handed in my notice"
	QuitWeak      *List `list:"quit_weak"`  // "I walked out", "moved on": quit, unless a strong event says otherwise
	LayoffCue     *List `list:"layoff_cue"` // business reasons: budget, restructuring, closure
	NotEvent      *List `list:"not_event"`  // "fired up": an event word that is not one
	Guard         *List `list:"guard"`      // words before an event that make it not (yet) real: "if", "afraid", "might"
	GuardPhrase   *List `list:"guard_phrase"`
	FirstPerson   *List `list:"first_person"`
	Rumour        *List `list:"rumour"`              // a sentence about rumours is not an event
	SubjectFear   *List `list:"subject_fear"`        // worried, scared: a subject that opens with a fear tells no event
	Until         *List `list:"until"`               // "I worked there until last Monday"
	Personal      *List `list:"personal_before"`     // my: "my numbers were down" is the writer's own work
	QuitCue       *List `list:"quit_cue"`            // "I got an offer and accepted": a job that ended by the writer's choice
	Conditional   *List `list:"conditional"`         // if, whether: what follows in the sentence is a condition
	CondEnd       *List `list:"conditional_end"`     // but, though: a new clause after a condition ("idk if this is the right place but i got fired")
	UntilPast     *List `list:"until_past"`          // "worked", "stayed": the verb before "until" that tells a job's past
	UntilDeadline *List `list:"until_deadline"`      // gave, have: "they gave me until the 20th" sets a deadline
	UntilFuture   *List `list:"until_future"`        // next: "a contract from March until end of February next year" runs on, it did not end
	GuardInside   *List `list:"guard_inside"`        // "my contract will likely not be renewed": inside an event phrase
	NotYet        *List `list:"not_yet"`             // "I haven't left yet": a weak event word is a wish or a fear
	Trouble       *List `list:"job_trouble"`         // "final warning", "afraid of layoffs": trouble in a job not yet lost
	LayoffReason  *List `list:"layoff_reason"`       // "not about my performance", "reduce staff": a dismissal that is a layoff
	NothingYet    *List `list:"nothing_yet"`         // "nothing has happened to me yet": no event, however strong the words
	NewJobEvent   *List `list:"new_job_event"`       // "still in my probation": an event of the next job, not the one they want back
	EarlierJob    *List `list:"earlier_job_event"`   // "from my previous job in 2024": an event of a job before the one they write about
	Conduct       *List `list:"conduct_reason"`      // "fired because too many absences": no lay-off, whatever business word is near
	EndedConduct  *List `list:"ended_for_conduct"`   // "not be renewed after the incident": an ended job that is a firing
	Probation     *List `list:"probation_word"`      // probation: of new_job_event, the words that may be of the only job
	Implied       *List `list:"implied_subject"`     // "Got fired yesterday": a sentence opening with these is the writer's
	Opener        *List `list:"sentence_opener"`     // hey, so, ok: words before the verb of a sentence that drops its "I"
	PointsBack    *List `list:"points_back"`         // after, since: "after quitting like that?" asks about an event told before
	BackSubject   *List `list:"points_back_subject"` // they, i, was, being: between "after" and the event ("After they terminated me")
	AskedChoice   *List `list:"asked_choice"`        // should, would: "should i quit or wait?" asks, tells nothing
	AskedIntent   *List `list:"asked_intent"`        // means, decide to: "Is it means they already decide to fire me?" asks, tells nothing
	ThirdParty    *List `list:"third_party"`         // "my clients who lost jobs": someone else\'s story
	OtherSubject  *List `list:"quit_other_subject"`  // guy, coworker: "the yard guy quit" is someone else's resignation
	PassiveAux    *List `list:"passive_aux"`         // was, got: "Brandon got fired" is Brandon's event
	GuardAfter    *List `list:"guard_after"`         // possible, likely: "a reorganisation is still possible"
	OnBehalf      *List `list:"on_behalf"`           // "writing on behalf of my brother": the story is someone else's
	NotBehalf     *List `list:"not_behalf"`          // "I write for myself": the writer's own case, whoever helps
	BehalfPerson  *List `list:"behalf_person"`       // son, daughter, friend: "my son Emilio" names the person written for
	Disputed      *List `list:"disputed"`            // "I did not steal any money": the writer denies the blame
	Cleared       *List `list:"cleared"`             // "it was a double posting from the system upgrade": found since to be no fault of theirs
	OwnsIt        *List `list:"disputed_but"`        // "but I know it is still my responsibility": a denial that owns the blame after all
	DisputedLead  *List `list:"disputed_lead"`       // did, didn't, never: a denial that opens so is the writer's only after "I"
	DisputedNot   *List `list:"disputed_not"`        // "it well": "I didn't take it well" is how they took the news
	PastTold      *List `list:"past_told"`           // got, was, lost: irregular pasts that make a subject tell, not ask
	Retired       *List `list:"retired"`             // retired, retirement: a resignation that was a retirement
	Closed        *List `list:"workplace_closed"`    // "the store closed for good": after a lay-off, no job there to go back to
	ClosedEvent   *List `list:"closed_event"`        // "the plant shut down for good": a lay-off when nothing else is told
	Behalf        *List `list:"behalf_event"`        // "the owner fire him": what happened to the person the writer writes for
	QuitGiven     *List `list:"quit_given_to"`       // "gave us the notice": a notice given to the writer, not by them
	Doer          *List `list:"writer_subject"`      // i, we: "a cook I let go" is the writer's doing
	DoerVerb      *List `list:"writer_did"`          // let, fired, laid: what the writer may do to another
	Contracted    *List `list:"guard_contracted"`    // they'd, she'd: "would", or "had" before a past participle
	HadNext       *List `list:"had_next"`            // already, been, just: "they'd already ..." is "had"
	FirstCore     *List `list:"first_person_core"`
	Inclusive     *List `list:"inclusive"` // everybody, all, the whole: a sentence that includes the writer
	LeftVerb      *List `list:"left_verb"`
	LeftSubject   *List `list:"left_subject"` // "I left Brennan & Sons", "just left Acme"
}

type eventKind int

const (
	strongEvent eventKind = iota
	weakEvent             // the situation is known, but a strong event elsewhere wins
	endedEvent            // the job ended; cues decide how
)

// event is the sentence that says how the job ended.
type event struct {
	finding
	situation Situation
	at        int // token index of the event word, -1 if none
	end       int
	list      *List
	match     Match // the entry that matched, if a list's did
}

// situation finds how the job ended: the first strong event ("I was fired",
// "I resigned", "laid off"), else the first weak one ("I was let go", "I
// walked out"), whose kind the rest of the text and the subject decide; a
// "Situation:" line wins, and the subject speaks when the text does not.
func (r *reader) situation() event {
	v := &r.v.Situation
	ev, kind := r.scanEvents(r.t.toks, r.t.sents, true)
	if ev.at >= 0 {
		ev.finding = finding{value: string(ev.situation), from: ev.at, to: ev.end, strength: Strong,
			rule: rule("event", ev.list)}
		if ev.match.ok() {
			ev.finding.rule = matched("event", ev.match)
		}
	}
	if kind == strongEvent && ev.situation == SituationFired && ev.at >= 0 {
		// "the school management disengaged 9 teachers including me. The
		// proprietress said enrolment has dropped": a business reason near
		// a dismissal makes it a layoff.
		if m := r.layoffReasonNear(ev.at); m.ok() {
			ev.situation = SituationLaidOff
			ev.finding.value, ev.finding.rule = string(ev.situation), ev.finding.rule+"; laid off, for a business reason: \""+joinToks(r.t.toks, m.Start, m.End)+"\" "+matched("", m)
		}
	}
	if kind == endedEvent && ev.at >= 0 {
		// The job ended; how is told by the rest of the text and the subject.
		subj := r.subjectToks()
		// "I got an offer and accepted. My last day was the 31st. Now the
		// startup ran out of money": a choice before the end, and a reason
		// after it that is the next job's
		evEnd := r.t.sents[r.t.toks[ev.at].sent][1]
		evFrom, evTo := r.around(ev.at, 2, 2)
		chose := r.quitCueNear(ev.at)
		if lc := r.layoffCueNear(ev.at); chose.ok() && (!lc.ok() || lc.Start >= evEnd) && (!ev.match.ok() || ev.match.Pattern.val == "") {
			ev.situation = SituationQuit
			ev.finding.value, ev.finding.rule = string(ev.situation), ev.finding.rule+"; quit, by their choice: \""+joinToks(r.t.toks, chose.Start, chose.End)+"\" "+matched("", chose)
		} else if m := r.find(v.EndedConduct, r.t.toks, ev.at, evEnd); m.ok() && !r.layoffReasonNear(ev.at).ok() {
			// "told me my contract would not be renewed after the incident
			// in the cafeteria": for what the writer did
			ev.situation = SituationFired
			ev.finding.value, ev.finding.rule = string(ev.situation), ev.finding.rule+"; fired, for their conduct: \""+joinToks(r.t.toks, m.Start, m.End)+"\" "+matched("", m)
		} else if s, k := r.subjectEvent(r.m.Envelope.Subject); k == strongEvent && s != SituationUnknown && !(s == SituationFired && r.businessCue(v.LayoffReason, r.t.toks, evFrom, evTo).ok()) {
			// (a clear business reason near the end wins over the
			// subject's "Notice of Early Termination", fresh-61's bi25)
			ev.situation = s
			ev.finding.value, ev.finding.rule = string(s), ev.finding.rule+"; how, from the subject"
		} else if m := r.layoffCueNear(ev.at); m.ok() {
			ev.situation = SituationLaidOff
			ev.finding.value, ev.finding.rule = string(ev.situation), ev.finding.rule+"; laid off, for a business reason: \""+joinToks(r.t.toks, m.Start, m.End)+"\" "+matched("", m)
		} else if m := r.layoffCue(subj, 0, len(subj)); m.ok() {
			ev.situation = SituationLaidOff
			ev.finding.value, ev.finding.rule = string(ev.situation), ev.finding.rule+"; laid off, for a business reason in the subject "+matched("", m)
		} else if m := r.quitCueNear(ev.at); m.ok() && (!ev.match.ok() || ev.match.Pattern.val == "") {
			ev.situation = SituationQuit
			ev.finding.value, ev.finding.rule = string(ev.situation), ev.finding.rule+"; quit, by their choice: \""+joinToks(r.t.toks, m.Start, m.End)+"\" "+matched("", m)
		} else if ev.match.ok() && ev.match.Pattern.val == string(SituationLaidOff) {
			// "my contract ended early": the business's doing, unless told otherwise
			ev.situation = SituationLaidOff
			ev.finding.value = string(ev.situation)
		}
		if ev.match.ok() && ev.match.Pattern.val == "weak" {
			if m := r.find(v.NotYet, r.t.toks, 0, len(r.t.toks)); m.ok() {
				// "I haven't left yet": the event word is a wish or a fear
				ev.finding.strength = Weak
				ev.finding.rule += "; but " + matched("not yet", m)
			}
		}
	}
	if m := r.nothingYet(); m.ok() && ev.at >= 0 {
		ev.finding.strength = Weak
		ev.finding.rule += "; but " + matched("nothing yet", m)
	}
	if val := r.t.keys["situation"]; val != "" {
		if s := r.situationOf(val); s != SituationUnknown {
			ev.situation = s
			ev.finding = finding{value: string(s), from: -1, words: val, rule: "a \"situation:\" line", strength: Strong}
		}
	}
	// "PIP - quit before they fire me?", "layoffs coming?": a subject that
	// asks, over a text that tells of trouble but no event, is no event.
	subj := strings.TrimSpace(r.m.Envelope.Subject)
	asks := strings.HasSuffix(subj, "?") && (r.jobTrouble() || r.find(v.Rumour, r.t.toks, 0, len(r.t.toks)).ok())
	// "Worry about restructuring at my ryokan", "Scared of redundancy": a
	// subject that opens with a fear tells none (fresh-71's bs32)
	if st := r.subjectToks(); len(st) > 1 && v.SubjectFear.has(&st[0]) {
		asks = true
	}
	// (but "furlough turned into redundancy - what now?" tells the event,
	// then asks: the question is only the part after the dash, fresh-48)
	for _, dash := range []string{" - ", " – ", " — "} {
		// (told in the past: not "Voluntary redundancy - should I?", "worry
		// about layoffs - what to do?")
		if i := strings.LastIndex(subj, dash); asks && i > 0 && !strings.Contains(subj[:i], "?") && r.pastTold(subj[:i]) {
			if s, k := r.subjectEvent(subj[:i]); k == strongEvent && s != SituationUnknown {
				subj, asks = subj[:i], false
			}
		}
	}
	if ev.situation == SituationUnknown && r.t.words > 0 && !asks && !r.nothingYet().ok() {
		if s := r.situationOf(subj); s != SituationUnknown {
			ev.situation = s
			ev.finding = finding{value: string(s), from: -1, words: r.m.Envelope.Subject, rule: "the subject line", strength: Strong}
			// "contract not renewed - council job", "Kündigung after
			// Kurzarbeit" over a text that gives a clear business reason
			// and tells no event ("the state youth funding got cut in the
			// budget and they couldn't renew anyone", fresh-66's bn29): a
			// lay-off
			if m := r.businessCue(v.LayoffReason, r.t.toks, 0, len(r.t.toks)); s == SituationFired && m.ok() {
				ev.situation = SituationLaidOff
				ev.finding.value = string(ev.situation)
				ev.finding.rule += "; a lay-off, by the business reason " + matched("", m)
			}
		}
	}
	return ev
}

// nothingYet finds words that say nothing has happened yet ("I still have
// a job"), but not inside a doubt ("idk if i still have a job technically",
// fresh-50: she walked off the job the night before).
func (r *reader) nothingYet() Match {
	toks := r.t.toks
	return r.findWhere(r.v.Situation.NothingYet, toks, 0, len(toks), func(m Match) bool {
		// ("A bank offered me 30% more salary and I accepted ... I still
		// work there but I am not sleeping well": the new job, told
		// before; fresh-60's bh49)
		if r.find(r.v.NewJob.Has, toks, 0, m.Start).ok() {
			return false
		}
		s0 := r.t.sents[toks[m.Start].sent][0]
		for k := max(m.Start-4, s0); k < m.Start; k++ {
			if toks[k].l == "if" || toks[k].l == "whether" {
				return false
			}
		}
		return true
	})
}

// pastTold reports whether s tells something in the past: a word with the
// ending of a past (past_ending: "ed"), or a common irregular past
// (past_told: "got", "was", "lost").
func (r *reader) pastTold(s string) bool {
	for _, t := range r.lx.tokenize(s) {
		if r.v.Situation.PastTold.has(&t) || len(t.l) > 4 && r.v.Accomplishment.VerbEnd.endsWord(t.l) {
			return true
		}
	}
	return false
}

// scanEvents finds the first strong event of the text, else the first weak
// one, and says which it found.
func (r *reader) scanEvents(toks []token, sents [][2]int, firstPerson bool) (event, eventKind) {
	v := &r.v.Situation
	weak := event{situation: SituationUnknown, at: -1}
	weakKind := endedEvent
	probation := event{situation: SituationUnknown, at: -1}
	// an event told with a year two or more before the message's ("I did
	// 20 years in the Army, retired ... in 2022"): an earlier job's, unless
	// no other is told
	old, oldKind := event{situation: SituationUnknown, at: -1}, endedEvent
	kinds := []struct {
		l    *List
		sit  Situation
		kind eventKind
	}{{v.Fired, SituationFired, strongEvent}, {v.LaidOff, SituationLaidOff, strongEvent}, {v.Quit, SituationQuit, strongEvent},
		{v.FiredEnded, SituationFired, endedEvent}, {v.QuitWeak, SituationQuit, weakEvent}, {v.ClosedEvent, SituationLaidOff, weakEvent}}
	for _, s := range sents {
		// "Got made redundant a fortnight ago", "got canned from the call
		// center for hanging up on customers": a sentence that opens with
		// the verb speaks for the writer too.
		// "they closed the whole building and laid off everybody": the
		// writer is among them.
		// ("The plant shut down for good on Friday October 30": a closure
		// needs no "I", fresh-51)
		onlyClosed := false
		// ("hey so got the boot from the crown & anchor yest arvo": the
		// verb opens the sentence after its "hey so", fresh-53)
		open := s[0]
		for open < s[1]-1 && open < s[0]+3 && v.Opener.has(&toks[open]) {
			open++
		}
		if firstPerson && !r.in(v.FirstPerson, toks, s[0], s[1]) && !v.Implied.has(&toks[open]) && !r.in(v.Inclusive, toks, s[0], s[1]) || firstPerson && r.in(v.ThirdParty, toks, s[0], s[1]) && !r.in(v.FirstCore, toks, s[0], s[1]) && !r.in(v.Inclusive, toks, s[0], s[1]) && !v.Implied.has(&toks[open]) || r.in(v.Rumour, toks, s[0], s[1]) {
			if !firstPerson || r.in(v.Rumour, toks, s[0], s[1]) || !r.in(v.ClosedEvent, toks, s[0], s[1]) {
				continue
			}
			onlyClosed = true
		}
		for i := s[0]; i < s[1]; i++ {
			var sit Situation
			var end int
			var list *List
			var match Match
			kind := strongEvent
			for _, c := range kinds {
				if onlyClosed && c.l != v.ClosedEvent {
					continue
				}
				if len(c.l.loose) == 0 && !c.l.has(&toks[i]) {
					continue // (no entry of the list starts at this word)
				}
				if m := r.atOwn(c.l, toks, i); m.ok() {
					sit, end, kind, list, match = c.sit, m.End, c.kind, c.l, m
					break
				}
			}
			// "I left Brennan & Sons Plumbing to start my own outfit"
			if sit == "" && v.LeftVerb.has(&toks[i]) && i > s[0] && v.LeftSubject.has(&toks[i-1]) && i+1 < s[1] && toks[i+1].cap && !r.v.Names.NotName.has(&toks[i+1]) {
				sit, end, kind, list = SituationQuit, i+1, strongEvent, v.LeftVerb
			}
			// "I worked the front desk ... until last Monday"
			if sit == "" && r.jobUntil(toks, s, i) {
				if _, at, ok := r.timeExpr(toks, i+1, min(i+4, s[1]), time.Date(2000, 6, 15, 0, 0, 0, 0, time.UTC)); ok && (at == i+1 || at == i+2) {
					sit, end, kind, list = SituationFired, i+1, endedEvent, v.Until
				}
			}
			if sit == "" {
				continue
			}
			if r.notEventAt(toks, s, i) {
				continue // "fired up"
			}
			// "I'd quit if ...", "afraid I'll be fired", "about to be let go",
			// "my contract will likely not be renewed"
			// ("then they laid off half the egg house": others, fresh-39)
			guarded := v.GuardPhrase.at(toks, i).ok()
			for k := i - 1; k >= s[0] && k >= i-4 && !guarded; k-- {
				// ("I said some things I should not say and I asked for my
				// demissão the same day": "and I" opens a clause of its
				// own; fresh-58's bf50)
				if r.v.Common.And.has(&toks[k]) && k+1 < i && r.v.Common.I.has(&toks[k+1]) {
					break
				}
				// ("they'd decided to go a different direction": had, not would)
				n := k + 1
				for n < s[1] && isQuoteTok(&toks[n]) {
					n++
				}
				had := v.Contracted.has(&toks[k]) && n < s[1] && (strings.HasSuffix(toks[n].l, "ed") || v.HadNext.has(&toks[n]))
				// ("Before 10 days I resigned": a time ago, not "before I quit")
				ago := toks[k].l == "before" && (k+2 < s[1] && r.v.When.Unit.has(&toks[k+2]) ||
					k > s[0] && r.v.When.Unit.has(&toks[k-1])) // ("for five good years before I was relieved of my appointment", fresh-41)
				if v.Guard.has(&toks[k]) && !had && !ago || v.GuardPhrase.at(toks, k).ok() {
					guarded = true
					break
				}
			}
			// "If I leave now and the layoffs don't happen": the whole clause
			// (but "I'd regret it if I didn't go, so I handed my notice in":
			// a comma ends the condition)
			cond := false
			for k := s[0]; k < i; k++ {
				if v.Conditional.has(&toks[k]) {
					cond = true
				} else if toks[k].punct && !isQuoteTok(&toks[k]) || v.CondEnd.has(&toks[k]) {
					cond = false
				}
			}
			guarded = guarded || cond
			for k := i + 1; k < end && k < s[1]; k++ {
				if v.GuardInside.has(&toks[k]) {
					guarded = true
				}
			}
			for k := end; k < s[1] && k < end+4; k++ {
				// ("I quit to open my own food truck": a verb, not a draft
				// left open, fresh-53)
				if v.GuardAfter.has(&toks[k]) && !(k > 0 && toks[k-1].l == "to") {
					guarded = true // "a reorganisation is still possible"
				}
			}
			// "Can I even ask for my job back after quiting like that?": a
			// question that points back at what was told before, not the
			// event (fresh-53: "Saturday I walked off the job")
			if i > s[0] && v.PointsBack.has(&toks[i-1]) && toks[s[1]-1].ask {
				guarded = true
			}
			// "Is it strange because they let me go before?": the event
			// told before, pointed back at in a question (fresh-76's bx18)
			if toks[s[1]-1].ask && end < s[1] && (toks[end].l == "before" || toks[end].l == "earlier") {
				guarded = true
			}
			// "Is it means they already decide to fire me?": what the
			// writer asks of an intent, not an event (fresh-72's bt50, on
			// a plan)
			if toks[s[1]-1].ask && r.in(v.AskedIntent, toks, max(s[0], i-6), i) {
				guarded = true
			}
			// "Quit first or wait?", "should i quit or wait": a choice asked
			// about, opening the question or after "should I" (fresh-56)
			if toks[s[1]-1].ask && (i == s[0] || i-1 > s[0] && r.v.Common.I.has(&toks[i-1]) && v.AskedChoice.has(&toks[i-2])) {
				for k := i + 1; k < s[1] && k < i+4; k++ {
					if toks[k].l == "or" {
						guarded = true
					}
				}
			}
			// "About a month ago I got let go ... After they terminatd me I
			// sent HR a long, ugly email": a clause that points back at an
			// event told before is not where it is told (fresh-55)
			if weak.at >= 0 {
				for k := i - 1; k >= s[0] && k >= i-3; k-- {
					if v.PointsBack.has(&toks[k]) {
						guarded = true
						break
					}
					if !v.BackSubject.has(&toks[k]) {
						break
					}
				}
			}
			if guarded {
				continue
			}
			// "HR gave us the notice that our positions are redundant": a
			// notice given to the writer is no resignation
			if sit == SituationQuit && v.QuitGiven.at(toks, i).ok() {
				continue
			}
			// "one of my best vinyl guys, Sipho, resigned": someone else left
			if sit == SituationQuit && firstPerson {
				k := i - 1
				if k > s[0] && toks[k].l == "," {
					k--
				}
				if k > s[0] && r.isNameWord(&toks[k]) {
					continue
				}
				// "Tomasz, he worked for me 3 years, he quit angry"
				if i > s[0] && r.v.Common.Pronoun.has(&toks[i-1]) && !r.in(v.FirstCore, toks, i-1, i) {
					continue
				}
				// "the yard guy quit in August": someone named by what they
				// are, just before
				if i > s[0] && r.in(v.OtherSubject, toks, max(i-3, s[0]), i) && !r.in(v.FirstCore, toks, max(i-3, s[0]), i) {
					continue
				}
				// "he sold the practice to SmileCo and retired": the clause's
				// subject is someone else
				other := false
				for k := i - 1; k >= s[0] && k >= i-12 && toks[k].l != "," && toks[k].l != ";"; k-- {
					if r.in(v.FirstCore, toks, k, k+1) {
						break
					}
					if r.v.Common.HeShe.has(&toks[k]) {
						other = true
						break
					}
				}
				if other {
					continue
				}
			}
			// "A cook I let go back in the summer", "we laid off two drivers":
			// the writer did it, to someone else
			// (not "I lost my job", nor "Was I fired?")
			if (sit == SituationFired || sit == SituationLaidOff) && i > s[0] && v.Doer.has(&toks[i-1]) && v.DoerVerb.has(&toks[i]) &&
				!(i-2 >= s[0] && r.v.Common.Be.has(&toks[i-2])) && !r.v.Common.Me.has(&toks[min(end, len(toks)-1)]) {
				continue
			}
			// "Brandon got fired for the same thing", "Kelly was let go":
			// someone named was let go (but "Dante fired me" is the writer)
			if sit == SituationFired && firstPerson {
				k := i - 1
				for n := 0; n < 2 && k > s[0] && v.PassiveAux.has(&toks[k]); n++ {
					k--
				}
				// "my old manager, Curtis Rader, got walked out last week"
				// (fresh-42): a name set off by commas, or a title
				// (but "my boss has fired me", fresh-47: a perfect, done to
				// "me")
				passive := (k < i-1 || v.PassiveAux.has(&toks[i])) && !r.v.Common.Me.has(&toks[min(end, len(toks)-1)]) && !r.v.Common.Me.has(&toks[end-1])
				if passive && k > s[0] && toks[k].l == "," {
					// (only a name set off on both sides: "I was an
					// apprentice with Coastline Electrical, got let go" is
					// the writer's)
					j := k - 1
					for j > s[0] && r.isNameWord(&toks[j-1]) {
						j--
					}
					if j > s[0] && toks[j-1].l == "," {
						k--
					}
				}
				if passive && k >= s[0] && (r.isNameWord(&toks[k]) || r.v.Boss.Title.has(&toks[k]) && !r.v.Common.I.has(&toks[k])) {
					continue
				}
			}
			// "pacific mutual let me go last week, still in my probation";
			// but "I got offered a new place, so I handed my notice in" is
			// how the old job ended.
			if m := r.find(v.NewJobEvent, toks, s[0], s[1]); sit != SituationQuit && m.ok() && firstPerson {
				// ("I was let go at the end of my probation" and nothing
				// else: the only job they speak of, kept for the end)
				if probation.at < 0 && v.Probation.has(&toks[m.Start]) {
					probation = event{situation: sit, at: i, end: end}
					probation.list, probation.match = list, match
				}
				continue
			}
			// "I was laid off from my previous job in 2024" from a writer
			// who still has the job they write about
			if r.find(v.EarlierJob, toks, s[0], s[1]).ok() && firstPerson {
				if nj := r.newJob(); nj != NewJobHas && nj != NewJobEnded {
					continue
				}
			}
			if sit == SituationFired && r.layoffCue(toks, s[0], s[1]).ok() && !r.in(v.Conduct, toks, s[0], s[1]) {
				sit = SituationLaidOff
			}
			ev := event{situation: sit, at: i, end: end}
			ev.list, ev.match = list, match
			if firstPerson && r.yearsBefore(toks, s, 2) {
				if old.at < 0 {
					old, oldKind = ev, kind
				}
				continue
			}
			if kind != strongEvent {
				if weak.at < 0 {
					weak, weakKind = ev, kind
				}
				continue
			}
			return ev, strongEvent
		}
	}
	if weak.at < 0 && probation.at >= 0 {
		if nj := r.newJob(); nj != NewJobHas && nj != NewJobEnded {
			return probation, strongEvent
		}
	}
	if weak.at < 0 && old.at >= 0 {
		return old, oldKind
	}
	return weak, weakKind
}

// yearsBefore reports whether sentence s names a year at least n before
// the message's.
func (r *reader) yearsBefore(toks []token, s [2]int, n int) bool {
	d := r.m.Envelope.Date
	if d.IsZero() {
		return false
	}
	for i := s[0]; i < s[1]; i++ {
		if y, ok := yearAt(toks, i); ok && y <= d.Year()-n {
			return true
		}
	}
	return false
}

// layoffCueNear finds a business reason near the event: in its sentence,
// the two before, or the two after ("I was let go on Friday. They said
// the budget was cut.").
func (r *reader) layoffCueNear(at int) Match {
	from, to := r.around(at, 2, 2)
	if m := r.layoffCue(r.t.toks, from, to); m.ok() {
		return m
	}
	// a clear business reason is a cue too (fresh-61's bi25: "they ended
	// it because "the project has been suspended"", two sentences before
	// "Friday the 16th was my last day")
	return r.businessCue(r.v.Situation.LayoffReason, r.t.toks, from, to)
}

// around returns the tokens of toks[at]'s sentence, the before sentences
// before it and the after ones after it.
func (r *reader) around(at, before, after int) (from, to int) {
	si := r.t.toks[at].sent
	return r.t.sents[max(si-before, 0)][0], r.t.sents[min(si+after, len(r.t.sents)-1)][1]
}

// notEventAt reports whether an event word at toks[i] is inside a phrase of
// not_event that starts at it or up to three words before it ("fired up";
// "Gary said he'd "moved on"": the boss moved on, fresh-59's bg22).
func (r *reader) notEventAt(toks []token, s [2]int, i int) bool {
	v := &r.v.Situation
	if v.NotEvent.at(toks, i).ok() {
		return true
	}
	for k := i - 1; k >= s[0] && k >= i-3; k-- {
		if v.NotEvent.at(toks, k).End > i {
			return true
		}
	}
	return false
}

// jobUntil reports whether toks[i], in sentence s, is an "until" that ends
// the job ("I worked the front desk until last Monday"), not a deadline
// ("they gave me until November 20 to sign"), other work ("I've got agency
// work till Christmas") or a term still to run ("I have fixed contract for
// 12 months, from March until end of February next year": fresh-58's bf15).
func (r *reader) jobUntil(toks []token, s [2]int, i int) bool {
	v := &r.v.Situation
	return v.Until.has(&toks[i]) && r.in(v.UntilPast, toks, s[0], s[1]) && !r.in(v.UntilDeadline, toks, max(i-3, s[0]), i) &&
		!r.in(v.UntilFuture, toks, i+1, min(i+6, s[1]))
}

// quitCueNear finds a sign near the event that the writer chose to go: in
// its sentence or the two before.
func (r *reader) quitCueNear(at int) Match {
	from, to := r.around(at, 2, 3)
	return r.find(r.v.Situation.QuitCue, r.t.toks, from, to)
}

// layoffReasonNear finds a clear business reason near the event (not a word
// like "closed" that may be about anything).
func (r *reader) layoffReasonNear(at int) Match {
	from, to := r.around(at, 1, 2)
	return r.businessCue(r.v.Situation.LayoffReason, r.t.toks, from, to)
}

// layoffCue finds a business reason in toks[from:to]: "budget cuts", "it
// wasn't about my work", "they lost the contract".
func (r *reader) layoffCue(toks []token, from, to int) Match {
	return r.businessCue(r.v.Situation.LayoffCue, toks, from, to)
}

// businessCue finds a match of l in toks[from:to] that is the business's,
// not the writer's own: "sales were down" is a reason to cut jobs, "my
// numbers were down" one to fire the writer.
func (r *reader) businessCue(l *List, toks []token, from, to int) Match {
	for from < to {
		m := r.find(l, toks, from, to)
		if !m.ok() {
			return m
		}
		// (a quote between: 'my "numbers had dropped"' is the writer's,
		// fresh-54)
		k := m.Start - 1
		for k > from && isQuoteTok(&toks[k]) {
			k--
		}
		if m.Start == 0 || k < 0 || !r.v.Situation.Personal.has(&toks[k]) {
			return m
		}
		from = m.Start + 1
	}
	return Match{}
}

// situationOf classifies a short phrase ("fired", "laid off", "quit") such as
// a subject line or a "Situation:" value. Hypothetical phrasing ("Should I
// resign?") says nothing happened.
func (r *reader) situationOf(s string) Situation {
	sit, _ := r.subjectEvent(s)
	return sit
}

func (r *reader) subjectEvent(s string) (Situation, eventKind) {
	var toks []token
	if s == r.m.Envelope.Subject {
		toks = append(toks, r.subjectToks()...) // a copy: its sentences are renumbered below
	} else {
		toks = r.lx.tokenize(strings.ReplaceAll(s, "’", "'"))
	}
	question := len(toks) > 0 && toks[len(toks)-1].ask
	// A subject line speaks for the writer: it is one sentence in the
	// first person.
	for i := range toks {
		toks[i].sent = 0
	}
	ev, kind := r.scanEvents(toks, [][2]int{{0, len(toks)}}, false)
	if ev.match.ok() && ev.match.Pattern.val == "weak" && (question || r.find(r.v.Situation.NotYet, r.t.toks, 0, len(r.t.toks)).ok()) {
		return SituationUnknown, kind // "How to resign without burning bridges?"
	}
	if kind == endedEvent && ev.match.ok() && (ev.match.Pattern.val == string(SituationLaidOff) || r.layoffCue(toks, 0, len(toks)).ok()) {
		return SituationLaidOff, strongEvent // "Fixed-term contract ended early", "termination due to project ramp-down"
	}
	return ev.situation, kind
}
