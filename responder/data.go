package responder

import (
	_ "embed"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"jobback/internal/wordfile"
	"jobback/parser"
	"jobback/templates"
)

// Playbooks, chosen from the facts by choosePlaybook.
const (
	PlaybookFired    = "fired"
	PlaybookLaidOff  = "laid_off"
	PlaybookQuit     = "quit"
	PlaybookWrongful = "wrongful"
	PlaybookAsk      = "ask"
	PlaybookAtRisk   = "at_risk" // still in the job, and worried about it
)

// choosePlaybook picks the advice for the facts. Signs of an unlawful
// termination win over everything: such a person must never be told to
// apologise. Without a known situation the reply asks for what is missing.
func choosePlaybook(f *parser.Facts, stillEmployed bool) string {
	if len(f.WrongfulSignals) > 0 {
		return PlaybookWrongful
	}
	if stillEmployed && (f.Situation == "" || f.Situation == parser.SituationUnknown) {
		return PlaybookAtRisk // nothing to get back yet: help them keep it
	}
	switch f.Situation {
	case parser.SituationFired, parser.SituationLaidOff, parser.SituationQuit:
		// The advice of the situation even when neither the boss nor the
		// company was read: a form asking again for what the writer told
		// ("What happened", "When", "Reason") helps less than advice that
		// fits, with the boss left for them to fill in (the fresh-31
		// review's ae05 and ae38).
		return string(f.Situation)
	}
	return PlaybookAsk
}

// letterFor is the letter template of a playbook.
func letterFor(playbook string) string { return "letter_" + playbook + ".txt" }

// maxField bounds any one fact taken into a reply.
const maxField = 300

