package parser

import (
	"slices"
	"strings"
)

// signalWords are the lists that find signs of an unlawful dismissal
// (signals.txt).
type signalWords struct {
	Discrimination *List `list:"discrimination"`               // "because of my age", "pregnant"
	Younger        *List `list:"younger"`                      // younger ...
	YoungerContext *List `list:"younger_context"`              // ... replaced, hired: age discrimination
	ContractTerm   *List `list:"contract_term"`                // contract, appointment letter: a term of the contract ...
	Underpaid      *List `list:"underpaid"`                    // ... "they paid me one month only": less paid than it says
	Retaliation    *List `list:"retaliation"`                  // "retaliation", "complained to HR"
	Complaint      *List `list:"complaint_word"`               // reported, complained, filed ...
	Denied         *List `list:"signal_denied"`                // "nothing to do with it", "paid correctly": the writer rules a sign out
	Proof          *List `list:"report_proof"`                 // copies, attached, the list: a report that carries what was found
	Against        *List `list:"complaint_against"`            // "complaints from guests": a complaint about the writer
	After          *List `list:"complaint_after"`              // "till today they have not paid": a claim after the end, not a complaint before it
	ToCome         *List `list:"complaint_to_come"`            // should, might, thinking: just before a complaint, one not made yet
	ReportDone     *List `list:"report_passive"`               // were, been: inside a report's words, one made to the writer ("we were told")
	Treatment      *List `list:"treatment_word"`               // harassment, unpaid, unsafe: what was complained of
	Wrongdoing     *List `list:"wrongdoing_word"`              // fraud, safety, OSHA: what was reported
	Whistle        *List `list:"whistleblowing"`               // "whistleblower", "blew the whistle"
	Jury           *List `list:"jury_duty"`                    // jury
	Contract       *List `list:"contract_breach"`              // "my contract says", "breach of contract"
	Medical        *List `list:"medical_leave"`                // "on medical leave", "FMLA"
	Harassment     *List `list:"harassment"`                   // "harassed", "groped", "sexual comments"
	Adverse        *List `list:"adverse_after"`                // worse shifts, accounts given away: treated worse after a complaint
	Report         *List `list:"report_word"`                  // wrote, called, told: a report in plain words
	RefersBack     *List `list:"refers_back"`                  // it, this: "I raised it" reports what the sentence before told
	WrongStrong    *List `list:"wrongdoing_strong"`            // hotline, OSHA, health and safety: what such a report was about
	Condition      *List `list:"medical_condition"`            // hurt, injured, surgery ...
	Absence        *List `list:"medical_absence"`              // ... off, leave, came back: medical leave
	Return         *List `list:"medical_return"`               // came back, weeks off: the leave told in the sentences after
	ConditionNot   *List `list:"medical_condition_not_before"` // schedule, rota: "the surgery schedule" is work, not an illness
	Speech         *List `list:"speech_verb"`                  // said, told: "Mr. Pemberton said ... fresh legs" is about the writer
	OtherWent      *List `list:"signal_other_went"`            // went, is: "Jenny went on maternity leave" is Jenny's
	Discovered     *List `list:"discovered"`                   // noticed, found: "I noticed invoices were inflated" tells wrongdoing they saw
	MedicalFew     *List `list:"medical_few"`                  // "one day of sick leave": too little to be a medical leave
	Diagnosed      *List `list:"diagnosed_mental"`             // "diagnosed with generalized anxiety disorder" ...
	Disclosed      *List `list:"disclosed_to"`                 // ... "I told my manager": disability, once disclosed
	Hedge          *List `list:"signal_hedge"`                 // "I don't know if this matters": a hedge, not a question
	Record         *List `list:"record_held"`                  // "the paper from the court", "my pay stubs": what shows what happened
	InjuryClaim    *List `list:"injury_claim"`                 // "filed the comp claim": an injury's claim, which is no report of wrongdoing
	Apology        *List `list:"report_apology"`               // apologise, apology: a letter of the writer's own apology, no report
	ReportObject   *List `list:"report_object"`                // that, about, it: after "reported to", what was reported
	Suspected      *List `list:"suspected_sign"`               // pregnant, unpaid, fraud: what a writer who asks about a lawyer suspects
	RecordNone     *List `list:"record_none"`                  // zero, without: "zero write-ups in 4 years" holds no record
	Partner        *List `list:"signal_partner"`               // "my partner was pregnant": someone else's, as third_party's words are
}

