package mailtest

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"net"
	"slices"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

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

// Message is one message the SMTP server took.
type Message struct {
	From string
	To   []string
	Raw  []byte
	At   time.Time
}

// SMTPOptions configure StartSMTP. Zero values are the defaults.
type SMTPOptions struct {
	// Addr is where the server listens. If empty, 127.0.0.1 on a free port.
	Addr string
	// TLS, if set, makes the server speak TLS from the first byte
	// (implicit TLS) with this configuration.
	TLS *tls.Config
	// StartTLS, if set, is offered to plain-text clients with STARTTLS.
	StartTLS *tls.Config
	// Logger receives the server's own error messages. If nil, they are
	// discarded.
	Logger *log.Logger
	// Username and Password: if Username is set, MAIL FROM before a
	// successful AUTH as this user is answered 530 (RFC 4954 section 6).
	// The password can be changed with SetPassword; for XOAUTH2 it is the
	// token.
	Username, Password string
	// Mechanisms are the AUTH mechanisms offered: PLAIN, LOGIN, CRAM-MD5,
	// XOAUTH2; Offer changes them. If empty, no AUTH is offered.
	Mechanisms []string
	// RecordWire keeps everything said on the wire, both ways, for Wire.
	RecordWire bool
	// ReadTimeout and WriteTimeout of each connection. If zero, a minute.
	ReadTimeout, WriteTimeout time.Duration
	// OnMail and OnRcpt, if set, are asked at MAIL FROM and at each RCPT
	// TO, after the injected failures: an error (an *smtp.SMTPError for
	// its code) is the server's answer.
	OnMail func(from string) error
	OnRcpt func(to string) error
	// Deliver, if set, is handed each message that passed the injected
	// failures, before it is recorded: it may refuse it (an error), wait,
	// or deliver it elsewhere; it returns the recipients to record it for
	// (none: it is not recorded). If nil, the message is recorded for all
	// its recipients.
	Deliver func(from string, to []string, raw []byte) (record []string, err error)
	// Configure, if set, adjusts the go-smtp server before it starts.
	Configure func(*smtp.Server)
}

// SMTPServer is a running go-smtp server that keeps what it takes.
type SMTPServer struct {
	opts    SMTPOptions
	srv     *smtp.Server
	ln      net.Listener
	addr    string
	wire    lockedBuffer
	served  chan struct{} // closed when Serve returns
	closed  chan struct{} // closed by Close
	once    sync.Once
	release chan Failure // hung sessions wait on it

	mu       sync.Mutex
	sent     []Message
	notify   chan struct{} // closed and replaced on every recorded message
	failures []Failure     // consumed one per message, front first
	always   Failure
	attempts int
	sessions int
	open     int // sessions not yet ended
	hung     int // sessions waiting in Hang now
	mechs    []string
	password string
	lastMech string
}

// StartSMTP starts the server.
func StartSMTP(opts SMTPOptions) (*SMTPServer, error) {
	s := &SMTPServer{opts: opts, served: make(chan struct{}), closed: make(chan struct{}),
		release: make(chan Failure), notify: make(chan struct{}),
		mechs: slices.Clone(opts.Mechanisms), password: opts.Password}
	logger := opts.Logger
	if logger == nil {
		logger = log.New(io.Discard, "", 0)
	}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		s.mu.Lock()
		s.sessions++
		s.open++
		s.mu.Unlock()
		return &smtpSession{s: s, c: c}, nil
	}))
	s.srv.Domain = "localhost"
	s.srv.AllowInsecureAuth = true
	s.srv.ReadTimeout = orDefault(opts.ReadTimeout, time.Minute)
	s.srv.WriteTimeout = orDefault(opts.WriteTimeout, time.Minute)
	s.srv.MaxMessageBytes = 32 << 20
	s.srv.ErrorLog = logger
	s.srv.TLSConfig = opts.StartTLS
	if opts.TLS != nil {
		s.srv.TLSConfig = opts.TLS
	}
	if opts.RecordWire {
		s.srv.Debug = &s.wire
	}
	if opts.Configure != nil {
		opts.Configure(s.srv)
	}
	ln, err := listen(opts.Addr, opts.TLS)
	if err != nil {
		return nil, fmt.Errorf("cannot listen for SMTP: %w", err)
	}
	s.ln, s.addr = ln, ln.Addr().String()
	go func() {
		defer close(s.served)
		s.srv.Serve(ln)
	}()
	return s, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// Addr is the address the server listens on.
func (s *SMTPServer) Addr() string { return s.addr }

// Close stops the server: hung sessions are answered 421, connections
// closed. Only the first call does anything.
func (s *SMTPServer) Close() error {
	var err error
	s.once.Do(func() {
		close(s.closed)
		err = s.srv.Close()
		// go-smtp's Close closes only the listeners Serve has taken up
		// so far: one taken up later would wait for ever.
		s.ln.Close()
		<-s.served
	})
	return err
}

// Done is closed by Close: a Deliver hook that hangs until the test ends
// waits on it.
func (s *SMTPServer) Done() <-chan struct{} { return s.closed }

// FailNext makes the next len(f) messages meet those failures, in order.
func (s *SMTPServer) FailNext(f ...Failure) {
	s.mu.Lock()
	s.failures = append(s.failures, f...)
	s.mu.Unlock()
}

