// Package localmail runs a small mail system inside the process, on the
// loopback interface only: an IMAP server (go-imap's imapmemserver) holding
// one user's INBOX, and an SMTP server (emersion/go-smtp) that keeps every
// message it accepts. `jobback demo` and the daemon's integration tests run
// the real daemon against it.
//
// The SMTP side can be told to fail, to exercise the sender's retries:
// temporary replies (4xx, RFC 5321 section 4.2.1), permanent ones (5xx), or
// a dropped connection.
package localmail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-smtp"
)

// Options configure Start. Zero values are the defaults.
type Options struct {
	// Username and Password of the IMAP user. If empty, "jobback" and
	// "jobback".
	Username, Password string
	// Address is the assistant's address. If set, mail the SMTP server
	// accepts for it is delivered into the user's INBOX (the one the daemon
	// watches) instead of being kept as sent.
	Address string
	// Logger receives the servers' own error messages. If nil, they are
	// discarded.
	Logger *log.Logger
	// TLS, if set, makes both servers speak TLS from the first byte
	// (implicit TLS) with this configuration. If nil, plain text.
	TLS *tls.Config
	// IMAPAddr and SMTPAddr are where the servers listen. If empty,
	// 127.0.0.1 on a free port.
	IMAPAddr, SMTPAddr string
	// UIDValidity is the UIDVALIDITY of both users' INBOX. A demo that
	// keeps its store between runs gives each run a new one, as a server
	// whose mailbox was made anew would. If zero, 1.
	UIDValidity uint32
}

// Person is the login of the second IMAP user, "you": every message the
// SMTP server accepts for anyone but Options.Address is also delivered to
// that user's INBOX, so that a mail client can read the replies.
const Person = "you"

// Sent is one message the SMTP server accepted for someone other than the
// assistant.
type Sent struct {
	From string
	To   []string
	Raw  []byte
	At   time.Time
}

// Failure is what the SMTP server does with a message instead of taking it.
type Failure int

const (
	// Accept takes the message (no failure).
	Accept Failure = iota
	// Temporary answers 451 to DATA: try again later.
	Temporary
	// Permanent answers 550 to RCPT: no such user, do not retry.
	Permanent
	// Drop closes the connection in the middle of the transaction.
	Drop
	// Hang reads the message and then waits, without answering, until
	// Release is called; it then does what Release says.
	Hang
)

// Servers is a running IMAP and SMTP pair.
type Servers struct {
	// IMAPAddr and SMTPAddr are the loopback addresses the servers listen on.
	IMAPAddr, SMTPAddr string
	closeOnce          sync.Once
	Username, Password string
	Address            string

	user   *imapmemserver.User
	person *imapmemserver.User
	imap   *imapserver.Server
	smtp   *smtp.Server

	mu       sync.Mutex
	sent     []Sent
	failures []Failure // consumed one per message, front first
	always   Failure
	notify   chan struct{} // closed and replaced on every accepted message
	attempts int
	hung     int           // sessions waiting in Hang now
	release  chan Failure  // hung sessions wait on it
	closed   chan struct{} // closed by Close
}

