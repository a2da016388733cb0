package mailtest

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// Login is an IMAP user's name and password.
type Login struct {
	Username, Password string
}

// DefaultLogin is the one user of a server started without Users.
var DefaultLogin = Login{Username: "jobback", Password: "jobback"}

// IMAPOptions configure StartIMAP. Zero values are the defaults.
type IMAPOptions struct {
	// Addr is where the server listens. If empty, 127.0.0.1 on a free port.
	Addr string
	// Users are the logins, each with an INBOX. The first is the one that
	// Deliver, Flags, MessageIDs, Dial and User("") stand for. If empty,
	// DefaultLogin alone.
	Users []Login
	// UIDValidity is the UIDVALIDITY of every user's INBOX. If zero, 1.
	UIDValidity uint32
	// Caps are the capabilities offered (imapserver.Options.Caps). If nil,
	// IMAP4rev1 alone. imapserver always offers IDLE to IMAP4rev1 clients:
	// RewriteCaps can hide it.
	Caps imap.CapSet
	// TLS, if set, makes the server speak TLS from the first byte
	// (implicit TLS) with this configuration.
	TLS *tls.Config
	// StartTLS, if set, is offered to plain-text clients with STARTTLS.
	StartTLS *tls.Config
	// RequireTLS refuses credentials in plain text (LOGINDISABLED until
	// STARTTLS). If false, plain-text logins are allowed.
	RequireTLS bool
	// Logger receives the server's own error messages. If nil, they are
	// discarded.
	Logger *log.Logger
	// RecordWire keeps everything said on the wire, both ways, for Wire.
	RecordWire bool
	// WrapSession, if set, wraps each new session: a quirk of a server (a
	// FETCH that leaves a message out, AUTHENTICATE of its own). The
	// session it is given offers everything imapmemserver's does (MOVE and
	// NAMESPACE too); a wrapper that embeds imapserver.Session alone hides
	// those, so use it with Caps that do not name them.
	WrapSession func(imapserver.Session) imapserver.Session
	// RewriteCaps is applied to every write of the server that holds
	// "CAPABILITY": to hide IDLE, to add LOGINDISABLED.
	RewriteCaps func([]byte) []byte
	// UIDAfterBody moves the UID of each FETCH answer that ends in a
	// literal after the literal, as RFC 3501 allows and some servers do:
	// "* 3 FETCH (BODY[] {123}\r\n... UID 7)". RewriteCaps is not applied
	// on such a server (as the tests have always had it).
	UIDAfterBody bool
}

// IMAPServer is a running in-memory IMAP server. It can be stopped and
// started again on the same address with the same mailboxes.
type IMAPServer struct {
	opts   IMAPOptions
	mem    *imapmemserver.Server
	users  []*imapmemserver.User
	logger *log.Logger
	wire   lockedBuffer

	accepts      atomic.Int32
	idleCommands atomic.Int32
	idling       atomic.Int32

	mu      sync.Mutex
	addr    string
	srv     *imapserver.Server
	ln      net.Listener
	done    chan struct{} // closed when srv's Serve returns
	conns   map[*imapConn]struct{}
	changed chan struct{} // closed and replaced on every change to a mailbox
	closed  bool
}

// StartIMAP creates the users' INBOXes and starts the server.
func StartIMAP(opts IMAPOptions) (*IMAPServer, error) {
	if len(opts.Users) == 0 {
		opts.Users = []Login{DefaultLogin}
	}
	s := &IMAPServer{opts: opts, mem: imapmemserver.New(), logger: opts.Logger,
		conns: map[*imapConn]struct{}{}, changed: make(chan struct{})}
	if s.logger == nil {
		s.logger = log.New(io.Discard, "", 0)
	}
	for _, l := range opts.Users {
		u := imapmemserver.NewUser(l.Username, l.Password)
		if err := createInbox(u, opts.UIDValidity); err != nil {
			return nil, err
		}
		s.mem.AddUser(u)
		s.users = append(s.users, u)
	}
	ln, err := listen(opts.Addr, nil)
	if err != nil {
		return nil, fmt.Errorf("cannot listen for IMAP: %w", err)
	}
	s.serve(ln)
	return s, nil
}

