package parser

import (
	"strings"
	"unicode"
)

// companyWords are the lists that find the former employer (company.txt).
type companyWords struct {
	Prep          *List `list:"company_prep"`           // at, from, for, joined, left, with ... before a name
	PrepOf        *List `list:"company_prep_of"`        // of: only after a title or "out"
	OfAfter       *List `list:"company_of_after"`       // the words "of" may follow: "out of Bloom & Thistle"
	PrepFrom      *List `list:"company_prep_from"`      // from: only in a sentence about work
	PrepBy        *List `list:"company_prep_by"`        // by: only after "employed", "hired" ...
	ByAfter       *List `list:"company_by_after"`       // employed, hired, dismissed, off
	PrepIn        *List `list:"company_prep_in"`        // in: only after "working", "worked" ...
	InAfter       *List `list:"company_in_after"`       // working, worked, employed
	WorkSentence  *List `list:"work_sentence"`          // words that make "from X" an employer
	WorkContext   *List `list:"work_context"`           // "job at", "worked at": the employer
	LowRank       *List `list:"company_prep_low"`       // with, for: the weakest
	RankQuit      *List `list:"company_prep_quit"`      // "quit Acme"
	Connector     *List `list:"company_connector"`      // and, of, de, the, for between capitalised words
	ConnectorOf   *List `list:"of"`                     // of
	Amp           *List `list:"company_amp"`            // &
	Place         *List `list:"place_noun"`             // "the Millbrook plant": a place, not the employer
	NotAfter      *List `list:"company_not_after"`      // course, licence: "a course for Siemens TIA Portal" names no employer
	Vessel        *List `list:"vessel"`                 // MV, SS: "the MV Aurelia Serena of Aurelia Seaways" is a ship, then its company
	NotCompany    *List `list:"not_company"`            // HR, LinkedIn, Christmas ...
	Region        *List `list:"region_word"`            // west, midwest: the last word of a sales region, not a firm
	ShiftWord     *List `list:"shift_word"`             // nights, shift: "team leader on nights in Harrowgate Logistics"
	Employer      *List `list:"employer_word"`          // employer, company, firm ...
	EmployerGlue  *List `list:"employer_glue"`          // "(", ",", "was", "called" between the word and the name
	Owned         *List `list:"employer_owner"`         // my, our, former, old before "employer"
	Closing       *List `list:"closing_verb"`           // "when Harmon Fabrication shut down"
	Cutting       *List `list:"cutting_now"`            // "is cutting", "plans to close": "Tidewell Games is cutting 20%"
	Funding       *List `list:"funding_word"`           // grant, funding: "the Arts Council cut our grant" names a funder
	Suffix        *List `list:"company_suffix"`         // Inc, LLC, Ltd, Group ...
	LowerStop     *List `list:"company_lower_stop"`     // where a lower-case name ends
	LowerPrep     *List `list:"company_lower_prep"`     // at, from
	Chain         *List `list:"chain"`                  // home depot, cvs: a chain named in lower case
	LeftLower     *List `list:"company_lower_left"`     // quit, left: "i quit starbucks over text", "I left orbitflow, where ..."
	LowerNotName  *List `list:"company_lower_not"`      // my, work, home, school
	TheCap        *List `list:"company_keeps_the"`      // "The" that starts a name: "The Copper Pot"
	RoleNounBy    *List `list:"role_noun"`              // "working as Sales Executive in Sahyadri Motors"
	NewJob        *List `list:"new_employer_context"`   // "I now work at", "my new job at": not the former employer
	SigFormer     *List `list:"signature_former"`       // formerly, ex: a signature that names the firm they left
	PartEnd       *List `list:"part_end"`               // Department, Division: a name ending so is a part, not the employer
	OutVerb       *List `list:"company_out_verb"`       // walked, stormed, ran: "walked out of Bloom & Thistle"
	OfAfterOut    *List `list:"company_of_after_out"`   // out: only after a verb of leaving ("a system out of Charlotte" is a place)
	Places        *List `list:"place"`                  // countries, regions, cities: never the employer
	Department    *List `list:"department"`             // Marketing, Underwriting, Customer Success: a part, not the employer
	Person        *List `list:"person_pronoun"`         // she, he, her, him: the name before them is a person
	OtherParty    *List `list:"company_other_party"`    // "merger with", "acquired by": the name after is another firm
	Unit          *List `list:"org_unit"`               // school, department, faculty: "School of Nursing" is a part
	Kind          *List `list:"business_kind"`          // startup, company, restaurant: "in startup Mossgrid"
	BusinessWord  *List `list:"business_word"`          // logistics, services, foods: the last word of a lower-case employer's name
	Street        *List `list:"street_word"`            // St., Road, Avenue: a name ending so is an address
	UnitAfter     *List `list:"unit_after"`             // department, team: "the Health Information Management department" is a part
	WithPerson    *List `list:"with_person_verb"`       // worked, talked: "worked with Carla" names a person
	PersonFrom    *List `list:"person_from"`            // "from the area office", "from HR": the name before is a person's
	Legal         *List `list:"company_legal"`          // plc, ltd, inc: part of a name even in lower case
	ClosedThe     *List `list:"closed_the"`             // "they closed the Dollar General": the employer follows
	OfInstitution *List `list:"company_of_institution"` // institute, university: "of" and a name go on ("Institute of Technology")
	BranchOn      *List `list:"branch_on"`              // on: "Walgreens on Halsted"
	BranchThe     *List `list:"branch_the"`             // quay, strand: "on the Quay" is a street
	BranchAt      *List `list:"branch_at"`              // in, at: "Dunham's in the Eastgate Mall"
	BranchSite    *List `list:"branch_site"`            // mall, plaza, crossing: a shopping centre's last word
	BranchRoute   *List `list:"branch_route"`           // route, highway: "on Route 9"
	BranchStreet  *List `list:"branch_street"`          // walk, drive, pike: a street's last word, with street_word
	BranchEnd     *List `list:"branch_end"`             // for, and, until: where a one-word street ends
	BranchUnit    *List `list:"branch_unit"`            // branch, campus: "Zenora Bank Plc, Allen Avenue branch"
	BranchOne     *List `list:"branch_one"`             // main: a street named in one known word ("the quikmart on main")
	NameModifies  *List `list:"name_modifies"`          // customers, market: after a name, it says whose, not the employer
	OneSite       *List `list:"one_site"`               // distillery, vineyard: a firm of one site, whose "on Speyside" is no shop's street
}