// wrongfulSignals lists the signs the writer describes that the
// termination may have been unlawful.
func (r *reader) wrongfulSignals() []Signal {
	toks, v, t := r.t.toks, &r.v.Signal, r.t
	var out []Signal
	addRule := func(s Signal, from, to int, why string) {
		// A writer who quit was not let go during a leave, over jury
		// service, for a report or against a contract: only treatment that
		// drove them out (harassment, discrimination, retaliation) is a
		// sign, as every label set reads it ("I did a burnout recovery
		// program" after resigning, fresh-32).
		if r.ev.situation == SituationQuit && s != SignalHarassment && s != SignalDiscrimination && s != SignalRetaliation {
			return
		}
		for _, x := range out {
			if x == s {
				return
			}
		}
		// "I'd filed a complaint about the lighting ... I don't think it
		// had anything to do with it": the writer rules the sign out
		if from >= 0 && from < len(toks) {
			si := toks[from].sent
			// (not for jury service: "I show the letter to Chef Ramos and
			// he say ok, no problem" is the leave allowed, then held
			// against them, fresh-54)
			if s != SignalJuryDuty && r.deniedIn(t.sents[si][0], t.sents[min(si+1, len(t.sents)-1)][1]) {
				return
			}
			// "Apart from jury service I had taken one day of sick leave"
			if s == SignalMedicalLeave && r.find(v.MedicalFew, toks, t.sents[si][0], t.sents[si][1]).ok() {
				return
			}
		}
		out = append(out, s)
		r.state("wrongful_signals", finding{value: string(s), from: from, to: to, rule: why, strength: Strong})
	}
	add := func(s Signal, from, to int, why string, lists ...*List) {
		addRule(s, from, to, rule("wrongful_signals: "+why, lists...))
	}
	addMatch := func(s Signal, m Match) {
		addRule(s, m.Start, m.End, matched("wrongful_signals", m))
	}
	if m := r.firstOwn(v.Discrimination); m.ok() {
		addMatch(SignalDiscrimination, m)
	} else {
		for _, s := range t.sents {
			if r.near(v.Younger, v.YoungerContext, s, 5) {
				add(SignalDiscrimination, s[0], s[1], "replaced by someone younger", v.Younger, v.YoungerContext)
			}
		}
	}
	// a mental health condition told to the boss in the sentences after
	// its diagnosis (fresh-43: "got diagnosed with generalized anxiety
	// disorder. On November 3 I told my manager")
	for si, s := range t.sents {
		if d := r.find(v.Diagnosed, toks, s[0], s[1]); d.ok() {
			// (three sentences on: "I've had generalized anxiety ... It's
			// been well managed ... This summer my meds stopped working ...
			// I went to my manager", fresh-50; not "I never told them")
			if m := r.findWhere(v.Disclosed, toks, s[0], t.sents[min(si+3, len(t.sents)-1)][1], func(m Match) bool { return !r.negatedBefore(toks, m.Start, 3) }); m.ok() && r.in(r.v.Situation.FirstPerson, toks, s[0], s[1]) {
				add(SignalDiscrimination, s[0], m.End, "a condition the writer was diagnosed with, told to the boss", v.Diagnosed, v.Disclosed)
				break
			}
		}
	}
	// (not "the customer made a formal complaint": about the writer's
	// work, fresh-50)
	// (nor one made after the end: "after he let me go I was really upset
	// and I filed a complaint with the state dental board", fresh-55)
	if m := r.findWhere(v.Retaliation, toks, 0, len(toks), func(m Match) bool {
		s := t.sents[toks[m.Start].sent]
		return !r.in(v.Against, toks, s[0], s[1]) && !r.find(v.After, toks, s[0], m.Start).ok()
	}); m.ok() {
		// a writer who quit over harassment they complained of was not let
		// go for complaining (as below; fresh-47: "I complained to HR"
		// about a team lead's harassment, then resigned), unless they were
		// treated worse after it
		if !(r.ev.situation == SituationQuit && r.in(v.Harassment, toks, 0, len(toks)) && !r.in(v.Adverse, toks, m.Start, len(toks))) {
			addMatch(SignalRetaliation, m)
		}
	}
	for _, s := range t.sents {
		// (near each other: a voice-typed message may be one long sentence)
		// (not "Should I be ringing ACAS or a solicitor before I send it?":
		// a question about what to do now, fresh-38)
		// (a hedge is no question: "I don't know if this matters at all but
		// back in August I called the state OSHA line", fresh-43)
		// (not "we were told the council grant wasn't being renewed": told,
		// not telling, fresh-48)
		// (nor one made after the end: "after he let me go I was really
		// upset and I filed a complaint with the state dental board",
		// fresh-55's bc58, as for a complaint below)
		// (nor one advised and not made: "My sister says I should call the
		// Ministry of Labour", fresh-64's bl17; nor an injury reported with
		// its claim, which is the claim's sign: "I reported it the same
		// night and filed the comp claim like the safety guy told me",
		// bl59)
		if r.near(v.Report, v.WrongStrong, s, 15) && r.in(r.v.Situation.FirstPerson, toks, s[0], s[1]) && r.activeReport(s) && !r.in(v.After, toks, s[0], s[1]) && !r.reportToCome(s) && !r.find(v.InjuryClaim, toks, s[0], s[1]).ok() && !(r.asks(s) && (toks[s[1]-1].ask || !r.find(v.Hedge, toks, s[0], s[1]).ok())) {
			add(SignalWhistleblowing, s[0], s[1], "a report to those who police wrongdoing", v.Report, v.WrongStrong)
		}
	}
	for si, s := range t.sents {
		if !r.in(v.Complaint, toks, s[0], s[1]) || r.in(v.Against, toks, s[0], s[1]) {
			continue
		}
		// (not "it was Lindiwe I reported to every day": whom they worked
		// under, fresh-61's bi08)
		if !r.findWhere(v.Complaint, toks, s[0], s[1], func(m Match) bool { return !r.reportingLine(m) }).ok() {
			continue
		}
		// "should I involve a lawyer over the unpaid salary?": what to do
		// now, asked, not a complaint made (fresh-48); "My da says I should
		// make a complaint to the WRC": advice, not done (fresh-49)
		if r.asks(s) || r.complaintToCome(s) {
			continue
		}
		// (a complaint of the writer's: not "yesterday HR asked every
		// department for the list of critical positions", fresh-48)
		if !r.in(r.v.Situation.FirstPerson, toks, s[0], s[1]) && !r.in(r.v.Situation.Inclusive, toks, s[0], s[1]) {
			continue
		}
		// what was reported may be named in the sentence before: "my checks
		// didn't have my overtime. so i asked mr. petrakis about it"
		from := s[0]
		if si > 0 {
			from = t.sents[si-1][0]
		}
		// ("Since then I did a driving safety training and I wrote a letter to
		// apologise": the writer's own apology, no report; fresh-68's bp07)
		if r.nearMatch(v.Complaint, v.Wrongdoing, s, 8) && !r.find(v.InjuryClaim, toks, s[0], s[1]).ok() && !r.in(v.Apology, toks, s[0], s[1]) {
			add(SignalWhistleblowing, s[0], s[1], "a report of wrongdoing", v.Complaint, v.Wrongdoing)
		} else if found := func(back int) bool {
			return r.find(v.WrongStrong, toks, back, s[0]).ok() || r.find(v.Wrongdoing, toks, back, s[0]).ok() && r.find(v.Discovered, toks, back, s[0]).ok()
		}; si > 0 && (found(t.sents[max(si-2, 0)][0]) && r.nearMatch(v.Complaint, v.RefersBack, s, 2) || found(t.sents[max(si-4, 0)][0]) && r.in(v.Proof, toks, s[0], s[1])) {
			// (or, up to four sentences on, the proof sent with it: "I
			// wrote a memo to the MD ... with all the copies attached",
			// fresh-60's bh11; "I sent Dr. Saleh an email with the list of
			// visits attached", bh36)
			// (wrongdoing they noticed, told up to two sentences before:
			// "I noticed that ... was billing property owners for work
			// that was never done. A couple of thousand a month ... I put
			// together what I found and sent it to the owner", fresh-45)
			// "... had been moved to cover operating costs and recorded as
			// spent. I raised it with Gordon twice."
			add(SignalWhistleblowing, from, s[1], "a report of the wrongdoing told just before", v.Complaint, v.RefersBack, v.WrongStrong)
		} else if (r.in(v.Treatment, toks, from, s[1]) || r.in(v.Harassment, toks, t.sents[max(si-4, 0)][0], s[1])) && !r.in(v.After, toks, from, t.sents[min(si+1, len(t.sents)-1)][1]) {
			// (the harassment complained of may be told up to four
			// sentences before: "Faisal is always touching my shoulder ...
			// Many times I tell him stop. In September I already complain
			// to Sir Raymond and also to HR", fresh-48; "his hand on my
			// lower back every time ... followed me into the walk-in ... On
			// October 29th I went to Angela Russo, the GM, ... and told her
			// everything", fresh-58's bf51)
			// a writer who quit over harassment they had reported was not
			// let go for reporting it: the sign is the harassment (fresh-31,
			// fresh-32)
			// (unless they were treated worse after it: "after that he gave
			// me worse shifts")
			if r.ev.situation == SituationQuit && r.in(v.Harassment, toks, 0, len(toks)) && !r.in(v.Adverse, toks, s[0], len(toks)) {
				continue
			}
			add(SignalRetaliation, from, s[1], "a complaint about treatment", v.Complaint, v.Treatment)
		}
	}
	if m := r.find(v.Whistle, toks, 0, len(toks)); m.ok() {
		addMatch(SignalWhistleblowing, m)
	}
	if m := r.find(v.Jury, toks, 0, len(toks)); m.ok() {
		addMatch(SignalJuryDuty, m)
	}
	if m := r.find(v.Contract, toks, 0, len(toks)); m.ok() {
		addMatch(SignalContract, m)
	} else {
		// "In my contract it says the notice period is 3 months ... They
		// paid me one month only."
		for si, s := range t.sents {
			// (the writer among others: "the letter they gave us says",
			// fresh-55)
			if !r.in(v.ContractTerm, toks, s[0], s[1]) || !r.in(r.v.Situation.FirstPerson, toks, s[0], s[1]) && !r.in(r.v.Situation.Inclusive, toks, s[0], s[1]) {
				continue
			}
			end := t.sents[min(si+2, len(t.sents)-1)][1]
			if m := r.find(v.Underpaid, toks, s[0], end); m.ok() {
				add(SignalContract, s[0], m.End, "a term of the contract, and less paid than it says", v.ContractTerm, v.Underpaid)
				break
			}
			// "I had a fixed-term contract until 31 August 2027" from a
			// writer whose job has ended: cut short
			if r.ev.situation == SituationFired || r.ev.situation == SituationLaidOff {
				if d := r.m.Envelope.Date; !d.IsZero() && r.ownContract(toks, s[0], s[1]) && r.dateAhead(toks, s[0], s[1], d.Year(), int(d.Month())) {
					add(SignalContract, s[0], s[1], "a contract that was to run past the day they wrote", v.ContractTerm)
					break
				}
			}
		}
	}
	if m := r.firstOwn(v.Medical); m.ok() { // ("when my son was in hospital": his)
		addMatch(SignalMedicalLeave, m)
	} else {
		for _, s := range t.sents {
			if r.near(v.Condition, v.Absence, s, 12) && r.in(r.v.Situation.FirstPerson, toks, s[0], s[1]) {
				// ("my dad had a stroke and I need to be home": his, not theirs)
				if c := r.find(v.Condition, toks, s[0], s[1]); c.ok() && (r.in(r.v.Situation.ThirdParty, toks, max(s[0], c.Start-5), c.Start) || r.othersCounted(c.Start, s[0]) || r.othersCounted(c.Start-1, s[0])) {
					continue
				}
				// ("I got taken off the surgery schedule": the work, not an
				// operation of theirs, fresh-36)
				if c := r.find(v.Condition, toks, s[0], s[1]); c.ok() && c.End < s[1] && v.ConditionNot.has(&toks[c.End]) {
					continue
				}
				// (an injury with a workers' comp claim is the claim's sign,
				// retaliation, as below: fresh-47)
				if r.find(v.Retaliation, toks, s[0], s[1]).ok() {
					continue
				}
				add(SignalMedicalLeave, s[0], s[1], "sickness or injury and time off for it", v.Condition, v.Absence)
				break
			}
		}
		for si, s := range t.sents {
			if len(out) > 0 && out[len(out)-1] == SignalMedicalLeave {
				break
			}
			// the leave told in the two sentences after the sickness, by the
			// writer ("I finally had my hip replaced. Sal approved the time,
			// six weeks ... I came back on November 2nd")
			c := r.firstOwnIn(v.Condition, s[0], s[1])
			if !c.ok() || !r.in(r.v.Situation.FirstPerson, toks, s[0], s[1]) || c.End < s[1] && v.ConditionNot.has(&toks[c.End]) {
				continue
			}
			end := t.sents[min(si+2, len(t.sents)-1)][1]
			// (an injury at work with a workers' comp claim is the claim's
			// sign, retaliation, as the labels read it: fresh-3, fresh-25)
			if r.find(v.Retaliation, toks, s[0], end).ok() {
				continue
			}
			if m := r.find(v.Return, toks, s[0], end); m.ok() {
				add(SignalMedicalLeave, s[0], m.End, "sickness or injury, then the time off for it and the return", v.Condition, v.Return)
			}
		}
	}
	if m := r.find(v.Harassment, toks, 0, len(toks)); m.ok() {
		addMatch(SignalHarassment, m)
	}
	// The subject often names the sign: "Kündigung after surgery", "Fired
	// two weeks after my HR complaint".
	subj := r.subjectToks()
	for _, c := range []struct {
		l *List
		s Signal
	}{{v.Discrimination, SignalDiscrimination}, {v.Retaliation, SignalRetaliation}, {v.Whistle, SignalWhistleblowing},
		{v.Jury, SignalJuryDuty}, {v.Medical, SignalMedicalLeave}, {v.Harassment, SignalHarassment}} {
		// (an injury in the subject of a writer whose body tells a workers'
		// comp claim is the claim's sign, as the labels read it: fresh-42)
		if c.s == SignalMedicalLeave && r.find(v.Retaliation, toks, 0, len(toks)).ok() {
			continue
		}
		if m := c.l.find(subj, 0, len(subj)); m.ok() && !(m.End-m.Start == 1 && r.deniedInBody(c.l)) {
			addRule(c.s, -1, -1, matched("wrongful_signals: in the subject", m))
		}
	}
	return out
}

