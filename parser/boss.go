package parser

import (
	"strings"
	"unicode"
)

// bossWords are the lists that find the former manager (boss.txt).
type bossWords struct {
	Title        *List `list:"boss_title"`           // manager, supervisor, owner, head chef ...
	Determiner   *List `list:"boss_determiner"`      // my, our, the, former ... before a title
	Defender     *List `list:"boss_defender"`        // "tried to stick up for me": after a name, someone on the writer's side
	Glue         *List `list:"boss_glue"`            // words between a title and the name: "was", ",", "named"
	TitleOf      *List `list:"boss_title_of"`        // "my manager at Iron Horse was ...": at, of
	InCharge     *List `list:"boss_in_charge"`       // "the pharmacist in charge, Gordon Mackie"
	ReportsTo    *List `list:"reports_to"`           // "reporting to", "under", "worked for" + honorific
	ReportsAfter *List `list:"reports_after"`        // after a name: "to whom I reported", "(she's who I answer to)"
	NickIs       *List `list:"nickname_is"`          // "Russell Dunmore (thats Rusty)": before a nickname in brackets
	PlaceFirst   *List `list:"workplace_first"`      // Boulangerie, Maison: the first word of a workplace's name, never a first name
	Function     *List `list:"boss_function"`        // safety, training: "our safety coordinator" runs a function, not the writer
	DecidedBy    *List `list:"decider_before"`       // "Craig Bellamy made the call": the name before decided it
	DecisionBy   *List `list:"decider_after"`        // "the decision came from ... Dr. Lois Fenwick": the name after decided it
	Above        *List `list:"decided_above"`        // "his hands were tied", "the decision came from Head Office": not the boss's own decision
	Group        *List `list:"group"`                // "in Mette Lund's team"
	GroupOf      *List `list:"group_of"`             // lab, laboratory: "in the laboratory of Professor Gregor Whitlock"
	Managing     *List `list:"managing_verb"`        // "Dana, who ran the team"
	Firing       *List `list:"firing_verb"`          // "Stan Kowalczyk fired me"
	EmailNear    *List `list:"boss_email_near"`      // words near an address that make it the boss's
	OwnDomains   *List `list:"own_domain"`           // the assistant's own domains: never the boss
	NewBoss      *List `list:"new_boss"`             // "my new manager", "my current boss": the boss of a new job
	WeakTitle    *List `list:"boss_title_weak"`      // "office manager": yields to a named owner ("Dr. Vance")
	AboveTitle   *List `list:"boss_title_above"`     // owner, CEO, superintendent: yields to a named manager
	TitleAdj     *List `list:"boss_title_adjective"` // Executive, Senior: before a title in a name ("Executive Chef Sanjay Mehra")
	Appoint      *List `list:"boss_appoint"`         // put, made, named: "put Desmond Clarke as porter supervisor"
	OverHead     *List `list:"over_head"`            // over: "over Bronwyn's head" names the boss
	Former       *List `list:"boss_former"`          // "my old manager", "my former boss": the one they want back
	Became       *List `list:"boss_became"`          // "Kyle became the new operations manager"
	TitleSkip    *List `list:"boss_title_skip"`      // "at the time", "of": words between a title and a comma before the name
	Owns         *List `list:"boss_owns"`            // owns, runs: "Angela Bellamy owns it"
	OwnsNot      *List `list:"boss_owns_not"`        // out, into: "Pinecone ran out of runway" runs nothing
	CompanySufx  *List `list:"company_suffix"`
	HR           *List `list:"boss_hr"`             // HR, personnel: "HR (Ms. Shalini)" is not the boss
	NameVerb     *List `list:"boss_name_verb"`      // said, sent: "my manager kevin sent", a lower-case name known by the verb after it
	Peer         *List `list:"boss_peer"`           // "Anand, one of the vets": after a name and a comma, a peer
	Forwarded    *List `list:"boss_forwarded"`      // "got this from my old boss": the author of the message forwarded below is the boss
	GoOver       *List `list:"boss_go_over"`        // "go over his head to", "go direct to": the person named next is above the boss
	Gone         *List `list:"boss_gone"`           // "but he retired in June": a boss who left before the writer did
	Personal     *List `list:"boss_title_personal"` // "my partner": a title that names someone in the writer's life
	NotName      *List `list:"boss_not_name"`       // court: a word read alone as a boss's name that is an institution
}

