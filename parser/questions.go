package parser

import "strings"

// questionWords are the lists that find what the writer asks us
// (questions.txt). A phrase counts only in a question: a sentence that ends
// with "?", or one that a question lead opens ("I wonder whether", "should I").
type questionWords struct {
	Lead           *List `list:"question_lead"` // should i, is it, i wonder, not sure whether ...
	OKToAsk        *List `list:"q_ok_to_ask"`
	HowToWord      *List `list:"q_how_to_word"`
	CallOrEmail    *List `list:"q_call_or_email"`
	WhatToSay      *List `list:"q_what_to_say"`
	WhoToAsk       *List `list:"q_who_to_ask"`
	HowLongToWait  *List `list:"q_how_long_to_wait"`
	Chances        *List `list:"q_chances"`
	ApplyToPosting *List `list:"q_apply_to_posting"`
	SeeLawyer      *List `list:"q_see_lawyer"`
	ContactVerb    *List `list:"q_contact_verb"`    // write, call, approach, go: reaching someone
	ContactGlue    *List `list:"q_contact_glue"`    // to, back, the, my: between the verb and the person
	Addressee      *List `list:"q_addressee"`       // hr, office, owner: someone to reach, not named
	ChoiceStop     *List `list:"q_choice_stop"`     // if, whether, about: the person's clause ends
	NotPerson      *List `list:"q_not_person"`      // Department, Viber: capitalised, and no one to ask
	PersonTitle    *List `list:"q_person_title"`    // the CNO, the owner: someone to ask, named by title
	Doubt          *List `list:"q_complaint_doubt"` // "anything to do with it": whether a complaint caused the firing
	Complained     *List `list:"q_complaint_word"`  // complain, complained: a complaint told near the doubt
	Legal          *List `list:"q_legal"`           // "is that even legal?": whether what was done to them is lawful
	Follow         *List `list:"q_follow"`          // "What would you do?": asks our view of the sentence before
	ChannelNote    *List `list:"q_channel_note"`    // "he's not a great one for email": how the boss takes messages, after "call or email?"
	BehalfSelf     *List `list:"q_behalf_self"`     // "would it help if I rang?": a writer for someone else asks whether to reach the boss themselves
}