// clean makes a fact safe to put anywhere: control characters (CR, LF,
// NUL, ...) become spaces, runs of space collapse, and it is cut to
// maxField bytes on a rune boundary.
func clean(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.IsSpace(r) || r == '\u2028' || r == '\u2029' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if b.Len()+utf8.RuneLen(r) > maxField {
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sentencePart trims a phrase for use inside a sentence: no final full
// stop or stray punctuation.
func sentencePart(s string) string {
	s = clean(s)
	// "too many indexing errors on the deeds I recorded (wrong parcel":
	// a bracket the phrase never closes is cut off with what it opened
	for strings.Count(s, "(") > strings.Count(s, ")") {
		s = s[:strings.LastIndex(s, "(")]
	}
	// "we went from 6 to 11)": the close of a bracket opened before the
	// phrase began (fresh-36's review) goes
	for strings.Count(s, ")") > strings.Count(s, "(") {
		i := strings.Index(s, ")")
		s = s[:i] + s[i+1:]
	}
	return strings.TrimRight(s, " .;,:!")
}

// maxQuoted is the most words of a question of theirs quoted over its
// answer.
const maxQuoted = 18

// capitalI writes a lower-case writer's words as a letter spells them:
// "i" as "I" ("i was late too many times", "i'm", "i've"), a contraction
// typed without its apostrophe ("ive", "dont", "didnt") with it, and the
// names of days and months with a capital ("on a saturday").
func capitalI(s string) string {
	w := strings.Fields(s)
	for k, x := range w {
		core := strings.TrimRight(x, ",.;:!?)")
		tail := x[len(core):]
		switch low := strings.ToLower(core); {
		case core == "i" || strings.HasPrefix(core, "i'") || strings.HasPrefix(core, "i’"):
			w[k] = "I" + x[1:]
		case shortWords[low] != "" && low == core:
			w[k] = shortWords[low] + tail
		case low == core && apostrophe(low) != "":
			w[k] = apostrophe(low) + tail
		case calendarWords[low] && low == core:
			w[k] = upper1(core) + tail
		case low == "cause" && core == x && k > 0 && !causeNoun[strings.ToLower(w[k-1])]:
			w[k] = "because" // "late like 4 times cause the 7 bus stopped running" (fresh-42's review)
		case low == "like" && core == x && k+1 < len(w) && isDigitByte(w[k+1][0]) && (k == 0 || !wouldLike[strings.ToLower(w[k-1])]):
			w[k] = "about" // a texter's "like 4 times"
		}
	}
	if len(w) == 0 {
		return s
	}
	return letterPhrases(strings.Join(w, " "))
}

// letterWordsTxt is how a letter says what a writer put casually
// (letter_words.txt).
//
//go:embed letter_words.txt
var letterWordsTxt string

// letterWordsFile is letter_words.txt, read.
var letterWordsFile = wordfile.MustParse("letter_words.txt", letterWordsTxt)

// casualPhrases are letter_words.txt's entries, longest first.
var casualPhrases = func() [][2]string {
	out := letterWordsFile.Pairs("")
	for i := range out {
		out[i][0] = strings.ToLower(out[i][0])
	}
	slices.SortStableFunc(out, func(a, b [2]string) int { return len(b[0]) - len(a[0]) })
	return out
}()

// wordsTxt holds the word classes the responder reads a writer's words
// with (words.txt): each section is one of this file's variables.
//
//go:embed words.txt
var wordsTxt string

// words is words.txt, read.
var words = wordfile.MustParse("words.txt", wordsTxt)

// spaced returns leads that are matched with the space after them
// ("because " opens "because I was late", not "becausee").
func spaced(leads []string) []string {
	out := make([]string, len(leads))
	for i, l := range leads {
		out[i] = l + " "
	}
	return out
}

// letterPhrases rewrites the casual phrases of letter_words.txt in s, as
// whole words ("I lost my rag" is "I lost my temper").
func letterPhrases(s string) string {
	if len(strings.ToLower(s)) != len(s) {
		return s // (lower case would move the indices)
	}
	for _, p := range casualPhrases {
		low := strings.ToLower(s)
		for from := 0; ; {
			i := strings.Index(low[from:], p[0])
			if i < 0 {
				break
			}
			i += from
			end := i + len(p[0])
			if (i > 0 && isWordByte(low[i-1])) || (end < len(low) && isWordByte(low[end])) {
				from = i + 1
				continue
			}
			s = s[:i] + p[1] + s[end:]
			low = strings.ToLower(s)
			from = i + len(p[1])
		}
	}
	return s
}

// isWordByte reports whether b is part of a word (a letter, digit or
// apostrophe).
func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '\'' || b >= 0x80
}

// shortWords are words typed short, as a letter spells them (the
// contractions typed without an apostrophe come from the parser's own
// list: apostrophe).
var shortWords = words.Map("short_words")

// apostrophe is a word typed without its apostrophe as a letter spells it
// ("dont" don't, "ive" I've), or "".
func apostrophe(w string) string {
	full, ok := parser.Apostrophe(w)
	if !ok {
		return ""
	}
	if strings.HasPrefix(full, "i'") {
		full = "I" + full[1:]
	}
	return full
}

// ownWatch are words of a reason that say it happened while the writer
// was in charge ("on my shift"): the letter for a denial with the care
// owned does not add "on my watch" to them.
var ownWatch = words.List("own_watch")

// onWatch is "yes" when the reason already says it happened while the
// writer was in charge (ownWatch), else "".
func onWatch(reason string) string {
	low := strings.ToLower(reason)
	for _, w := range ownWatch {
		if strings.Contains(low, w) {
			return "yes"
		}
	}
	return ""
}

// causeNoun are words after which "cause" is the noun ("the cause of
// it"), not a texter's "because".
var causeNoun = words.Set("cause_noun")

// wouldLike are words after which "like" is a wish ("I would like 2
// weeks"), not a hedge.
var wouldLike = words.Set("would_like")

// calendarWords are written with a capital in a letter.
var calendarWords = words.Set("calendar_words")

// reasonLeads open a reason told casually ("its because i was late",
// "bc i pushed a change"): the letter names the reason without them.
var reasonLeads = spaced(words.List("reason_leads"))

// trimReasonLead drops a casual lead from a reason.
func trimReasonLead(r string) string {
	low := strings.ToLower(r)
	for _, p := range reasonLeads {
		if strings.HasPrefix(low, p) && len(r) > len(p) {
			return strings.TrimSpace(r[len(p):])
		}
	}
	return r
}

// reasonNouns name a reason on their own: a short reason without one of
// them is more likely words cut from elsewhere ("the bus", "the team
// anymore") and is left out of the letter.
var reasonNouns = words.List("reason_nouns")

// foreignWords are common short words of the languages writers mix in
// (Portuguese, Spanish, French, German, Hindi in Latin letters): a reason
// with two of them is not put into an English letter.
var foreignWords = words.Set("foreign_words")

// owned is the letter's sentence that names what the writer did ("I know
// what went wrong: I was late too many times.", "I know the decision came
// down to my attendance."), or "" when the reason read is no whole reason
// ("the team anymore", "3,000 metres of the wrong"): the letter then says
// only that it came down to what they did.
func owned(reason string) string {
	r := strings.TrimRight(strings.TrimSpace(trimReasonLead(reason)), " -–—")
	// "lateness – I was late twice in a year", "gross misconduct because
	// twice in September I left the building": what they did, said after
	// the label, is the part to own
	for _, sep := range []string{" – ", " - ", " — ", " because ", " bc "} {
		if before, after, ok := strings.Cut(r, sep); ok {
			if a := " " + strings.ToLower(after) + " "; strings.Contains(a, " i ") || strings.HasPrefix(a, " i'") {
				if o := owned(after); strings.HasPrefix(o, "I know what went wrong") {
					return o
				}
				return "I know what went wrong: " + capitalI(after) + "."
			}
			if sep != " because " && sep != " bc " {
				r = before
			}
			break
		}
	}
	w := strings.Fields(r)
	// cut off mid-phrase: "caused outage of nearly" (3 hours) is "caused
	// outage" (fresh-48's review)
	for len(w) > 3 && (hedgeEnd[strings.ToLower(w[len(w)-1])] || hedgeEnd[strings.ToLower(w[len(w)-2])] && danglingWords[strings.ToLower(w[len(w)-1])]) {
		w = w[:len(w)-1]
		for len(w) > 3 && danglingWords[strings.ToLower(w[len(w)-1])] {
			w = w[:len(w)-1]
		}
		r = strings.Join(w, " ")
	}
	if len(w) == 0 || danglingWords[strings.ToLower(w[len(w)-1])] || strings.ContainsAny(r, ":;\"") {
		return ""
	}
	// "in a drawing for a customer": a phrase that is no act of theirs
	// ("came down to my in a drawing", fresh-48's review); "I was kept on
	// PIP for 60 days": done to them
	if leadPrep[strings.ToLower(w[0])] || len(w) > 3 && strings.EqualFold(w[0], "i") && strings.EqualFold(w[1], "was") && donePassive[strings.ToLower(w[2])] {
		return ""
	}
	low := strings.ToLower(r)
	foreign := 0
	for _, x := range w {
		if foreignWords[strings.ToLower(x)] {
			foreign++
		}
	}
	if foreign >= 2 {
		return "" // "dei um desconto de 15% num colar": told in another language
	}
	first := strings.ToLower(w[0])
	if first == "i" || strings.HasPrefix(first, "i'") || strings.HasPrefix(first, "i’") {
		if len(w) < 3 || first == "i" && (w[1] == "asked" || w[1] == "think" || w[1] == "guess" || w[1] == "worked") {
			return "" // "I asked why she said attendance", "I worked 2 years"
		}
		return "I know what went wrong: " + capitalI(r) + "."
	}
	switch first {
	case "they", "he", "she", "it", "we", "you", "nobody", "someone", "everyone", "its", "it's":
		return "" // "they dont pay the overtime": not what the writer did
	}
	// "came in late twice that week": the writer's own act, its "I" left
	// out (fresh-44's review: "came down to my came in late")
	if templates.IsFiniteVerb(first) && pastTense(first) && len(w) >= 3 {
		return "I know what went wrong: I " + capitalI(r) + "."
	}
	clause := false
	for k, x := range w[1:] {
		if templates.IsFiniteVerb(strings.ToLower(strings.Trim(x, ",."))) {
			clause = first != "what" && first != "how" // "what happened with a student" names it
			// "the 3rd time it was the last time": the verb's subject is
			// someone or something else
			switch strings.ToLower(w[k]) {
			case "it", "they", "he", "she", "we", "you":
				return ""
			}
			// "a parent took a video of me on my phone": someone else
			// did it (fresh-39's review: "That was my doing")
			for j, x := range w[:k+1] {
				if otherPeople[strings.ToLower(strings.Trim(x, ",.'’s"))] {
					return ""
				}
				// "the other caregiver Joy took a picture of me sleeping":
				// someone else, or someone named, did it (fresh-52's review:
				// "That was my doing")
				if strings.EqualFold(x, "other") || j > 0 && x != "I" && startsUpper(x) && !strings.ContainsAny(x, "0123456789") && !calendarWords[strings.ToLower(strings.Trim(x, ",."))] {
					return ""
				}
			}
			break
		}
	}
	det := first == "my" || first == "the" || first == "a" || first == "an" || first == "one" || first == "two" ||
		first == "three" || first == "too" || first == "some" || first == "this" || first == "that" || first == "being" ||
		strings.HasSuffix(first, "ing") || isDigitByte(first[0]) || first == "what" || first == "how" || first == "repeated"
	if clause && (first == "my" || first == "a" || first == "the" || first == "there" || first == "one") {
		return "I know what went wrong: " + capitalI(r) + "."
	}
	if clause {
		return ""
	}
	named := false
	for _, n := range reasonNouns {
		if strings.Contains(" "+low+" ", " "+n+" ") || strings.Contains(" "+low+" ", " "+n+",") {
			named = true
			break
		}
	}
	if !named && len(w) <= 5 {
		return ""
	}
	if det {
		return "I know the decision came down to " + capitalI(r) + "."
	}
	return "I know the decision came down to my " + capitalI(r) + "."
}

// pastTense reports whether a verb opening a reason is in the past: "came",
// "missed", not "is" or "has".
func pastTense(w string) bool {
	return irregularPast[w] || strings.HasSuffix(w, "ed")
}

// irregularPast are pasts that do not end in "ed" ("came", "blew").
var irregularPast = words.Set("irregular_past")

// whoFirst returns qs with whom to ask moved before a question of wording
// asked in the same sentence, so that the sentence is quoted over that
// answer: "Should I say sorry to Thiago first or talk direct with the
// owner, Dona Márcia?" asks whom (fresh-71's review, bs38: quoted over how
// to word it, with the answer about whom unquoted below).
func whoFirst(qs []parser.Question, asked map[parser.Question]string) []parser.Question {
	w := slices.Index(qs, parser.QuestionWhoToAsk)
	if w < 0 || asked[parser.QuestionWhoToAsk] == "" {
		return qs
	}
	for i, q := range qs[:w] {
		if (q == parser.QuestionHowToWord || q == parser.QuestionWhatToSay) && asked[q] == asked[parser.QuestionWhoToAsk] {
			out := slices.Clone(qs)
			out = slices.Delete(out, w, w+1)
			return slices.Insert(out, i, parser.QuestionWhoToAsk)
		}
	}
	return qs
}

// behalfHe is the pronoun of the person a writer writes for, by what they
// are to the writer ("son": "he"); "they" when not in it.
var behalfHe = words.Map("behalf_he")

// otherPeople are nouns for people other than the writer: a reason whose
// subject is one of them tells what someone else did.
var otherPeople = words.Set("other_people")

// buildData turns a message into the templates' data for an advice reply.
func (r *Responder) buildData(m *parser.Message) *templates.Data {
	f := &m.Facts
	if m.OnBehalf && f.Situation == parser.SituationUnknown && m.BehalfSituation != "" {
		// writing for a friend who was fired: advise on the friend's case,
		// with a letter to their manager
		g := *f
		g.Situation = m.BehalfSituation
		if g.BossName == "" {
			g.BossName = m.BehalfBoss
		}
		f = &g
	}
	d := &templates.Data{
		Kind:             "advice",
		Playbook:         choosePlaybook(f, m.StillEmployed),
		Situation:        string(f.Situation),
		Name:             clean(f.SenderName),
		Boss:             clean(f.BossName),
		BossEmail:        bossEmail(f.BossEmail),
		Company:          sentencePart(f.Company),
		Role:             sentencePart(f.Role),
		Terms:            string(f.Terms),
		Reason:           capitalI(trimReasonLead(sentencePart(f.Reason))),
		AssistantName:    r.opts.Name,
		AssistantAddress: r.opts.Address,
		Subject:          clean(m.Envelope.Subject),
	}
	if d.Situation == "" {
		d.Situation = string(parser.SituationUnknown)
	}
	if d.Terms == "" {
		d.Terms = string(parser.TermsUnknown)
	}
	if d.Name == "" {
		if n := clean(m.Envelope.FromName); n != "" && !strings.Contains(n, "@") {
			d.Name = n
		}
	}
	// Names and firms in proper case whatever the writer typed ("jake",
	// "tacoma auto parts"); a role with its article.
	d.Name, d.Company = properCase(d.Name), properCase(d.Company)
	d.Boss = bossAsWritten(d.Boss, m.Evidence)
	d.RoleA = withArticle(d.Role)
	if w := strings.Fields(strings.ToLower(d.Role)); len(w) > 0 && frontlineRoles[w[len(w)-1]] {
		d.Frontline = "yes"
	}
	d.FirstName = firstName(d.Name)
	d.BossShort = shortName(d.Boss)
	if m.Disputed {
		d.Disputed = "yes"
		d.Cleared = letterPhrases(clean(m.Cleared))
	}
	if m.DeniedOwned {
		d.DeniedOwned, d.ReasonOnWatch = "yes", onWatch(d.Reason)
	}
	if m.Retired {
		d.Retired = "yes"
	}
	if f.Situation == parser.SituationQuit {
		d.QuitReason = quitReason(d.Reason, d.Boss)
		if hasOfferWord(strings.Fields(strings.ToLower(d.Reason))) {
			d.ForOffer = "yes"
		}
	}
	if m.Closed {
		d.Closed = "yes"
	}
	if m.ReferenceOffered {
		d.ReferenceOffered = "yes"
	}
	if m.Offered {
		d.Offered = "yes"
	}
	d.Trouble = m.Trouble
	if m.OnBehalf {
		// greet the writer; the letter is for the person they write for,
		// in their name when told ("my son Emilio")
		d.OnBehalf, d.Name = "yes", properCase(clean(m.BehalfName))
		d.BehalfName, d.BehalfWho, d.BehalfSelf = d.Name, m.BehalfWho, clean(m.BehalfSelf)
		d.BehalfHe, d.BehalfHim, d.BehalfHis = "they", "them", "their"
		switch behalfHe[m.BehalfWho] {
		case "he":
			d.BehalfHe, d.BehalfHim, d.BehalfHis = "he", "him", "his"
		case "she":
			d.BehalfHe, d.BehalfHim, d.BehalfHis = "she", "her", "her"
		}
	}
	d.LeftAgoDays = -1
	if f.LeftAgoDays != nil && *f.LeftAgoDays >= 0 {
		d.LeftAgoDays = *f.LeftAgoDays
		d.When = agoWords(*f.LeftAgoDays)
		d.LetterWhen = d.When
		// (a span is no date: "a couple of weeks back" is not "on 14
		// October", fresh-47's review)
		if date := m.Envelope.Date; !date.IsZero() && !m.LeftApprox {
			end := date.AddDate(0, 0, -*f.LeftAgoDays)
			d.Ended = end
			if m.Country == "us" {
				d.LetterWhen = end.Format("on January 2")
			} else {
				d.LetterWhen = end.Format("on 2 January")
			}
		}
	}
	if f.TenureYears != nil {
		d.Tenure = yearsWords(*f.TenureYears)
	}
	if f.PositionFilled != nil {
		d.PositionFilled = map[bool]string{true: "yes", false: "no"}[*f.PositionFilled]
	}
	for _, s := range f.WrongfulSignals {
		if t, ok := signalText[s]; ok {
			if q, ok := quitSignalText[s]; ok && f.Situation == parser.SituationQuit {
				t = q // they left; nobody let them go
			}
			sig := templates.Signal{Key: string(s), Text: t}
			switch s {
			case parser.SignalDiscrimination, parser.SignalRetaliation, parser.SignalWhistleblowing:
				sig.Ground, sig.Text = signalGround(s, m, t)
			case parser.SignalHarassment:
				if slices.Contains(f.WrongfulSignals, parser.SignalRetaliation) {
					sig.Text = "harassment at work" // the firing after it is the retaliation's text
				}
			}
			d.Signals = append(d.Signals, sig)
		}
	}
	if d.Playbook == PlaybookWrongful && len(d.Signals) == 0 {
		d.Signals = []templates.Signal{{Key: "other", Text: "signs that the way your job ended may not have been lawful"}}
	}
	d.NewJob, d.Position = string(f.NewJob), string(f.Position)
	if d.NewJob == "" {
		d.NewJob = string(parser.NewJobUnknown)
	}
	if d.Position == "" {
		d.Position = "unknown"
	}
	for _, w := range f.Wants {
		d.Wants = append(d.Wants, string(w))
	}
	var all []string
	for _, q := range m.AskedAll {
		all = append(all, clean(q))
	}
	d.AskedAll = strings.Join(all, " ")
	for _, q := range whoFirst(f.Questions, m.Asked) {
		d.Questions = append(d.Questions, string(q))
		t := withoutSignOff(clean(m.Asked[q]), d.FirstName)
		if t == "" {
			continue
		}
		if d.AskedWords == nil {
			d.AskedWords, d.AskedText = map[string]string{}, map[string]string{}
		}
		d.AskedWords[string(q)] = t
		// each question of theirs quoted once, over the first answer to it;
		// a run-on of several ("is it weird to ask her for another chance
		// should i call or text or go in person shes kind of scary") is
		// headed by our short wording instead
		if len(strings.Fields(t)) <= maxQuoted && !slices.Contains(slices.Collect(maps.Values(d.AskedText)), t) {
			d.AskedText[string(q)] = t
		}
	}
	d.ReasonOwned = owned(d.Reason)
	// "I lost my rag and told him he could stick his job" over a theft
	// they deny: the act they own is apologised for, the rest not
	// (fresh-46's review: "the decision was about this: I lost my rag. I
	// did not do what I was blamed for")
	if own, ok := strings.CutPrefix(d.ReasonOwned, "I know what went wrong: "); ok && d.Disputed != "" && m.OwnFault && strings.HasPrefix(own, "I ") {
		d.OwnedToo = own
	}
	// Where the letter only asks for the reason in writing, how to word it
	// and what to say get one answer: the second said the same again
	// (fresh-43's review, aq34: 566 words of advice)
	if d.Playbook == PlaybookWrongful && slices.Contains(d.Questions, string(parser.QuestionHowToWord)) {
		d.Questions = slices.DeleteFunc(d.Questions, func(q string) bool { return q == string(parser.QuestionWhatToSay) })
	}
	if t := clean(m.LegalAsked); t != "" && len(strings.Fields(t)) <= maxQuoted {
		d.LegalAsked = "“" + t + "”"
	} else if t != "" {
		d.LegalAsked = "Is this even legal?"
	}
	if t := clean(m.ComplaintDoubt); t != "" && len(strings.Fields(t)) <= maxQuoted {
		d.ComplaintDoubt = "“" + t + "”"
	} else if t != "" {
		d.ComplaintDoubt = "Could my complaint have anything to do with it?"
	}
	// (the boss as the writer first named them counts as the boss too:
	// "My line manager Gaz, Gary Whitworth" then "not bother with Gaz",
	// fresh-73's bu08)
	// (only the name words of that evidence: its "manager" must not
	// rule out "the area manager" asked about)
	bossSaid := d.Boss
	for _, e := range m.Evidence {
		if e.Field != "boss_name" {
			continue
		}
		for _, w := range strings.Fields(e.Words) {
			w = strings.Trim(w, ".,;:()\"'")
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) && !titles[strings.ToLower(w)] {
				bossSaid += " " + w
			}
		}
	}
	d.OthersAsked = othersNamed(m.AskedPeople, bossSaid, d.Company)
	if len(d.OthersAsked) == 1 && !strings.HasPrefix(strings.ToLower(d.OthersAsked[0]), "the ") {
		d.Above, d.AboveShort = d.OthersAsked[0], shortName(d.OthersAsked[0])
	}
	if m.AppealOffered {
		d.AppealOffered = "yes"
		if to := othersNamed([]string{m.AppealTo}, d.Boss, d.Company); len(to) == 1 && d.Playbook == PlaybookFired {
			d.AppealTo = properCase(to[0])
			d.AppealToShort = shortName(d.AppealTo)
		} else if m.AppealTo == "" && d.Above != "" && d.Playbook == PlaybookFired {
			d.AppealTo, d.AppealToAsked = properCase(d.Above), "yes"
			d.AppealToShort = shortName(d.AppealTo)
		}
	}
	d.Country = m.Country
	d.OtherLang = m.OtherLang
	d.Visa = m.Visa && !m.OnBehalf
	// the person who decided, when it was not the boss ("Leanne was on my
	// side, but the store manager Craig Bellamy made the call")
	if dec := othersNamed([]string{m.Decider}, d.Boss, d.Company); len(dec) == 1 {
		d.Decider = shortName(dec[0])
	}
	if m.DecidedAbove || d.Decider != "" {
		d.DecidedAbove = "yes"
	}
	if m.HasHR {
		d.HasHR = "yes"
	}
	d.SignWords = signWords(m)
	d.Records = m.Records
	if m.CleanRecord {
		d.CleanRecord = "yes"
	}
	d.Accomplishments = accomplishments(leaveOut(f.Accomplishments, m.KeptOut))
	planHint := d.Reason
	if planHint == "" {
		// no reason read: what the sentence that says what happened tells
		// ("my manager said i was late too many times")
		planHint = m.EventWords
	}
	if f.Terms == parser.TermsBad {
		planHint += " conflict" // a heated exit: promise to handle disagreement calmly
	}
	// (not what they asked to keep out: "i dont want to mention AA",
	// fresh-57's review)
	// (the whole step they told, not only the part that names it: "ive
	// been to 4 AA meetings and i have a sponser now")
	d.Improvements = improvementSentences(leaveOut(f.Improvements, m.KeptOut))
	// "I have written a letter of apology to Principal Okafor" in a letter
	// to Principal Okafor is "to you" (fresh-43's review)
	for i, x := range d.Improvements {
		for _, n := range []string{d.Boss, d.BossShort} {
			if len(n) > 3 {
				x = strings.ReplaceAll(x, " to "+n+" ", " to you ")
				x = strings.ReplaceAll(x, " to "+n+".", " to you.")
			}
		}
		d.Improvements[i] = x
	}
	// what they promise to do if taken back ("i would do every count with
	// two people", fresh-54's review: "his two-person count plan replaced by
	// stock line") is theirs too
	pledges := pledgeSentences(leaveOut(m.Pledges, m.KeptOut))
	if len(d.Improvements)+len(pledges) > 0 {
		// their own steps replace the stock plan; the check-in offer stays
		own := append(append([]string{}, d.Improvements...), pledges...)
		d.Plan = append(own[:min(len(own), 3)], checkIn)
	} else {
		d.Plan = improvementPlan(planHint)
	}
	if d.AppealTo != "" && len(d.Plan) > 0 && d.Plan[len(d.Plan)-1] == checkIn {
		// an appeal goes to someone the writer did not report to
		d.Plan[len(d.Plan)-1] = checkInManager
	}
	d.Missing = missing(d, f)
	return d
}

