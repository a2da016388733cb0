package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

const situations = "../../parser/testdata/situations/"

func TestDemoSend(t *testing.T) {
	// As a person reads it: the headers that matter, the text, the letter.
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"demo", "--send", situations + "06-gmail.eml"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errb.String())
	}
	reply := out.String()
	for _, want := range []string{
		"To:      <marcus.webb@example.com>", "Subject: Re: ", "From:    \"jobback\" <help@jobback.example>",
		"Hi Marcus,", "Dear Karen,", "--- attached: ",
	} {
		if !strings.Contains(reply, want) {
			t.Errorf("reply lacks %q", want)
		}
	}
	for _, not := range []string{"Content-Transfer-Encoding", "=\n", "<html", "In-Reply-To:"} {
		if strings.Contains(reply, not) {
			t.Errorf("the readable reply holds %q", not)
		}
	}
	if t.Failed() {
		t.Logf("reply:\n%s", reply)
	}

	// --raw: the bytes, as sent.
	out.Reset()
	code = Main(context.Background(), []string{"demo", "--send", situations + "06-gmail.eml", "--raw"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("--raw: exit %d; stderr:\n%s", code, errb.String())
	}
	reply = out.String()
	for _, want := range []string{
		"To: <marcus.webb@example.com>", "Subject: Re: ", "In-Reply-To:", "Auto-Submitted: auto-replied",
		"From: \"jobback\" <help@jobback.example>", "Karen",
	} {
		if !strings.Contains(reply, want) {
			t.Errorf("--raw reply lacks %q", want)
		}
	}
}

func TestDemoSendAutomaticMail(t *testing.T) {
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"demo", "--send", situations + "33-esp-bulk.eml"}, nil, &out, &errb)
	if code != 0 || !strings.Contains(out.String(), "does not answer") || !strings.Contains(out.String(), "automatic mail") {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out.String(), errb.String())
	}
}

func TestDemoSendMissingFile(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Main(context.Background(), []string{"demo", "--send", "no-such-file.eml"}, nil, &out, &errb); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(errb.String(), "no-such-file.eml") {
		t.Fatalf("stderr does not name the file: %s", errb.String())
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine,
// which can wait for the next write.
type syncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	written chan struct{} // closed by the next Write; made on demand
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.written != nil {
		close(s.written)
		s.written = nil
	}
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// next returns what was written so far and a channel closed by the next
// write.
func (s *syncBuffer) next() (string, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.written == nil {
		s.written = make(chan struct{})
	}
	return s.b.String(), s.written
}

// waitOutput waits until re matches what was written to b, looking again
// at each write, and returns the match.
func waitOutput(t *testing.T, b *syncBuffer, re *regexp.Regexp) []string {
	t.Helper()
	timeout := time.NewTimer(20 * time.Second)
	defer timeout.Stop()
	for {
		text, written := b.next()
		if m := re.FindStringSubmatch(text); m != nil {
			return m
		}
		select {
		case <-written:
		case <-timeout.C:
			t.Fatalf("no %s in output:\n%s", re, b.String())
		}
	}
}

// The interactive demo: a message submitted over its SMTP server to the
// assistant is answered, and Ctrl-C (the context) stops it cleanly.
func TestDemoInteractive(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"demo", "--imap-port", "0", "--smtp-port", "0", "--http-port", "0"}, nil, &out, &errb)
	}()
	m := waitOutput(t, &out, regexp.MustCompile(`outgoing mail \(SMTP\): (127\.0\.0\.1:\d+)`))
	c, err := smtp.Dial(m[1])
	if err != nil {
		t.Fatal(err)
	}
	msg := "From: Dana Ortiz <dana@example.org>\r\nTo: help@jobback.example\r\nSubject: laid off\r\n" +
		"Message-ID: <demo-1@example.org>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0100\r\n\r\n" +
		"Hello, I was laid off two weeks ago from Northwind Traders, where I was a data analyst for three years. " +
		"My manager was Priya Shah. Is there any way back?\r\n\r\nDana\r\n"
	if err := c.SendMail("dana@example.org", []string{"help@jobback.example"}, strings.NewReader(msg)); err != nil {
		t.Fatal(err)
	}
	c.Close()
	// (the log names Dana by a keyed hash, not her address)
	waitOutput(t, &errb, regexp.MustCompile(`msg="reply sent".*person=p:[0-9a-f]{12}`))
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d; stderr:\n%s", code, errb.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the demo did not stop")
	}
}

