package parser

import (
	"net/mail"
	"slices"
	"sort"
	"strings"
)

// text is the writer's new words, tokenized, with the facts given as
// "Key: value" lines taken apart.
type text struct {
	toks  []token
	sents [][2]int
	keys  map[string]string // canonical key -> value
	words int               // word tokens
	lower int               // lowercaseWriter: 0 not yet known, 1 yes, -1 no
}

// reader holds what one message's extractors share: the lexicon, the text,
// the event that ended the job, and the evidence gathered so far. Each
// extractor lives in a file named after its field (boss.go, company.go, ...).
type reader struct {
	lx  *Lexicon
	v   *vocab
	t   *text
	m   *Message
	ev  event
	evi []Evidence
	nj  NewJob // newJob's answer, once asked
	// offer is rehireOffer's answer, once asked (offerRead): terms and
	// Message.Offered both need it
	offer     Match
	offerRead bool
	// subj is the subject's tokens, once read (subjectToks).
	subj []token
	// njAt is newJobAt's answer per sentence, once asked (-2: not yet).
	njAt []int
	// leftApprox is whether the time leftDays read is a span of weeks or
	// more ("a couple of weeks back"), not a day.
	leftApprox bool
	// asked is, per kind of question found, the sentence that asked it.
	asked map[Question]string
	// askedAll are every question sentence of the writer's (Message.AskedAll)
	askedAll []string
	// askedPeople are the people named in the question of whom to ask
	askedPeople []string
	// behalf is Message.OnBehalf, once read: a denial told of the person
	// written for ("which he said he did not take") counts as theirs
	behalf bool
	// present has a bit per list (List.idx) that some word of the text can
	// start: a list without one is not searched.
	present []uint64
	// seen has a bit per lexicon word that a token of the text is, or
	// misspells: a pattern that needs a word not seen is not tried.
	seen []uint64
	// sigWords is the signature block's words, lower case, space-separated
	// and padded with a space each side ("" when none): a firm named there
	// is where the writer works now.
	sigWords string
}

// state records a finding as evidence for a field and returns the value to
// write: the finding's value when it is strong, else "".
func (r *reader) state(field string, f finding) string {
	if !f.ok() {
		return ""
	}
	words := f.words
	if words == "" && f.from >= 0 && f.to > f.from && f.to <= len(r.t.toks) {
		words = joinToks(r.t.toks, f.from, f.to)
	}
	stated := f.strength >= Strong
	r.evi = append(r.evi, Evidence{Field: field, Value: f.value, Words: words, Rule: f.rule, Strength: f.strength, Stated: stated})
	if !stated {
		return ""
	}
	return f.value
}

// span returns the writer's words of toks[from:to] (widened to at least the
// given token) for evidence.
func (r *reader) span(from, to int) string {
	if from < 0 || to > len(r.t.toks) || from >= to {
		return ""
	}
	return joinToks(r.t.toks, from, to)
}