var signalText = map[parser.Signal]string{
	parser.SignalDiscrimination: "signs of discrimination (treatment linked to age, race, sex, religion, disability, pregnancy or another protected trait)",
	parser.SignalRetaliation:    "being let go soon after you complained, made a claim (an injury or workers' comp claim), reported a problem or backed a union",
	parser.SignalWhistleblowing: "being let go after reporting a safety or legal problem",
	parser.SignalJuryDuty:       "being let go over jury service",
	parser.SignalContract:       "terms of your contract or promises made to you that may not have been kept",
	parser.SignalMedicalLeave:   "being let go during or after medical leave",
	parser.SignalHarassment:     "harassment at work, and being let go after it",
}

// quitSignalText is signalText for a writer who resigned over the sign
// (fresh-61's review, bi07: "harassment at work, and being let go after it"
// to a woman who resigned over it).
var quitSignalText = map[parser.Signal]string{
	parser.SignalRetaliation: "being treated worse after you complained or reported a problem, until you left",
	parser.SignalHarassment:  "harassment at work that made you leave",
}

// signalGround reads what a sign of an unlawful dismissal was over and
// returns that ground with the phrase that names it, instead of the stock
// list of every ground (fresh-35's review: "pregnancy appears only in a
// stock list"; fresh-37's: "a claim ... or backed a union" to a writer who
// had only complained about unpaid hours). Discrimination is read from the
// words and the rule its evidence came from ("maternity", "too old");
// retaliation and whistleblowing from the writer's sentence of their
// evidence and the one before it ("I went to HR about my overtime"), or
// the subject when the sign was read there. Words that say no ground keep
// the fallback.
func signalGround(s parser.Signal, m *parser.Message, fallback string) (string, string) {
	for _, e := range m.Evidence {
		if e.Field != "wrongful_signals" || e.Value != string(s) {
			continue
		}
		// (the words first, then the rule that read them: a rule that
		// lists every ground, "(my race|black|...|disability|...)", named
		// race "a health condition or disability", fresh-63's bk01)
		tries := []string{e.Words, e.Rule}
		if s != parser.SignalDiscrimination {
			w := aroundWords(m.Text, e.Words)
			if w == "" {
				w = m.Envelope.Subject // "Fired 2 weeks after I complained"
			}
			tries = []string{w}
		}
		for _, w := range tries {
			w = " " + strings.ToLower(strings.Join(strings.Fields(w), " ")) + " "
			for _, g := range signalGrounds[s] {
				for _, k := range g.keys {
					if strings.Contains(w, k) {
						return g.ground, g.text
					}
				}
			}
		}
		if s != parser.SignalDiscrimination {
			break // the first evidence's sentence only
		}
	}
	return "", fallback
}

