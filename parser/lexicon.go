package parser

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The parser's knowledge of a language is data: lang/<code>/*.txt, embedded
// in the binary. Each file holds named lists:
//
//	# a comment
//	[boss_title alt]        a list: its name, then its flags
//	manager                 one entry a line
//	head chef               a phrase: words in order
//	let ?me|us go           "|" alternatives (single words), "?" an optional word
//	(went to|spoke up) hr   a group: alternatives that may be phrases
//	clear ~2 desk           "~N" up to N other words (not punctuation)
//	<boss_title> said       "<name>" any word of another list
//	boss name = boss        " = " gives the entry a value
//
// A slot is one space-separated field, so "notice|two weeks" is the slot
// "notice|two" followed by the slot "weeks": write "(notice|two weeks)".
//
// Flags: "typo" lets a misspelt word count (one edit away from an entry of
// five letters or more, when the misspelling is not itself a real word);
// "alt" lets a word count through its possessive or a compound ("director's",
// "chef/owner", "sous-chef").
//
// The extractors name the lists they need in struct tags (see vocab); a
// lexicon lacking one is refused when it is loaded, so a second language is
// a second folder with the same list names, and no extractor changes.
//
//go:embed lang
var langFS embed.FS

// List is one named list of a lexicon: a set of words, or of phrases.
type List struct {
	idx    int // its bit in a word's row
	Name   string
	Source string // file:line of its header, for explanations
	Typo   bool
	Alt    bool

	lx      *Lexicon
	bits    []uint64 // words that can start a match (every word, for a word list)
	pats    []pattern
	gate    []int32           // per pattern: a word it needs after its first (the longest such), or -1
	first   map[int32][]int32 // first word -> patterns, in list order
	table   []start           // first, for lookups (indexFirst)
	mask    uint32
	loose   []int32           // patterns whose first slot is optional, a gap or a list
	words   bool              // every entry is a single plain word
	refs    []string          // lists named in <...>, resolved after loading
	entries map[string]string // entry as written -> its value ("boss name = boss")
	vals    map[int32]string  // single-word entry -> its value
}

// Lexicon is everything the parser knows of one language.
type Lexicon struct {
	Lang  string
	ids   map[string]int32 // every word of every list
	words []string         // id -> word
	lists map[string]*List

	// rows[id] has a bit per list (List.idx) that the word can start a
	// match of; a token's own row (token.mem) adds what its possessive
	// base and its misspelling start, for the lists that take them.
	rows    [][]uint64
	zeroRow []uint64
	// seenLen is the length of a message's seen set: a bit per word.
	seenLen  int
	altMask  []uint64
	typoMask []uint64

	typoTargets map[string][]int32 // a word and its one-letter deletions -> target ids
	typoBloom   []uint64           // hashes of typoTargets' keys: most words need no look-up
	realWords   map[string]bool    // real words never read as a misspelling
	vocab       vocab
}

const noID int32 = -1

func (lx *Lexicon) intern(w string) int32 {
	if id, ok := lx.ids[w]; ok {
		return id
	}
	id := int32(len(lx.words))
	lx.ids[w] = id
	lx.words = append(lx.words, w)
	return id
}

// id returns a word's id, or noID.
func (lx *Lexicon) id(w string) int32 {
	if id, ok := lx.ids[w]; ok {
		return id
	}
	return noID
}

// List returns the named list, or nil.
func (lx *Lexicon) List(name string) *List { return lx.lists[name] }

