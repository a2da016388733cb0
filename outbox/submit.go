package outbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"jobback/domain"
	"net"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// SMTPOptions configure a Sender.
type SMTPOptions struct {
	// Addr is the server's host:port.
	Addr string
	// TLS is implicit, starttls or none. If empty, starttls.
	TLS string
	// Username and Password log in (RFC 4954). If Username is empty, no
	// authentication is done.
	Username, Password string
	// Auth is the mechanism: auto, plain, login, cram-md5 or xoauth2
	// (AuthMechanisms). If empty, auto: the first of PLAIN, LOGIN and
	// CRAM-MD5 that the server offers.
	Auth string
	// Token returns the OAuth 2.0 access token for Auth xoauth2, in place
	// of Password; it is called at each login, so that a token refreshed
	// meanwhile is used. Required with xoauth2, unused otherwise.
	Token func() (string, error)
	// Timeout bounds connecting and each message. If zero, one minute.
	Timeout time.Duration
	// TLSConfig is used for implicit and starttls. If nil, the system
	// roots are trusted. If its ServerName is empty, Addr's host.
	TLSConfig *tls.Config
	// HELO is the name given in EHLO. If empty, the host name.
	HELO string
	// IdleCheck: a connection left unused this long is tested with NOOP
	// before the next message, and opened again if the server has closed
	// it (servers drop idle sessions: Postfix after 300 s). If zero, 10 s.
	IdleCheck time.Duration
}

// Submitter submits raw messages over one SMTP connection, which it opens on
// first use and again after an error. It is not safe for concurrent use:
// use one Sender per goroutine.
type Submitter struct {
	opts   SMTPOptions
	client *gomail.Client

	mu   sync.Mutex // guards conn against the cancel callback
	conn net.Conn   // the connection of smtpc, for deadlines
	smtp *smtp.Client
	used time.Time // when smtp last finished a command
}

