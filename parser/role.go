package parser

import "strings"

// roleWords are the lists that find the job title (role.txt).
type roleWords struct {
	As         *List `list:"role_as"`          // as
	Identity   *List `list:"role_identity"`    // Filipina, migrant: "I am a Filipina nurse here" says who, not the job's title
	Level      *List `list:"title_level"`      // ii, iii: "Research Associate II", after the title's noun
	AsStrong   *List `list:"role_as_after"`    // "position as", "worked as", "hired as": the strongest
	AsWork     *List `list:"role_as_work"`     // employed, work: "employed by X as ...", the job, over "I am ..."
	AsStart    *List `list:"role_as_start"`    // started, began: "started as a packer" was not the last job
	ParenAfter *List `list:"role_paren_after"` // position, role: "my position (Member Services Representative ...)"
	Did        *List `list:"role_did"`         // "I did payroll for them": did, do
	DidNot     *List `list:"role_did_not"`     // "I did it for", "I did nothing for"
	IAm        *List `list:"role_i"`           // i, i'm, i've, my role, my title ...
	IAmSelf    *List `list:"role_i_am"`        // i'm, im: a title may follow at once
	OwnWord    *List `list:"role_own_word"`    // role, title, position: "my role was"
	Aux        *List `list:"role_aux"`         // was, been, had, have, am
	AuxEnd     *List `list:"role_aux_end"`     // was, been, am: what must come last
	Det        *List `list:"role_det"`         // a, an, the, their
	Praise     *List `list:"role_praise"`      // "a good bartender": not part of the title
	BadFirst   *List `list:"role_bad_first"`   // "as a favour", "I was a mess": not a title
	Doing      *List `list:"role_doing"`       // doing: "I was doing counter sales" names the work after it
	TimeAfter  *List `list:"role_time_after"`  // "the last 4": a time after a title ends it
	Stop       *List `list:"role_stop"`        // words that end a title
	Noun       *List `list:"role_noun"`        // words that end a title: engineer, nurse ...
	OfThe      *List `list:"role_trim_end"`    // of, the: not the last word of a title
	AfterPrep  *List `list:"role_company_prep"`
	JobWord    *List `list:"role_job_word"`    // "my staff RN job": job, position, role
	Promoted   *List `list:"role_promoted"`    // "made me a", "promoted to": the last title held
	AsLike     *List `list:"role_as_like"`     // "working like bilingual agent", "my job of dispatcher"
	Generic    *List `list:"role_generic"`     // worker, employee: not a title alone
	ByTrade    *List `list:"role_by_trade"`    // "staff nurse by profession"
	NounEnd    *List `list:"role_noun_ending"` // groundworker, millwright, keyholder: endings of job nouns
	Implied    *List `list:"role_implied"`     // was, been: a line opening with these drops its "I"
	Present    *List `list:"role_present"`     // am: "I am a student" says what they are now
	AsNot      *List `list:"role_as_not"`      // "back as", "as well as": not the title held
	Compare    *List `list:"role_as_compare"`  // "the same work as": a comparison, not the title held
	NewJob     *List `list:"new_employer_context"`
	Abroad     *List `list:"role_abroad"`    // "back home", "in my country": a career elsewhere
	PartWord   *List `list:"role_part_word"` // platform, division, region: the part a title is for
}

