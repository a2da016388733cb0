package mailbox

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"jobback/domain"
	"log"
	"log/slog"
	"net"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

// testServer is go-imap's in-memory IMAP server on 127.0.0.1, which can be
// restarted on the same address with the same mailboxes.
type testServer struct {
	tb      testing.TB
	mem     *imapmemserver.Server
	user    *imapmemserver.User
	opts    imapserver.Options
	addr    string
	accepts atomic.Int32
	wire    lockedBuffer // everything said on the wire

	mu   sync.Mutex
	srv  *imapserver.Server
	done chan struct{}
	// frozen connections receive nothing more from the server (test of a
	// silent dead connection); see freeze.
	frozen []*atomic.Bool

	rewriteCaps  func([]byte) []byte // applied to what the server writes with CAPABILITY in it
	implicit     *tls.Config         // if set, TLS from the first byte
	uidAfterBody bool                // FETCH answers carry UID after the body's literal
}

func newTestServer(tb testing.TB, caps imap.CapSet, setup ...func(*testServer)) *testServer {
	tb.Helper()
	s := &testServer{tb: tb, mem: imapmemserver.New(), user: imapmemserver.NewUser(testUser, testPass)}
	if err := s.user.Create("INBOX", nil); err != nil {
		tb.Fatal(err)
	}
	s.mem.AddUser(s.user)
	s.opts = imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return s.mem.NewSession(), nil, nil
		},
		Caps:         caps,
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
		DebugWriter:  &s.wire,
	}
	for _, f := range setup {
		f(s)
	}
	s.start("127.0.0.1:0")
	tb.Cleanup(s.stop)
	return s
}

func (s *testServer) start(addr string) {
	s.tb.Helper()
	var ln net.Listener
	var err error
	for i := 0; i < 50; i++ {
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond) // the old listener's port may still be held for a moment
	}
	if err != nil {
		s.tb.Fatal(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addr = ln.Addr().String()
	s.srv = imapserver.New(&s.opts)
	s.done = make(chan struct{})
	srv, done := s.srv, s.done
	var tln net.Listener = &testListener{Listener: ln, s: s}
	if s.implicit != nil {
		tln = tls.NewListener(tln, s.implicit)
	}
	go func() {
		defer close(done)
		srv.Serve(tln)
	}()
}

func (s *testServer) stop() {
	s.mu.Lock()
	srv, done := s.srv, s.done
	s.srv = nil
	s.mu.Unlock()
	if srv == nil {
		return
	}
	srv.Close()
	<-done
}

// restart closes every connection and listens again on the same address.
func (s *testServer) restart() {
	s.stop()
	s.start(s.addr)
}

// freeze makes every current connection silent: the server's answers are
// dropped, as on a dead network path. New connections work.
func (s *testServer) freeze() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.frozen {
		f.Store(true)
	}
}

type testListener struct {
	net.Listener
	s *testServer
}

func (l *testListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.s.accepts.Add(1)
	f := new(atomic.Bool)
	l.s.mu.Lock()
	l.s.frozen = append(l.s.frozen, f)
	l.s.mu.Unlock()
	return &freezableConn{Conn: c, frozen: f, rewriteCaps: l.s.rewriteCaps, uidAfterBody: l.s.uidAfterBody}, nil
}

type freezableConn struct {
	net.Conn
	frozen       *atomic.Bool
	rewriteCaps  func([]byte) []byte
	uidAfterBody bool
	pending      []byte // server output not yet passed on (uidAfterBody)
}