// FailAlways makes every message meet f once FailNext's list is used up;
// Accept restores normal service.
func (s *SMTPServer) FailAlways(f Failure) {
	s.mu.Lock()
	s.always = f
	s.mu.Unlock()
}

// Release ends every hung session (see Hang) with f: Accept takes the
// message, Temporary or Permanent refuses it, Drop closes the connection.
// It returns how many sessions it released.
func (s *SMTPServer) Release(f Failure) int {
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
func (s *SMTPServer) Hung() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hung
}

// Attempts counts the messages offered so far (MAIL FROM commands after
// any AUTH the server requires), taken or not.
func (s *SMTPServer) Attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.attempts
}

// Sessions counts the sessions so far: one per connection that greeted
// (EHLO or HELO), and one more after each STARTTLS.
func (s *SMTPServer) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions
}

// Open counts the sessions not yet ended: a connection the server or the
// client closed, or that went over to TLS, no longer counts.
func (s *SMTPServer) Open() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.open
}

// Offer sets the AUTH mechanisms offered from the next EHLO on.
func (s *SMTPServer) Offer(mechs ...string) {
	s.mu.Lock()
	s.mechs = slices.Clone(mechs)
	s.mu.Unlock()
}

// SetPassword changes the password (the token, for XOAUTH2) from the next
// AUTH on.
func (s *SMTPServer) SetPassword(p string) {
	s.mu.Lock()
	s.password = p
	s.mu.Unlock()
}

// LastMech is the mechanism of the last successful AUTH, or "".
func (s *SMTPServer) LastMech() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastMech
}

// Wire is everything said on the wire so far, both ways (with RecordWire).
func (s *SMTPServer) Wire() string { return s.wire.String() }

// Sent returns a copy of the messages recorded so far.
func (s *SMTPServer) Sent() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

// WaitSent waits until at least n messages were recorded and returns them,
// or returns what there is when ctx is done.
func (s *SMTPServer) WaitSent(ctx context.Context, n int) ([]Message, error) {
	for {
		s.mu.Lock()
		if len(s.sent) >= n {
			out := slices.Clone(s.sent)
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

func (s *SMTPServer) nextFailure() Failure {
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

func (s *SMTPServer) record(m Message) {
	s.mu.Lock()
	s.sent = append(s.sent, m)
	close(s.notify)
	s.notify = make(chan struct{})
	s.mu.Unlock()
}

var (
	errDropped      = &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 4, 2}, Message: "connection dropped"}
	errShuttingDown = &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "shutting down"}
	errNoSuchUser   = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user here"}
	errRefused      = &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "message refused"}
	errTryLater     = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	errAuthRequired = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}
	errBadAuth      = &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
)

type smtpSession struct {
	s      *SMTPServer
	c      *smtp.Conn
	authed bool
	from   string
	to     []string
	fail   Failure
}

func (ss *smtpSession) AuthMechanisms() []string {
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	return slices.Clone(ss.s.mechs)
}

func (ss *smtpSession) Auth(mech string) (sasl.Server, error) {
	s := ss.s
	s.mu.Lock()
	offered, password := slices.Contains(s.mechs, mech), s.password
	s.mu.Unlock()
	if !offered {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	check := func(user, pass string) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		if user != s.opts.Username || pass != s.password {
			return errBadAuth
		}
		ss.authed = true
		s.lastMech = mech
		return nil
	}
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(_, user, pass string) error { return check(user, pass) }), nil
	case sasl.Login:
		return &loginServer{check: check}, nil
	case "CRAM-MD5":
		return &cramServer{secret: password, check: check}, nil
	case "XOAUTH2":
		return xoauth2Server(check), nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

func (ss *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.opts.Username != "" && !ss.authed {
		return errAuthRequired
	}
	ss.from, ss.to = from, nil
	ss.fail = ss.s.nextFailure()
	if ss.fail == Drop {
		ss.c.Conn().Close()
		return errDropped
	}
	if ss.s.opts.OnMail != nil {
		return ss.s.opts.OnMail(from)
	}
	return nil
}

func (ss *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if ss.fail == Permanent {
		return errNoSuchUser
	}
	if ss.s.opts.OnRcpt != nil {
		if err := ss.s.opts.OnRcpt(to); err != nil {
			return err
		}
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *smtpSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s := ss.s
	if ss.fail == Hang {
		s.mu.Lock()
		s.hung++
		s.mu.Unlock()
		var stopped bool
		select {
		case ss.fail = <-s.release:
		case <-s.closed:
			stopped = true
		}
		s.mu.Lock()
		s.hung--
		s.mu.Unlock()
		switch {
		case stopped:
			return errShuttingDown
		case ss.fail == Drop:
			ss.c.Conn().Close()
			return errDropped
		case ss.fail == Permanent:
			return errRefused
		}
	}
	if ss.fail == Temporary {
		return errTryLater
	}
	to := ss.to
	if s.opts.Deliver != nil {
		if to, err = s.opts.Deliver(ss.from, slices.Clone(ss.to), raw); err != nil {
			return err
		}
	}
	if len(to) > 0 {
		s.record(Message{From: ss.from, To: to, Raw: raw, At: time.Now()})
	}
	return nil
}

func (ss *smtpSession) Reset() { ss.from, ss.to, ss.fail = "", nil, Accept }
func (ss *smtpSession) Logout() error {
	ss.s.mu.Lock()
	ss.s.open--
	ss.s.mu.Unlock()
	return nil
}
