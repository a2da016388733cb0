package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emersion/go-message/mail"
)

func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestReplyPrintsAMessage(t *testing.T) {
	code, out, errOut := runMain(t, "reply", "../../parser/testdata/situations/06-gmail.eml")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	r, err := mail.CreateReader(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := r.Header.Subject(); s != "Re: Fired over one mistake - can I fix this?" {
		t.Errorf("Subject = %q", s)
	}
	if id, _ := r.Header.MessageID(); !strings.HasSuffix(id, "@jobback.example") {
		t.Errorf("Message-ID = %q", id)
	}
	from, _ := r.Header.AddressList("From")
	if len(from) != 1 || from[0].Address != "help@jobback.example" {
		t.Errorf("From = %v", from)
	}
}

// TestReplyRead: --read prints the reply as a person reads it, for a
// reviewer: the text re-flowed (no line ends in the space of a soft break)
// and the letter attached, without the MIME around them.
func TestReplyRead(t *testing.T) {
	code, out, errOut := runMain(t, "reply", "--read", "../../parser/testdata/situations/06-gmail.eml")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "Subject: Re: Fired over one mistake - can I fix this?") || !strings.Contains(out, "--- attached: letter-to-") {
		t.Errorf("not the readable reply:\n%s", out)
	}
	long := false
	for _, line := range strings.Split(out, "\n") {
		if strings.HasSuffix(line, " ") && line != "-- " {
			t.Errorf("a soft line break left in: %q", line)
		}
		long = long || len(line) > 78
	}
	if !long || strings.Contains(out, "Content-Type") {
		t.Errorf("the text is not re-flowed or the MIME is shown:\n%s", out)
	}
}

func TestReplyIgnoredPrintsNothing(t *testing.T) {
	for _, f := range []string{"28-postfix-dsn.eml", "33-esp-bulk.eml", "37-gmail-quoted.eml"} {
		code, out, errOut := runMain(t, "reply", filepath.Join("../../parser/testdata/situations", f))
		if code != 0 || out != "" || !strings.Contains(errOut, "no ") {
			t.Errorf("%s: exit %d, stdout %d bytes, stderr %q", f, code, len(out), errOut)
		}
	}
}

func TestReplyConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(cfg, []byte("assistant: {address: jobs@example.org, name: Job Desk, message_id_domain: mail.example.org}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runMain(t, "reply", "--config", cfg, "../../parser/testdata/situations/35-gmail.eml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `From: "Job Desk" <jobs@example.org>`) || !strings.Contains(out, "@mail.example.org>") {
		t.Errorf("the configured assistant is not used:\n%.600s", out)
	}
	if code, _, errOut := runMain(t, "reply", "--config", filepath.Join(dir, "missing.yaml"), "x.eml"); code != 1 || errOut == "" {
		t.Errorf("missing config: exit %d, %q", code, errOut)
	}
	if code, _, _ := runMain(t, "reply"); code != 2 {
		t.Errorf("no file: exit %d, want 2", code)
	}
	if code, _, errOut := runMain(t, "reply", filepath.Join(dir, "none.eml")); code != 1 || errOut == "" {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
}

// TestReplyNow: --now sets the reply's Date, so a reply rendered for a
// review long after the message reads as the daemon would have sent it.
func TestReplyNow(t *testing.T) {
	for _, c := range []struct{ now, date string }{
		{"message", "Wed, 04 Nov 2026 08:46:17 -0500"},
		{"2026-03-05T10:00:00Z", "Thu, 05 Mar 2026 10:00:00 +0000"},
	} {
		code, out, errOut := runMain(t, "reply", "--now", c.now, "../../parser/testdata/situations/06-gmail.eml")
		if code != 0 || errOut != "" {
			t.Fatalf("--now %s: exit %d, stderr %q", c.now, code, errOut)
		}
		r, err := mail.CreateReader(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if d := r.Header.Get("Date"); d != c.date {
			t.Errorf("--now %s: Date = %q, want %q", c.now, d, c.date)
		}
	}
	if code, _, errOut := runMain(t, "reply", "--now", "yesterday", "../../parser/testdata/situations/06-gmail.eml"); code != 2 || !strings.Contains(errOut, "cannot read") {
		t.Errorf("--now yesterday: exit %d, stderr %q", code, errOut)
	}
}