// notCompany reports whether the capitalised words toks[from:to] are a
// place, a department, or a person ("I talked with Liliana Ocampo and
// showed her ...").
func (r *reader) notCompany(toks []token, from, to int) bool {
	v := &r.v.Company
	for from < to-1 && r.v.Common.The.has(&toks[from]) && !toks[from].cap {
		from++
	}
	all := true
	for k := from; k < to; k++ {
		if !v.Places.has(&toks[k]) && !r.v.Common.And.has(&toks[k]) && !r.v.Common.The.has(&toks[k]) {
			all = false
		}
	}
	if all {
		return true // "Netherlands and England", "Pune"
	}
	dept := true
	for k := from; k < to; k++ {
		if !v.Department.has(&toks[k]) && !r.v.Common.And.has(&toks[k]) && !v.Amp.has(&toks[k]) && !r.v.Common.Of.has(&toks[k]) && !v.Unit.has(&toks[k]) {
			dept = false
		}
	}
	if v.Place.has(&toks[to-1]) && to-from >= 2 {
		// "the Dallas HQ", "the Paramus Store": a place and a site; but
		// "Ballinteer Veterinary Clinic" is the name of the employer.
		places := true
		for k := from; k < to-1; k++ {
			if !v.Places.has(&toks[k]) {
				places = false
			}
		}
		the := from > 0 && r.v.Common.The.has(&toks[from-1]) && !toks[from-1].cap
		// (but "the Home Depot on Route 9" is a chain's shop)
		chain := r.branch(finding{value: toks[to-1].s, from: from, to: to}).to > to
		if places || the && to-from == 2 && !chain || isAcronym(toks[to-1].s) {
			return true
		}
	}
	if dept {
		return true // "Head of Customer Success", "Director of Underwriting"
	}
	if to-from >= 3 && r.v.Boss.Title.has(&toks[from]) && r.v.Common.Of.has(&toks[from+1]) && !v.Legal.has(&toks[to-1]) {
		return true // "a letter from the Director of Services, Mr. Declan Furlong": a title (fresh-70's br44)
	}
	if to-from >= 3 && v.Unit.has(&toks[from]) && r.v.Common.Of.has(&toks[from+1]) {
		return true // "Department of Biochemistry" at the University of Brackley
	}
	if v.Street.has(&toks[to-1]) && to-from >= 2 {
		return true // "at Grand St.", "on Harlan Ave": an address
	}
	if to < len(toks) && toks[to].sent == toks[from].sent && v.UnitAfter.has(&toks[to]) && !toks[to].cap {
		return true // "in the Health Information Management department at Mercy Ridge"
	}
	if to-from == 1 && v.Unit.has(&toks[from]) {
		return true // "in the Laboratoire de neurosciences at Université ...": a part
	}
	// "in the Molecular Imaging Lab at Westbrook University": a unit, then
	// the employer it is part of (fresh-46)
	if to-from >= 2 && v.Unit.has(&toks[to-1]) && to+1 < len(toks) && toks[to+1].sent == toks[from].sent &&
		(r.v.Common.At.has(&toks[to]) || r.v.Common.Of.has(&toks[to])) && toks[to+1].cap {
		return true
	}
	// (but "at the CVS on Westheimer": a shop of a chain, fresh-43)
	if to-from == 1 && isAcronym(toks[from].s) && len(toks[from].s) <= 3 && !v.Suffix.has(&toks[from]) && r.branch(finding{value: toks[from].s, from: from, to: to}).to <= to {
		return true // "FS", "IT": a department or a system more often than an employer
	}

	if to-from == 2 && !v.Suffix.has(&toks[to-1]) && r.in(v.Person, toks, to, min(to+5, len(toks))) && toks[min(to, len(toks)-1)].sent == toks[from].sent {
		return true // "with Liliana Ocampo and I showed her"
	}
	return false
}

// readCompany reads an organisation's name at toks[i]: capitalised words,
// joined by "&", "and", "of", "de" when another capitalised word follows.
func (r *reader) readCompany(toks []token, i int) (string, int) {
	v, nv := &r.v.Company, &r.v.Names
	if i < len(toks) && r.v.Common.The.has(&toks[i]) && (!toks[i].cap || i == 0 || toks[i-1].sent != toks[i].sent) {
		i++ // "at the Millbrook plant"; but "at The Copper Pot" keeps its The
	}
	start, j := i, i
	for j < len(toks) && toks[j].sent == toks[start].sent && j-start <= maxNameWords {
		tk := &toks[j]
		// "for Atlantic Shelf Seafoods Ltd. Three weeks ago ...": an
		// abbreviated legal suffix ends the name (its full stop may end
		// the sentence too)
		if j > start && v.Suffix.has(&toks[j-1]) && strings.HasSuffix(toks[j-1].s, ".") && tk.cap && !v.Suffix.has(tk) && (!r.isNameWord(tk) || r.v.Common.Number.has(tk)) {
			break // (but "Crumb & Co. Bakeries")
		}
		// "from Hillcrest Distribution Nov 20": a date ends the name
		if j > start && (r.v.When.Month.has(tk) || r.v.When.Weekday.has(tk)) && j+1 < len(toks) && toks[j+1].l != "" && isDigit(toks[j+1].l[0]) {
			break
		}
		if tk.cap && !tk.punct && (!nv.NotName.has(tk) || j == start && v.TheCap.has(tk) && tk.cap) || v.Amp.has(tk) && j > start || j > start && elided(tk.s) ||
			j > start && v.Legal.has(tk) && !tk.punct { // "Northbridge & Calder Bank plc"
			j++
			continue
		}
		// "Pemberton, Shaw & Associates": a comma inside a firm's name
		if tk.l == "," && j > start && j+3 < len(toks) && toks[j+1].cap && !nv.NotName.has(&toks[j+1]) && v.Amp.has(&toks[j+2]) && toks[j+3].cap && toks[j+3].sent == tk.sent {
			j++
			continue
		}
		if v.Connector.has(tk) && j > start &&
			j+1 < len(toks) && toks[j+1].cap && !nv.NotName.has(&toks[j+1]) && toks[j+1].sent == tk.sent {
			// "Pennine Dairies of Skipton": a place after a full name.
			// (but "Ballymore Institute of Technology", "University of
			// Leeds": an institution's name goes on)
			if v.ConnectorOf.has(tk) && j-start >= 2 && !v.OfInstitution.has(&toks[j-1]) && (j+2 >= len(toks) || !toks[j+2].cap || toks[j+2].sent != tk.sent) {
				break
			}
			j++
			continue
		}
		// "Bedford Basin Museum of the Atlantic"
		if v.ConnectorOf.has(tk) && j > start && j+2 < len(toks) && r.v.Common.The.has(&toks[j+1]) && !toks[j+1].cap && toks[j+2].cap && !nv.NotName.has(&toks[j+2]) && toks[j+2].sent == tk.sent {
			j += 2
			continue
		}
		// "Halvorsen Freight Lines, Inc."
		if tk.l == "," && j > start && j+1 < len(toks) && v.Suffix.has(&toks[j+1]) && toks[j+1].cap && toks[j+1].sent == tk.sent {
			j += 2
			break
		}
		// "Vertex Lifts (Pty) Ltd"
		if tk.l == "(" && j > start && j+2 < len(toks) && v.Suffix.has(&toks[j+1]) && toks[j+1].cap && toks[j+2].l == ")" && toks[j+2].sent == tk.sent {
			j += 3
			continue
		}
		break
	}
	for j > start && v.Amp.has(&toks[j-1]) {
		j--
	}
	// Seven words or more only with a suffix: "Shree Ganesh Dyeing &
	// Printing Mills Pvt Ltd".
	if j == start || j-start > maxNameWords || j-start > 6 && !v.Suffix.has(&toks[j-1]) {
		return "", start
	}
	// "Corvane Automotive's Linwood stamping plant": a place with a word
	// before its noun
	placeNext := j+1 < len(toks) && !toks[j].cap && !toks[j].punct && v.Place.has(&toks[j+1]) && toks[j+1].sent == toks[start].sent
	if j < len(toks) && (v.Place.has(&toks[j]) || placeNext) && toks[j].sent == toks[start].sent && !v.Suffix.has(&toks[j-1]) {
		if !placeNext && (j-start < 2 || r.allPlaces(toks, start, j)) {
			return "", start // "the Millbrook plant" (but "Northgate Logistics warehouse", "the Ridgeway Plastics plant" are employers)
		}
		for k := start; k < j-1; k++ {
			if w := toks[k].s; strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
				// "Redbank Iron's Karlawinda site": the employer's site
				base := strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
				return strings.TrimSpace(joinToks(toks, start, k) + " " + base), k + 1
			}
		}
	}
	if j-start == 1 && (v.NotCompany.has(&toks[start]) || nv.Honorific.has(&toks[start])) {
		return "", start
	}
	if nv.Honorific.has(&toks[start]) {
		return "", start
	}
	// "for Northern Lantern Opera's autumn tour": the employer's, then
	// what of theirs (fresh-39)
	if w := toks[j-1].s; j-start >= 3 && j < len(toks) && !toks[j].cap && !toks[j].punct && toks[j].sent == toks[start].sent && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")) {
		return strings.TrimSpace(joinToks(toks, start, j-1) + " " + strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")), j
	}
	return joinToks(toks, start, j), j
}