// bossName finds the former manager: "my manager, Jane Smith", "the owner
// Vince Castellano", "my boss was Mr. Patel", "reporting to Rachel Kim",
// "Jane Smith, my manager". Every reading is a candidate with a score, and
// the best wins (the first, on a tie): "my old manager Siobhán" beats "the
// new manager, Declan", "my manager" beats "the office manager", and the
// person who did the firing ("Dr. Kowalski called me in and said ...")
// beats a title said in passing.
func (r *reader) bossName(sender string) finding {
	toks, v, nv := r.t.toks, &r.v.Boss, &r.v.Names
	ok := func(n string) bool {
		// (not "Superior Court": an institution after a title word, fresh-44)
		return n != "" && !strings.EqualFold(n, sender) && !strings.EqualFold(strings.Fields(n)[0], firstWord(sender)) &&
			!v.NotName.word(strings.ToLower(n))
	}
	var best finding
	bestScore, bestEnd := 0, 0
	// the best reading by a manager's title ("my chef, Ramos"), which an
	// owner or a CEO named elsewhere yields to
	type scored struct {
		f          finding
		score, end int
	}
	var direct scored
	bestAbove := false
	add := func(name string, from, to, score int, what string, lists ...*List) {
		// "the office manager, Trish": in a practice the doctor who owns
		// it is the boss; Trish is only when no one else is named
		// ("my office manager Crystal Dunn" says who it was)
		// ("reporting to Siobhán, the practice manager" says who it was too)
		// ("the office manager Denise Lutz who was my actual boss" too)
		if score > 15 && r.find(v.WeakTitle, toks, max(from-2, 0), min(to+4, len(toks))).ok() && !r.saysMy(from) && !(len(lists) > 0 && lists[0] == v.ReportsTo) && !strings.Contains(what, "\"was my\"") {
			score = 15
		}
		if !strings.Contains(name, " ") && nv.Nationality.word(lower(name)) {
			return // "Mr. Pappas, also Greek, he was my boss"
		}
		if !strings.Contains(name, " ") && r.v.Company.Department.word(lower(name)) {
			return // "my reporting manager, GM Merchandising": a department (fresh-71's bs42)
		}
		if !strings.Contains(name, " ") && r.firmName(name) {
			return // "Kellermans, the owner's a decent bloke": the firm (fresh-61's bi53)
		}
		// "Marketing Director at Coastal Palms Realty Group (Sarasota)": a
		// name whose fullest form ends in a firm's word is the firm's
		// (fresh-64's bl14)
		if v.CompanySufx.word(strings.ToLower(lastWord(r.fullerName(name, r.nameEnd(name, to))))) {
			return
		}

		// "Anand, one of the vets, backed me up": a peer, not the boss (but
		// "I reported to Simon Achterberg, one of the partners")
		if e := r.nameEnd(name, to); score < 30 && e+1 < len(toks) && toks[e].l == "," && v.Peer.at(toks, e+1).ok() {
			return
		}
		// "should I go over his head to the owner, Mr. Dahl?", "or I go
		// direct to the administrator Sir Paul?": above the boss
		if s0 := r.t.sents[toks[from].sent][0]; r.find(v.GoOver, toks, max(from-9, s0), from).ok() {
			return
		}
		// "I asked HR (Mr. Doyle)", "HR ms reyes": HR, not the boss
		for k, n := from-1, 0; k >= 0 && n < 2 && toks[k].sent == toks[from].sent; k-- {
			if v.HR.has(&toks[k]) {
				return
			}
			if toks[k].l != "(" {
				n++
			}
		}
		// "My supervisor for 20 years was Lou Kaminski but he retired in
		// June and the new shop foreman, Kyle Brandt, ...": gone before them
		if s1 := r.t.sents[toks[from].sent][1]; to < s1 && r.find(v.Gone, toks, to, min(to+3, s1)).ok() {
			score = min(score, 20)
		}
		f := finding{value: name, from: from, to: to, rule: rule("boss: "+what, lists...), strength: Strong}
		// "the owner Mr Whitfield": above the writer's manager
		// (but "I reported throughout to the Senior Executive Officer,
		// Ms. Aoife Brennan" says whom the writer answered to, fresh-70's
		// br44)
		above := r.find(v.AboveTitle, toks, max(from-2, 0), min(to+4, len(toks))).ok() && !r.saysMy(from) && !(len(lists) > 0 && lists[0] == v.ReportsTo)
		if !above && strings.HasPrefix(what, "a title, then") && score >= 30 && score > direct.score && !r.titleWords(toks, to-1, to) && !r.v.Role.Noun.has(&toks[to-1]) {
			direct = scored{f, score, to}
		}
		if score <= bestScore {
			return
		}
		best, bestScore, bestEnd, bestAbove = f, score, to, above
	}
	es := r.evSentence()
	for i := range toks {
		tk := &toks[i]
		if v.Title.has(tk) {
			// a determiner within the four words before the title, or the
			// title opening a sentence that names the boss ("GM is Dante Russo")
			score := 0
			if (i == 0 || toks[i-1].sent != tk.sent) && i+1 < len(toks) && r.v.Common.Be.has(&toks[i+1]) {
				score = 30
			}
			// "Supervisor Beth keeps stacking my shifts", "Store manager
			// Kwame Boateng tried": a title opening the sentence, then a name
			// ("... for nearly 2 yrs and skipper dave and me had a massive
			// blue": a clause's start after "and", from a writer in lower
			// case, fresh-73's bu35)
			clause := i > 0 && toks[i-1].sent == tk.sent && r.v.Common.And.has(&toks[i-1]) && r.lowercaseWriter() && r.lowerName(i+1) != "" && !nv.Honorific.has(tk)
			if k := i; k > 0 && toks[k-1].sent == tk.sent && !toks[k-1].punct && !toks[k-1].cap && !v.Title.has(&toks[k-1]) && !clause {
				// not at the start
			} else if clause {
				score = max(score, 30)
			} else if first := r.t.sents[tk.sent][0]; (first == i || first == i-1 && toks[first].cap) && toks[first].cap && i+1 < len(toks) && r.isNameWord(&toks[i+1]) && !nv.Honorific.has(tk) {
				score = max(score, 30)
			} else if first == i && toks[first].cap && i+2 < len(toks) && toks[i+1].l == "(" && r.isNameWord(&toks[i+2]) && !nv.Honorific.has(tk) {
				score = max(score, 30) // "Skipper (Gazza, Garry Pocock) caught me on my phone" (fresh-36)
			} else if first == i && r.lowercaseWriter() && r.lowerName(i+1) != "" && !nv.Honorific.has(tk) {
				score = max(score, 30) // "manager kevin said too many late punches"
			}
			for k := i - 1; k >= 0 && k >= i-4 && toks[k].sent == tk.sent && !toks[k].punct; k-- {
				if v.Former.has(&toks[k]) {
					score = 50 // "my old manager", "my former boss"
					break
				}
				// ("I tell to the shift lead Ciarán": "to" after a verb of
				// telling is no more than "the")
				// ("His partner Siobhán does the rotas": someone else's
				// partner, below "the manager, Ciarán Ó Dálaigh", fresh-55)
				switch {
				case r.v.Common.Poss.has(&toks[k]) && !r.v.Common.My.has(&toks[k]):
					score = max(score, 20)
				case r.v.Common.My.has(&toks[k]) || v.Determiner.has(&toks[k]) && !r.v.Common.The.has(&toks[k]) && !(toks[k].l == "to" && k > 0 && !v.ReportsTo.has(&toks[k-1])):
					score = max(score, 40)
				case v.Determiner.has(&toks[k]):
					score = max(score, 30)
				}
			}
			// "I resign because shift manager Mr. Doherty refuse my holidays":
			// a writer who drops the article still names the boss, when an
			// honorific and a name follow the title
			if score == 0 {
				j := i + 1
				for j < len(toks) && v.Title.has(&toks[j]) && toks[j].sent == tk.sent {
					j++
				}
				if j+1 < len(toks) && nv.Honorific.has(&toks[j]) && toks[j+1].cap && toks[j+1].sent == tk.sent {
					score = 30
				}
			}
			if score == 0 || i > 0 && toks[i-1].l == "as" {
				continue // ("my position as Chief Operator": the writer's own)
			}
			// "My partner Callum says I was happier at Ashdown": a spouse,
			// not a partner of the firm
			if m := v.Personal.at(toks, max(i-1, 0)); m.ok() && m.End == i+1 {
				continue
			}
			// "Renee Whitcomb was my manager, Greg is the partner": the name
			// before "was my" is the boss's, not the one after the comma
			if i >= 3 && r.v.Common.Be.has(&toks[i-2]) && r.v.Common.My.has(&toks[i-1]) && r.isNameWord(&toks[i-3]) && toks[i-3].sent == tk.sent {
				continue
			}
			// "I was a Team Lead, Customer Care": the writer's own title
			if r.writersTitle(i) {
				continue
			}
			if r.in(v.NewBoss, toks, max(i-3, r.t.sents[tk.sent][0]), i) && score < 50 {
				// "my new manager, Tom": at a new job, not the boss they want
				// back; at the old one, a new arrival ("new manager gareth
				// put me on every weekend"), still the boss.
				if nj := r.newJob(); nj == NewJobHas || nj == NewJobEnded {
					continue
				}
				score = min(score, 30)
			}
			if s := r.newJobAt(tk.sent); s >= 0 && i >= s {
				continue // "In Kiddie Kingdom my manager Mrs. Dawson": the new job's
			}
			j := i + 1
			for j < len(toks) && v.Title.has(&toks[j]) && toks[j].sent == tk.sent {
				j++ // "store manager", "head chef"
			}
			if m := v.InCharge.at(toks, min(j, len(toks)-1)); j < len(toks) && m.ok() {
				j = m.End // "the pharmacist in charge, Gordon Mackie"
			}
			if j+1 < len(toks) && v.TitleOf.has(&toks[j]) && toks[j+1].cap {
				if _, e := r.readCompany(toks, j+1); e > j+1 {
					j = e // "my fleet manager at Iron Horse was Tammy Greer"
				}
			}
			// "my section manager at the time, Johan Botha", "our head of
			// school, Miriam Adler": a few lower-case words before a comma
			if m := v.TitleSkip.at(toks, min(j, len(toks)-1)); j < len(toks) && m.ok() {
				k := m.End
				for k < len(toks) && k < m.End+3 && !toks[k].cap && !toks[k].punct && !r.v.Common.Be.has(&toks[k]) && toks[k].sent == tk.sent {
					k++
				}
				if k < len(toks) && (toks[k].l == "," || r.v.Common.Be.has(&toks[k])) {
					j = k // "my old manager at ironworks is tasha"
				}
			}
			// "my boss was the creative director, Hugo Almeida", "the
			// director's name is Bernadette Sloane"
			for n := 0; n < 7 && j < len(toks) && toks[j].sent == tk.sent; n++ {
				if v.Glue.has(&toks[j]) || v.Title.has(&toks[j]) {
					j++
					continue
				}
				if isAcronym(toks[j].s) && j+1 < len(toks) && toks[j+1].l == "," {
					j++ // "my boss (the OIM, Bruce Haddad)"
					continue
				}
				if strings.ContainsAny(toks[j].l, "0123456789") && j+1 < len(toks) && v.Glue.has(&toks[j+1]) {
					j++ // "my line manager, a G7 called Fiona Achterberg"
					continue
				}
				// "my supervising attorney, Dana Whitcombe": a word or two of
				// the title that no list has, then a comma
				// "my supervisor, the curator of fishes, Bryce Hollister"
				if i > 0 && r.v.Common.My.has(&toks[i-1]) && !toks[j].cap && !toks[j].punct && !nv.NotLower.has(&toks[j]) && !r.v.Stopwords.has(&toks[j]) {
					k := j
					for k < len(toks) && k < j+3 && !toks[k].cap && !toks[k].punct && (k == j+1 || !nv.NotLower.has(&toks[k]) && !r.v.Stopwords.has(&toks[k])) {
						k++
					}
					if k < len(toks) && toks[k].l == "," && k+1 < len(toks) && toks[k+1].cap {
						j = k
						continue
					}
				}
				if !toks[j].cap && !toks[j].punct && (j+1 < len(toks) && v.Title.has(&toks[j+1]) || j+2 < len(toks) && v.Title.has(&toks[j+2])) {
					j++ // a modifier before a title: "creative director"
					continue
				}
				if !toks[j].cap && !toks[j].punct && toks[j].id == noID && toks[j].fix == noID && j+1 < len(toks) && toks[j+1].sent == tk.sent && r.isNameWord(&toks[j+1]) {
					j++ // a word no list knows before a capitalised name: a courtesy title ("my supervisor don Ramiro Salinas", fresh-46)
					continue
				}
				if !toks[j].cap && !toks[j].punct && r.roleNoun(&toks[j]) && j+2 < len(toks) && r.isNameWord(&toks[j+1]) && r.isNameWord(&toks[j+2]) && toks[j+2].sent == tk.sent {
					j++ // a job noun after the title, then a full name: "the head brewer Dante Reyes" (fresh-39)
					continue
				}
				if toks[j].cap && j+2 < len(toks) && (v.Title.has(&toks[j+1]) || r.roleNoun(&toks[j+1])) && toks[j+1].cap && toks[j+2].cap && toks[j+1].sent == tk.sent {
					j++ // "my direct manager, the Finance Manager Khalid Haddad", "Deputy Clerk Deborah Ellison"
					continue
				}
				if toks[j].cap && j+2 < len(toks) && r.roleNoun(&toks[j]) && toks[j+1].l == "," && (r.isNameWord(&toks[j+2]) || nv.Honorific.has(&toks[j+2])) && toks[j+2].sent == tk.sent {
					j++ // "the Head Teacher, Mrs Bernadette Okonkwo"
					continue
				}
				if toks[j].cap && j+1 < len(toks) && (v.Title.has(&toks[j]) || r.roleNoun(&toks[j])) && !nv.Honorific.has(&toks[j]) && r.isNameWord(&toks[j+1]) && toks[j+1].sent == tk.sent {
					j++ // "... Clerk Deborah Ellison": the title, then the name
					continue
				}
				break
			}
			if name, end := r.readName(toks, j); ok(name) && toks[j].sent == tk.sent && !(v.Title.has(&toks[end-1]) || nv.Honorific.has(&toks[end-1]) || r.titleWords(toks, j, end)) {
				// (not "the Chief Circuit Judge": a title, not a name)
				// "the farm manager, Mr. Colin Harwood, dismissed me", "the
				// executive chef, Chef Dunleavy, who is my boss"
				if end+3 < len(toks) && toks[end].l == "," && toks[end+1].sent == tk.sent {
					if v.Firing.has(&toks[end+1]) && r.v.Common.Me.has(&toks[end+2]) ||
						end+4 < len(toks) && r.v.Common.Who.has(&toks[end+1]) && r.v.Common.Be.has(&toks[end+2]) && r.v.Common.My.has(&toks[end+3]) && v.Title.has(&toks[end+4]) {
						score = max(score, 48)
					}
				}
				// "our safety coordinator, Lyle Benham": someone who runs a
				// function, not the writer's boss, unless they say "my"
				if i > 0 && v.Function.has(&toks[i-1]) && !r.saysMy(i) {
					score = min(score, 20)
				}
				// "the sous chef Marisol tried to stick up for me": the one
				// who took their side, not the one who decided (fresh-57);
				// but "My line manager, Mr Aldous, spoke up for me" is still
				// theirs (fresh-27)
				if score < 40 && r.find(v.Defender, toks, end, min(end+4, r.t.sents[tk.sent][1])).ok() {
					score = min(score, 10)
				}
				add(name, i, end, score, "a title, then the name", v.Title, v.Determiner)
				continue
			}
			// A writer who writes "i" in lower case writes names so too:
			// "my manager derek salas said", "new manager gareth put me",
			// "the plant manager mr van wyk".
			if j+1 < len(toks) && nv.Honorific.has(&toks[j]) && !toks[j+1].cap && r.lowercaseWriter() {
				if name := r.lowerName(j + 1); ok(name) {
					add(toks[j].s+" "+name, i, j+1+len(strings.Fields(name)), score, "a title, then a lower-case honorific and name", v.Title, nv.Honorific)
					continue
				}
			}
			// "my manager kevin (Kevin Zhou) tell me": a first name in lower
			// case, then the full name in brackets (fresh-46)
			if j+2 < len(toks) && !toks[j].cap && !toks[j].punct && toks[j+1].l == "(" && toks[j+2].sent == tk.sent {
				if name, end := r.readName(toks, j+2); ok(name) && end-j-2 >= 2 && strings.EqualFold(strings.Fields(name)[0], toks[j].s) {
					add(name, i, end, score, "a title, then a first name in lower case and the full name in brackets", v.Title)
					continue
				}
			}
			if j < len(toks) && nv.Adjective.has(&toks[j]) && r.lowercaseWriter() {
				j++ // "my supervisor big stuart"
			}
			// (not "in the head gate": a title's first word, then a noun)
			if name := r.lowerName(j); ok(name) && !r.verbAfterBe(j, j+len(strings.Fields(name))) && !(j > 0 && v.TitleAdj.has(&toks[j-1])) {
				e := j + len(strings.Fields(name))
				// "big stuart (stuart gauld)"
				if e+3 < len(toks) && toks[e].l == "(" && toks[e+3].l == ")" {
					if full := r.lowerName(e + 1); strings.Count(full, " ") == 1 && strings.HasPrefix(full, name) {
						name = full
					}
				}
				add(name, i, e, score, "a title, then a lower-case name", v.Title, nv.NotLower)
				continue
			}
			// "this is the email my manager kevin sent": a writer who
			// capitalises still may not, and a word no list knows, then a
			// verb, is a name
			if j+1 < len(toks) && i > 0 && r.v.Common.My.has(&toks[i-1]) && !toks[j].cap && !toks[j].punct && toks[j].id == noID && toks[j].fix == noID &&
				toks[j].sent == tk.sent && len(toks[j].l) > 2 && isLetters(toks[j].l) && v.NameVerb.has(&toks[j+1]) && ok(toks[j].s) {
				add(toks[j].s, i, j+1, score-5, "a title, then a lower-case word no list knows and a verb", v.Title, v.NameVerb)
			}
			continue
		}
		// "reporting to Rachel Kim", "worked under Mr. Grady"
		if m := v.ReportsTo.at(toks, i); m.ok() && m.End < len(toks) {
			if m.Pattern.val == "honorific" && !nv.Honorific.has(&toks[m.End]) {
				continue
			}
			// "working for Gwen Calloway" (fresh-68's bp56): a person's
			// first name and surname, not a firm ("working for Acme Foods")
			if m.Pattern.val == "person" {
				name, end := r.readName(toks, m.End)
				if n := len(strings.Fields(name)); n < 2 || n > 3 || r.firmName(name) || r.companyAfter(toks, end) || r.in(r.v.Company.BusinessWord, toks, m.End, end) || r.in(r.v.Company.Suffix, toks, m.End, min(end+1, len(toks))) || r.placeElsewhere(toks, m.End) {
					continue
				}
			}
			k := m.End
			if k+2 < len(toks) && r.v.Common.Poss.has(&toks[k]) && r.v.Situation.ThirdParty.has(&toks[k+1]) {
				k += 2 // "I reported to his son Mike Bratton"
			}
			for k+1 < len(toks) && toks[k].cap && (v.Title.has(&toks[k]) || r.roleNoun(&toks[k]) || v.TitleAdj.has(&toks[k])) && toks[k+1].cap && toks[k+1].sent == toks[k].sent {
				k++ // "under Executive Chef Sanjay Mehra"
			}
			// "I reported throughout to the Senior Executive Officer, Ms.
			// Aoife Brennan": the title, set off by a comma (fresh-70's br44)
			if j := k; j > m.End || r.v.Common.The.has(&toks[j]) {
				if j == m.End {
					j++
				}
				t0 := j
				for j < len(toks) && j-t0 < 5 && toks[j].sent == toks[m.End].sent && !toks[j].punct && (toks[j].cap || v.Title.has(&toks[j]) || r.roleNoun(&toks[j]) || v.TitleAdj.has(&toks[j])) {
					j++
				}
				if j > t0 && (v.Title.has(&toks[j-1]) || r.roleNoun(&toks[j-1])) && j+1 < len(toks) && toks[j].l == "," && toks[j+1].sent == toks[j].sent {
					k = j + 1
				}
			}
			if name, end := r.readName(toks, k); ok(name) && !r.companyAfter(toks, end) {
				// "I reported to" says who the boss was, above "a letter
				// from the Director of Services, Mr. Declan Furlong"
				// (fresh-70's br44); "under", "worked for" less so
				score := 40
				if strings.HasPrefix(toks[i].l, "report") {
					score = 45
				}
				add(name, i, end, score, "reporting to a name", v.ReportsTo)
			}
		}
	}
	// "... Kyle Sorensen, who came from a gym chain. He was my direct
	// boss.": the last name of the sentence before
	for si := 1; si < len(r.t.sents); si++ {
		s := r.t.sents[si]
		if s[1]-s[0] < 4 || !r.v.Common.HeShe.has(&toks[s[0]]) || !r.v.Common.Be.has(&toks[s[0]+1]) || !r.v.Common.My.has(&toks[s[0]+2]) {
			continue
		}
		k := s[0] + 3
		for k < s[1] && k < s[0]+5 && !v.Title.has(&toks[k]) {
			k++ // "my direct boss", "my line manager"
		}
		if k >= s[1] || !v.Title.has(&toks[k]) {
			continue
		}
		p := r.t.sents[si-1]
		var name string
		var from, to int
		for j := p[0]; j < p[1]; j++ {
			if r.isNameWord(&toks[j]) && (j == p[0] || !r.isNameWord(&toks[j-1])) {
				if n, e := r.readName(toks, j); ok(n) && strings.Contains(n, " ") {
					name, from, to = n, j, e
				}
			}
		}
		if name != "" {
			add(name, from, to, 48, "a name, then \"he was my\" and a title in the next sentence", v.Title)
		}
	}
	// "Do I go to Dr Tupou over Bronwyn's head": Bronwyn is the boss
	for i := 0; i+2 < len(toks); i++ {
		if v.OverHead.has(&toks[i]) && r.isNameWord(&toks[i+1]) && (strings.HasSuffix(toks[i+1].s, "'s") || strings.HasSuffix(toks[i+1].s, "’s")) && toks[i+2].l == "head" {
			if name, end := r.readName(toks, i+1); ok(name) {
				add(name, i, end+1, 45, "going over a name's head", v.OverHead)
			}
		}
	}
	// "Jane Smith, my manager", "Dana (my boss)", "Dana Whitfield, who ran the team"
	// (and after a title in lower case: "chef Delgado fird me", fresh-53)
	for i := range toks {
		if !r.isNameWord(&toks[i]) || (i > 0 && toks[i-1].sent == toks[i].sent && (r.isNameWord(&toks[i-1]) || nv.Honorific.has(&toks[i-1]) && toks[i-1].cap)) {
			continue
		}
		start := i
		if i > 0 && nv.Honorific.has(&toks[i-1]) && toks[i-1].sent == toks[i].sent {
			start = i - 1
		}
		name, end := r.readName(toks, start)
		if end+2 >= len(toks) || !ok(name) || toks[end].sent != toks[start].sent {
			continue
		}
		// (not "a store in Germiston (not going to say which one, with my
		// luck my boss reads this)": a place, and a comma before the title)
		place := start > 0 && (r.v.Common.In.has(&toks[start-1]) || r.v.Common.At.has(&toks[start-1]) || r.v.Common.From.has(&toks[start-1]))
		// "Rakesh sir (my reporting manager, GM Merchandising)": an
		// honorific after the name, then the brackets (fresh-71's bs42)
		if nv.HonorificAfter.has(&toks[end]) && !toks[end].cap && end+2 < len(toks) && toks[end+1].l == "(" && toks[end+1].sent == toks[start].sent {
			end++
		}
		if toks[end].l == "(" && !(start > 0 && r.v.Common.The.has(&toks[start-1])) && !place {
			// (not "The Betriebshofleiter (depot manager) Herr Brandtner")
			// "Paulina Voss (chef/owner)", "Stan Wozniak (plant manager)",
			// "Dr. Marsh (he owns the practice and he is my boss)"
			// (a comma after a lower-case word ends it: "(not going to say
			// which one, with my luck my boss ...)"; not in brackets that
			// open with a name: "Mike (Mike Sorensen, dispatch manager, my
			// boss)")
			named := r.isNameWord(&toks[end+1])
			for k := end + 1; k < len(toks) && k <= end+16 && toks[k].l != ")" && !(toks[k].l == "," && !toks[k-1].cap && !named); k++ {
				if v.Title.has(&toks[k]) && (k <= end+3 || r.v.Common.My.has(&toks[k-1])) {
					score := 40
					if r.v.Common.My.has(&toks[k-1]) {
						score = 45
					}
					add(name, start, k+1, score, "a name, then a title in brackets", v.Title)
					break
				}
			}
		}
		// "research assistant in the laboratory of Professor Gregor
		// Whitlock": the head of the group the writer worked in
		if k := start - 1; k > 1 && r.v.Common.Of.has(&toks[k]) && v.GroupOf.has(&toks[k-1]) && strings.Contains(name, " ") && !v.CompanySufx.has(&toks[end-1]) && !r.companyAfter(toks, end) {
			add(name, k-1, end, 42, "the group of a name", v.GroupOf)
		}
		if last := toks[end-1].s; (strings.HasSuffix(last, "'s") || strings.HasSuffix(last, "’s")) && v.Group.has(&toks[end]) {
			add(name, start, end+1, 35, "a name's team", v.Group) // "in Mette Lund's team"
		}
		// "Trevor Baxter was my supervisor on site", "dr. Hsu was the best
		// boss I ever had"
		// "Dra. Villalobos, she was my supervisor"
		be := end
		if be+3 < len(toks) && toks[be].l == "," && r.v.Common.Pronoun.has(&toks[be+1]) {
			be += 2
		} else if be+3 < len(toks) && toks[be].l == "," && r.v.Common.Be.has(&toks[be+1]) {
			be++ // "a Dona Sônia Ribeiro, era minha chefe direta"
		}
		// "the office manager Denise Lutz who was my actual boss"
		if be+3 < len(toks) && r.v.Common.Who.has(&toks[be]) && r.v.Common.Be.has(&toks[be+1]) {
			be++
		}
		// "Conrad Ashby, Vice President of Commercial Lines, to whom I
		// reported directly"
		ofPlace := func(k int) bool {
			return k > 0 && (r.v.Common.Of.has(&toks[k-1]) || r.isNameWord(&toks[k-1]) && k > 1 && r.v.Common.Of.has(&toks[k-2]))
		} // "Vice President of Commercial Lines"
		// (not "Mr. Adeyemi, the SENCo who I worked under": a title after "the")
		the := start > 0 && r.v.Common.The.has(&toks[start-1])
		// (nor a name in brackets: "My uncle Zbigniew Kowalski (in family we
		// call him wujek Zbyszek) is owner and he was my boss", fresh-14's
		// s24: the name before the brackets)
		bracketed := inBrackets(toks, r.t.sents[toks[start].sent][0], start)
		for k := end; k+2 < len(toks) && k <= end+12 && toks[k].sent == toks[start].sent && !r.jobWords(toks, start, end) && !ofPlace(start) && !the && !bracketed; k++ {
			if k > end && (r.isNameWord(&toks[k]) && !ofPlace(k) && !r.jobWords(toks, k, min(k+2, len(toks))) || r.v.Names.Honorific.has(&toks[k])) {
				break // another name comes nearer: "Harbour Master, Captain Iain Rutherford, to whom"
			}
			if m := v.ReportsAfter.at(toks, k); m.ok() {
				add(name, start, m.End, 46, "a name, then \"to whom I reported\"", v.ReportsTo, v.ReportsAfter)
				break
			}
		}
		// "Ray Alvarado (the son, he runs it since his dad retired) was my boss"
		if toks[be].l == "(" {
			for k := be + 1; k < len(toks) && k < be+16 && toks[k].sent == toks[be].sent; k++ {
				if toks[k].l == ")" {
					be = min(k+1, len(toks)-1)
					break
				}
			}
		}
		// "dem put Desmond Clarke as porter supervisor", "they made Ana Ruiz
		// our new manager": a name, then "as" and a title
		if toks[end].l == "as" && start > 0 && v.Appoint.has(&toks[start-1]) {
			for k := end + 1; k < len(toks) && k <= end+4 && toks[k].sent == toks[end].sent; k++ {
				if v.Title.has(&toks[k]) {
					add(name, start, k+1, 40, "someone put in as a title", v.Appoint, v.Title)
					break
				}
			}
		}
		if r.v.Common.Be.has(&toks[be]) && be+2 < len(toks) && v.Determiner.has(&toks[be+1]) {
			for k := be + 2; k < len(toks) && k <= be+4 && toks[k].sent == toks[be].sent; k++ {
				if v.Title.has(&toks[k]) && !strings.HasPrefix(toks[k].l, "co-") { // (not "Kristine who was my co-TL")
					add(name, start, k+1, 40, "a name, then \"was my\" and a title", v.Title)
				}
			}
		}
		// "Iñaki, the creative director and my boss", "Dr. Rhys Vaughan,
		// who owns the practice and is my boss", "the Very Reverend Margaret
		// Ashdown, who has been my line manager"
		// (also "Dr Fiona MacAulay, Head of Collections and my line manager")
		if toks[end].l == "," && (v.Determiner.has(&toks[end+1]) || r.v.Common.Who.has(&toks[end+1]) || v.Title.has(&toks[end+1]) || v.TitleAdj.has(&toks[end+1])) {
			for k := end + 2; k+1 < len(toks) && k <= end+10 && toks[k].sent == toks[end].sent && toks[k].l != ","; k++ {
				if r.v.Common.My.has(&toks[k]) && (v.Title.has(&toks[k+1]) || k+2 < len(toks) && v.Title.has(&toks[k+2])) {
					add(name, start, k+2, 46, "a name, then \"my boss\" said of them", v.Title)
					break
				}
			}
		}
		// "Gerry Quinn the transport manager was my gaffer": no comma either
		// (not "Curtis promoted my assistant, Keiko, to head brewer")
		if (toks[end].l == "," || toks[end].l == "(") && v.Determiner.has(&toks[end+1]) && toks[end+1].l != "to" ||
			r.v.Common.The.has(&toks[end]) && !toks[end].cap && toks[end+1].sent == toks[end].sent && (end-start >= 2 || end-start == 1 && start > 0 && !toks[start-1].cap) && (start > 0 && toks[start-1].sent == toks[start].sent || r.capitalisedElsewhere(start)) {
			k0 := end + 2
			if r.v.Common.The.has(&toks[end]) {
				k0 = end + 1
			}
			for k := k0; k < len(toks) && k <= end+4; k++ {
				if v.Title.has(&toks[k]) && r.in(v.NewBoss, toks, k0-1, k) {
					break // "Sam, my new manager": the new job's
				}
				if v.Title.has(&toks[k]) && !(end-start == 1 && r.v.Common.The.has(&toks[end]) && v.TitleAdj.has(&toks[k])) { // (not "Máire the head barmaid")
					add(name, start, k+1, 40, "a name, then a title", v.Title)
				}
			}
		}
		// "the owner's son, Kyle, became the new operations manager"
		if k := end; k+2 < len(toks) {
			if toks[k].l == "," {
				k++
			}
			if m := v.Became.at(toks, k); m.ok() {
				for t := m.End; t < len(toks) && t <= m.End+4 && toks[t].sent == toks[k].sent; t++ {
					if v.Title.has(&toks[t]) {
						add(name, start, t+1, 40, "a name who became the manager", v.Became, v.Title)
						break
					}
				}
			}
		}
		// "(Angela Bellamy owns it", "Dan Reyes runs the kitchen"
		// "Tam McAllister (owns the place, my gaffer)" (fresh-42)
		if o := end; v.Owns.has(&toks[o]) || toks[o].l == "(" && o+1 < len(toks) && v.Owns.has(&toks[o+1]) && toks[o+1].sent == toks[o].sent {
			if toks[o].l == "(" {
				o++
			}
			if o+1 < len(toks) && !toks[o+1].punct && !v.OwnsNot.has(&toks[o+1]) {
				add(name, start, o+1, 28, "a name who owns or runs the place", v.Owns) // (not "School runs, day trips")
			}
		}
		if toks[end].l == "," && r.v.Common.Who.has(&toks[end+1]) && end+2 < len(toks) && v.Managing.has(&toks[end+2]) {
			add(name, start, end+3, 28, "a name, who ran the team", v.Managing)
		}
		// "The Chef, Chef Ibáñez, he fire me"
		if end+3 < len(toks) && toks[end].l == "," && r.v.Common.Pronoun.has(&toks[end+1]) && r.find(r.v.Situation.Fired, toks, end+2, end+3).ok() {
			add(name, start, end+4, 45, "a name, then \"he fired me\"", r.v.Situation.Fired)
		}
		if v.Firing.has(&toks[end]) && end+1 < len(toks) && r.v.Common.Me.has(&toks[end+1]) &&
			!v.CompanySufx.has(&toks[end-1]) && !strings.HasSuffix(toks[end-1].l, "s") {
			add(name, start, end+2, 45, "a name, then fired me", v.Firing) // "Stan Kowalczyk fired me" (but "Fernhill Couriers sacked me")
		}
		// "Two weeks ago Dr. Kowalski called me into his office and said it
		// just wasn't working": the person who did it, named with a title
		// before the event in its sentence.
		// (not "latterly as Principal Planning Officer": the writer's own
		// title, fresh-48)
		if nv.Honorific.has(&toks[start]) && toks[start].sent == es && es >= 0 && start < r.ev.at &&
			!(start > 0 && toks[start-1].l == "as") && !r.roleNoun(&toks[end-1]) && !r.titleWords(toks, start+1, end) {
			add(name, start, end, 38, "the person named before the event in its sentence", nv.Honorific)
		}
	}
	// People name their boss with a title: "Dr. Pham cut my days", "I worked
	// for Prof. Hamish Dunbar". The first such name that is not the writer.
	for i := range toks {
		if nv.Honorific.has(&toks[i]) && i+1 < len(toks) && r.isNameWord(&toks[i+1]) && !nv.Honorific.has(&toks[i+1]) && !(i > 0 && r.v.Common.Poss.has(&toks[i-1]) && !toks[i].cap) {
			// (not "her father Mr. Lefèvre": "Mr. Lefèvre" is read at i+1)
			if name, end := r.readName(toks, i); ok(name) && !r.companyAfter(toks, end) && !v.Title.has(&toks[end-1]) && !nv.Honorific.has(&toks[end-1]) && !r.titleWords(toks, i+1, end) {
				add(name, i, end, 20, "an honorific and a name", nv.Honorific)
			}
		}
	}
	// A lower-case writer: "i finally asked mr. petrakis about it", "cause
	// dr boudreaux kept cutting my hours", "gaz (the landlord) says".
	// "Gary our shift manager say it many times", "earl my foreman told
	// me": a name, then "my" or "our" and a title, without a comma
	for i := 0; i+2 < len(toks); i++ {
		if !r.v.Common.My.has(&toks[i+1]) || toks[i+1].sent != toks[i].sent {
			continue
		}
		k := i + 2
		for k < len(toks) && k < i+4 && !v.Title.has(&toks[k]) && !toks[k].cap && !toks[k].punct && toks[k].sent == toks[i].sent {
			k++ // "our shift manager"
		}
		if k >= len(toks) || !v.Title.has(&toks[k]) || toks[k].sent != toks[i].sent {
			continue
		}
		first := i == 0 || toks[i-1].sent != toks[i].sent
		start := first || toks[i-1].punct
		switch {
		case r.isNameWord(&toks[i]) && !nv.Honorific.has(&toks[i]) && (start || !r.isNameWord(&toks[i-1])) && (!first || r.capitalisedElsewhere(i)):
			if ok(toks[i].s) {
				add(toks[i].s, i, k+1, 40, "a name, then \"my\" and a title", v.Title)
			}
		case start && !toks[i].cap && !toks[i].punct && toks[i].id == noID && toks[i].fix == noID && len(toks[i].l) > 2 && isLetters(toks[i].l) && !r.lowercaseWriter():
			if ok(toks[i].s) {
				add(toks[i].s, i, k+1, 35, "a lower-case word no list knows, then \"my\" and a title", v.Title)
			}
		}
	}
	if r.lowercaseWriter() {
		for i := range toks {
			// "dale my boss was pissed"
			if !toks[i].cap && !toks[i].punct && i+2 < len(toks) && r.v.Common.My.has(&toks[i+1]) && v.Title.has(&toks[i+2]) && (i == 0 || toks[i-1].sent != toks[i].sent || toks[i-1].punct || r.v.Common.And.has(&toks[i-1])) {
				if name := r.lowerName(i); name != "" && !strings.Contains(name, " ") && ok(name) {
					add(name, i, i+3, 40, "a lower-case name, then \"my boss\"", v.Title)
				}
			}
			if nv.Honorific.has(&toks[i]) && i+1 < len(toks) && toks[i+1].sent == toks[i].sent && !toks[i+1].cap {
				if name := r.lowerName(i + 1); name != "" && !strings.Contains(name, " ") && ok(name) {
					add(toks[i].s+" "+name, i, i+2, 20, "a lower-case honorific and a name", nv.Honorific)
				}
			}
			if !toks[i].cap && !toks[i].punct && i+2 < len(toks) && toks[i+1].l == "(" && (i == 0 || toks[i-1].sent != toks[i].sent || !r.v.Common.Det.has(&toks[i-1])) {
				for k := i + 2; k < len(toks) && k <= i+4 && toks[k].l != ")"; k++ {
					if v.Title.has(&toks[k]) {
						if name := r.lowerName(i); name != "" && !strings.Contains(name, " ") && ok(name) {
							add(name, i, k+1, 40, "a lower-case name, then a title in brackets", v.Title)
						}
						break
					}
				}
			}
		}
	}
	// A writer who writes names in lower case: "shona the manager gave me
	// a card", a name then "the" and a title (fresh-37)
	if r.lowercaseWriter() {
		for i := 0; i+2 < len(toks); i++ {
			if !r.v.Common.The.has(&toks[i+1]) || toks[i+1].sent != toks[i].sent {
				continue
			}
			// (not "at the greggs the manager": a place after a preposition)
			if c := &r.v.Common; i > 0 && (c.At.has(&toks[i-1]) || c.In.has(&toks[i-1]) || c.From.has(&toks[i-1]) || c.For.has(&toks[i-1]) || c.To.has(&toks[i-1]) || c.By.has(&toks[i-1]) || c.Of.has(&toks[i-1]) || c.Det.has(&toks[i-1]) || c.My.has(&toks[i-1]) || c.Poss.has(&toks[i-1])) {
				continue
			}
			name := r.lowerName(i)
			if name == "" || strings.Contains(name, " ") || !ok(name) {
				continue
			}
			for k := i + 2; k <= i+3 && k < len(toks) && toks[k].sent == toks[i].sent; k++ {
				// (not "frank dunmore the owner": the first name known as a
				// word, and an owner is above the manager)
				if v.Title.has(&toks[k]) && !v.TitleAdj.has(&toks[k]) && !v.AboveTitle.has(&toks[k]) {
					add(name, i, k+1, 35, "a lower-case name, then \"the\" and a title", v.Title)
					break
				}
			}
		}
	}
	// The boss is the person the writer reported to: an owner, a CEO or a
	// superintendent only when no manager is named with a title.
	// (With a new job, the manager named may be the new one's: "The owner
	// Patrícia ... Now in Glamour Loft the manager Sharon".)
	if nj := r.newJob(); bestAbove && direct.f.ok() && direct.score >= bestScore-11 && nj != NewJobHas && nj != NewJobEnded {
		best, bestEnd = direct.f, direct.end
	}
	// "Got this from my old boss last night - how do I answer?" above a
	// forwarded message: its author, when only one, is the boss they name
	// by title alone (fresh-37)
	if !best.ok() && len(r.m.quoted) == 1 {
		if m := r.find(v.Forwarded, toks, 0, len(toks)); m.ok() && strings.Contains(r.m.quoted[0], " ") {
			return finding{value: r.m.quoted[0], from: m.Start, to: m.End, rule: matched("boss: the author of the message the writer forwards from their boss", m), strength: Strong}
		}
	}
	// No title, no "reported to": the person who offered to have the
	// writer back ("Geoff Vause ... shook my hand on the last day and said
	// if the cathedral job in Ripon comes through I'll be the first one he
	// rings", fresh-72's bt02), named as the subject of that sentence.
	if !best.ok() {
		if o := r.rehireOffer(); o.ok() {
			s := r.t.sents[toks[o.Start].sent]
			for k := s[0]; k < o.Start; k++ {
				if !r.isNameWord(&toks[k]) || k > s[0] && (r.isNameWord(&toks[k-1]) || nv.Honorific.has(&toks[k-1])) {
					continue
				}
				start := k
				if k > s[0] && nv.Honorific.has(&toks[k-1]) {
					start = k - 1
				}
				name, end := r.readName(toks, start)
				if !ok(name) || end >= o.Start || r.firmName(name) || r.v.Situation.FirstCore.has(&toks[start]) {
					continue
				}
				if r.find(r.v.Signal.Speech, toks, end, o.Start).ok() {
					best, bestEnd = finding{value: name, from: start, to: end, rule: rule("boss: the person who offered to have the writer back", r.v.Terms.Offer, r.v.Signal.Speech), strength: Strong}, end
				}
				break
			}
		}
	}
	if best.ok() {
		best.value = r.fullerName(best.value, r.nameEnd(best.value, bestEnd))

		// "Principal Amundsen told me": a surname alone keeps the title it
		// was said with, so a letter greets "Dear Principal Amundsen"
		if !strings.Contains(best.value, " ") {
			if e := r.nameEnd(best.value, bestEnd); e-2 >= 0 && e-1 < len(toks) && toks[e-1].s == best.value && nv.Honorific.has(&toks[e-2]) && toks[e-2].cap {
				best.value = toks[e-2].s + " " + best.value
			}
		}
	}
	return best
}

