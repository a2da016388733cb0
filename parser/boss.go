package parser

import "strings"

// bossWords are the lists that find the former manager (boss.txt).
type bossWords struct {
	Title       *List `list:"boss_title"`      // manager, supervisor, owner, head chef ...
	Determiner  *List `list:"boss_determiner"` // my, our, the, former ... before a title
	Glue        *List `list:"boss_glue"`       // words between a title and the name: "was", ",", "named"
	TitleOf     *List `list:"boss_title_of"`   // "my manager at Iron Horse was ...": at, of
	InCharge    *List `list:"boss_in_charge"`  // "the pharmacist in charge, Gordon Mackie"
	ReportsTo   *List `list:"reports_to"`      // "reporting to", "under", "worked for" + honorific
	Group       *List `list:"group"`           // "in Mette Lund's team"
	Managing    *List `list:"managing_verb"`   // "Dana, who ran the team"
	Firing      *List `list:"firing_verb"`     // "Stan Kowalczyk fired me"
	EmailNear   *List `list:"boss_email_near"` // words near an address that make it the boss's
	OwnDomains  *List `list:"own_domain"`      // the assistant's own domains: never the boss
	NewBoss     *List `list:"new_boss"`        // "my new manager", "my current boss": the boss of a new job
	CompanySufx *List `list:"company_suffix"`
}