// understand fills m.Facts from the envelope and the writer's new text.
// sig is the signature block: it gives the writer's name, and a firm it
// names is not the one they left.
func (lx *Lexicon) understand(m *Message, sig string) {
	f := &m.Facts
	f.Situation = SituationUnknown
	f.Terms = TermsUnknown
	f.Action = ActionAdvise
	f.NewJob = NewJobUnknown
	f.Position = PositionUnknown

	narrative, keys := lx.keyLines(m.Text)
	t := &text{keys: keys}
	pooled := tokPool.Get().(*[]token)
	t.toks = lx.tokenizeInto(*pooled, strings.ReplaceAll(narrative, "’", "'"))
	defer func() {
		if cap(t.toks) <= 1<<14 { // keep no giant buffers
			clear(t.toks[:cap(t.toks)])
			*pooled = t.toks[:0]
			tokPool.Put(pooled)
		}
	}()
	t.sents = sentences(t.toks)
	t.words = countWords(t.toks)
	r := &reader{lx: lx, v: &lx.vocab, t: t, m: m, ev: event{situation: SituationUnknown, at: -1}}
	bits := bitsPool.Get().(*[]uint64)
	nb := len(lx.zeroRow) + lx.seenLen
	if cap(*bits) < nb {
		*bits = make([]uint64, nb)
	}
	all := (*bits)[:nb]
	clear(all)
	defer bitsPool.Put(bits)
	r.present, r.seen = all[:len(lx.zeroRow):len(lx.zeroRow)], all[len(lx.zeroRow):]
	r.evi = make([]Evidence, 0, 16)
	for i := range t.toks {
		tk := &t.toks[i]
		for k, b := range *tk.mem {
			r.present[k] |= b
		}
		for _, id := range [2]int32{tk.id, tk.fix} {
			if id >= 0 {
				r.seen[id>>6] |= 1 << (uint(id) & 63)
			}
		}
	}
	defer func() { m.Evidence = r.evi }()

	m.Words = t.words
	m.Keys = m.Keys[:0]
	for k := range keys {
		m.Keys = append(m.Keys, k)
	}
	sort.Strings(m.Keys)
	f.SenderName = r.senderName(m.Envelope.FromName, sig, keys["name"])
	if m.Envelope.IgnoreReason != "" {
		f.Action = ActionIgnore
		return
	}
	ct := t
	if t.words == 0 {
		// An empty body: the subject may carry the command ("unsubscribe").
		subj := strings.TrimSpace(m.Envelope.Subject)
		for _, p := range lx.vocab.Key.ReplyPrefix.pats {
			if hasPrefixFold(subj, p.src) {
				subj = strings.TrimSpace(subj[len(p.src):])
			}
		}
		ct = &text{toks: lx.tokenize(subj)}
		ct.words = len(ct.toks)
	}
	if c, days, ok := r.detectCommand(ct, len(keys) > 0); ok {
		f.Action = ActionCommand
		f.Command = c
		f.SnoozeDays = days
		return
	}

	r.ev = r.situation()
	f.Situation = Situation(r.state("situation", r.ev.finding))
	if f.Situation == "" {
		f.Situation = SituationUnknown
	}
	// Someone who lost a job and signs "Guest Relations Manager | Coastal
	// Lodges" works at Coastal Lodges now; still in the job, the signature
	// names the job they write about.
	// ("Formerly Parks Apprenticeship Coordinator, Calderbrook Borough
	// Council" names the old one.)
	if f.Situation != SituationUnknown && sig != "" {
		r.sigWords = " " + plainWords(sig) + " "
		for _, w := range strings.Fields(r.sigWords) {
			if r.v.Company.SigFormer.word(w) {
				r.sigWords = ""
				break
			}
		}
	}
	// Free text is read when something happened, or when the writer speaks
	// of their own job ("My role was ...", a correction to earlier facts).
	free := f.Situation != SituationUnknown || len(keys) > 0 || r.ownJobTalk() || r.jobTrouble()
	m.StillEmployed = f.Situation == SituationUnknown && r.jobTrouble()
	if m.StillEmployed {
		m.Trouble = r.troubleKind()
	}
	// (not "My name is Lan, I write for myself but my son help me with the
	// English": the writer's own case, fresh-4's d15)
	m.OnBehalf = r.find(r.v.Situation.OnBehalf, r.t.toks, 0, len(r.t.toks)).ok() && !r.find(r.v.Situation.NotBehalf, r.t.toks, 0, len(r.t.toks)).ok()
	if subj := r.subjectToks(); !m.OnBehalf && len(subj) > 0 {
		m.OnBehalf = r.v.Situation.OnBehalf.find(subj, 0, len(subj)).ok() // "Asking on behalf of my son" (fresh-61's bi43)
	}
	if m.OnBehalf && f.Situation != SituationUnknown && r.ev.at >= 0 {
		// "I am writing about my husband, not about me ... they made him
		// redundant": an event without "I" is the other person's
		// ("My buddy ... got let go from his job ... so I'm asking for
		// him": the writer only after the event and what follows it)
		// ("I am writing to you regarding my daughter Ananya, aged 26
		// years, who was terminated": "who" or "she" just before the
		// event is the other person, whatever "I" came first, fresh-74's
		// bv05)
		third := false
		for k := max(r.ev.at-2, 0); k < r.ev.at; k++ {
			third = third || r.v.Common.HeShe.has(&r.t.toks[k]) || r.v.Common.Who.has(&r.t.toks[k])
		}
		if s := r.t.sents[r.t.toks[r.ev.at].sent]; third || !r.in(r.v.Situation.FirstCore, r.t.toks, s[0], min(r.ev.at+4, s[1])) {
			m.BehalfSituation, f.Situation = f.Situation, SituationUnknown
			r.evi = append(r.evi, Evidence{Field: "situation", Value: string(SituationUnknown), Rule: "situation: the event is the person they write for (" + string(m.BehalfSituation) + "), not the writer's", Strength: Strong})
		}
	}
	if m.OnBehalf && f.Situation != SituationUnknown && r.ev.at < 0 {
		// "Regarding my daughter's termination" over "I am writing to you
		// regarding my daughter Ananya": a subject line of a writer who
		// writes for someone else tells their event (fresh-74's bv05)
		m.BehalfSituation, f.Situation = f.Situation, SituationUnknown
		r.evi = append(r.evi, Evidence{Field: "situation", Value: string(SituationUnknown), Rule: "situation: the subject's event is the person's they write for (" + string(m.BehalfSituation) + "), not the writer's", Strength: Strong})
	}
	if !m.OnBehalf && f.Situation == SituationUnknown {
		// "My cousin Tashana ... dem let her go same day": no "I write
		// for", but a relative or friend named, then what happened to them
		if bm := r.find(r.v.Situation.Behalf, r.t.toks, 0, len(r.t.toks)); bm.ok() && r.in(r.v.Situation.ThirdParty, r.t.toks, 0, bm.Start) {
			m.OnBehalf = true
		}
	}
	if m.OnBehalf && f.Situation == SituationUnknown && m.BehalfSituation == "" {
		// "I write for my friend ... the owner fire him": their event
		if bm := r.find(r.v.Situation.Behalf, r.t.toks, 0, len(r.t.toks)); bm.ok() {
			m.BehalfSituation = Situation(bm.Pattern.val)
		}
	}
	// (the event moved to the person written for: what made the text
	// free was their event, not the writer's; fresh-72's bt24, "Got the
	// boot about ten days ago" of a daughter, read the farm manager as the
	// writer's boss)
	if m.BehalfSituation != "" && f.Situation == SituationUnknown {
		free = len(keys) > 0 || r.ownJobTalk() || r.jobTrouble()
	}
	// "My sister got let go from the Starbucks on Main": the employer of
	// the person they write for. (Their boss, role and the rest are read
	// only when the event is told as the writer's: the label sets
	// disagree on them, and more were wrong than right.)
	behalfJob := !free && m.OnBehalf && m.BehalfSituation != ""
	r.behalf = m.OnBehalf
	m.Disputed, m.Cleared = r.disputed(), ""
	m.DeniedOwned = !m.Disputed && r.deniedOwned()
	if m.Disputed {
		m.Cleared = r.clearedClause()
	}
	m.ComplaintDoubt = r.complaintDoubt()
	m.LegalAsked = r.legalAsked()
	offered := r.find(r.v.Want.Offered, r.t.toks, 0, len(r.t.toks))
	m.AppealOffered, m.AppealTo = offered.ok(), r.appealTo(offered)
	m.Decider = r.decider()
	m.HasHR = r.in(r.v.Boss.HR, r.t.toks, 0, len(r.t.toks))
	if a := r.find(r.v.Boss.Above, r.t.toks, 0, len(r.t.toks)); a.ok() && (f.Situation == SituationFired || f.Situation == SituationLaidOff) {
		m.DecidedAbove = true
		r.evi = append(r.evi, Evidence{Field: "decided_above", Value: "true", Words: joinToks(r.t.toks, a.Start, a.End), Rule: matched("decided_above", a), Strength: Strong})
	}
	if f.Situation == SituationQuit && r.ev.at >= 0 {
		m.Retired = r.in(r.v.Situation.Retired, r.t.toks, r.ev.at, max(r.ev.end, r.ev.at+1))
	}
	if r.ev.at >= 0 {
		si := r.t.toks[r.ev.at].sent
		to := r.t.sents[min(si+1, len(r.t.sents)-1)][1]
		w := joinToks(r.t.toks, r.t.sents[si][0], to)
		if len(w) > 400 {
			w = w[:400]
		}
		m.EventWords = w
	}
	m.ReferenceOffered = r.findWhere(r.v.Want.RefOffered, r.t.toks, 0, len(r.t.toks), func(m Match) bool {
		s := r.t.sents[r.t.toks[m.Start].sent]
		return !r.t.toks[s[1]-1].ask && !r.negatedBefore(r.t.toks, m.Start, 4)
	}).ok()
	// (fired too: "said he liked my work and maybe down the line",
	// fresh-52's review: "Is your decision final?" after the door was
	// left open)
	if f.Situation == SituationQuit || f.Situation == SituationLaidOff || f.Situation == SituationFired {
		if o := r.rehireOffer(); o.ok() {
			m.Offered = true
			r.evi = append(r.evi, Evidence{Field: "offered", Value: "true", Words: joinToks(r.t.toks, o.Start, o.End), Rule: matched("offered", o), Strength: Strong})
		}
	}
	if f.Situation == SituationLaidOff || m.BehalfSituation == SituationLaidOff {
		if c := r.find(r.v.Situation.Closed, r.t.toks, 0, len(r.t.toks)); c.ok() {
			m.Closed = true
			r.evi = append(r.evi, Evidence{Field: "closed", Value: "true", Words: joinToks(r.t.toks, c.Start, c.End), Rule: matched("closed", c), Strength: Strong})
		}
	}

	if behalfJob {
		f.Company = r.state("company", r.branch(r.companyName("", f.SenderName)))
		// their manager, for the reply's letter only: not a fact of the
		// writer's (the label sets leave it blank)
		// (not "my younger sister Marisol": the family)
		if b := r.bossName(f.SenderName); b.ok() && !r.v.Situation.BehalfPerson.word(strings.ToLower(firstWord(b.value))) {
			m.BehalfBoss = b.value
			r.evi = append(r.evi, Evidence{Field: "behalf_boss", Value: b.value, Words: r.span(b.from, b.to), Rule: b.rule, Strength: b.strength})
		}
		m.BehalfName, m.BehalfWho = r.behalfPerson()
	}
	if free {
		f.BossName = r.state("boss_name", r.bossName(f.SenderName))
		f.Company = r.state("company", r.branch(r.companyName(f.BossName, f.SenderName)))
		f.Role = r.state("role", r.roleName())
		if d, ok := r.leftDays(); ok && (f.Situation != SituationUnknown || len(keys) > 0) {
			f.LeftAgoDays = &d // nothing happened, nothing to date
			m.LeftApprox = r.leftApprox
		}
		if y, ok := r.tenure(); ok {
			f.TenureYears = &y
		}
		if f.Situation != SituationUnknown {
			f.Terms = Terms(r.state("terms", r.terms())) // no parting, no terms
		}
		if f.Terms == "" {
			f.Terms = TermsUnknown
		}
		// Still in the job ("I'm on a PIP", "thinking of quitting"): no
		// dismissal, so no sign that one was unlawful.
		if f.Situation != SituationUnknown || !r.jobTrouble() {
			f.WrongfulSignals = r.wrongfulSignals()
		}
		if len(f.WrongfulSignals) > 0 {
			m.Records = r.records()
		}
		f.Position = r.position()
		switch f.Position {
		case PositionFilled:
			v := true
			f.PositionFilled = &v
		case PositionOpen, PositionPosted:
			v := false
			f.PositionFilled = &v
		}
		f.Accomplishments = r.accomplishments()
		m.CleanRecord = r.cleanRecord()
		rf := r.reason()
		f.Reason = r.state("reason", rf)
		m.OwnFault = f.Reason != "" && strings.HasPrefix(rf.rule, ownFaultRule)
		f.BossEmail = r.state("boss_email", r.bossEmail(m.Envelope.FromAddress))
	}
	// What they ask, want, have done since and do now is read whatever
	// happened: a person on a warning asks too.
	f.Improvements = r.improvements()
	m.Pledges = r.pledges()
	m.KeptOut = r.keptOut()
	f.Questions = r.questions()
	if m.OnBehalf {
		// "would it help if I rang?": whether the writer should reach the
		// boss for the person they write for. (Not added to Questions as
		// whom to ask: the label sets read it so in 7 and as whether to
		// ask in 11.)
		m.BehalfSelf = r.behalfSelf()
	}
	m.Asked = r.asked
	m.AskedAll = r.askedAll
	// A writer let go who asks whether to see a lawyer, or whether it was
	// legal, suspects a sign the rules did not read; unless they own what
	// went wrong, its kind is named by the words they use (suspectedSign).
	if len(f.WrongfulSignals) == 0 && (f.Situation == SituationFired || f.Situation == SituationLaidOff) && !m.OwnFault && (has(f.Questions, QuestionSeeLawyer) || m.LegalAsked != "") {
		if s := r.suspectedSign(); s != "" {
			f.WrongfulSignals = []Signal{s}
			m.Records = r.records()
		}
	}
	// where the job was matters to a reply that speaks of the law: read
	// only then (it costs a scan of the whole text)
	if len(f.WrongfulSignals) > 0 || has(f.Questions, QuestionSeeLawyer) || m.StillEmployed {
		m.Country = r.country()
	}
	m.AskedPeople = r.askedPeople
	m.Visa = f.Situation != SituationUnknown && r.visa()
	m.OtherLang = r.otherLanguage()
	f.Wants = r.wants()
	if f.Situation == SituationUnknown {
		// a writer still in the job, or writing for someone else, wants
		// no job back of their own: the label sets read them as wanting
		// advice (fresh-31, fresh-33)
		f.Wants = slices.DeleteFunc(f.Wants, func(w Want) bool { return w == WantJobBack })
	}
	f.NewJob = r.newJob()

	// "Key: value" lines win over free text.
	key := func(field, k string) string {
		v := keys[k]
		if v != "" {
			r.evi = append(r.evi, Evidence{Field: field, Value: v, Words: v, Rule: "a \"" + k + ":\" line [key (" + lx.vocab.Key.Names.Source + ")]", Strength: Strong, Stated: true})
		}
		return v
	}
	if v := key("boss_name", "boss"); v != "" {
		f.BossName = v
	}
	if v := key("boss_email", "boss_email"); v != "" && strings.Contains(v, "@") {
		f.BossEmail = strings.Trim(v, "()[] ")
	}
	// One mailbox or none: "a@x.example>, b@y.example" would send the
	// ready-to-send link to two people.
	f.BossEmail = oneAddress(f.BossEmail)
	if v := key("company", "company"); v != "" {
		f.Company = v
	}
	if v := key("role", "role"); v != "" {
		f.Role = v
	}
	if v := key("reason", "reason"); v != "" {
		f.Reason = v
	}
	if v := keys["left"]; v != "" && !m.Envelope.Date.IsZero() {
		vt := lx.tokenize(v)
		if d, at, ok := r.timeExpr(vt, 0, len(vt), m.Envelope.Date); ok {
			f.LeftAgoDays = &d
			r.evi = append(r.evi, Evidence{Field: "left_ago_days", Value: itoa(d), Words: joinToks(vt, at, len(vt)), Rule: "a \"left:\" line", Strength: Strong, Stated: true})
		}
	}
}