// maxNameWords is the most words an organisation's name is read to, suffix
// and "&" included.
const maxNameWords = 9

// elided reports whether a word is an elided particle before a capital:
// "d'Oro", "l'Arte", "O'Neill".
func elided(s string) bool {
	return len(s) > 3 && s[1] == '\'' && s[0] >= 'a' && s[0] <= 'z' && s[2] >= 'A' && s[2] <= 'Z'
}

// companyName finds the former employer. It prefers a name in the sentence
// that says what happened ("fired from X", "quit my job at X"), then one
// after "job at", "worked at", and the like, then any "at X" or "from X".
func (r *reader) companyName(boss, sender string) finding {
	toks, v, t := r.t.toks, &r.v.Company, r.t
	bad := func(n string) bool {
		if n == "" {
			return true
		}
		first := firstWord(n)
		if r.sigWords != "" && strings.Contains(r.sigWords, " "+plainWords(n)+" ") {
			return true // the firm in their signature: the new one
		}
		// one word that is the boss's first name after a title ("from
		// Miriam" of Dr. Miriam Oyelaran, fresh-36); a surname may be the
		// firm's ("Kessler" of Orgelbau Kessler GmbH)
		if bw := strings.Fields(boss); n == first && len(bw) > 2 && r.v.Names.Honorific.word(strings.ToLower(strings.TrimRight(bw[0], "."))) && strings.EqualFold(n, bw[1]) {
			return true
		}
		// "the regional sales manager for the Mountain West at
		// Pemberton-Klee": a sales region, not the firm (fresh-63's bk07)
		// (two words at most: "Coastline Tyre & Auto Geelong West" is a
		// firm and its suburb, fresh-13's r39)
		if v.Region.word(strings.ToLower(lastWord(n))) && len(strings.Fields(n)) <= 2 {
			return true
		}
		return strings.EqualFold(n, boss) || strings.EqualFold(n, sender) ||
			(boss != "" && strings.EqualFold(first, firstWord(boss))) ||
			(sender != "" && strings.EqualFold(first, firstWord(sender)))
	}
	best, bestScore := finding{}, 0
	var all []string
	for i := range toks {
		tk := &toks[i]
		if !v.Prep.has(tk) || i+1 >= len(toks) || toks[i+1].sent != tk.sent {
			continue
		}
		// "of" names an employer only after a title or "walked out": "the
		// owner of Solano Landscaping", "I walked out of Bloom & Thistle".
		if v.PrepOf.has(tk) {
			prev := i > 0 && (r.v.Boss.Title.has(&toks[i-1]) || v.OfAfter.has(&toks[i-1]) && !v.OfAfterOut.has(&toks[i-1]))
			out := i > 1 && v.OfAfterOut.has(&toks[i-1]) && v.OutVerb.has(&toks[i-2])
			if !prev && !out {
				continue
			}
			// "Director of Interpretation Services", "Head of Nursing": a
			// part of the firm after a capitalised title (fresh-36), not
			// "the owner of Solano Landscaping"
			if i > 0 && toks[i-1].cap && r.v.Boss.Title.has(&toks[i-1]) && !r.v.Boss.AboveTitle.has(&toks[i-1]) {
				continue
			}
		}
		// "I am Rohit from Pune", "I'm writing from Winnipeg": a place, unless
		// the sentence speaks of work.
		if v.PrepFrom.has(tk) && !r.in(v.WorkSentence, toks, t.sents[tk.sent][0], t.sents[tk.sent][1]) && tk.sent != r.evSentence() {
			continue
		}
		// "employed as a driver by Pennine Dairies"; "working as Sales
		// Executive in Sahyadri Motors", "commis chef in the Regent Arms
		// Hotel" (not "in September", "in Chennai").
		// "working as patient care technician (PCT) in Valley Mercy": skip
		// a bracket before "in" or "by"
		prev := i - 1
		if prev > 0 && toks[prev].l == ")" {
			for prev > 0 && toks[prev].l != "(" && i-prev < 14 {
				prev--
			}
			prev--
		}
		// "I was team leader on nights in Harrowgate Logistics": skip the
		// shift told after the title (fresh-64's bl15)
		if prev > 1 && v.ShiftWord.has(&toks[prev]) {
			k := prev - 1
			for k > 0 && toks[k].l != "on" && prev-k < 4 {
				k--
			}
			if toks[k].l == "on" {
				prev = k - 1
			}
		}
		if v.PrepBy.has(tk) && !(prev >= 0 && (v.ByAfter.has(&toks[prev]) || v.RoleNounBy.has(&toks[prev]))) {
			continue
		}
		if v.PrepIn.has(tk) && !(prev >= 0 && (v.InAfter.has(&toks[prev]) || v.RoleNounBy.has(&toks[prev]))) {
			continue
		}
		// "a course for Siemens TIA Portal at the IHK": what the course is
		// on, not an employer
		if i > 0 && v.NotAfter.has(&toks[i-1]) {
			continue
		}
		name, nameEnd := r.readCompany(toks, i+1)
		// "signed up for the Excel and SAP course": what the course is on
		// (fresh-56)
		if nameEnd < len(toks) && nameEnd > i+1 && v.NotAfter.has(&toks[nameEnd]) {
			continue
		}
		// "in the MV Aurelia Serena of Aurelia Seaways": the ship, then
		// the company that runs it
		if k := i + 1; k < nameEnd && (v.Vessel.has(&toks[k]) || r.v.Common.The.has(&toks[k]) && k+1 < nameEnd && v.Vessel.has(&toks[k+1])) {
			for o := k + 1; o+1 < nameEnd; o++ {
				if r.v.Common.Of.has(&toks[o]) {
					name, nameEnd = r.readCompany(toks, o+1)
					break
				}
			}
		}
		// "in the Department of Chemistry of Eastfield University": the
		// employer is after the part's name
		if i > 0 && v.Unit.has(&toks[i-1]) && r.v.Common.Of.has(tk) {
			for k := i + 2; k < nameEnd-1; k++ {
				if r.v.Common.Of.has(&toks[k]) {
					name, nameEnd = r.readCompany(toks, k+1)
					break
				}
			}
			// "the Department of Housing and Community Development, County
			// of Marlow": the employer after the comma
			if nameEnd+1 < len(toks) && toks[nameEnd].l == "," && toks[nameEnd+1].cap && toks[nameEnd+1].sent == tk.sent {
				if n2, e2 := r.readCompany(toks, nameEnd+1); e2 > nameEnd+2 && !r.notCompany(toks, nameEnd+1, e2) {
					name, nameEnd = n2, e2
				}
			}
		}
		if bad(name) || v.PrepIn.has(tk) && nameEnd-(i+1) < 2 && !v.Suffix.has(&toks[nameEnd-1]) {
			continue
		}
		if nameEnd < len(toks) && toks[nameEnd].sent == tk.sent && isDigit(toks[nameEnd].l[0]) && !(nameEnd+1 < len(toks) && r.v.When.Unit.has(&toks[nameEnd+1])) {
			continue // "from Windows 7 to Windows 11": a product and its version (not "Brickyard Outfitters 9 years")
		}
		if s := r.newJobAt(tk.sent); s >= 0 && i >= s {
			continue // "I now work at Harbor Freight": the new employer
		}
		if r.notCompany(toks, i+1, nameEnd) {
			continue
		}
		if r.v.Boss.Title.has(&toks[nameEnd-1]) && !v.Suffix.has(&toks[nameEnd-1]) {
			continue // "dismissed by the Branch Manager": a title
		}
		if nameEnd-(i+1) == 3 && v.PartEnd.has(&toks[nameEnd-1]) && r.v.Common.The.has(&toks[i+1]) {
			continue // "for the Chemistry Department": a part of the employer (not "from the Marathon County Highway Department")
		}
		if nameEnd-(i+1) <= 2 && r.nationalityOnly(toks, i+1, nameEnd) {
			continue // "the mistake with the Italian order"
		}
		if nameEnd+2 < len(toks) && r.v.Common.The.has(&toks[nameEnd]) && toks[nameEnd+1].sent == tk.sent && (r.v.Boss.Title.has(&toks[nameEnd+1]) || r.v.Boss.Title.has(&toks[nameEnd+2])) {
			continue // "with Lorraine the practice manager sitting in": a person
		}
		if nameEnd < len(toks) && !toks[nameEnd].cap && v.Unit.has(&toks[nameEnd]) && toks[nameEnd].sent == tk.sent {
			continue // "for the First-Generation Scholars program at Halvorsen College": a part
		}
		if nameEnd < len(toks) && !toks[nameEnd].cap && v.NameModifies.has(&toks[nameEnd]) && toks[nameEnd].sent == tk.sent {
			continue // "the orders from the Gulf customers went down": whose customers (fresh-73's bu21)
		}
		if m := r.find(v.OtherParty, toks, max(i-3, t.sents[tk.sent][0]), i+1); m.ok() && m.End >= i {
			continue // "the firm's merger with Pemberton Ash LLP": the other party
		}
		if v.LowRank.has(tk) && i > 0 && v.WithPerson.has(&toks[i-1]) && nameEnd-(i+1) <= 2 && !v.Suffix.has(&toks[nameEnd-1]) {
			continue // "if I could work with Carla again": a person
		}
		if v.LowRank.has(tk) && i+2 < len(toks) && r.v.Common.The.has(&toks[i+1]) && !toks[i+1].cap && nameEnd == i+3 && !v.Suffix.has(&toks[nameEnd-1]) && !v.BusinessWord.has(&toks[nameEnd-1]) {
			continue // "all day in the room with the PlayStation": a thing (fresh-75's bw36)
		}
		if v.LowRank.has(tk) && nameEnd-(i+1) == 1 && r.personElsewhere(toks[i+1].l) {
			continue // "a meeting with Megan", and elsewhere "Megan said"
		}
		if nameEnd-(i+1) <= 2 && nameEnd < len(toks) && r.v.Names.HonorificAfter.has(&toks[nameEnd]) && !toks[nameEnd].cap {
			continue // "At time of leaving Raghunathan sir told me": a person (fresh-70's br35)
		}
		if m := v.PersonFrom.at(toks, min(nameEnd, len(toks)-1)); nameEnd-(i+1) <= 2 && nameEnd < len(toks) && m.ok() {
			continue // "with Lindiwe from the area office": a person
		}
		if v.LowRank.has(tk) && r.v.Role.Noun.has(&toks[nameEnd-1]) && !v.Suffix.has(&toks[nameEnd-1]) {
			continue // "applied for Nursery Practitioner": a title
		}
		all = append(all, name)
		score, why := 20, "company: a name after a preposition"
		if v.LowRank.has(tk) {
			score = 15 // "for", "with": a client or a partner as often as the employer
		}
		if r.ev.at >= 0 && tk.sent == toks[r.ev.at].sent {
			score, why = 40, "company: a name after a preposition, in the sentence that says what happened"
			if i >= r.ev.end && i <= r.ev.end+2 {
				score = 42 // "I got fired yesterday from Coldline Carriers" (not "sitting at the Flying J" before it)
			}
		} else if i > 0 && (v.WorkContext.has(&toks[i-1]) || v.PrepOf.has(tk) || v.RoleNounBy.has(&toks[i-1])) || v.RankQuit.has(tk) {
			score, why = 30, "company: a name after \"job at\", \"worked at\" and the like"
		}
		if v.Suffix.has(&toks[nameEnd-1]) {
			score += 10 // "Sterling Shield Insurance Pvt Ltd"
		}
		if nameEnd-(i+1) == 1 && !v.Suffix.has(&toks[i+1]) && (v.PrepIn.has(tk) || v.PrepFrom.has(tk) || v.PrepOf.has(tk)) {
			score -= 15 // "from Abilene", "in Pune": a place as often as an employer
		}
		if nameEnd-(i+1) == 1 && i+2 < len(toks) && r.v.Common.The.has(&toks[i+1]) {
			score -= 15 // "at the Karrawong": a site
		}
		if score > bestScore {
			st := Strong
			if score < 15 {
				st = Weak
			}
			best, bestScore = finding{value: name, from: i, to: nameEnd, strength: st, rule: rule(why, v.Prep, v.WorkContext, v.Suffix)}, score
		}
	}
	// "my employer (Acme Ltd)", "the company, Acme,", "my employer was Acme"
	for i := range toks {
		if !v.Employer.has(&toks[i]) {
			continue
		}
		// "my employer (Acme)", "the company is Northlake Builders", "Company is Southern Cross Energy"
		first := i == 0 || toks[i-1].sent != toks[i].sent
		owned := i > 0 && v.Owned.has(&toks[i-1])
		named := i+1 < len(toks) && r.v.Common.Be.has(&toks[i+1]) && (first || i > 0 && r.v.Common.The.has(&toks[i-1]))
		// "I was a Team Leader in a BPO company, Apex Horizon Solutions in
		// Ortigas" (fresh-58's bf39): the kind of place the writer was in,
		// then its name after a comma
		apposed := i+2 < len(toks) && toks[i+1].l == "," && toks[i+2].cap && toks[i+2].sent == toks[i].sent && r.inKindOf(toks, i)
		if !owned && !named && !apposed {
			continue
		}
		j := i + 1
		for j < len(toks) && j <= i+2 && v.EmployerGlue.has(&toks[j]) {
			j++
		}
		if j > i+1 {
			if name, end := r.readCompany(toks, j); !bad(name) {
				return finding{value: name, from: i, to: end, rule: rule("company: named after the word for employer", v.Employer), strength: Strong}
			}
		}
	}
	// "I was QA engineer in startup Mossgrid": a kind of business, then its name
	if bestScore < 30 {
		for i := 0; i+1 < len(toks); i++ {
			if !v.Kind.has(&toks[i]) || toks[i].cap || !toks[i+1].cap || toks[i+1].sent != toks[i].sent || i == 0 || !v.Prep.has(&toks[i-1]) {
				continue
			}
			if s := r.newJobAt(toks[i].sent); s >= 0 && i >= s {
				continue
			}
			if name, end := r.readCompany(toks, i+1); !bad(name) && !r.notCompany(toks, i+1, end) {
				best, bestScore = finding{value: name, from: i - 1, to: end, rule: rule("company: a kind of business, then its name", v.Kind), strength: Strong}, 30
				break
			}
		}
	}
	// "Iron Horse" and "Iron Horse Freight" are one employer: the full name
	// ("Murphy's" and "Murphy's Tap & Grill" too).
	for _, n := range all {
		if best.ok() && len(n) > len(best.value) && strings.HasPrefix(n, best.value+" ") {
			best.value = n
		}
		// "with the Conservancy" for "Fernwood Conservancy"
		if best.ok() && !strings.Contains(best.value, " ") && strings.HasSuffix(n, " "+best.value) {
			best.value = n
		}
	}
	if !best.ok() && r.lowercaseWriter() {
		// "so i got let go from ironclad fitness on the 3rd"
		if f := r.lowerCompany(); f.ok() && !bad(f.value) {
			return f
		}
	}
	// "from the home depot on route 9", "at cvs on main st": a chain
	// named in lower case, and its branch (fresh-52)
	if !best.ok() {
		if f := r.chainCompany(); f.ok() && !bad(f.value) {
			return f
		}
		if f := r.leftLowerCompany(); f.ok() && !bad(f.value) {
			return f
		}
	}
	// "It was Fenwick Foods Ltd in Corby": a name with a legal form, in a
	// sentence about work, when nothing better was found
	if !best.ok() {
		for i := 0; i < len(toks); i++ {
			if !toks[i].cap || i > 0 && toks[i-1].cap && toks[i-1].sent == toks[i].sent {
				continue
			}
			name, end := r.readCompany(toks, i)
			if end <= i+1 || !v.Legal.has(&toks[end-1]) || bad(name) || r.notCompany(toks, i, end) {
				continue
			}
			s := t.sents[toks[i].sent]
			if s2 := r.newJobAt(toks[i].sent); s2 >= 0 && i >= s2 || !r.in(v.WorkSentence, toks, s[0], s[1]) && !r.in(r.v.Situation.FirstPerson, toks, s[0], s[1]) {
				continue
			}
			best, bestScore = finding{value: name, from: i, to: end, rule: rule("company: a name with a legal form, in a sentence about work", v.Legal), strength: Strong}, 25
			break
		}
	}
	if bestScore >= 30 || best.ok() && v.Suffix.has(&toks[best.to-1]) {
		return best // "Sterling Shield Insurance Pvt Ltd": a firm's name is sure enough
	}
	// "they closed the Dollar General on Route 17", "shut down the
	// Brightwater plant": the employer after the verb
	if es := r.evSentence(); es >= 0 {
		s := t.sents[es]
		for i := s[0]; i+1 < s[1]; i++ {
			if m := v.ClosedThe.at(toks, i); m.ok() && m.End < s[1] && toks[m.End].cap {
				// ("when Vaal Ridge Castings closed the Vanderbijlpark
				// foundry": a site; the name before the verb is read below)
				if name, end := r.readCompany(toks, m.End); !bad(name) && !r.notCompany(toks, m.End, end) && !r.v.Names.Honorific.has(&toks[m.End]) && !(end < s[1] && v.Place.has(&toks[end])) {
					return finding{value: name, from: i, to: end, rule: rule("company: a name that was closed", v.ClosedThe), strength: Strong}
				}
			}
		}
	}
	// "Rumor is Tidewell Games is cutting 20% after the holidays. I'm a QA
	// tester there" (fresh-58's bf56): with no event, a name that is about
	// to cut, in a sentence of a rumour or of a job not left yet
	if es := r.evSentence(); es < 0 {
		for _, s := range t.sents {
			if !r.find(r.v.Situation.NotYet, toks, s[0], s[1]).ok() && !r.find(r.v.Situation.Rumour, toks, s[0], s[1]).ok() {
				continue
			}
			for i := s[0]; i < s[1]; i++ {
				if !toks[i].cap || i > s[0] && toks[i-1].cap || r.v.Names.NotName.has(&toks[i]) {
					continue
				}
				name, end := r.readCompany(toks, i)
				if end >= s[1] {
					continue
				}
				if m := v.Cutting.at(toks, end); m.ok() && m.End <= s[1] && !bad(name) && !r.v.Boss.Title.has(&toks[i]) && !r.v.Names.Honorific.has(&toks[i]) {
					return finding{value: name, from: i, to: m.End, rule: matched("company: a name about to cut jobs", m), strength: Strong}
				}
			}
		}
	}
	// "when Harmon Fabrication shut down the second shift", "Six weeks ago
	// Sunridge Energy closed our whole contact centre"
	if es := r.evSentence(); es >= 0 {
		for si := es; si >= 0 && si >= es-1; si-- {
			s := t.sents[si]
			for i := s[0]; i < s[1]; i++ {
				if toks[i].cap && (i == s[0] || !toks[i-1].cap || r.v.Names.NotName.has(&toks[i-1])) && !r.v.Names.NotName.has(&toks[i]) {
					name, end := r.readCompany(toks, i)
					if end < s[1] && toks[end].l == "(" {
						for end < s[1] && toks[end].l != ")" {
							end++ // "Parcelly (the package-locker startup) did a reduction in force"
						}
						end++
					}
					// "Director Huang let me go": a person, not the employer
					person := r.v.Boss.Title.has(&toks[i]) || r.v.Names.Honorific.has(&toks[i])
					// ("The Arts Council cut our grant": a funder cut the money,
					// not the employer its jobs)
					funder := end+2 < s[1] && (r.v.Common.Poss.has(&toks[end+1]) || r.v.Common.The.has(&toks[end+1])) && v.Funding.has(&toks[end+2])
					if !bad(name) && !person && !funder && end < s[1] && v.Closing.has(&toks[end]) {
						return finding{value: name, from: i, to: end + 1, rule: rule("company: a name that closed or cut jobs", v.Closing), strength: Strong}
					}
				}
			}
		}
	}
	return best
}

