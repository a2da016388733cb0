package templates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadEmbedded(t *testing.T) {
	s, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"advice.txt", "advice.html", "advice_fired.txt", "letter_fired.txt", "advice_laid_off.txt",
		"letter_laid_off.txt", "advice_quit.txt", "letter_quit.txt", "advice_wrongful.txt", "letter_wrongful.txt",
		"advice_ask.txt", "letter_ask.txt"} {
		if !s.Has(name) {
			t.Errorf("template %s missing", name)
		}
		if s.Files[name+".tmpl"] != "embedded" {
			t.Errorf("%s comes from %q", name, s.Files[name+".tmpl"])
		}
	}
	if s.Has("nope.txt") || s.Has("nope.html") {
		t.Error("Has reports a template that does not exist")
	}
}

func TestLoadOverride(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("letter_quit.txt.tmpl", "Hello {{.Company}}")
	write("extra.html.tmpl", "<p>{{.Company}}</p>")
	write("notes.md", "ignored")
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := &Data{Company: "<Acme & Co>"}
	got, err := s.Text("letter_quit.txt", d)
	if err != nil || got != "Hello <Acme & Co>" {
		t.Errorf("override = %q, %v", got, err)
	}
	html, err := s.HTML("extra.html", d)
	if err != nil || html != "<p>&lt;Acme &amp; Co&gt;</p>" {
		t.Errorf("added HTML template = %q, %v", html, err)
	}
	if s.Files["letter_fired.txt.tmpl"] != "embedded" || !strings.HasSuffix(s.Files["letter_quit.txt.tmpl"], "letter_quit.txt.tmpl") {
		t.Errorf("files: %v", s.Files)
	}
	if _, err := s.Text("letter_quit.txt", nil); err == nil {
		t.Error("executing with nil data succeeded")
	}
	write("advice_ask.txt.tmpl", "{{.NoSuchField}}")
	s, err = Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Text("advice_ask.txt", &Data{}); err == nil {
		t.Error("a template naming an unknown field executed")
	}
}

func TestTidy(t *testing.T) {
	in := "\n\n  \nHello  \n\n\n\nWorld\t\n-- \nsig\n\n"
	want := "Hello\n\nWorld\n-- \nsig\n"
	if got := Tidy(in); got != want {
		t.Errorf("Tidy = %q, want %q", got, want)
	}
	if Tidy("") != "" || Tidy("\n\n") != "" {
		t.Error("Tidy of nothing is not empty")
	}
}