// deniedIn reports whether the writer rules a sign out in toks[from:to]
// ("I don't think it had anything to do with it"). Someone else's words
// quoted do not ("he said "no problem, civic duty."", fresh-41: the boss
// agreeing to jury service).
func (r *reader) deniedIn(from, to int) bool {
	toks, v := r.t.toks, &r.v.Signal
	for from < to {
		m := r.find(v.Denied, toks, from, to)
		if !m.ok() {
			return false
		}
		k, quoted := m.Start-1, false
		for k >= 0 && (isQuoteTok(&toks[k]) || toks[k].l == "," || toks[k].l == ":") {
			quoted = quoted || isQuoteTok(&toks[k])
			k--
		}
		// "no problem for 2 years": how it was before, set against now
		// (fresh-43: the old supervisor gave them a room to pray)
		if e := m.End; e+2 < len(toks) && r.v.Common.For.has(&toks[e]) && r.in(r.v.When.Unit, toks, e+1, e+3) {
			from = m.Start + 1
			continue
		}
		if !quoted || k < 1 || !v.Speech.has(&toks[k]) || r.v.Common.I.has(&toks[k-1]) {
			return true
		}
		from = m.Start + 1
	}
	return false
}

// reportingLine reports whether the complaint word of m is the writer's
// reporting line, not a report: "reported to" or "reported directly to"
// (reports_to) with no word of report_object ("that", "about", "it") after
// it in the sentence ("I reported to HR that the scaffold was unsafe" is a
// report).
func (r *reader) reportingLine(m Match) bool {
	toks := r.t.toks
	if l := r.v.Boss.ReportsTo.at(toks, m.Start); !l.ok() || l.End-l.Start < 2 {
		return false
	}
	s := r.t.sents[toks[m.Start].sent]
	return !r.in(r.v.Signal.ReportObject, toks, m.End, s[1])
}

