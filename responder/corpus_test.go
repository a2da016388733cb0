package responder

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"jobback/parser"
)

// apologyRE finds an apology or an admission in a letter.
var apologyRE = regexp.MustCompile(`(?i)\b(i am|i'm) (sincerely |truly |so |very )?sorry\b|\bmy apologies\b|\bi apologi[sz]e\b|\btake (full )?responsibility\b|\bmy (doing|fault)\b`)

// TestCorpus answers every message of the corpus (parser/testdata/
// situations) and of testdata/unseen (messages written for this test,
// never seen by the parser's authors) the way the daemon would, and checks
// the promises of issue 3 wherever the parser found the facts.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("../parser/testdata/situations/*.eml")
	unseen, _ := filepath.Glob("testdata/unseen/*.eml")
	if len(files) == 0 || len(unseen) == 0 {
		t.Fatalf("no corpus: %d situations, %d unseen", len(files), len(unseen))
	}
	files = append(files, unseen...)
	r := newTestResponder(t, "")
	advised, ignored := 0, 0
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, err := parser.Parse(raw)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := r.Reply(m)
			if m.Facts.Action != parser.ActionAdvise {
				if !errors.Is(err, ErrIgnored) || rep != nil {
					t.Fatalf("action %s got a reply (err %v)", m.Facts.Action, err)
				}
				ignored++
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			advised++
			p := parseReply(t, rep.Raw)
			checkHeaders(t, p, m, rep)
			if len(p.Text) < 500 || len(p.HTML) < 1000 || len(p.Letter) < 200 {
				t.Errorf("short parts: text %d, HTML %d, letter %d bytes", len(p.Text), len(p.HTML), len(p.Letter))
			}
			for _, prob := range textProblems(p.Letter) {
				t.Errorf("letter %s", prob)
			}
			for _, prob := range textProblems(p.Text) {
				t.Errorf("text %s", prob)
			}
			f := m.Facts
			if f.BossName != "" && !toHR(f, p.Letter) && !strings.Contains(p.Letter, "Dear "+shortName(clean(f.BossName))+",") {
				t.Errorf("letter does not greet %q", f.BossName)
			}
			if f.Company != "" && !strings.Contains(p.Letter, sentencePart(f.Company)) {
				t.Errorf("letter does not name the company %q", f.Company)
			}
			if f.Role != "" && !strings.Contains(p.Letter, sentencePart(f.Role)) {
				t.Errorf("letter does not name the role %q", f.Role)
			}
			if !strings.Contains(p.Letter, "Dear ") {
				t.Error("letter has no salutation")
			}
			switch {
			case len(f.WrongfulSignals) > 0:
				if apologyRE.MatchString(p.Letter) {
					t.Errorf("wrongful signs %v, but the letter apologises: %q", f.WrongfulSignals, apologyRE.FindString(p.Letter))
				}
				if !regexp.MustCompile(`employment (attorney|solicitor|lawyer)`).MatchString(p.Text) {
					t.Error("wrongful signs, but no advice to see an employment lawyer")
				}
			case f.Situation == parser.SituationQuit:
				for _, bad := range []string{"performance", "mistake", "what went wrong", "do differently"} {
					if strings.Contains(strings.ToLower(p.Letter), bad) {
						t.Errorf("quit letter says %q", bad)
					}
				}
				if apologyRE.MatchString(p.Letter) {
					t.Errorf("quit letter apologises: %q", apologyRE.FindString(p.Letter))
				}
			case f.Situation == parser.SituationLaidOff:
				if apologyRE.MatchString(p.Letter) {
					t.Errorf("laid-off letter apologises: %q", apologyRE.FindString(p.Letter))
				}
				for _, bad := range []string{"mistake", "what went wrong", "do differently", "your fault"} {
					if strings.Contains(strings.ToLower(p.Text), bad) {
						t.Errorf("laid-off reply says %q", bad)
					}
				}
			}
			if f.BossEmail != "" && !strings.Contains(p.HTML, `href="mailto:`) {
				t.Error("boss email known but no mailto link")
			}
		})
	}
	t.Logf("%d advised, %d not answered", advised, ignored)
	if advised == 0 || ignored == 0 {
		t.Errorf("advised %d, ignored %d: the corpus should have both", advised, ignored)
	}
}
