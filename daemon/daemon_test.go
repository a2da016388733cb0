package daemon

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"jobback/daemon/localmail"
	"jobback/domain"
	"jobback/mailbox"
	"jobback/outbox"
	"jobback/parser"
	"jobback/responder"
	"jobback/store"
)

const ourAddr = "help@jobback.test"

// realRenderer is the responder, as `jobback run` wires it.
func realRenderer(t testing.TB) Renderer {
	resp, err := responder.New(responder.Options{Address: ourAddr, MessageIDDomain: "jobback.test"})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// realSender makes the outbox's go-mail sender for a plain loopback
// server.
func realSender(addr string) func() (outbox.Sender, error) {
	return func() (outbox.Sender, error) {
		return outbox.NewSubmitter(outbox.SMTPOptions{Addr: addr, TLS: "none", Timeout: 10 * time.Second, HELO: "localhost"})
	}
}

func message(from, id, subject, body string, extra ...string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nMessage-ID: <%s>\r\nDate: Mon, 23 Nov 2026 09:00:00 -0500\r\n", from, ourAddr, subject, id)
	for _, h := range extra {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n" + body + "\r\n")
	return []byte(b.String())
}

const firedBody = "Hi,\r\n\r\nI was fired last week from Acme Corp where I worked as a sales manager for 4 years. " +
	"My boss Jane Smith said my numbers were down. I regret how it ended. Can I get my job back?\r\n\r\nAnn"

func advice(n int) []byte {
	return message(fmt.Sprintf("Person %d <p%d@example.org>", n, n), fmt.Sprintf("m%d@example.org", n), "I was fired", firedBody)
}

type harness struct {
	t    testing.TB
	mail *localmail.Servers
	path string
	st   *store.SQLite
	now  func() time.Time
	opts func(*Options) // adjusts the daemon's options before Open
	poll time.Duration  // the mailbox's poll interval; if zero, 50 ms

	d      *Daemon
	cancel context.CancelFunc
	done   chan error
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	mail, err := localmail.Start(localmail.Options{Address: ourAddr})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mail.Close() })
	h := &harness{t: t, mail: mail, path: filepath.Join(t.TempDir(), "jobback.db")}
	h.openStore()
	t.Cleanup(func() {
		h.stop()
		h.st.Close()
	})
	return h
}

func (h *harness) openStore() {
	st, err := store.Open(context.Background(), h.path)
	if err != nil {
		h.t.Fatal(err)
	}
	h.st = st
}