// lowerCompany reads a lower-case employer after "at" or "from" in the
// event's sentence: one to four words up to a stop word.
func (r *reader) lowerCompany() finding {
	toks, v := r.t.toks, &r.v.Company
	si := r.evSentence()
	if si < 0 {
		// no event: a sentence about trouble at work ("so i just got put
		// on a pip today at fernhill analytics")
		for k, s := range r.t.sents {
			if r.find(r.v.Situation.Trouble, toks, s[0], s[1]).ok() || r.find(r.v.Situation.NotYet, toks, s[0], s[1]).ok() {
				si = k
				break
			}
		}
		if si < 0 {
			return finding{}
		}
	}
	if f := r.lowerCompanyIn(r.t.sents[si], false); f.ok() {
		return f
	}
	// After a title or a word of work, in any sentence of theirs: "i was a
	// backend engineer at quillstack", "shift lead at the quikmart on main",
	// "library assistant for llanfair county council".
	for si2, s2 := range r.t.sents {
		if !r.in(r.v.Situation.FirstPerson, toks, s2[0], s2[1]) {
			continue
		}
		if ns := r.newJobAt(si2); ns >= 0 && ns <= s2[0] {
			continue
		}
		for i := s2[0] + 1; i+1 < s2[1]; i++ {
			at := v.LowerPrep.has(&toks[i]) && (r.v.Role.Noun.has(&toks[i-1]) || v.WorkContext.has(&toks[i-1]))
			forRole := v.LowRank.has(&toks[i]) && r.v.Role.Noun.has(&toks[i-1]) && !r.v.Common.The.has(&toks[i+1]) // not "for the flood coverage"
			if !at && !forRole {
				continue
			}
			if ns := r.newJobAt(si2); ns >= 0 && i >= ns {
				break
			}
			j := i + 1
			if r.v.Common.The.has(&toks[j]) && j+1 < s2[1] {
				j++
			}
			end := j
			for end < s2[1] && end-j < 5 && !toks[end].punct && !toks[end].cap && !isDigit(toks[end].l[0]) && !r.v.Names.NotLower.has(&toks[end]) &&
				!v.LowerStop.has(&toks[end]) && !r.isTimeWord(&toks[end]) && !r.v.When.WeekdayAfter.has(&toks[end]) && !v.LowerNotName.has(&toks[end]) &&
				!v.Place.has(&toks[end]) && !v.Unit.has(&toks[end]) && !r.v.Role.Noun.has(&toks[end]) {
				end++
			}
			if end == j || end-j > 4 || end < s2[1] && !toks[end].punct && !v.LowerStop.has(&toks[end]) && !r.isTimeWord(&toks[end]) {
				continue // the name must end where a name ends
			}
			if end-j == 1 && (!r.unknownLower(j) || !at) {
				continue // one word: a name no list knows after "at" ("crew for somthing" is no employer)
			}
			if end-j == 1 && j > i+1 && r.branch(finding{value: toks[j].s, from: j, to: end}).to == end {
				continue // "at the buffet"; but "at the wendys on fulton" is a chain's shop
			}
			// "lola's kitchen & bar", "green acres lawn and landscape"
			if end+2 <= s2[1] && (v.Amp.has(&toks[end]) || r.v.Common.And.has(&toks[end])) && end-j <= 3 && !toks[end+1].punct && !toks[end+1].cap &&
				!v.LowerStop.has(&toks[end+1]) && !r.v.Names.NotLower.has(&toks[end+1]) && (end+2 == s2[1] || toks[end+2].punct || v.LowerStop.has(&toks[end+2])) {
				end += 2
			}
			return finding{value: joinToks(toks, j, end), from: i, to: end, rule: rule("company: lower-case words after a title and a preposition", v.LowerPrep, r.v.Role.Noun), strength: Strong}
		}
	}
	// Anywhere in a sentence about work: lower-case words that end with a
	// word of business ("i work at red line logistics", "northsea integrity
	// services ltd").
	for si2, s2 := range r.t.sents {
		if si2 == si || !r.in(v.WorkSentence, toks, s2[0], s2[1]) || !r.in(r.v.Situation.FirstPerson, toks, s2[0], s2[1]) {
			continue
		}
		for i := s2[0]; i+2 < s2[1]; i++ {
			if !v.LowerPrep.has(&toks[i]) && !v.LowRank.has(&toks[i]) {
				continue
			}
			j := i + 1
			if r.v.Common.The.has(&toks[j]) {
				j++
			}
			end := j
			for end < s2[1] && end-j < 4 && !toks[end].punct && !toks[end].cap && !isDigit(toks[end].l[0]) && !r.v.Names.NotLower.has(&toks[end]) && !v.LowerStop.has(&toks[end]) && !r.isTimeWord(&toks[end]) {
				end++
			}
			for k := end; k > j+1; k-- {
				if v.Suffix.has(&toks[k-1]) || v.BusinessWord.has(&toks[k-1]) {
					return finding{value: joinToks(toks, j, k), from: i, to: k, rule: rule("company: lower-case words ending with a word of business", v.Suffix, v.BusinessWord), strength: Strong}
				}
			}
		}
	}
	// Another sentence that tells of the parting, when the event's does
	// not name the place: "i walked off the job last night at chilis on
	// alameda ... so i literally took off my apron and left mid shift"
	// (fresh-51: the event is the later one)
	sv := &r.v.Situation
	for si2, s2 := range r.t.sents {
		if si2 == si || !r.in(sv.FirstPerson, toks, s2[0], s2[1]) {
			continue
		}
		if ns := r.newJobAt(si2); ns >= 0 {
			continue
		}
		for _, l := range []*List{sv.Fired, sv.LaidOff, sv.Quit, sv.QuitWeak} {
			if r.in(l, toks, s2[0], s2[1]) {
				if f := r.lowerCompanyIn(s2, true); f.ok() {
					f.rule += "; in another sentence of the parting"
					return f
				}
				break
			}
		}
	}
	return finding{}
}