// createInbox creates u's INBOX with the given UIDVALIDITY: imapmemserver
// numbers mailboxes as they are created, so v-1 are made and deleted first.
func createInbox(u *imapmemserver.User, v uint32) error {
	for i := uint32(1); i < v; i++ {
		if err := u.Create("before", nil); err != nil {
			return fmt.Errorf("cannot create INBOX: %w", err)
		}
		if err := u.Delete("before"); err != nil {
			return fmt.Errorf("cannot create INBOX: %w", err)
		}
	}
	if err := u.Create("INBOX", nil); err != nil {
		return fmt.Errorf("cannot create INBOX: %w", err)
	}
	return nil
}

// listen listens on addr (a free loopback port when ""), with TLS if cfg
// is set.
func listen(addr string, cfg *tls.Config) (net.Listener, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	if cfg != nil {
		return tls.Listen("tcp", addr, cfg)
	}
	return net.Listen("tcp", addr)
}

func (s *IMAPServer) serve(ln net.Listener) {
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			var sess imapserver.Session = &memSession{SessionIMAP4rev2: s.mem.NewSession().(imapserver.SessionIMAP4rev2), s: s}
			if s.opts.WrapSession != nil {
				sess = s.opts.WrapSession(sess)
			}
			return sess, nil, nil
		},
		Caps:         s.opts.Caps,
		TLSConfig:    s.opts.StartTLS,
		InsecureAuth: !s.opts.RequireTLS,
		Logger:       s.logger,
	}
	if s.opts.RecordWire {
		opts.DebugWriter = &s.wire
	}
	var l net.Listener = &imapListener{Listener: ln, s: s}
	if s.opts.TLS != nil {
		l = tls.NewListener(l, s.opts.TLS)
	}
	srv, done := imapserver.New(opts), make(chan struct{})
	s.mu.Lock()
	s.addr, s.srv, s.ln, s.done = ln.Addr().String(), srv, ln, done
	s.mu.Unlock()
	go func() {
		defer close(done)
		srv.Serve(l)
	}()
}

// Addr is the address the server listens on (or did, while stopped).
func (s *IMAPServer) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// Username and Password are the first user's login.
func (s *IMAPServer) Username() string { return s.opts.Users[0].Username }
func (s *IMAPServer) Password() string { return s.opts.Users[0].Password }

// Stop closes the listener and every connection, and waits until the
// server is done. The mailboxes stay; Start serves them again.
func (s *IMAPServer) Stop() error {
	s.mu.Lock()
	srv, ln, done := s.srv, s.ln, s.done
	s.srv = nil
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	err := srv.Close()
	// A Serve that had not begun when srv closed returns at once, and
	// leaves its listener open.
	ln.Close()
	<-done
	return err
}

// Start listens again on the address of before Stop.
func (s *IMAPServer) Start() error {
	s.mu.Lock()
	running, closed, addr := s.srv != nil, s.closed, s.addr
	s.mu.Unlock()
	if closed {
		return errors.New("the IMAP server is closed")
	}
	if running {
		return errors.New("the IMAP server is running")
	}
	var ln net.Listener
	var err error
	for try := 0; try < 50; try++ {
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		// Not a wait for time: the port is tried again until the system
		// has let go of the old listener's (at once on Linux, where Go
		// sets SO_REUSEADDR; a moment later elsewhere).
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		return fmt.Errorf("cannot listen for IMAP again on %s: %w", addr, err)
	}
	s.serve(ln)
	return nil
}

// Restart closes every connection and listens again on the same address.
func (s *IMAPServer) Restart() error {
	s.Stop()
	return s.Start()
}

// Close stops the server for good.
func (s *IMAPServer) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return s.Stop()
}

// Freeze makes every current connection silent: the server's answers are
// dropped, as on a dead network path. New connections work.
func (s *IMAPServer) Freeze() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		c.frozen.Store(true)
	}
}

// Accepts counts the connections accepted so far.
func (s *IMAPServer) Accepts() int { return int(s.accepts.Load()) }

// IdleCommands counts the IDLE commands the server took so far; Idling
// the sessions in IDLE now.
func (s *IMAPServer) IdleCommands() int { return int(s.idleCommands.Load()) }
func (s *IMAPServer) Idling() int       { return int(s.idling.Load()) }

// Wire is everything said on the wire so far, both ways (with RecordWire).
func (s *IMAPServer) Wire() string { return s.wire.String() }

// User is the imapmemserver user of that name ("" is the first), for
// creating, deleting or looking at mailboxes directly. Put messages in
// with Append, not through User: idling sessions hear of Append's.
func (s *IMAPServer) User(name string) *imapmemserver.User {
	if name == "" {
		return s.users[0]
	}
	for i, l := range s.opts.Users {
		if l.Username == name {
			return s.users[i]
		}
	}
	return nil
}

