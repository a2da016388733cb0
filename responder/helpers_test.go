package responder

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset"
	gmail "github.com/emersion/go-message/mail"

	"jobback/parser"
)

// testNow is the clock of every test reply.
var testNow = time.Date(2026, 11, 23, 13, 0, 0, 0, time.UTC)

func newTestResponder(t testing.TB, dir string) *Responder {
	t.Helper()
	r, err := New(Options{
		Address:         "help@jobback.example",
		Name:            "jobback",
		MessageIDDomain: "jobback.example",
		TemplatesDir:    dir,
		Now:             func() time.Time { return testNow },
	})
	if err != nil {
		t.Fatal(err)
	}
	n := byte(0)
	r.random = func(b []byte) { // deterministic, distinct IDs
		for i := range b {
			n++
			b[i] = n
		}
	}
	return r
}

// parsed is a reply read back with go-message.
type parsed struct {
	Header     gmail.Header
	Text       string
	HTML       string
	Letter     string
	LetterName string
}

// checkLines checks RFC 5322 line rules: no line over 998 bytes, no bare
// CR or LF.
func checkLines(t testing.TB, raw []byte) {
	t.Helper()
	for i, line := range bytes.Split(raw, []byte("\r\n")) {
		if len(line) > 998 {
			t.Fatalf("line %d is %d bytes long (RFC 5322 allows 998)", i+1, len(line))
		}
		if bytes.ContainsAny(line, "\r\n") {
			t.Fatalf("line %d holds a bare CR or LF", i+1)
		}
	}
}

// readAlternative reads a multipart/alternative body and checks that it
// holds text/plain then text/html, both UTF-8; it returns the two texts.
func readAlternative(t testing.TB, mr message.MultipartReader) (text, html string) {
	t.Helper()
	var types []string
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("cannot read alternative part: %v", err)
		}
		mt, params, _ := part.Header.ContentType()
		types = append(types, mt)
		if !strings.EqualFold(params["charset"], "utf-8") {
			t.Errorf("%s part charset = %q, want UTF-8", mt, params["charset"])
		}
		b, err := io.ReadAll(part.Body)
		if err != nil {
			t.Fatal(err)
		}
		switch mt {
		case "text/plain":
			text = string(b)
			if strings.EqualFold(params["format"], "flowed") {
				checkFlowed(t, text)
				text = unflow(text)
			}
		case "text/html":
			html = string(b)
		}
	}
	if strings.Join(types, ",") != "text/plain,text/html" {
		t.Fatalf("alternative parts = %v, want text/plain then text/html", types)
	}
	return text, html
}

// mustReply is r's reply to m, parsed; it fails the test if there is none.
// mustParseRaw parses a whole message given as text.
func mustParseRaw(t testing.TB, raw string) *parser.Message {
	t.Helper()
	m, err := parser.Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func mustReply(t testing.TB, r *Responder, m *parser.Message) *parsed {
	t.Helper()
	rep, err := r.Reply(m)
	if err != nil {
		t.Fatal(err)
	}
	return parseReply(t, rep.Raw)
}

// parseReply reads raw back and checks its structure: multipart/mixed
// holding multipart/alternative (text/plain, text/html) and one text/plain
// attachment.
func parseReply(t testing.TB, raw []byte) *parsed {
	t.Helper()
	if bytes.Contains(raw, []byte("\n")) && !bytes.Contains(raw, []byte("\r\n")) {
		t.Fatal("message does not use CRLF line endings")
	}
	checkLines(t, raw)
	e, err := message.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("go-message cannot read the reply: %v", err)
	}
	p := &parsed{Header: gmail.Header{Header: e.Header}}
	mt, _, err := e.Header.ContentType()
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("top Content-Type = %q, %v; want multipart/mixed", mt, err)
	}
	var kids []*message.Entity
	mr := e.MultipartReader()
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("cannot read part: %v", err)
		}
		body, err := io.ReadAll(part.Body)
		if err != nil {
			t.Fatalf("cannot read part body: %v", err)
		}
		part.Body = bytes.NewReader(body)
		kids = append(kids, part)
	}
	if len(kids) != 2 {
		t.Fatalf("multipart/mixed has %d parts, want 2 (alternative + letter)", len(kids))
	}
	if mt, _, _ := kids[0].Header.ContentType(); mt != "multipart/alternative" {
		t.Fatalf("first part is %q, want multipart/alternative", mt)
	}
	p.Text, p.HTML = readAlternative(t, kids[0].MultipartReader())
	att := kids[1]
	mt, params, _ := att.Header.ContentType()
	disp, dparams, _ := att.Header.ContentDisposition()
	if mt != "text/plain" || disp != "attachment" || !strings.EqualFold(params["charset"], "utf-8") {
		t.Fatalf("letter part: %s %v, %s", mt, params, disp)
	}
	p.LetterName = dparams["filename"]
	if !strings.HasSuffix(p.LetterName, ".txt") {
		t.Errorf("letter file name %q does not end in .txt", p.LetterName)
	}
	b, err := io.ReadAll(att.Body)
	if err != nil {
		t.Fatal(err)
	}
	p.Letter = string(b)
	return p
}

