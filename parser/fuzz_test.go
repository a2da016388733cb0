package parser

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func addSeeds(f *testing.F) {
	for _, glob := range []string{"testdata/situations/*.eml", "testdata/real-mime/*.raw"} {
		files, _ := filepath.Glob(glob)
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte("From: a@b\r\n\r\nSTOP"))
	f.Add([]byte("From: a@b\r\nDate: Mon, 23 Nov 2026 10:00:00 -0500\r\n\r\nBoss: Jane Smith\r\nLeft: last Friday\r\n"))
	f.Add([]byte("Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x--"))
}

// FuzzParse checks that no input makes Parse panic, and that what it returns
// is always well-formed: known enum values, JSON that round-trips, one-line
// header values, valid UTF-8 text.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := Parse(raw)
		if err != nil {
			if m != nil {
				t.Fatal("error with a result")
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		fa := m.Facts
		switch fa.Action {
		case ActionAdvise, ActionIgnore:
			if fa.Command != "" {
				t.Fatalf("command %q with action %q", fa.Command, fa.Action)
			}
		case ActionCommand:
			if fa.Command == "" {
				t.Fatal("command action without a command")
			}
		default:
			t.Fatalf("action %q", fa.Action)
		}
		switch fa.Situation {
		case SituationFired, SituationLaidOff, SituationQuit, SituationUnknown:
		default:
			t.Fatalf("situation %q", fa.Situation)
		}
		switch fa.Terms {
		case TermsGood, TermsBad, TermsUnknown:
		default:
			t.Fatalf("terms %q", fa.Terms)
		}
		for _, sg := range fa.WrongfulSignals {
			switch sg {
			case SignalDiscrimination, SignalRetaliation, SignalWhistleblowing, SignalJuryDuty, SignalContract, SignalMedicalLeave, SignalHarassment:
			default:
				t.Fatalf("signal %q", sg)
			}
		}
		for _, q := range fa.Questions {
			switch q {
			case QuestionOKToAsk, QuestionHowToWord, QuestionCallOrEmail, QuestionWhatToSay, QuestionWhoToAsk, QuestionHowLongToWait, QuestionChances, QuestionApplyToPosting, QuestionSeeLawyer:
			default:
				t.Fatalf("question %q", q)
			}
		}
		for _, w := range fa.Wants {
			switch w {
			case WantJobBack, WantOtherRole, WantReference, WantAppeal, WantCompensation, WantAdvice:
			default:
				t.Fatalf("want %q", w)
			}
		}
		switch fa.NewJob {
		case NewJobHas, NewJobEnded, NewJobNone, NewJobUnknown:
		default:
			t.Fatalf("new_job %q", fa.NewJob)
		}
		switch fa.Position {
		case PositionFilled, PositionPosted, PositionRecallList, PositionOpen, PositionUnknown:
			if (fa.PositionFilled != nil) != (fa.Position == PositionFilled || fa.Position == PositionPosted || fa.Position == PositionOpen) && fa.Position != PositionRecallList {
				t.Fatalf("position %q with position_filled %v", fa.Position, fa.PositionFilled)
			}
		default:
			t.Fatalf("position %q", fa.Position)
		}
		for _, e := range m.Evidence {
			if e.Field == "" || !utf8.ValidString(e.Words) || !utf8.ValidString(e.Value) {
				t.Fatalf("evidence %+v", e)
			}
		}
		free := append(append(append([]string{m.Envelope.Subject, m.Envelope.FromName, m.Envelope.FromAddress, m.Envelope.ReplyTo, fa.SenderName, fa.BossName, fa.Company, fa.Role}, fa.Accomplishments...), fa.Improvements...), fa.Reason)
		for _, s := range free {
			if strings.ContainsAny(s, "\r\n") {
				t.Fatalf("line break in %q", s)
			}
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %q", s)
			}
		}
		if !utf8.ValidString(m.Text) {
			t.Fatal("text is not valid UTF-8")
		}
		b, err := json.Marshal(fa)
		if err != nil {
			t.Fatal(err)
		}
		var back Facts
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("facts JSON does not read back: %v", err)
		}
		b2, _ := json.Marshal(back)
		if string(b) != string(b2) {
			t.Fatalf("facts JSON does not round-trip:\n%s\n%s", b, b2)
		}
	})
}

// FuzzHTMLToText checks the HTML reader on any input: no panic, valid UTF-8
// out for valid UTF-8 in, and no markup from a tag left in the text.
func FuzzHTMLToText(f *testing.F) {
	f.Add("<p>Hello <b>there</b></p><blockquote>quoted<blockquote>deeper</blockquote></blockquote>")
	f.Add("<style>p{}</style><script>alert(1)</script>text")
	f.Add("<div><br><br/><li>item</div>&amp;&nbsp;&#x1F600;")
	f.Fuzz(func(t *testing.T, s string) {
		out := htmlToText(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from valid input %q", s)
		}
		if strings.Contains(s, "<script>x</script>") && strings.Contains(out, "x") && !strings.Contains(strings.ReplaceAll(s, "<script>x</script>", ""), "x") {
			t.Fatalf("script content leaked: %q", out)
		}
	})
}

// FuzzNewText checks quote and signature removal on any text: no panic, and
// the result never holds a line the input did not have.
func FuzzNewText(f *testing.F) {
	f.Add("Hi\n\nOn Mon, Nov 2, 2026 at 6:40 PM Sam <\nsam@x> wrote:\n> quoted\n\nbelow")
	f.Add("text\n-- \nsig\n")
	f.Add("From: a\nSent: b\nTo: c\nSubject: d\n\nold")
	f.Fuzz(func(t *testing.T, s string) {
		text, sig := newText(s)
		in := map[string]bool{}
		for _, l := range splitLines(s) {
			in[strings.TrimRight(l, " \t\r\v\f\u0085\u00a0")] = true
			in[strings.TrimSpace(l)] = true
		}
		for _, l := range strings.Split(text, "\n") {
			if l != "" && !in[l] && !in[strings.TrimSpace(l)] {
				t.Fatalf("line %q not in input", l)
			}
		}
		for _, l := range strings.Split(sig, "\n") {
			if l != "" && !in[strings.TrimSpace(l)] {
				t.Fatalf("signature line %q not in input", l)
			}
		}
	})
}

// FuzzTimeExpr checks the date reader: no panic, and never a negative or
// absurd number of days.
func FuzzTimeExpr(f *testing.F) {
	f.Add("I was fired last Friday", int64(1_790_000_000))
	f.Add("on 2/30/2026 and October 31st, 1999", int64(1_790_000_000))
	f.Add("a couple of months ago", int64(0))
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		ref := timeFromUnix(unix)
		lx := Lexicons()[0]
		r := &reader{lx: lx, v: &lx.vocab}
		toks := lx.tokenize(s)
		d, _, ok := r.timeExpr(toks, 0, len(toks), ref)
		if ok && (d < 0 || d > 3650*3) {
			t.Fatalf("%q: %d days", s, d)
		}
	})
}