type literal struct {
	*bytes.Reader
}

func (l literal) Size() int64 { return l.Reader.Size() }

// Append puts a message into a user's mailbox directly (not over IMAP),
// as a mail server delivering it would, and returns its UID. user "" is
// the first; opts may set flags and the arrival time (INTERNALDATE; if
// zero, now).
func (s *IMAPServer) Append(user, mailbox string, raw []byte, opts *imap.AppendOptions) (uint32, error) {
	u := s.User(user)
	if u == nil {
		return 0, fmt.Errorf("cannot deliver to %s: no user %q", mailbox, user)
	}
	if opts == nil {
		opts = &imap.AppendOptions{}
	}
	data, err := u.Append(mailbox, literal{bytes.NewReader(raw)}, opts)
	s.signal()
	if err != nil {
		return 0, fmt.Errorf("cannot deliver to %s: %w", mailbox, err)
	}
	return uint32(data.UID), nil
}

// Deliver puts a message into the first user's INBOX and returns its UID.
func (s *IMAPServer) Deliver(raw []byte) (uint32, error) {
	return s.DeliverAt(raw, time.Now())
}

// DeliverAt is Deliver with at as the message's arrival time (its IMAP
// INTERNALDATE).
func (s *IMAPServer) DeliverAt(raw []byte, at time.Time) (uint32, error) {
	return s.Append("", "INBOX", raw, &imap.AppendOptions{Time: at})
}

// Dial connects as a client would and logs in as the first user. With
// TLS it does not check the server's certificate.
func (s *IMAPServer) Dial() (*imapclient.Client, error) {
	addr := s.Addr()
	var c *imapclient.Client
	var err error
	insecure := &imapclient.Options{TLSConfig: &tls.Config{InsecureSkipVerify: true}}
	switch {
	case s.opts.TLS != nil:
		c, err = imapclient.DialTLS(addr, insecure)
	case s.opts.StartTLS != nil && s.opts.RequireTLS:
		c, err = imapclient.DialStartTLS(addr, insecure)
	default:
		c, err = imapclient.DialInsecure(addr, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot connect to IMAP: %w", err)
	}
	if err := c.Login(s.Username(), s.Password()).Wait(); err != nil {
		c.Close()
		return nil, fmt.Errorf("cannot log in: %w", err)
	}
	return c, nil
}

// Flags returns the flags of every message in the first user's mailbox,
// by UID, read over IMAP as a client would see them.
func (s *IMAPServer) Flags(mailbox string) (map[uint32][]imap.Flag, error) {
	c, err := s.Dial()
	if err != nil {
		return nil, err
	}
	defer c.Close()
	sel, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return nil, fmt.Errorf("cannot select %s: %w", mailbox, err)
	}
	out := make(map[uint32][]imap.Flag)
	if sel.NumMessages == 0 {
		return out, nil
	}
	msgs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil {
		return nil, fmt.Errorf("cannot fetch flags: %w", err)
	}
	for _, m := range msgs {
		out[uint32(m.UID)] = m.Flags
	}
	c.Logout().Wait()
	return out, nil
}

// MessageIDs returns the Message-ID (without angle brackets) of every
// message in the first user's mailbox, read over IMAP as a client would
// see them.
func (s *IMAPServer) MessageIDs(mailbox string) ([]string, error) {
	c, err := s.Dial()
	if err != nil {
		return nil, err
	}
	defer c.Close()
	sel, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return nil, fmt.Errorf("cannot select %s: %w", mailbox, err)
	}
	if sel.NumMessages == 0 {
		return nil, nil
	}
	msgs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{Envelope: true}).Collect()
	if err != nil {
		return nil, fmt.Errorf("cannot fetch envelopes: %w", err)
	}
	var ids []string
	for _, m := range msgs {
		if m.Envelope != nil {
			ids = append(ids, m.Envelope.MessageID)
		}
	}
	return ids, nil
}

