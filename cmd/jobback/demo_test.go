package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

const situations = "../../parser/testdata/situations/"

func TestDemoSend(t *testing.T) {
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"demo", "--send", situations + "06-gmail.eml"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errb.String())
	}
	reply := out.String()
	for _, want := range []string{
		"To: <marcus.webb@example.com>", "Subject: Re: ", "In-Reply-To:", "Auto-Submitted: auto-replied",
		"From: \"jobback\" <help@jobback.example>", "Karen",
	} {
		if !strings.Contains(reply, want) {
			t.Errorf("reply lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("reply:\n%s", reply)
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

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func waitOutput(t *testing.T, b *syncBuffer, re *regexp.Regexp) []string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := re.FindStringSubmatch(b.String()); m != nil {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s in output:\n%s", re, b.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// The interactive demo: a message submitted over its SMTP server to the
// assistant is answered, and Ctrl-C (the context) stops it cleanly.
func TestDemoInteractive(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"demo"}, nil, &out, &errb) }()
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