func TestPlainText(t *testing.T) {
	in := "## Step one\nDo it.\n\n| Boss: [name]\n|\n- a"
	want := "Step one\n--------\nDo it.\n\nBoss: [name]\n\n- a"
	if got := PlainText(in); got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

func TestBlocks(t *testing.T) {
	in := "## Title <b>\nIntro [name] line.\nSecond line\n- one\n- two [x]\n\n1. first\n2. second\n\n| Boss: [who]\n| Role: [what]\n\nKind regards,\nSam"
	b := Blocks(in)
	kinds := []string{}
	for _, x := range b {
		kinds = append(kinds, x.Kind)
	}
	if strings.Join(kinds, ",") != "h,p,ul,ol,pre,p" {
		t.Fatalf("kinds = %v", kinds)
	}
	if string(b[0].TextHTML) != "Title &lt;b&gt;" {
		t.Errorf("heading HTML = %q", b[0].TextHTML)
	}
	if string(b[1].TextHTML) != `Intro <mark style="background:#fde9a8;">[name]</mark> line.<br>Second line` {
		t.Errorf("paragraph HTML = %q", b[1].TextHTML)
	}
	if len(b[2].Items) != 2 || !b[2].Items[1][1].Placeholder || len(b[2].ItemsHTML) != 2 {
		t.Errorf("list = %+v", b[2])
	}
	if len(b[3].Items) != 2 || b[3].Items[1][0].Text != "second" {
		t.Errorf("numbered = %+v", b[3].Items)
	}
	if string(b[4].ItemsHTML[0]) != `Boss: <mark style="background:#fde9a8;">[who]</mark>` {
		t.Errorf("pre = %q", b[4].ItemsHTML[0])
	}
	if string(b[5].TextHTML) != "Kind regards,<br>Sam" {
		t.Errorf("closing = %q", b[5].TextHTML)
	}
}

func TestSegments(t *testing.T) {
	got := Segments("a [b] c [d")
	if len(got) != 3 || got[1].Text != "[b]" || !got[1].Placeholder || got[2].Text != " c [d" {
		t.Errorf("Segments = %+v", got)
	}
}

func TestBecause(t *testing.T) {
	for in, want := range map[string]string{
		"join a fintech startup that offered me 30% more": "to join a fintech startup that offered me 30% more",
		"I wanted to try freelancing":                     "because I wanted to try freelancing",
		"be closer to my girlfriend":                      "to be closer to my girlfriend",
		"our state grant ran out":                         "because our state grant ran out",
		"a better offer":                                  "because of a better offer",
		"burnout":                                         "because of burnout",
		"moving abroad":                                   "because of moving abroad",
		"to care for my father":                           "to care for my father",
		"Harmon Fabrication shut down the second shift":   "because Harmon Fabrication shut down the second shift",
		"": "",
	} {
		if got := because(in); got != want {
			t.Errorf("because(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFuncs(t *testing.T) {
	if fill("", "boss") != "[boss]" || fill("  ", "x") != "[x]" || fill("Jane", "boss") != "Jane" {
		t.Error("fill")
	}
	if joinWords([]string{"a", "b", "c"}) != "a, b and c" || joinWords([]string{"a"}) != "a" || joinWords(nil) != "" {
		t.Error("joinWords")
	}
	if upperFirst("élan") != "Élan" || upperFirst("") != "" {
		t.Error("upperFirst")
	}
}

// The follow-up templates load, and each fills from an empty Data
// without a hole.
func TestFollowupTemplates(t *testing.T) {
	s, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	kinds := []string{"nudge_send", "nudge_followup", "checklist", "checkin", "congrats", "confirm_stop",
		"confirm_forget", "confirm_snooze", "confirm_sent", "help"}
	for _, name := range []string{"followup.txt", "followup.html", "draft_followup.txt", "advice_revised.txt"} {
		if !s.Has(name) {
			t.Errorf("template %s missing", name)
		}
	}
	for _, k := range kinds {
		name := "followup_" + k + ".txt"
		got, err := s.Text(name, &Data{Kind: k})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got = Tidy(got)
		if got == "" || strings.Contains(got, "<no value>") || strings.Contains(got, "{{") {
			t.Errorf("%s with no facts = %q", name, got)
		}
	}
	d := &Data{Kind: "checkin", FirstName: "Sam", Body: "Hello <b>there</b>", BodyBlocks: Blocks("Hello <b>there</b>"),
		Draft: "Dear [name],", DraftSubject: "Re <x>", DraftBlocks: Blocks("Dear [name],"), Stoppable: true,
		AssistantName: "jobback", AssistantAddress: "help@jobback.example"}
	html, err := s.HTML("followup.html", d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Hi Sam,", "Hello &lt;b&gt;there&lt;/b&gt;", "Subject: Re &lt;x&gt;",
		`Dear <mark style="background:#fde9a8;">[name]</mark>,`, "Reply STOP at any time"} {
		if !strings.Contains(html, want) {
			t.Errorf("followup.html lacks %q", want)
		}
	}
	text, err := s.Text("followup.txt", d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Hi Sam,\n\nHello <b>there</b>\n\n-----\nSubject: Re <x>\n\nDear [name],\n-----") {
		t.Errorf("followup.txt = %q", text)
	}
	d.Stoppable = false
	if text, _ := s.Text("followup.txt", d); strings.Contains(text, "STOP") {
		t.Error("followup.txt offers STOP when the kind is not stoppable")
	}
	intro, err := s.Text("advice_revised.txt", &Data{Corrected: []string{"your role (cook)", "the company (Acme)"}})
	if err != nil || !strings.Contains(intro, "revised letter, now with your role (cook) and the company (Acme).") {
		t.Errorf("advice_revised.txt = %q, %v", intro, err)
	}
}

// The answer on chances after a firing weighs what they told: their years,
// their achievements, what they have changed, how they parted.
func TestChancesInFavour(t *testing.T) {
	d := Data{Playbook: "fired", Terms: "bad", Tenure: "six years", Improvements: []string{"I see a coach."}, Questions: []string{"chances"}}
	if got := d.InFavour(); strings.Join(got, "|") != "six years there|what you have already changed since" {
		t.Errorf("InFavour = %q", got)
	}
	if got := (Data{Terms: "unknown"}).InFavour(); got != nil {
		t.Errorf("InFavour with nothing told = %q, want none", got)
	}
	tm, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	out, err := tm.Text("answers.txt", &d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"In your favour: six years there and what you have already changed since.", "Against you: the way it ended"} {
		if !strings.Contains(out, want) {
			t.Errorf("the answer lacks %q:\n%s", want, out)
		}
	}
}

// A laid-off person whose role is posted is told to apply, not to wait
// "if your role comes back" (the fresh-24 review).
func TestLaidOffPosted(t *testing.T) {
	s, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	for pos, want := range map[string]string{"posted": "Your role is posted: apply through the posting", "unknown": "to be considered if your role comes back"} {
		out, err := s.Text("advice_laid_off.txt", &Data{Playbook: "laid_off", Position: pos, Terms: "unknown", NewJob: "unknown"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, want) {
			t.Errorf("position %s: the advice lacks %q:\n%s", pos, want, out)
		}
	}
}

func TestFirm(t *testing.T) {
	for in, want := range map[string]string{
		"Sportsline Outlet on Route 9":               "Sportsline Outlet",
		"Dunham's in the Eastgate Mall":              "Dunham's",
		"Timberline Outfitters at Crowfoot Crossing": "Timberline Outfitters",
		"Pemberton, Shaw & Associates":               "Pemberton, Shaw & Associates",
		"Northbridge & Calder Bank plc":              "Northbridge & Calder Bank plc",
	} {
		if got := firm(in); got != want {
			t.Errorf("firm(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestJoinLower: contributions put inside a sentence lose the capital a
// line start gave them, but not an acronym's or a name's.
func TestJoinLower(t *testing.T) {
	got := joinLower([]string{"Got our claim denial rate down", "CSAT top 5", "Star Performer award in 2024", "Set up the booking"})
	if want := "got our claim denial rate down, CSAT top 5, Star Performer award in 2024 and set up the booking"; got != want {
		t.Errorf("joinLower = %q, want %q", got, want)
	}
}

// TestWordsAllRead checks that every section of words.txt is read by a
// variable of this package.
func TestWordsAllRead(t *testing.T) {
	if u := words.Unused(); len(u) > 0 {
		t.Errorf("sections of words.txt read by no code: %q", u)
	}
}