// jobTrouble reports whether the writer, still in their job, speaks of
// trouble in it: a warning, a plan, fear of layoffs, thinking of quitting.
// Their job's facts are read then too.
func (r *reader) jobTrouble() bool {
	toks, v := r.t.toks, &r.v.Situation
	return r.find(v.NotYet, toks, 0, len(toks)).ok() || r.find(v.Trouble, toks, 0, len(toks)).ok() || r.nothingYet().ok()
}

// troubleKind is the first kind of trouble the text names (job_trouble's
// values: plan, layoffs, leaving, leave); thinking of leaving when only
// not_yet speaks ("I haven't handed it in yet").
func (r *reader) troubleKind() string {
	toks, v := r.t.toks, &r.v.Situation
	for from := 0; from < len(toks); {
		m := r.find(v.Trouble, toks, from, len(toks))
		if !m.ok() {
			break
		}
		if m.Pattern.val != "" {
			return m.Pattern.val
		}
		from = m.Start + 1
	}
	if r.find(v.NotYet, toks, 0, len(toks)).ok() {
		return "leaving"
	}
	return ""
}

// ownJobTalk reports whether the writer says "my role", "my boss" and the
// like with a fact after it ("my boss was ...", "my role is ...").
func (r *reader) ownJobTalk() bool {
	toks, v := r.t.toks, r.v
	for i := range toks {
		if !v.Common.My.has(&toks[i]) {
			continue
		}
		for k := i + 1; k <= i+3 && k+1 < len(toks) && toks[k].sent == toks[i].sent; k++ {
			if v.Key.OwnJob.has(&toks[k]) && v.Common.Be.has(&toks[k+1]) {
				return true
			}
			if v.Boss.Title.has(&toks[k]) {
				return true // "my branch manager, Lisa Chen"
			}
		}
	}
	return false
}