// saysMy reports whether "my" is among the three words before toks[i]
// in its sentence: "my office manager Crystal Dunn" (not "our office
// manager Jolene").
func (r *reader) saysMy(i int) bool {
	toks := r.t.toks
	for k := i - 1; k >= 0 && k >= i-3 && toks[k].sent == toks[i].sent; k-- {
		if toks[k].l == "my" {
			return true
		}
	}
	return false
}

// nameEnd returns the index just after the name's last word in the text,
// near end (the end of the finding).
func (r *reader) nameEnd(name string, end int) int {
	last := strings.Fields(name)
	if len(last) == 0 {
		return end
	}
	w := last[len(last)-1]
	for k := min(end, len(r.t.toks)) - 1; k >= 0 && k >= end-8; k-- {
		if strings.TrimSuffix(r.t.toks[k].s, "'s") == w {
			return k + 1
		}
	}
	return end
}

// fullerName returns the fullest form of a name the text gives: the name
// in brackets after a nickname ("Dazza (Darren Pike)"), or a first name
// with the surname found elsewhere ("Mrs. Hodgson" and "Judith Hodgson";
// "Fiona" and "Fiona Gallagher"). A courtesy title (Mr, Mrs, Ms) is dropped
// before a full name; a professional one (Dr, Chef) is kept.
func (r *reader) fullerName(name string, end int) string {
	toks, nv, v := r.t.toks, &r.v.Names, &r.v.Boss
	// "Skipper (Gazza, Garry Pocock)": inside the brackets, the nickname,
	// then the full name before the closing one
	if end+3 < len(toks) && toks[end].l == "," && end > 0 && toks[end-1].sent == toks[end].sent {
		if k := end - 1; k > 0 && toks[k-1].l == "(" && r.isNameWord(&toks[end+1]) {
			if full, e := r.readName(toks, end+1); e < len(toks) && toks[e].l == ")" && strings.Contains(full, " ") && !strings.Contains(name, " ") && !r.in(r.v.Boss.Title, toks, end+1, e) {
				return full
			}
		}
	}
	// "Dazza (Darren Pike)", "Ma'am Tess (Ms. Teresita Villanueva)",
	// "Gazza (Gary Whitlock, the works manager)"; not "Amanda Price
	// (Service Manager)"
	if k := end + 1; end+3 < len(toks) && toks[end].l == "(" {
		// "Gazza (the boss, Gary Thornton)"
		if r.v.Common.The.has(&toks[k]) || r.v.Common.My.has(&toks[k]) {
			n := k + 1
			for n < len(toks) && n < k+4 && r.v.Boss.Title.has(&toks[n]) {
				n++
			}
			if n > k+1 && n+1 < len(toks) && toks[n].l == "," {
				k = n + 1
			}
		}
		if nv.Honorific.has(&toks[k]) {
			k++
		}
		if k < len(toks) && r.isNameWord(&toks[k]) {
			// (not "Priya Raman (Chief Client Officer)": a title)
			if full, e := r.readName(toks, k); e < len(toks) && (toks[e].l == ")" || toks[e].l == ",") && strings.Count(full, " ") >= strings.Count(name, " ") && strings.Contains(full, " ") && !r.in(r.v.Boss.Title, toks, k, e) && !r.titleWords(toks, k, e) {
				name = full
			}
		}
	}
	// "My boss (Macca - Steve McAllister, the project manager)"
	if k := end + 1; end+3 < len(toks) && !strings.Contains(name, " ") && (toks[end].l == "-" || toks[end].l == "–" || toks[end].l == "—") && inBrackets(toks, max(end-3, 0), end) && r.isNameWord(&toks[k]) {
		if full, e := r.readName(toks, k); e < len(toks) && (toks[e].l == ")" || toks[e].l == ",") && strings.Contains(full, " ") && !r.in(r.v.Boss.Title, toks, k, e) {
			name = full
		}
	}
	// "My line manager Gaz, Gary Whitworth, was funny with me": a
	// nickname, then the full name set off by commas, its first name
	// starting with the same letter (fresh-73's bu08)
	if k := end + 1; !strings.Contains(name, " ") && end+3 < len(toks) && toks[end].l == "," && r.isNameWord(&toks[k]) && !nv.Honorific.has(&toks[k]) {
		if full, e := r.readName(toks, k); e < len(toks) && toks[e].l == "," && strings.Count(full, " ") == 1 && strings.EqualFold(full[:1], name[:1]) && !r.in(r.v.Boss.Title, toks, k, e) && !r.firmName(full) {
			name = full
		}
	}
	words := strings.Fields(name)
	title := ""
	if len(words) > 1 && nv.Honorific.word(lower(words[0])) {
		title, words = words[0], words[1:]
	}
	// "the Reverend Canon Margaret Ashby": a second courtesy title goes
	// with the first (fresh-39)
	for len(words) > 2 && nv.Honorific.word(lower(words[0])) {
		if v, _ := nv.Honorific.value(lower(words[0])); v != "courtesy" {
			break
		}
		words = words[1:]
	}
	courtesy := false
	if title != "" {
		v, _ := nv.Honorific.value(lower(title))
		courtesy = v == "courtesy"
	}
	// the other half in brackets: "Priya (Dr. Naidoo)", "Mrs Fenwick (Julie)"
	if len(words) == 1 && end+3 < len(toks) && toks[end].l == "(" {
		switch {
		case title == "" && nv.Honorific.has(&toks[end+1]) && r.isNameWord(&toks[end+2]) && toks[end+3].l == ")":
			words = []string{words[0], toks[end+2].s}
		case title != "" && r.isNameWord(&toks[end+1]) && (toks[end+2].l == ")" || toks[end+2].l == ","): // "Signor Bellini (Franco, the father)"
			words = []string{toks[end+1].s, words[0]}
		}
	}
	if len(words) == 1 && len(words[0]) > 1 && !strings.HasSuffix(words[0], ".") {
		// another mention with one more name: "Judith Hodgson", "Fiona Gallagher"
		w := words[0]
		// the author of a quoted message: "On 31 Jul, Fiona Gallagher <...> wrote:"
		for _, q := range r.m.quoted {
			qw := strings.Fields(q)
			if len(qw) == 2 && (strings.EqualFold(qw[0], w) && title == "" || strings.EqualFold(qw[1], w)) {
				words = qw
				if strings.EqualFold(qw[0], w) {
					title = ""
				}
				break
			}
		}
		// elsewhere, a nickname with the name in brackets: "my foreman
		// Tank (Robert Tillman)", then "over Tank's head"
		for i := 0; i+3 < len(toks) && len(words) == 1 && title == ""; i++ {
			if strings.TrimSuffix(toks[i].s, "'s") == w && toks[i+1].l == "(" && r.isNameWord(&toks[i+2]) {
				// (or a comma after it: "Gaz (Gareth Pike, the winemaker, my
				// boss)", fresh-75's bw35)
				if full, e := r.readName(toks, i+2); e < len(toks) && (toks[e].l == ")" || toks[e].l == ",") && strings.Contains(full, " ") && !r.in(r.v.Boss.Title, toks, i+2, e) {
					words = strings.Fields(full)
				}
			}
		}
		// elsewhere, the full name with the nickname in brackets:
		// "Jennifer Alcott (Jen) signed the letter", "Russell Dunmore
		// (thats Rusty) says I'm done" (fresh-61's bi11)
		for i := 0; i+4 < len(toks) && len(words) == 1 && title == ""; i++ {
			n := i + 3
			if m := r.v.Boss.NickIs.at(toks, n); m.ok() && m.End+1 < len(toks) {
				n = m.End
			}
			if r.isNameWord(&toks[i]) && r.isNameWord(&toks[i+1]) && toks[i+2].l == "(" && strings.EqualFold(toks[n].s, w) && toks[n+1].l == ")" && toks[i+1].sent == toks[i].sent &&
				!nv.Honorific.has(&toks[i]) && !r.v.Boss.Title.has(&toks[i]) && !r.v.Boss.Title.has(&toks[i+1]) {
				words = []string{toks[i].s, toks[i+1].s}
			}
		}
		// elsewhere, the other half in brackets: "Priya (Dr. Naidoo)"
		for i := 0; i+4 < len(toks) && len(words) == 1 && title != ""; i++ {
			if r.isNameWord(&toks[i]) && toks[i+1].l == "(" && nv.Honorific.has(&toks[i+2]) && strings.EqualFold(toks[i+3].s, w) && toks[i+4].l == ")" && !nv.Honorific.has(&toks[i]) {
				words = []string{toks[i].s, toks[i+3].s}
			}
		}
		// After "Mr." the word is a surname; after "Chef" or alone, most
		// often a first name: that reading first, then the other ("miss
		// Aoife" is Aoife Brennan; "Rutherford" is Iain Rutherford).
		for pass := 0; pass < 2 && len(words) == 1; pass++ {
			for i := 0; i+1 < len(toks); i++ {
				a, b := &toks[i], &toks[i+1]
				if a.sent != b.sent || !r.isNameWord(a) || !r.isNameWord(b) || nv.Honorific.has(a) {
					continue
				}
				if i+2 < len(toks) && toks[i+2].sent == a.sent && r.isNameWord(&toks[i+2]) {
					continue // three capitalised words: a company or a place more likely
				}
				if i > 0 && r.v.Common.At.has(&toks[i-1]) || v.PlaceFirst.has(a) {
					continue // "chocolatier at Maison Aubertin", "à la Boulangerie Lachance": a workplace, not Monsieur Aubertin's first name
				}
				if i+2 < len(toks) && (r.v.Boss.CompanySufx.has(&toks[i+2]) || toks[i+2].l == "&") || r.v.Boss.CompanySufx.has(b) || i > 0 && toks[i-1].l == "&" {
					continue // "Whitfield Barrow LLP", "Hadley Tool & Die", "Adeyemi & Okafor Partners": a firm
				}
				surname := strings.EqualFold(strings.TrimSuffix(b.s, "'s"), w)
				first := strings.EqualFold(a.s, w)
				natural := surname && title != "" || first && !courtesy
				// the other reading only where it is safe: a title used before
				// first names ("miss Aoife"), or a surname after a word that is
				// neither a title nor the first of its sentence ("Left Gary")
				inner := i > 0 && toks[i-1].sent == a.sent && !r.v.Boss.Title.has(a)
				other := first && title != "" && nv.FirstNameTitle.word(lower(title)) || surname && title == "" && inner
				if pass == 0 && natural || pass == 1 && other {
					if first {
						title = "" // "Chef Marco" is Marco Ferrante
					}
					words = []string{a.s, strings.TrimSuffix(b.s, "'s")}
					break
				}
			}
		}
	}
	if title != "" {
		if v, _ := nv.Honorific.value(lower(title)); v == "courtesy" && len(words) > 1 {
			title = "" // "Mr. Emeka Okonkwo" is Emeka Okonkwo
		}
	}
	if title != "" {
		return title + " " + strings.Join(words, " ")
	}
	return strings.Join(words, " ")
}