// signWords quotes the writer's own words that showed the first sign of an
// unlawful dismissal, for the records to keep: "“I went to HR (Lorraine
// Feeney)”" (fresh-37's and fresh-38's reviews: "keep records" named none
// of the evidence they gave). Words from the subject, under three words or
// over sixteen are left out.
func signWords(m *parser.Message) string {
	if len(m.Facts.WrongfulSignals) == 0 {
		return ""
	}
	for _, e := range m.Evidence {
		if e.Field != "wrongful_signals" || e.Value != string(m.Facts.WrongfulSignals[0]) {
			continue
		}
		if !strings.Contains(m.Text, e.Words) {
			return ""
		}
		w := clean(e.Words)
		// "put in a workers comp" (claim like you're supposed to): words cut
		// mid-clause go on to its end (fresh-51's review, ay07)
		if i := strings.Index(m.Text, e.Words); i >= 0 && len(strings.Fields(w)) >= 3 {
			rest := m.Text[i+len(e.Words):]
			if j := strings.IndexAny(rest, ",.;:!?\n"); j > 0 && j <= 60 && !strings.ContainsAny(rest[:1], ",.;:!?") {
				w = clean(e.Words + rest[:j])
			}
		}
		switch n := len(strings.Fields(w)); {
		case n < 3:
			// "sick leave": the sentence that holds it says what happened
			// (fresh-44's review: the records step named nothing of it)
			w = clean(sentenceOf(m.Text, e.Words))
		case n > 16:
			// "I told my shift supervisor ... five or six times and nothing
			// happened, so on November 2nd I went over his head and phoned
			// the Ministry of Labour": its last clause
			w = lastClause(w)
		}
		if n := len(strings.Fields(w)); n < 3 || n > 16 {
			return ""
		}
		return "“" + strings.TrimRight(w, ",;:") + "”"
	}
	return ""
}

// sentenceOf returns the sentence of text that holds words, or "".
func sentenceOf(text, words string) string {
	from, to := sentenceAt(text, words)
	if from < 0 {
		return ""
	}
	return strings.TrimSpace(text[from:to])
}