// roleName finds the job title: "my position as purchasing agent", "worked
// as a forklift operator", "I was a data engineer", "I'm a senior
// structural engineer".
func (r *reader) roleName() finding {
	toks, v := r.t.toks, &r.v.Role
	best, bestTier := finding{}, 9
	bestNow := false // best is a title after "I am"
	for i := range toks {
		tk := &toks[i]
		tier, asWork := 0, false
		j := i + 1
		var why string
		switch {
		case v.AsLike.at(toks, i).ok():
			// "I was working like bilingual agent": a writer's "as"
			j = v.AsLike.at(toks, i).End
			tier = 1
			why = "role: a title after \"working like\""
		case v.Promoted.at(toks, i).ok():
			// "then they made me a shift lead", "I was promoted to
			// supervisor": the last title they held.
			// (not someone else's: "my boss, Brayden Cole, who became VP of
			// Sales this summer", fresh-63's bk07)
			if i > 0 && (r.v.Common.Who.has(&toks[i-1]) || r.v.Common.HeShe.has(&toks[i-1])) {
				continue
			}
			j = v.Promoted.at(toks, i).End
			tier = 0
			why = "role: a title they were promoted to"
		case tk.l == "(" && i > 1 && v.ParenAfter.has(&toks[i-1]) && i+1 < len(toks) && toks[i+1].cap && r.in(r.v.Common.My, toks, max(i-3, 0), i-1):
			// "My position (Member Services Representative at the Orillia
			// branch) was eliminated" (fresh-66's bn06); not "Big title
			// (Head of Data)" of a new job, "the post (Jordan Kessler)"
			tier = 2
			why = "role: a title in brackets after \"my position\""
		case v.As.has(tk):
			if i > 0 && v.AsNot.has(&toks[i-1]) {
				continue // "take me back as a carpenter", "as well as"
			}
			if r.endsAt(v.Compare, toks, i-3, i+1) {
				continue // "the same work as the qualified blokes"
			}
			tier = 3
			why = "role: a title after \"as\""
			if i > 0 && v.AsStrong.has(&toks[i-1]) {
				tier = 1
				why = "role: a title after \"worked as\", \"position as\" and the like"
			} else if r.in(v.AsWork, toks, max(i-10, r.t.sents[tk.sent][0]), i) && !(i > 0 && v.AsStart.has(&toks[i-1])) {
				// "I was employed by Crestwater Construction Ltd as site
				// supervisor", "I work part time at the Boba Bliss on
				// Spadina as shift supervisor": the job, over "I am a civil
				// engineer" or "I am international student" before it
				// (fresh-66); not "started as a packer"
				asWork = true
				why = "role: a title after \"as\" in a sentence about working there"
			}
		case v.Did.has(tk):
			// "I did payroll for them", "I did accounts payable for Redwood"
			if i == 0 || !r.v.Common.I.has(&toks[i-1]) {
				continue
			}
			k := i + 1
			for k < len(toks) && k <= i+3 && toks[k].sent == tk.sent && !toks[k].punct && !v.Stop.has(&toks[k]) {
				k++
			}
			if k == i+1 || k >= len(toks) || !r.v.Common.For.has(&toks[k]) || v.BadFirst.has(&toks[i+1]) || v.DidNot.has(&toks[i+1]) {
				continue
			}
			if 4 < bestTier {
				best, bestTier = finding{value: joinToks(toks, i+1, k), from: i - 1, to: k, rule: rule("role: what \"I did\" for them", v.Did), strength: Strong}, 4
			}
			continue
		case v.IAm.has(tk) || v.Implied.has(tk) && (i == 0 || toks[i-1].sent != tk.sent || toks[i-1].l == "-" || toks[i-1].l == ","):
			// "- Was a Project Architect at Lindqvist Moreau", "got canned
			// from pruitt brothers, been a carpenter there": a line or a
			// clause that drops its "I"
			if v.OwnWord.has(tk) && (i == 0 || !r.v.Common.My.has(&toks[i-1])) {
				continue
			}
			self := v.IAmSelf.has(tk) || v.Implied.has(tk) && !v.IAm.has(tk) // "been a carpenter there": the verb is the word itself
			k := i + 1
			if k+2 < len(toks) && toks[k].l == "(" && toks[k+2].l == ")" {
				k += 3 // "I'm (was) the sous chef"
			}
			for k < len(toks) && k <= i+3 && v.Aux.has(&toks[k]) {
				k++
			}
			if k == i+1 && !self || k == i+4 && toks[i+1].l == "(" && !self {
				continue
			}
			if !self && !v.AuxEnd.has(&toks[k-1]) {
				continue // "I have the certificates", "I had done admin"
			}
			// "in Ukraine I was engineer, here I start from zero", "back
			// home I was a teacher": a career in another country, not the
			// job they write about
			if r.elsewhere(i) {
				continue
			}
			j = k
			tier = 2
			why = "role: a title after \"I was\", \"my role was\" and the like"
			if self || v.Present.has(&toks[k-1]) {
				tier = 3 // "I am a PhD student" now; "I was research assistant" is the job they had
				why = "role: a title after \"I am\""
			}
		default:
			continue
		}
		if tier >= bestTier && !(asWork && tier == bestTier && bestNow) {
			continue
		}
		// "accepted a post as Head of Client Services at Arden Pryce",
		// "my new role as ...": the new job's title.
		if m := r.find(v.NewJob, toks, max(i-6, r.t.sents[tk.sent][0]), i+1); m.ok() && m.End >= i-2 {
			continue
		}
		if j < len(toks) && r.v.Common.Neg.has(&toks[j]) {
			continue // "I was not a bad worker": what they were not
		}
		// "I was 11 years project engineer at Kühn & Söhne": the years
		// first, then the title
		if tier == 2 && j+2 < len(toks) && toks[j+1].sent == tk.sent && r.v.When.Unit.has(&toks[j+1]) && !r.v.When.Unit.has(&toks[j+2]) {
			if _, ok := r.numberAt(&toks[j]); ok && !v.Det.has(&toks[j]) { // (not "I was a Year 4 class teacher")
				j += 2
			}
		}
		// "I was for two years project coordinator at Grünfeld": "for" and
		// the years first (fresh-61's bi41)
		if tier == 2 && j+3 < len(toks) && r.v.Common.For.has(&toks[j]) && toks[j+2].sent == tk.sent && r.v.When.Unit.has(&toks[j+2]) && !r.v.When.Unit.has(&toks[j+3]) {
			if _, ok := r.numberAt(&toks[j+1]); ok {
				j += 3
			}
		}
		hasDet := false
		if j < len(toks) && v.Det.has(&toks[j]) {
			j++
			hasDet = true
		}
		// "I am a Filipina nurse here in Abu Dhabi": who they are, not the
		// title of the job (fresh-73's bu39: "as Dialysis Nurse")
		if tier == 3 && j < len(toks) && v.Identity.has(&toks[j]) {
			continue
		}
		// "i was doing counter sales there": the work, after "doing"
		// (fresh-54)
		// (not "I'm doing a few shifts in Ó Sé's café": an amount of
		// work, not a title, fresh-55)
		if j+1 < len(toks) && v.Doing.has(&toks[j]) && toks[j+1].sent == tk.sent {
			if v.Det.has(&toks[j+1]) || v.DidNot.has(&toks[j+1]) {
				continue
			}
			j++
		}
		// "a good bartender": the adjective is not part of the title.
		if j+1 < len(toks) && v.Praise.has(&toks[j]) && toks[j+1].sent == tk.sent {
			if k := j + 1; k < len(toks) && r.roleNoun(&toks[k]) || k+1 < len(toks) && r.roleNoun(&toks[k+1]) {
				j++
			}
		}
		if j >= len(toks) || toks[j].sent != tk.sent || v.BadFirst.has(&toks[j]) {
			continue
		}
		// "I'm getting the physio": a verb and its object, not a title
		// (but "managing director" is one)
		if j+1 < len(toks) && strings.HasSuffix(toks[j].l, "ing") && v.Det.has(&toks[j+1]) {
			continue
		}
		// "I've been cleaning schools for Northstar": a verb and what it
		// is done to, not a title ("marketing manager" is one)
		// (a plural after it: "driving trucks", "selling cars"; not "morning
		// drive host")
		if tier == 2 && j+1 < len(toks) && strings.HasSuffix(toks[j].l, "ing") && strings.HasSuffix(toks[j+1].l, "s") && !r.roleNoun(&toks[j]) && !r.roleNoun(&toks[j+1]) && !r.v.Boss.Title.has(&toks[j+1]) && toks[j+1].sent == tk.sent {
			continue
		}
		// "Senior Data Analyst", "Head of Marketing": a title written in
		// capitals runs on through capitalised words.
		titleCase := toks[j].cap && !isAcronym(toks[j].s) && !r.v.Names.NotName.has(&toks[j]) ||
			isAcronym(toks[j].s) && j+1 < len(toks) && toks[j+1].cap && !isAcronym(toks[j+1].s) // "QC Analyst II"
		// "a road maintenance supervisor running a crew of nine": a
		// lower-case title ends at its noun, before what the writer did in
		// it (fresh-51)
		actAfter := func(k int) bool {
			return !titleCase && k > j && k+1 < len(toks) && strings.HasSuffix(toks[k].l, "ing") && r.roleNoun(&toks[k-1]) && !r.roleNoun(&toks[k]) && v.Det.has(&toks[k+1])
		}
		end, amp := j, 0
		for end < len(toks) && end-j < 5+amp && toks[end].sent == tk.sent && (!toks[end].punct && (!v.Stop.has(&toks[end]) || isAcronym(toks[end].s)) || r.titleAmp(toks, j, end)) {
			if toks[end].cap && end > j && !isAcronym(toks[end].s) && !titleCase {
				break // a capitalised word after the title starts a name or a company
			}
			if toks[end].l == "&" {
				amp++ // "Parks & Gardens Team Leader": the "&" is not a word of it
			}
			if actAfter(end) || v.TimeAfter.at(toks, end).ok() {
				break
			}
			end++
		}
		for end > j && v.OfThe.has(&toks[end-1]) {
			end--
		}
		// "foreman of a crew of 5 guys": a lower-case title ends before
		// "of a"/"of one" (but "Head of Marketing" goes on)
		for k := j + 1; k+1 < end && !titleCase; k++ {
			if r.v.Common.Of.has(&toks[k]) && r.roleNoun(&toks[k-1]) && (toks[k+1].l == "a" || toks[k+1].l == "an" || toks[k+1].l == "one") {
				end = k
				break
			}
		}
		digit := false
		for k := j; k < end; k++ {
			if isDigit(toks[k].l[0]) && k == j && k+1 < end && r.v.When.Unit.has(&toks[k+1]) || isDigit(toks[k].l[0]) && k == j && k+1 < len(toks) && r.v.When.Unit.has(&toks[k+1]) {
				digit = true // "2 secs from quitting"
			}
		}
		if digit {
			continue
		}
		ingAfter := actAfter(end)
		if end == j || end-j-amp > 4 || end < len(toks) && toks[end].sent == tk.sent && !toks[end].punct && !v.Stop.has(&toks[end]) && !toks[end].cap && !r.v.Common.Of.has(&toks[end]) && !ingAfter && !v.TimeAfter.at(toks, end).ok() {
			continue
		}
		if end < len(toks) && r.v.Common.Of.has(&toks[end]) && !titleCase && !r.roleNoun(&toks[end-1]) {
			continue // "a member of the team"
		}
		// "shift boss underground": end at the last job noun
		if end > j && !r.roleNoun(&toks[end-1]) && !titleCase {
			for k := end - 1; k > j; k-- {
				if r.roleNoun(&toks[k-1]) {
					end = k
					break
				}
			}
		}

		// "Research Associate II", "Software Engineer III": the title's
		// noun is before its level
		nounAt := end - 1
		if nounAt > j && v.Level.has(&toks[nounAt]) {
			nounAt--
		}

		// "I was head brewer at Old Forge Brewing", "an audit senior at Tan,
		// Koh & Partners": a title before "at" and the employer's name
		atEmployer := end+1 < len(toks) && v.AfterPrep.has(&toks[end]) && toks[end+1].sent == tk.sent &&
			(toks[end+1].cap || r.v.Common.The.has(&toks[end+1]) && end+2 < len(toks) && toks[end+2].cap) &&
			!r.v.When.Month.has(&toks[end+1]) && !r.v.When.Weekday.has(&toks[end+1]) && // "made redundant in August"
			r.nounLike(&toks[nounAt])
		if (tier == 3 || tier == 2 || tier == 0) && !hasDet && !titleCase && !r.roleNoun(&toks[nounAt]) && !atEmployer {
			continue
		}
		if (tier == 3 || tier == 0) && !r.roleNoun(&toks[nounAt]) && !atEmployer {
			continue // "as a farewell gift"
		}
		if tier == 2 && !r.roleNoun(&toks[nounAt]) && !(titleCase && hasDet) && !atEmployer { // (its level after it: "Accounting Clerk II", fresh-45)
			continue // "I was Head of Marketing" needs the title's noun; "I am a talker" is no title
		}
		if s := r.newJobAt(tk.sent); s >= 0 && i >= s {
			continue // "I took a job at Delta Freight as an office manager": the new job's title
		}
		if end-j == 1 && v.Generic.has(&toks[j]) {
			continue // "I am good worker"
		}
		parts := make([]string, 0, end-j)
		for k := j; k < end; k++ {
			parts = append(parts, toks[k].s)
		}
		value := strings.Join(parts, " ")
		// "Senior Software Engineer – Payments Platform", "Associate
		// Director, Client Onboarding & KYC Operations": a title in
		// capitals goes on with the part it is for
		if titleCase {
			if q, qe := r.titleQualifier(toks, end); qe > end {
				value, end = value+q, qe
			}
		}
		best, bestTier = finding{value: value, from: i, to: end, rule: rule(why, v.Noun), strength: Strong}, tier
		bestNow = tier == 3 && !asWork && !v.As.has(tk) // "I am a civil engineer": who they are now
	}
	// "Sini Varghese, staff nurse by profession": the words before it.
	if bestTier > 3 {
		for i := range toks {
			if m := v.ByTrade.at(toks, i); m.ok() && i > 0 && r.roleNoun(&toks[i-1]) {
				k := i - 1
				for k > 0 && i-k < 3 && !toks[k-1].punct && !toks[k-1].cap && toks[k-1].sent == toks[i].sent && !v.Stop.has(&toks[k-1]) {
					k--
				}
				return finding{value: joinToks(toks, k, i), from: k, to: m.End, rule: matched("role: a title, then \"by profession\"", m), strength: Strong}
			}
		}
	}
	// "I left my staff RN job", "my forklift driver position": a title
	// between "my" and the word for a job.
	if bestTier > 3 {
		for i := range toks {
			if !r.v.Common.My.has(&toks[i]) {
				continue
			}
			for k := i + 2; k <= i+4 && k < len(toks) && toks[k].sent == toks[i].sent && !toks[k-1].punct; k++ {
				if v.JobWord.has(&toks[k]) && r.roleNoun(&toks[k-1]) && !v.BadFirst.has(&toks[i+1]) {
					if m := r.find(v.NewJob, toks, max(i-3, 0), k+1); m.ok() {
						break
					}
					return finding{value: joinToks(toks, i+1, k), from: i, to: k + 1, rule: rule("role: the title in \"my ... job\"", v.Noun, v.JobWord), strength: Strong}
				}
			}
		}
	}
	return best
}

