package parser

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestTrimQuotes(t *testing.T) {
	for in, want := range map[string]string{
		"'sunset'": "sunset", "‘fit’": "fit", "`x'": "x", "don't": "don't", "''": "", "’": "", "word": "word",
	} {
		if got := trimQuotes(in); got != want || got != strings.Trim(in, "'‘’`") {
			t.Errorf("trimQuotes(%q) = %q, want %q (as strings.Trim)", in, got, want)
		}
	}
}

// TestSeenShortCut: skipping a pattern whose needed words the text lacks
// (pattern.possible) never changes a match. Every list is searched from
// every token of every labelled message, with and without the short cut.
func TestSeenShortCut(t *testing.T) {
	lx := Lexicons()[0]
	files, err := filepath.Glob("testdata/*/*.eml")
	if err != nil || len(files) < 100 {
		t.Fatalf("too few messages: %d, %v", len(files), err)
	}
	pruned := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Parse(raw)
		if err != nil {
			continue // not a message (the bounce and broken-MIME sets hold some)
		}
		toks := lx.tokenize(m.Text)
		seen := make([]uint64, (len(lx.words)+63)/64)
		for i := range toks {
			for _, id := range [2]int32{toks[i].id, toks[i].fix} {
				if id >= 0 {
					seen[id>>6] |= 1 << (uint(id) & 63)
				}
			}
		}
		for _, l := range lx.lists {
			for _, p := range l.pats {
				if !p.possible(seen) {
					pruned++
				}
			}
			for i := range toks {
				a, b := l.at(toks, i), l.atSeen(toks, i, seen)
				if a.Start != b.Start || a.End != b.End || a.Pattern != b.Pattern {
					t.Fatalf("%s: list %s at token %d (%q): %v without the short cut, %v with it", f, l.Name, i, toks[i].s, a, b)
				}
			}
		}
	}
	if pruned == 0 {
		t.Error("the short cut never ruled a pattern out")
	}
}

// TestLexiconGroupGap: a gap or an optional mark inside a group is a load
// error, not a literal word ("(now|since ~4) working" once matched nothing).
func TestLexiconGroupGap(t *testing.T) {
	fsys := fstest.MapFS{}
	files, err := fs.Glob(langFS, "lang/en/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no lexicon files: %v", err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(langFS, f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: b}
	}
	if _, err := LoadLexicon(fsys, "lang/en", "en"); err != nil {
		t.Fatalf("the lexicon as shipped: %v", err)
	}
	for _, entry := range []string{"(now|since ~4) working", "(i am|?now) working", "without (a|an)? accident"} {
		fsys["lang/en/zz.txt"] = &fstest.MapFile{Data: []byte("[zz_group_test]\n" + entry + "\n")}
		if _, err := LoadLexicon(fsys, "lang/en", "en"); err == nil || !strings.Contains(err.Error(), entry) {
			t.Errorf("%q: error %v, want one naming the entry", entry, err)
		}
	}
}
