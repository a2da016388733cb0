package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

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