// lastClause returns the last clause of a long sentence, after its last
// ", so", ", and", ", but", ";" or ", then" ("..., so on November 2nd I
// went over his head and phoned the Ministry of Labour"), or "".
func lastClause(s string) string {
	cut := -1
	for _, sep := range []string{", so ", ", and ", ", but ", "; ", ", then ", " so "} {
		if i := strings.LastIndex(s, sep); i > cut {
			cut = i + len(sep)
		}
	}
	if cut < 0 {
		return ""
	}
	return strings.TrimSpace(s[cut:])
}

// aroundWords returns the sentence of text that holds words, with the
// sentence before it; nothing when words are not in it.
func aroundWords(text, words string) string {
	from, to := sentenceAt(text, words)
	if from < 0 {
		return ""
	}
	if from > 0 {
		// the sentence before starts after the end of the one before it
		from = strings.LastIndexAny(text[:from-1], ".?!\n") + 1
	}
	return text[from:to]
}

// sentenceAt returns where the sentence of text that holds words starts
// and ends (-1, -1 when words are not in it).
func sentenceAt(text, words string) (from, to int) {
	at := -1
	if words != "" {
		at = strings.Index(text, words)
	}
	if at < 0 {
		return -1, -1
	}
	from = strings.LastIndexAny(text[:at], ".?!\n") + 1
	to = len(text)
	if k := strings.IndexAny(text[at+len(words):], ".?!\n"); k >= 0 {
		to = at + len(words) + k
	}
	return from, to
}

var signalGrounds = map[parser.Signal][]struct {
	ground string
	keys   []string
	text   string
}{
	parser.SignalDiscrimination: {
		{"pregnancy", []string{"pregnan", "maternity", "paternity", "baby", "expecting", "gave birth", "mat leave"}, "being treated differently after your pregnancy or maternity leave, which is discrimination"},
		{"age", []string{" age", "old", "young", "retire", " 50", " 55", " 60", "dinosaur", "fresh"}, "comments or choices about your age, which can be age discrimination"},
		{"health", []string{"disab", "mental", "depress", "anxiety", "diagnos", "adjustment", "accommodation", "condition"}, "being treated differently over a health condition or disability, which can be discrimination"},
		{"race", []string{"race", "racial", "racist", "skin", "accent", "nationality", "ethnic", "slur", "black", "colour", "color"}, "treatment linked to your race or origin, which is discrimination"},
		{"religion", []string{"religio", "faith", "hijab", "turban", "pray", "mosque", "church", "sabbath", "ramadan"}, "treatment linked to your religion, which is discrimination"},
		{"sex", []string{"gay", "lesbian", "trans", "sexual", "gender", "woman", "sexist"}, "treatment linked to your sex or who you are, which is discrimination"},
	},
	parser.SignalRetaliation: {
		{"union", []string{"union", "organiz", "organis", "steward"}, "being let go soon after you backed a union"},
		{"claim", []string{"workers comp", "workers' comp", "worker's comp", " comp claim", "compensation claim", "injur", "l&i", " hurt "}, "being let go soon after your injury or workers' comp claim"},
		{"pay", []string{" paid", " pay ", " pay.", "overtime", "wage", " tips", "salary", "clock out", "off the clock", "unpaid"}, "being let go soon after you complained about your pay"},
		{"complaint", []string{"complain", " hr ", " hr,", " hr.", "human resources", "grievance"}, "being let go soon after you complained"},
	},
	parser.SignalWhistleblowing: {
		{"safety", []string{"safety", "osha", "unsafe", "hazard", " alarm", "guard", " ppe", "fire exit", " gas ", "ammonia", "forklift", "scaffold", " hse", "worksafe", "injur"}, "being let go after reporting a safety problem"},
		{"fraud", []string{"fraud", "invoice", " bill", "embezzl", "kickback", "falsif", "the books", "funds", "launder", "brib", "misus", "stole", "theft"}, "being let go after reporting fraud or misused money"},
	},
}

// bossEmail keeps a plain address (no name, no spaces), else nothing.
func bossEmail(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 254 {
		return ""
	}
	a, err := parseAddress(s)
	if err != nil {
		return ""
	}
	return a
}

var titles = words.Set("titles")

func hasTitle(name string) bool {
	w := strings.Fields(name)
	return len(w) > 1 && titles[strings.ToLower(strings.TrimRight(w[0], "."))]
}

// firstNameTitles go with the first name, not the surname: "Sir Mark
// Villanueva" is "Sir Mark" (as in the Philippines), "Don Ernesto Ibáñez"
// is "Don Ernesto".
var firstNameTitles = words.Set("first_name_titles")

// shortName is how a letter addresses the boss: "Mr. Patel" as written,
// "Jane Smith" as "Jane", "Dr. Philip Vance" as "Dr. Vance" (a title goes
// with the surname, not the whole name), "Sir Mark Villanueva" as "Sir
// Mark" (firstNameTitles).
func shortName(name string) string {
	if name == "" {
		return name
	}
	w := strings.Fields(name)
	if hasTitle(name) {
		if len(w) > 2 && firstNameTitles[strings.ToLower(w[0])] {
			return w[0] + " " + w[1] // "Sir Mark", "Don Ernesto"
		}
		if len(w) > 2 {
			return w[0] + " " + w[len(w)-1]
		}
		return name
	}
	if len(w) > 1 && doubleFirst[strings.ToLower(w[1])] {
		return w[0] + " " + w[1] // "Carol Ann Whitlock", "Mary Beth"
	}
	if len(w) > 1 && surnameParticle[strings.ToLower(w[0])] {
		return name // "Ó Súilleabháin", "Van Wyk": a surname, not a first name and the rest
	}
	return w[0]
}

// subjectVerb are verbs that, second in a clause, show its first word is
// its subject ("car is fixed now"): the clause needs no "I" in front.
var subjectVerb = words.Set("subject_verb")

// surnameParticle are words that open a surname ("Ó Súilleabháin", "Mac
// Giolla", "van Wyk", "de la Cruz"): a name that starts with one is a
// surname, and the letter greets it whole.
var surnameParticle = words.Set("surname_particle")

// doubleFirst are second halves of double first names ("Carol Ann", "Mary
// Beth", "Anne Marie"), which the person goes by whole.
var doubleFirst = words.Set("double_first")

// properCase capitalises a name or a firm the writer typed all in lower
// case ("tacoma auto parts" is Tacoma Auto Parts, "mr castellano" is Mr
// Castellano); small joining words stay small after the first word. A
// string with any capital is left as written ("deVries Ltd", "McAlpine").
func properCase(s string) string {
	if s == "" || strings.ToLower(s) != s {
		return s
	}
	w := strings.Fields(s)
	for i, x := range w {
		if i > 0 && smallWords[x] {
			continue
		}
		r, n := utf8.DecodeRuneInString(x)
		if unicode.IsLetter(r) {
			w[i] = string(unicode.ToUpper(r)) + x[n:]
		}
	}
	return strings.Join(w, " ")
}

var smallWords = words.Set("small_words")

// withArticle is a role as it reads after "as": "a support engineer", "an
// RN", "an operations manager"; a post there is one of keeps no article
// ("head brewer", "store manager", "director of nursing"); a role that
// already has one keeps it.
func withArticle(role string) string {
	if role == "" {
		return ""
	}
	w := strings.Fields(strings.ToLower(role))
	if articles[w[0]] || uniquePosts[w[0]] || len(w) > 1 && uniquePosts[w[0]+" "+w[1]] || strings.Contains(" "+strings.ToLower(role)+" ", " of ") {
		return role
	}
	if anSound(role) {
		return "an " + role
	}
	return "a " + role
}

var articles = words.Set("articles")

// uniquePosts begin the titles of posts there is one of in a workplace.
var uniquePosts = words.Set("unique_posts")