// runningDemo is `jobback demo` with its args, running until stop.
type runningDemo struct {
	out, errb *syncBuffer
	smtpAddr  string
	stop      func()
}

func startDemoCmd(t *testing.T, args ...string) *runningDemo {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	d := &runningDemo{out: &syncBuffer{}, errb: &syncBuffer{}}
	done := make(chan int, 1)
	go func() { done <- Main(ctx, append([]string{"demo"}, args...), nil, d.out, d.errb) }()
	d.smtpAddr = waitOutput(t, d.out, regexp.MustCompile(`outgoing mail \(SMTP\): (127\.0\.0\.1:\d+)`))[1]
	stopped := false
	d.stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("demo exit %d; stderr:\n%s", code, d.errb.String())
			}
		case <-time.After(20 * time.Second):
			t.Error("the demo did not stop")
		}
	}
	t.Cleanup(d.stop)
	return d
}

func (d *runningDemo) send(t *testing.T, from, id, body string) {
	t.Helper()
	msg := "From: " + from + "\r\nTo: help@jobback.example\r\nSubject: laid off\r\nMessage-ID: <" + id + ">\r\n" +
		"Date: Mon, 23 Nov 2026 09:00:00 +0100\r\n\r\n" + body + "\r\n"
	c, err := smtp.Dial(d.smtpAddr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.SendMail("x@example.org", []string{"help@jobback.example"}, strings.NewReader(msg)); err != nil {
		t.Fatal(err)
	}
}

// The whole story with the demo, as the README tells it (issue 16): a
// message gets the advice; moving the clock brings the nudge and the
// checklist; `jobback cases` shows it all; a second run on the same
// --store answers new mail (its in-memory mailbox starts again at UID 1).
func TestDemoStory(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	d := startDemoCmd(t, "--imap-port", "0", "--smtp-port", "0", "--http-port", "0", "--store", dir)
	d.send(t, "Dana Ortiz <dana@example.org>", "story-1@example.org", "Hello, I was laid off two weeks ago from Northwind "+
		"Traders, where I was a data analyst for three years. My manager was Priya Shah. Is there any way back?")
	waitOutput(t, d.errb, regexp.MustCompile(`msg="reply sent"`))
	var out, errb bytes.Buffer
	for _, now := range []string{"+3d", "+22d"} {
		out.Reset()
		if code := Main(context.Background(), []string{"followups", "run-due", "--config", cfg, "--now", now}, nil, &out, &errb); code != 0 {
			t.Fatalf("run-due %s: exit %d\n%s%s", now, code, out.String(), errb.String())
		}
	}
	var story string
	deadline := time.Now().Add(20 * time.Second)
	for {
		out.Reset()
		if code := Main(context.Background(), []string{"cases", "--config", cfg, "--person", "dana@example.org"}, nil, &out, &errb); code != 0 {
			t.Fatalf("cases: exit %d\n%s", code, errb.String())
		}
		story = out.String()
		if strings.Contains(story, "checklist      sent") || time.Now().After(deadline) {
			break
		}
		// A poll on a state nothing announces: the checklist marked sent
		// in the store, which only `jobback cases` shows.
		time.Sleep(50 * time.Millisecond)
	}
	for _, want := range []string{"state advised", "in   answered ", "out  advice         sent", "out  nudge_send     sent", "out  checklist      sent", "Northwind Traders"} {
		if !strings.Contains(story, want) {
			t.Errorf("cases --person lacks %q:\n%s", want, story)
		}
	}
	// The status page the demo prints the address of.
	page := waitOutput(t, d.out, regexp.MustCompile(`status page.*: (http://127\.0\.0\.1:\d+/)`))[1]
	resp, err := http.Get(page)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Answered") || strings.Contains(string(body), "dana@example.org") {
		t.Errorf("the demo's status page: %s\n%s", resp.Status, body)
	}
	d.stop()

	d = startDemoCmd(t, "--imap-port", "0", "--smtp-port", "0", "--http-port", "0", "--store", dir)
	d.send(t, "Eli Park <eli@example.org>", "story-2@example.org", "I quit my job at Contoso last month and I regret it. Can I go back?")
	waitOutput(t, d.errb, regexp.MustCompile(`msg="reply sent"`))
	out.Reset()
	if code := Main(context.Background(), []string{"cases", "--config", cfg}, nil, &out, &errb); code != 0 ||
		!strings.Contains(out.String(), "eli@example.org") || !strings.Contains(out.String(), "dana@example.org") {
		t.Errorf("cases after a second run: exit %d\n%s", code, out.String())
	}
}
