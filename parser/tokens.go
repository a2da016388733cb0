package parser

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word or punctuation mark of the writer's text.
type token struct {
	s     string // as written
	l     string // lower case
	sent  int    // sentence number
	punct bool   // punctuation (, ; : ( ) " and the like)
	cap   bool   // starts with an upper-case letter
	end   bool   // last token of its sentence
	cls   wordClass
}

// abbreviations whose final period does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true, "sr": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "vs": true, "etc": true, "approx": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "no": false, "mt": true, "ft": true,
	"e.g": true, "i.e": true, "a.m": true, "p.m": true, "u.s": true, "pvt": true, "ar": true, "pharm": true,
	"engr": true, "atty": true, "rev": true, "fr": true, "capt": true, "sgt": true, "bros": true, "intl": true,
}

func isPunctRune(r rune) bool {
	switch r {
	case ',', ';', ':', '(', ')', '"', '[', ']', '{', '}', '“', '”', '«', '»', '–', '—', '*', '|', '<', '>':
		return true
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isSentenceEnd(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// tokenize splits text into tokens and numbers its sentences. Paragraph
// breaks (blank lines) and lines that stand alone (a greeting, a sign-off)
// end sentences; other line breaks are spaces, because mail is hard-wrapped.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5)
	sent := 0
	endSentence := func() {
		if n := len(toks); n > 0 && toks[n-1].sent == sent {
			toks[n-1].end = true
			sent++
		}
	}
	lines := strings.Split(text, "\n")
	for li, line := range lines {
		trim := strings.TrimSpace(line)
		if trim == "" {
			endSentence()
			continue
		}
		tokenizeLine(trim, &toks, &sent, endSentence)
		// A short line followed by a line break is a unit of its own
		// ("Hi Sam," / "Thanks," / "Jordan"), and so is a line ending
		// with a colon.
		next := ""
		if li+1 < len(lines) {
			next = strings.TrimSpace(lines[li+1])
		}
		if len(trim) < 40 || next == "" || strings.HasSuffix(trim, ":") {
			endSentence()
		}
	}
	endSentence()
	return toks
}

func tokenizeLine(s string, toks *[]token, sent *int, endSentence func()) {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if r == ',' && i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) && len(*toks) > 0 {
			// "1,800": the comma is inside the number; glue the rest on.
			j := i + 1
			for j < len(s) && (isDigit(s[j]) || s[j] == ',') {
				j++
			}
			last := &(*toks)[len(*toks)-1]
			if strings.HasSuffix(s[:i], last.s) {
				last.s += s[i:j]
				last.l = last.s
				i = j
				continue
			}
		}
		if isPunctRune(r) {
			*toks = append(*toks, token{s: s[i : i+size], l: s[i : i+size], sent: *sent, punct: true, cls: lexicon[s[i:i+size]]})
			i += size
			continue
		}
		if isSentenceEnd(r) {
			i += size
			for i < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[i:])
				if !isSentenceEnd(r2) {
					break
				}
				i += sz
			}
			endSentence()
			continue
		}
		// A word: up to space, punctuation, or a sentence end that is
		// followed by space or the end of the line.
		j := i
		for j < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r2) || isPunctRune(r2) {
				break
			}
			if isSentenceEnd(r2) {
				// "1.2", "a.m", "example.com": a period inside a word stays.
				if j+sz < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+sz:])
					if !unicode.IsSpace(r3) && !isPunctRune(r3) && !isSentenceEnd(r3) && r2 == '.' {
						j += sz
						continue
					}
				}
				break
			}
			j += sz
		}
		w := strings.Trim(s[i:j], "'‘’`")
		i = j
		if w == "" {
			continue
		}
		// An abbreviation keeps its period and does not end the sentence.
		lw := lower(w)
		if i < len(s) && s[i] == '.' && abbreviations[lw] {
			w, lw = w+".", lw+"."
			i++
		}
		first, _ := utf8.DecodeRuneInString(w)
		cls := lexicon[lw]
		if strings.HasSuffix(lw, "'s") {
			cls |= lexicon[lw[:len(lw)-2]] & possessiveClasses // "the director's name"
		}
		if strings.IndexByte(lw, '/') > 0 {
			// "chef/owner" is both
			for _, part := range strings.Split(lw, "/") {
				cls |= lexicon[part]
			}
		} else if strings.IndexByte(lw, '-') > 0 && cls == 0 {
			// "chef-owner": a title if its last part is one
			if k := strings.LastIndexByte(lw, '-'); k+1 < len(lw) {
				cls |= lexicon[lw[k+1:]] & possessiveClasses
			}
		}
		*toks = append(*toks, token{s: w, l: lw, sent: *sent, cap: unicode.IsUpper(first), cls: cls})
	}
}

// lower is strings.ToLower without an allocation for text that is already
// lower-case ASCII.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// sentences returns the token index ranges [start, end) of each sentence.
func sentences(toks []token) [][2]int {
	var out [][2]int
	start := 0
	for i := range toks {
		if i == len(toks)-1 || toks[i+1].sent != toks[i].sent {
			out = append(out, [2]int{start, i + 1})
			start = i + 1
		}
	}
	return out
}