// anSound reports whether a word is said starting with a vowel sound: "an
// engineer", "an RN", "an HR assistant"; but "a union rep", "a one-off".
func anSound(role string) bool {
	first := strings.Fields(role)[0]
	l := strings.ToLower(first)
	if len(first) > 1 && strings.ToUpper(first) == first && !strings.ContainsAny(first, "aeiouAEIOU") || len(first) <= 3 && strings.ToUpper(first) == first {
		// an acronym said letter by letter: "an RN", "an HR", "a CNA"
		return strings.ContainsRune("AEFHILMNORSX", rune(first[0]))
	}
	for _, p := range []string{"uni", "use", "usu", "eu", "one", "once"} {
		if strings.HasPrefix(l, p) {
			return false
		}
	}
	for _, p := range []string{"hour", "honest", "honour", "honor", "heir"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return strings.ContainsRune("aeiou", rune(l[0]))
}

// firstName is the name to greet the writer by, or "".
// frontlineRoles are the last words of titles of jobs on a shop floor, in
// a kitchen or on a site.
var frontlineRoles = words.Set("frontline_roles")

// givenTitles are titles that are given names too ("Dean", "Don"): before
// one surname, the name the writer goes by.
var givenTitles = words.Set("given_titles")

func firstName(name string) string {
	w := strings.Fields(name)
	if len(w) == 0 {
		return ""
	}
	// ("Dean Whitlock" signs "Dean": a title that is a given name too,
	// fresh-51's ay36)
	if hasTitle(name) && !(len(w) == 2 && givenTitles[strings.ToLower(w[0])]) {
		return name
	}
	first := strings.Trim(w[0], ",.")
	// "Ma. Cristina Peñaflor", "Wm. Harris Jones": a given name written
	// short, then the one they go by
	if n := utf8.RuneCountInString(first); strings.HasSuffix(w[0], ".") && n >= 2 && n <= 3 && len(w) > 2 {
		if next := strings.Trim(w[1], ",."); utf8.RuneCountInString(next) > 1 {
			first = next
		}
	}
	r, _ := utf8.DecodeRuneInString(first)
	if !unicode.IsLetter(r) {
		return ""
	}
	if utf8.RuneCountInString(first) <= 1 && len(w) > 1 { // an initial: "J. Smith"
		return name
	}
	return first
}

var smallNumbers = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve"}

func numberWord(n int) string {
	if n >= 0 && n < len(smallNumbers) {
		return smallNumbers[n]
	}
	return fmt.Sprint(n)
}

// agoWords says a number of days ago in words.
func agoWords(days int) string {
	switch {
	case days < 0:
		return ""
	case days == 0:
		return "today"
	case days == 1:
		return "yesterday"
	case days < 7:
		return numberWord(days) + " days ago"
	case days == 7:
		return "last week" // (the labels' and the writers' "last week")
	case days <= 10:
		// (not "last week": ten days before a Tuesday was the week before
		// last, fresh-64's review, bl04 and bl35)
		return "just over a week ago"
	case days < 25:
		return numberWord(int(math.Round(float64(days)/7))) + " weeks ago"
	case days < 45:
		return "about a month ago"
	case days < 350:
		return "about " + numberWord(int(math.Round(float64(days)/30))) + " months ago"
	case days < 540:
		return "about a year ago"
	}
	return "about " + numberWord(int(math.Round(float64(days)/365))) + " years ago"
}

// yearsWords says a tenure in words: "a year and a half", "four years".
func yearsWords(y float64) string {
	switch {
	case y <= 0 || math.IsNaN(y) || y > 70:
		return ""
	case y < 1:
		m := int(math.Round(y * 12))
		if m <= 1 {
			return "a month"
		}
		return numberWord(m) + " months"
	}
	whole := int(y)
	half := y-float64(whole) >= 0.25 && y-float64(whole) < 0.75
	if y-float64(whole) >= 0.75 {
		whole++
	}
	switch {
	case whole == 1 && half:
		return "a year and a half"
	case whole == 1:
		return "a year"
	case half:
		return numberWord(whole) + " and a half years"
	}
	return numberWord(whole) + " years"
}

var numberWords = words.Set("number_words")

// notAchievements mark phrases the parser took for a contribution that
// describe the job loss instead.
var notAchievements = words.List("not_achievements")

// accomplishments keeps the contributions worth citing: a few words with a
// number or a measure in them, capitalised, without a final full stop.
func accomplishments(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range in {
		a = capitalI(letterWords(sentencePart(a)))
		// "I was literally the best rated gm on google reviews": filler a
		// letter does without (fresh-71's bs04)
		for _, f := range fillers {
			a = strings.Replace(strings.Replace(a, "I was "+f+" ", "I was ", 1), "I "+f+" ", "I ", 1)
		}
		low := strings.ToLower(a)
		// ("4.9 rating", "6000+ deliveries": two words are enough with a number)
		if n := len(strings.Fields(a)); n < 2 || n < 3 && !strings.ContainsAny(a, "0123456789") || seen[low] {
			continue
		}
		skip := false
		for _, n := range notAchievements {
			if strings.Contains(low, n) {
				skip = true
			}
		}
		if skip || !measured(low) {
			continue
		}
		seen[low] = true
		out = append(out, upper1(a))
		if len(out) == 5 {
			break
		}
	}
	return out
}

func measured(low string) bool {
	if strings.ContainsAny(low, "0123456789%$£€+") { // ("a mean grade of B+")
		return true
	}
	for _, w := range strings.Fields(low) {
		if numberWords[strings.Trim(w, ",.;:()")] {
			return true
		}
	}
	return false
}

func upper1(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// plansTxt holds the concrete changes a fired letter promises, by the
// words of the reason (plans.txt).
//
//go:embed plans.txt
var plansTxt string

// planRule is one entry of plans.txt: the words of a reason that call for
// a step, and the step.
type planRule struct {
	words []string
	step  string
}

// planRules are plans.txt's entries, in order.
var planRules = func() []planRule {
	var out []planRule
	for _, line := range strings.Split(plansTxt, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "step: "):
			out = append(out, planRule{step: strings.TrimPrefix(line, "step: ")})
		case strings.HasPrefix(line, "words: "):
			if len(out) == 0 || out[len(out)-1].words != nil {
				panic("responder: plans.txt: words without a step before them: " + line)
			}
			for _, w := range strings.Split(strings.TrimPrefix(line, "words: "), "|") {
				out[len(out)-1].words = append(out[len(out)-1].words, strings.TrimSpace(w))
			}
		case line == "" || strings.HasPrefix(line, "#"):
		default:
			panic("responder: plans.txt: not a step, words or comment line: " + line)
		}
	}
	for _, r := range out {
		if len(r.words) == 0 {
			panic("responder: plans.txt: a step without words: " + r.step)
		}
	}
	return out
}()

// improvementPlan picks up to two concrete changes for the reason, then a
// check-in the boss can use to see the change.
func improvementPlan(reason string) []string {
	low := " " + plainWords(reason)
	var plan []string
	for _, r := range planRules {
		for _, w := range r.words {
			if strings.Contains(low, " "+w) { // at a word's start: "post" in "posted", not in "position"
				plan = append(plan, r.step)
				break
			}
		}
		if len(plan) == 2 {
			break
		}
	}
	if len(plan) == 0 {
		plan = append(plan, "I will ask for feedback early and often instead of waiting for problems to grow, and act on it straight away.")
	}
	return append(plan, checkIn)
}

const checkIn = "I would welcome a short weekly check-in with you for the first three months, so you can see the change for yourself."

// checkInManager is checkIn in a letter to someone other than the boss (an
// appeal).
const checkInManager = "I would welcome a short weekly check-in with my manager for the first three months, so the change can be seen for itself."