// activeReport reports whether the sentence s holds a report the writer
// made: a match of report_word with no word of report_passive in it ("we
// were told" is done to them).
func (r *reader) activeReport(s [2]int) bool {
	toks, v := r.t.toks, &r.v.Signal
	for from := s[0]; from < s[1]; {
		m := r.find(v.Report, toks, from, s[1])
		if !m.ok() {
			return false
		}
		if !r.in(v.ReportDone, toks, m.Start, m.End) {
			return true
		}
		from = m.Start + 1
	}
	return false
}

// reportToCome reports whether the sentence s tells a report not made
// yet: a word of complaint_to_come ("should", "thinking") up to six words
// before what the report would be to ("I should call the Ministry of
// Labour").
func (r *reader) reportToCome(s [2]int) bool {
	toks, v := r.t.toks, &r.v.Signal
	m := r.find(v.WrongStrong, toks, s[0], s[1])
	return m.ok() && r.in(v.ToCome, toks, max(m.Start-6, s[0]), m.Start)
}

// complaintToCome reports whether every complaint of the sentence s is
// one not made yet: a word of complaint_to_come ("should", "thinking")
// just before it ("I should make a complaint to the WRC").
func (r *reader) complaintToCome(s [2]int) bool {
	toks, v := r.t.toks, &r.v.Signal
	any := false
	for from := s[0]; from < s[1]; {
		m := r.find(v.Complaint, toks, from, s[1])
		if !m.ok() {
			break
		}
		any = true
		if !r.in(v.ToCome, toks, max(m.Start-3, s[0]), m.Start) {
			return false
		}
		from = m.Start + 1
	}
	return any
}

