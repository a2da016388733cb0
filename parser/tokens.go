package parser

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// token is one word or punctuation mark of the writer's text.
type token struct {
	s     string    // as written
	l     string    // lower case
	sent  int       // sentence number
	punct bool      // punctuation (, ; : ( ) " and the like)
	cap   bool      // starts with an upper-case letter
	end   bool      // last token of its sentence
	id    int32     // the word in the lexicon, or noID
	alt   int32     // its possessive's or compound's last word ("director's", "chef/owner"), or noID
	fix   int32     // the listed word it misspells, or noID
	ask   bool      // a question mark follows it
	mem   *[]uint64 // the lists it can start a match of (see Lexicon.row); shared by tokens of the same word
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
func (lx *Lexicon) tokenize(text string) []token {
	return lx.tokenizeInto(nil, text)
}

// tokPool keeps the token slices of parsed messages for the next: a
// message's tokens are the parser's largest allocation.
var tokPool = sync.Pool{New: func() any { return new([]token) }}

// bitsPool keeps the bit sets of a message's lists and words (reader.present
// and reader.seen) for the next.
var bitsPool = sync.Pool{New: func() any { return new([]uint64) }}

// tokenizeInto is tokenize, reusing buf's memory when it is large enough.
func (lx *Lexicon) tokenizeInto(buf []token, text string) []token {
	toks := buf[:0]
	if n := tokenBound(text); cap(toks) < n {
		toks = make([]token, 0, n)
	}
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
		lx.tokenizeLine(trim, &toks, &sent, endSentence)
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

func (lx *Lexicon) tokenizeLine(s string, toks *[]token, sent *int, endSentence func()) {
	var buf []byte
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
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
			p := s[i : i+size]
			id := lx.id(p)
			*toks = append(*toks, token{s: p, l: p, sent: *sent, punct: true, id: id, alt: noID, fix: noID, mem: lx.row(id, noID, noID)})
			i += size
			continue
		}
		if isSentenceEnd(r) {
			if r == '?' && len(*toks) > 0 && (*toks)[len(*toks)-1].sent == *sent {
				(*toks)[len(*toks)-1].ask = true // the sentence is a question
			}
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
			if isSpace(r2) || isPunctRune(r2) {
				break
			}
			if isSentenceEnd(r2) {
				// "1.2", "a.m", "example.com": a period inside a word stays.
				if j+sz < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+sz:])
					if !isSpace(r3) && !isPunctRune(r3) && !isSentenceEnd(r3) && r2 == '.' {
						j += sz
						continue
					}
				}
				break
			}
			j += sz
		}
		w := trimQuotes(s[i:j])
		i = j
		if w == "" {
			continue
		}
		// An abbreviation keeps its period and does not end the sentence.
		lw, id := lx.lowerWord(w, &buf)
		initial := len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' && i+2 < len(s) && s[i+1] == ' ' && s[i+2] >= 'A' && s[i+2] <= 'Z'
		if i < len(s) && s[i] == '.' && (lx.vocab.Abbreviations.word(lw) || initial) {
			w, lw, id = w+".", lw+".", unknownID
			i++
		} else if i < len(s) && s[i] == '.' && len(w) <= 2 && isDigit(w[0]) && isDigit(w[len(w)-1]) && lx.monthNext(s[i+1:]) {
			i++ // "der 30. September": a day of the month, not a sentence's end
		}
		first, _ := utf8.DecodeRuneInString(w)
		upper := unicode.IsUpper(first)
		// A capitalised word inside a sentence is a name far more often
		// than a misspelling; ALL-CAPS writing is still read for typos.
		name := upper && len(*toks) > 0 && (*toks)[len(*toks)-1].sent == *sent && !allUpper(w)
		*toks = append(*toks, lx.word(w, lw, id, *sent, upper, !name))
	}
}

// word makes the token of one word: its id, the id of its possessive's or
// compound's base, and, for a word no list knows, the word it misspells.
func (lx *Lexicon) word(w, lw string, id int32, sent int, upper, typos bool) token {
	if id == unknownID {
		id = lx.id(lw)
	}
	t := token{s: w, l: lw, sent: sent, cap: upper, id: id, alt: noID, fix: noID}
	if t.id == noID {
		// "havent", "dont", "im": read as written with the apostrophe
		if full, ok := lx.vocab.Contractions.entries[lw]; ok && full != "" {
			t.id = lx.id(full)
		}
	}
	switch {
	case strings.HasSuffix(lw, "'s") && len(lw) > 2:
		t.alt = lx.id(lw[:len(lw)-2]) // "the director's name"
	case strings.IndexByte(lw, '/') > 0:
		// "chef/owner": the first part that is a word of ours
		for _, part := range strings.Split(lw, "/") {
			if id := lx.id(part); id != noID {
				t.alt = id
				break
			}
		}
	case strings.IndexByte(lw, '-') > 0 && t.id == noID:
		// "chef-owner": its last part
		if k := strings.LastIndexByte(lw, '-'); k+1 < len(lw) {
			t.alt = lx.id(lw[k+1:])
		}
	}
	if t.id == noID && typos {
		t.fix = lx.typo(lw)
	}
	t.mem = lx.row(t.id, t.alt, t.fix)
	return t
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

// tokenBound is a close upper bound on the tokens of text: one after each
// space or mark, so that the slice of tokens is made once.
func tokenBound(text string) int {
	n := 1
	for i := 0; i < len(text); i++ {
		n += int(boundByte[text[i]])
	}
	return n
}

// boundByte is 1 for the bytes after which tokenBound counts a token.
var boundByte = func() (t [256]uint8) {
	for _, c := range " \n\t,.;:()\"!?/" {
		t[c] = 1
	}
	return t
}()

// isSpace is unicode.IsSpace with a short way for ASCII.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// allUpper reports whether w has no lower-case letter ("TERMINATED").
func allUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// trimQuotes drops apostrophes and single quotes around a word
// ('sunset', ‘fit’), as strings.Trim(w, "'‘’`") would, without its
// general cut-set path.
func trimQuotes(w string) string {
	for {
		switch {
		case strings.HasPrefix(w, "'") || strings.HasPrefix(w, "`"):
			w = w[1:]
		case strings.HasPrefix(w, "‘") || strings.HasPrefix(w, "’"):
			w = w[len("‘"):]
		case strings.HasSuffix(w, "'") || strings.HasSuffix(w, "`"):
			w = w[:len(w)-1]
		case strings.HasSuffix(w, "‘") || strings.HasSuffix(w, "’"):
			w = w[:len(w)-len("’")]
		default:
			return w
		}
	}
}

// lowerWord is lower for a word of the text: a capitalised word the lexicon
// knows ("The", "Fired") is given the lexicon's own lower-case string, so
// reading it costs no allocation. buf is scratch space.
//
// It returns the word's id too, or unknownID if it did not look it up.
func (lx *Lexicon) lowerWord(w string, buf *[]byte) (string, int32) {
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(w), unknownID
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return w, unknownID
	}
	b := (*buf)[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	*buf = b
	if id, ok := lx.ids[string(b)]; ok {
		return lx.words[id], id
	}
	return string(b), noID
}

// unknownID says a word's id has not been looked up yet.
const unknownID = -2

// monthNext reports whether s, after spaces, starts with a month's name.
func (lx *Lexicon) monthNext(s string) bool {
	s = strings.TrimLeft(s, " \t")
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	return end > 0 && lx.vocab.When.Month.word(strings.ToLower(s[:end]))
}