// questions lists what the writer asks, from the closed list of Question.
func (r *reader) questions() []Question {
	toks, v := r.t.toks, &r.v.Question
	kinds := []struct {
		l *List
		q Question
	}{{v.OKToAsk, QuestionOKToAsk}, {v.HowToWord, QuestionHowToWord}, {v.CallOrEmail, QuestionCallOrEmail},
		{v.WhatToSay, QuestionWhatToSay}, {v.WhoToAsk, QuestionWhoToAsk}, {v.HowLongToWait, QuestionHowLongToWait},
		{v.Chances, QuestionChances}, {v.ApplyToPosting, QuestionApplyToPosting}, {v.SeeLawyer, QuestionSeeLawyer}}
	var out []Question
	found := make([]Match, len(kinds)) // a sentence's match of each kind, once
	var here []Question                // the kinds a sentence asks
	askedIn := map[Question]int{}      // the sentence each kind was asked in
	shared := map[Question]bool{}      // ... with other kinds
	noMarks := true                    // a writer who never types "?" ("is it even worth asking her ... do i have any chance at all")
	for i := range toks {
		if toks[i].ask {
			noMarks = false
			break
		}
	}
	for si, s := range r.t.sents {
		// "My wife thinks I should go straight to the owner, Mr. Ackroyd,
		// and not bother with Gaz at all. What would you do?": a short
		// question that asks our view of the sentence before makes that
		// one a question (fresh-73's bu08)
		follow := si+1 < len(r.t.sents) && r.t.toks[r.t.sents[si+1][1]-1].ask && r.t.sents[si+1][1]-r.t.sents[si+1][0] <= 7 &&
			v.Follow.at(toks, r.t.sents[si+1][0]).ok()
		if !r.asks(s) && !follow {
			// with no question marks anywhere, a question lead inside a
			// long sentence starts a question: read from there
			m := r.find(v.Lead, toks, s[0], s[1])
			if !noMarks || !m.ok() {
				continue
			}
			s[0] = m.Start
		}
		if q := joinToks(toks, s[0], s[1]); toks[s[1]-1].ask {
			r.askedAll = append(r.askedAll, askedText(q+"?"))
		}
		if from, to, ok := r.whoChoice(si); ok && !has(out, QuestionWhoToAsk) {
			out = append(out, QuestionWhoToAsk)
			if r.asked == nil {
				r.asked = map[Question]string{}
			}
			q := joinToks(toks, s[0], s[1])
			if toks[s[1]-1].ask {
				q += "?"
			}
			r.asked[QuestionWhoToAsk] = askedText(q)
			askedIn[QuestionWhoToAsk] = si
			r.askedPeople = r.peopleIn(s[0], s[1])
			r.state("questions", finding{value: string(QuestionWhoToAsk), from: from, to: to, rule: rule("questions: whom to reach, as a choice between people", v.ContactVerb, v.Addressee, r.v.Common.Or), strength: Strong})
		}
		// A kind first quoted from a sentence that asked others too gets a
		// later sentence that asks it alone ("Is it worth talking to a
		// lawyer or am I wasting my money? ... What are my chances if I
		// push back?": the second is the chances question)
		here = here[:0]
		for n, k := range kinds {
			if found[n] = r.find(k.l, toks, s[0], s[1]); found[n].ok() {
				// "do i even have a shot if i ask for my job back?": asking
				// is the condition of the question, not its subject
				if k.q == QuestionOKToAsk && r.in(r.v.Situation.Conditional, toks, max(found[n].Start-3, s[0]), found[n].Start) && r.find(v.Chances, toks, s[0], s[1]).ok() {
					found[n] = Match{}
					continue
				}
				here = append(here, k.q)
			}
		}
		if len(here) == 1 && has(out, here[0]) && shared[here[0]] {
			q := joinToks(toks, s[0], s[1])
			if toks[s[1]-1].ask {
				q += "?"
			}
			r.asked[here[0]] = askedText(q)
			askedIn[here[0]] = si
			shared[here[0]] = false
		}
		for n, k := range kinds {
			if m := found[n]; m.ok() && !has(out, k.q) {
				shared[k.q] = len(here) > 1
				out = append(out, k.q)
				if r.asked == nil {
					r.asked = map[Question]string{}
				}
				q := joinToks(toks, s[0], s[1])
				if toks[s[1]-1].ask {
					q += "?" // the question mark is no token
				}
				r.asked[k.q] = askedText(q)
				askedIn[k.q] = si
				if k.q == QuestionWhoToAsk {
					r.askedPeople = r.peopleIn(s[0], s[1])
				}
				r.state("questions", finding{value: string(k.q), from: m.Start, to: m.End, rule: matched("questions: in a question", m), strength: Strong})
			}
		}
	}
	// A short question right after one of these, asking nothing of its
	// own, belongs to it: "Should I talk to a lawyer first or try to talk
	// to the CNO? Can I do both?"
	asking := map[int]bool{}
	for _, si := range askedIn {
		asking[si] = true
	}
	for q, si := range askedIn {
		if si+1 >= len(r.t.sents) || asking[si+1] {
			continue
		}
		n := r.t.sents[si+1]
		if words := countWords(toks[n[0]:n[1]]); words > 0 && words <= 6 && toks[n[1]-1].ask && !strings.HasSuffix(r.asked[q], "…?") {
			r.asked[q] += " " + joinToks(toks, n[0], n[1]) + "?"
		} else if q == QuestionCallOrEmail && words > 0 && words <= 12 && !toks[n[1]-1].ask && r.in(v.ChannelNote, toks, n[0], n[1]) {
			// "And should I ring him or write? He's not a great one for
			// email either.": how the boss takes messages, said after
			// the question, belongs to it (fresh-72's bt02)
			r.asked[q] += " " + joinToks(toks, n[0], n[1]) + "."
		}
	}
	return out
}

// countWords counts the tokens that are words, not punctuation.
func countWords(toks []token) int {
	n := 0
	for k := range toks {
		if !toks[k].punct {
			n++
		}
	}
	return n
}

