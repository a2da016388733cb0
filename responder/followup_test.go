package responder

import (
	"bytes"
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message"
	gmail "github.com/emersion/go-message/mail"

	"jobback/domain"
	"jobback/parser"
)

var showFollowups = flag.Bool("show-followups", false, "print every follow-up's text part")

// parseFollowup reads a follow-up back with go-message and checks its
// structure: multipart/alternative holding text/plain then text/html, both
// UTF-8, CRLF lines no longer than 998 bytes.
func parseFollowup(t testing.TB, raw []byte) *parsed {
	t.Helper()
	checkLines(t, raw)
	e, err := message.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("go-message cannot read the follow-up: %v", err)
	}
	p := &parsed{Header: gmail.Header{Header: e.Header}}
	if mt, _, err := e.Header.ContentType(); err != nil || mt != "multipart/alternative" {
		t.Fatalf("top Content-Type = %q, %v; want multipart/alternative", mt, err)
	}
	text, html := readAlternative(t, e.MultipartReader())
	p.Text, p.HTML = strings.ReplaceAll(text, "\r\n", "\n"), html
	return p
}

func caseFacts() parser.Facts {
	return parser.Facts{
		Action: parser.ActionAdvise, Situation: parser.SituationFired,
		SenderName: "Marcus Webb", BossName: "Karen Oduya", Company: "Brightline Logistics",
		Role: "dispatch coordinator", Reason: "I sent a truck to the wrong warehouse",
	}
}

func baseFollowup(kind domain.Kind) Followup {
	return Followup{
		Kind:       kind,
		To:         "marcus.webb@example.net",
		Facts:      caseFacts(),
		Subject:    "Re: Fired over one mistake - can I fix this?",
		ParentID:   "jb.6560a1b0.000000000001@jobback.example",
		ParentRefs: []string{"CAx1-original@mail.example.com"},
		Until:      time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC),
		Next:       time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC),
	}
}

var scheduledKinds = map[domain.Kind]bool{domain.KindNudgeSend: true, domain.KindNudgeFollowup: true, domain.KindChecklist: true,
	domain.KindCheckin: true, domain.KindCongrats: true}

// Every kind renders, with the headers its role calls for, the facts of
// the case, and words without holes.
func TestFollowupEveryKind(t *testing.T) {
	r := newTestResponder(t, "")
	for _, kind := range Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			f := baseFollowup(kind)
			rep, err := r.Followup(f)
			if err != nil {
				t.Fatal(err)
			}
			p := parseFollowup(t, rep.Raw)
			if *showFollowups {
				t.Logf("%s\n%s", kind, p.Text)
			}
			h := p.Header
			to, err := h.AddressList("To")
			if err != nil || len(to) != 1 || to[0].Address != f.To || rep.To != f.To {
				t.Errorf("To = %v, %v (Reply.To %q)", to, err, rep.To)
			}
			from, err := h.AddressList("From")
			if err != nil || len(from) != 1 || from[0].Address != "help@jobback.example" {
				t.Errorf("From = %v, %v", from, err)
			}
			if id, _ := h.MessageID(); id != rep.MessageID || !strings.HasSuffix(id, "@jobback.example") {
				t.Errorf("Message-ID = %q, Reply.MessageID %q", id, rep.MessageID)
			}
			want := "auto-replied"
			if scheduledKinds[kind] {
				want = "auto-generated"
			}
			if got := h.Get("Auto-Submitted"); got != want {
				t.Errorf("Auto-Submitted = %q, want %q", got, want)
			}
			if subj, _ := h.Subject(); subj != "Re: Fired over one mistake - can I fix this?" {
				t.Errorf("Subject = %q", subj)
			}
			irt, err := h.MsgIDList("In-Reply-To")
			if err != nil || len(irt) != 1 || irt[0] != f.ParentID {
				t.Errorf("In-Reply-To = %v, %v", irt, err)
			}
			refs, err := h.MsgIDList("References")
			if err != nil || strings.Join(refs, " ") != "CAx1-original@mail.example.com "+f.ParentID {
				t.Errorf("References = %v, %v", refs, err)
			}
			unsub := h.Get("List-Unsubscribe")
			if kind == domain.KindConfirmStop || kind == domain.KindConfirmForget {
				if unsub != "" {
					t.Errorf("List-Unsubscribe after %s: %q", kind, unsub)
				}
				if strings.Contains(p.Text, "Reply STOP") {
					t.Error("the text still offers STOP")
				}
			} else {
				if unsub != "<mailto:help@jobback.example?subject=STOP>" {
					t.Errorf("List-Unsubscribe = %q", unsub)
				}
				if !strings.Contains(p.Text, "Reply STOP at any time") || !strings.Contains(p.HTML, "Reply STOP at any time") {
					t.Error("no STOP line")
				}
			}
			if h.Has("List-Unsubscribe-Post") {
				t.Error("List-Unsubscribe-Post without an https URL")
			}
			if !strings.HasPrefix(p.Text, "Hi Marcus,\n") || !strings.Contains(p.HTML, "Hi Marcus,") {
				t.Errorf("greeting: %.40q", p.Text)
			}
			for _, s := range [][2]string{{"text", p.Text}, {"html", p.HTML}} {
				for _, bad := range textProblems(s[1]) {
					t.Errorf("%s part %s", s[0], bad)
				}
			}
			lines := strings.Count(strings.TrimSpace(p.Text), "\n") + 1
			if lines > 40 {
				t.Errorf("text is %d lines long", lines)
			}
			// Our own parser must never answer this message (loop safety).
			m, err := parser.Parse(rep.Raw)
			if err != nil {
				t.Fatal(err)
			}
			if m.Facts.Action != parser.ActionIgnore {
				t.Errorf("parser action = %q, want ignore (reason %q)", m.Facts.Action, m.Envelope.IgnoreReason)
			}
		})
	}
}