// Start starts both servers on 127.0.0.1 with free ports and creates the
// user's INBOX.
func Start(opts Options) (*Servers, error) {
	if opts.Username == "" {
		opts.Username = "jobback"
	}
	if opts.Password == "" {
		opts.Password = "jobback"
	}
	logger := opts.Logger
	if logger == nil {
		logger = log.New(io.Discard, "", 0)
	}
	s := &Servers{Username: opts.Username, Password: opts.Password, Address: strings.ToLower(opts.Address),
		notify: make(chan struct{}), release: make(chan Failure), closed: make(chan struct{})}

	mem := imapmemserver.New()
	s.user = imapmemserver.NewUser(opts.Username, opts.Password)
	if err := createInbox(s.user, opts.UIDValidity); err != nil {
		return nil, err
	}
	mem.AddUser(s.user)
	s.person = imapmemserver.NewUser(Person, Person)
	if err := createInbox(s.person, opts.UIDValidity); err != nil {
		return nil, err
	}
	mem.AddUser(s.person)
	s.imap = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps: imap.CapSet{
			imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}, imap.CapIdle: {},
			imap.CapUIDPlus: {}, imap.CapMove: {}, imap.CapESearch: {},
		},
		InsecureAuth: true,
		Logger:       logger,
	})
	iln, err := listen(opts.IMAPAddr, opts.TLS)
	if err != nil {
		return nil, fmt.Errorf("cannot listen for IMAP: %w", err)
	}
	s.IMAPAddr = iln.Addr().String()
	go s.imap.Serve(iln)

	s.smtp = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{s: s, c: c}, nil
	}))
	s.smtp.Domain = "localhost"
	s.smtp.AllowInsecureAuth = true
	s.smtp.ReadTimeout = time.Minute
	s.smtp.WriteTimeout = time.Minute
	s.smtp.MaxMessageBytes = 32 << 20
	s.smtp.ErrorLog = logger
	s.smtp.TLSConfig = opts.TLS
	sln, err := listen(opts.SMTPAddr, opts.TLS)
	if err != nil {
		s.imap.Close()
		return nil, fmt.Errorf("cannot listen for SMTP: %w", err)
	}
	s.SMTPAddr = sln.Addr().String()
	go s.smtp.Serve(sln)
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

// Close stops both servers. Only the first call does anything.
func (s *Servers) Close() error {
	var err error
	s.closeOnce.Do(func() {
		close(s.closed)
		err = errors.Join(s.imap.Close(), s.smtp.Close())
	})
	return err
}

type literal struct {
	*bytes.Reader
}

func (l literal) Size() int64 { return l.Reader.Size() }

// Deliver puts a message into the INBOX, as a mail server delivering it
// would, and returns its UID.
func (s *Servers) Deliver(raw []byte) (uint32, error) {
	return s.DeliverAt(raw, time.Now())
}

// DeliverAt is Deliver with at as the message's arrival time (its IMAP
// INTERNALDATE).
func (s *Servers) DeliverAt(raw []byte, at time.Time) (uint32, error) {
	data, err := s.user.Append("INBOX", literal{bytes.NewReader(raw)}, &imap.AppendOptions{Time: at})
	if err != nil {
		return 0, fmt.Errorf("cannot deliver to INBOX: %w", err)
	}
	return uint32(data.UID), nil
}

// FailNext makes the next len(f) messages meet those failures, in order.
func (s *Servers) FailNext(f ...Failure) {
	s.mu.Lock()
	s.failures = append(s.failures, f...)
	s.mu.Unlock()
}

// FailAlways makes every message meet f once FailNext's list is used up;
// Accept restores normal service.
func (s *Servers) FailAlways(f Failure) {
	s.mu.Lock()
	s.always = f
	s.mu.Unlock()
}

// Release ends every hung session (see Hang) with f: Accept takes the
// message, Temporary or Permanent refuses it, Drop closes the connection.
// It returns how many sessions it released.
func (s *Servers) Release(f Failure) int {
	n := 0
	for {
		select {
		case s.release <- f:
			n++
		default:
			return n
		}
	}
}

// Hung counts the sessions that have read a whole message and now wait in
// Hang for Release.
func (s *Servers) Hung() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hung
}

// Attempts counts the messages offered to the SMTP server so far, taken or
// not.
func (s *Servers) Attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.attempts
}

// Sent returns a copy of the messages accepted so far.
func (s *Servers) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// WaitSent waits until at least n messages were accepted and returns them,
// or returns what there is when ctx is done.
func (s *Servers) WaitSent(ctx context.Context, n int) ([]Sent, error) {
	for {
		s.mu.Lock()
		if len(s.sent) >= n {
			out := append([]Sent(nil), s.sent...)
			s.mu.Unlock()
			return out, nil
		}
		ch := s.notify
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return s.Sent(), fmt.Errorf("waiting for %d sent messages: %w", n, ctx.Err())
		}
	}
}

