package parser

import (
	"bufio"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestRealWords checks lang/en/real_words.txt: the words of a dictionary
// that are one edit away from a word of a "typo" list, so that they are
// never read as misspellings of it ("design" is not "resign"). It needs a
// word list (one word a line), such as Debian's wamerican and wbritish,
// which .ci/run installs:
//
//	JOBBACK_DICT=/usr/share/dict/american-english:/usr/share/dict/british-english \
//	  go test ./parser -run TestRealWords
//
// It fails when the file is out of date (a word was added to a "typo"
// list); with JOBBACK_WRITE_REAL_WORDS=1 it writes the file instead.
func TestRealWords(t *testing.T) {
	dicts := os.Getenv("JOBBACK_DICT")
	if dicts == "" {
		t.Skip("JOBBACK_DICT not set: the real-words list is not checked (see .ci/run)")
	}
	lx := Lexicons()[0]
	real := map[string]bool{}
	for _, name := range strings.Split(dicts, ":") {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w := strings.ToLower(strings.TrimSpace(sc.Text()))
			w = strings.ReplaceAll(w, "’", "'")
			if isASCIILetters(w) {
				real[w] = true
			}
		}
		f.Close()
	}
	var out []string
	for w := range real {
		if lx.id(w) != noID || len(w) < minTypoLen {
			continue // a word of a list is read as itself
		}
		if typoCandidates(lx, w) > 0 {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	var b strings.Builder
	b.WriteString("# real_words.txt: real English words one edit away from a word of a \"typo\" list, so never read\n")
	b.WriteString("# as a misspelling of it (\"design\" is not \"resign\"). Made by TestWriteRealWords in\n")
	b.WriteString("# parser/realwords_test.go from Debian's wamerican and wbritish word lists; run it again after\n")
	b.WriteString("# adding a word to a \"typo\" list.\n\n[real_words]\n")
	for _, w := range out {
		b.WriteString(w + "\n")
	}
	if os.Getenv("JOBBACK_WRITE_REAL_WORDS") == "1" {
		if err := os.WriteFile("lang/en/real_words.txt", []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%d real words written", len(out))
		return
	}
	old, err := os.ReadFile("lang/en/real_words.txt")
	if err != nil {
		t.Fatal(err)
	}
	if string(old) != b.String() {
		t.Fatalf("lang/en/real_words.txt is out of date: run with JOBBACK_WRITE_REAL_WORDS=1 (it should hold %d words)", len(out))
	}
}

// typoCandidates counts the typo targets one edit from w, ignoring the
// real-words guard.
func typoCandidates(lx *Lexicon, w string) int {
	seen := map[int32]bool{}
	check := func(k string) {
		for _, id := range lx.typoTargets[k] {
			if oneEdit(w, lx.words[id]) {
				seen[id] = true
			}
		}
	}
	check(w)
	forDeletions(w, check)
	return len(seen)
}