// Wait returns once cond holds: it checks now and again after each change
// to a mailbox (a message appended, copied, moved or expunged, flags
// stored, a body read and so marked \Seen). It returns ctx's error if ctx
// ends first. cond may read the server over IMAP (Flags, MessageIDs):
// reading does not count as a change.
func (s *IMAPServer) Wait(ctx context.Context, cond func() bool) error {
	for {
		ch := s.changes()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// WaitFlags waits until cond holds for the flags of the first user's
// mailbox (as Flags returns them) and returns those flags.
func (s *IMAPServer) WaitFlags(ctx context.Context, mailbox string, cond func(map[uint32][]imap.Flag) bool) (map[uint32][]imap.Flag, error) {
	var flags map[uint32][]imap.Flag
	var ferr error
	err := s.Wait(ctx, func() bool {
		flags, ferr = s.Flags(mailbox)
		return ferr != nil || cond(flags)
	})
	if ferr != nil {
		return flags, ferr
	}
	if err != nil {
		return flags, fmt.Errorf("waiting for the flags in %s: %w", mailbox, err)
	}
	return flags, nil
}

func (s *IMAPServer) changes() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// signal tells Wait and idling sessions that a mailbox changed.
func (s *IMAPServer) signal() {
	s.mu.Lock()
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

// memSession is imapmemserver's session, which signals each change it
// makes, and whose IDLE hears of every change: imapmemserver's own IDLE
// only writes updates that arrive after it started listening, so a message
// stored between "+ idling" and then would wait for the next update.
type memSession struct {
	imapserver.SessionIMAP4rev2
	s *IMAPServer
}

func (m *memSession) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	m.s.idleCommands.Add(1)
	m.s.idling.Add(1)
	defer m.s.idling.Add(-1)
	for {
		ch := m.s.changes()
		if err := m.Poll(w, true); err != nil {
			return err
		}
		select {
		case <-ch:
		case <-stop:
			return nil
		}
	}
}

func (m *memSession) Append(mailbox string, r imap.LiteralReader, options *imap.AppendOptions) (*imap.AppendData, error) {
	defer m.s.signal()
	return m.SessionIMAP4rev2.Append(mailbox, r, options)
}

func (m *memSession) Expunge(w *imapserver.ExpungeWriter, uids *imap.UIDSet) error {
	defer m.s.signal()
	return m.SessionIMAP4rev2.Expunge(w, uids)
}

func (m *memSession) Store(w *imapserver.FetchWriter, numSet imap.NumSet, flags *imap.StoreFlags, options *imap.StoreOptions) error {
	defer m.s.signal()
	return m.SessionIMAP4rev2.Store(w, numSet, flags, options)
}

func (m *memSession) Copy(numSet imap.NumSet, dest string) (*imap.CopyData, error) {
	defer m.s.signal()
	return m.SessionIMAP4rev2.Copy(numSet, dest)
}

func (m *memSession) Move(w *imapserver.MoveWriter, numSet imap.NumSet, dest string) error {
	defer m.s.signal()
	return m.SessionIMAP4rev2.Move(w, numSet, dest)
}

// Fetch signals when it read a body without PEEK, which sets \Seen.
func (m *memSession) Fetch(w *imapserver.FetchWriter, numSet imap.NumSet, options *imap.FetchOptions) error {
	markSeen := false
	for _, bs := range options.BodySection {
		markSeen = markSeen || !bs.Peek
	}
	if markSeen {
		defer m.s.signal()
	}
	return m.SessionIMAP4rev2.Fetch(w, numSet, options)
}

type imapListener struct {
	net.Listener
	s *IMAPServer
}

func (l *imapListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.s.accepts.Add(1)
	ic := &imapConn{Conn: c, s: l.s}
	l.s.mu.Lock()
	l.s.conns[ic] = struct{}{}
	l.s.mu.Unlock()
	return ic, nil
}

// imapConn is a server's connection that can be frozen and can rewrite
// what the server says (RewriteCaps, UIDAfterBody).
type imapConn struct {
	net.Conn
	s       *IMAPServer
	frozen  atomic.Bool
	pending []byte // server output not yet passed on (UIDAfterBody)
}

func (c *imapConn) Close() error {
	c.s.mu.Lock()
	delete(c.s.conns, c)
	c.s.mu.Unlock()
	return c.Conn.Close()
}

func (c *imapConn) Write(p []byte) (int, error) {
	if c.frozen.Load() {
		return len(p), nil
	}
	if c.s.opts.UIDAfterBody {
		c.pending = append(c.pending, p...)
		out := moveUIDs(&c.pending)
		if _, err := c.Conn.Write(out); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	if c.s.opts.RewriteCaps != nil && bytes.Contains(p, []byte("CAPABILITY")) {
		if _, err := c.Conn.Write(c.s.opts.RewriteCaps(p)); err != nil {
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
// a literal moved after the literal: "* 3 FETCH (BODY[] {123}\r\n...
// UID 7)". What is incomplete stays.
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
