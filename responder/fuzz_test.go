package responder

import (
	"strings"
	"testing"

	"jobback/parser"
)

// FuzzReply feeds arbitrary text into every field a writer controls. A
// reply must never panic, never carry a header the writer wrote, and
// always read back as a valid message with the letter attached.
func FuzzReply(f *testing.F) {
	f.Add("Sam Writer", "Jane Smith", "Acme & Co", "lead", "late too often", "Re: help", "sam@example.net", "jane@acme.example", "grew sales 30%")
	f.Add("a\r\nBcc: x@y", "<b>Boss</b>", "{{.Name}}", "[role]", "I sent it\n\n## Heading", "=?utf-8?q?x?=\r\nX: y", "a@b", "\"q\"@x.y", "- bullet\n| pre")
	f.Add("", "", "", "", "", "", "x@y.example", "", "")
	r := newTestResponder(f, "")
	f.Fuzz(func(t *testing.T, name, boss, company, role, reason, subject, from, bossEmail, acc string) {
		for _, s := range []parser.Situation{parser.SituationFired, parser.SituationLaidOff, parser.SituationQuit, parser.SituationUnknown} {
			m := &parser.Message{Facts: parser.Facts{
				Action: parser.ActionAdvise, Situation: s, SenderName: name, BossName: boss, BossEmail: bossEmail,
				Company: company, Role: role, Reason: reason, Accomplishments: []string{acc},
			}, Envelope: parser.Envelope{Subject: subject, FromAddress: from, FromName: name, MessageID: "p@example.org"}}
			rep, err := r.Reply(m)
			if err != nil {
				if _, aerr := parseAddress(from); aerr == nil {
					t.Fatalf("a valid From %q got no reply: %v", from, err)
				}
				continue
			}
			p := parseReply(t, rep.Raw)
			for _, k := range []string{"Bcc", "Cc", "X", "X-Evil"} {
				if p.Header.Has(k) {
					t.Fatalf("header %s injected", k)
				}
			}
			if strings.Contains(p.HTML, "<b>") || strings.Contains(strings.ToLower(p.HTML), "<script") {
				t.Fatal("markup injected into the HTML part")
			}
			if !strings.Contains(p.Letter, "Dear ") {
				t.Fatal("letter without salutation")
			}
		}
	})
}