// The words name the boss, the company and the role where a kind speaks
// of them.
func TestFollowupFacts(t *testing.T) {
	r := newTestResponder(t, "")
	want := map[domain.Kind][]string{
		domain.KindNudgeSend:     {"to Karen Oduya", "the sooner Karen hears", "meeting in person"},
		domain.KindNudgeFollowup: {"to Karen Oduya", "Subject: Following up on my letter", "Dear Karen,", "my role as dispatch coordinator", "Marcus Webb"},
		domain.KindChecklist:     {"at Brightline Logistics", "other openings at Brightline Logistics", "thank-you note to Karen", "bump, not a fall", "discreet job search"},
		domain.KindCheckin:       {"with Brightline Logistics", "SENT", "YES", "NO", "SNOOZE 2 weeks", "FORGET"},
		domain.KindCongrats:      {"Brightline Logistics wants you back as a dispatch coordinator", "resign from it gracefully", "long run", "ask Karen"},
		domain.KindConfirmStop:   {"won't write to you again", "FORGET", "start over"},
		domain.KindConfirmForget: {"deleted every record", "last message", "start over"},
		domain.KindConfirmSnooze: {"Monday 7 December"},
		domain.KindConfirmSent:   {"to Karen Oduya", "by Monday 30 November", "one short, polite follow-up"},
		domain.KindHelp:          {"STOP", "SENT", "YES", "NO", "SNOOZE", "FORGET", "Boss: Jane Smith", "Company: Brightline Logistics"},
	}
	for _, kind := range Kinds() {
		rep, err := r.Followup(baseFollowup(kind))
		if err != nil {
			t.Fatal(err)
		}
		p := parseFollowup(t, rep.Raw)
		for _, w := range want[kind] {
			if !strings.Contains(p.Text, w) {
				t.Errorf("%s text lacks %q:\n%s", kind, w, p.Text)
			}
			if !strings.Contains(p.HTML, strings.ReplaceAll(w, "'", "&#39;")) {
				t.Errorf("%s HTML lacks %q", kind, w)
			}
		}
	}
}