// nearMatch is near for whole matches of a, not each word that may start
// one: "said" is no complaint word, though "said ... owed" is a complaint
// (fresh-48).
func (r *reader) nearMatch(a, b *List, s [2]int, n int) bool {
	toks := r.t.toks
	for from := s[0]; from < s[1]; {
		m := r.find(a, toks, from, s[1])
		if !m.ok() {
			break
		}
		if r.in(b, toks, max(m.Start-n, s[0]), min(m.End+n, s[1])) {
			return true
		}
		from = m.Start + 1
	}
	return false
}

// near reports whether a word of a and a word of b stand within n words of
// each other in the sentence s ("I reported the broken guard to health and
// safety", not "I was police staff ... chaired by Chief Inspector").
func (r *reader) near(a, b *List, s [2]int, n int) bool {
	toks := r.t.toks
	if !r.in(a, toks, s[0], s[1]) || !r.in(b, toks, s[0], s[1]) {
		return false
	}
	for i := s[0]; i < s[1]; i++ {
		if a.has(&toks[i]) && r.in(b, toks, max(i-n, s[0]), min(i+n+1, s[1])) {
			return true
		}
	}
	return false
}

// firstOwn finds the first match of l that is about the writer: not one
// with a third party just before it ("my wife is pregnant").
func (r *reader) firstOwn(l *List) Match { return r.firstOwnIn(l, 0, len(r.t.toks)) }

