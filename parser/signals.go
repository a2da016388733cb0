package parser

// signalWords are the lists that find signs of an unlawful dismissal
// (signals.txt).
type signalWords struct {
	Discrimination *List `list:"discrimination"`    // "because of my age", "pregnant"
	Younger        *List `list:"younger"`           // younger ...
	YoungerContext *List `list:"younger_context"`   // ... replaced, hired: age discrimination
	Retaliation    *List `list:"retaliation"`       // "retaliation", "complained to HR"
	Complaint      *List `list:"complaint_word"`    // reported, complained, filed ...
	Treatment      *List `list:"treatment_word"`    // harassment, unpaid, unsafe: what was complained of
	Wrongdoing     *List `list:"wrongdoing_word"`   // fraud, safety, OSHA: what was reported
	Whistle        *List `list:"whistleblowing"`    // "whistleblower", "blew the whistle"
	Jury           *List `list:"jury_duty"`         // jury
	Contract       *List `list:"contract_breach"`   // "my contract says", "breach of contract"
	Medical        *List `list:"medical_leave"`     // "on medical leave", "FMLA"
	Harassment     *List `list:"harassment"`        // "harassed", "groped", "sexual comments"
	Report         *List `list:"report_word"`       // wrote, called, told: a report in plain words
	WrongStrong    *List `list:"wrongdoing_strong"` // hotline, OSHA, health and safety: what such a report was about
	Condition      *List `list:"medical_condition"` // hurt, injured, surgery ...
	Absence        *List `list:"medical_absence"`   // ... off, leave, came back: medical leave
}

// wrongfulSignals lists the signs the writer describes that the
// termination may have been unlawful.
func (r *reader) wrongfulSignals() []Signal {
	toks, v, t := r.t.toks, &r.v.Signal, r.t
	var out []Signal
	addRule := func(s Signal, from, to int, why string) {
		for _, x := range out {
			if x == s {
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
	if m := r.find(v.Discrimination, toks, 0, len(toks)); m.ok() {
		addMatch(SignalDiscrimination, m)
	} else {
		for _, s := range t.sents {
			if r.in(v.Younger, toks, s[0], s[1]) && r.in(v.YoungerContext, toks, s[0], s[1]) {
				add(SignalDiscrimination, s[0], s[1], "replaced by someone younger", v.Younger, v.YoungerContext)
			}
		}
	}
	if m := r.find(v.Retaliation, toks, 0, len(toks)); m.ok() {
		addMatch(SignalRetaliation, m)
	}
	for _, s := range t.sents {
		if r.in(v.Report, toks, s[0], s[1]) && r.find(v.WrongStrong, toks, s[0], s[1]).ok() && r.in(r.v.Situation.FirstPerson, toks, s[0], s[1]) {
			add(SignalWhistleblowing, s[0], s[1], "a report to those who police wrongdoing", v.Report, v.WrongStrong)
		}
	}
	for si, s := range t.sents {
		if !r.in(v.Complaint, toks, s[0], s[1]) {
			continue
		}
		// what was reported may be named in the sentence before: "my checks
		// didn't have my overtime. so i asked mr. petrakis about it"
		from := s[0]
		if si > 0 {
			from = t.sents[si-1][0]
		}
		if r.in(v.Wrongdoing, toks, s[0], s[1]) {
			add(SignalWhistleblowing, s[0], s[1], "a report of wrongdoing", v.Complaint, v.Wrongdoing)
		} else if r.in(v.Treatment, toks, from, s[1]) {
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
	}
	if m := r.find(v.Medical, toks, 0, len(toks)); m.ok() {
		addMatch(SignalMedicalLeave, m)
	} else {
		for _, s := range t.sents {
			if r.in(v.Condition, toks, s[0], s[1]) && r.find(v.Absence, toks, s[0], s[1]).ok() && r.in(r.v.Situation.FirstPerson, toks, s[0], s[1]) {
				add(SignalMedicalLeave, s[0], s[1], "sickness or injury and time off for it", v.Condition, v.Absence)
				break
			}
		}
	}
	if m := r.find(v.Harassment, toks, 0, len(toks)); m.ok() {
		addMatch(SignalHarassment, m)
	}
	return out
}