// keyLines takes "Key: value" lines (Boss:, Company:, Role:, Left: ...) out of
// the text. A value that is still a placeholder ("...", "[...]") is ignored.
func (lx *Lexicon) keyLines(s string) (string, map[string]string) {
	if !strings.Contains(s, ":") {
		return s, nil
	}
	var keys map[string]string
	lines := strings.Split(s, "\n")
	out := lines[:0:0]
	for _, line := range lines {
		k, v, ok := strings.Cut(line, ":")
		if ok && len(k) <= 24 {
			name, known := lx.vocab.Key.Names.value(strings.ToLower(strings.TrimLeft(strings.TrimSpace(k), "-*• ")))
			v = strings.Trim(strings.TrimSpace(v), " ;,")
			if strings.HasSuffix(v, ".") && !lx.vocab.Abbreviations.word(lower(v[strings.LastIndexAny(v, " ")+1:len(v)-1])) {
				v = strings.TrimRight(v, ".") // "Ltd." keeps its period
			}
			if known && v != "" && !strings.HasPrefix(v, "[") && !strings.HasPrefix(v, "...") && v != "?" && len(v) < 120 {
				if keys == nil {
					keys = map[string]string{}
				}
				if _, seen := keys[name]; !seen {
					keys[name] = v
				}
				continue
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n"), keys
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// subjectToks returns the subject's tokens, read once per message.
func (r *reader) subjectToks() []token {
	if r.subj == nil {
		r.subj = r.lx.tokenize(strings.ReplaceAll(r.m.Envelope.Subject, "’", "'"))
		if r.subj == nil {
			r.subj = []token{}
		}
	}
	return r.subj
}

// oneAddress returns the address of s when s parses strictly as a single
// mailbox (RFC 5322: "dana@acme.example", "<dana@acme.example>" or "Dana
// <dana@acme.example>"), else "".
func oneAddress(s string) string {
	if s == "" {
		return ""
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return ""
	}
	return a.Address
}

// disputed reports whether the writer denies what they were blamed for
// ("I did not steal any money"), not where the denial is itself denied
// ("I'm not going to pretend I'm innocent").
func (r *reader) disputed() bool {
	if r.cleared().ok() {
		return true
	}
	return r.denied(r.v.Situation.Disputed).ok()
}

// deniedOwned reports whether the writer denies what they were blamed
// for but owns a part of it in the same breath ("I never took a cent in my
// life, I'm just rubbish at the cash up when its mental busy", fresh-56; "I
// did not take the money, but I know it is still my responsibility"): a
// letter then says both, and admits no theft.
func (r *reader) deniedOwned() bool { return r.denial(r.v.Situation.Disputed, true).ok() }

// appealTo reads whom an appeal goes to, in the sentence that offers it,
// after "to": "to the area manager Sue Kendrick", "to Mr. Hale" (fresh-51).
func (r *reader) appealTo(offered Match) string {
	if !offered.ok() {
		return ""
	}
	toks := r.t.toks
	s := r.t.sents[toks[offered.Start].sent]
	for i := offered.Start; i < s[1]-1; i++ {
		if toks[i].l != "to" {
			continue
		}
		j := i + 1
		if r.v.Common.The.has(&toks[j]) || r.v.Common.My.has(&toks[j]) {
			j++
		}
		// "the area manager", "the regional operations director": a word or
		// two, then the title
		for k := j; k < s[1] && k < j+3; k++ {
			if r.v.Boss.Title.has(&toks[k]) {
				j = k
				break
			}
		}
		for j < s[1] && r.v.Boss.Title.has(&toks[j]) {
			j++
		}
		if j < s[1] && toks[j].l == "," {
			j++
		}
		if j >= s[1] || !toks[j].cap && !r.v.Names.Honorific.has(&toks[j]) {
			continue
		}
		// (not "to the Senior Medical Officer": a title, no name)
		if name, end := r.readName(toks, j); name != "" && end <= s[1] && r.isNameWord(&toks[end-1]) && !r.companyAfter(toks, end) && !r.titleWords(toks, j, end) && !r.roleNoun(&toks[end-1]) {
			return name
		}
	}
	return ""
}

// cleared finds what was found since to be no fault of the writer's:
// "it was a double posting from the system upgrade" (fresh-51).
func (r *reader) cleared() Match { return r.denied(r.v.Situation.Cleared) }

// clearedClause is a clause that says what cleared the writer, for a
// letter: the first match of the cleared list that is a whole clause of its
// own, from after a comma or its sentence's start to its end ("it was a
// double posting from the system upgrade"), not told by the writer in the
// first person ("they have traced the difference" after "called me that").
func (r *reader) clearedClause() string {
	toks := r.t.toks
	l := r.v.Situation.Cleared
	for from := 0; from < len(toks); {
		m := r.find(l, toks, from, len(toks))
		if !m.ok() {
			return ""
		}
		from = m.Start + 1
		s := r.t.sents[toks[m.Start].sent]
		a, b := m.Start, m.End
		for a > s[0] && a > m.Start-3 && !toks[a-1].punct {
			a--
		}
		for b < s[1] && b < m.End+8 && !toks[b].punct {
			b++
		}
		if a > s[0] && !toks[a-1].punct || b < s[1] && !toks[b].punct || r.in(r.v.Situation.FirstPerson, toks, a, m.Start) {
			continue
		}
		return joinToks(toks, a, b)
	}
	return ""
}

// denied finds the first match of l that denies the blame: not owned in
// the rest of its sentence or the next, nor negated, nor someone else's.
func (r *reader) denied(l *List) Match { return r.denial(l, false) }

// denial finds the first match of l that is the writer's own denial (not
// negated, not someone else's doing, not how they took the news), owned
// in the rest of its sentence or the next when owned is true, not owned
// when it is false.
func (r *reader) denial(l *List, owned bool) Match {
	toks := r.t.toks
	return r.findWhere(l, toks, 0, len(toks), func(m Match) bool {
		// "I did not take the money, I promise, but I know it is still my
		// responsibility because it is my drawer": they own it (fresh-34)
		// (in the rest of its sentence or the next: "That is my own
		// mistake and I have accepted it.")
		si := toks[m.Start].sent
		end := r.t.sents[min(si+1, len(r.t.sents)-1)][1]
		// "the board didn't take any action", "I didn't take it well":
		// someone else's doing, or how they took the news (fresh-50)
		// (but "they sacked him ... over one missing carton of frozen fish
		// which he said he did not take", from a mother writing for her
		// son: his denial, fresh-73's bu05)
		if r.v.Situation.DisputedLead.has(&toks[m.Start]) && (m.Start == 0 || !r.v.Common.I.has(&toks[m.Start-1]) && !(r.behalf && r.v.Common.HeShe.has(&toks[m.Start-1]))) {
			return false
		}
		if m.End < len(toks) && r.v.Situation.DisputedNot.at(toks, m.End).ok() {
			return false
		}
		// (or before it in its sentence: "I am not denying that I delayed
		// the report, I was trying to trace it first which was a mistake,
		// but I did not take the money", fresh-61's bi39)
		return !r.negatedBefore(toks, m.Start, 5) && r.find(r.v.Situation.OwnsIt, toks, r.t.sents[si][0], end).ok() == owned
	})
}

// behalfPerson returns the name and the relation of the person a writer
// writes for, from "my son Emilio" or "my son, Nikau": the first such
// relation followed by a name.
func (r *reader) behalfPerson() (name, who string) {
	toks := r.t.toks
	for i := 0; i+2 < len(toks); i++ {
		if !r.v.Common.My.has(&toks[i]) {
			continue
		}
		// ("my younger sister Marisol": a word between)
		w := i + 1
		if !r.v.Situation.BehalfPerson.has(&toks[w]) && w+2 < len(toks) && !toks[w].cap && !toks[w].punct {
			w++
		}
		if !r.v.Situation.BehalfPerson.has(&toks[w]) || toks[w].sent != toks[i].sent {
			continue
		}
		k := w + 1
		if toks[k].l == "," && k+1 < len(toks) {
			k++
		}
		if toks[k].sent == toks[i].sent && toks[k].cap && r.isNameWord(&toks[k]) && !r.v.Names.NotName.has(&toks[k]) {
			n, _ := r.readName(toks, k) // "my friend Ah Kang"
			if n == "" {
				n = toks[k].s
			}
			return n, toks[w].l
		}
	}
	return "", ""
}