// LoadLexicon reads the lists of one language from fsys (every *.txt file
// in dir) and checks that it has every list the extractors need.
func LoadLexicon(fsys fs.FS, dir, lang string) (*Lexicon, error) {
	lx := &Lexicon{Lang: lang, ids: map[string]int32{}, lists: map[string]*List{}, realWords: map[string]bool{}}
	files, err := fs.Glob(fsys, path.Join(dir, "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("cannot list lexicon files: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("cannot load lexicon %q: no .txt files in %s", lang, dir)
	}
	sort.Strings(files)
	type entry struct {
		l      *List
		src    string
		source string
	}
	var entries []entry
	for _, name := range files {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("cannot read lexicon file: %w", err)
		}
		var cur *List
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if i := strings.Index(line, " #"); i >= 0 {
				line = line[:i]
			}
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			where := fmt.Sprintf("%s:%d", path.Base(name), n)
			if strings.HasPrefix(line, "[") {
				if !strings.HasSuffix(line, "]") {
					return nil, fmt.Errorf("cannot load lexicon: %s: header %q has no closing ]", where, line)
				}
				f := strings.Fields(line[1 : len(line)-1])
				if len(f) == 0 {
					return nil, fmt.Errorf("cannot load lexicon: %s: empty list name", where)
				}
				if lx.lists[f[0]] != nil {
					return nil, fmt.Errorf("cannot load lexicon: %s: list %q defined twice", where, f[0])
				}
				cur = &List{Name: f[0], Source: where, lx: lx, first: map[int32][]int32{}, words: true, entries: map[string]string{}, vals: map[int32]string{}}
				for _, flag := range f[1:] {
					switch flag {
					case "typo":
						cur.Typo = true
					case "alt":
						cur.Alt = true
					default:
						return nil, fmt.Errorf("cannot load lexicon: %s: unknown flag %q", where, flag)
					}
				}
				lx.lists[cur.Name] = cur
				continue
			}
			if cur == nil {
				return nil, fmt.Errorf("cannot load lexicon: %s: entry before any [list] header", where)
			}
			if cur.Name == "real_words" {
				lx.realWords[strings.ToLower(line)] = true
				continue
			}
			src, val, _ := strings.Cut(line, " = ")
			src = strings.ToLower(strings.TrimSpace(src))
			cur.entries[src] = strings.TrimSpace(val)
			entries = append(entries, entry{cur, src, where})
		}
	}
	// Words first, so that every list's bit set can hold every id.
	for _, e := range entries {
		p, err := lx.compile(e.src, e.l)
		if err != nil {
			return nil, fmt.Errorf("cannot load lexicon: %s: %w", e.source, err)
		}
		p.val = e.l.entries[e.src]
		p.where = e.source
		e.l.pats = append(e.l.pats, p)
	}
	for _, l := range lx.lists {
		for _, r := range l.refs {
			if lx.lists[r] == nil {
				return nil, fmt.Errorf("cannot load lexicon: list %s (%s) names <%s>, which does not exist", l.Name, l.Source, r)
			}
		}
	}
	n := (len(lx.words) + 63) / 64
	for _, l := range lx.lists {
		l.bits = make([]uint64, n)
		l.gate = make([]int32, len(l.pats))
		for i := range l.pats {
			p := &l.pats[i]
			s := &p.slots[0]
			if len(p.slots) != 1 || s.opt || s.gap > 0 || len(s.lists) > 0 || len(s.ids) != 1 || len(s.seqs) > 0 {
				l.words = false
			}
			for _, s := range p.slots[1:] {
				if s.opt || s.gap > 0 || len(s.lists) > 0 || len(s.ids)+len(s.seqs) == 0 {
					continue
				}
				ids := append([]int32(nil), s.ids...)
				for _, seq := range s.seqs {
					ids = append(ids, seq[0])
				}
				p.need = append(p.need, ids)
			}
			l.gate[i] = -1
			for _, ids := range p.need {
				if len(ids) == 1 && (l.gate[i] < 0 || len(lx.words[ids[0]]) > len(lx.words[l.gate[i]])) {
					l.gate[i] = ids[0] // long words are the rarer
				}
			}
			if s.opt || s.gap > 0 || len(s.lists) > 0 {
				l.loose = append(l.loose, int32(i))
				continue
			}
			for _, seq := range s.seqs {
				id := seq[0]
				l.bits[id>>6] |= 1 << (id & 63)
				l.first[id] = append(l.first[id], int32(i))
			}
			for _, id := range s.ids {
				l.bits[id>>6] |= 1 << (id & 63)
				l.first[id] = append(l.first[id], int32(i))
				if len(p.slots) == 1 && !s.opt {
					if _, seen := l.vals[id]; !seen {
						l.vals[id] = p.val
					}
				}
			}
		}
	}
	lx.buildRows()
	lx.buildTypos()
	if err := lx.bind(&lx.vocab); err != nil {
		return nil, err
	}
	return lx, nil
}