// improvementSentences turns what the writer says they have done since
// ("started using a proper diary app", "I've been seeing a therapist every
// week and", "I took online course for medication safety (6 hours") into
// whole first-person sentences in a letter's register: a clause cut off
// mid-way is dropped back to where it was whole, "I've" reads "I have", a
// sentence without its "I" gets one. What cannot be made whole is left
// out: a fragment is worse in a letter than nothing.
func improvementSentences(in []string) []string {
	var out []string
	var parts []string
	for _, s := range in {
		// "I've been seeing a coach and I started using a diary app": two
		// clauses ("... and I've been going 4 times a week since")
		for _, c := range []string{" and i ", " and I ", " and i've ", " and I've ", " and i'm ", " and I'm "} {
			s = strings.ReplaceAll(s, c, "\x00I"+c[6:])
		}
		parts = append(parts, strings.Split(s, "\x00")...)
	}
	for _, s := range parts {
		// ("(6 hours": an aside cut off; "I set like 3 alarms" is "I set 3
		// alarms": a step is counted, not estimated)
		// ("I have fixed the car now (new alternator $380 ugh)", "($640 I
		// don't even have)": an aside in brackets about money or with a
		// texting word is the writer's comment, not the step; fresh-65's
		// review. "(11 days now)" stays.)
		// (but a sum alone is the step's own figure: "I already venmo'd
		// the owner back for all of the bookings ($312)", fresh-71's
		// review, bs04)
		s = strings.TrimSpace(aside.ReplaceAllStringFunc(s, func(a string) string {
			if onlySum.MatchString(a) {
				return a
			}
			if currencyDigit.MatchString(a) || slices.ContainsFunc(strings.Fields(strings.ToLower(a)), func(w string) bool { return asideWords[strings.Trim(w, "()$,.!?")] }) {
				return ""
			}
			return a
		}))
		s = letterWords(casualLike.ReplaceAllString(strings.TrimSpace(sentencePart(s)), "$1"))
		for {
			s = strings.TrimRight(s, " ,;:-.")
			w := strings.Fields(s)
			if len(w) == 0 || !danglingWords[strings.ToLower(w[len(w)-1])] {
				break
			}
			// "... college and I have my": back to before the last "and"
			if i := strings.LastIndex(s, " and "); i > 0 && len(w) > 2 {
				s = s[:i]
				continue
			}
			s = strings.Join(w[:len(w)-1], " ")
		}
		// "Since then I chart right after each patient": the letter says
		// what they do, not since when
		for _, lead := range []string{"since then", "since that", "since it happened"} {
			if len(s) > len(lead) && strings.EqualFold(s[:len(lead)], lead) {
				s = strings.TrimLeft(s[len(lead):], " ,")
				break
			}
		}
		w := strings.Fields(s)
		// "and completed a four-week online course": the second of two
		// steps, cut at its "and" (fresh-43's review: "I and completed")
		for len(w) > 4 && (strings.EqualFold(w[0], "and") || strings.EqualFold(w[0], "also") || strings.EqualFold(w[0], "plus")) {
			w = w[1:]
			s = strings.Join(w, " ")
		}
		if len(w) < 4 {
			continue
		}
		if strings.EqualFold(w[0], "i") && len(w) > 1 && strings.EqualFold(w[1], "been") {
			s = "I have " + strings.Join(w[1:], " ") // "i been doing a class"
			w = strings.Fields(s)
		} else if strings.EqualFold(w[0], "been") {
			s = "I have " + s // "been off the grog completely"
			w = strings.Fields(s)
		}
		// "... driving me in the mornings so no more excuses": a comment
		if i := strings.Index(strings.ToLower(s), " so no more"); i > 0 {
			s = s[:i]
			w = strings.Fields(s)
		}
		switch first := strings.ToLower(w[0]); {
		case first == "i've" || first == "ive" || first == "i’ve":
			s = "I have" + s[len(w[0]):] // (not "I I've made a checklist": fresh-43's review)
		case first == "i'm" || first == "im" || first == "i’m":
			s = "I am" + s[len(w[0]):]
		case participles[first]:
			s = "I have " + s // "written a letter of apology" (fresh-43's review: "I written")
		case first == "i":
			s = "I" + s[1:]
		case strings.HasSuffix(first, "ing"):
			s = "I have been " + s
		case strings.HasSuffix(first, "ed"):
			s = "I have " + s
		case first == "my" || first == "our" || len(w) > 1 && subjectVerb[strings.ToLower(w[1])]:
			// "my sister has agreed to call me before every early shift",
			// "car is fixed now": something else is the subject
			s = strings.ToUpper(s[:1]) + s[1:]
		case first == "its":
			s = "It's" + s[len(w[0]):] // "its fixed now"
		default:
			s = "I " + s
		}
		// "I even did one Excel course": filler a letter does without
		for _, f := range fillers {
			s = strings.Replace(s, "I "+f+" ", "I ", 1)
		}
		out = append(out, capitalI(s)+".")
		if len(out) == 3 {
			break
		}
	}
	return out
}

// plainWords is s in lower case with everything but letters, digits and
// hyphens made a space, so that " "+w+" " finds a whole word.
func plainWords(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' {
			return unicode.ToLower(r)
		}
		return ' '
	}, s)
}

// leaveOut returns the facts told that name none of what the writer asked
// to keep out (parser.Message.KeptOut, in lower case), as whole words.
func leaveOut(in, out []string) []string {
	if len(out) == 0 {
		return in
	}
	var kept []string
	for _, s := range in {
		low := " " + plainWords(s) + " "
		named := false
		for _, w := range out {
			if strings.Contains(low, " "+w+" ") {
				named = true
				break
			}
		}
		if !named {
			kept = append(kept, s)
		}
	}
	return kept
}

// pledgeSentences turns what the writer promises to do if taken back
// (parser.Message.Pledges: "do every count with two people") into a
// letter's sentences ("I will do every count with two people."), in its
// register; a promise too short to be one is left out.
func pledgeSentences(in []string) []string {
	var out []string
	for _, p := range in {
		p = strings.TrimRight(letterWords(strings.TrimSpace(p)), " ,;:-.!")
		if len(strings.Fields(p)) < 3 {
			continue
		}
		out = append(out, capitalI("I will "+p)+".")
	}
	return out
}

// participles are past participles not ending in -ed that open a step told
// without its "I have" ("written a letter of apology", "done a course").
var participles = words.Set("participles")

// fillers after "I" are dropped from a step told casually.
var fillers = words.List("fillers")

// talkWords make a quit reason talk a letter cannot repeat (words.txt).
var talkWords = words.Set("talk_words")

// offerWords are a job offer's words in a quit reason (words.txt).
var offerWords = words.Set("offer_words")

// hasOfferWord reports whether the lower-case words w name a job offer.
func hasOfferWord(w []string) bool {
	return slices.ContainsFunc(w, func(x string) bool { return offerWords[strings.Trim(x, ",;:()\"'.")] })
}

// quitReasonStart opens a quit reason a letter can say (words.txt).
var quitReasonStart = words.Set("quit_reason_start")

// offerClause opens the part of a quit reason that tells an offer's terms
// (words.txt).
var offerClause = words.Set("offer_clause")

// quitReason is the reason a writer who resigned gives, when a letter to
// the old boss can say it as it stands: "to take up the post of Head of
// Underwriting at Quillfin", "because my father was sick in Amman". It is ""
// for talk ("because of youll always have a chair here lol"), a reason that
// names the reader (boss, as the letter greets them: "because of Herr
// Weißenbach"), one cut off ("who offered me an extra"), one that does
// not open with the writer or "to" ("the pension numbers looked fine"), the
// terms of a job offer, or over sixteen words; the letter then says what
// kind of move it was instead (fresh-60's and fresh-62's reviews: "I left
// because of a massive blue with the boss", "I got offer from Cloudnest
// Solutions with 40% hike").
func quitReason(reason, boss string) string {
	reason = strings.TrimRight(reason, ".!? ")
	w := strings.Fields(strings.ToLower(reason))
	// "join a fintech startup that offered me 30% more": the move, without
	// the offer's terms
	for i, x := range w {
		if i >= 2 && offerClause[x] && hasOfferWord(w[i:]) {
			reason = strings.TrimRight(strings.Join(strings.Fields(reason)[:i], " "), ",;: ")
			w = strings.Fields(strings.ToLower(reason))
			break
		}
	}
	if len(w) == 0 || len(w) > 16 || danglingWords[w[len(w)-1]] || !quitReasonStart[w[0]] && !templates.BareVerb(w[0]) || strings.ContainsAny(reason, ":;\"") {
		return ""
	}
	if hasOfferWord(w) {
		return ""
	}
	for _, x := range w {
		if talkWords[strings.Trim(x, ",;:()\"'")] {
			return ""
		}
	}
	for _, b := range strings.Fields(strings.ToLower(boss)) {
		if len(b) > 3 && strings.Contains(" "+strings.Join(w, " ")+" ", " "+b+" ") {
			return ""
		}
	}
	return reason
}

// danglingWords cannot end a sentence: a clause cut off after them.
// casualLike is a texter's "like" before a count ("like 3 alarms").
var casualLike = regexp.MustCompile(`(?i)\blike ([0-9])`)

// aside is a remark in brackets inside a step the writer took: "(new
// alternator $380 ugh)", "($640 I don't even have)", "(11 days now)".
var aside = regexp.MustCompile(`\s*\([^()]*\)`)

