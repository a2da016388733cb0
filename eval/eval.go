// Package eval scores the parser against a folder of labelled messages: each
// message file beside a labels.json that maps its name to the facts a person
// read in it, in the fields and format of the parser's JSON (FIELDS.md, also
// described in the README's "Measuring the parser").
//
// Every field of every message is one of four outcomes:
//   - right: the parser says what the label says (a blank where the label is
//     blank is right);
//   - blank: the parser says nothing ("unknown", null, an empty list) where the
//     label says something: the reply asks for it, which is a miss but harms
//     no one;
//   - partial: for names, a part of the labelled one ("Anneke" for "Anneke de
//     Vries"): a miss, not wrong;
//   - wrong: the parser states something the label does not say. This is
//     what lands in a letter and must stay rare.
//
// How values compare: strings case-, space- and punctuation-insensitively,
// names without a title in front ("Mr. Emeka Okonkwo" is "Emeka Okonkwo"),
// and a sender's name in a longer or shorter form ("Travis", "Travis
// Duckett") as the same, since FIELDS allows the signature or the From name;
// left_ago_days within 10% (at least 2 days); tenure_years within 10% (at
// least 3 months); lists of the closed vocabularies as sets, where a value
// not in the label is wrong and a missing one is a blank; lists of free text
// (reason, accomplishments, improvements) only by whether they are given;
// a company with a location after the labelled name ("Walgreens on Halsted"
// for "Walgreens") as the same employer, since label sets differ on keeping
// a chain's location.
// A field the label does not have (an older label set) is not scored.
package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"jobback/parser"
)

// Outcome is how one field of one message compares with its label.
type Outcome int

const (
	Right Outcome = iota
	Blank
	Partial
	Wrong
)

func (o Outcome) String() string {
	return [...]string{"right", "blank", "partial", "wrong"}[o]
}

// Fields are the fields scored, in the order of FIELDS.md.
var Fields = []string{
	"action", "command", "situation", "sender_name", "boss_name", "boss_email", "company", "role",
	"left_ago_days", "tenure_years", "terms", "reason", "wrongful_signals", "position_filled",
	"accomplishments", "improvements", "questions", "new_job", "position", "wants",
}

// Case is one scored field of one message that was not right.
type Case struct {
	File    string
	Field   string
	Outcome Outcome
	Got     string // the parser's value, as JSON
	Want    string // the label's value, as JSON
}

// Score counts the outcomes of one field over the messages whose label has it.
type Score struct {
	Field                        string
	Right, Blank, Partial, Wrong int
}

// N is the number of messages scored on the field.
func (s Score) N() int { return s.Right + s.Blank + s.Partial + s.Wrong }

// Pct is a count as a percentage of N (0 when nothing was scored).
func (s Score) Pct(n int) float64 {
	if s.N() == 0 {
		return 0
	}
	return 100 * float64(n) / float64(s.N())
}

// Report is the result of scoring one folder.
type Report struct {
	Dir      string
	Messages int
	Scores   []Score // one per field of Fields that any label has
	Cases    []Case  // every field that was not right, by file then field
	// SignalsShown counts the messages whose label has at least one
	// wrongful signal; SignalsFound those of them where the parser found at
	// least one of the labelled signals.
	SignalsShown, SignalsFound int
	// Errors are messages the parser refused (counted wrong on every field).
	Errors []string
}

// Score returns the score of one field, and whether it was scored.
func (r *Report) Score(field string) (Score, bool) {
	for _, s := range r.Scores {
		if s.Field == field {
			return s, true
		}
	}
	return Score{}, false
}