// chainCompany reads a chain named in lower case after "at", "from", "quit"
// or "left" (and "the"), in a sentence of the writer's about a job they left,
// with its branch when one is told ("the home depot on route 9").
func (r *reader) chainCompany() finding {
	toks, v := r.t.toks, &r.v.Company
	es := r.evSentence()
	for si, s := range r.t.sents {
		// ("got canned yesterday from the home depot": the event's sentence
		// speaks for the writer without "I")
		if si != es && !r.in(r.v.Situation.FirstPerson, toks, s[0], s[1]) || !r.in(v.Chain, toks, s[0], s[1]) {
			continue
		}
		if ns := r.newJobAt(si); ns >= 0 && ns <= s[0] {
			continue
		}
		for i := s[0]; i+1 < s[1]; i++ {
			if !v.LowerPrep.has(&toks[i]) && !v.LeftLower.has(&toks[i]) {
				continue // (not "sack him for target")
			}
			j := i + 1
			if r.v.Common.The.has(&toks[j]) && j+1 < s[1] {
				j++
			}
			m := v.Chain.at(toks, j)
			if !m.ok() || toks[j].cap {
				continue // (a capitalised one is read as any name is)
			}
			if ns := r.newJobAt(si); ns >= 0 && i >= ns {
				break
			}
			f := finding{value: joinToks(toks, j, m.End), from: i, to: m.End, rule: matched("company: a chain named in lower case", m), strength: Strong}
			return r.branchWith(f, true)
		}
	}
	return finding{}
}

