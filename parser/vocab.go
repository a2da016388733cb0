package parser

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// vocab is every list the extractors use, bound by name from a lexicon's
// data when it is loaded (see LoadLexicon). Each extractor's file declares
// its own part.
type vocab struct {
	Abbreviations  *List `list:"abbreviation"` // "Mr.", "Inc.": a period that does not end a sentence
	Stopwords      *List `list:"stopword"`     // the language's commonest words: to tell languages apart
	Contractions   *List `list:"contraction"`  // "havent = haven't": a word written without its apostrophe
	Common         commonWords
	Names          nameWords
	Key            keyWords
	Situation      situationWords
	Boss           bossWords
	Company        companyWords
	Role           roleWords
	When           whenWords
	Terms          termsWords
	Signal         signalWords
	Position       positionWords
	Accomplishment accomplishmentWords
	Reason         reasonWords
	Command        commandWords
	Question       questionWords
	Want           wantWords
	NewJob         newJobWords
	Improvement    improvementWords
	Place          placeWords
}

// keyWords are the lists that read "Key: value" lines (keys.txt).
type keyWords struct {
	Names       *List `list:"key"`          // "boss name = boss", "employer = company" ...
	OwnJob      *List `list:"own_job_word"` // "my role was", "my boss is": the writer speaks of their job
	ReplyPrefix *List `list:"reply_prefix"` // "re:", "fwd:": not part of a command in a subject
}

// Lexicons loads every language under lang/ of the embedded data, English
// first. It panics if the data is broken: that is a build defect, caught by
// the package's tests.
var Lexicons = sync.OnceValue(func() []*Lexicon {
	dirs, err := fs.ReadDir(langFS, "lang")
	if err != nil {
		panic(fmt.Sprintf("parser: cannot read embedded lexicons: %v", err))
	}
	var out []*Lexicon
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		lx, err := LoadLexicon(langFS, path.Join("lang", d.Name()), d.Name())
		if err != nil {
			panic("parser: " + err.Error())
		}
		out = append(out, lx)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Lang == "en" && out[j].Lang != "en" })
	if len(out) == 0 {
		panic("parser: no embedded lexicon")
	}
	return out
})

// Apostrophe returns a word a writer typed without its apostrophe as
// written with it ("dont" is "don't", "ive" is "i've"), from the English
// lexicon's contractions, the ones the parser reads through: a reply that
// puts the writer's words in a letter spells them the same way.
func Apostrophe(w string) (string, bool) {
	full, ok := Lexicons()[0].vocab.Contractions.entries[strings.ToLower(w)]
	return full, ok && full != ""
}