// NewSubmitter checks the options; it does not connect.
func NewSubmitter(opts SMTPOptions) (*Submitter, error) {
	host, portStr, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("cannot use SMTP address %q: %w", opts.Addr, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil || port < 1 || port > 65535 {
		return nil, fmt.Errorf("cannot use SMTP address %q: bad port", opts.Addr)
	}
	if opts.TLS == "" {
		opts.TLS = domain.TLSStartTLS
	}
	if opts.Timeout <= 0 {
		opts.Timeout = time.Minute
	}
	if opts.IdleCheck <= 0 {
		opts.IdleCheck = 10 * time.Second
	}
	tlsConfig := &tls.Config{MinVersion: tls.VersionTLS12}
	if opts.TLSConfig != nil {
		tlsConfig = opts.TLSConfig.Clone()
	}
	if tlsConfig.ServerName == "" {
		tlsConfig.ServerName = host
	}
	s := &Submitter{opts: opts}
	copts := []gomail.Option{
		gomail.WithPort(port),
		gomail.WithTimeout(opts.Timeout),
		gomail.WithTLSConfig(tlsConfig),
		gomail.WithDialContextFunc(s.dial(tlsConfig)),
	}
	if opts.HELO != "" {
		copts = append(copts, gomail.WithHELO(opts.HELO))
	}
	switch opts.TLS {
	case domain.TLSImplicit:
		// The dial function does the TLS handshake; go-mail sees a
		// *tls.Conn, so AUTH PLAIN and LOGIN know the channel is encrypted.
		copts = append(copts, gomail.WithTLSPolicy(gomail.NoTLS))
	case domain.TLSStartTLS:
		copts = append(copts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case domain.TLSNone:
		copts = append(copts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		return nil, fmt.Errorf("cannot use SMTP TLS mode %q: want implicit, starttls or none", opts.TLS)
	}
	if opts.Auth == "" {
		opts.Auth = AuthAuto
	}
	if !slices.Contains(AuthMechanisms, opts.Auth) {
		return nil, fmt.Errorf("cannot use SMTP AUTH mechanism %q: want %s", opts.Auth, strings.Join(AuthMechanisms, ", "))
	}
	if opts.Auth == AuthXOAUTH2 && (opts.Token == nil || opts.Username == "") {
		return nil, errors.New("cannot use SMTP AUTH xoauth2 without a username and a token")
	}
	if opts.Username == "" {
		copts = append(copts, gomail.WithSMTPAuth(gomail.SMTPAuthNoAuth))
	} else {
		// With tls: none the configuration allows a password only for
		// loopback or with allow_insecure.
		copts = append(copts, gomail.WithUsername(opts.Username), gomail.WithPassword(opts.Password),
			authOption(opts.Auth, opts.TLS == domain.TLSNone))
	}
	c, err := gomail.NewClient(host, copts...)
	if err != nil {
		return nil, fmt.Errorf("cannot make SMTP client: %w", err)
	}
	s.client = c
	return s, nil
}

func (s *Submitter) dial(cfg *tls.Config) gomail.DialContextFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		conn, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		if s.opts.TLS == domain.TLSImplicit {
			tc := tls.Client(conn, cfg)
			if err := tc.HandshakeContext(ctx); err != nil {
				conn.Close()
				return nil, fmt.Errorf("TLS handshake: %w", err)
			}
			conn = tc
		}
		s.mu.Lock()
		s.conn = conn
		s.mu.Unlock()
		return conn, nil
	}
}

// Send submits raw to the server: MAIL FROM from, RCPT TO each of to, DATA
// raw. The first recipient must be accepted; the others are copies (our
// own address), sent if the server takes them and skipped if it refuses
// them, so a refused copy never holds a reply back. It connects first if
// needed. After an error the connection is
// reset, or dropped if it is broken, so the next Send starts clean. Use
// IsPermanent to tell a refusal (5xx) from a temporary failure.
func (s *Submitter) Send(ctx context.Context, from string, to []string, raw []byte) error {
	if len(to) == 0 {
		return permanent(errors.New("cannot send: no recipients"))
	}
	for _, a := range append([]string{from}, to...) {
		if strings.ContainsAny(a, "\r\n<> ") {
			return permanent(fmt.Errorf("cannot send: bad address %q", a))
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.connect(ctx); err != nil {
		// Also a refused login: the server, not the message, is at fault.
		return temporaryError{err}
	}
	// The timeout bounds the transaction; the context cuts it short (its
	// own deadline included) by moving the connection's deadline to the
	// past once ctx is done, so ctx.Err() is set whenever that happens.
	s.setDeadline(time.Now().Add(s.opts.Timeout))
	stop := context.AfterFunc(ctx, func() { s.setDeadline(time.Unix(1, 0)) })
	err := s.transaction(from, to, raw)
	stop()
	if err != nil && ctx.Err() != nil {
		err = fmt.Errorf("%w (%v)", ctx.Err(), err)
	}
	if err != nil {
		s.recover(err)
	}
	s.used = time.Now()
	return err
}

// connect opens the connection if there is none, and tests one that was
// idle for IdleCheck with NOOP first, opening it again if that fails: the
// server may have closed it meanwhile, and the message should not fail
// for that.
func (s *Submitter) connect(ctx context.Context) error {
	if s.smtp != nil && time.Since(s.used) >= s.opts.IdleCheck {
		s.setDeadline(time.Now().Add(min(s.opts.Timeout, 10*time.Second)))
		stop := context.AfterFunc(ctx, func() { s.setDeadline(time.Unix(1, 0)) })
		err := s.smtp.Noop()
		stop()
		if err != nil {
			s.drop()
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	if s.smtp != nil {
		return nil
	}
	if s.opts.Auth == AuthXOAUTH2 {
		// The token is read at each login, so that one refreshed
		// meanwhile is used.
		token, err := s.opts.Token()
		if err != nil {
			return fmt.Errorf("cannot log in to SMTP server %s: cannot read the OAuth 2.0 token: %w", s.opts.Addr, err)
		}
		s.client.SetPassword(token)
	}
	c, err := s.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		s.drop()
		if s.opts.Username != "" {
			return fmt.Errorf("cannot connect to SMTP server %s (smtp.auth %s): %w", s.opts.Addr, s.opts.Auth, err)
		}
		return fmt.Errorf("cannot connect to SMTP server %s: %w", s.opts.Addr, err)
	}
	s.smtp = c
	s.used = time.Now()
	return nil
}

// transaction is one message: MAIL, RCPT for each recipient, DATA, with
// go-mail's client, one command at a time.
func (s *Submitter) transaction(from string, to []string, raw []byte) error {
	// go-mail's Mail and Rcpt write their argument as it is: the angle
	// brackets of RFC 5321's path are ours to add.
	if err := s.smtp.Mail("<" + from + ">"); err != nil {
		return mailRefused(err)
	}
	for i, rcpt := range to {
		if err := s.smtp.Rcpt("<" + rcpt + ">"); err != nil {
			var te *textproto.Error
			if i > 0 && errors.As(err, &te) {
				continue // a copy refused: the reply goes without it
			}
			return fmt.Errorf("cannot send to %s: %w", rcpt, err)
		}
	}
	w, err := s.smtp.Data()
	if err != nil {
		return fmt.Errorf("cannot send: DATA refused: %w", err)
	}
	if _, err := w.Write(raw); err != nil {
		w.Close()
		return fmt.Errorf("cannot send the message: %w", err)
	}
	// Close ends the data with "." and reads the server's verdict.
	if err := w.Close(); err != nil {
		return fmt.Errorf("cannot send: message refused: %w", err)
	}
	return nil
}

// mailRefused is the error for a refused MAIL FROM. It is temporary even
// as 5xx: the sender is always the assistant's address, so the refusal is
// about the account or the configuration (a sender the login may not use,
// a sending quota), never about this message, and the reply goes out once
// that is fixed.
func mailRefused(err error) error {
	return temporaryError{fmt.Errorf("cannot send: MAIL FROM refused: %w", err)}
}

// recover keeps the connection after a refusal the server answered (RSET
// succeeds), and drops it otherwise.
func (s *Submitter) recover(err error) {
	var te *textproto.Error
	if errors.As(err, &te) && s.smtp != nil {
		s.setDeadline(time.Now().Add(s.opts.Timeout))
		if s.smtp.Reset() == nil {
			return
		}
	}
	s.drop()
}

func (s *Submitter) setDeadline(t time.Time) {
	s.mu.Lock()
	if s.conn != nil {
		_ = s.conn.SetDeadline(t)
	}
	s.mu.Unlock()
}

func (s *Submitter) drop() {
	if s.smtp != nil {
		_ = s.smtp.Close()
	}
	s.mu.Lock()
	if s.conn != nil {
		_ = s.conn.Close()
		s.conn = nil
	}
	s.mu.Unlock()
	s.smtp = nil
}

// Check connects, upgrades to TLS and logs in exactly as Send does, then
// offers an envelope (MAIL FROM from, and RCPT TO rcpt unless it is empty)
// and takes it back with RSET: nothing is sent, but a server that would
// refuse the sender (an address the login may not send as) says so now.
// It is what `jobback check` runs.
func (s *Submitter) Check(ctx context.Context, from, rcpt string) error {
	if err := s.connect(ctx); err != nil {
		return err
	}
	s.setDeadline(time.Now().Add(s.opts.Timeout))
	stop := context.AfterFunc(ctx, func() { s.setDeadline(time.Unix(1, 0)) })
	defer stop()
	if err := s.smtp.Mail("<" + from + ">"); err != nil {
		s.drop()
		return fmt.Errorf("the server refuses %s as the sender (MAIL FROM): %w", from, err)
	}
	if rcpt != "" {
		if err := s.smtp.Rcpt("<" + rcpt + ">"); err != nil {
			s.drop()
			return fmt.Errorf("the server refuses %s as a recipient (RCPT TO): %w", rcpt, err)
		}
	}
	if err := s.smtp.Reset(); err != nil {
		s.drop()
		return fmt.Errorf("the server does not answer RSET: %w", err)
	}
	return s.Close()
}

// Close says QUIT and closes the connection, if one is open.
func (s *Submitter) Close() error {
	if s.smtp == nil {
		return nil
	}
	s.setDeadline(time.Now().Add(5 * time.Second))
	err := s.smtp.Quit()
	s.drop()
	if err != nil {
		return fmt.Errorf("cannot close SMTP connection: %w", err)
	}
	return nil
}

// permanentError marks a failure that will not go away by retrying.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

func permanent(err error) error { return permanentError{err} }

// temporaryError marks a failure of the connection or the login, which
// says nothing about the message even when the server answered 5xx.
type temporaryError struct{ err error }

func (e temporaryError) Error() string { return e.err.Error() }
func (e temporaryError) Unwrap() error { return e.err }

// IsPermanent reports whether err means "do not retry": an SMTP reply in
// the 5xx range (RFC 5321 4.2.1) to RCPT (the person's address) or DATA,
// or a message that can never be sent. 4xx replies, any refusal of MAIL
// FROM (our own sender: see mailRefused), connection, TLS and login errors
// (even a 535), timeouts and cancellations are temporary.
func IsPermanent(err error) bool {
	if err == nil {
		return false
	}
	var pe permanentError
	if errors.As(err, &pe) {
		return true
	}
	var tmp temporaryError
	if errors.As(err, &tmp) {
		return false
	}
	var te *textproto.Error
	if errors.As(err, &te) {
		switch te.Code {
		case 530, 534, 535, 538:
			// Authentication required, too weak, refused, or needs
			// encryption (RFC 4954): the configuration is at fault, not
			// the message; it can succeed once that is fixed.
			return false
		}
		return te.Code >= 500 && te.Code < 600
	}
	return false
}
