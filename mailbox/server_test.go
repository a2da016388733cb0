package mailbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"jobback/domain"
	"jobback/internal/mailtest"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// Capability sets for the in-process server.
var (
	capsFull  = imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIdle: {}, imap.CapMove: {}, imap.CapUIDPlus: {}}
	capsPlain = imap.CapSet{imap.CapIMAP4rev1: {}} // no IDLE, no MOVE, no UIDPLUS
)

const (
	testUser = "help@example.org"
	testPass = "secret"
)

// testServer is internal/mailtest's IMAP server with the test user alone,
// recording the wire; the helpers below fail the test on error.
type testServer struct {
	*mailtest.IMAPServer
	tb   testing.TB
	user *imapmemserver.User // the test user, for creating and deleting folders
}

func newTestServer(tb testing.TB, caps imap.CapSet, setup ...func(*mailtest.IMAPOptions)) *testServer {
	tb.Helper()
	o := mailtest.IMAPOptions{
		Users:      []mailtest.Login{{Username: testUser, Password: testPass}},
		Caps:       caps,
		RecordWire: true,
	}
	for _, f := range setup {
		f(&o)
	}
	srv, err := mailtest.StartIMAP(o)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { srv.Close() })
	return &testServer{IMAPServer: srv, tb: tb, user: srv.User("")}
}

// start listens again on the address of before Stop.
func (s *testServer) start() {
	s.tb.Helper()
	if err := s.Start(); err != nil {
		s.tb.Fatal(err)
	}
}

// restart closes every connection and listens again on the same address.
func (s *testServer) restart() {
	s.tb.Helper()
	if err := s.Restart(); err != nil {
		s.tb.Fatal(err)
	}
}

// withoutIdle makes the server hide its IDLE capability (imapserver always
// offers it to IMAP4rev1 clients).
func withoutIdle(o *mailtest.IMAPOptions) {
	o.RewriteCaps = func(p []byte) []byte { return bytes.ReplaceAll(p, []byte(" IDLE"), nil) }
}

// withUIDAfterBody makes the server's FETCH answers carry UID after the
// body's literal.
func withUIDAfterBody(o *mailtest.IMAPOptions) { o.UIDAfterBody = true }

// withSession wraps each session of the server in wrap (after any wrapper
// set before).
func withSession(wrap func(imapserver.Session) imapserver.Session) func(*mailtest.IMAPOptions) {
	return func(o *mailtest.IMAPOptions) {
		prev := o.WrapSession
		o.WrapSession = func(sess imapserver.Session) imapserver.Session {
			if prev != nil {
				sess = prev(sess)
			}
			return wrap(sess)
		}
	}
}

// deliver stores a message in folder directly (not over IMAP) and returns
// its UID.
func (s *testServer) deliver(folder, raw string, flags ...imap.Flag) uint32 {
	s.tb.Helper()
	uid, err := s.Append("", folder, []byte(raw), &imap.AppendOptions{Flags: flags})
	if err != nil {
		s.tb.Fatal(err)
	}
	return uid
}

// client logs in with a separate connection, for looking at the server's
// state.
func (s *testServer) client() *imapclient.Client {
	s.tb.Helper()
	c, err := s.Dial()
	if err != nil {
		s.tb.Fatal(err)
	}
	return c
}

// flags returns the flags of each message in folder, by UID.
func (s *testServer) flags(folder string) map[uint32][]imap.Flag {
	s.tb.Helper()
	out, err := s.Flags(folder)
	if err != nil {
		s.tb.Fatal(err)
	}
	return out
}

func hasFlag(flags []imap.Flag, f imap.Flag) bool {
	return slices.ContainsFunc(flags, func(g imap.Flag) bool { return strings.EqualFold(string(g), string(f)) })
}

// testMessage is a small message with Message-ID <id@test>.
func testMessage(id string) string {
	return "From: Sam <sam@example.com>\r\n" +
		"To: " + testUser + "\r\n" +
		"Subject: I was let go on Friday\r\n" +
		"Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n" +
		"Message-ID: <" + id + "@test>\r\n" +
		"\r\n" +
		"Hello, my boss fired me. (" + id + ")\r\n"
}