// onlySum is an aside that holds a sum of money and nothing else: "($312)",
// "(R4 500)", "(€1.200)".
var onlySum = regexp.MustCompile(`^\s*\(\s*\p{Sc}?\s?[0-9][0-9 ,.]*\s?\p{Sc}?\s*\)$`)

// currencyDigit is a sum of money: a currency sign and a digit.
var currencyDigit = regexp.MustCompile(`\p{Sc}\s?[0-9]`)

// asideWords in brackets make them the writer's comment (words.txt).
var asideWords = words.Set("aside_words")

// hedgeEnd are words that end a reason only when it was cut off before its
// number ("outage of nearly" 3 hours).
var hedgeEnd = words.Set("hedge_end")

// leadPrep open a reason that is a place or a circumstance, not an act.
var leadPrep = words.Set("lead_prep")

// donePassive after "I was" make a reason what was done to the writer
// ("I was kept on PIP"), not what they did.
var donePassive = words.Set("done_passive")

var danglingWords = words.Set("dangling_words")

// missing lists the facts worth asking for, as "Key: value" lines the
// parser reads back ("Boss: Jane Smith").
func missing(d *templates.Data, f *parser.Facts) []templates.Field {
	var out []templates.Field
	add := func(key, hint string) { out = append(out, templates.Field{Key: key, Hint: "[" + hint + "]"}) }
	ask := d.Playbook == PlaybookAsk
	if ask && d.Situation == string(parser.SituationUnknown) {
		add("What happened", "fired, laid off, or I quit")
	}
	if ask && d.When == "" {
		add("When", "for example: two weeks ago")
	}
	if d.Boss == "" && d.Playbook == PlaybookAtRisk {
		add("Boss", "your manager's name") // still their manager
	} else if d.Boss == "" {
		add("Boss", "your former manager's name")
	}
	if d.BossEmail == "" && d.Playbook != PlaybookWrongful {
		add("Boss email", "their address, for a ready-to-send link")
	}
	// The boss knows where they worked and as what: a letter to them reads
	// as well without the company or the role, so only the draft with
	// brackets asks for them (a writer who named them would be asked again
	// whenever the reading missed them).
	if ask && d.Company == "" {
		add("Company", "the company's name")
	}
	if ask && d.Role == "" {
		add("Role", "your job title")
	}
	// (a fired or quit letter reads well without the reason; asking for
	// one they gave and we missed reads as not listening: fresh-33's review)
	if d.Reason == "" && ask {
		add("Reason", "what happened, in a sentence")
	}
	if d.Name == "" {
		add("Name", "your name, as you sign letters")
	}
	return out
}

// letterWords puts a contribution the writer told casually into a letter's
// register: hedges become "about" ("something like 30 new hires" is "about
// 30 new hires"), and a casual clause spliced on with a comma is dropped
// ("..., a lot of them are still there"). Numbers are kept.
func letterWords(a string) string {
	// "trained 6 of the new starters this year, Chloe included, bless her":
	// an aside about someone (fresh-43's review)
	a = asideBless.ReplaceAllString(a, "")
	for _, h := range hedges {
		if i := strings.Index(strings.ToLower(a), h); i >= 0 && i+len(h) < len(a) && isDigitByte(a[i+len(h)]) {
			a = a[:i] + "about " + a[i+len(h):]
		}
	}
	if i := strings.Index(a, ", "); i > 0 {
		rest := strings.ToLower(a[i+2:])
		// "trained the new people, I trained 6 new cooks in my last year":
		// the clause with the number says it better
		if strings.HasPrefix(rest, "i ") && !strings.ContainsAny(a[:i], "0123456789") && strings.ContainsAny(rest, "0123456789") {
			return strings.TrimSpace(a[i+4:])
		}
		// "..., so I think I was doing something right": a comment on it
		if strings.HasPrefix(rest, "so ") && !strings.ContainsAny(rest, "0123456789") {
			return strings.TrimSpace(a[:i])
		}
		for _, c := range casualClauses {
			if strings.HasPrefix(rest, c) {
				a = a[:i]
				break
			}
		}
	}
	return strings.TrimSpace(a)
}

// asideBless is a fond aside after a contribution: ", Chloe included,
// bless her", ", bless him".
var asideBless = regexp.MustCompile(`(,\s*[A-Z][\p{L}'’-]+ included)?,\s*bless (her|him|them|'em)\b.*$`)

var hedges = spaced(words.List("hedges"))

// casualClauses begin a clause that comments on a contribution rather than
// stating it: dropped from a letter.
var casualClauses = words.List("casual_clauses")

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// othersNamed is the people a writer named in their question of whom to
// ask, other than the boss and the employer: the answer then says when to
// turn to them, instead of a stock "go higher".
func othersNamed(people []string, boss, company string) []string {
	if boss == "" {
		return nil // "Mr. Grant or Miss Campbell?": one of them may be the boss
	}
	bw := strings.Fields(boss)
	bossFirst := strings.ToLower(strings.Trim(bw[0], "."))
	if hasTitle(boss) && len(bw) > 1 {
		bossFirst = strings.ToLower(bw[1])
	}
	skip := map[string]bool{}
	for _, x := range strings.Fields(strings.ToLower(boss)) {
		skip[strings.Trim(x, ".,")] = true
	}
	co := strings.ToLower(company)
	var out []string
	for _, p := range people {
		w := strings.Fields(strings.ToLower(p))
		if len(w) == 0 || skip[w[len(w)-1]] || skip[w[0]] || strings.HasPrefix(bossFirst, w[0]) || len(w[len(w)-1]) < 3 {
			continue // "Kerem Bey" for Kerem; "Mrs. Delacroix" for Sonia Delacroix
		}
		// the company itself ("Acme", "Harbour Freight"), not a person; but
		// "old man Mokoena" of Mokoena & Sons Construction is its owner
		if lp := strings.Join(w, " "); lp == co || len(w) > 1 && strings.HasPrefix(co, lp+" ") {
			continue
		}
		out = append(out, clean(p))
		if len(out) == 2 {
			break
		}
	}
	return out
}

// courtesy are the titles a writer uses to keep a boss at a formal
// distance: a letter to "Herr Dietmar Vogel" is "Dear Herr Vogel", not
// "Dear Dietmar" (fresh-34's review).
var courtesy = words.Set("courtesy")

// courtesyAsWritten puts back the courtesy title the writer used before
// the boss's full name (the facts drop it when a first name is given,
// FIELDS.md), so the letter greets the boss as the writer does.
func courtesyAsWritten(boss string, evidence []parser.Evidence) string {
	w := strings.Fields(boss)
	if len(w) < 2 || hasTitle(boss) {
		return boss
	}
	for _, e := range evidence {
		if e.Field != "boss_name" || !e.Stated {
			continue
		}
		ws := strings.Fields(e.Words)
		for i := 0; i+1 < len(ws); i++ {
			if t := strings.TrimRight(ws[i], "."); courtesy[strings.ToLower(t)] && strings.EqualFold(strings.Trim(ws[i+1], ",."), w[0]) {
				return ws[i] + " " + boss
			}
		}
	}
	return boss
}

// withoutSignOff drops the writer's own name from the end of a question
// typed without punctuation ("or is that dumb tyler": fresh-36's review
// found the sign-off quoted back).
func withoutSignOff(q, first string) string {
	w := strings.Fields(q)
	if first == "" || len(w) < 3 {
		return q
	}
	if last := strings.Trim(w[len(w)-1], ".,!?-"); strings.EqualFold(last, first) {
		return strings.Join(w[:len(w)-1], " ")
	}
	return q
}

// bossAsWritten is the boss's name for a letter: in proper case, with the
// courtesy title the writer used, and a title written in lower case
// capitalised ("chef Delgado" is "Chef Delgado", fresh-53).
func bossAsWritten(boss string, ev []parser.Evidence) string {
	b := courtesyAsWritten(properCase(boss), ev)
	if w := strings.Fields(b); len(w) > 1 && titles[strings.ToLower(strings.Trim(w[0], "."))] && !startsUpper(w[0]) {
		b = strings.ToUpper(b[:1]) + b[1:]
	}
	return b
}

// startsUpper reports whether a word begins with a capital letter.
func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