// roleNoun reports whether a word can end a job title: a listed noun, or a
// compound with a job ending ("groundworker", "keyholder", "millwright").
func (r *reader) roleNoun(t *token) bool {
	return r.v.Role.Noun.has(t) || r.v.Role.NounEnd.endsWord(t.l)
}

// nounLike reports whether a word can end a title nobody listed: not a
// function word, an adverb, a verb form or a unit of time ("I was still at
// Acme", "I was working at Acme" give no title).
func (r *reader) nounLike(t *token) bool {
	if t.punct || len(t.l) < 3 || r.v.Names.NotLower.has(t) || r.v.Names.NotNameEnd.endsWord(t.l) || r.v.When.Unit.has(t) || r.v.Role.Stop.has(t) || r.v.Role.BadFirst.has(t) {
		return false
	}
	_, isNum := r.numberAt(t)
	return !isNum
}

// elsewhere reports whether the words just before toks[i] put it in another
// country: "in Ukraine I was", "back home I was", "in my country I was".
func (r *reader) elsewhere(i int) bool {
	toks := r.t.toks
	for k := i - 1; k >= 0 && k >= i-4 && toks[k].sent == toks[i].sent; k-- {
		if r.v.Role.Abroad.at(toks, k).ok() {
			return true
		}
		// "in Ukraine I was engineer, here I start from zero": a place,
		// then "here" for where they are now
		if r.v.Company.Places.has(&toks[k]) && k > 0 && r.v.Common.In.has(&toks[k-1]) {
			s := r.t.sents[toks[i].sent]
			for h := i; h < s[1]; h++ {
				if toks[h].l == "here" {
					return true
				}
			}
		}
	}
	return false
}