// testOptions are Options for s with short delays.
func testOptions(s *testServer, cursor Cursor) Options {
	return Options{
		Addr: s.Addr(), TLS: domain.TLSNone, Username: testUser, Password: testPass,
		PollInterval:   100 * time.Millisecond,
		NoopTimeout:    2 * time.Second,
		RetryDelay:     40 * time.Millisecond,
		ReconnectDelay: 10 * time.Millisecond,
		ReconnectMax:   100 * time.Millisecond,
		Logger:         testLogger(),
		Cursor:         cursor,
	}
}

func testLogger() *slog.Logger {
	if os.Getenv("MAILBOX_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// recorder is a Handler that remembers what it was given.
type recorder struct {
	mu   sync.Mutex
	got  []Message // copies, in order
	fail func(m *Message) error
}

func (r *recorder) handle(ctx context.Context, m *Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, *m)
	if r.fail != nil {
		return r.fail(m)
	}
	return nil
}

func (r *recorder) messages() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got)
}

// count returns how many times a message with this Message-ID was given.
func (r *recorder) count(id string) int {
	n := 0
	for _, m := range r.messages() {
		if m.MessageID == id+"@test" {
			n++
		}
	}
	return n
}

// waitFor polls cond until it holds or the deadline passes: the wait of
// these tests for a state the Watcher does not announce (what a handler
// was given, where a cursor is).
func waitFor(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// running is a Watcher with Run in a goroutine.
type running struct {
	w    *Watcher
	errc chan error
	stop context.CancelFunc
}

// startWatcher opens a Watcher and runs it with h until the test ends.
func startWatcher(tb testing.TB, opts Options, h Handler, setup ...func(*Watcher)) *running {
	tb.Helper()
	w, err := Open(context.Background(), opts)
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range setup {
		f(w)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{w: w, errc: make(chan error, 1), stop: cancel}
	go func() { r.errc <- w.Run(ctx, h) }()
	tb.Cleanup(func() { r.close(tb) })
	return r
}

// close stops the Watcher and checks that Run returned nil and left no
// goroutine behind.
func (r *running) close(tb testing.TB) {
	tb.Helper()
	if r.w == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := r.w.Close(ctx); err != nil {
		tb.Errorf("Close: %v", err)
	}
	r.stop()
	select {
	case err := <-r.errc:
		if err != nil {
			tb.Errorf("Run returned %v", err)
		}
	case <-ctx.Done():
		tb.Errorf("Run did not return after Close")
	}
	r.w = nil
	checkNoGoroutines(tb)
}

// checkNoGoroutines fails if a goroutine of this package's Watcher or of
// the IMAP client is still alive. The client's own helper goroutines end
// right after the connection closes, so a short grace period is allowed.
func checkNoGoroutines(tb testing.TB) {
	tb.Helper()
	var stacks string
	deadline := time.Now().Add(time.Second)
	for {
		buf := make([]byte, 1<<20)
		stacks = string(buf[:runtime.Stack(buf, true)])
		left := leftover(stacks)
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("goroutines left behind:\n%s", strings.Join(left, "\n\n"))
		}
		time.Sleep(5 * time.Millisecond) // a poll: goroutines ending announce nothing
	}
}

func leftover(stacks string) []string {
	var left []string
	for _, g := range strings.Split(stacks, "\n\n") {
		if strings.Contains(g, "imapclient.") || strings.Contains(g, "mailbox.(*Watcher)") ||
			strings.Contains(g, "mailbox.(*conn)") || strings.Contains(g, "mailbox.watchContext") {
			left = append(left, g)
		}
	}
	return left
}

// errRefused is what failing handlers return.
var errRefused = errors.New("store is down")

func ids(ms []Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%d:%s", m.UID, m.MessageID))
	}
	return out
}