// asks reports whether a sentence is a question: it ends with "?", or a
// question lead opens it ("should I ...", "I wonder if ...").
func (r *reader) asks(s [2]int) bool {
	toks := r.t.toks
	if s[1] > s[0] && toks[s[1]-1].ask {
		return true
	}
	m := r.find(r.v.Question.Lead, toks, s[0], s[1])
	return m.ok() && m.Start <= s[0]+3
}

func has[T comparable](list []T, x T) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// askedText is a question as the reply quotes it back: on one line, without
// a list marker, and at most about 110 characters (cut at a word, with an
// ellipsis, keeping the question mark).
func askedText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimLeft(s, "-–•*·> ")
	if n := len(s); n > 2 && s[0] >= '1' && s[0] <= '9' && (s[1] == '.' || s[1] == ')') {
		s = strings.TrimSpace(s[2:])
	}
	const max = 110
	if len(s) > max {
		cut := strings.LastIndex(s[:max], " ")
		if cut < max/2 {
			cut = max
		}
		s = strings.TrimRight(s[:cut], " ,;:") + " …?"
	}
	return s
}

// whoChoice finds, in the question sentence si, a choice of whom to reach:
// a verb of reaching someone, then a person, then "or" and another person
// ("should I write to Herr Böhm or to Frau Hartmann?", "do I just ring
// Davo or go through the office?"). ("Approach Eleanor directly?" and "email
// Marcus first?" ask whether or how, not whom: the label sets agree.) A sentence
// that opens with "Or" after a question counts as its second half ("Or go
// to Fergal?").
func (r *reader) whoChoice(si int) (from, to int, ok bool) {
	toks, v := r.t.toks, &r.v.Question
	s := r.t.sents[si]
	// person finds a person to reach at toks[k:], after the glue words.
	person := func(k, end int) int {
		for n := 0; k < end && n < 3 && v.ContactGlue.has(&toks[k]); n++ {
			k++
		}
		if k >= end {
			return -1
		}
		tk := &toks[k]
		if v.Addressee.has(tk) || r.v.Boss.Title.has(tk) || r.v.Names.Honorific.has(tk) && k+1 < end && toks[k+1].cap {
			return k
		}
		if tk.cap && !tk.punct && k > s[0] && !r.v.Names.NotName.has(tk) && !r.isTimeWord(tk) && !r.v.Common.I.has(tk) {
			return k
		}
		return -1
	}
	opensOr := si > 0 && r.v.Common.Or.has(&toks[s[0]]) && r.asks(r.t.sents[si-1])
	for i := s[0]; i < s[1]; i++ {
		if !v.ContactVerb.has(&toks[i]) {
			continue
		}
		p := person(i+1, s[1])
		if p < 0 {
			continue
		}
		if opensOr && i <= s[0]+3 {
			return s[0], p + 1, true
		}
		// "... Herr Böhm or (better direct) to Frau Hartmann"
		for k := p + 1; k < s[1] && k <= p+8; k++ {
			if v.ChoiceStop.has(&toks[k]) {
				break // "ask Siobhán if there's anything going, even part-time or in the back office"
			}
			if !r.v.Common.Or.has(&toks[k]) {
				continue
			}
			for j := k + 1; j < s[1] && j <= k+10; j++ {
				if q := person(j, s[1]); q >= 0 && q != p {
					return i, q + 1, true
				}
			}
			break
		}
	}
	return 0, 0, false
}

