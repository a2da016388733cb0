package parser

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameWords are the lists that tell a person's name from other words
// (names.txt).
type nameWords struct {
	Honorific      *List `list:"honorific"`            // "Mr.", "Dr.", "Principal", "Chef"
	NotName        *List `list:"not_name"`             // capitalised words that are never a name: "I", "Monday", "HR"
	Nationality    *List `list:"nationality"`          // Greek, Catholic: never a name alone
	NotLower       *List `list:"not_lower_name"`       // words after "my boss" in lower-case writing that are not a name
	Closing        *List `list:"closing"`              // greeting and sign-off words: not a signature name
	MyNameIs       *List `list:"my_name_is"`           // "my name is", "i am"
	LowerI         *List `list:"lower_i"`              // "i", "im", "i'm" written in lower case: a lower-case writer
	NamePrefix     *List `list:"name_particle"`        // "de", "van", "al": inside a name
	FirstNameTitle *List `list:"honorific_first_name"` // miss, sir, seu: titles said before a first name
	HonorificAfter *List `list:"honorific_after"`      // sir, ji: said after the name ("Rakesh sir")
	VerbAfter      *List `list:"verb_after_name"`      // for, with, me: "priya fought for us" ends the name at priya
	NotNameEnd     *List `list:"not_name_ending"`      // endings of lower-case words that are not names: "-ly", "-ing"
	Adjective      *List `list:"name_adjective"`       // "big stuart", "old pete": a word before a lower-case name
	Unavailable    *List `list:"placeholder"`          // "X", "ABC", "XYZ Company": not a real name
}

// common are the glue words several extractors need: kept in data too, so
// that an extractor holds no word of any language.
type commonWords struct {
	My      *List `list:"my"`         // my, our
	Poss    *List `list:"possessive"` // my, her, his, their: "her father" is family, not a priest
	Be      *List `list:"be"`         // was, is
	Det     *List `list:"det"`        // a, an, the
	The     *List `list:"the"`        // the
	Of      *List `list:"of"`         // of
	And     *List `list:"and"`        // and
	Or      *List `list:"or"`         // or
	Who     *List `list:"who"`        // who
	Me      *List `list:"me"`         // me, us
	I       *List `list:"i"`          // i
	At      *List `list:"at"`         // at
	For     *List `list:"for"`        // for
	To      *List `list:"to"`         // to
	In      *List `list:"in"`         // in
	From    *List `list:"from"`       // from
	By      *List `list:"by"`         // by
	Pronoun *List `list:"pronoun"`    // he, she, they, it
	HeShe   *List `list:"he_she"`     // he, she, he's, she's: another person as the subject
	Neg     *List `list:"negation"`
	NegEnd  *List `list:"negation_suffix"` // "n't"
	Number  *List `list:"number"`          // one = 1, a couple = 2 ...
}