// buildRows gives every word its row of list bits.
func (lx *Lexicon) buildRows() {
	names := make([]string, 0, len(lx.lists))
	for n := range lx.lists {
		names = append(names, n)
	}
	sort.Strings(names)
	w := (len(names) + 63) / 64
	lx.zeroRow = make([]uint64, w)
	lx.altMask = make([]uint64, w)
	lx.typoMask = make([]uint64, w)
	backing := make([]uint64, w*len(lx.words))
	lx.rows = make([][]uint64, len(lx.words))
	for i := range lx.rows {
		lx.rows[i] = backing[i*w : (i+1)*w : (i+1)*w]
	}
	for i, n := range names {
		l := lx.lists[n]
		l.idx = i
		if l.Alt {
			lx.altMask[i>>6] |= 1 << (i & 63)
		}
		if l.Typo {
			lx.typoMask[i>>6] |= 1 << (i & 63)
		}
		for id := range lx.words {
			if l.bit(int32(id)) {
				lx.rows[id][i>>6] |= 1 << (i & 63)
			}
		}
	}
	for _, n := range names {
		lx.lists[n].indexFirst()
	}
	lx.seenLen = (len(lx.words) + 63) / 64
}

// start is the patterns of a list that one word can start: a slot of
// List.table.
type start struct {
	id   int32 // -1: empty
	pats []int32
}

// indexFirst builds l.table from l.first: an open-addressing table, at
// most half full, that firstOf probes without hashing a string.
func (l *List) indexFirst() {
	size := 1
	for size < 2*len(l.first) {
		size <<= 1
	}
	l.table = make([]start, size)
	for i := range l.table {
		l.table[i].id = -1
	}
	l.mask = uint32(size - 1)
	for id, pats := range l.first {
		k := slotOf(id) & l.mask
		for l.table[k].id >= 0 {
			k = (k + 1) & l.mask
		}
		l.table[k] = start{id: id, pats: pats}
	}
}

// slotOf spreads word ids over a table (Fibonacci hashing).
func slotOf(id int32) uint32 { return uint32(id) * 2654435769 >> 7 }

// firstOf returns the patterns of l that the word id can start.
func (l *List) firstOf(id int32) []int32 {
	if len(l.table) == 0 {
		return nil
	}
	for k := slotOf(id) & l.mask; ; k = (k + 1) & l.mask {
		switch s := &l.table[k]; s.id {
		case id:
			return s.pats
		case -1:
			return nil
		}
	}
}

// row returns the list bits of a token: its own word's, and its possessive
// base's and misspelling's for the lists that take them.
func (lx *Lexicon) row(id, alt, fix int32) *[]uint64 {
	base := &lx.zeroRow
	if id >= 0 {
		base = &lx.rows[id]
	}
	if alt < 0 && fix < 0 {
		return base
	}
	out := make([]uint64, len(*base))
	copy(out, *base)
	if alt >= 0 {
		for i, b := range lx.rows[alt] {
			out[i] |= b & lx.altMask[i]
		}
	}
	if fix >= 0 {
		for i, b := range lx.rows[fix] {
			out[i] |= b & lx.typoMask[i]
		}
	}
	return &out
}

// fields splits an entry into its slots: words separated by spaces, where
// a group in parentheses is one slot whose alternatives may be phrases:
// "(went to|spoke up)".
func fields(src string) ([]string, error) {
	var out []string
	for src = strings.TrimSpace(src); src != ""; src = strings.TrimSpace(src) {
		if (src[0] == '(' || strings.HasPrefix(src, "?(")) && len(src) > 2 && src[len(src)-len(strings.TrimLeft(src, "?("))] != ' ' {
			end := strings.IndexByte(src, ')')
			if end < 0 {
				return nil, fmt.Errorf("unclosed ( in %q", src)
			}
			out = append(out, src[:end+1])
			src = src[end+1:]
			continue
		}
		i := strings.IndexAny(src, " \t")
		if i < 0 {
			i = len(src)
		}
		out = append(out, src[:i])
		src = src[i:]
	}
	return out, nil
}