// firstOwnIn is firstOwn for a match starting in toks[from:to].
func (r *reader) firstOwnIn(l *List, from, to int) Match {
	return r.firstOwnWhere(l, from, to, nil)
}

// firstOwnWhere is firstOwnIn for a match that keep also accepts (all when
// keep is nil).
func (r *reader) firstOwnWhere(l *List, from, to int, keep func(Match) bool) Match {
	toks := r.t.toks
	for from < to {
		m := r.find(l, toks, from, to)
		if !m.ok() {
			return Match{}
		}
		from = m.Start + 1
		if keep != nil && !keep(m) {
			continue
		}
		s := r.t.sents[toks[m.Start].sent]
		// "My wife Juliana is 6 months pregnant", "when my son was in
		// hospital" (someone else inside the phrase too)
		if r.in(r.v.Situation.ThirdParty, toks, max(m.Start-7, s[0]), m.End) || r.in(r.v.Signal.Partner, toks, max(m.Start-7, s[0]), m.End) {
			continue
		}
		// "covering a maternity leave": a sentence that rules the sign
		// out; a later match may still be the writer's
		if r.deniedIn(s[0], s[1]) {
			continue
		}
		if r.negatedBefore(toks, m.Start, 3) {
			continue // "I'm not a dinosaur, whatever head office thinks"
		}
		if r.othersCounted(m.Start, s[0]) {
			continue // "two chefs off sick": others (fresh-46)
		}
		// "I was covering two decks because one steward was sick": someone
		// named by their job, then "was" (fresh-76's bx33)
		if k := m.Start; k-3 >= s[0] && r.v.Common.Be.has(&toks[k-1]) && r.roleNoun(&toks[k-2]) && (r.v.Common.Det.has(&toks[k-3]) || r.v.Common.Number.has(&toks[k-3])) && !r.v.Common.My.has(&toks[k-3]) {
			continue
		}
		// "she is on maternity leave since June", "Daniela is pregnant":
		// someone else, named or "she", then "is" or "was"
		// "Mrs. Patel in 8th grade science is going on maternity leave":
		// the clause is about someone named with a title (but "he said
		// they want young energy" is about the writer)
		// ("I told Dr. Lindqvist and our office manager Renee that I'm
		// expecting": a match that opens with the writer is theirs,
		// whoever is named before it; fresh-59's bg08)
		other := false
		for k := m.Start - 1; k >= s[0] && k >= m.Start-10 && toks[k].l != "," && toks[k].l != ";" && !r.in(r.v.Situation.FirstCore, toks, m.Start, m.Start+1); k-- {
			if r.in(r.v.Situation.FirstCore, toks, k, k+1) {
				break
			}
			if v := &r.v.Signal; v.Speech.has(&toks[k]) {
				break // what someone said of the writer
			}
			if r.v.Names.Honorific.has(&toks[k]) {
				other = true
				break
			}
			// "since Jenny went on maternity leave", "she went on
			// maternity": the clause's subject, just before, is someone
			// else (fresh-51)
			// (but "he wanted 'fresh energy'" is what he said of the team)
			if k >= m.Start-3 && k+1 < m.Start && r.v.Signal.OtherWent.has(&toks[k+1]) && (toks[k].cap && r.isNameWord(&toks[k]) && !r.v.Common.I.has(&toks[k]) || r.v.Common.HeShe.has(&toks[k])) {
				other = true
				break
			}
			// "a technician on the night shift is going on maternity leave
			// in January": a colleague by their job, then "is" or "went"
			// before the match (fresh-62's bj64)
			// (its own verb: not "is this something for a lawyer because it
			// was because of my depression", fresh-15's t02)
			if k > s[0] && r.roleNoun(&toks[k]) && r.v.Common.Det.has(&toks[k-1]) && !r.v.Common.My.has(&toks[k-1]) && r.in(r.v.Signal.OtherWent, toks, k+1, m.Start) && !r.in(r.v.Common.Pronoun, toks, k+1, m.Start) {
				other = true
				break
			}
		}
		if other {
			continue
		}
		if k := m.Start - 1; k > s[0] && r.v.Common.Be.has(&toks[k]) && (r.v.Common.HeShe.has(&toks[k-1]) || toks[k-1].cap && r.isNameWord(&toks[k-1]) && !r.v.Common.I.has(&toks[k-1])) {
			from = m.End // (and "maternity leave" inside "on maternity leave")
			continue
		}
		return m
	}
	return Match{}
}

