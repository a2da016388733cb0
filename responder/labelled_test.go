package responder

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"jobback/parser"
)

// TestLabelledReplies answers every labelled message in the repo
// (parser/testdata/*/labels.json, some 1,500 of them) with the facts its
// writer labelled, as if the parser had read them all right, and checks
// what issue 14 asks to be checked mechanically: no placeholder for a fact
// the person gave, the boss greeted as the person named them, an article
// before the role, no apology for a lay-off or where there are signs of an
// unlawful dismissal, and no "new job" without one; parseReply checks the
// text part's lines (format=flowed, at most 78 characters).
func TestLabelledReplies(t *testing.T) {
	sets, _ := filepath.Glob("../parser/testdata/*/labels.json")
	if len(sets) < 20 {
		t.Fatalf("only %d labelled sets", len(sets))
	}
	r := newTestResponder(t, "")
	replies := 0
	for _, lf := range sets {
		dir := filepath.Dir(lf)
		b, err := os.ReadFile(lf)
		if err != nil {
			t.Fatal(err)
		}
		var labels map[string]parser.Facts // (Facts reads labels.json's names)
		if err := json.Unmarshal(b, &labels); err != nil {
			t.Fatalf("%s: %v", lf, err)
		}
		for name, l := range labels {
			if l.Action != parser.ActionAdvise {
				continue
			}
			raw, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			m, err := parser.Parse(raw)
			if err != nil || m.Facts.Action != parser.ActionAdvise {
				continue // a message the parser ignores is no reply to check
			}
			m.Facts = l
			where := filepath.Base(dir) + "/" + name
			rep, err := r.Reply(m)
			if err != nil {
				t.Errorf("%s: %v", where, err)
				continue
			}
			replies++
			p := parseReply(t, rep.Raw)
			checkLabelled(t, where, m, p)
		}
	}
	t.Logf("%d replies to labelled messages checked", replies)
	if replies < 1000 {
		t.Errorf("only %d replies checked", replies)
	}
}

// checkLabelled checks one reply to a message whose facts are its labels.
func checkLabelled(t *testing.T, where string, m *parser.Message, p *parsed) {
	t.Helper()
	f := m.Facts
	letter := strings.ReplaceAll(p.Letter, "\r\n", "\n")
	text := strings.ReplaceAll(p.Text, "\r\n", "\n")
	known := f.Situation == parser.SituationFired || f.Situation == parser.SituationLaidOff || f.Situation == parser.SituationQuit
	for fact, hint := range map[string]string{f.BossName: "[manager's name]", f.Company: "[company name]", f.Role: "[your job title]"} {
		if clean(fact) != "" && strings.Contains(letter, hint) {
			t.Errorf("%s: %q is given, but the letter says %s", where, fact, hint)
		}
	}
	// (a lead-in with nothing after it: fresh-59's and fresh-65's reviews)
	if strings.Contains(letter, "remember what I contributed.") {
		t.Errorf("%s: the letter says \"I hope you remember what I contributed.\" and names nothing", where)
	}
	if len(f.Accomplishments) > 0 && strings.Contains(letter, "[something you achieved there") {
		t.Errorf("%s: accomplishments given, but the letter asks for one", where)
	}
	// (as the writer named them: "Herr Dietmar Vogel" is "Herr Vogel")
	if greet := shortName(bossAsWritten(clean(f.BossName), m.Evidence)); known && clean(f.BossName) != "" && !m.OnBehalf && !toHR(f, letter) && !toAbove(m, letter) && !appealTo(m, letter) && !strings.Contains(letter, "Dear "+greet+",") {
		t.Errorf("%s: the letter does not greet %q as %q:\n%.200s", where, f.BossName, greet, letter)
	}
	if known && clean(f.Role) != "" && strings.Contains(letter, " as ") && !strings.Contains(letter, withArticle(clean(f.Role))) {
		t.Errorf("%s: the letter does not name the role as %q", where, withArticle(clean(f.Role)))
	}
	if (len(f.WrongfulSignals) > 0 || f.Situation == parser.SituationLaidOff) && apologyRE.MatchString(letter) {
		t.Errorf("%s: %s with signs %v, but the letter apologises: %q", where, f.Situation, f.WrongfulSignals, apologyRE.FindString(letter))
	}
	if f.NewJob != parser.NewJobHas && f.NewJob != parser.NewJobEnded {
		// (the writer's own question quoted back is theirs, not the
		// reply's: "“Should I apply for the new job?”" of a job reposted
		// under a new name, fresh-60's bh45)
		own := quotedRE.ReplaceAllString(text, "")
		for _, s := range []string{"the new job", "your new job", "new job was not"} {
			if strings.Contains(strings.ToLower(letter), s) || strings.Contains(strings.ToLower(own), s) {
				t.Errorf("%s: no new job (%s), but the reply says %q", where, f.NewJob, s)
			}
		}
	}
}

// quotedRE matches a question of the writer's quoted back over its answer.
var quotedRE = regexp.MustCompile(`“[^”]*”`)
