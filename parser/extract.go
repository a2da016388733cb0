package parser

import (
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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

// understand fills m.Facts from the envelope and the writer's new text.
// sig is the signature block (used only to find the writer's name).
func understand(m *Message, sig string) {
	f := &m.Facts
	f.Situation = SituationUnknown
	f.Terms = TermsUnknown
	f.Action = ActionAdvise

	narrative, keys := keyLines(m.Text)
	t := &text{keys: keys}
	t.toks = tokenize(strings.ReplaceAll(narrative, "’", "'"))
	t.sents = sentences(t.toks)
	for i := range t.toks {
		if !t.toks[i].punct {
			t.words++
		}
	}

	m.Words = t.words
	m.Keys = m.Keys[:0]
	for k := range keys {
		m.Keys = append(m.Keys, k)
	}
	sort.Strings(m.Keys)
	f.SenderName = senderName(m.Envelope.FromName, t, sig, keys["name"])
	if m.Envelope.IgnoreReason != "" {
		f.Action = ActionIgnore
		return
	}
	ct := t
	if t.words == 0 {
		// An empty body: the subject may carry the command ("unsubscribe").
		subj := strings.TrimSpace(m.Envelope.Subject)
		for _, p := range []string{"re:", "aw:", "sv:", "fw:", "fwd:"} {
			if hasPrefixFold(subj, p) {
				subj = strings.TrimSpace(subj[len(p):])
			}
		}
		ct = &text{toks: tokenize(subj)}
		ct.words = len(ct.toks)
	}
	if c, days, ok := detectCommand(ct, len(keys) > 0); ok {
		f.Action = ActionCommand
		f.Command = c
		f.SnoozeDays = days
		return
	}

	ev, kind := scanEvents(t.toks, t.sents)
	if kind == endedEvent && ev.at >= 0 {
		// The job ended; how is told by the rest of the text and the subject.
		subj := tokenize(m.Envelope.Subject)
		if s, k := subjectEvent(m.Envelope.Subject); k == strongEvent && s != SituationUnknown {
			ev.situation = s
		} else if hasWord(t.toks, 0, len(t.toks), layoffCues) || hasWord(subj, 0, len(subj), layoffCues) {
			ev.situation = SituationLaidOff
		}
	}
	if v := keys["situation"]; v != "" {
		if s := situationOf(v); s != SituationUnknown {
			ev.situation = s
		}
	}
	if ev.situation == SituationUnknown {
		if s := situationOf(m.Envelope.Subject); s != SituationUnknown && t.words > 0 {
			ev.situation = s
		}
	}
	f.Situation = ev.situation
	// Free text is read when something happened, or when the writer speaks
	// of their own job ("My role was ...", a correction to earlier facts).
	free := f.Situation != SituationUnknown || len(keys) > 0 || ownJobTalk(t)

	if free {
		f.BossName = bossName(t, f.SenderName)
		f.Company = companyName(t, ev, f.BossName, f.SenderName)
		f.Role = roleName(t)
		if d, ok := leftDays(t, ev, m); ok {
			f.LeftAgoDays = &d
		}
		if y, ok := tenure(t); ok {
			f.TenureYears = &y
		}
		f.Terms = terms(t)
		f.WrongfulSignals = wrongfulSignals(t)
		f.PositionFilled = positionFilled(t)
		f.Accomplishments = accomplishments(t)
		f.Reason = reason(t, ev)
		f.BossEmail = bossEmail(t, m.Envelope.FromAddress)
	}
	// "Key: value" lines win over free text.
	if v := keys["boss"]; v != "" {
		f.BossName = v
	}
	if v := keys["boss_email"]; v != "" && strings.Contains(v, "@") {
		f.BossEmail = strings.Trim(v, "<>()[] ")
	}
	if v := keys["company"]; v != "" {
		f.Company = v
	}
	if v := keys["role"]; v != "" {
		f.Role = v
	}
	if v := keys["reason"]; v != "" {
		f.Reason = v
	}
	if v := keys["left"]; v != "" && !m.Envelope.Date.IsZero() {
		vt := tokenize(v)
		if d, _, ok := timeExpr(vt, 0, len(vt), m.Envelope.Date); ok {
			f.LeftAgoDays = &d
		}
	}
}

var ownJobWords = wordSet("role", "boss", "manager", "job", "title", "supervisor", "position", "employer")

// ownJobTalk reports whether the writer says "my role", "my boss" and the
// like with a fact after it ("my boss was ...", "my role is ...").
func ownJobTalk(t *text) bool {
	toks := t.toks
	for i := range toks {
		if toks[i].l != "my" {
			continue
		}
		for k := i + 1; k <= i+2 && k+1 < len(toks); k++ {
			if ownJobWords.has(&toks[k]) && (toks[k+1].l == "was" || toks[k+1].l == "is") {
				return true
			}
		}
	}
	return false
}

// keyNames maps the keys a person may use in "Key: value" lines to ours.
var keyNames = map[string]string{
	"boss": "boss", "manager": "boss", "supervisor": "boss", "boss name": "boss", "manager name": "boss",
	"boss's name": "boss", "manager's name": "boss", "former boss": "boss", "my boss": "boss", "line manager": "boss",
	"boss email": "boss_email", "boss e-mail": "boss_email", "manager email": "boss_email", "boss's email": "boss_email",
	"manager's email": "boss_email", "boss address": "boss_email",
	"company": "company", "employer": "company", "company name": "company", "organisation": "company",
	"organization": "company", "workplace": "company", "former employer": "company",
	"role": "role", "job title": "role", "title": "role", "position": "role", "job": "role", "my role": "role",
	"left": "left", "when": "left", "date left": "left", "last day": "left", "left on": "left", "date": "left",
	"name": "name", "my name": "name", "your name": "name",
	"situation": "situation", "what happened": "situation",
	"reason": "reason", "why": "reason",
}

// keyLines takes "Key: value" lines (Boss:, Company:, Role:, Left: ...) out of
// the text. A value that is still a placeholder ("...", "[...]") is ignored.
func keyLines(s string) (string, map[string]string) {
	if !strings.Contains(s, ":") {
		return s, nil
	}
	var keys map[string]string
	lines := strings.Split(s, "\n")
	out := lines[:0:0]
	for _, line := range lines {
		k, v, ok := strings.Cut(line, ":")
		if ok && len(k) <= 24 {
			name, known := keyNames[strings.ToLower(strings.TrimLeft(strings.TrimSpace(k), "-*• "))]
			v = strings.Trim(strings.TrimSpace(v), " ;,")
			if strings.HasSuffix(v, ".") && !abbreviations[lower(v[strings.LastIndexAny(v, " ")+1:len(v)-1])] {
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

var closingWords = wordSet("thanks", "thank", "cheers", "best", "regards", "kind", "warm", "warmly", "sincerely",
	"yours", "love", "hi", "hello", "dear", "hey", "gracias", "thx", "ty", "respectfully", "cordially", "sent",
	"from", "my", "the", "to", "whom", "whoever", "morning", "good", "afternoon", "evening", "all", "team", "there")

// nameLine reports whether a line looks like a person's name: one to four
// words, each starting with an upper-case letter, nothing else.
func nameLine(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 4 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || closingWords.word(lower(strings.Trim(w, ",.!"))) {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '.' {
				return false
			}
		}
	}
	return true
}

// senderName is the From display name when there is one, else the name the
// writer signs with.
func senderName(display string, t *text, sig, keyName string) string {
	if keyName != "" {
		return keyName
	}
	display = strings.Trim(strings.TrimSpace(display), `"'`)
	if display != "" && !strings.Contains(display, "@") {
		return display
	}
	// "My name is José Muñoz."
	for i := 0; i+3 < len(t.toks); i++ {
		if t.toks[i].l == "my" && t.toks[i+1].l == "name" && t.toks[i+2].l == "is" {
			if n, _ := readName(t.toks, i+3); n != "" {
				return n
			}
		}
	}
	for _, line := range strings.Split(sig, "\n") {
		if nameLine(line) {
			return strings.TrimSpace(line)
		}
	}
	// The last line that is only a name (a sign-off).
	lines := strings.Split(joinTokensByLine(t), "\n")
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-4; i-- {
		if nameLine(lines[i]) {
			return strings.TrimSpace(lines[i])
		}
	}
	return ""
}

// joinTokensByLine rebuilds one line per sentence (enough to find a sign-off).
func joinTokensByLine(t *text) string {
	var b strings.Builder
	for _, s := range t.sents {
		for i := s[0]; i < s[1]; i++ {
			if i > s[0] {
				b.WriteByte(' ')
			}
			b.WriteString(t.toks[i].s)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

var honorifics = wordSet("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "sir", "madam",
	"ar.", "pharm.", "engr.", "atty.", "rev.", "fr.", "capt.", "sgt.", "chef", "coach")

// notNames are capitalised words that never start or continue a name.
var notNames = wordSet("i", "i'm", "i've", "i'd", "i'll", "hr", "he", "she", "they", "we", "the", "a", "an", "my",
	"his", "her", "our", "their", "it", "this", "that", "when", "then", "so", "but", "and", "or", "if", "after",
	"before", "since", "last", "next", "on", "in", "at", "for", "to", "from", "with", "yesterday", "today", "ceo",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
	"march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"linkedin", "facebook", "instagram", "twitter", "osha", "eeoc", "nlrb", "thanks", "thank", "hi", "hello",
	"dear", "please", "is", "was", "who", "what", "how", "why", "where", "yes", "no", "ok", "okay", "also",
	"everyone", "nobody", "someone", "she's", "he's", "they're", "it's", "there", "here", "now", "just", "still")

func isNameWord(t *token) bool {
	if t.punct || !t.cap || notNames.has(t) {
		return false
	}
	for _, c := range t.s {
		if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '.' {
			return false
		}
	}
	// "O'Brien" and "Wiśniewska" are names; "IT" and "QA" are not.
	if len(t.s) > 1 && strings.ToUpper(t.s) == t.s {
		return false
	}
	return true
}

// readName reads a person's name at toks[i]: an honorific and a surname
// ("Mr. Patel", "Dr. Feldman") or one to three capitalised words. It returns
// the name as written and the index after it.
func readName(toks []token, i int) (string, int) {
	if i >= len(toks) {
		return "", i
	}
	start := i
	if honorifics.has(&toks[i]) && toks[i].cap {
		i++
	}
	j := i
	for j < len(toks) && j-i < 3 && toks[j].sent == toks[start].sent && isNameWord(&toks[j]) {
		j++
	}
	if j == i {
		return "", start
	}
	// A possessive ends the name: "Karen's office".
	parts := make([]string, 0, j-start)
	for k := start; k < j; k++ {
		w := toks[k].s
		if k == j-1 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")) {
			w = w[:len(w)-2]
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, " "), j
}

var bossTitles = wordSet("manager", "boss", "supervisor", "director", "owner", "lead", "leader", "head", "foreman",
	"forewoman", "chef", "ceo", "founder", "president", "principal", "partner", "partner-in-charge", "superintendent",
	"administrator", "editor", "captain", "chief", "dean", "gm", "vp", "coo", "cfo", "cto", "proprietor",
	"managing", "team-lead", "superior", "head-chef", "sergeant", "commander", "matron", "rector", "pastor", "mgr",
	"md", "hod", "chair", "charge", "super", "principal", "headteacher", "headmaster", "headmistress", "sous-chef", "proprietor")

func init() { possessiveClasses = bossTitles }

var bossDeterminers = wordSet("my", "our", "the", "former", "old", "ex", "ex-boss", "his", "her", "direct", "new")

// bossName finds the former manager: "my manager, Jane Smith", "the owner
// Vince Castellano", "my boss was Mr. Patel", "reporting to Rachel Kim",
// "Jane Smith, my manager".
func bossName(t *text, sender string) string {
	toks := t.toks
	ok := func(n string) bool {
		return n != "" && !strings.EqualFold(n, sender) && !strings.EqualFold(strings.Fields(n)[0], firstWord(sender))
	}
	for i := range toks {
		tk := &toks[i]
		if bossTitles.has(tk) || strings.HasSuffix(tk.l, "-in-charge") || strings.HasSuffix(tk.l, "-in-chief") {
			// a determiner within the four words before the title, or the
			// title opening a sentence that names the boss ("GM is Dante Russo")
			found := (i == 0 || toks[i-1].sent != tk.sent) && i+1 < len(toks) && (toks[i+1].l == "is" || toks[i+1].l == "was")
			for k := i - 1; k >= 0 && k >= i-4 && toks[k].sent == tk.sent && !toks[k].punct; k-- {
				if bossDeterminers.has(&toks[k]) {
					found = true
					break
				}
			}
			if !found {
				continue
			}
			j := i + 1
			for j < len(toks) && (bossTitles.has(&toks[j])) && toks[j].sent == tk.sent {
				j++ // "store manager", "head chef"
			}
			if j+1 < len(toks) && toks[j].l == "in" && toks[j+1].l == "charge" {
				j += 2 // "the pharmacist in charge, Gordon Mackie"
			}
			if j+1 < len(toks) && (toks[j].l == "at" || toks[j].l == "of") && toks[j+1].cap {
				if _, e := readCompany(toks, j+1); e > j+1 {
					j = e // "my fleet manager at Iron Horse was Tammy Greer"
				}
			}
			// "my boss was the creative director, Hugo Almeida", "the
			// director's name is Bernadette Sloane"
			for n := 0; n < 7 && j < len(toks) && toks[j].sent == tk.sent; n++ {
				l := toks[j].l
				switch l {
				case ",", "was", "is", ":", "(", "-", "named", "called", "being", "the", "a", "our", "my", "name", "actually", "actual", "there":
					j++
					continue
				}
				if bossTitles.has(&toks[j]) {
					j++
					continue
				}
				if !toks[j].cap && !toks[j].punct && (j+1 < len(toks) && bossTitles.has(&toks[j+1]) || j+2 < len(toks) && bossTitles.has(&toks[j+2])) {
					j++ // a modifier before a title: "creative director"
					continue
				}
				break
			}
			if name, _ := readName(toks, j); ok(name) {
				return name
			}
			// A writer who writes "i" in lower case writes names so too:
			// "my manager derek salas said", "new manager gareth put me".
			if name := lowerName(t, j); ok(name) {
				return name
			}
			continue
		}
		// "reporting to Rachel Kim", "worked under Mr. Grady"
		if (tk.l == "reporting" || tk.l == "reported" || tk.l == "report" || tk.l == "reports") && i+2 < len(toks) && toks[i+1].l == "to" ||
			(tk.l == "under") && i+1 < len(toks) || (tk.l == "for" && i > 0 && (toks[i-1].l == "worked" || toks[i-1].l == "work") && i+2 < len(toks) && honorifics.has(&toks[i+1])) {
			j := i + 1
			if toks[j].l == "to" && tk.l != "for" {
				j++
			}
			if name, end := readName(toks, j); ok(name) && !companyAfter(toks, end) {
				return name
			}
		}
	}
	// "Jane Smith, my manager", "Dana (my boss)", "Dana Whitfield, who ran the team"
	for i := range toks {
		if !isNameWord(&toks[i]) || (i > 0 && toks[i-1].sent == toks[i].sent && (isNameWord(&toks[i-1]) || honorifics.has(&toks[i-1]))) {
			continue
		}
		start := i
		if i > 0 && honorifics.has(&toks[i-1]) && toks[i-1].cap {
			start = i - 1
		}
		name, end := readName(toks, start)
		if end+2 >= len(toks) || !ok(name) || toks[end].sent != toks[start].sent {
			continue
		}
		if toks[end].l == "(" {
			// "Paulina Voss (chef/owner)", "Stan Wozniak (plant manager)"
			for k := end + 1; k < len(toks) && k <= end+3 && toks[k].l != ")"; k++ {
				if bossTitles.has(&toks[k]) {
					return name
				}
			}
		}
		if last := toks[end-1].s; (strings.HasSuffix(last, "'s") || strings.HasSuffix(last, "’s")) && groupWords.has(&toks[end]) {
			return name // "in Mette Lund's team"
		}
		// "Trevor Baxter was my supervisor on site"
		if (toks[end].l == "was" || toks[end].l == "is") && end+2 < len(toks) && (toks[end+1].l == "my" || toks[end+1].l == "our") {
			for k := end + 2; k < len(toks) && k <= end+4; k++ {
				if bossTitles.has(&toks[k]) {
					return name
				}
			}
		}
		if (toks[end].l == "," || toks[end].l == "(") && (toks[end+1].l == "my" || toks[end+1].l == "our" || toks[end+1].l == "the") {
			for k := end + 2; k < len(toks) && k <= end+4; k++ {
				if bossTitles.has(&toks[k]) {
					return name
				}
			}
		}
		if toks[end].l == "," && toks[end+1].l == "who" && end+2 < len(toks) && managingVerbs.has(&toks[end+2]) {
			return name
		}
		if firingVerbs.has(&toks[end]) && end+1 < len(toks) && (toks[end+1].l == "me" || toks[end+1].l == "us") &&
			!companySuffixes.has(&toks[end-1]) && !strings.HasSuffix(toks[end-1].l, "s") {
			return name // "Stan Kowalczyk fired me" (but "Fernhill Couriers sacked me")
		}
	}
	// People name their boss with a title: "Dr. Pham cut my days", "I worked
	// for Prof. Hamish Dunbar". The first such name that is not the writer.
	for i := range toks {
		if honorifics.has(&toks[i]) && toks[i].cap && i+1 < len(toks) && isNameWord(&toks[i+1]) {
			if name, end := readName(toks, i); ok(name) && !companyAfter(toks, end) {
				return name
			}
		}
	}
	return ""
}

var groupWords = wordSet("team", "department", "crew", "group", "unit", "shop", "office", "lab", "section", "squad", "division")

var managingVerbs = wordSet("ran", "runs", "managed", "manages", "supervised", "supervises", "owns", "owned",
	"led", "leads", "hired", "oversaw", "oversees", "heads", "headed")

// lowercaseWriter reports whether the writer writes the pronoun "i" in lower
// case, and so, most likely, names too.
func lowercaseWriter(t *text) bool {
	if t.lower == 0 {
		t.lower = -1
		for i := range t.toks {
			if t.toks[i].s == "i" || t.toks[i].s == "im" || t.toks[i].s == "i'm" {
				t.lower = 1
				break
			}
		}
	}
	return t.lower > 0
}

// notLowerNames are the words that follow "my boss" in lower-case writing
// and are not a name.
var notLowerNames = wordSet("said", "says", "told", "tells", "was", "is", "and", "who", "had", "has", "would",
	"keeps", "kept", "never", "always", "just", "fired", "let", "didn't", "wouldn't", "from", "at", "in", "on",
	"to", "for", "of", "the", "a", "an", "about", "when", "over", "that", "if", "but", "so", "then", "really",
	"also", "even", "got", "gave", "thinks", "wants", "asked", "made", "took", "came", "put", "started", "yelled",
	"screamed", "basically", "apparently", "called", "with", "there", "here", "is", "are", "he", "she", "they",
	"him", "her", "them", "me", "i", "we", "you", "it", "this", "these", "those", "what", "which", "where",
	"did", "does", "do", "can", "could", "will", "should", "might", "must", "shouted", "texted", "emailed",
	"wrote", "sent", "hates", "hated", "likes", "liked", "loved", "loves", "knows", "knew", "found", "saw",
	"heard", "decided", "wanted", "needed", "tried", "refused", "agreed", "isn't", "wasn't", "won't", "doesn't",
	"lol", "tho", "though", "too", "still", "now", "again", "back", "out", "up", "down", "off", "because", "cause")

// lowerName reads a lower-case name of one or two words at toks[j], only
// for a lower-case writer.
func lowerName(t *text, j int) string {
	toks := t.toks
	if j >= len(toks) || toks[j].cap || toks[j].punct || !lowercaseWriter(t) {
		return ""
	}
	isName := func(k int) bool {
		if k >= len(toks) || toks[k].sent != toks[j].sent || toks[k].punct || toks[k].cap || notLowerNames.has(&toks[k]) {
			return false
		}
		l := toks[k].l
		if len(l) < 2 || strings.HasSuffix(l, "ly") || strings.HasSuffix(l, "ing") || strings.HasSuffix(l, "ed") {
			return false
		}
		for _, c := range l {
			if !unicode.IsLetter(c) && c != '-' && c != '\'' {
				return false
			}
		}
		return true
	}
	if !isName(j) {
		return ""
	}
	if isName(j + 1) {
		return toks[j].s + " " + toks[j+1].s
	}
	return toks[j].s
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

var companySuffixes = wordSet("inc", "inc.", "llc", "ltd", "ltd.", "co", "co.", "corp", "corp.", "corporation",
	"company", "group", "labs", "lab", "supply", "supplies", "hospital", "bank", "insurance", "logistics",
	"services", "solutions", "systems", "software", "technologies", "partners", "associates", "agency", "plc", "gmbh")

// companyAfter reports whether a capitalised run continuing at toks[i] reads
// as an organisation ("Acme Logistics").
func companyAfter(toks []token, i int) bool {
	return i < len(toks) && companySuffixes.has(&toks[i])
}

// placeNouns after a capitalised word make it a place, not the employer:
// "at the Millbrook plant", "the Elmwood clinic".
var placeNouns = wordSet("plant", "clinic", "office", "branch", "store", "location", "site", "warehouse", "campus",
	"factory", "depot", "facility", "shop", "building", "area", "region", "account", "team", "meeting", "street")

var companyPreps = wordSet("at", "from", "for", "joined", "left", "leaving", "join", "rejoin", "with", "quit", "of", "by", "in")

// workSentence words make "from X" an employer rather than a home town.
var workSentence = wordSet("fired", "sacked", "dismissed", "terminated", "laid", "let", "resigned", "quit", "redundant",
	"job", "worked", "work", "working", "employed", "position", "role", "left", "go", "off",
	"leave", "company", "employer", "boss", "manager", "staff", "team", "notice", "resignation", "layoffs",
	"retired", "retire", "there", "supervisor", "sacked", "dismissed")

var notCompanies = wordSet("hr", "linkedin", "facebook", "instagram", "twitter", "tiktok", "indeed", "glassdoor",
	"christmas", "thanksgiving", "easter", "osha", "eeoc", "nlrb", "i", "my", "home", "work", "school", "college",
	"university", "church", "court", "jury", "trial")

// readCompany reads an organisation's name at toks[i]: capitalised words,
// joined by "&", "and", "of", "de" when another capitalised word follows.
func readCompany(toks []token, i int) (string, int) {
	if i < len(toks) && toks[i].l == "the" && (toks[i].s == "the" || i == 0 || toks[i-1].sent != toks[i].sent) {
		i++ // "at the Millbrook plant"; but "at The Copper Pot" keeps its The
	}
	start, j := i, i
	for j < len(toks) && toks[j].sent == toks[start].sent && j-start <= 6 {
		tk := &toks[j]
		if tk.cap && !tk.punct && (!notNames.has(tk) || j == start && tk.s == "The") || tk.l == "&" && j > start {
			j++
			continue
		}
		if (tk.l == "and" || tk.l == "of" || tk.l == "de" || tk.l == "the" || tk.l == "for") && j > start &&
			j+1 < len(toks) && toks[j+1].cap && !notNames.has(&toks[j+1]) && toks[j+1].sent == tk.sent {
			// "Pennine Dairies of Skipton": a place after a full name.
			if tk.l == "of" && j-start >= 2 && (j+2 >= len(toks) || !toks[j+2].cap || toks[j+2].sent != tk.sent) {
				break
			}
			j++
			continue
		}
		break
	}
	for j > start && (toks[j-1].l == "&") {
		j--
	}
	if j == start || j-start > 6 {
		return "", start
	}
	if j < len(toks) && placeNouns.has(&toks[j]) && toks[j].sent == toks[start].sent {
		return "", start
	}
	if j-start == 1 && (notCompanies.has(&toks[start]) || honorifics.has(&toks[start])) {
		return "", start
	}
	if honorifics.has(&toks[start]) {
		return "", start
	}
	parts := make([]string, 0, j-start)
	for k := start; k < j; k++ {
		parts = append(parts, toks[k].s)
	}
	name := strings.Join(parts, " ")
	name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s")
	return name, j
}

// companyName finds the former employer. It prefers a name in the sentence
// that says what happened ("fired from X", "quit my job at X"), then one
// after "job at", "worked at", and the like, then any "at X" or "from X".
func companyName(t *text, ev event, boss, sender string) string {
	toks := t.toks
	bad := func(n string) bool {
		if n == "" {
			return true
		}
		first := firstWord(n)
		return strings.EqualFold(n, boss) || strings.EqualFold(n, sender) ||
			(boss != "" && strings.EqualFold(first, firstWord(boss))) ||
			(sender != "" && strings.EqualFold(first, firstWord(sender)))
	}
	best, bestRank := "", 99
	var all []string
	for i := range toks {
		tk := &toks[i]
		if !companyPreps.has(tk) || i+1 >= len(toks) || toks[i+1].sent != tk.sent {
			continue
		}
		// "of" names an employer only after a title or "out": "the owner of
		// Solano Landscaping", "I walked out of Bloom & Thistle".
		if tk.l == "of" && !(i > 0 && (bossTitles.has(&toks[i-1]) || toks[i-1].l == "out")) {
			continue
		}
		// "I am Rohit from Pune", "I'm writing from Winnipeg": a place, unless
		// the sentence speaks of work.
		if tk.l == "from" && !hasWord(toks, t.sents[tk.sent][0], t.sents[tk.sent][1], workSentence) {
			continue
		}
		// "employed as a driver by Pennine Dairies"; "working as Sales
		// Executive in Sahyadri Motors" (not "in September", "in Chennai").
		if tk.l == "by" && !(i > 0 && (toks[i-1].l == "employed" || toks[i-1].l == "hired" || toks[i-1].l == "dismissed" || toks[i-1].l == "off" || roleNouns.has(&toks[i-1]))) {
			continue
		}
		if tk.l == "in" && !(i > 0 && (toks[i-1].l == "working" || toks[i-1].l == "worked" || toks[i-1].l == "employed" || roleNouns.has(&toks[i-1]) && toks[i-1].cap)) {
			continue
		}
		name, nameEnd := readCompany(toks, i+1)
		if bad(name) || tk.l == "in" && nameEnd-(i+1) < 2 && !companySuffixes.has(&toks[nameEnd-1]) {
			continue
		}
		all = append(all, name)
		rank := 3
		if tk.l == "with" || tk.l == "for" {
			rank = 4
		}
		if ev.at >= 0 && tk.sent == toks[ev.at].sent {
			rank = 1
		} else if i > 0 && (workContext.has(&toks[i-1]) || tk.l == "of") || tk.l == "quit" {
			rank = 2
		}
		if rank < bestRank {
			best, bestRank = name, rank
		}
	}
	// "my employer (Acme Ltd)", "the company, Acme,", "my employer was Acme"
	for i := range toks {
		if !employerWords.has(&toks[i]) {
			continue
		}
		// "my employer (Acme)", "the company is Northlake Builders", "Company is Southern Cross Energy"
		first := i == 0 || toks[i-1].sent != toks[i].sent
		owned := i > 0 && (toks[i-1].l == "my" || toks[i-1].l == "our" || toks[i-1].l == "former" || toks[i-1].l == "old")
		named := i+1 < len(toks) && (toks[i+1].l == "is" || toks[i+1].l == "was") && (first || i > 0 && toks[i-1].l == "the")
		if !owned && !named {
			continue
		}
		j := i + 1
		for j < len(toks) && j <= i+2 && (toks[j].l == "(" || toks[j].l == "," || toks[j].l == "was" || toks[j].l == "is" || toks[j].l == "called" || toks[j].l == "named" || toks[j].l == ":") {
			j++
		}
		if j > i+1 {
			if name, _ := readCompany(toks, j); !bad(name) {
				return name
			}
		}
	}
	// "Iron Horse" and "Iron Horse Freight" are one employer: the full name.
	for _, n := range all {
		if best != "" && len(n) > len(best) && strings.HasPrefix(n, best+" ") {
			best = n
		}
	}
	if best == "" && lowercaseWriter(t) {
		// "so i got let go from ironclad fitness on the 3rd"
		if n := lowerCompany(t, ev); n != "" && !bad(n) {
			return n
		}
	}
	if bestRank <= 2 {
		return best
	}
	// "when Harmon Fabrication shut down the second shift", "Six weeks ago
	// Sunridge Energy closed our whole contact centre"
	for si := evSentence(t, ev); si >= 0 && si >= evSentence(t, ev)-1; si-- {
		s := t.sents[si]
		for i := s[0]; i < s[1]; i++ {
			if toks[i].cap && (i == s[0] || !toks[i-1].cap || notNames.has(&toks[i-1])) && !notNames.has(&toks[i]) {
				name, end := readCompany(toks, i)
				if end < s[1] && toks[end].l == "(" {
					for end < s[1] && toks[end].l != ")" {
						end++ // "Parcelly (the package-locker startup) did a reduction in force"
					}
					end++
				}
				if !bad(name) && end < s[1] && closingVerbs.has(&toks[end]) {
					return name
				}
			}
		}
	}
	return best
}

var employerWords = wordSet("employer", "company", "firm", "workplace", "organisation", "organization", "agency", "business")

// lowerCompany reads a lower-case employer after "at" or "from" in the
// event's sentence: one to four words up to a stop word.
func lowerCompany(t *text, ev event) string {
	si := evSentence(t, ev)
	if si < 0 {
		return ""
	}
	toks := t.toks
	s := t.sents[si]
	for i := s[0]; i+1 < s[1]; i++ {
		if toks[i].l != "at" && toks[i].l != "from" {
			continue
		}
		j := i + 1
		if notLowerNames.has(&toks[j]) || toks[j].l == "my" || toks[j].l == "work" || toks[j].l == "home" || toks[j].l == "school" || toks[j].cap {
			continue
		}
		end := j
		for end < s[1] && end-j < 4 && !toks[end].punct && !toks[end].cap && !notLowerNames.has(&toks[end]) &&
			!roleStops.has(&toks[end]) && !timeWords.has(&toks[end]) {
			end++
		}
		if end-j >= 2 && end-j <= 4 {
			return joinToks(toks, j, end)
		}
	}
	return ""
}

// evSentence is the event's sentence number, or -1.
func evSentence(t *text, ev event) int {
	if ev.at < 0 || ev.at >= len(t.toks) {
		return -1
	}
	return t.toks[ev.at].sent
}

var workContext = wordSet("job", "worked", "work", "working", "employed", "position", "role", "career", "there",
	"years", "months", "year", "engineer", "manager")

var closingVerbs = wordSet("shut", "closed", "laid", "let", "cut", "eliminated", "restructured", "downsized", "terminated", "axed",
	"fired", "sacked", "dismissed",
	"went", "announced", "made", "dropped", "outsourced", "let", "did")

// firingVerbs after a person's name make that person the boss: "Stan
// Kowalczyk fired me friday".
var firingVerbs = wordSet("fired", "sacked", "dismissed", "canned")

var roleStops = wordSet("at", "for", "there", "with", "and", "in", "on", "since", "from", "who", "when", "until",
	"where", "but", "because", "had", "has", "was", "were", "i", "so", "then", "to", "after", "before", "that",
	"which", "during", "under", "by", "through", "like", "all", "here", "until", "while", "is", "are", "been",
	"reporting", "back", "about", "over", "nearly", "almost", "&", "my", "we", "it", "this", "they", "tho",
	"though", "lol", "too", "again", "now", "anymore", "haha", "either", "also", "myself", "full-time", "part-time")

var roleBadFirst = wordSet("bit", "lot", "little", "mess", "fool", "idiot", "result", "matter", "kid", "child",
	"favor", "favour", "reference", "whole", "way", "means", "well", "good", "great", "bad", "huge", "big",
	"farewell", "gift", "token", "bonus", "present", "precaution", "formality", "punishment", "player",
	"part", "only", "first", "last", "one", "person", "reason", "victim", "top", "best", "highest", "wreck",
	"single", "new", "few", "couple", "same", "different", "long", "short", "real", "total", "complete", "year",
	"month", "week", "day", "thank", "heads", "friend", "coworker", "colleague", "replacement", "contract",
	"contractor", "freelancer", "courtesy", "gesture", "sign", "second", "reminder", "warning", "soon", "much",
	"far", "usual", "always", "expected", "promised", "though", "if", "glowing", "clean", "perfect", "spotless",
	"solid", "strong", "positive", "negative", "written", "verbal", "final", "bunch", "mistake", "disaster",
	"nightmare", "joke", "shock", "surprise", "blow", "review", "letter", "meeting", "chance")

// roleName finds the job title: "my position as purchasing agent", "worked
// as a forklift operator", "I was a data engineer", "I'm a senior
// structural engineer".
func roleName(t *text) string {
	toks := t.toks
	best, bestTier := "", 9
	for i := range toks {
		tk := &toks[i]
		tier := 0
		j := i + 1
		switch tk.l {
		case "as":
			tier = 2
			if i > 0 {
				switch toks[i-1].l {
				case "position", "job", "role", "post", "worked", "working", "work", "employed", "hired", "started",
					"there", "served", "promoted", "stayed", "career", "time", "resigned", "quit", "fired", "left",
					"retired", "dismissed", "terminated", "sacked", "years", "months":
					tier = 1
				}
			}
		case "did", "do":
			// "I did payroll for them", "I did accounts payable for Redwood"
			if i == 0 || toks[i-1].l != "i" {
				continue
			}
			k := i + 1
			for k < len(toks) && k <= i+3 && toks[k].sent == tk.sent && !toks[k].punct && !roleStops.has(&toks[k]) {
				k++
			}
			if k == i+1 || k >= len(toks) || toks[k].l != "for" || roleBadFirst.has(&toks[i+1]) || toks[i+1].l == "it" || toks[i+1].l == "that" || toks[i+1].l == "this" || toks[i+1].l == "nothing" || toks[i+1].l == "everything" {
				continue
			}
			if 4 < bestTier {
				best, bestTier = joinToks(toks, i+1, k), 4
			}
			continue
		case "i", "i'd", "i'm", "i've", "im", "ive", "role", "title", "position":
			if (tk.l == "role" || tk.l == "title" || tk.l == "position") && (i == 0 || toks[i-1].l != "my") {
				continue
			}
			k := i + 1
			if k+2 < len(toks) && toks[k].l == "(" && toks[k+2].l == ")" {
				k += 3 // "I'm (was) the sous chef"
			}
			for k < len(toks) && k <= i+3 && (toks[k].l == "was" || toks[k].l == "been" || toks[k].l == "had" ||
				toks[k].l == "have" || toks[k].l == "am") {
				k++
			}
			if k == i+1 && tk.l != "i'm" && tk.l != "im" || k == i+4 && toks[i+1].l == "(" && tk.l != "i'm" && tk.l != "im" {
				continue
			}
			if tk.l != "i'm" && tk.l != "im" && toks[k-1].l != "was" && toks[k-1].l != "been" && toks[k-1].l != "am" {
				continue // "I have the certificates", "I had done admin"
			}
			j = k
			tier = 3
		default:
			continue
		}
		if tier >= bestTier {
			continue
		}
		hasDet := false
		if j < len(toks) && (toks[j].l == "a" || toks[j].l == "an" || toks[j].l == "the" || toks[j].l == "their") {
			j++
			hasDet = true
		}
		// "a good bartender": the adjective is not part of the title.
		if j+1 < len(toks) && praiseWords.has(&toks[j]) && toks[j+1].sent == tk.sent {
			if k := j + 1; k < len(toks) && roleNouns.has(&toks[k]) || k+1 < len(toks) && roleNouns.has(&toks[k+1]) {
				j++
			}
		}
		if j >= len(toks) || toks[j].sent != tk.sent || roleBadFirst.has(&toks[j]) {
			continue
		}
		// "Senior Data Analyst", "Head of Marketing": a title written in
		// capitals runs on through capitalised words.
		titleCase := toks[j].cap && !isAcronym(toks[j].s) && !notNames.has(&toks[j])
		end := j
		for end < len(toks) && end-j < 5 && toks[end].sent == tk.sent && !toks[end].punct && (!roleStops.has(&toks[end]) || isAcronym(toks[end].s)) {
			if toks[end].cap && end > j && !isAcronym(toks[end].s) && !titleCase {
				break // a capitalised word after the title starts a name or a company
			}
			end++
		}
		for end > j && (toks[end-1].l == "of" || toks[end-1].l == "the") {
			end--
		}
		if end == j || end-j > 4 || end < len(toks) && toks[end].sent == tk.sent && !toks[end].punct && !roleStops.has(&toks[end]) && !toks[end].cap && toks[end].l != "of" {
			continue
		}
		if end < len(toks) && toks[end].l == "of" && !titleCase && !roleNouns.has(&toks[end-1]) {
			continue // "a member of the team"
		}
		if (tier == 3 || tier == 2) && !hasDet && !titleCase && !roleNouns.has(&toks[end-1]) {
			continue
		}
		if tier == 2 && !roleNouns.has(&toks[end-1]) && !(end+1 < len(toks) && (toks[end].l == "at" || toks[end].l == "for" || toks[end].l == "with" || toks[end].l == "in") && toks[end+1].cap) {
			continue // "as a farewell gift"
		}
		if tier == 3 && !hasDet && !roleNouns.has(&toks[end-1]) {
			continue // "I was Head of Marketing" needs the title's noun
		}
		parts := make([]string, 0, end-j)
		for k := j; k < end; k++ {
			parts = append(parts, toks[k].s)
		}
		best, bestTier = strings.Join(parts, " "), tier
	}
	return best
}

var praiseWords = wordSet("good", "great", "decent", "solid", "reliable", "loyal", "hard-working", "hardworking",
	"top", "strong", "dedicated", "excellent", "experienced")

// roleNouns end job titles; they let a title stand without "a" or "the".
var roleNouns = wordSet("engineer", "manager", "analyst", "assistant", "technician", "nurse", "driver", "cook",
	"chef", "clerk", "designer", "developer", "coordinator", "specialist", "representative", "agent", "officer",
	"supervisor", "lead", "teacher", "accountant", "bookkeeper", "cashier", "receptionist", "administrator",
	"director", "head", "consultant", "electrician", "plumber", "mechanic", "operator", "machinist", "welder",
	"carpenter", "associate", "advisor", "adviser", "planner", "programmer", "architect", "scientist", "writer",
	"editor", "producer", "paralegal", "attorney", "lawyer", "pharmacist", "therapist", "aide", "caregiver",
	"server", "waiter", "waitress", "bartender", "barista", "host", "hostess", "housekeeper", "janitor", "custodian",
	"guard", "dispatcher", "coordinator", "recruiter", "buyer", "merchandiser", "stocker", "picker", "packer",
	"controller", "auditor", "adjuster", "underwriter", "negotiator", "teller", "banker", "marketing", "sales",
	"operations", "finance", "support", "leader", "foreman", "superintendent", "president", "vp", "executive",
	"intern", "apprentice", "tech", "nanny", "tutor", "instructor", "coach", "trainer", "librarian", "baker",
	"butcher", "cleaner", "courier", "hygienist", "medic", "paramedic", "officer", "secretary", "strategist",
	"generalist", "inspector", "salesman", "saleswoman", "salesperson", "installer", "technologist", "estimator",
	"surveyor", "dentist", "chemist", "translator", "interpreter", "journalist", "reporter", "artist",
	"photographer", "counselor", "counsellor", "rn", "lpn", "cna", "physician", "doctor", "surgeon", "vet",
	"veterinarian", "clerk", "porter", "storeman", "warehouseman", "labourer", "laborer", "roofer", "painter",
	"decorator", "landscaper", "gardener", "groundskeeper", "farmhand", "herdsman", "fitter", "joiner", "glazier",
	"bricklayer", "mason", "plasterer", "tiler", "optician", "optometrist", "radiographer", "midwife", "carer",
	"worker", "officer", "steward", "stewardess", "attendant", "pilot", "conductor", "engineer", "dispatcher",
	"receptionist", "administrator", "admin", "planner", "scheduler", "analyst", "investigator", "examiner",
	"editor", "copywriter", "animator", "illustrator", "videographer", "technician", "sommelier", "cook",
	"dishwasher", "busser", "runner", "cashier", "greeter", "merchandiser", "teacher", "professor", "lecturer",
	"researcher", "fellow", "assistant", "clinician", "therapist", "psychologist", "social", "journeyman",
	"plumber", "electrician", "apprentice", "trainee", "controller", "bookkeeper", "accountant", "actuary")

func isAcronym(s string) bool {
	up := 0
	for _, c := range s {
		if unicode.IsUpper(c) {
			up++
		}
	}
	return up >= 2
}

// event is the sentence that says how the job ended.
type event struct {
	situation Situation
	at        int // token index of the event word, -1 if none
	end       int
}

var (
	// Strong events say how the job ended; weak ones say that it ended and
	// leave the how to the rest of the text.
	firedPats = compileAll(
		"fired", "sacked", "dismissed", "terminated", "termination", "canned", "axed", "fire me", "firing me",
		"let|letting me|us go", "showed me the door", "got the boot", "clear|clean out ~2 my desk|locker|things|stuff",
		"pack ~1 up ~2 my desk|things|stuff", "escorted|walked me out|off", "told me not to come back",
		"told me to leave|go", "that|and i was done|finished|through", "disengaged", "terminating", "dismissal",
		"relieved of my duties", "telling|told me not to come back", "my services")
	firedWeakPats = compileAll(
		"was|were|got|been|being|get let go", "lost my|our job|jobs|position|role", "let go",
		"was my last|final shift|day", "my last|final shift|day was", "i was gone", "i was out")
	laidOffPats = compileAll(
		"laid ?me|us|them|everyone|people off", "laid off", "lay|layoff|layoffs|lay-off|lay-offs", "redundant", "redundancy",
		"eliminated", "restructuring", "restructure", "restructured", "downsizing", "downsized", "furloughed",
		"reduction in force", "outsourced", "reorganization", "reorganisation", "reorg",
		"position|role|job|department|team ~3 cut|removed|eliminated|axed|abolished|scrapped|outsourced",
		"cut ~4 staff|jobs|people|positions|roles|workers|employees|headcount|department|shift|team",
		"shut down", "closed down",
		"closed|shut ~4 centre|center|plant|store|office|branch|department|site|location|factory|restaurant|shop|warehouse|division")
	quitPats = compileAll(
		"quit", "quitting", "resigned", "resign", "resigning", "resignation", "retired", "retirement", "retire",
		"gave|handed|put|turned ~3 notice|resignation", "gave|handed|put|turned ~2 two weeks", "i ?have|had|just give|hand ~3 notice",
		"stopped showing|coming", "wasn't|not coming back", "left ~2 job|company|position|role|post",
		"i emailed|texted|told|said|wrote|messaged ~3 that i was|i'm done|quitting|leaving", "then i'm done", "i'm done")
	quitWeakPats = compileAll(
		"walked out|off", "stormed out|off", "left to|for", "moved on", "never went back", "didn't go back",
		"put|left ~3 badge|keys|uniform|apron ~2 on|in")
	// Cues that decide what a weak event was.
	layoffCues = wordSet("layoff", "layoffs", "laid", "restructuring", "restructure", "downsizing", "funding", "budget",
		"redundancy", "redundant", "eliminated", "cutbacks", "closure", "closing", "closed", "shut", "grant",
		"reorganisation", "reorganization", "reorg", "merger", "acquisition", "bankrupt", "bankruptcy", "outsourced",
		"outsourcing", "seniority", "downturn", "slowdown", "cuts", "offshored", "dropped", "headcount")
	hypothetical = wordSet("if", "afraid", "worried", "scared", "might", "could", "should", "considering", "thinking",
		"whether", "planning", "threatened", "threatening", "will", "won't", "gonna", "i'll", "would", "not",
		"wasn't", "didn't", "never", "don't", "weren't", "haven't", "hasn't", "avoid", "before")
	firstPerson = wordSet("i", "me", "my", "we", "us", "our", "i'm", "i've", "i'd", "i'll", "myself", "mine", "im", "ive")
	endWords    = wordSet("until", "till", "til")
	rumourWords = wordSet("rumours", "rumors", "rumour", "rumor", "rumoured", "rumored", "upcoming", "possibility",
		"potential", "hypothetically", "hypothetical", "considering", "thinking")
)

type eventKind int

const (
	strongEvent eventKind = iota
	weakEvent             // the situation is known, but a strong event elsewhere wins
	endedEvent            // the job ended; cues decide how
)

// findEvent finds the sentence in which the writer says their job ended, and
// how: the first strong event ("I was fired", "I resigned", "laid off"), else
// the first weak one ("I was let go", "I walked out", "I worked there until
// Monday"), whose situation the rest of the text decides.
func findEvent(t *text) event {
	ev, _ := scanEvents(t.toks, t.sents)
	return ev
}

func scanEvents(toks []token, sents [][2]int) (event, eventKind) {
	weak := event{situation: SituationUnknown, at: -1}
	weakKind := endedEvent
	for _, s := range sents {
		if !hasWord(toks, s[0], s[1], firstPerson) || hasWord(toks, s[0], s[1], rumourWords) {
			continue
		}
		for i := s[0]; i < s[1]; i++ {
			var sit Situation
			var end int
			kind := strongEvent
			for _, c := range []struct {
				ps   *patternSet
				sit  Situation
				kind eventKind
			}{{firedPats, SituationFired, strongEvent}, {laidOffPats, SituationLaidOff, strongEvent}, {quitPats, SituationQuit, strongEvent},
				{firedWeakPats, SituationFired, endedEvent}, {quitWeakPats, SituationQuit, weakEvent}} {
				if _, e, p := find(toks, i, i+1, c.ps); p != nil {
					sit, end, kind = c.sit, e, c.kind
					break
				}
			}
			// "I left Brennan & Sons Plumbing to start my own outfit"
			if sit == "" && toks[i].l == "left" && i > s[0] && (toks[i-1].l == "i" || toks[i-1].l == "just") && i+1 < s[1] && toks[i+1].cap && !notNames.has(&toks[i+1]) {
				sit, end, kind = SituationQuit, i+1, strongEvent
			}
			// "I worked the front desk ... until last Monday"
			if sit == "" && endWords.has(&toks[i]) {
				if _, at, ok := timeExpr(toks, i+1, min(i+4, s[1]), time.Date(2000, 6, 15, 0, 0, 0, 0, time.UTC)); ok && at == i+1 || ok && at == i+2 {
					sit, end, kind = SituationFired, i+1, endedEvent
				}
			}
			if sit == "" {
				continue
			}
			// "fired up", "I'd quit if ...", "afraid I'll be fired"
			if toks[i].l == "fired" && i+1 < s[1] && toks[i+1].l == "up" {
				continue
			}
			guarded := false
			for k := i - 1; k >= s[0] && k >= i-4; k-- {
				if hypothetical.has(&toks[k]) || toks[k].l == "about" && toks[k+1].l == "to" {
					guarded = true
					break
				}
			}
			if guarded {
				continue
			}
			if sit == SituationFired && hasWord(toks, s[0], s[1], layoffCues) {
				sit = SituationLaidOff
			}
			ev := event{situation: sit, at: i, end: end}
			if kind != strongEvent {
				if weak.at < 0 {
					weak, weakKind = ev, kind
				}
				continue
			}
			return ev, strongEvent
		}
	}
	return weak, weakKind
}

// situationOf classifies a short phrase ("fired", "laid off", "quit") such as
// a subject line or a "Situation:" value. Hypothetical phrasing ("Should I
// resign?") says nothing happened.
func situationOf(s string) Situation {
	sit, _ := subjectEvent(s)
	return sit
}

func subjectEvent(s string) (Situation, eventKind) {
	toks := tokenize(strings.ReplaceAll(s, "’", "'"))
	for i := range toks {
		toks[i].sent = 0
		toks[i].cls |= firstPerson // a subject line speaks for the writer
	}
	ev, kind := scanEvents(toks, [][2]int{{0, len(toks)}})
	return ev.situation, kind
}

// leftDays finds when the job ended: a time expression in the event
// sentence, else the nearest one in the sentences around it.
func leftDays(t *text, ev event, m *Message) (int, bool) {
	ref := m.Envelope.Date
	if ref.IsZero() {
		return 0, false
	}
	if ev.at >= 0 {
		// The event's sentence, then the one before it ("Yesterday the
		// manager and I had a shouting match. He told me to clear out my
		// desk.").
		si := t.toks[ev.at].sent
		for _, k := range []int{si, si - 1, si - 2, si + 1, si - 3, si + 2, si + 3} {
			if k < 0 || k >= len(t.sents) {
				continue
			}
			s := t.sents[k]
			if d, _, ok := timeExpr(t.toks, s[0], s[1], ref); ok {
				return d, true
			}
		}
	}
	// Other sentences that speak of leaving or of the last day.
	for _, s := range t.sents {
		if hasWord(t.toks, s[0], s[1], leavingWords) {
			if d, _, ok := timeExpr(t.toks, s[0], s[1], ref); ok {
				return d, true
			}
		}
	}
	return 0, false
}

var leavingWords = wordSet("fired", "sacked", "dismissed", "terminated", "laid", "layoff", "layoffs", "quit",
	"resigned", "resignation", "notice", "left", "eliminated", "redundant", "let", "walked", "day", "letter",
	"until", "till", "final", "shift", "retired", "done", "finished", "last", "terminating", "disengaged", "gone")

// tenure finds how long they worked there.
func tenure(t *text) (float64, bool) {
	for i := range t.toks {
		switch t.toks[i].l {
		case "year", "years", "yr", "yrs", "month", "months":
			s := t.sents[t.toks[i].sent]
			if y, ok := tenureAt(t.toks, s[0], i); ok {
				return y, true
			}
		}
	}
	return 0, false
}

var (
	goodTermsAdj = wordSet("good", "great", "friendly", "decent", "amicable", "positive", "best", "excellent",
		"cordial", "fine", "nice", "ok", "okay", "warm", "civil", "pleasant", "high")
	badTermsAdj = wordSet("bad", "terrible", "awful", "poor", "rough", "sour", "hostile", "ugly", "worst",
		"horrible", "negative", "bitter", "nasty")
	goodTermsPats = compileAll("amicably", "amicable", "goodbye|farewell|leaving|send-off|going-away lunch|party|card|drinks|dinner|do|gift",
		"send-off", "sendoff", "door ~3 open", "parted ~2 friends", "no hard feelings", "left ~3 blessing", "parted well",
		"gracious", "graciously", "welcome back", "keep|stay in touch", "wished me ~1 luck|well", "shook my hand",
		"hugged me", "threw|gave|had ~3 party|lunch|cake|drinks|send-off", "out for drinks|lunch|dinner",
		"was|were|been lovely|kind|understanding|supportive|gracious|great|cool|nice about it", "glowing reference",
		"said goodbye properly", "call him|her|them if", "give him|her|them a call", "always be welcome",
		"bring me back", "want me back", "tried ~2 to keep me", "ended|went|left well", "parted well|friends",
		"lovely|nice|kind|warm card|note|message|reference|send-off|goodbye", "let him|her|them know if",
		"if i ever ~4 come back|return", "organised|organized|bought|got ~4 cake|card|party|lunch|drinks",
		"no bad|hard feeling|feelings", "shook ~4 hand|hands", "can|could always come back", "always come back",
		"ring|call|contact|phone ~2 us|me first", "refer me", "not to forget", "send-forth", "despedida", "going-away",
		"give him|her|them a bell", "if it didn't work out", "felt terrible", "wished me", "welcome any time|anytime")
	badTermsPats = compileAll("walked out|off", "stormed out|off", "without ~2 notice", "no notice", "burned|burnt|burn ~3 bridge|bridges",
		"shouting|screaming|yelling match", "blew up",
		"told him|her|them off", "stopped showing|coming", "slammed", "slamming", "threw ~2 down", "said some things",
		"ghosted", "didn't show up", "nasty", "never went back", "didn't work ~2 notice", "rage",
		"shove it", "called him|her|them ~1 names", "told him|her|them to shove", "then i'm done", "i'm done",
		"badge on", "keys on", "blowup", "blow-up", "threw ~3 on ~2 desk", "didn't|did not ~1 give ~2 notice")
	negations = wordSet("not", "n't", "didn't", "wasn't", "weren't", "never", "no", "hardly")
)

// terms says how they parted: good only when the parting is described as
// friendly; bad for walking out, shouting, leaving without notice.
func terms(t *text) Terms {
	toks := t.toks
	bad := false
	for i := range toks {
		l := toks[i].l
		if l == "terms" || l == "note" || l == "footing" {
			for k := i - 1; k >= 0 && k >= i-3 && toks[k].sent == toks[i].sent; k-- {
				if goodTermsAdj.has(&toks[k]) {
					if negatedBefore(toks, k, 5) {
						bad = true
					} else if l != "note" || toks[k].l != "high" {
						return TermsGood
					}
					break
				}
				if badTermsAdj.has(&toks[k]) {
					bad = true
					break
				}
			}
		}
	}
	if a, _, _ := find(toks, 0, len(toks), goodTermsPats); a >= 0 && !negatedBefore(toks, a, 4) {
		return TermsGood
	}
	if bad {
		return TermsBad
	}
	if a, _, _ := find(toks, 0, len(toks), badTermsPats); a >= 0 {
		return TermsBad
	}
	return TermsUnknown
}

func negatedBefore(toks []token, i, n int) bool {
	for k := i - 1; k >= 0 && k >= i-n && toks[k].sent == toks[i].sent; k-- {
		if negations.has(&toks[k]) || strings.HasSuffix(toks[k].l, "n't") {
			return true
		}
	}
	return false
}

var (
	discriminationPats = compileAll("discrimination", "discriminated", "discriminating", "discriminatory",
		"ageism", "ageist", "too old", "over|above 40|45|50|55|60|65", "pregnant", "pregnancy", "racist", "racial",
		"sexist", "because|due ~4 age|race|religion|gender|pregnancy|disability|ethnicity|accent|sexuality|orientation|skin|color|colour|nationality|faith",
		"older workers|employees|staff", "my|her|his hijab|turban|religion|faith", "i'm|was expecting",
		"expecting a baby", "my pregnancy")
	retaliationPats = compileAll("retaliation", "retaliated", "retaliating", "retaliatory", "payback", "punished ~3 complaining|complaint|reporting",
		"grievance", "formal complaint", "complained to hr", "filed ~2 complaint")
	complaintWords = wordSet("reported", "complained", "complaint", "complaints", "filed", "grievance", "raised",
		"report", "reporting", "spoke", "flagged", "whistle")
	treatmentWords = wordSet("harassment", "harassed", "harassing", "sexual", "bullying", "bullied", "discrimination",
		"hostile", "overtime", "wages", "unpaid", "racist", "sexist", "inappropriate", "groped", "comments", "abuse", "abusive",
		"treatment", "mistreatment", "unsafe")
	wrongdoingWords = wordSet("osha", "sec", "epa", "regulator", "regulators", "authorities", "inspector", "inspectors",
		"police", "fraud", "safety", "violations", "violation", "illegal", "embezzlement", "kickbacks", "falsified",
		"falsifying", "unsafe", "contamination", "whistleblower", "whistleblowing", "whistle", "laundering", "bribes",
		"bribery", "ammonia", "dumping", "hazard", "hazards", "compliance", "auditor", "auditors", "ombudsman",
		"faa", "fda", "irs", "ftc", "cdc", "hse", "dot", "usda", "nhtsa", "cqc", "ofsted", "epa", "falsified",
		"signed", "records", "inspection", "inspections", "kickback", "overbilling", "billing", "medicare", "medicaid",
		"unlicensed", "tampering", "cover-up", "cover", "licensing", "inspectorate", "regulatory", "illegally",
		"violating", "violated", "ratio", "ratios", "osha's", "ethics", "hotline", "inflated", "environmental",
		"agency", "faked", "forged", "fraudulent", "tested", "untested")
	juryPats     = compileAll("jury", "juror", "jury-duty")
	contractPats = compileAll("my|our employment|written contract", "employment contract", "breach|breached|breaching|violated|violation ~3 contract",
		"contract ~2 guarantees|guaranteed|entitles|promised|promises|says|states|requires|specifies|stipulates",
		"union|collective agreement")
	medicalPats = compileAll("medical|sick|maternity|paternity|disability|fmla|family|approved leave", "fmla",
		"on leave", "workers' comp", "workers comp")
)

// wrongfulSignals lists the signs the writer describes that the
// termination may have been unlawful.
func wrongfulSignals(t *text) []Signal {
	toks := t.toks
	var out []Signal
	add := func(s Signal) {
		for _, x := range out {
			if x == s {
				return
			}
		}
		out = append(out, s)
	}
	if a, _, _ := find(toks, 0, len(toks), discriminationPats); a >= 0 {
		add(SignalDiscrimination)
	} else {
		for _, s := range t.sents {
			if hasWord(toks, s[0], s[1], youngerWords) && hasWord(toks, s[0], s[1], youngerContext) {
				add(SignalDiscrimination)
			}
		}
	}
	if a, _, _ := find(toks, 0, len(toks), retaliationPats); a >= 0 {
		add(SignalRetaliation)
	}
	for _, s := range t.sents {
		if !hasWord(toks, s[0], s[1], complaintWords) {
			continue
		}
		if hasWord(toks, s[0], s[1], wrongdoingWords) {
			add(SignalWhistleblowing)
		} else if hasWord(toks, s[0], s[1], treatmentWords) {
			add(SignalRetaliation)
		}
	}
	if a, _, _ := find(toks, 0, len(toks), wrongdoingWords2); a >= 0 {
		add(SignalWhistleblowing)
	}
	if a, _, _ := find(toks, 0, len(toks), juryPats); a >= 0 {
		add(SignalJuryDuty)
	}
	if a, _, _ := find(toks, 0, len(toks), contractPats); a >= 0 {
		add(SignalContract)
	}
	if a, _, _ := find(toks, 0, len(toks), medicalPats); a >= 0 {
		add(SignalMedicalLeave)
	}
	return out
}

var (
	youngerWords   = wordSet("younger")
	youngerContext = wordSet("replaced", "hired", "hire", "kept", "touched", "old", "older", "age", "graduates")
)

var wrongdoingWords2 = compileAll("whistleblower", "whistleblowing", "blew the whistle", "whistle-blower", "whistle-blowing")

var (
	openPats = compileAll("open again", "still ~3 open|vacant|available|advertised|posted|hiring|looking|empty",
		"reopened|re-opened|reposted|re-posted|readvertised|re-advertised", "haven't|hasn't|not|never ~3 filled|found|hired|replaced",
		"hasn't|haven't|not ~2 been filled", "position|job|role|spot|post ~3 is|was|'s open|vacant|available|advertised|posted|listed",
		"been advertised|posted|listed", "no one|nobody ~3 hired|replaced|found", "still no one", "job posting|listing|ad|advert",
		"posted|advertised|listed my ?old job|position|role")
	filledPats = compileAll("hired|found|promoted|brought ~2 someone|somebody|replacement",
		"replaced me", "already hired|replaced|filled", "been filled", "filled my ~2 job|position|role|spot",
		"someone ~2 my ~2 job|role|position|spot", "has|got|have a replacement", "my replacement")
	hedges = wordSet("might", "may", "maybe", "perhaps", "probably", "possibly", "could", "unsure", "sure", "wonder",
		"guess", "think", "if", "whether", "heard")
)

// positionFilled says whether the writer knows the old job is filled (true),
// open (false), or does not say (nil).
func positionFilled(t *text) *bool {
	toks := t.toks
	if a, _, _ := find(toks, 0, len(toks), openPats); a >= 0 {
		v := false
		return &v
	}
	for _, s := range t.sents {
		if a, _, _ := find(toks, s[0], s[1], filledPats); a >= 0 {
			if hasWord(toks, s[0], s[1], hedges) {
				continue
			}
			v := true
			return &v
		}
	}
	return nil
}

var achievementVerbs = wordSet("cut", "reduced", "grew", "grown", "raised", "increased", "improved", "built", "hit",
	"brought", "trained", "shipped", "saved", "lifted", "doubled", "tripled", "launched", "led", "won", "set",
	"redesigned", "created", "closed", "landed", "generated", "exceeded", "top", "highest", "award", "awards",
	"zero", "boosted", "delivered", "managed", "mentored", "signed", "sold", "automated", "ran", "opened", "beat",
	"record", "best", "reducing", "cutting", "lifting", "raising", "growing")

// accomplishments lists contributions the writer mentions that carry a
// number: "cut empty miles by 12%", "trained six new coordinators".
func accomplishments(t *text) []string {
	toks := t.toks
	var out []string
	for _, s := range t.sents {
		// clauses split at "and", ";" and ","+verb
		start := s[0]
		for i := s[0]; i <= s[1]; i++ {
			if i < s[1] && !(toks[i].l == "and" || toks[i].l == ";" || toks[i].l == "," && i+1 < s[1] && achievementVerbs.has(&toks[i+1])) {
				continue
			}
			if c := achievementClause(toks, start, i); c != "" {
				out = append(out, c)
			}
			start = i + 1
		}
	}
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

func achievementClause(toks []token, from, to int) string {
	verb, num := -1, false
	for i := from; i < to; i++ {
		l := toks[i].l
		if verb < 0 && achievementVerbs.has(&toks[i]) {
			verb = i
		}
		if l != "" && (l[0] >= '0' && l[0] <= '9' || l[0] == '$' || strings.HasSuffix(l, "%")) {
			num = true
		} else if _, ok := numberWords[l]; ok && l != "a" && l != "an" {
			num = true
		} else if l == "every" || l == "third" || l == "half" || l == "double" {
			num = true
		}
	}
	if verb < 0 || !num || to-verb < 2 {
		return ""
	}
	// Someone else's doing, or a passive ("they cut the whole team", "20%
	// of the company was cut") is not the writer's contribution.
	for i := from; i < verb; i++ {
		switch toks[i].l {
		case "they", "he", "she", "it", "company", "management", "was", "were", "been", "being", "got":
			return ""
		}
	}
	// Guard against sentences about the firing itself.
	for i := from; i < to; i++ {
		switch toks[i].l {
		case "fired", "late", "missed", "warning", "deadlines", "ago", "years", "months", "quit", "laid":
			if toks[i].l != "years" || verb > i {
				return ""
			}
		}
	}
	start := verb
	// keep "the highest member satisfaction scores": start at a determiner before the verb
	if start > from && (toks[start-1].l == "the" || toks[start-1].l == "two" || toks[start-1].l == "my") && !isVerbLike(toks[start].l) {
		start--
	}
	return strings.TrimRight(joinToks(toks, start, to), ",;:")
}

func isVerbLike(l string) bool {
	return strings.HasSuffix(l, "ed") || l == "cut" || l == "hit" || l == "set" || l == "ran" || l == "won" || l == "led" || l == "grew" || l == "built" || l == "brought" || l == "sold"
}

func joinToks(toks []token, from, to int) string {
	var b strings.Builder
	for i := from; i < to; i++ {
		tk := &toks[i]
		if tk.l == `"` || tk.l == "“" || tk.l == "”" {
			continue
		}
		if i > from && !(tk.punct && (tk.l == "," || tk.l == ";" || tk.l == ":" || tk.l == ")")) && !(i > from && toks[i-1].l == "(") {
			b.WriteByte(' ')
		}
		b.WriteString(tk.s)
	}
	return strings.TrimSpace(b.String())
}

// reason is a short phrase for why the job ended: what follows "for",
// "because", "after", "over" or (for a resignation) "to" in the sentence that
// says it ended, else what follows "because", "said" or a colon in the two
// sentences after it.
func reason(t *text, ev event) string {
	if ev.at < 0 {
		return ""
	}
	toks := t.toks
	first := toks[ev.at].sent
	for si := first; si < len(t.sents) && si <= first+2; si++ {
		s := t.sents[si]
		from := s[0]
		if si == first {
			from = ev.end
		}
		for i := from; i < s[1]; i++ {
			l := toks[i].l
			j := i + 1
			switch l {
			case "because", "due", "said", ":", "reason":
				if l == "because" && j < s[1] && toks[j].l == "of" {
					j++
				}
				if l == "due" && (j >= s[1] || toks[j].l != "to") {
					continue
				}
				if l == "due" {
					j++
				}
				if l == "said" && (i == 0 || !(toks[i-1].cap || toks[i-1].l == "she" || toks[i-1].l == "he" || toks[i-1].l == "they" || bossTitles.has(&toks[i-1]))) {
					continue // "said some things I shouldn't have"
				}
				if l == "said" && j < s[1] && (toks[j].l == "that" || toks[j].l == "it" && j+1 < s[1] && toks[j+1].l == "was") {
					j++
					if toks[j-1].l == "it" {
						j++
					}
				}
				if l == "reason" {
					for j < s[1] && j < i+5 && toks[j].l != "was" && toks[j].l != "is" {
						j++
					}
					j++
				}
			case "for", "after", "over", "to", "when":
				if si != first {
					continue
				}
				// "for two years", "for a bit over two years": a duration
				if (l == "for" || l == "over" || l == "after") && j < s[1] {
					if _, isNum := numberAt(&toks[j]); isNum || toks[j].l == "almost" || toks[j].l == "about" || toks[j].l == "nearly" || toks[j].l == "over" {
						continue
					}
				}
				if l == "to" && (ev.situation != SituationQuit || j < s[1] && toks[j].cap) {
					continue
				}
			default:
				continue
			}
			end := j
			for end < s[1] && end-j < 14 && toks[end].l != "," && toks[end].l != ";" && toks[end].l != "and" && toks[end].l != "but" {
				end++
			}
			if end-j >= 2 {
				return strings.Trim(joinToks(toks, j, end), "\"' ")
			}
		}
	}
	return ""
}

var bossEmailContext = wordSet("manager", "boss", "supervisor", "director", "owner", "email", "e-mail", "address", "reporting", "reach", "contact")

// bossEmail finds an address the writer gives for their former manager: an
// address in a sentence that speaks of the manager or their address, not the
// writer's own.
func bossEmail(t *text, own string) string {
	toks := t.toks
	for i := range toks {
		l := toks[i].l
		if !strings.Contains(l, "@") || strings.HasPrefix(l, "@") {
			continue
		}
		addr := strings.Trim(toks[i].s, "<>()[].,;:'\"")
		if !strings.Contains(addr, ".") || strings.EqualFold(addr, own) || strings.HasSuffix(strings.ToLower(addr), "jobback.example") {
			continue
		}
		s := t.sents[toks[i].sent]
		if hasWord(toks, s[0], s[1], bossEmailContext) || hasWord(toks, s[0], s[1], bossTitles) {
			return addr
		}
	}
	return ""
}