// nameLine reports whether a line looks like a person's name: one to four
// words, each starting with an upper-case letter, nothing else.
func (r *reader) nameLine(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 4 {
		return false
	}
	for _, w := range words {
		c, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(c) || r.v.Names.Closing.word(lower(strings.Trim(w, ",.!"))) {
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
func (r *reader) senderName(display, sig, keyName string) string {
	if keyName != "" {
		return keyName
	}
	display = strings.Trim(strings.TrimSpace(display), `"'`)
	if display != "" && !strings.Contains(display, "@") {
		return display
	}
	// "My name is José Muñoz."
	toks := r.t.toks
	for i := range toks {
		if m := r.v.Names.MyNameIs.at(toks, i); m.ok() {
			if n, _ := r.readName(toks, m.End); n != "" {
				return n
			}
		}
	}
	for _, line := range strings.Split(sig, "\n") {
		if r.nameLine(line) {
			return strings.TrimSpace(line)
		}
	}
	// The last line that is only a name (a sign-off).
	lines := strings.Split(joinTokensByLine(r.t), "\n")
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-4; i-- {
		if r.nameLine(lines[i]) {
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

// isNameWord reports whether a token can be part of a name: capitalised,
// letters only, not a word that is never a name, not an acronym.
func (r *reader) isNameWord(t *token) bool {
	if t.punct || !t.cap || r.v.Names.NotName.has(t) || r.v.Stopwords.has(t) || r.v.Names.NotLower.has(t) || r.isTimeWord(t) || r.v.Names.Closing.has(t) {
		return false // "Had", "Everybody", "Monday" open sentences; they are no names
	}
	for _, c := range t.s {
		if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '.' {
			return false
		}
	}
	// "O'Brien" and "Wiśniewska" are names; "IT" and "QA" are not; "R."
	// and "Ó" (of "Ó Dálaigh") are.
	if n := utf8.RuneCountInString(t.s); n > 1 && allUpper(t.s) && !(n == 2 && strings.HasSuffix(t.s, ".")) {
		return false
	}
	return true
}

// readName reads a person's name at toks[i]: an honorific and a surname
// ("Mr. Patel", "Dr. Feldman") or one to three capitalised words. It returns
// the name as written and the index after it.
func (r *reader) readName(toks []token, i int) (string, int) {
	if i >= len(toks) {
		return "", i
	}
	start := i
	if r.v.Names.Honorific.has(&toks[i]) && (toks[i].cap || i+1 < len(toks) && toks[i+1].cap) {
		i++ // "Mr. Patel", and "dr. Hsu" from a writer who does not capitalise titles
	}
	j := i
	for j < len(toks) && j-i < 3 && toks[j].sent == toks[start].sent && r.isNameWord(&toks[j]) {
		j++
	}
	if j == i {
		return "", start
	}
	// "Pieter van der Merwe", "Pieter du Toit": particles, then a name word
	if k := j; j-i < 3 {
		for k < len(toks) && k-j < 2 && !toks[k].cap && r.v.Names.NamePrefix.has(&toks[k]) && toks[k].sent == toks[start].sent {
			k++
		}
		if k > j && k < len(toks) && toks[k].sent == toks[start].sent && r.isNameWord(&toks[k]) {
			j = k + 1
		}
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

// lowercaseWriter reports whether the writer writes the pronoun "i" in lower
// case, and so, most likely, names too.
func (r *reader) lowercaseWriter() bool {
	t := r.t
	if t.lower == 0 {
		t.lower = -1
		for i := range t.toks {
			if !t.toks[i].cap && r.v.Names.LowerI.has(&t.toks[i]) {
				t.lower = 1
				break
			}
		}
		// a writer who starts most sentences in lower case, whether or not
		// they say "i" ("she got let go last friday by the owner mrs pelletier")
		if t.lower < 0 && len(t.sents) >= 2 {
			low, all := 0, 0
			for _, s := range t.sents {
				if tk := &t.toks[s[0]]; !tk.punct && unicode.IsLetter([]rune(tk.s)[0]) {
					all++
					if !tk.cap {
						low++
					}
				}
			}
			if all >= 2 && low*10 >= all*7 {
				t.lower = 1
			}
		}
	}
	return t.lower > 0
}

// lowerName reads a lower-case name of one or two words at toks[j], only
// for a lower-case writer.
func (r *reader) lowerName(j int) string {
	toks := r.t.toks
	if j >= len(toks) || toks[j].cap || toks[j].punct || !r.lowercaseWriter() {
		return ""
	}
	isName := func(k int) bool {
		if k >= len(toks) || toks[k].sent != toks[j].sent || toks[k].punct || toks[k].cap || r.v.Names.NotLower.has(&toks[k]) || r.isTimeWord(&toks[k]) || r.v.Stopwords.has(&toks[k]) || r.roleNoun(&toks[k]) && !(k+1 < len(toks) && r.v.Boss.NameVerb.has(&toks[k+1])) {
			return false
		}
		l := toks[k].l
		if len(l) < 2 || r.v.Names.NotNameEnd.endsWord(l) {
			return false
		}
		if toks[k].id != noID {
			return false // a word some list knows ("post", "time") is no name
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
	// two words, unless the second reads as a verb ("marcus gets")
	// two words, unless the second reads as a verb ("marcus gets me",
	// "priya fought for us")
	verb := j+2 < len(toks) && (strings.HasSuffix(toks[j+1].l, "s") && (r.v.Stopwords.has(&toks[j+2]) || r.v.Common.Me.has(&toks[j+2])) ||
		r.v.Names.VerbAfter.has(&toks[j+2]))
	if isName(j+1) && !verb {
		return toks[j].s + " " + toks[j+1].s
	}
	return toks[j].s
}

func firstWord(s string) string {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}

func isAcronym(s string) bool {
	up := 0
	for _, c := range s {
		if unicode.IsUpper(c) {
			up++
		}
	}
	return up >= 2
}

func joinToks(toks []token, from, to int) string {
	var b strings.Builder
	n := 0
	for i := from; i < to; i++ {
		n += len(toks[i].s) + 1
	}
	b.Grow(n)
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

// negatedBefore reports whether a negation stands within n words before
// toks[i] in its clause (up to a comma or a semicolon).
func (r *reader) negatedBefore(toks []token, i, n int) bool {
	for k := i - 1; k >= 0 && k >= i-n && toks[k].sent == toks[i].sent; k-- {
		// ("and not go back, no notice": a comma or a semicolon ends
		// what a "not" before it denies, fresh-51)
		if toks[k].l == "," || toks[k].l == ";" {
			return false
		}
		if r.v.Common.Neg.has(&toks[k]) || r.v.Common.NegEnd.endsWord(toks[k].l) {
			return true
		}
	}
	return false
}