// firmName reports whether a one-word name, or it without a plural or
// possessive "s", opens a company's name elsewhere in the text: a
// capitalised run that ends in a company suffix within four words
// ("Kellerman Civil Pty Ltd" makes "Kellermans" the firm, not a person).
func (r *reader) firmName(name string) bool {
	toks := r.t.toks
	base := strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "s")
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].s != name && toks[i].s != base || !toks[i+1].cap {
			continue
		}
		for k := i + 1; k < len(toks) && k <= i+4 && toks[k].sent == toks[i].sent && toks[k].cap; k++ {
			if r.v.Boss.CompanySufx.has(&toks[k]) {
				return true
			}
		}
	}
	return false
}

// companyAfter reports whether a capitalised run continuing at toks[i] reads
// as an organisation ("Acme Logistics").
func (r *reader) companyAfter(toks []token, i int) bool {
	return i < len(toks) && r.v.Boss.CompanySufx.has(&toks[i])
}

// bossEmail finds an address the writer gives for their former manager: an
// address in a sentence that speaks of the manager or their address, not the
// writer's own.
func (r *reader) bossEmail(own string) finding {
	toks, v := r.t.toks, &r.v.Boss
	for i := range toks {
		l := toks[i].l
		if !strings.Contains(l, "@") || strings.HasPrefix(l, "@") {
			continue
		}
		addr := strings.Trim(toks[i].s, "<>()[].,;:'\"")
		if !strings.Contains(addr, ".") || strings.EqualFold(addr, own) {
			continue
		}
		if _, domain, _ := strings.Cut(strings.ToLower(addr), "@"); v.OwnDomains.word(domain) {
			continue
		}
		s := r.t.sents[toks[i].sent]
		if r.in(v.EmailNear, toks, s[0], s[1]) || r.in(v.Title, toks, s[0], s[1]) {
			return finding{value: addr, from: i, to: i + 1, rule: rule("boss_email: an address near words for the boss", v.EmailNear, v.Title), strength: Strong}
		}
	}
	return finding{}
}