// checkHeaders checks the headers every advice reply must carry.
func checkHeaders(t testing.TB, p *parsed, m *parser.Message, rep *Reply) {
	t.Helper()
	h := p.Header
	from, err := h.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Address != "help@jobback.example" || from[0].Name != "jobback" {
		t.Errorf("From = %v, %v", from, err)
	}
	wantTo := m.Envelope.AnswerTo
	if wantTo == "" {
		wantTo = m.Envelope.FromAddress
	}
	to, err := h.AddressList("To")
	if err != nil || len(to) != 1 || !strings.EqualFold(to[0].Address, wantTo) {
		t.Errorf("To = %v, %v; want %s", to, err, wantTo)
	}
	if rep.To != to[0].Address {
		t.Errorf("Reply.To = %q, header To = %q", rep.To, to[0].Address)
	}
	subj, err := h.Subject()
	if err != nil || !strings.HasPrefix(subj, "Re: ") || strings.HasPrefix(strings.ToLower(subj[4:]), "re:") {
		t.Errorf("Subject = %q, %v", subj, err)
	}
	id, err := h.MessageID()
	if err != nil || id != rep.MessageID || !strings.HasSuffix(id, "@jobback.example") || strings.Contains(id, "localhost") {
		t.Errorf("Message-ID = %q (Reply.MessageID %q), %v", id, rep.MessageID, err)
	}
	if d, err := h.Date(); err != nil || d.IsZero() {
		t.Errorf("Date = %v, %v", d, err)
	}
	if got := h.Get("Auto-Submitted"); got != "auto-replied" {
		t.Errorf("Auto-Submitted = %q", got)
	}
	if got := h.Get("X-Auto-Response-Suppress"); got != "All" {
		t.Errorf("X-Auto-Response-Suppress = %q", got)
	}
	if m.Envelope.MessageID != "" {
		irt, err := h.MsgIDList("In-Reply-To")
		if err != nil || len(irt) != 1 || irt[0] != m.Envelope.MessageID {
			t.Errorf("In-Reply-To = %v, %v; want %s", irt, err, m.Envelope.MessageID)
		}
		refs, err := h.MsgIDList("References")
		if err != nil || len(refs) == 0 || refs[len(refs)-1] != m.Envelope.MessageID {
			t.Errorf("References = %v, %v; want ending in %s", refs, err, m.Envelope.MessageID)
		}
	}
}

// letterProblems lists what must never appear in a letter or reply.
func textProblems(s string) []string {
	var out []string
	for _, bad := range []string{"<no value>", "{{", "}}", "[]", "Dear ,", "Dear  ", "Dear\n", " ,", " .", "..", "  ",
		"%!", "<nil>", "map[", "()", "[ ]"} {
		if strings.Contains(s, bad) {
			out = append(out, fmt.Sprintf("contains %q", bad))
		}
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "Dear" || strings.HasPrefix(line, "Dear ,") {
			out = append(out, "empty salutation")
		}
	}
	return out
}

// checkFlowed checks a format=flowed text part: no line over 78
// characters but a single word, as RFC 3676 asks.
func checkFlowed(t testing.TB, text string) {
	t.Helper()
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if n := len([]rune(l)); n > 78 && strings.Contains(strings.TrimSpace(l), " ") {
			t.Errorf("a flowed line of %d characters: %q", n, l)
		}
	}
}

// unflow reads a format=flowed text as a mail client shows it (RFC 3676,
// 4.1 and 4.4): a line ending in a space joins the next, and a leading
// space of a stuffed line is removed.
func unflow(text string) string {
	nl := "\n"
	if strings.Contains(text, "\r\n") {
		nl = "\r\n"
	}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimPrefix(l, " ")
		b.WriteString(l)
		if i < len(lines)-1 && !(strings.HasSuffix(l, " ") && l != "-- ") {
			b.WriteString(nl)
		}
	}
	return b.String()
}

// appealTo reports whether a letter is the appeal, addressed to the person
// the writer said it goes to, or asked about sending it to
// (templates.Data.AppealTo), in place of the boss.
func appealTo(m *parser.Message, letter string) bool {
	if !strings.Contains(letter, "I am writing to appeal against my dismissal") {
		return false
	}
	for _, p := range append([]string{m.AppealTo}, m.AskedPeople...) {
		if p != "" && strings.Contains(letter, "Dear "+shortName(properCase(p))+",") {
			return true
		}
	}
	return false
}

// toAbove reports whether a letter is addressed to the one person above the
// boss the writer asked about, as it should be for a possibly unlawful
// dismissal with no HR to write to (templates.Data.LetterAbove).
func toAbove(m *parser.Message, letter string) bool {
	if !toHR(m.Facts, "Dear Human Resources team,") {
		return false // (none of the signs after which the boss is in question)
	}
	for _, p := range m.AskedPeople {
		if strings.Contains(letter, "Dear "+shortName(p)+",") {
			return true
		}
	}
	return false
}

// toHR reports whether a letter is one addressed to HR, as it should be
// for a possibly unlawful dismissal after a complaint, a report,
// harassment, discrimination or a medical leave (templates.Data.ToHR), in
// place of the boss.
func toHR(f parser.Facts, letter string) bool {
	if !strings.Contains(letter, "Dear Human Resources team,") {
		return false
	}
	for _, s := range f.WrongfulSignals {
		switch s {
		case parser.SignalHarassment, parser.SignalRetaliation, parser.SignalWhistleblowing, parser.SignalDiscrimination, parser.SignalMedicalLeave:
			return true
		}
	}
	return false
}