// compile reads one entry: slots separated by spaces.
func (lx *Lexicon) compile(src string, l *List) (pattern, error) {
	p := pattern{src: src}
	fs, err := fields(src)
	if err != nil {
		return p, err
	}
	for _, f := range fs {
		var s slot
		if strings.HasPrefix(f, "~") {
			n := 0
			for _, c := range f[1:] {
				if c < '0' || c > '9' {
					return p, fmt.Errorf("bad gap %q in %q", f, src)
				}
				n = n*10 + int(c-'0')
			}
			if n == 0 {
				return p, fmt.Errorf("bad gap %q in %q", f, src)
			}
			s.gap = n
			p.slots = append(p.slots, s)
			continue
		}
		if strings.HasPrefix(f, "?") {
			s.opt = true
			f = f[1:]
		}
		if len(f) > 1 && (strings.HasPrefix(f, "(") && !strings.HasSuffix(f, ")") || strings.HasSuffix(f, ")") && !strings.HasPrefix(f, "(") && strings.Contains(f, "|")) {
			// "(a|an)?": a bracket left open would be read as a word
			return p, fmt.Errorf("unbalanced brackets in %q of %q", f, src)
		}
		if len(f) > 2 && strings.HasPrefix(f, "(") && strings.HasSuffix(f, ")") {
			f = f[1 : len(f)-1]
			for _, a := range strings.Split(f, "|") {
				words := strings.Fields(a)
				if len(words) == 0 {
					return p, fmt.Errorf("empty alternative in %q", src)
				}
				for _, w := range words {
					// "(now|since ~4)": a gap or a mark of an optional word
					// inside a group would be read as a literal word
					if strings.HasPrefix(w, "~") || strings.HasPrefix(w, "?") {
						return p, fmt.Errorf("%q inside a group in %q: a gap or an optional word is a slot of its own", w, src)
					}
				}
				if len(words) == 1 {
					s.ids = append(s.ids, lx.intern(words[0]))
					continue
				}
				seq := make([]int32, len(words))
				for k, w := range words {
					seq[k] = lx.intern(w)
				}
				s.seqs = append(s.seqs, seq)
			}
			p.slots = append(p.slots, s)
			continue
		}
		for _, a := range strings.Split(f, "|") {
			if a == "" {
				return p, fmt.Errorf("empty alternative in %q", src)
			}
			if strings.HasPrefix(a, "<") && strings.HasSuffix(a, ">") {
				name := a[1 : len(a)-1]
				s.refs = append(s.refs, name)
				l.refs = append(l.refs, name)
				continue
			}
			s.ids = append(s.ids, lx.intern(a))
		}
		p.slots = append(p.slots, s)
	}
	if len(p.slots) == 0 {
		return p, fmt.Errorf("empty entry")
	}
	if p.slots[len(p.slots)-1].gap > 0 {
		return p, fmt.Errorf("%q ends with a gap", src)
	}
	return p, nil
}

// bind resolves the <list> references of every pattern, and fills the
// *List fields of v (a pointer to a struct, recursively) from their `list`
// tags; a missing list is an error naming it.
func (lx *Lexicon) bind(v any) error {
	for _, l := range lx.lists {
		for i := range l.pats {
			for k := range l.pats[i].slots {
				s := &l.pats[i].slots[k]
				for _, r := range s.refs {
					s.lists = append(s.lists, lx.lists[r])
				}
			}
		}
	}
	var missing []string
	var walk func(rv reflect.Value)
	walk = func(rv reflect.Value) {
		rt := rv.Type()
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			fv := rv.Field(i)
			if f.Type.Kind() == reflect.Struct {
				walk(fv)
				continue
			}
			name := f.Tag.Get("list")
			if name == "" || f.Type != reflect.TypeOf((*List)(nil)) {
				continue
			}
			l := lx.lists[name]
			if l == nil {
				missing = append(missing, name)
				continue
			}
			fv.Set(reflect.ValueOf(l))
		}
	}
	walk(reflect.ValueOf(v).Elem())
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("cannot load lexicon %q: missing lists %s", lx.Lang, strings.Join(missing, ", "))
	}
	return nil
}

// Typo tolerance. A word of five letters or more in a "typo" list has its
// one-letter deletions indexed; a word of the text that no list knows, that
// is not a real word, and that is one edit (insertion, deletion,
// substitution or swap of neighbours) from exactly one such word, is read
// as that word by the "typo" lists.
const minTypoLen = 5

func (lx *Lexicon) buildTypos() {
	lx.typoTargets = map[string][]int32{}
	lx.typoBloom = make([]uint64, bloomBits/64)
	add := func(k string, id int32) {
		h := bloomHash([]byte(k))
		lx.typoBloom[h>>6&(bloomBits/64-1)] |= 1 << (h & 63)
		for _, x := range lx.typoTargets[k] {
			if x == id {
				return
			}
		}
		lx.typoTargets[k] = append(lx.typoTargets[k], id)
	}
	for _, l := range lx.lists {
		if !l.Typo {
			continue
		}
		for i := range l.pats {
			for _, s := range l.pats[i].slots {
				ids := s.ids
				for _, seq := range s.seqs {
					ids = append(ids[:len(ids):len(ids)], seq...)
				}
				for _, id := range ids {
					w := lx.words[id]
					if utf8.RuneCountInString(w) < minTypoLen || !allLetters(w) {
						continue
					}
					add(w, id)
					forDeletions(w, func(d string) { add(d, id) })
				}
			}
		}
	}
}

func allLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// forDeletions calls f with every string made by deleting one character of
// w (ASCII words only: the misspellings handled are English ones).
func forDeletions(w string, f func(string)) {
	for i := 0; i < len(w); i++ {
		f(w[:i] + w[i+1:])
	}
}

// typo returns the id of the one listed word the unknown word l misspells,
// or noID.
func (lx *Lexicon) typo(l string) int32 {
	if len(l) < minTypoLen || len(l) > 20 || !isASCIILetters(l) || lx.realWords[l] {
		return noID
	}
	// Two candidates are one word misread two ways, unless one is the
	// other with an ending: then it is the longer ("terminatd" is
	// "terminated", not "terminate", fresh-55). A final "t" for "d" is how
	// speakers of German, Dutch, Polish or Russian often end a past tense
	// ("terminatet", fresh-55): that reading wins over the others.
	var cands [4]int32
	n := 0
	check := func(k []byte) {
		if h := bloomHash(k); lx.typoBloom[h>>6&(bloomBits/64-1)]&(1<<(h&63)) == 0 {
			return
		}
		for _, id := range lx.typoTargets[string(k)] {
			if slices.Contains(cands[:min(n, len(cands))], id) || !oneEdit(l, lx.words[id]) {
				continue
			}
			if n == len(cands) {
				n++ // three: not a typo we can read
				return
			}
			cands[n] = id
			n++
		}
	}
	var buf [20]byte
	check(append(buf[:0], l...))
	for i := 0; i < len(l) && n <= len(cands); i++ {
		check(append(append(buf[:0], l[:i]...), l[i+1:]...))
	}
	if n > len(cands) {
		return noID
	}
	if n > 1 && l[len(l)-1] == 't' {
		for _, id := range cands[:n] {
			if w := lx.words[id]; len(w) == len(l) && w[len(w)-1] == 'd' && w[:len(w)-1] == l[:len(l)-1] {
				return id
			}
		}
	}
	// A past tense written without its "e" ("walkd off the job": "walked",
	// not "walks", fresh-67's bo21) wins over the other readings too.
	if n > 1 && l[len(l)-1] == 'd' {
		for _, id := range cands[:n] {
			if w := lx.words[id]; len(w) == len(l)+1 && strings.HasSuffix(w, "ed") && w[:len(w)-2] == l[:len(l)-1] {
				return id
			}
		}
	}
	switch {
	case n == 1:
		return cands[0]
	case n == 2:
		a, b := lx.words[cands[0]], lx.words[cands[1]]
		if len(a) < len(b) {
			a, b = b, a
			cands[0], cands[1] = cands[1], cands[0]
		}
		if strings.HasPrefix(a, b) {
			return cands[0]
		}
	}
	return noID
}

const bloomBits = 1 << 16

// bloomHash is FNV-1a: a cheap first test before a map look-up.
func bloomHash(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// oneEdit reports whether a and b (ASCII) differ by exactly one insertion,
// deletion, substitution or transposition of neighbours.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la > lb:
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}

// has reports whether the token is one of the list's words (for a list of
// phrases: a word that can start one).
func (l *List) has(t *token) bool {
	return (*t.mem)[l.idx>>6]&(1<<(uint(l.idx)&63)) != 0
}

func (l *List) bit(id int32) bool {
	return id >= 0 && int(id>>6) < len(l.bits) && l.bits[id>>6]&(1<<(uint(id)&63)) != 0
}

// word reports whether a lower-case word is one of the list's words.
func (l *List) word(s string) bool { return l.bit(l.lx.id(s)) }

// value returns the value of an entry given exactly as written in the list
// ("boss name = boss" gives "boss" for "boss name"), and whether it is one.
func (l *List) value(s string) (string, bool) {
	v, ok := l.entries[s]
	return v, ok
}

// val returns the value of the single-word entry the token is ("june = 6"),
// and whether it is one.
func (l *List) val(t *token) (string, bool) {
	if v, ok := l.vals[t.id]; ok && t.id >= 0 {
		return v, true
	}
	if l.Typo && t.fix >= 0 {
		if v, ok := l.vals[t.fix]; ok {
			return v, true
		}
	}
	return "", false
}

// endsWord reports whether the word ends with one of the list's entries
// (a list of endings: "n't", "ing").
func (l *List) endsWord(s string) bool {
	for i := range l.pats {
		if e := l.pats[i].src; len(s) > len(e) && strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}