func isLetters(s string) bool {
	for _, c := range s {
		if !unicode.IsLetter(c) {
			return false
		}
	}
	return s != ""
}

// verbAfterBe reports whether the lower-case words toks[j:e], after "was"
// or "is", read as what someone did rather than who they are: "my foreman
// was screamin at me" (but "my manager is kevin." and "my manager was kevin
// and he ..." name him).
func (r *reader) verbAfterBe(j, e int) bool {
	toks := r.t.toks
	if j == 0 || !r.v.Common.Be.has(&toks[j-1]) || e >= len(toks) || toks[e].sent != toks[j].sent {
		return false
	}
	return !toks[e].punct && !r.v.Common.And.has(&toks[e]) && !r.v.Common.Who.has(&toks[e]) && !r.v.Common.Pronoun.has(&toks[e]) // "my boss is hector he is a good guy"
}

// capitalisedElsewhere reports whether the word at toks[i], which opens a
// sentence, is written with a capital inside another sentence too: a name
// ("Gary ... ask Gary"), not a word that opens sentences ("During").
func (r *reader) capitalisedElsewhere(i int) bool {
	toks := r.t.toks
	for k := range toks {
		if k != i && k > 0 && toks[k].l == toks[i].l && toks[k].cap && toks[k-1].sent == toks[k].sent && !toks[k-1].punct {
			return true
		}
	}
	return false
}