// bossName finds the former manager: "my manager, Jane Smith", "the owner
// Vince Castellano", "my boss was Mr. Patel", "reporting to Rachel Kim",
// "Jane Smith, my manager".
func (r *reader) bossName(sender string) finding {
	toks, v, nv := r.t.toks, &r.v.Boss, &r.v.Names
	ok := func(n string) bool {
		return n != "" && !strings.EqualFold(n, sender) && !strings.EqualFold(strings.Fields(n)[0], firstWord(sender))
	}
	found := func(name string, from, to int, what string, lists ...*List) finding {
		return finding{value: name, from: from, to: to, rule: rule("boss: "+what, lists...), strength: Strong}
	}
	for i := range toks {
		tk := &toks[i]
		if v.Title.has(tk) {
			// a determiner within the four words before the title, or the
			// title opening a sentence that names the boss ("GM is Dante Russo")
			det := (i == 0 || toks[i-1].sent != tk.sent) && i+1 < len(toks) && r.v.Common.Be.has(&toks[i+1])
			for k := i - 1; k >= 0 && k >= i-4 && toks[k].sent == tk.sent && !toks[k].punct; k-- {
				if v.Determiner.has(&toks[k]) {
					det = true
					break
				}
			}
			if !det {
				continue
			}
			if v.NewBoss.in(toks, max(i-3, r.t.sents[tk.sent][0]), i) && r.newJob() != NewJobUnknown {
				continue // "my new manager, Tom", from someone with a new job: not the boss they want back
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
			// "my boss was the creative director, Hugo Almeida", "the
			// director's name is Bernadette Sloane"
			for n := 0; n < 7 && j < len(toks) && toks[j].sent == tk.sent; n++ {
				if v.Glue.has(&toks[j]) || v.Title.has(&toks[j]) {
					j++
					continue
				}
				if !toks[j].cap && !toks[j].punct && (j+1 < len(toks) && v.Title.has(&toks[j+1]) || j+2 < len(toks) && v.Title.has(&toks[j+2])) {
					j++ // a modifier before a title: "creative director"
					continue
				}
				break
			}
			if name, end := r.readName(toks, j); ok(name) {
				return found(name, i, end, "a title, then the name", v.Title, v.Determiner)
			}
			// A writer who writes "i" in lower case writes names so too:
			// "my manager derek salas said", "new manager gareth put me".
			if name := r.lowerName(j); ok(name) {
				return found(name, i, j+len(strings.Fields(name)), "a title, then a lower-case name", v.Title, nv.NotLower)
			}
			continue
		}
		// "reporting to Rachel Kim", "worked under Mr. Grady"
		if m := v.ReportsTo.at(toks, i); m.ok() && m.End < len(toks) {
			if m.Pattern.val == "honorific" && !nv.Honorific.has(&toks[m.End]) {
				continue
			}
			if name, end := r.readName(toks, m.End); ok(name) && !r.companyAfter(toks, end) {
				return found(name, i, end, "reporting to a name", v.ReportsTo)
			}
		}
	}
	// "Jane Smith, my manager", "Dana (my boss)", "Dana Whitfield, who ran the team"
	for i := range toks {
		if !r.isNameWord(&toks[i]) || (i > 0 && toks[i-1].sent == toks[i].sent && (r.isNameWord(&toks[i-1]) || nv.Honorific.has(&toks[i-1]))) {
			continue
		}
		start := i
		if i > 0 && nv.Honorific.has(&toks[i-1]) && toks[i-1].cap {
			start = i - 1
		}
		name, end := r.readName(toks, start)
		if end+2 >= len(toks) || !ok(name) || toks[end].sent != toks[start].sent {
			continue
		}
		if toks[end].l == "(" {
			// "Paulina Voss (chef/owner)", "Stan Wozniak (plant manager)"
			for k := end + 1; k < len(toks) && k <= end+3 && toks[k].l != ")"; k++ {
				if v.Title.has(&toks[k]) {
					return found(name, start, k+1, "a name, then a title in brackets", v.Title)
				}
			}
		}
		if last := toks[end-1].s; (strings.HasSuffix(last, "'s") || strings.HasSuffix(last, "’s")) && v.Group.has(&toks[end]) {
			return found(name, start, end+1, "a name's team", v.Group) // "in Mette Lund's team"
		}
		// "Trevor Baxter was my supervisor on site", "dr. Hsu was the best
		// boss I ever had"
		if r.v.Common.Be.has(&toks[end]) && end+2 < len(toks) && v.Determiner.has(&toks[end+1]) {
			for k := end + 2; k < len(toks) && k <= end+4 && toks[k].sent == toks[end].sent; k++ {
				if v.Title.has(&toks[k]) {
					return found(name, start, k+1, "a name, then \"was my\" and a title", v.Title)
				}
			}
		}
		if (toks[end].l == "," || toks[end].l == "(") && v.Determiner.has(&toks[end+1]) {
			for k := end + 2; k < len(toks) && k <= end+4; k++ {
				if v.Title.has(&toks[k]) {
					return found(name, start, k+1, "a name, then a title", v.Title)
				}
			}
		}
		if toks[end].l == "," && r.v.Common.Who.has(&toks[end+1]) && end+2 < len(toks) && v.Managing.has(&toks[end+2]) {
			return found(name, start, end+3, "a name, who ran the team", v.Managing)
		}
		if v.Firing.has(&toks[end]) && end+1 < len(toks) && r.v.Common.Me.has(&toks[end+1]) &&
			!v.CompanySufx.has(&toks[end-1]) && !strings.HasSuffix(toks[end-1].l, "s") {
			return found(name, start, end+2, "a name, then fired me", v.Firing) // "Stan Kowalczyk fired me" (but "Fernhill Couriers sacked me")
		}
	}
	// People name their boss with a title: "Dr. Pham cut my days", "I worked
	// for Prof. Hamish Dunbar". The first such name that is not the writer.
	for i := range toks {
		if nv.Honorific.has(&toks[i]) && i+1 < len(toks) && r.isNameWord(&toks[i+1]) {
			if name, end := r.readName(toks, i); ok(name) && !r.companyAfter(toks, end) {
				return found(name, i, end, "an honorific and a name", nv.Honorific)
			}
		}
	}
	// "i finally asked mr. petrakis about it": a lower-case writer's
	// honorific with a stop after it, then a lower-case surname.
	if r.lowercaseWriter() {
		for i := range toks {
			if nv.Honorific.has(&toks[i]) && strings.HasSuffix(toks[i].s, ".") && i+1 < len(toks) && toks[i+1].sent == toks[i].sent {
				if name := r.lowerName(i + 1); name != "" && !strings.Contains(name, " ") && ok(name) {
					return found(toks[i].s+" "+name, i, i+2, "a lower-case honorific and a name", nv.Honorific)
				}
			}
		}
	}
	return finding{}
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
		if v.EmailNear.in(toks, s[0], s[1]) || v.Title.in(toks, s[0], s[1]) {
			return finding{value: addr, from: i, to: i + 1, rule: rule("boss_email: an address near words for the boss", v.EmailNear, v.Title), strength: Strong}
		}
	}
	return finding{}
}