// titleQualifier reads what follows a capitalised title at toks[end]: a
// dash and capitalised words ("– Payments Platform"), or a comma and
// capitalised words that name a part of the business ("Client Onboarding &
// KYC Operations", "Technical Support"). It returns the words, with their
// separator, and where they end; or end itself.
func (r *reader) titleQualifier(toks []token, end int) (string, int) {
	if end+1 >= len(toks) || toks[end+1].sent != toks[end].sent {
		return "", end
	}
	dash := toks[end].l == "–" || toks[end].l == "—" || toks[end].l == "-"
	if !dash && toks[end].l != "," {
		return "", end
	}
	k, part := end+1, false
	for k < len(toks) && k-end <= 6 && toks[k].sent == toks[end].sent && (toks[k].cap && !toks[k].punct || r.v.Company.Amp.has(&toks[k])) {
		if r.v.Company.Department.has(&toks[k]) || r.v.Company.Unit.has(&toks[k]) || r.v.Role.PartWord.has(&toks[k]) {
			part = true
		}
		k++
	}
	for k > end+1 && r.v.Company.Amp.has(&toks[k-1]) {
		k--
	}
	if k == end+1 || !dash && !part || k < len(toks) && toks[k].sent == toks[end].sent && !toks[k].punct && !r.v.Role.Stop.has(&toks[k]) {
		return "", end
	}
	sep := ", "
	if dash {
		sep = " " + toks[end].s + " "
	}
	return sep + joinToks(toks, end+1, k), k
}

// titleAmp reports whether toks[k] is an "&" inside a title that starts at
// toks[j] (before k): between two words of the same case ("Parks & Gardens Team
// Leader", "paint & hardware department supervisor").
func (r *reader) titleAmp(toks []token, j, k int) bool {
	if toks[k].l != "&" || k == j || k+1 >= len(toks) || toks[k+1].sent != toks[k].sent {
		return false
	}
	a, b := &toks[k-1], &toks[k+1]
	return !a.punct && !b.punct && a.cap == b.cap
}