// titleWords reports whether the capitalised words toks[from:to] read as a
// job title rather than a name: a word for a job last, after a word some
// list knows ("Treatment Operator", "Chief Operator"; but "Tom Baker" is a
// name).
// jobWords reports whether any of toks[from:to] names a job, not a person
// ("the Harbour Master", "Executive Director").
func (r *reader) jobWords(toks []token, from, to int) bool {
	for k := from; k < to; k++ {
		if r.v.Boss.Title.has(&toks[k]) || r.roleNoun(&toks[k]) || r.v.Boss.TitleAdj.has(&toks[k]) {
			return true
		}
	}
	return false
}

func (r *reader) titleWords(toks []token, from, to int) bool {
	return to-from >= 2 && (r.roleNoun(&toks[to-1]) && toks[from].id != noID || r.v.Boss.TitleAdj.has(&toks[from]))
}

// writersTitle reports whether the title at toks[i] is the writer's own:
// "I was a Team Lead", "I'm the night manager", within a few words after
// "I" and a form of "be".
func (r *reader) writersTitle(i int) bool {
	toks := r.t.toks
	for k := i - 1; k >= 1 && k >= i-4 && toks[k].sent == toks[i].sent; k-- {
		if r.v.Common.Be.has(&toks[k]) && r.v.Common.I.has(&toks[k-1]) {
			// then an article and words of the title only ("I was a Team
			// Lead"), not "I was informed by my supervisor"
			if k+1 >= i || !r.v.Common.Det.has(&toks[k+1]) {
				return false
			}
			for m := k + 2; m < i; m++ {
				if !toks[m].cap && r.v.Stopwords.has(&toks[m]) {
					return false
				}
			}
			return true
		}
		if toks[k].punct {
			return false
		}
	}
	return false
}