// inKindOf reports whether the word for employer at toks[i] closes "I was
// a Team Leader in a BPO company", "worked at an agency": a word of work,
// "in" or "at", "a" or "an" and up to two words, in a sentence of the
// writer's, before any new job it tells of.
func (r *reader) inKindOf(toks []token, i int) bool {
	s := r.t.sents[toks[i].sent]
	if !r.in(r.v.Situation.FirstPerson, toks, s[0], i) {
		return false
	}
	if ns := r.newJobAt(toks[i].sent); ns >= 0 && ns <= i {
		return false // "an offer from a big packaging company, Verpackungswerk Nordbayern AG"
	}
	for k := i - 1; k >= s[0] && k >= i-3; k-- {
		if r.v.Common.Det.has(&toks[k]) && !r.v.Common.The.has(&toks[k]) {
			// "in" or "at", after a word of work ("I was", "worked"): not
			// "start with a small company, Rápido Transport"
			return k-1 > s[0] && (r.v.Common.In.has(&toks[k-1]) || r.v.Common.At.has(&toks[k-1])) && r.in(r.v.Company.WorkContext, toks, s[0], k-1)
		}
	}
	return false
}

// leftLowerCompany reads an employer named in lower case by a writer who
// otherwise writes in capitals, one word no list knows right after "left"
// or "quit" and before a comma or the sentence's end, in a sentence of the
// writer's, before any new job it tells of: "Six weeks ago I left
// orbitflow, where I'd been a product designer for about 2.5 years, to take
// a senior title somewhere else" (fresh-58's bf41).
func (r *reader) leftLowerCompany() finding {
	toks, v := r.t.toks, &r.v.Company
	for si, s := range r.t.sents {
		if !r.in(r.v.Situation.FirstPerson, toks, s[0], s[1]) {
			continue
		}
		ns := r.newJobAt(si)
		for i := s[0]; i+1 < s[1] && (ns < 0 || i < ns); i++ {
			if v.LeftLower.has(&toks[i]) && r.unknownLower(i+1) && (i+2 >= s[1] || toks[i+2].punct) {
				return finding{value: toks[i+1].s, from: i, to: i + 2, rule: rule("company: an unknown lower-case name the writer left", v.LeftLower), strength: Strong}
			}
		}
	}
	return finding{}
}

