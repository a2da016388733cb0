package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"jobback/config"
	"jobback/daemon/localmail"
	"jobback/store"
)

// jobback run against in-process servers: it answers, stops on the
// context (what main's first signal does), and a second run on the same
// store sends nothing twice.
func TestRun(t *testing.T) {
	mail, err := localmail.Start(localmail.Options{Password: "s3cret-pw"})
	if err != nil {
		t.Fatal(err)
	}
	defer mail.Close()
	cfgPath := writeConfig(t, mail, "log: {level: debug, format: json}\n")
	raw, err := os.ReadFile(situations + "06-gmail.eml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mail.Deliver(raw); err != nil {
		t.Fatal(err)
	}
	runOnce := func(wantSent int) string {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var out, errb syncBuffer
		done := make(chan int, 1)
		go func() { done <- Main(ctx, []string{"run", "--config", cfgPath}, nil, &out, &errb) }()
		wctx, wcancel := context.WithTimeout(ctx, 20*time.Second)
		defer wcancel()
		if _, err := mail.WaitSent(wctx, wantSent); err != nil {
			t.Fatalf("%v; stderr:\n%s", err, errb.String())
		}
		// Wait for the reply to be marked sent before stopping.
		waitOutput(t, &errb, regexp.MustCompile(`"msg":"reply sent"`))
		cancel()
		if code := <-done; code != 0 {
			t.Fatalf("exit %d; stderr:\n%s", code, errb.String())
		}
		return errb.String()
	}
	log := runOnce(1)
	if !strings.Contains(log, `"level":"DEBUG"`) {
		t.Errorf("no debug lines in a debug log:\n%s", log)
	}
	if strings.Contains(log, "s3cret-pw") {
		t.Errorf("the log shows the IMAP password:\n%s", log)
	}

	// Restart; a second message arrives; only it is answered.
	raw2, _ := os.ReadFile(situations + "04-outlook.eml")
	if _, err := mail.Deliver(raw2); err != nil {
		t.Fatal(err)
	}
	runOnce(2)
	sent := mail.Sent()
	if len(sent) != 2 || sent[0].To[0] == sent[1].To[0] {
		t.Fatalf("sent %d replies to %v", len(sent), recipientsOf(sent))
	}
	st, err := store.Open(context.Background(), filepath.Join(filepath.Dir(cfgPath), "jobback.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	out, err := st.ListOutbox(context.Background())
	if err != nil || len(out) != 2 || out[0].Status != store.StatusSent || out[1].Status != store.StatusSent {
		t.Fatalf("outbox %d rows, %v", len(out), err)
	}
}

func recipientsOf(sent []localmail.Sent) []string {
	var out []string
	for _, s := range sent {
		out = append(out, s.To...)
	}
	return out
}

func TestRunBadConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(path, []byte("imap: {addr: nowhere}\n"), 0o600)
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"run", "--config", path}, nil, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "imap.addr") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

// The daemon's options follow the configuration: the follow-up plan, its
// clock, one-click unsubscribe and copies to self.
func TestDaemonOptionsFromConfig(t *testing.T) {
	cfg := config.Default()
	cfg.Followups.NudgeAfter = config.Duration(24 * time.Hour)
	cfg.Followups.QuietHours = "22:30-07:15"
	cfg.Followups.DefaultTimeZone = "America/New_York"
	cfg.Followups.CheckIn = "30 18 * * FRI"
	cfg.Followups.Tick = "@every 5m"
	cfg.Followups.UnsubscribeURL = "https://jobback.example/unsubscribe"
	cfg.Followups.UnsubscribeSecret = "0123456789abcdef"
	cfg.Outbox.CopyWait = config.Duration(time.Minute)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	opts, err := daemonOptions(cfg, nil, logger)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Planner == nil || opts.Writer == nil {
		t.Fatalf("no planner or writer with follow-ups enabled")
	}
	p := opts.Planner.Plan()
	at := time.Date(2026, 11, 23, 10, 1, 0, 0, time.UTC) // a Monday
	if next := p.CheckIn.Next(at); p.NudgeAfter != 24*time.Hour || p.Quiet.String() != "22:30-07:15" ||
		next.Weekday() != time.Friday || next.Hour() != 18 || next.Minute() != 30 ||
		p.DefaultZone.String() != "America/New_York" || p.Staleness != 168*time.Hour {
		t.Errorf("plan = %+v, next check-in after %s: %s", p, at, next)
	}
	if next := opts.DueEvery.Next(at); next.Sub(at) != 5*time.Minute {
		t.Errorf("tick after %s: %s", at, next)
	}
	if opts.UnsubscribeURL != cfg.Followups.UnsubscribeURL || string(opts.UnsubscribeKey) != "0123456789abcdef" {
		t.Errorf("unsubscribe %q %q", opts.UnsubscribeURL, opts.UnsubscribeKey)
	}
	if !opts.CopySelf || opts.Confirm == nil || opts.CopyWait != time.Minute {
		t.Errorf("copy_self %v, confirm set %v, copy_wait %s", opts.CopySelf, opts.Confirm != nil, opts.CopyWait)
	}

	cfg.Followups.Enabled = false
	cfg.SMTP.CopyToSelf = false
	opts, err = daemonOptions(cfg, nil, logger)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Planner != nil || opts.UnsubscribeURL != "" || opts.CopySelf || opts.Confirm != nil {
		t.Errorf("follow-ups and copies off: planner %v, unsubscribe %q, copy_self %v, confirm set %v",
			opts.Planner != nil, opts.UnsubscribeURL, opts.CopySelf, opts.Confirm != nil)
	}
}

// EHLO gives smtp.helo when set; otherwise a name with a dot in it: the
// machine's, or the assistant's domain (never a bare "localhost").
func TestHeloName(t *testing.T) {
	cfg := config.Default()
	cfg.SMTP.HELO = "mx.jobback.example"
	if got := heloName(cfg); got != "mx.jobback.example" {
		t.Errorf("with smtp.helo: %q", got)
	}
	cfg.SMTP.HELO = ""
	host, _ := os.Hostname()
	got := heloName(cfg)
	if got != host && got != cfg.Assistant.MessageIDDomain {
		t.Errorf("without smtp.helo: %q, want %q or %q", got, host, cfg.Assistant.MessageIDDomain)
	}
	if !strings.Contains(got, ".") {
		t.Errorf("without smtp.helo: %q is not a full domain name", got)
	}
	if smtpOptions(cfg).HELO != got {
		t.Error("smtpOptions does not pass the EHLO name on")
	}
}

// A start that fails says so once (it was printed and logged, twice on the
// same stderr), and a store in a folder that does not exist is named
// (issue 16).
func TestRunStartErrorOnce(t *testing.T) {
	mail, err := localmail.Start(localmail.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mail.Close()
	path := writeConfig(t, mail, "")
	storeInMissingFolder(t, path)
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"run", "--config", path}, nil, &out, &errb)
	got := errb.String()
	if code != 1 || !strings.Contains(got, "no-such-folder does not exist") || strings.Count(got, "jobback run:") != 1 {
		t.Fatalf("exit %d, stderr:\n%s", code, got)
	}
}
