package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file that is not a message (no header, or empty) is refused by parse,
// reply and demo --send alike, with a non-zero exit and a word on what a
// message looks like; parse prints "&" as it is, with one file or several
// (issue 16).
func TestNotAMessageAndPlainJSON(t *testing.T) {
	dir := t.TempDir()
	noHeader := filepath.Join(dir, "note.txt")
	os.WriteFile(noHeader, []byte("I was fired yesterday from Acme.\nCan I get my job back?\n"), 0o600)
	empty := filepath.Join(dir, "empty.eml")
	os.WriteFile(empty, nil, 0o600)
	for _, args := range [][]string{{"parse", noHeader}, {"reply", noHeader}, {"demo", "--send", noHeader}, {"demo", "--send", empty}} {
		var out, errb bytes.Buffer
		code := Main(context.Background(), args, nil, &out, &errb)
		if code == 0 || !strings.Contains(errb.String(), "a message starts with header lines") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
	}
	msg := filepath.Join(dir, "m.eml")
	os.WriteFile(msg, []byte("From: Ann <ann@example.org>\r\nTo: help@jobback.example\r\nSubject: fired\r\n\r\n"+
		"I was fired last week from Harbor & Pine, where I was a baker.\r\n"), 0o600)
	for _, files := range [][]string{{msg}, {msg, msg}} {
		var out, errb bytes.Buffer
		if code := Main(context.Background(), append([]string{"parse"}, files...), nil, &out, &errb); code != 0 {
			t.Fatalf("parse %v: exit %d: %s", files, code, errb.String())
		}
		if strings.Contains(out.String(), `\u0026`) || !strings.Contains(out.String(), "Harbor & Pine") {
			t.Errorf("parse of %d files: %s", len(files), out.String())
		}
	}
}