func (s *Servers) nextFailure() Failure {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.attempts++
	if len(s.failures) > 0 {
		f := s.failures[0]
		s.failures = s.failures[1:]
		return f
	}
	return s.always
}

type session struct {
	s    *Servers
	c    *smtp.Conn
	from string
	to   []string
	fail Failure
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.from, ss.to = from, nil
	ss.fail = ss.s.nextFailure()
	if ss.fail == Drop {
		ss.c.Conn().Close()
		return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 4, 2}, Message: "connection dropped"}
	}
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if ss.fail == Permanent {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user here"}
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if ss.fail == Hang {
		ss.s.mu.Lock()
		ss.s.hung++
		ss.s.mu.Unlock()
		var stopped bool
		select {
		case ss.fail = <-ss.s.release:
		case <-ss.s.closed:
			stopped = true
		}
		ss.s.mu.Lock()
		ss.s.hung--
		ss.s.mu.Unlock()
		if stopped {
			return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "shutting down"}
		}
		if ss.fail == Drop {
			ss.c.Conn().Close()
			return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 4, 2}, Message: "connection dropped"}
		}
		if ss.fail == Permanent {
			return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "message refused"}
		}
	}
	if ss.fail == Temporary {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	s := ss.s
	var others []string
	for _, to := range ss.to {
		if s.Address != "" && strings.EqualFold(to, s.Address) {
			if _, err := s.Deliver(raw); err != nil {
				return err
			}
		} else {
			others = append(others, to)
		}
	}
	if len(others) == 0 {
		return nil
	}
	s.person.Append("INBOX", literal{bytes.NewReader(raw)}, &imap.AppendOptions{Time: time.Now()})
	s.mu.Lock()
	s.sent = append(s.sent, Sent{From: ss.from, To: others, Raw: raw, At: time.Now()})
	close(s.notify)
	s.notify = make(chan struct{})
	s.mu.Unlock()
	return nil
}

func (ss *session) Reset()        { ss.from, ss.to, ss.fail = "", nil, Accept }
func (ss *session) Logout() error { return nil }

// MessageIDs returns the Message-ID (without angle brackets) of every
// message in the INBOX, read over IMAP as a client would see them.
func (s *Servers) MessageIDs() ([]string, error) {
	c, err := imapclient.DialInsecure(s.IMAPAddr, nil)
	if err != nil {
		return nil, fmt.Errorf("cannot connect to IMAP: %w", err)
	}
	defer c.Close()
	if err := c.Login(s.Username, s.Password).Wait(); err != nil {
		return nil, fmt.Errorf("cannot log in: %w", err)
	}
	sel, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return nil, fmt.Errorf("cannot select INBOX: %w", err)
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

// Flags returns the flags of every message in the INBOX by UID, read over
// IMAP as a client would see them.
func (s *Servers) Flags() (map[uint32][]imap.Flag, error) {
	c, err := imapclient.DialInsecure(s.IMAPAddr, nil)
	if err != nil {
		return nil, fmt.Errorf("cannot connect to IMAP: %w", err)
	}
	defer c.Close()
	if err := c.Login(s.Username, s.Password).Wait(); err != nil {
		return nil, fmt.Errorf("cannot log in: %w", err)
	}
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return nil, fmt.Errorf("cannot select INBOX: %w", err)
	}
	msgs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil {
		var ierr *imap.Error
		if errors.As(err, &ierr) {
			return map[uint32][]imap.Flag{}, nil // empty mailbox
		}
		return nil, fmt.Errorf("cannot fetch flags: %w", err)
	}
	out := make(map[uint32][]imap.Flag, len(msgs))
	for _, m := range msgs {
		out[uint32(m.UID)] = m.Flags
	}
	c.Logout().Wait()
	return out, nil
}
