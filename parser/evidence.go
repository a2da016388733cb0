package parser

import (
	"fmt"
	"strings"
)

// Strength is how sure a rule is of the fact it found.
type Strength int

const (
	// Weak: the words could mean this, but often do not. A weak fact is
	// left blank in the output, so that the reply asks for it.
	Weak Strength = 1
	// Strong: the words say it. Only strong facts are stated.
	Strong Strength = 2
)

func (s Strength) String() string {
	switch s {
	case Weak:
		return "weak"
	case Strong:
		return "strong"
	}
	return fmt.Sprintf("strength(%d)", int(s))
}

// Evidence is why the parser holds a fact: the writer's words it came from
// and the rule that read them. A Message carries the evidence of every fact
// it states and of the weak ones it left blank; `jobback parse --explain`
// prints it.
type Evidence struct {
	Field    string   // the JSON field ("boss_name", "situation", ...)
	Value    string   // the value, as it is (or would be) written
	Words    string   // the writer's words it came from, as written
	Rule     string   // what read them: the rule and the data list behind it
	Strength Strength // Strong facts are stated; weak ones are not
	Stated   bool     // whether the value is in the facts
}

func (e Evidence) String() string {
	state := "stated"
	if !e.Stated {
		state = "left blank"
	}
	return fmt.Sprintf("%s = %q (%s, %s): %q by %s", e.Field, e.Value, e.Strength, state, e.Words, e.Rule)
}

// finding is one extractor's answer before it is judged: a value, the
// tokens it came from, the rule, and how strong it is.
type finding struct {
	value    string
	from, to int // token range in the text's tokens; from < 0 for words elsewhere
	words    string
	rule     string
	strength Strength
}

func (f finding) ok() bool { return f.value != "" }

// rule names a rule and the lists behind it: "boss: title then name [boss_title]".
func rule(what string, lists ...*List) string {
	if len(lists) == 0 {
		return what
	}
	var b strings.Builder
	n := len(what) + 3
	for _, l := range lists {
		if l != nil {
			n += len(l.Name) + len(l.Source) + 5
		}
	}
	b.Grow(n)
	b.WriteString(what)
	b.WriteString(" [")
	sep := ""
	for _, l := range lists {
		if l != nil {
			b.WriteString(sep)
			b.WriteString(l.Name)
			b.WriteString(" (")
			b.WriteString(l.Source)
			b.WriteString(")")
			sep = ", "
		}
	}
	b.WriteString("]")
	return b.String()
}

// matched names a rule by the entry of a list that matched: `event [quit:
// "handed in ~3 notice" (situation.txt:70)]`.
func matched(what string, m Match) string {
	return what + " [" + m.String() + "]"
}