// lowerCompanyIn reads a lower-case employer after "at" or "from" in the
// sentence s (lowerCompany). With strict, only a name no list knows (and
// its location), not any few lower-case words ("from closing every night",
// "at least not have"): for a sentence other than the event's.
func (r *reader) lowerCompanyIn(s [2]int, strict bool) finding {
	toks, v := r.t.toks, &r.v.Company
	unknown := r.unknownLower
	for i := s[0]; i+2 < s[1]; i++ {
		if unknown(i) && r.v.Boss.Firing.has(&toks[i+1]) && r.v.Common.Me.has(&toks[i+2]) {
			return finding{value: toks[i].s, from: i, to: i + 3, rule: rule("company: an unknown lower-case name that fired the writer", r.v.Boss.Firing), strength: Strong}
		}
	}
	for i := s[0]; i+1 < s[1]; i++ {
		// "delivery driver for swiftparcel": "for" after a title
		forRole := r.v.Common.For.has(&toks[i]) && i > s[0] && r.v.Role.Noun.has(&toks[i-1])
		if !v.LowerPrep.has(&toks[i]) && !forRole {
			continue
		}
		if j := i + 1; unknown(j) && (j+1 >= s[1] || toks[j+1].punct || !unknown(j+1) && !toks[j+1].cap) {
			if j+1 >= s[1] || toks[j+1].punct || r.v.Names.NotLower.has(&toks[j+1]) || v.LowerStop.has(&toks[j+1]) || r.isTimeWord(&toks[j+1]) {
				return finding{value: toks[j].s, from: i, to: j + 1, rule: rule("company: an unknown lower-case name after a preposition", v.LowerPrep), strength: Strong}
			}
		}
		j := i + 1
		if r.v.Common.The.has(&toks[j]) && j+1 < s[1] {
			j++ // "got the sack from the red lion"
		}
		// (not "from the doctor rudy": a person, by what they are,
		// fresh-70's br56)
		if r.v.Names.NotLower.has(&toks[j]) || v.LowerNotName.has(&toks[j]) || toks[j].cap || j > i+1 && (r.v.Boss.Title.has(&toks[j]) || r.v.Role.Noun.has(&toks[j])) {
			continue
		}
		end := j
		for end < s[1] && end-j < 4 && !toks[end].punct && !toks[end].cap && !isDigit(toks[end].l[0]) && !r.v.Names.NotLower.has(&toks[end]) &&
			!v.LowerStop.has(&toks[end]) && !r.isTimeWord(&toks[end]) && !r.v.When.WeekdayAfter.has(&toks[end]) {
			end++
		}
		// "from vantage global solutions ortigas site": the name ends at
		// its word of business
		for k := end - 1; k > j; k-- {
			if v.BusinessWord.has(&toks[k]) {
				end = k + 1
				break
			}
		}
		// (not "from the call center", "at the night warehouse": a kind of
		// workplace after "the", not its name)
		generic := j > i+1 && (end-j <= 2 || !v.BusinessWord.has(&toks[end-1])) && (v.Place.has(&toks[end-1]) || v.Unit.has(&toks[end-1]) || v.Kind.has(&toks[end-1])) &&
			r.branch(finding{value: joinToks(toks, j, end), from: i, to: end}).to == end // ("the home depot on western ave" is a chain's shop)
		if end-j >= 2 && end-j <= 4 && !generic && !strict {
			return finding{value: joinToks(toks, j, end), from: i, to: end, rule: rule("company: lower-case words after a preposition in the event's sentence", v.LowerPrep, v.LowerStop), strength: Strong}
		}
		// "got fird tuesday from the walgreens on cermak": one word, and its shop
		if f := (finding{value: toks[j].s, from: i, to: j + 1, rule: rule("company: a lower-case chain and its location, in the event's sentence", v.LowerPrep, v.BranchOn), strength: Strong}); end-j == 1 && j > i+1 && r.branch(f).to > end {
			return f
		}
	}
	return finding{}
}

// unknownLower reports whether toks[k] is a lower-case name no list knows,
// one word: "got rif'd friday from loopwise", "quikbite deactivated me".
func (r *reader) unknownLower(k int) bool {
	t := &r.t.toks[k]
	return t.id == noID && t.fix == noID && !t.cap && !t.punct && len(t.l) >= 4 && isASCIILetters(t.l)
}

// newJobAt returns where a sentence starts speaking of a new job ("In
// September I took a job at Delta Freight as an office manager"), or -1:
// an employer or a title after that point is the new job's.
func (r *reader) newJobAt(si int) int {
	if r.njAt == nil {
		r.njAt = make([]int, len(r.t.sents))
		for i := range r.njAt {
			r.njAt[i] = -2 // not yet looked for
		}
	}
	if at := r.njAt[si]; at != -2 {
		return at
	}
	s := r.t.sents[si]
	r.njAt[si] = -1
	if m := r.find(r.v.Company.NewJob, r.t.toks, s[0], s[1]); m.ok() {
		r.njAt[si] = m.Start
	}
	return r.njAt[si]
}