// peopleIn lists the people named in toks[from:to] ("should I go to Renee
// or straight to Greg?"): names, with a title if they have one, and not a
// word that names a job, a workplace or a department ("Customer Services",
// "the Superintendent Pharmacist").
func (r *reader) peopleIn(from, to int) []string {
	toks := r.t.toks
	var out []string
	for k := from; k < to && len(out) < 3; k++ {
		// "try to talk to the CNO", "go over his head to the site manager"
		if r.v.Common.The.has(&toks[k]) && k+1 < to {
			// ("the director Mr. Sharma": one person, named next)
			// ("Graham, the area manager": the same person, named before;
			// "the area manager, Gareth Pryce": named after, fresh-52)
			if m := r.v.Question.PersonTitle.at(toks, k+1); m.ok() && m.End <= to && !(m.End < to && (r.v.Names.Honorific.has(&toks[m.End]) || r.isNameWord(&toks[m.End]))) && !(k >= 2 && toks[k-1].l == "," && r.isNameWord(&toks[k-2])) &&
				!(m.End+1 < to && toks[m.End].l == "," && r.isNameWord(&toks[m.End+1])) {
				if p := "the " + joinToks(toks, k+1, m.End); !has(out, p) {
					out = append(out, p)
				}
				k = m.End - 1
				continue
			}
		}
		hon := r.v.Names.Honorific.has(&toks[k]) && k+1 < to && r.isNameWord(&toks[k+1])
		if !hon && (k == from || !r.isNameWord(&toks[k]) || r.isNameWord(&toks[k-1]) || r.v.Names.Honorific.has(&toks[k-1])) {
			continue
		}
		name, end := r.readName(toks, k)
		if name == "" || end > to {
			continue
		}
		job := false
		for j := k; j < end; j++ {
			if r.v.Boss.Title.has(&toks[j]) || r.roleNoun(&toks[j]) || r.v.Company.BusinessWord.has(&toks[j]) || r.v.Question.Addressee.has(&toks[j]) || r.v.Company.Department.has(&toks[j]) || r.v.Question.NotPerson.has(&toks[j]) {
				job = true
			}
		}
		if job {
			// "the Geschäftsführerin Frau Schiller": a title read as the
			// name's start; the name may follow it (fresh-42)
			continue
		}
		if !has(out, name) {
			out = append(out, name)
		}
		k = end - 1
	}
	return out
}

// legalAsked returns the writer's question whether what was done to them
// is lawful ("Is what he did even allowed?", "is that even legal"), as
// written, or "".
func (r *reader) legalAsked() string {
	toks := r.t.toks
	for _, s := range r.t.sents {
		if !toks[s[1]-1].ask && !r.in(r.v.Question.Lead, toks, s[0], s[1]) {
			continue
		}
		if m := r.find(r.v.Question.Legal, toks, s[0], s[1]); m.ok() {
			q := joinToks(toks, s[0], s[1])
			if toks[s[1]-1].ask {
				q += "?"
			}
			return askedText(q)
		}
	}
	return ""
}

// complaintDoubt returns the writer's question whether a complaint of
// theirs had anything to do with losing the job: a question with
// q_complaint_doubt's words, in a sentence that speaks of a complaint or
// just after one. "" when there is none.
func (r *reader) complaintDoubt() string {
	toks := r.t.toks
	for si, s := range r.t.sents {
		m := r.find(r.v.Question.Doubt, toks, s[0], s[1])
		if !m.ok() {
			continue
		}
		if !r.in(r.v.Question.Complained, toks, s[0], s[1]) && (si == 0 || !r.in(r.v.Question.Complained, toks, r.t.sents[si-1][0], r.t.sents[si-1][1])) {
			continue
		}
		q := joinToks(toks, s[0], s[1])
		if toks[s[1]-1].ask {
			q += "?"
		}
		return askedText(q)
	}
	return ""
}

// behalfSelf finds, in a message written for someone else, a question
// whether the writer should reach the boss themselves ("Can I call to his
// manager myself and explain?", "would it help if I rang?"): the label sets
// read it as whom to ask or as whether to ask. It returns the question,
// or "".
func (r *reader) behalfSelf() string {
	toks := r.t.toks
	for _, s := range r.t.sents {
		if !r.asks(s) {
			continue
		}
		// (not "am I allowed to write to you on his behalf?": to us)
		if m := r.find(r.v.Question.BehalfSelf, toks, s[0], s[1]); m.ok() && !(m.End < s[1] && toks[m.End].l == "you" || m.End+1 < s[1] && toks[m.End].l == "to" && toks[m.End+1].l == "you") {
			q := joinToks(toks, s[0], s[1])
			if toks[s[1]-1].ask {
				q += "?"
			}
			r.evi = append(r.evi, Evidence{Field: "behalf_self", Value: askedText(q), Words: joinToks(toks, m.Start, m.End), Rule: matched("behalf_self: whether the writer, who writes for someone else, should reach the boss", m), Strength: Strong})
			return askedText(q)
		}
	}
	return ""
}
