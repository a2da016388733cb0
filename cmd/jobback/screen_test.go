package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReplyAndParseDecideAlike: `reply` and `parse` take the deployment's
// rules from the same configuration (screenOf, which `run` gives the
// daemon), so they leave the same messages unanswered, for the same reason.
func TestReplyAndParseDecideAlike(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(cfg, []byte("assistant: {address: help@jobback.example, aliases: [jobs@example.org]}\nscreen: {ignore_spam: false}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := "From: Pat Doe <pat@example.com>\r\nTo: %s\r\nSubject: fired\r\nDate: Mon, 05 Oct 2026 10:00:00 +0000\r\nMessage-ID: <%s@example.com>\r\n%s\r\nI was fired last week from Acme Corp. My manager Dana Whitfield said my numbers were down.\r\n"
	cases := []struct {
		name, to, extra string
		rule            string // "" when answered
	}{
		{"human", "help@jobback.example", "", ""},
		{"alias", "jobs@example.org", "", ""},
		{"unaddressed", "undisclosed-recipients:;", "", "unaddressed"},
		{"own address", "help@jobback.example", "Reply-To: jobs@example.org\r\n", "own"},
		{"loop", "help@jobback.example", "X-Loop: jobs@lists.example\r\n", "loop"},
		{"spam answered as configured", "help@jobback.example", "X-Spam-Flag: YES\r\n", ""},
		{"dmarc", "help@jobback.example", "Authentication-Results: mx.example; dmarc=fail header.from=example.com\r\n", "dmarc"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".eml")
			raw := strings.Replace(strings.Replace(strings.Replace(base, "%s", c.to, 1), "%s", strings.ReplaceAll(c.name, " ", "-"), 1), "%s", c.extra, 1)
			if err := os.WriteFile(f, []byte(raw), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runMain(t, "parse", "--config", cfg, "--explain", f)
			if code != 0 {
				t.Fatalf("parse: exit %d: %s", code, errOut)
			}
			var facts struct{ Action string }
			if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &facts); err != nil {
				t.Fatal(err)
			}
			code, reply, replyErr := runMain(t, "reply", "--config", cfg, f)
			if code != 0 {
				t.Fatalf("reply: exit %d: %s", code, replyErr)
			}
			if c.rule == "" {
				if facts.Action != "advise" || reply == "" {
					t.Errorf("not answered: parse %s, reply stderr %q", facts.Action, replyErr)
				}
				return
			}
			if facts.Action != "ignore" || reply != "" {
				t.Fatalf("answered: parse %s, reply %d bytes", facts.Action, len(reply))
			}
			if want := "not answered: " + c.rule + ": "; !strings.Contains(out, want) {
				t.Errorf("parse --explain does not say %q:\n%s", want, out)
			}
			if want := "(" + c.rule + ": "; !strings.Contains(replyErr, want) {
				t.Errorf("reply does not say %q: %s", want, replyErr)
			}
		})
	}
}
