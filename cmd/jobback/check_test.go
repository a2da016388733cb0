package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jobback/daemon/localmail"
	"jobback/internal/testcert"
)

func writeConfig(t *testing.T, mail *localmail.Servers, extra string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	cfg := fmt.Sprintf(`assistant: {address: help@jobback.example}
imap: {addr: "%s", username: %s, password: %s}
smtp: {addr: "%s"}
store: {path: "%s"}
http: {addr: ""}
%s`, mail.IMAPAddr, mail.Username, mail.Password, mail.SMTPAddr, filepath.Join(dir, "jobback.db"), extra)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// storeInMissingFolder rewrites the configuration at path (from
// writeConfig) so that its store is in a folder that does not exist
// ("no-such-folder"), and returns the new text.
func storeInMissingFolder(t *testing.T, path string) []byte {
	t.Helper()
	cfg, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "no-such-folder", "jobback.db")
	cfg = bytes.Replace(cfg, []byte(filepath.Join(filepath.Dir(path), "jobback.db")), []byte(missing), 1)
	if err := os.WriteFile(path, cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestCheck(t *testing.T) {
	mail, err := localmail.Start(localmail.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mail.Close()
	mail.Deliver([]byte("From: a@example.org\r\nSubject: x\r\n\r\nhi\r\n"))
	run := func(path string) (int, string) {
		var out, errb bytes.Buffer
		code := Main(context.Background(), []string{"check", "--config", path}, nil, &out, &errb)
		return code, out.String() + errb.String()
	}

	code, out := run(writeConfig(t, mail, ""))
	if code != 0 || !strings.Contains(out, "imap    ok") || !strings.Contains(out, "1 not yet processed") ||
		!strings.Contains(out, "smtp    ok") || !strings.Contains(out, "will be created") {
		t.Fatalf("good config: exit %d\n%s", code, out)
	}

	path := writeConfig(t, mail, "")
	cfg, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(cfg, []byte("password: jobback"), []byte("password: wrong"), 1), 0o600)
	code, out = run(path)
	if code != 1 || !strings.Contains(out, "imap    FAIL") || !strings.Contains(out, "smtp    ok") {
		t.Fatalf("wrong IMAP password: exit %d\n%s", code, out)
	}

	// The test SMTP server offers no AUTH.
	code, out = run(writeConfig(t, mail, "smtp_extra: 1\n"))
	if code != 1 || !strings.Contains(out, "config  FAIL") || !strings.Contains(out, "smtp_extra") {
		t.Fatalf("unknown key: exit %d\n%s", code, out)
	}
	path = writeConfig(t, mail, "")
	cfg, _ = os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(cfg, []byte(`smtp: {addr: "`+mail.SMTPAddr+`"}`),
		[]byte(`smtp: {addr: "`+mail.SMTPAddr+`", username: u, password: p}`), 1), 0o600)
	code, out = run(path)
	if code != 1 || !strings.Contains(out, "smtp    FAIL") || !strings.Contains(out, "does not support SMTP AUTH") {
		t.Fatalf("SMTP login without AUTH: exit %d\n%s", code, out)
	}
}

// selfSigned makes a self-signed certificate for 127.0.0.1 and writes it
// as PEM to a file: what a person running their own mail server with its
// own certificate puts in ca_file.
func selfSigned(t *testing.T) (*tls.Config, string) {
	t.Helper()
	c, err := testcert.New()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, c.PEM, 0o600); err != nil {
		t.Fatal(err)
	}
	return c.Server, path
}

// Servers with a certificate the system does not trust: check fails on
// both until ca_file names it, and then logs in to both over TLS.
func TestCheckTLSWithCAFile(t *testing.T) {
	srvTLS, caFile := selfSigned(t)
	mail, err := localmail.Start(localmail.Options{TLS: srvTLS})
	if err != nil {
		t.Fatal(err)
	}
	defer mail.Close()
	run := func(path string) (int, string) {
		var out, errb bytes.Buffer
		code := Main(context.Background(), []string{"check", "--config", path}, nil, &out, &errb)
		return code, out.String() + errb.String()
	}
	withTLS := func(imapExtra, smtpExtra string) string {
		path := writeConfig(t, mail, "")
		cfg, _ := os.ReadFile(path)
		cfg = bytes.Replace(cfg, []byte(`imap: {addr: "`+mail.IMAPAddr+`",`),
			[]byte(`imap: {addr: "`+mail.IMAPAddr+`", tls: implicit`+imapExtra+`,`), 1)
		cfg = bytes.Replace(cfg, []byte(`smtp: {addr: "`+mail.SMTPAddr+`"}`),
			[]byte(`smtp: {addr: "`+mail.SMTPAddr+`", tls: implicit`+smtpExtra+`}`), 1)
		if err := os.WriteFile(path, cfg, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}

	code, out := run(withTLS("", ""))
	if code != 1 || !strings.Contains(out, "imap    FAIL") || !strings.Contains(out, "smtp    FAIL") ||
		strings.Count(out, "certificate signed by unknown authority") != 2 ||
		!strings.Contains(out, "imap.ca_file") || !strings.Contains(out, "smtp.ca_file") {
		t.Fatalf("untrusted certificates: exit %d\n%s", code, out)
	}
	t.Logf("without ca_file:\n%s", out)
	code, out = run(withTLS(", ca_file: "+caFile, ", ca_file: "+caFile))
	if code != 0 || !strings.Contains(out, "imap    ok") || !strings.Contains(out, "smtp    ok") {
		t.Fatalf("with ca_file: exit %d\n%s", code, out)
	}
	// Each side's ca_file is its own.
	code, out = run(withTLS(", ca_file: "+caFile, ""))
	if code != 1 || !strings.Contains(out, "imap    ok") || !strings.Contains(out, "smtp    FAIL") {
		t.Fatalf("ca_file for imap only: exit %d\n%s", code, out)
	}
}

// check says when the store cannot be created (its folder is missing), and
// names an IMAP password whose environment variable is unset; reply, which
// logs in nowhere, runs with the same file (issue 16).
func TestCheckStoreFolderAndSecrets(t *testing.T) {
	mail, err := localmail.Start(localmail.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mail.Close()
	path := writeConfig(t, mail, "")
	cfg := storeInMissingFolder(t, path)
	cfg = bytes.Replace(cfg, []byte("password: jobback"), []byte("password: '${JB_TEST_UNSET_PW}'"), 1)
	os.WriteFile(path, cfg, 0o600)

	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"check", "--config", path}, nil, &out, &errb)
	got := out.String() + errb.String()
	if code != 1 || !strings.Contains(got, "store   FAIL") || !strings.Contains(got, "no-such-folder") ||
		!strings.Contains(got, "imap    FAIL") || !strings.Contains(got, "JB_TEST_UNSET_PW is not set") {
		t.Fatalf("exit %d\n%s", code, got)
	}

	msg := filepath.Join(t.TempDir(), "m.eml")
	os.WriteFile(msg, []byte("From: Ann <ann@example.org>\r\nTo: help@jobback.example\r\nSubject: fired\r\n\r\nI was fired last week.\r\n"), 0o600)
	out.Reset()
	errb.Reset()
	if code := Main(context.Background(), []string{"reply", "--config", path, msg}, nil, &out, &errb); code != 0 || !strings.Contains(out.String(), "ann@example.org") {
		t.Fatalf("reply with an IMAP password unset: exit %d\n%s%s", code, out.String(), errb.String())
	}
}
