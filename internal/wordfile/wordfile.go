// Package wordfile reads the word lists that the responder and the
// templates keep as data rather than in Go (responder/words.txt,
// templates/words.txt, responder/letter_words.txt).
//
// A file is a run of sections. A section opens with a line "[name]"; the
// lines before the first header belong to the section named "". A line
// is either a comment (it starts with "#"), blank, a pair "from = to", or
// entries separated by commas ("head, chief, store manager"), with a comma
// at its end when the list goes on to the next line. Entries are
// trimmed of space and kept as written: the code that reads them decides
// about case. A section is either all pairs or all entries.
package wordfile

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// File is one parsed word file.
type File struct {
	name     string
	sections map[string]*section

	mu   sync.Mutex
	used map[string]bool
}

type section struct {
	line    int // of its header
	entries []string
	pairs   [][2]string
}

// Parse reads a word file. name is used in errors ("words.txt:12: ...").
// A malformed line, a section given twice or one that mixes pairs with
// plain entries is an error naming its line.
func Parse(name, text string) (*File, error) {
	f := &File{name: name, sections: map[string]*section{}, used: map[string]bool{}}
	cur := &section{}
	f.sections[""] = cur
	for n, line := range strings.Split(text, "\n") {
		n++
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "["):
			name, ok := strings.CutSuffix(line[1:], "]")
			name = strings.TrimSpace(name)
			if !ok || name == "" || strings.ContainsAny(name, "[]") {
				return nil, fmt.Errorf("cannot read %s:%d: a section header is \"[name]\", not %q", f.name, n, line)
			}
			if _, dup := f.sections[name]; dup {
				return nil, fmt.Errorf("cannot read %s:%d: section [%s] given twice", f.name, n, name)
			}
			cur = &section{line: n}
			f.sections[name] = cur
		case strings.Contains(line, "="):
			from, to, _ := strings.Cut(line, "=")
			from, to = strings.TrimSpace(from), strings.TrimSpace(to)
			if from == "" || to == "" || len(cur.entries) > 0 {
				return nil, fmt.Errorf("cannot read %s:%d: %q: a pair needs words on both sides of \"=\", in a section of pairs only", f.name, n, line)
			}
			cur.pairs = append(cur.pairs, [2]string{from, to})
		default:
			if len(cur.pairs) > 0 {
				return nil, fmt.Errorf("cannot read %s:%d: %q: plain entries in a section of pairs", f.name, n, line)
			}
			for _, e := range strings.Split(strings.TrimSuffix(line, ","), ",") {
				e = strings.TrimSpace(e)
				if e == "" {
					return nil, fmt.Errorf("cannot read %s:%d: an empty entry (two commas, or one at an end)", f.name, n)
				}
				cur.entries = append(cur.entries, e)
			}
		}
	}
	if s := f.sections[""]; len(s.entries) == 0 && len(s.pairs) == 0 {
		delete(f.sections, "")
	}
	return f, nil
}

// MustParse is Parse for a file embedded in the binary, whose errors are
// the program's own: it panics on one.
func MustParse(name, text string) *File {
	f, err := Parse(name, text)
	if err != nil {
		panic(err)
	}
	return f
}

func (f *File) section(name string, pairs bool) *section {
	s, ok := f.sections[name]
	if !ok {
		panic(fmt.Sprintf("wordfile: %s has no section [%s]", f.name, name))
	}
	if pairs && len(s.entries) > 0 || !pairs && len(s.pairs) > 0 {
		panic(fmt.Sprintf("wordfile: %s:%d: section [%s] is not of the kind its reader expects (pairs or entries)", f.name, s.line, name))
	}
	f.mu.Lock()
	f.used[name] = true
	f.mu.Unlock()
	return s
}

// List returns a section's entries in file order. It panics if there is
// no such section or it holds pairs.
func (f *File) List(name string) []string {
	return slices.Clone(f.section(name, false).entries)
}

// Set returns a section's entries as a set.
func (f *File) Set(name string) map[string]bool {
	s := f.section(name, false)
	m := make(map[string]bool, len(s.entries))
	for _, e := range s.entries {
		m[e] = true
	}
	return m
}

// Pairs returns a section's pairs in file order.
func (f *File) Pairs(name string) [][2]string {
	return slices.Clone(f.section(name, true).pairs)
}

// Map returns a section's pairs as a map from the left side to the right.
func (f *File) Map(name string) map[string]string {
	s := f.section(name, true)
	m := make(map[string]string, len(s.pairs))
	for _, p := range s.pairs {
		m[p[0]] = p[1]
	}
	return m
}

// Unused returns the sections no reader has asked for, sorted: a test can
// check that every list in a file is in use.
func (f *File) Unused() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, name := range slices.Sorted(maps.Keys(f.sections)) {
		if !f.used[name] {
			out = append(out, name)
		}
	}
	return out
}