// With hardly any facts, the words fall back to general ones without
// holes.
func TestFollowupFewFacts(t *testing.T) {
	r := newTestResponder(t, "")
	for _, kind := range Kinds() {
		f := baseFollowup(kind)
		f.Facts = parser.Facts{}
		f.Subject = ""
		f.ParentID = ""
		f.ParentRefs = nil
		f.Until, f.Next = time.Time{}, time.Time{}
		rep, err := r.Followup(f)
		if err != nil {
			t.Fatal(err)
		}
		p := parseFollowup(t, rep.Raw)
		for _, s := range []string{p.Text, p.HTML} {
			for _, bad := range textProblems(s) {
				t.Errorf("%s: %s", kind, bad)
			}
			for _, bad := range []string{" to .", " at .", " as .", "  ", " ,", "on .", "by ."} {
				if strings.Contains(s, bad) {
					t.Errorf("%s: contains %q", kind, bad)
				}
			}
		}
		if !strings.HasPrefix(p.Text, "Hi there,\n") {
			t.Errorf("%s greeting: %.30q", kind, p.Text)
		}
		if subj, _ := p.Header.Subject(); subj != followupKinds[kind].subject || subj == "" {
			t.Errorf("%s subject = %q", kind, subj)
		}
		if p.Header.Has("In-Reply-To") || p.Header.Has("References") {
			t.Errorf("%s: threading headers without a parent", kind)
		}
	}
	rep, err := r.Followup(Followup{Kind: domain.KindNudgeFollowup, To: "a@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	p := parseFollowup(t, rep.Raw)
	for _, w := range []string{"Dear [name],", "[your name]"} {
		if !strings.Contains(p.Text, w) {
			t.Errorf("nudge_followup without facts lacks %q:\n%s", w, p.Text)
		}
	}
	rep, err = r.Followup(Followup{Kind: domain.KindNudgeSend, To: "a@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	if p := parseFollowup(t, rep.Raw); !strings.Contains(p.Text, "the sooner your former manager hears") {
		t.Errorf("nudge_send without facts:\n%s", p.Text)
	}
}

func TestFollowupUnsubscribeURL(t *testing.T) {
	r := newTestResponder(t, "")
	f := baseFollowup(domain.KindCheckin)
	f.UnsubscribeURL = "https://jobback.example/u/abc123?t=x%20y"
	rep, err := r.Followup(f)
	if err != nil {
		t.Fatal(err)
	}
	h := parseFollowup(t, rep.Raw).Header
	if got := h.Get("List-Unsubscribe"); got != "<https://jobback.example/u/abc123?t=x%20y>, <mailto:help@jobback.example?subject=STOP>" {
		t.Errorf("List-Unsubscribe = %q", got)
	}
	if got := h.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q", got)
	}

	for _, u := range []string{"http://jobback.example/u/abc", "mailto:x@example.org", "javascript:alert(1)"} {
		f.UnsubscribeURL = u
		rep, err := r.Followup(f)
		if err != nil {
			t.Fatal(err)
		}
		h := parseFollowup(t, rep.Raw).Header
		if got := h.Get("List-Unsubscribe"); got != "<mailto:help@jobback.example?subject=STOP>" {
			t.Errorf("with %q: List-Unsubscribe = %q", u, got)
		}
		if h.Has("List-Unsubscribe-Post") {
			t.Errorf("with %q: List-Unsubscribe-Post", u)
		}
	}
	for _, u := range []string{"https://x.example/a\r\nBcc: v@example.org", "https://x.example/a>, <mailto:evil@example.org",
		"https://x.example/a b", "https://", "https://x.example/" + strings.Repeat("a", 800)} {
		f.UnsubscribeURL = u
		if _, err := r.Followup(f); err == nil {
			t.Errorf("unsubscribe URL %q was accepted", u)
		}
	}
	// No unsubscribe after STOP or FORGET, even with a URL.
	for _, kind := range []domain.Kind{domain.KindConfirmStop, domain.KindConfirmForget} {
		f := baseFollowup(kind)
		f.UnsubscribeURL = "https://jobback.example/u/abc123"
		rep, err := r.Followup(f)
		if err != nil {
			t.Fatal(err)
		}
		h := parseFollowup(t, rep.Raw).Header
		if h.Has("List-Unsubscribe") || h.Has("List-Unsubscribe-Post") {
			t.Errorf("%s carries unsubscribe headers", kind)
		}
	}
}

// Dates are said in the person's zone: 23:30 UTC on Sunday is Monday in
// Auckland and still Sunday in New York.
func TestFollowupDatesInZone(t *testing.T) {
	r := newTestResponder(t, "")
	for _, c := range []struct {
		zone string
		want string
	}{{"Pacific/Auckland", "Monday 30 November"}, {"America/New_York", "Sunday 29 November"}, {"", "Sunday 29 November"}} {
		f := baseFollowup(domain.KindConfirmSnooze)
		f.Until = time.Date(2026, 11, 29, 23, 30, 0, 0, time.UTC)
		f.Next = f.Until
		if c.zone != "" {
			z, err := time.LoadLocation(c.zone)
			if err != nil {
				t.Skipf("no zone data: %v", err)
			}
			f.Zone = z
		}
		for _, kind := range []domain.Kind{domain.KindConfirmSnooze, domain.KindConfirmSent} {
			f.Kind = kind
			rep, err := r.Followup(f)
			if err != nil {
				t.Fatal(err)
			}
			p := parseFollowup(t, rep.Raw)
			if !strings.Contains(p.Text, c.want) || !strings.Contains(p.HTML, c.want) {
				t.Errorf("%s in %q: want %q in\n%s", kind, c.zone, c.want, p.Text)
			}
		}
	}
	// Another year is said.
	f := baseFollowup(domain.KindConfirmSnooze)
	f.Until = time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)
	rep, err := r.Followup(f)
	if err != nil {
		t.Fatal(err)
	}
	if p := parseFollowup(t, rep.Raw); !strings.Contains(p.Text, "Monday 4 January 2027") {
		t.Errorf("next year's date:\n%s", p.Text)
	}
}

// Nothing in the facts or the subject can add a header or markup.
func TestFollowupHostileFacts(t *testing.T) {
	r := newTestResponder(t, "")
	evil := "x\r\nBcc: victim@example.org\r\nX-Evil: 1"
	for _, kind := range Kinds() {
		f := baseFollowup(kind)
		f.Facts.SenderName = "<b>Sam</b> " + evil
		f.Facts.BossName = `Jane <img src=x onerror=alert(1)>` + evil
		f.Facts.Company = `<script>alert(1)</script>` + evil
		f.Facts.Role = `</p><a href="javascript:alert(1)">x</a>`
		f.Subject = "Help " + evil + `</title><script>alert(2)</script>`
		f.ParentID = "bad\r\nBcc: x@example.org"
		f.ParentRefs = []string{"ok@example.org", "bad\r\nX-Evil: 2"}
		rep, err := r.Followup(f)
		if err != nil {
			t.Fatal(err)
		}
		p := parseFollowup(t, rep.Raw)
		for _, k := range []string{"Bcc", "X-Evil"} {
			if p.Header.Has(k) {
				t.Errorf("%s: header %s injected", kind, k)
			}
		}
		if p.Header.Has("In-Reply-To") || p.Header.Has("References") {
			t.Errorf("%s: a broken parent ID was used", kind)
		}
		low := strings.ToLower(p.HTML)
		for _, bad := range []string{"<script", "<img", `href="javascript`, "<b>sam"} {
			if strings.Contains(low, bad) {
				t.Errorf("%s: HTML contains %q", kind, bad)
			}
		}
		if tag := regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+=`).FindString(p.HTML); tag != "" {
			t.Errorf("%s: event handler %s", kind, tag)
		}
	}
	f := baseFollowup(domain.KindCheckin)
	f.To = "a@example.org\r\nBcc: victim@example.org"
	if _, err := r.Followup(f); err == nil {
		t.Error("a To with a line break was accepted")
	}
	f.To = "A <a@example.org>, b@example.org"
	if _, err := r.Followup(f); err == nil {
		t.Error("a To list was accepted")
	}
	f = baseFollowup("nudge")
	if _, err := r.Followup(f); err == nil {
		t.Error("an unknown kind rendered")
	}
}

// Revised is the advice reply again, opening with the corrections.
func TestRevised(t *testing.T) {
	r := newTestResponder(t, "")
	m := fixtures()["fired"]
	m.Facts.BossName = "Jane Smith"
	m.Facts.Company = "Acme <Freight>"
	m.Keys = []string{"boss", "company"}
	rep, err := r.Revised(m)
	if err != nil {
		t.Fatal(err)
	}
	p := parseReply(t, rep.Raw)
	checkHeaders(t, p, m, rep)
	p.Text = strings.ReplaceAll(p.Text, "\r\n", "\n")
	want := "Thank you for the corrections. Here is your revised letter, now with your manager's name (Jane Smith) and the company (Acme <Freight>)."
	if !strings.Contains(p.Text, "Hi Marcus,\n\n"+want) {
		t.Errorf("revised text does not open with the corrections:\n%.400s", p.Text)
	}
	if !strings.Contains(p.HTML, "your manager&#39;s name (Jane Smith) and the company (Acme &lt;Freight&gt;)") {
		t.Error("the HTML part lacks the corrections, escaped")
	}
	if !strings.Contains(p.Letter, "Dear Jane,") {
		t.Errorf("the letter is not to the corrected boss:\n%.200s", p.Letter)
	}
	for _, bad := range textProblems(p.Text) {
		t.Error(bad)
	}
	// Without keys it still says it is the revised letter.
	m.Keys = nil
	rep, err = r.Revised(m)
	if err != nil {
		t.Fatal(err)
	}
	if p := parseReply(t, rep.Raw); !strings.Contains(p.Text, "Here is your revised letter. I've adjusted") {
		t.Errorf("revised without keys:\n%.300s", p.Text)
	}
	// Reply itself is unchanged.
	rep, err = r.Reply(m)
	if err != nil {
		t.Fatal(err)
	}
	if p := parseReply(t, rep.Raw); strings.Contains(p.Text, "revised") {
		t.Error("a first reply calls itself revised")
	}
	m.Facts.Action = parser.ActionIgnore
	if _, err := r.Revised(m); err == nil {
		t.Error("an ignored message got a revised reply")
	}
}

// A revised reply built from a real correction message read by the parser.
func TestRevisedFromParsedCorrection(t *testing.T) {
	raw := "From: Marcus Webb <marcus.webb@example.net>\r\nTo: help@jobback.example\r\nSubject: Re: Fired over one mistake\r\n" +
		"Message-ID: <corr1@example.net>\r\nIn-Reply-To: <jb.1@jobback.example>\r\nDate: Mon, 23 Nov 2026 12:00:00 +0000\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\nBoss: Jane Smith\r\nRole: dispatch lead\r\n"
	m, err := parser.Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(m.Keys, ",") != "boss,role" {
		t.Fatalf("parser keys = %v", m.Keys)
	}
	// The daemon merges the corrections into the case's facts.
	merged := caseFacts()
	merged.BossName, merged.Role = m.Facts.BossName, m.Facts.Role
	m.Facts = merged
	rep, err := newTestResponder(t, "").Revised(m)
	if err != nil {
		t.Fatal(err)
	}
	p := parseReply(t, rep.Raw)
	if !strings.Contains(p.Text, "now with your manager's name (Jane Smith) and your role (dispatch lead)") {
		t.Errorf("revised text:\n%.400s", p.Text)
	}
	if irt, _ := p.Header.MsgIDList("In-Reply-To"); len(irt) != 1 || irt[0] != "corr1@example.net" {
		t.Errorf("In-Reply-To = %v", irt)
	}
}

// The reply commands in the check-in and help messages are read back by
// our parser as the commands they name.
func TestFollowupCommandsRoundTrip(t *testing.T) {
	for word, want := range map[string]domain.Command{"SENT": domain.CommandSent, "YES": domain.CommandYes,
		"NO": domain.CommandNo, "SNOOZE 2 weeks": domain.CommandSnooze, "STOP": domain.CommandStop, "FORGET": domain.CommandForget} {
		raw := "From: Marcus Webb <marcus.webb@example.net>\r\nTo: help@jobback.example\r\nSubject: Re: Checking in\r\n" +
			"Date: Mon, 23 Nov 2026 12:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + word + "\r\n"
		m, err := parser.Parse([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		if m.Facts.Action != parser.ActionCommand || m.Facts.Command != want {
			t.Errorf("%q reads as %s %s", word, m.Facts.Action, m.Facts.Command)
		}
	}
	// The List-Unsubscribe mailto sends subject STOP and no body.
	raw := "From: marcus.webb@example.net\r\nTo: help@jobback.example\r\nSubject: STOP\r\n" +
		"Date: Mon, 23 Nov 2026 12:00:00 +0000\r\n\r\n"
	m, err := parser.Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if m.Facts.Command != domain.CommandStop {
		t.Errorf("the unsubscribe mail reads as %s %s", m.Facts.Action, m.Facts.Command)
	}
}

func TestFollowupTemplatesOverride(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/followup_checkin.txt.tmpl", []byte("Custom check-in for {{.Company}}."), 0o644); err != nil {
		t.Fatal(err)
	}
	r := newTestResponder(t, dir)
	rep, err := r.Followup(baseFollowup(domain.KindCheckin))
	if err != nil {
		t.Fatal(err)
	}
	if p := parseFollowup(t, rep.Raw); !strings.Contains(p.Text, "Custom check-in for Brightline Logistics.") {
		t.Errorf("override not used:\n%s", p.Text)
	}
}