func (h *harness) logger() *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(testWriter{h.t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func (h *harness) daemonOptions() Options {
	o := Options{
		Store:        h.st,
		Address:      ourAddr,
		Renderer:     realRenderer(h.t),
		NewSender:    realSender(h.mail.SMTPAddr),
		IsPermanent:  outbox.IsPermanent,
		RetryBase:    10 * time.Millisecond,
		RetryMax:     50 * time.Millisecond,
		PollInterval: 20 * time.Millisecond,
		Logger:       h.logger(),
		Now:          h.now,
	}
	if h.opts != nil {
		h.opts(&o)
	}
	return o
}

// start opens a watcher and a daemon on the harness's store and runs them.
func (h *harness) start() {
	h.t.Helper()
	ctx := context.Background()
	o := h.daemonOptions()
	poll := h.poll
	if poll == 0 {
		poll = 50 * time.Millisecond
	}
	w, err := mailbox.Open(ctx, mailbox.Options{
		Addr: h.mail.IMAPAddr, TLS: domain.TLSNone, Username: h.mail.Username, Password: h.mail.Password,
		Cursor: h.st, BeforeMark: h.st.Sync, PollInterval: poll, MaxSize: o.MaxSize,
		ReconnectDelay: 10 * time.Millisecond, RetryDelay: 10 * time.Millisecond, Logger: o.Logger,
	})
	if err != nil {
		h.t.Fatal(err)
	}
	o.Source = w
	d, err := Open(ctx, o)
	if err != nil {
		w.Close(ctx)
		h.t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	h.d, h.cancel, h.done = d, cancel, make(chan error, 1)
	go func() {
		err := d.Run(runCtx)
		w.Close(context.Background())
		h.done <- err
	}()
}

// openDaemon opens a daemon on the harness's store without running it,
// for tests that hand it messages themselves; it is closed when the test
// ends.
func (h *harness) openDaemon() *Daemon {
	h.t.Helper()
	d, err := Open(context.Background(), h.daemonOptions())
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { d.Close(context.Background()) })
	return d
}

// stop stops the running daemon gracefully and waits for it.
func (h *harness) stop() {
	if h.d == nil {
		return
	}
	h.cancel()
	if err := <-h.done; err != nil {
		h.t.Errorf("Run: %v", err)
	}
	if err := h.d.Close(context.Background()); err != nil {
		h.t.Errorf("Close: %v", err)
	}
	h.d = nil
}

func (h *harness) deliver(raw []byte) {
	h.t.Helper()
	if _, err := h.mail.Deliver(raw); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) waitSent(n int) []localmail.Sent {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sent, err := h.mail.WaitSent(ctx, n)
	if err != nil {
		h.t.Fatalf("%v (got %d)", err, len(sent))
	}
	return sent
}

// waitFor polls cond until it holds (or fails the test after 20 s).
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	if !eventually(20*time.Second, 5*time.Millisecond, cond) {
		h.t.Fatalf("timed out waiting for %s", what)
	}
}

// waitRecorded waits until n inbound messages are recorded and the outbox
// is empty, and returns the inbound rows.
func (h *harness) waitRecorded(n int) []store.InboundRow {
	h.t.Helper()
	var rows []store.InboundRow
	h.waitFor(fmt.Sprintf("%d recorded messages and an empty outbox", n), func() bool {
		var err error
		rows, err = h.st.ListInbound(context.Background())
		if err != nil {
			h.t.Fatal(err)
		}
		depth, err := h.st.OutboxDepth(context.Background())
		if err != nil {
			h.t.Fatal(err)
		}
		return len(rows) >= n && depth == 0
	})
	return rows
}

func decisions(rows []store.InboundRow) map[string]domain.Decision {
	out := map[string]domain.Decision{}
	for _, r := range rows {
		out[r.Inbound.MessageID] = r.Inbound.Decision
	}
	return out
}

func recipients(sent []localmail.Sent) map[string]int {
	out := map[string]int{}
	for _, s := range sent {
		for _, to := range s.To {
			out[to]++
		}
	}
	return out
}

func TestEachMessageAnsweredOnce(t *testing.T) {
	h := newHarness(t)
	h.opts = func(o *Options) { o.Senders = 3 }
	const n = 30
	for i := 1; i <= n/2; i++ {
		h.deliver(advice(i))
	}
	h.start()
	// Automatic mail and mail from ourselves, among the rest.
	h.deliver(message("Ann <ann@example.org>", "ooo@example.org", "Out of office", "I am away.", "Auto-Submitted: auto-replied"))
	h.deliver(message("jobback <"+ourAddr+">", "own@jobback.test", "I was fired", firedBody))
	h.deliver(message("Bob <bob@example.org>", "loop@example.org", "I was fired", firedBody, "Reply-To: "+strings.ToUpper(ourAddr)))
	h.deliver(message("Ann <ann@example.org>", "stop@example.org", "Re: your letter", "STOP", "In-Reply-To: <reply-1@jobback.test>"))
	for i := n/2 + 1; i <= n; i++ {
		h.deliver(advice(i))
	}
	rows := h.waitRecorded(n + 4)
	sent := h.mail.Sent()
	if len(sent) != n {
		t.Fatalf("%d replies sent, want %d", len(sent), n)
	}
	rc := recipients(sent)
	for i := 1; i <= n; i++ {
		if c := rc[fmt.Sprintf("p%d@example.org", i)]; c != 1 {
			t.Errorf("p%d@example.org got %d replies, want 1", i, c)
		}
	}
	for _, s := range sent {
		if s.From != ourAddr {
			t.Errorf("envelope sender %q, want %q", s.From, ourAddr)
		}
		if !bytes.Contains(s.Raw, []byte("To: <"+s.To[0]+">")) || !bytes.Contains(s.Raw, []byte("Subject: Re: I was fired")) {
			t.Errorf("reply to %s is not addressed to them:\n%s", s.To[0], s.Raw)
		}
	}
	dec := decisions(rows)
	want := map[string]domain.Decision{
		"ooo@example.org":  domain.DecisionIgnored,
		"own@jobback.test": domain.DecisionOwnAddress,
		"loop@example.org": domain.DecisionOwnAddress,
		"stop@example.org": domain.DecisionCommand,
		"m1@example.org":   domain.DecisionAnswered,
		"m30@example.org":  domain.DecisionAnswered,
	}
	for id, w := range want {
		if dec[id] != w {
			t.Errorf("%s: decision %q, want %q", id, dec[id], w)
		}
	}
	if len(rows) != n+4 {
		t.Errorf("%d inbound rows, want %d", len(rows), n+4)
	}
	// Every message, answered or not, is marked processed on the server.
	h.waitFor("every message flagged \\Answered", func() bool {
		flags, err := h.mail.Flags()
		if err != nil {
			t.Fatal(err)
		}
		answered := 0
		for _, f := range flags {
			if slices.Contains(f, imap.FlagAnswered) {
				answered++
			}
		}
		if answered != n+4 && testing.Verbose() {
			t.Logf("flags: %v", flags)
		}
		return len(flags) == n+4 && answered == n+4
	})
	if got := testutil.ToFloat64(h.d.metrics.sent); got != n {
		t.Errorf("replies_sent metric %v, want %d", got, n)
	}
	if got := testutil.ToFloat64(h.d.metrics.messages.WithLabelValues("ignored")); got != 1 {
		t.Errorf("ignored metric %v, want 1", got)
	}
}

func TestRestartSendsNothingTwice(t *testing.T) {
	h := newHarness(t)
	for i := 1; i <= 5; i++ {
		h.deliver(advice(i))
	}
	h.start()
	h.waitSent(5)
	h.waitRecorded(5)
	h.stop()
	h.st.Close()

	// A new daemon on the same store file, as after a restart; the mailbox
	// also forgets its position, so every message is looked at again.
	h.openStore()
	if err := h.st.SetPosition(context.Background(), "INBOX", 0, 0); err != nil {
		t.Fatal(err)
	}
	h.start()
	h.deliver(advice(6))
	h.waitSent(6)
	h.waitRecorded(6)
	h.stop()
	sent := h.mail.Sent()
	if len(sent) != 6 {
		t.Fatalf("%d replies sent across the restart, want 6", len(sent))
	}
	for to, c := range recipients(sent) {
		if c != 1 {
			t.Errorf("%s got %d replies", to, c)
		}
	}
}

// A message handed over again after its record committed (a crash between
// commit and flag) is recognised, by a new daemon on the same store, by UID
// and by Message-ID.
func TestRedeliveryIsDuplicate(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	o := h.daemonOptions()
	d, err := Open(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	m := &mailbox.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 1, MessageID: "m1@example.org", Raw: advice(1), Noticed: time.Now()}
	m.Size = int64(len(m.Raw))
	if err := d.Handle(ctx, m); err != nil {
		t.Fatal(err)
	}
	d.Close(ctx)
	d2, err := Open(ctx, h.daemonOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close(ctx)
	if err := d2.Handle(ctx, m); err != nil {
		t.Fatal(err)
	}
	// Same message after a UIDVALIDITY change: only the Message-ID matches.
	m2 := *m
	m2.UIDValidity, m2.UID = 2, 9
	if err := d2.Handle(ctx, &m2); err != nil {
		t.Fatal(err)
	}
	out, err := h.st.ListOutbox(ctx)
	if err != nil || len(out) != 1 {
		t.Fatalf("%d outbox rows, %v; want 1", len(out), err)
	}
	rows, _ := h.st.ListInbound(ctx)
	if len(rows) != 1 {
		t.Fatalf("%d inbound rows, want 1", len(rows))
	}
	if got := testutil.ToFloat64(d2.metrics.messages.WithLabelValues("duplicate")); got != 2 {
		t.Fatalf("duplicate metric %v, want 2", got)
	}
}

func TestTemporaryFailuresThenSent(t *testing.T) {
	h := newHarness(t)
	h.mail.FailNext(localmail.Temporary, localmail.Drop, localmail.Temporary)
	h.start()
	h.deliver(advice(1))
	sent := h.waitSent(1)
	h.waitRecorded(1)
	if len(sent) != 1 || sent[0].To[0] != "p1@example.org" {
		t.Fatalf("sent %+v", sent)
	}
	if a := h.mail.Attempts(); a != 4 {
		t.Fatalf("%d attempts at the SMTP server, want 4", a)
	}
	out, _ := h.st.ListOutbox(context.Background())
	if len(out) != 1 || out[0].Status != store.StatusSent || out[0].Attempts != 4 {
		t.Fatalf("outbox %+v", out)
	}
	if got := testutil.ToFloat64(h.d.metrics.failures.WithLabelValues("temporary")); got != 3 {
		t.Fatalf("temporary failures metric %v, want 3", got)
	}
}

// The SMTP server is down (every attempt fails) for a while; the reply waits
// and goes out when it is back.
func TestSMTPDownThenBack(t *testing.T) {
	h := newHarness(t)
	h.mail.FailAlways(localmail.Temporary)
	h.start()
	h.deliver(advice(1))
	h.waitFor("several failed attempts", func() bool { return h.mail.Attempts() >= 5 })
	if n := len(h.mail.Sent()); n != 0 {
		t.Fatalf("%d sent while the server refused", n)
	}
	h.mail.FailAlways(localmail.Accept)
	h.waitSent(1)
	h.waitRecorded(1)
	if n := len(h.mail.Sent()); n != 1 {
		t.Fatalf("%d sent, want 1", n)
	}
}

func TestPermanentFailureNotRetried(t *testing.T) {
	h := newHarness(t)
	h.mail.FailNext(localmail.Permanent)
	h.start()
	h.deliver(advice(1))
	var row store.OutboxItem
	h.waitFor("the reply marked failed", func() bool {
		out, _ := h.st.ListOutbox(context.Background())
		if len(out) == 1 {
			row = out[0]
		}
		return row.Status == store.StatusFailed
	})
	if row.Attempts != 1 || !strings.Contains(row.LastError, "550") {
		t.Fatalf("failed row %+v", row)
	}
	// Another message goes through; the failed one is not tried again.
	h.deliver(advice(2))
	sent := h.waitSent(1)
	h.waitRecorded(2)
	if len(sent) != 1 || sent[0].To[0] != "p2@example.org" {
		t.Fatalf("sent %+v", sent)
	}
	if a := h.mail.Attempts(); a != 2 {
		t.Fatalf("%d attempts at the SMTP server, want 2", a)
	}
	if got := testutil.ToFloat64(h.d.metrics.failures.WithLabelValues("permanent")); got != 1 {
		t.Fatalf("permanent failures metric %v, want 1", got)
	}
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestWindowUpdatesCaseWithoutSecondAdvice(t *testing.T) {
	h := newHarness(t)
	clock := &fakeClock{t: time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)}
	h.now = clock.Now
	h.start()
	ann := "Ann Lee <ann@example.org>"
	h.deliver(message(ann, "a1@example.org", "I was fired", firedBody))
	h.waitSent(1)
	h.waitRecorded(1)
	clock.Add(3 * time.Hour)
	h.deliver(message(ann, "a2@example.org", "More", "Also: I had worked there as an account director and I grew sales 30% last year."))
	rows := h.waitRecorded(2)
	if d := decisions(rows)["a2@example.org"]; d != domain.DecisionWindow {
		t.Fatalf("second message: %q, want window", d)
	}
	c, err := h.st.Case(context.Background(), "ann@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if c.Messages != 2 || !strings.Contains(string(c.Facts), "Acme Corp") || !strings.Contains(string(c.Facts), "Jane Smith") {
		t.Fatalf("case after two messages: %+v facts %s", c, c.Facts)
	}
	if c.TZOffset == nil || *c.TZOffset != -300 {
		t.Fatalf("tz offset %v, want -300", c.TZOffset)
	}
	// After the window the person may be advised again.
	clock.Add(22 * time.Hour)
	h.deliver(message(ann, "a3@example.org", "Still fired", firedBody))
	h.waitRecorded(3)
	sent := h.mail.Sent()
	if len(sent) != 2 {
		t.Fatalf("%d replies sent, want 2 (first message and after the window)", len(sent))
	}
}

// Over the hourly cap a reply waits for room, within the age limit; past
// it, the message is capped and left (issue 15, finding 1: capped messages
// used to be dropped, so a loop that filled the hour silenced real people).
func TestHourlyCapAndSizeLimit(t *testing.T) {
	h := newHarness(t)
	clock := &fakeClock{t: time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)}
	h.now = clock.Now
	h.opts = func(o *Options) { o.HourlyCap = 2; o.MaxSize = 4000; o.MaxAge = 90 * time.Minute }
	big := message("Big <big@example.org>", "big@example.org", "I was fired", firedBody+strings.Repeat("\r\nmore words here", 400))
	for _, raw := range [][]byte{advice(1), big, advice(2), advice(3), advice(4), advice(5)} {
		if _, err := h.mail.DeliverAt(raw, clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	h.start()
	var rows []store.InboundRow
	h.waitFor("6 recorded messages", func() bool {
		var err error
		rows, err = h.st.ListInbound(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return len(rows) == 6
	})
	dec := decisions(rows)
	want := map[string]domain.Decision{"big@example.org": domain.DecisionOversize,
		"m1@example.org": domain.DecisionAnswered, "m2@example.org": domain.DecisionAnswered,
		"m3@example.org": domain.DecisionAnswered, "m4@example.org": domain.DecisionAnswered,
		"m5@example.org": domain.DecisionCapped}
	for id, d := range want {
		if dec[id] != d {
			t.Errorf("%s: %q, want %q", id, dec[id], d)
		}
	}
	for _, r := range rows {
		switch id := r.Inbound.MessageID; id {
		case "m3@example.org", "m4@example.org":
			if !strings.Contains(r.Inbound.Reason, "held back by the hourly cap (2) until 2026-11-23T15:00:00Z") {
				t.Errorf("%s: reason %q", id, r.Inbound.Reason)
			}
		case "m5@example.org":
			if !strings.Contains(r.Inbound.Reason, "past the age limit") {
				t.Errorf("%s: reason %q", id, r.Inbound.Reason)
			}
		}
	}
	sent := h.waitSent(2)
	if rc := recipients(sent); rc["p1@example.org"] != 1 || rc["p2@example.org"] != 1 {
		t.Errorf("first hour: replies to %v, want p1 and p2", rc)
	}
	// An hour later there is room: the two that waited go out, no more.
	clock.Add(time.Hour)
	h.waitSent(4)
	h.waitFor("an empty outbox", func() bool {
		n, err := h.st.OutboxDepth(context.Background())
		return err == nil && n == 0
	})
	rc := recipients(h.mail.Sent())
	if len(h.mail.Sent()) != 4 || rc["p3@example.org"] != 1 || rc["p4@example.org"] != 1 || rc["p5@example.org"] != 0 {
		t.Errorf("after an hour: replies to %v, want one each to p1 to p4", rc)
	}
}

// A message that reached the mailbox longer ago than MaxAge gets no
// advice (a first start on a mailbox full of old mail answers none of it),
// but a command is obeyed whatever its age.
func TestMaxAge(t *testing.T) {
	h := newHarness(t)
	clock := &fakeClock{t: time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)}
	withFollowups(t, h, clock, func(o *Options) { o.MaxAge = 7 * 24 * time.Hour })
	h.start()
	if _, err := h.mail.DeliverAt(message("Ann Lee <ann@example.org>", "a1@example.org", "I was fired", firedBody), clock.Now()); err != nil {
		t.Fatal(err)
	}
	h.waitSent(1)
	h.waitRecorded(1)
	if pending, err := h.st.PendingFollowups(context.Background(), "ann@example.org"); err != nil || len(pending) == 0 {
		t.Fatalf("ann has %d follow-ups pending after the advice (%v); the STOP below must cancel some", len(pending), err)
	}

	clock.Add(10 * 24 * time.Hour)
	at := clock.Now()
	if _, err := h.mail.DeliverAt(message("Bob Day <bob@example.org>", "b1@example.org", "I was fired", firedBody), at.Add(-8*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := h.mail.DeliverAt(message("Ann Lee <ann@example.org>", "a2@example.org", "Re: I was fired", "STOP"), at.Add(-9*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := h.mail.DeliverAt(message("Cy Ho <cy@example.org>", "c1@example.org", "I was fired", firedBody), at.Add(-6*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	// A command word from someone never advised would get the help note:
	// not when it is old.
	if _, err := h.mail.DeliverAt(message("Dee Ray <dee@example.org>", "d1@example.org", "Re: hello", "YES"), at.Add(-60*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	rows := h.waitRecorded(5)
	dec := decisions(rows)
	if dec["b1@example.org"] != domain.DecisionTooOld || dec["a2@example.org"] != domain.DecisionCommand ||
		dec["c1@example.org"] != domain.DecisionAnswered || dec["d1@example.org"] != domain.DecisionTooOld {
		t.Fatalf("decisions %v; want b1 too_old, a2 command, c1 answered, d1 too_old", dec)
	}
	for _, r := range rows {
		if r.Inbound.MessageID == "b1@example.org" && !strings.Contains(r.Inbound.Reason, "age limit") {
			t.Errorf("too_old reason %q", r.Inbound.Reason)
		}
	}
	if _, err := h.st.Case(context.Background(), "bob@example.org"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a case was opened for the old message: %v", err)
	}
	got := recipients(h.mail.Sent())
	if got["bob@example.org"] != 0 || got["cy@example.org"] != 1 || got["dee@example.org"] != 0 || got["ann@example.org"] != 1 {
		t.Errorf("replies by recipient %v; want one to ann (the advice, no STOP confirmation), one to cy, none to bob or dee", got)
	}
	// The old message is left as it was; the others are flagged.
	flags, err := h.mail.Flags()
	if err != nil {
		t.Fatal(err)
	}
	h.waitFor("the handled messages flagged", func() bool {
		flags, err = h.mail.Flags()
		return err == nil && slices.Contains(flags[3], imap.FlagAnswered) && slices.Contains(flags[4], imap.FlagAnswered)
	})
	if slices.Contains(flags[2], imap.FlagAnswered) {
		t.Errorf("the too-old message (UID 2) was flagged: %v", flags[2])
	}
	h.waitFor("the position past UID 5", func() bool {
		_, last, err := h.st.Position(context.Background(), "INBOX")
		return err == nil && last == 5
	})
	pending, err := h.st.PendingFollowups(context.Background(), "ann@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 0 {
		t.Errorf("ann said STOP nine days ago and still has %d follow-ups pending", len(pending))
	}
}

func TestMetricsAndHealth(t *testing.T) {
	h := newHarness(t)
	h.opts = func(o *Options) { o.HTTPAddr = "127.0.0.1:0" }
	h.start()
	h.deliver(advice(1))
	h.waitSent(1)
	h.waitRecorded(1)
	get := func(path string) string {
		resp, err := http.Get("http://" + h.d.HTTPAddr() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %s %s", path, resp.Status, b)
		}
		return string(b)
	}
	if b := get("/healthz"); b != "ok\n" {
		t.Fatalf("/healthz %q", b)
	}
	m := get("/metrics")
	for _, want := range []string{
		`jobback_messages_total{action="answered"} 1`,
		"jobback_replies_sent_total 1",
		"jobback_outbox_depth 0",
		"jobback_reply_latency_seconds_count 1",
		`jobback_send_failures_total{kind="permanent"} 0`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// A graceful stop lets the send in flight finish; Abort cuts it short, and
// the reply goes out after the restart.
func TestStopFinishesSendAndAbortCutsIt(t *testing.T) {
	h := newHarness(t)
	h.mail.FailNext(localmail.Hang)
	h.start()
	h.deliver(advice(1))
	h.waitFor("the send to hang", func() bool { return h.mail.Hung() == 1 })
	h.cancel() // graceful: the hung send must still finish
	select {
	case err := <-h.done:
		t.Fatalf("Run returned (%v) with a send in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	h.waitFor("the hung session to be released", func() bool { return h.mail.Release(localmail.Accept) == 1 })
	if err := <-h.done; err != nil {
		t.Fatal(err)
	}
	h.d.Close(context.Background())
	h.d = nil
	out, _ := h.st.ListOutbox(context.Background())
	if len(out) != 1 || out[0].Status != store.StatusSent || len(h.mail.Sent()) != 1 {
		t.Fatalf("after a graceful stop: outbox %+v, %d sent", out, len(h.mail.Sent()))
	}

	// Now a forced stop in the middle of a send.
	h.mail.FailNext(localmail.Hang)
	h.start()
	h.deliver(advice(2))
	h.waitFor("the second send to hang", func() bool { return h.mail.Hung() == 1 })
	h.cancel()
	h.d.Abort()
	if err := <-h.done; err != nil {
		t.Fatal(err)
	}
	h.d.Close(context.Background())
	h.d = nil
	h.waitFor("the hung session to be released", func() bool { return h.mail.Release(localmail.Temporary) == 1 })
	out, _ = h.st.ListOutbox(context.Background())
	if len(out) != 2 || out[1].Status == store.StatusSent {
		t.Fatalf("after a forced stop: outbox %+v", out)
	}
	// The restart sends it.
	h.start()
	sent := h.waitSent(2)
	h.waitRecorded(2)
	if len(sent) != 2 || sent[1].To[0] != "p2@example.org" {
		t.Fatalf("sent %+v", sent)
	}
}

// A message without Message-ID handed over again under another UID (a
// UIDVALIDITY change) is recognised by its bytes.
func TestRedeliveryWithoutMessageID(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	d := h.openDaemon()
	raw := []byte("From: Ann <ann@example.org>\r\nTo: " + ourAddr + "\r\nSubject: I was fired\r\n\r\n" + firedBody + "\r\n")
	m := &mailbox.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 1, Raw: raw, Size: int64(len(raw))}
	if err := d.Handle(ctx, m); err != nil {
		t.Fatal(err)
	}
	m2 := *m
	m2.UIDValidity, m2.UID = 2, 1
	if err := d.Handle(ctx, &m2); err != nil {
		t.Fatal(err)
	}
	// Another message without Message-ID is not mistaken for it.
	other := []byte(strings.Replace(string(raw), "ann@", "bea@", 1))
	m3 := &mailbox.Message{Mailbox: "INBOX", UIDValidity: 2, UID: 2, Raw: other, Size: int64(len(other))}
	if err := d.Handle(ctx, m3); err != nil {
		t.Fatal(err)
	}
	out, _ := h.st.ListOutbox(ctx)
	rows, _ := h.st.ListInbound(ctx)
	if len(out) != 2 || len(rows) != 2 || !strings.HasPrefix(rows[0].Inbound.MessageID, "sha256:") {
		t.Fatalf("%d outbox rows, inbound %+v; want 2 and 2 keyed by hash", len(out), rows)
	}
}

// A message the IMAP server would not give (FetchError) is recorded as
// unreadable, with the server's words, and nothing is sent.
func TestUnfetchableRecorded(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	d := h.openDaemon()
	m := &mailbox.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 7, MessageID: "x@example.org",
		FetchError: "NO Some messages could not be FETCHed (Failure)"}
	if err := d.Handle(ctx, m); err != nil {
		t.Fatal(err)
	}
	rows, _ := h.st.ListInbound(ctx)
	out, _ := h.st.ListOutbox(ctx)
	if len(rows) != 1 || rows[0].Inbound.Decision != domain.DecisionUnreadable ||
		!strings.Contains(rows[0].Inbound.Reason, "could not be FETCHed") || len(out) != 0 {
		t.Fatalf("inbound %+v, outbox %d rows; want one unreadable with the server's words, nothing queued", rows, len(out))
	}
}

// A renderer (or parser) that panics costs one message, not the daemon.
func TestPanicIsRecordedNotFatal(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	o := h.daemonOptions()
	o.Renderer = RenderFunc(func(m *parser.Message) (*responder.Reply, error) { panic("template bug") })
	d, err := Open(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	raw := advice(1)
	if err := d.Handle(ctx, &mailbox.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 1, MessageID: "m1@example.org", Raw: raw, Size: int64(len(raw))}); err != nil {
		t.Fatal(err)
	}
	rows, _ := h.st.ListInbound(ctx)
	if len(rows) != 1 || rows[0].Inbound.Decision != domain.DecisionUnreadable || !strings.Contains(rows[0].Inbound.Reason, "template bug") {
		t.Fatalf("inbound %+v", rows)
	}
}

// TestScreen: the daemon applies the deployment's rules (parser.Screen) as
// `jobback reply` and `jobback parse` do, and records each rule's family
// and reason.
func TestScreen(t *testing.T) {
	h := newHarness(t)
	h.opts = func(o *Options) {
		o.Screen = parser.Screen{RequireAddressed: true, Addresses: []string{"jobs@jobback.test"}}
	}
	h.start()
	unaddressed := bytes.Replace(message("Eve <eve@example.org>", "bcc@example.org", "I was fired", firedBody), []byte("To: "+ourAddr), []byte("To: undisclosed-recipients:;"), 1)
	alias := bytes.Replace(message("Al <al@example.org>", "alias@example.org", "I was fired", firedBody), []byte("To: "+ourAddr), []byte("To: Jobs <jobs@jobback.test>"), 1)
	h.deliver(unaddressed)
	h.deliver(alias)
	h.deliver(message("Sam <sam@example.org>", "spam@example.org", "I was fired", firedBody, "X-Spam-Flag: YES"))
	h.deliver(message("Fay <fay@example.org>", "forged@example.org", "I was fired", firedBody,
		"Authentication-Results: mx.jobback.test; spf=fail smtp.mailfrom=example.org; dmarc=fail (p=reject) header.from=example.org"))
	h.deliver(message("Lu <lu@example.org>", "list@example.org", "I was fired", firedBody, "X-Loop: jobs@lists.example.org"))
	h.deliver(advice(1))
	rows := h.waitRecorded(6)
	h.waitSent(2)
	want := map[string]string{
		"bcc@example.org":    parser.RuleUnaddressed,
		"spam@example.org":   parser.RuleSpam,
		"forged@example.org": parser.RuleDMARC,
		"list@example.org":   "loop",
	}
	for _, r := range rows {
		id, in := r.Inbound.MessageID, r.Inbound
		if fam, ok := want[id]; ok {
			if in.Decision != domain.DecisionIgnored || !strings.HasPrefix(in.Reason, fam+": ") {
				t.Errorf("%s: decision %q, reason %q; want ignored by %s", id, in.Decision, in.Reason, fam)
			}
		} else if in.Decision != domain.DecisionAnswered {
			t.Errorf("%s: decision %q (%s), want answered", id, in.Decision, in.Reason)
		}
	}
	if rc := recipients(h.mail.Sent()); rc["al@example.org"] != 1 || rc["p1@example.org"] != 1 || len(rc) != 2 {
		t.Errorf("replies went to %v, want al@ and p1@", rc)
	}
}

// No reply goes to an address that is not the writer's own From, read
// strictly (issue 15, findings 4 and 5): a broken From is recorded and left;
// a Reply-To outside the From's domain, without DMARC's word for it, is
// not followed.
func TestThirdPartyNotAnswered(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.deliver(message(`"Ann" <ann@example.org> (see <victim@third.example>`, "comment@example.org", "I was fired", firedBody))
	h.deliver(message("a1@example.org, a2@exa\r\n mple.org, <victim@third.example>", "folded@example.org", "I was fired", firedBody))
	h.deliver(message("Bo <bo@example.org>", "replyto@example.org", "I was fired", firedBody, "Reply-To: victim@third.example"))
	h.deliver(message("Cy <cy@example.org>", "samedomain@example.org", "I was fired", firedBody, "Reply-To: cy.home@example.org"))
	rows := h.waitRecorded(4)
	h.waitSent(2)
	got := map[string]store.Inbound{}
	for _, r := range rows {
		got[r.Inbound.MessageID] = r.Inbound
	}
	for _, id := range []string{"comment@example.org", "folded@example.org"} {
		if in := got[id]; in.Decision != domain.DecisionNoSender || !strings.Contains(in.Reason, "From") {
			t.Errorf("%s: decision %q (%s), want no_sender saying why the From was refused", id, in.Decision, in.Reason)
		}
	}
	if in := got["replyto@example.org"]; in.Decision != domain.DecisionAnswered || !strings.Contains(in.Reason, "Reply-To") {
		t.Errorf("replyto: decision %q, reason %q; want answered at the From, saying the Reply-To was not followed", in.Decision, in.Reason)
	}
	rc := recipients(h.mail.Sent())
	if rc["victim@third.example"] != 0 || rc["bo@example.org"] != 1 || rc["cy.home@example.org"] != 1 || len(rc) != 2 {
		t.Errorf("replies went to %v; want bo@example.org and cy.home@example.org only", rc)
	}
}

// /healthz fails while a reply waits longer than HealthOutboxStuck and
// once the IMAP connection has been gone longer than HealthIMAPDown, and
// says which (issue 15, finding 7).
func TestHealthSeesOutboxAndIMAP(t *testing.T) {
	h := newHarness(t)
	h.opts = func(o *Options) {
		o.HTTPAddr = "127.0.0.1:0"
		o.HealthOutboxStuck = 200 * time.Millisecond
		o.HealthIMAPDown = 200 * time.Millisecond
	}
	h.mail.FailAlways(localmail.Temporary)
	h.start()
	health := func() (int, string) {
		resp, err := http.Get("http://" + h.d.HTTPAddr() + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := health(); code != http.StatusOK || body != "ok\n" {
		t.Fatalf("at the start: %d %q", code, body)
	}
	h.deliver(advice(1))
	h.waitFor("the health check to see the stuck reply", func() bool {
		code, body := health()
		return code == http.StatusServiceUnavailable && strings.HasPrefix(body, "outbox: a message queued ")
	})
	h.mail.FailAlways(localmail.Accept)
	h.waitSent(1)
	h.waitFor("health again once sent", func() bool {
		code, _ := health()
		return code == http.StatusOK
	})
	h.mail.Close() // the IMAP server goes away (and SMTP with it)
	h.waitFor("the health check to see IMAP gone", func() bool {
		code, body := health()
		return code == http.StatusServiceUnavailable && strings.Contains(body, "imap: no connection for ")
	})
}

// /healthz fails once the store's file is damaged on the disk under the
// running daemon, which the store's own connection may not notice
// (issue 15, finding 7).
func TestHealthSeesDamage(t *testing.T) {
	h := newHarness(t)
	h.opts = func(o *Options) {
		o.HTTPAddr = "127.0.0.1:0"
		o.HealthCheckEvery = 20 * time.Millisecond
	}
	h.start()
	h.deliver(advice(1))
	h.waitSent(1)
	health := func() (int, string) {
		resp, err := http.Get("http://" + h.d.HTTPAddr() + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := health(); code != http.StatusOK {
		t.Fatalf("before the damage: %d %q", code, body)
	}
	// Everything into the database file (an erasure's checkpoint empties
	// the WAL), then every page but the first overwritten.
	if err := h.st.MailErased(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(h.path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	junk := bytes.Repeat([]byte{0xA5}, 4096)
	for off := int64(4096); off < st.Size(); off += 4096 {
		if _, err := f.WriteAt(junk, off); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	h.waitFor("the health check to see the damage", func() bool {
		code, body := health()
		return code == http.StatusServiceUnavailable && strings.Contains(body, "store: the store is damaged")
	})
}

// TestStopWhileStarting: a daemon stopped while it recovers the outbox at
// start returns cleanly (a CI run caught Run reporting "cannot release
// leases: context canceled" when a test stopped it that early; Run and
// RunSenders share the same start).
func TestStopWhileStarting(t *testing.T) {
	h := newHarness(t)
	d := h.openDaemon()
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // stopped before Run even starts its recovery
	if err := d.RunSenders(ctx); err != nil {
		t.Errorf("RunSenders stopped while starting: %v", err)
	}
}