// Dir scores every message named in dir/labels.json.
func Dir(dir string) (*Report, error) {
	b, err := os.ReadFile(filepath.Join(dir, "labels.json"))
	if err != nil {
		return nil, fmt.Errorf("cannot read labels: %w", err)
	}
	var labels map[string]map[string]json.RawMessage
	if err := json.Unmarshal(b, &labels); err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", filepath.Join(dir, "labels.json"), err)
	}
	files := make([]string, 0, len(labels))
	for f := range labels {
		files = append(files, f)
	}
	sort.Strings(files)
	r := &Report{Dir: dir, Messages: len(files)}
	scores := map[string]*Score{}
	for _, name := range files {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("cannot read message: %w", err)
		}
		var got map[string]json.RawMessage
		m, perr := parser.Parse(raw)
		if perr != nil {
			r.Errors = append(r.Errors, fmt.Sprintf("%s: %v", name, perr))
		} else {
			j, err := json.Marshal(m.Facts)
			if err != nil {
				return nil, fmt.Errorf("cannot encode facts of %s: %w", name, err)
			}
			if err := json.Unmarshal(j, &got); err != nil {
				return nil, fmt.Errorf("cannot decode facts of %s: %w", name, err)
			}
		}
		want := labels[name]
		for _, field := range Fields {
			w, ok := want[field]
			if !ok {
				continue
			}
			g := got[field]
			if g == nil {
				g = json.RawMessage("null")
			}
			s := scores[field]
			if s == nil {
				s = &Score{Field: field}
				scores[field] = s
			}
			o := Wrong
			if perr == nil {
				o = Compare(field, g, w)
				// FIELDS.md: the sender is "how the writer signs / is named in
				// From"; the From name is right even where the label kept the
				// signature ("Patricia Vang" in From, "Pat" signed).
				if field == "sender_name" && o != Right && m.Envelope.FromName != "" && Compare(field, g, mustJSON(m.Envelope.FromName)) == Right {
					o = Right
				}
			}
			switch o {
			case Right:
				s.Right++
			case Blank:
				s.Blank++
			case Partial:
				s.Partial++
			case Wrong:
				s.Wrong++
			}
			if o != Right {
				r.Cases = append(r.Cases, Case{File: name, Field: field, Outcome: o, Got: compact(g), Want: compact(w)})
			}
			if field == "wrongful_signals" {
				var gs, ws []string
				_ = json.Unmarshal(g, &gs)
				_ = json.Unmarshal(w, &ws)
				if len(ws) > 0 {
					r.SignalsShown++
					if intersects(gs, ws) {
						r.SignalsFound++
					}
				}
			}
		}
	}
	for _, f := range Fields {
		if s, ok := scores[f]; ok {
			r.Scores = append(r.Scores, *s)
		}
	}
	return r, nil
}