// decider is the person the writer says made the decision to let them go,
// when that is said ("the store manager Craig Bellamy made the call", "the
// decision came from above her, from the director of nursing, Dr. Lois
// Fenwick"): a named person, before or after the words for deciding.
func (r *reader) decider() string {
	toks, v := r.t.toks, &r.v.Boss
	named := func(people []string, last bool) string {
		var out string
		for _, p := range people {
			// (not "the decision came from Osaka": a head office's city)
			if strings.HasPrefix(p, "the ") || r.v.Company.Places.word(strings.ToLower(p)) || r.v.Company.Department.word(strings.ToLower(lastWord(p))) {
				continue
			}
			if out = p; !last {
				break
			}
		}
		return out
	}
	for _, s := range r.t.sents {
		if m := r.find(v.DecidedBy, toks, s[0], s[1]); m.ok() {
			if p := named(r.peopleIn(max(s[0], m.Start-6), m.Start), true); p != "" {
				return p
			}
		}
		if m := r.find(v.DecisionBy, toks, s[0], s[1]); m.ok() {
			if p := named(r.peopleIn(m.End, min(s[1], m.End+12)), false); p != "" {
				return p
			}
		}
	}
	return ""
}

// placeElsewhere reports whether the name that starts at toks[at] is told
// elsewhere in the text as a place: after "the", "at" or "from" ("I worked
// at the Panda Wok in Westgate Plaza", fresh-25's
// o29: "working for Panda Wok" is a firm, not a person).
func (r *reader) placeElsewhere(toks []token, at int) bool {
	for k := 1; k < len(toks); k++ {
		if k == at || toks[k].l != toks[at].l || !toks[k].cap {
			continue
		}
		if r.v.Common.The.has(&toks[k-1]) || r.v.Company.LowerPrep.has(&toks[k-1]) {
			return true
		}
	}
	return false
}
