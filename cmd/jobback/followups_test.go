package main

import (
	"bytes"
	"context"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"jobback/daemon/localmail"
	"jobback/domain"
	"jobback/schedule"
	"jobback/store"
)

// The daemon answers one message and plans its follow-ups; `followups
// list` shows the nudge on the person's clock; `followups run-due` a day
// after it fell due sends it, threaded to the advice, and a second run-due
// sends nothing more; with the daemon running, run-due leaves the sending
// to it.
func TestFollowupsListAndRunDue(t *testing.T) {
	const assistant = "help@jobback.example"
	mail, err := localmail.Start(localmail.Options{Address: assistant})
	if err != nil {
		t.Fatal(err)
	}
	defer mail.Close()
	cfgPath := writeConfig(t, mail, "")
	raw, err := os.ReadFile(situations + "06-gmail.eml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mail.Deliver(raw); err != nil {
		t.Fatal(err)
	}

	// startDaemon runs `jobback run` until the returned function is called.
	startDaemon := func() (*syncBuffer, func()) {
		ctx, cancel := context.WithCancel(context.Background())
		var errb syncBuffer
		done := make(chan int, 1)
		go func() { done <- Main(ctx, []string{"run", "--config", cfgPath}, nil, io.Discard, &errb) }()
		return &errb, func() {
			cancel()
			if code := <-done; code != 0 {
				t.Fatalf("jobback run: exit %d; stderr:\n%s", code, errb.String())
			}
		}
	}
	errb, stop := startDaemon()
	wctx, wcancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer wcancel()
	advice, err := mail.WaitSent(wctx, 1)
	if err != nil {
		t.Fatalf("%v; stderr:\n%s", err, errb.String())
	}
	waitOutput(t, errb, regexp.MustCompile(`reply sent`))
	stop()
	adviceID := header(t, advice[0].Raw, "Message-ID")

	// The nudge is planned; read when, on the person's clock (-0500).
	st, err := store.Open(context.Background(), filepath.Join(filepath.Dir(cfgPath), "jobback.db"))
	if err != nil {
		t.Fatal(err)
	}
	fs, err := st.ListFollowups(context.Background(), "marcus.webb@example.com", 0)
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.Case(context.Background(), "marcus.webb@example.com")
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	var nudge *store.Followup
	for i := range fs {
		if fs[i].Kind == domain.KindNudgeSend {
			nudge = &fs[i]
		}
	}
	if nudge == nil || c.TZOffset == nil || *c.TZOffset != -300 {
		t.Fatalf("follow-ups %+v, case zone %v: want a nudge_send and -300", fs, c.TZOffset)
	}

	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Main(context.Background(), append([]string{"followups"}, args...), nil, &out, &errb)
		return code, out.String(), errb.String()
	}

	code, out, stderr := run("list", "--config", cfgPath)
	if code != 0 {
		t.Fatalf("list: exit %d; stderr:\n%s", code, stderr)
	}
	local := nudge.DueAt.In(schedule.Zone(-5 * 3600))
	for _, want := range []string{
		"DUE (UTC)", "DUE (THEIR TIME)", "KIND", "PERSON",
		nudge.DueAt.UTC().Format("2006-01-02 15:04 UTC"), local.Format("2006-01-02 15:04 MST"), "UTC-0500",
		"nudge_send", "marcus.webb@example.com",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if code, out, _ := run("list", "--config", cfgPath, "--person", "nobody@example.org"); code != 0 || out != "no follow-ups pending\n" {
		t.Errorf("list for nobody: exit %d, %q", code, out)
	}
	if code, out, _ := run("list", "--config", cfgPath, "--limit", "1"); code != 0 || strings.Count(out, "\n") != 2 {
		t.Errorf("list --limit 1: exit %d, want a header and one line:\n%s", code, out)
	}

	// Run the due follow-ups at noon on the person's clock, the day after
	// the nudge fell due (about three days after the advice).
	asOf := time.Date(local.Year(), local.Month(), local.Day()+1, 12, 0, 0, 0, local.Location())
	code, out, stderr = run("run-due", "--config", cfgPath, "--now", asOf.Format(time.RFC3339))
	if code != 0 {
		t.Fatalf("run-due: exit %d; stdout:\n%s\nstderr:\n%s", code, out, stderr)
	}
	t.Logf("jobback followups run-due --now %s:\n%s", asOf.Format(time.RFC3339), out)
	sent := mail.Sent()
	nudges := sent[1:] // the nudge, and a check-in if one fell due too
	if len(nudges) == 0 {
		t.Fatalf("run-due sent nothing; stdout:\n%s\nstderr:\n%s", out, stderr)
	}
	m := regexp.MustCompile(`(\d+) queued`).FindStringSubmatch(out)
	if m == nil || !strings.Contains(out, "sent "+m[1]+"\n") || m[1] != strconv.Itoa(len(nudges)) {
		t.Errorf("run-due output does not say %d queued and sent:\n%s", len(nudges), out)
	}
	found := false
	for _, s := range nudges {
		if len(s.To) != 1 || s.To[0] != "marcus.webb@example.com" {
			t.Errorf("follow-up sent to %v", s.To)
		}
		if header(t, s.Raw, "In-Reply-To") == adviceID {
			found = true
		}
	}
	if !found {
		t.Errorf("no follow-up answers the advice %s", adviceID)
	}

	// Again: nothing more is due, nothing more is sent.
	code, out, stderr = run("run-due", "--config", cfgPath, "--now", asOf.Format(time.RFC3339))
	if code != 0 || !strings.Contains(out, "0 queued") || !strings.Contains(out, "sent 0\n") {
		t.Errorf("second run-due: exit %d; stdout:\n%s\nstderr:\n%s", code, out, stderr)
	}
	if n := len(mail.Sent()); n != len(sent) {
		t.Errorf("second run-due sent %d more", n-len(sent))
	}

	// A bad --now is refused, naming the flag.
	for _, bad := range []string{"tomorrow", "2026-11-23 09:00", ""} {
		code, _, stderr := run("run-due", "--config", cfgPath, "--now", bad)
		if code != 2 || !strings.Contains(stderr, "--now") || !strings.Contains(stderr, "RFC 3339") {
			t.Errorf("--now %q: exit %d, stderr %q", bad, code, stderr)
		}
	}

	// With the daemon running, run-due queues and leaves the sending to it.
	errb, stop = startDaemon()
	waitOutput(t, errb, regexp.MustCompile(`daemon running`))
	code, out, stderr = run("run-due", "--config", cfgPath, "--now", asOf.Format(time.RFC3339))
	stop()
	t.Logf("beside a running daemon:\n%s", out)
	if code != 0 || !strings.Contains(out, "a jobback daemon is running on this store") {
		t.Errorf("run-due beside a daemon: exit %d; stdout:\n%s\nstderr:\n%s", code, out, stderr)
	}
}

func TestFollowupsUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Main(context.Background(), []string{"followups"}, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "run-due") {
		t.Errorf("no sub-command: exit %d, %q", code, errb.String())
	}
	errb.Reset()
	if code := Main(context.Background(), []string{"followups", "purge"}, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), `unknown sub-command "purge"`) {
		t.Errorf("unknown sub-command: exit %d, %q", code, errb.String())
	}
}

// header returns one header of a raw message, angle brackets removed from
// message ids.
func header(t *testing.T, raw []byte, name string) string {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Trim(m.Header.Get(name), "<> ")
}