// othersCounted reports whether the words before toks[k] count other
// people ("two chefs off sick", "3 drivers out sick"): a number above one,
// then a job noun in the plural.
func (r *reader) othersCounted(k, from int) bool {
	toks := r.t.toks
	if k-2 < from || k > len(toks) {
		return false
	}
	p := toks[k-1].l
	if !strings.HasSuffix(p, "s") || !r.v.Role.Noun.word(strings.TrimSuffix(p, "s")) && !r.v.Situation.ThirdParty.has(&toks[k-1]) {
		return false
	}
	n, ok := r.numberAt(&toks[k-2])
	return ok && n > 1
}

// deniedInBody reports whether a sentence of the body that speaks of l also
// rules the sign out ("the union has filed a grievance on my behalf" under
// the subject "grievance question"): a single word of the subject is then
// no sign.
func (r *reader) deniedInBody(l *List) bool {
	toks := r.t.toks
	for _, s := range r.t.sents {
		if r.in(l, toks, s[0], s[1]) && r.deniedIn(s[0], s[1]) {
			return true
		}
	}
	return false
}

// ownContract reports whether toks[from:to] speak of the writer's own
// contract ("my contract was fixed until", "a fixed-term contract"), not a
// business's ("Becker won a new contract with a DIY chain").
func (r *reader) ownContract(toks []token, from, to int) bool {
	v := &r.v.Signal
	return r.findWhere(v.ContractTerm, toks, from, to, func(m Match) bool {
		if len(m.Pattern.slots) > 1 {
			return true // "fixed-term contract", "offer letter"
		}
		for k := max(from, m.Start-3); k < m.Start; k++ {
			if r.v.Common.My.has(&toks[k]) {
				return true
			}
		}
		return false
	}).ok()
}