func (c *freezableConn) Write(p []byte) (int, error) {
	if c.frozen.Load() {
		return len(p), nil
	}
	if c.uidAfterBody {
		c.pending = append(c.pending, p...)
		out := moveUIDs(&c.pending)
		if _, err := c.Conn.Write(out); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	if c.rewriteCaps != nil && bytes.Contains(p, []byte("CAPABILITY")) {
		if _, err := c.Conn.Write(c.rewriteCaps(p)); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// fetchWithLiteral is the start of a FETCH answer that ends in a literal:
// "* 3 FETCH (UID 7 ... {123}\r\n".
var fetchWithLiteral = regexp.MustCompile(`^\* (\d+) FETCH \(UID (\d+) ([^\r\n]*)\{(\d+)\}\r\n`)

// moveUIDs takes the complete lines and FETCH answers from the front of
// *pending and returns them, with the UID of each FETCH answer that ends in
// a literal moved after the literal, as RFC 3501 allows and some servers
// do: "* 3 FETCH (BODY[] {123}\r\n... UID 7)". What is incomplete stays.
func moveUIDs(pending *[]byte) []byte {
	var out []byte
	for {
		p := *pending
		if m := fetchWithLiteral.FindSubmatchIndex(p); m != nil {
			n, _ := strconv.Atoi(string(p[m[8]:m[9]]))
			end := m[1] + n + len(")\r\n")
			if len(p) < end {
				return out
			}
			out = append(out, "* "...)
			out = append(out, p[m[2]:m[3]]...)
			out = append(out, " FETCH ("...)
			out = append(out, p[m[6]:m[1]]...)   // the other items and the literal's size
			out = append(out, p[m[1]:m[1]+n]...) // the literal
			out = append(out, " UID "...)
			out = append(out, p[m[4]:m[5]]...)
			out = append(out, ")\r\n"...)
			*pending = p[end:]
			continue
		}
		i := bytes.Index(p, []byte("\r\n"))
		if i < 0 {
			return out // an incomplete line
		}
		out = append(out, p[:i+2]...)
		*pending = p[i+2:]
	}
}

// withoutIdle makes the server hide its IDLE capability (imapserver always
// offers it to IMAP4rev1 clients).
func withoutIdle(s *testServer) {
	s.rewriteCaps = func(p []byte) []byte { return bytes.ReplaceAll(p, []byte(" IDLE"), nil) }
}

// idleCommands counts the IDLE commands clients sent.
func (s *testServer) idleCommands() int {
	return len(regexp.MustCompile(`(?m)^T\d+ IDLE\r$`).FindAllString(s.wire.String(), -1))
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type literal struct {
	*strings.Reader
}

func (l literal) Size() int64 { return l.Reader.Size() }

// deliver stores a message in folder directly (not over IMAP) and returns
// its UID.
func (s *testServer) deliver(folder, raw string, flags ...imap.Flag) uint32 {
	s.tb.Helper()
	data, err := s.user.Append(folder, literal{strings.NewReader(raw)}, &imap.AppendOptions{Flags: flags})
	if err != nil {
		s.tb.Fatal(err)
	}
	return uint32(data.UID)
}

// client logs in with a separate connection, for looking at the server's
// state.
func (s *testServer) client() *imapclient.Client {
	s.tb.Helper()
	c, err := imapclient.DialInsecure(s.addr, nil)
	if err != nil {
		s.tb.Fatal(err)
	}
	if err := c.Login(testUser, testPass).Wait(); err != nil {
		s.tb.Fatal(err)
	}
	return c
}

// flags returns the flags of each message in folder, by UID.
func (s *testServer) flags(folder string) map[uint32][]imap.Flag {
	s.tb.Helper()
	c := s.client()
	defer c.Close()
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		s.tb.Fatal(err)
	}
	out := make(map[uint32][]imap.Flag)
	if sel.NumMessages == 0 {
		return out
	}
	bufs, err := c.Fetch(imap.SeqSet{imap.SeqRange{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil {
		s.tb.Fatal(err)
	}
	for _, b := range bufs {
		out[uint32(b.UID)] = b.Flags
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
		Addr: s.addr, TLS: domain.TLSNone, Username: testUser, Password: testPass,
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

// waitFor polls cond until it holds or the deadline passes.
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
		time.Sleep(5 * time.Millisecond)
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