// pattern is a compiled phrase such as "i ?was|got fired|sacked":
// space-separated slots, alternatives split by "|", a slot starting with "?"
// is optional, "~N" skips up to N words. Matching is on lower-case tokens,
// inside one sentence, ignoring punctuation only where a slot says ",".
type pattern struct {
	src   string
	slots []slot
}

type slot struct {
	alts []string
	opt  bool
	gap  int
}

func compile(src string) pattern {
	p := pattern{src: src}
	for _, f := range strings.Fields(src) {
		var s slot
		if strings.HasPrefix(f, "~") {
			n := 0
			for _, c := range f[1:] {
				n = n*10 + int(c-'0')
			}
			s.gap = n
		} else {
			if strings.HasPrefix(f, "?") {
				s.opt = true
				f = f[1:]
			}
			s.alts = strings.Split(f, "|")
		}
		p.slots = append(p.slots, s)
	}
	return p
}

// patternSet is a list of patterns indexed by the words they can start
// with, so that a text is scanned once with one map look-up per token.
type patternSet struct {
	cls   wordClass // the words patterns can start with
	pats  []pattern
	first map[string][]int // first word -> pattern indexes, in list order
	any   []int            // patterns whose first slot is optional
}

func compileAll(srcs ...string) *patternSet {
	ps := &patternSet{pats: make([]pattern, len(srcs)), first: map[string][]int{}, cls: newClass()}
	for i, s := range srcs {
		ps.pats[i] = compile(s)
		first := ps.pats[i].slots[0]
		if first.opt || first.gap > 0 {
			ps.any = append(ps.any, i)
			continue
		}
		for _, a := range first.alts {
			ps.first[a] = append(ps.first[a], i)
			lexicon[a] |= ps.cls
		}
	}
	return ps
}

func (s *slot) matches(t *token) bool {
	for _, a := range s.alts {
		if t.l == a {
			return true
		}
	}
	return false
}

// match reports the end (exclusive) of a match of p starting at toks[i], or -1.
func (p *pattern) match(toks []token, i int) int {
	return p.matchFrom(toks, i, 0, toks[i].sent)
}

func (p *pattern) matchFrom(toks []token, i, si, sent int) int {
	if si == len(p.slots) {
		return i
	}
	s := &p.slots[si]
	if s.gap > 0 {
		for k := 0; k <= s.gap; k++ {
			if i+k > len(toks) {
				break
			}
			if k > 0 && (toks[i+k-1].sent != sent || toks[i+k-1].punct) {
				break
			}
			if e := p.matchFrom(toks, i+k, si+1, sent); e >= 0 {
				return e
			}
		}
		return -1
	}
	if i < len(toks) && toks[i].sent == sent && s.matches(&toks[i]) {
		if e := p.matchFrom(toks, i+1, si+1, sent); e >= 0 {
			return e
		}
	}
	if s.opt {
		return p.matchFrom(toks, i, si+1, sent)
	}
	return -1
}

// find returns the start and end of the first match of any pattern of ps in
// toks[from:to], or -1, -1.
func find(toks []token, from, to int, ps *patternSet) (int, int, *pattern) {
	for i := from; i < to; i++ {
		if toks[i].cls&ps.cls == 0 && len(ps.any) == 0 {
			continue
		}
		for _, k := range ps.first[toks[i].l] {
			if e := ps.pats[k].match(toks, i); e >= 0 {
				return i, e, &ps.pats[k]
			}
		}
		for _, k := range ps.any {
			if e := ps.pats[k].match(toks, i); e >= 0 {
				return i, e, &ps.pats[k]
			}
		}
	}
	return -1, -1, nil
}

// wordClass is a set of words, one bit of a token's cls: each token is looked
// up once, when it is made, and every later "is it one of these words?" is a
// bit test. There are at most 64 classes.
type wordClass uint64

// possessiveClasses are the classes a word keeps with "'s" on it; set once
// the classes exist (see extract.go).
var possessiveClasses wordClass

// lexicon maps a lower-case word to the classes it belongs to.
var lexicon = map[string]wordClass{}

var classes uint

func newClass() wordClass {
	if classes == 64 {
		panic("parser: more than 64 word classes")
	}
	c := wordClass(1) << classes
	classes++
	return c
}

// wordSet makes a class of words.
func wordSet(words ...string) wordClass {
	c := newClass()
	for _, w := range words {
		lexicon[w] |= c
	}
	return c
}

// has reports whether the token is one of the class's words.
func (c wordClass) has(t *token) bool { return t.cls&c != 0 }

// word reports whether a lower-case string is one of the class's words.
func (c wordClass) word(s string) bool { return lexicon[s]&c != 0 }

// hasWord reports whether any token of toks[from:to] is one of words.
func hasWord(toks []token, from, to int, words wordClass) bool {
	for i := from; i < to; i++ {
		if toks[i].cls&words != 0 {
			return true
		}
	}
	return false
}