// dateAhead reports whether toks[from:to] names a time after the month mo
// of the year y: a later year ("until March 2027" in a message of 2026), or
// a later month with no year ("signed until end of December" in
// September). A month with an earlier year is not ahead.
func (r *reader) dateAhead(toks []token, from, to, y, mo int) bool {
	year := 0
	for i := from; i < to; i++ {
		if n, ok := yearAt(toks, i); ok {
			if n > y && n <= y+10 {
				return true
			}
			year = n
		}
	}
	if year != 0 && year != y {
		return false
	}
	for i := from; i < to; i++ {
		if n, ok := r.intVal(r.v.When.Month, &toks[i]); ok && n > mo && (toks[i].cap || r.lowercaseWriter()) {
			return true
		}
	}
	return false
}

// records lists what the writer holds that shows what happened (see
// Message.Records): each entry's value, once, in the order told; not one
// said to be missing ("I have no proof", "they never gave me the letter").
func (r *reader) records() []string {
	toks, v := r.t.toks, &r.v.Signal
	var out []string
	for from := 0; from < len(toks) && len(out) < 4; {
		m := r.find(v.Record, toks, from, len(toks))
		if !m.ok() {
			break
		}
		from = m.End
		if r.negatedBefore(toks, m.Start, 4) || r.in(v.RecordNone, toks, max(m.Start-2, r.t.sents[toks[m.Start].sent][0]), m.Start) || m.Pattern.val == "" || slices.Contains(out, m.Pattern.val) {
			continue
		}
		out = append(out, m.Pattern.val)
		r.evi = append(r.evi, Evidence{Field: "records", Value: m.Pattern.val, Words: joinToks(toks, m.Start, m.End), Rule: matched("records", m), Strength: Strong, Stated: true})
	}
	return out
}

// suspectedSign is, for a writer let go who found no words the rules above
// read as a sign but asks whether to see a lawyer or whether what was done
// was legal, the sign their question suspects: its kind is that of the
// first word of suspected_sign told of the writer ("I sent Pam my hours
// ... two weeks later I was let go ... Should I talk to a lawyer?": a
// complaint about pay). The question is the evidence; the words only name
// its kind. No such word, no sign.
func (r *reader) suspectedSign() Signal {
	// (told, not asked: "should I involve a lawyer over the unpaid
	// salary?" is money owed after the end)
	m := r.firstOwnWhere(r.v.Signal.Suspected, 0, len(r.t.toks), func(m Match) bool {
		return !r.asks(r.t.sents[r.t.toks[m.Start].sent])
	})
	if !m.ok() || m.Pattern.val == "" {
		return ""
	}
	s := Signal(m.Pattern.val)
	r.state("wrongful_signals", finding{value: string(s), from: m.Start, to: m.End, rule: matched("wrongful_signals: a writer who asks about a lawyer or the law, and names what they suspect", m), strength: Strong})
	return s
}