// evSentence is the event's sentence number, or -1.
func (r *reader) evSentence() int {
	if r.ev.at < 0 || r.ev.at >= len(r.t.toks) {
		return -1
	}
	return r.t.toks[r.ev.at].sent
}

// personElsewhere reports whether the word l is somewhere in the text a
// person: followed by a verb people do ("Megan said", "Memo told me").
func (r *reader) personElsewhere(l string) bool {
	toks := r.t.toks
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].l != l || !toks[i].cap || toks[i+1].sent != toks[i].sent {
			continue
		}
		if r.v.Boss.NameVerb.has(&toks[i+1]) || i+2 < len(toks) && r.v.Common.From.has(&toks[i+1]) && r.v.Boss.HR.has(&toks[i+2]) {
			return true // "Megan from HR"
		}
	}
	return false
}

// allPlaces reports whether every word of toks[from:to] is a known place:
// "the Elk Falls plant" is a site; "the Ridgeway Plastics plant" is not.
func (r *reader) allPlaces(toks []token, from, to int) bool {
	for k := from; k < to; k++ {
		if !r.v.Company.Places.has(&toks[k]) {
			return false
		}
	}
	return true
}

// plainWords is s in lower case with every run of characters that are not
// letters or digits made one space: "Guest Relations Manager | Coastal
// Lodges" is "guest relations manager coastal lodges".
func plainWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }), " ")
}

// nationalityOnly reports whether toks[from:to], after a leading "the", are
// all words for a nationality ("the Italian", "Turkish"): no firm.
func (r *reader) nationalityOnly(toks []token, from, to int) bool {
	for from < to && r.v.Common.The.has(&toks[from]) {
		from++
	}
	if from >= to {
		return false
	}
	for k := from; k < to; k++ {
		if !r.v.Names.Nationality.word(toks[k].l) {
			return false
		}
	}
	return true
}

// branch adds a chain's location to the employer the writer names with
// it ("Walgreens on Halsted", "the Kroger on Fifth Street", "Dunham's in
// the Eastgate Mall", "MedVine Pharmacy, Allen Avenue"): the location
// tells which shop, and the writer's boss is there.
func (r *reader) branch(f finding) finding { return r.branchWith(f, r.lowercaseWriter()) }

// branchWith is branch, with lower saying whether a place's name may be
// written in lower case ("the dunkin on main st" by a writer who writes
// the rest in capitals).
func (r *reader) branchWith(f finding, lower bool) finding {
	toks, v := r.t.toks, &r.v.Company
	j := f.to
	if !f.ok() || f.from < 0 || j <= 0 || j+1 >= len(toks) || toks[j].sent != toks[j-1].sent ||
		!strings.EqualFold(lastWord(f.value), toks[j-1].s) {
		return f
	}
	same := func(k int) bool { return k < len(toks) && toks[k].sent == toks[j].sent }
	named := func(k int) bool { // a word of a place's name
		tk := &toks[k]
		return !tk.punct && (tk.cap || lower || isDigit(tk.l[0])) && !strings.ContainsAny(tk.l, "/:") &&
			!r.v.When.Month.has(tk) && !r.v.When.Weekday.has(tk) && !r.v.When.Holiday.has(tk)
	}
	street := func(k int) bool { return v.Street.has(&toks[k]) || v.BranchStreet.has(&toks[k]) }
	// (a time told next ends it too: "the kroger on dixie hwy 3 weeks ago",
	// "the wendys on fulton last week", fresh-46)
	ends := func(k int) bool {
		return !same(k) || toks[k].punct || v.BranchEnd.has(&toks[k]) || r.isTimeWord(&toks[k]) && !r.v.When.Month.has(&toks[k]) ||
			isDigit(toks[k].l[0]) && same(k+1) && r.v.When.Unit.has(&toks[k+1])
	}
	end, sep := 0, " "
	switch {
	case v.BranchOn.has(&toks[j]):
		// "on Government Street", "on Rigsby Ave", "on king st"
		for k := j + 2; k <= j+4 && same(k); k++ {
			if !named(k - 1) {
				break
			}
			if street(k) && ends(k+1) {
				end = k + 1
				break
			}
		}
		// "Furey's on the Quay", "on the Strand": a street known by its
		// kind (fresh-34)
		if end == 0 && same(j+2) && r.v.Common.The.has(&toks[j+1]) && toks[j+2].cap && v.BranchThe.has(&toks[j+2]) && ends(j+3) {
			end = j + 3
		}
		// "on Route 9", "on Highway 17"
		if end == 0 && same(j+2) && v.BranchRoute.has(&toks[j+1]) && isDigit(toks[j+2].l[0]) && ends(j+3) {
			end = j + 3
		}
		// "on Westheimer", "on 5th", "on ponce": one word, then the name ends
		one := same(j+1) && (toks[j+1].cap && !isDigit(toks[j+1].l[0]) || ordinal(toks[j+1].l) ||
			lower && (toks[j+1].id == noID && toks[j+1].fix == noID && isASCIILetters(toks[j+1].l) || v.BranchOne.has(&toks[j+1])))
		// (not after a firm of one site: "Glenfarrach Distillery on
		// Speyside" is in a region, fresh-71's bs15)
		if end == 0 && one && !v.OneSite.has(&toks[j-1]) && named(j+1) && !v.NotCompany.has(&toks[j+1]) && ends(j+2) &&
			!r.v.Names.NotName.has(&toks[j+1]) && !r.v.Common.The.has(&toks[j+1]) {
			end = j + 2
		}
		// "on elm & 3rd", "on 5th & Pine": a corner (fresh-46's at58,
		// fresh-58's bf62)
		if end > 0 && same(end+1) && v.Amp.has(&toks[end]) && named(end+1) && (toks[end+1].cap || ordinal(toks[end+1].l) || lower) && ends(end+2) {
			end += 2
		}
	case v.BranchAt.has(&toks[j]):
		// "in the Eastgate Mall", "at Crowfoot Crossing"
		k := j + 1
		if same(k) && r.v.Common.The.has(&toks[k]) {
			k++
		}
		for m := k + 1; m <= k+3 && same(m); m++ {
			if !named(m - 1) {
				break
			}
			if v.BranchSite.has(&toks[m]) && ends(m+1) {
				end = m + 1
				break
			}
		}
	case toks[j].l == ",":
		// "MedVine Pharmacy, Allen Avenue", "Zenora Bank Plc, Allen Avenue
		// branch"
		for k := j + 2; k <= j+5 && same(k); k++ {
			if !named(k - 1) {
				break
			}
			if (street(k) || v.BranchUnit.has(&toks[k]) && !toks[k].cap) && ends(k+1) {
				end, sep = k+1, ", "
				j++
				break
			}
		}
	}
	if end == 0 {
		return f
	}
	f.value += sep + joinToks(toks, j, end)
	f.to = end
	return f
}

// lastWord is the last space-separated word of s.
func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// ordinal reports whether w is a number with an ordinal ending: "5th", "41st".
func ordinal(w string) bool {
	n := 0
	for n < len(w) && isDigit(w[n]) {
		n++
	}
	switch w[n:] {
	case "st", "nd", "rd", "th":
		return n > 0
	}
	return false
}