func compact(m json.RawMessage) string {
	// Re-encoded without HTML escaping, so a person reads "&" and "é", not
	// "\u0026" and "\u00e9", whoever wrote the JSON.
	var v any
	if err := json.Unmarshal(m, &v); err != nil {
		return string(m)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return string(m)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// unknownWords are the values of the closed fields that mean "not known".
var unknownWords = map[string]bool{"unknown": true, "": true}

// Compare scores one field: got is the parser's value and want the label's,
// both as JSON.
func Compare(field string, got, want json.RawMessage) Outcome {
	switch field {
	case "left_ago_days", "tenure_years":
		var g, w *float64
		_ = json.Unmarshal(got, &g)
		_ = json.Unmarshal(want, &w)
		switch {
		case g == nil && w == nil:
			return Right
		case g == nil:
			return Blank
		case w == nil:
			return Wrong
		}
		tol := 0.1 * *w
		floor := 2.0
		if field == "tenure_years" {
			floor = 0.25
		}
		tol = max(tol, floor)
		if d := *g - *w; d >= -tol && d <= tol {
			return Right
		}
		return Wrong
	case "position_filled":
		var g, w *bool
		_ = json.Unmarshal(got, &g)
		_ = json.Unmarshal(want, &w)
		switch {
		case g == nil && w == nil:
			return Right
		case g == nil:
			return Blank
		case w == nil || *g != *w:
			return Wrong
		}
		return Right
	case "wrongful_signals", "questions", "wants":
		var g, w []string
		_ = json.Unmarshal(got, &g)
		_ = json.Unmarshal(want, &w)
		for _, x := range g {
			if !contains(w, x) {
				return Wrong
			}
		}
		if len(g) < len(uniq(w)) {
			return Blank
		}
		return Right
	case "reason", "accomplishments", "improvements":
		g, w := given(got), given(want)
		switch {
		case g == w:
			return Right
		case w:
			return Blank
		}
		return Wrong
	case "action", "command", "situation", "terms", "new_job", "position":
		var g, w *string
		_ = json.Unmarshal(got, &g)
		_ = json.Unmarshal(want, &w)
		gs, ws := deref(g), deref(w)
		switch {
		case gs == ws || unknownWords[gs] && unknownWords[ws]:
			return Right
		case unknownWords[gs]:
			return Blank
		}
		return Wrong
	}
	// Names and other strings.
	var g, w *string
	_ = json.Unmarshal(got, &g)
	_ = json.Unmarshal(want, &w)
	gs, ws := norm(deref(g)), norm(deref(w))
	if field == "boss_name" || field == "sender_name" {
		gs, ws = untitled(gs), untitled(ws)
	}
	switch {
	case gs == ws:
		return Right
	case field == "sender_name" && gs != "" && ws != "" && strings.Contains(" "+gs+" ", " "+ws+" "):
		return Right // "Travis Duckett" for a writer who signs "Travis": FIELDS allows the From name
	case gs == "":
		return Blank
	case ws == "":
		return Wrong
	case field == "company" && branchOf(gs, ws):
		return Right // "Walgreens on Halsted" for "Walgreens": the same employer, and where
	case strings.Contains(" "+ws+" ", " "+gs+" "):
		return Partial
	}
	return Wrong
}

// branchOf reports whether got is want with a location after it ("walgreens
// on halsted" for "walgreens"): label sets differ on keeping a chain's
// location, and both name the same employer.
func branchOf(got, want string) bool {
	rest, ok := strings.CutPrefix(got, want+" ")
	if !ok || want == "" {
		return false
	}
	for _, p := range []string{"on ", "in ", "at "} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	// "MedVine Pharmacy, Allen Avenue", "Zenora Bank Plc, Allen Avenue
	// branch": the comma is gone after norm
	switch lw := rest[strings.LastIndexByte(rest, ' ')+1:]; lw {
	case "street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane", "drive", "branch", "campus", "store", "outlet", "location":
		return true
	}
	return false
}

// titles are dropped from the front of a name before names are compared:
// "Mr. Emeka Okonkwo" is Emeka Okonkwo, and label sets differ on keeping it.
var titles = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true,
	"prof": true, "sir": true, "madam": true, "maam": true, "herr": true, "frau": true, "señor": true,
	"señora": true, "sr": true, "sra": true, "mme": true, "monsieur": true, "madame": true,
	"professor": true, "sister": true, "father": true, "pastor": true, "rev": true, "reverend": true,
	"dra": true, "dre": true, "srta": true, "eng": true, "engr": true, "sgt": true, "sergeant": true, "capt": true, "captain": true, "principal": true, "coach": true, "chef": true,
	"herrn": true, "don": true, "doña": true, "dona": true, "seu": true, "fr": true}

// untitled drops a title from the front of a normalised name that has a
// name after it.
func untitled(s string) string {
	if first, rest, ok := strings.Cut(s, " "); ok && titles[first] {
		return rest
	}
	return s
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// given reports whether a JSON value says something: a non-empty string or
// list.
func given(v json.RawMessage) bool {
	var x any
	if json.Unmarshal(v, &x) != nil {
		return false
	}
	switch x := x.(type) {
	case string:
		return strings.TrimSpace(x) != ""
	case []any:
		return len(x) > 0
	case nil:
		return false
	}
	return true
}

// norm lower-cases a string, keeps letters, digits, '&' and '@', and makes
// every other run of characters one space.
func norm(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&' || r == '@' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		if r == '\'' || r == '’' || r == '.' {
			continue // "O'Brien" = "OBrien", "Mr." = "Mr"
		}
		space = true
	}
	return b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func uniq(list []string) []string {
	var out []string
	for _, x := range list {
		if !contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func intersects(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

// Write prints the report: one line per field with its counts, the signals
// line, and, when cases is true, every field that was wrong (and, when
// misses is true, every blank and partial one too).
func (r *Report) Write(w io.Writer, cases, misses bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d messages\n", r.Dir, r.Messages)
	fmt.Fprintf(&b, "%-17s %13s %13s %13s %13s\n", "field", "right", "blank", "partial", "WRONG")
	for _, s := range r.Scores {
		cell := func(n int) string { return fmt.Sprintf("%d (%.0f%%)", n, s.Pct(n)) }
		fmt.Fprintf(&b, "%-17s %13s %13s %13s %13s\n", s.Field, cell(s.Right), cell(s.Blank), cell(s.Partial), cell(s.Wrong))
	}
	if r.SignalsShown > 0 {
		fmt.Fprintf(&b, "signs of unlawful dismissal found in %d of the %d messages that show them (%.0f%%)\n",
			r.SignalsFound, r.SignalsShown, 100*float64(r.SignalsFound)/float64(r.SignalsShown))
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "not parsed: %s\n", e)
	}
	if cases {
		for _, c := range r.Cases {
			if c.Outcome == Wrong || misses {
				fmt.Fprintf(&b, "%-7s %s %s = %s, want %s\n", c.Outcome, c.File, c.Field, c.Got, c.Want)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mustJSON(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
}
