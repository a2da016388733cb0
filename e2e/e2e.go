//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	_ "github.com/emersion/go-message/charset" // decode non-UTF-8 bodies in Message.Text
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-smtp"
	gomail "github.com/wneessen/go-mail"
)

// ErrNotRunning says that the environment does not describe a running setup:
// the suite was not started through e2e/run.sh (or e2e/start.sh's DIR/env).
var ErrNotRunning = errors.New("the e2e servers are not running: E2E_IMAP_PORT is not set (run bash e2e/run.sh)")

// Env is a running Dovecot + Postfix setup made by e2e/start.sh, as told by
// the E2E_* environment variables that start.sh records in DIR/env.
type Env struct {
	Dir      string // E2E_DIR: configuration, mail, queues and logs
	Host     string // E2E_HOST; 127.0.0.1
	IMAPPort int    // E2E_IMAP_PORT: Dovecot IMAP, plain text, LOGIN allowed
	LMTPPort int    // E2E_LMTP_PORT: Dovecot LMTP, where Postfix delivers
	SMTPPort int    // E2E_SMTP_PORT: Postfix SMTP, no TLS, AUTH optional
	Password string // E2E_PASSWORD: the password of every user
	// People is E2E_PEOPLE: the mailboxes person1..People@people.example
	// exist (see Person).
	People int
	// Assistant is E2E_ASSISTANT, the daemon's own address:
	// help@jobback.example.
	Assistant string
	// CatchAll is E2E_CATCHALL, catchall@people.example: mail to any address
	// that has no mailbox, except at jobback.example, lands here.
	CatchAll string
	// Scripts is the folder with start.sh, stop.sh and ctl.sh: E2E_SCRIPTS,
	// or if empty the folder of this source file.
	Scripts string
}

// FromEnv reads the setup from the environment. It returns ErrNotRunning if
// E2E_IMAP_PORT is not set.
func FromEnv() (*Env, error) { return envFrom(os.Getenv) }

// envFrom reads the setup from the variables getenv returns.
func envFrom(getenv func(string) string) (*Env, error) {
	if getenv("E2E_IMAP_PORT") == "" {
		return nil, ErrNotRunning
	}
	or := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	e := &Env{
		Dir:       getenv("E2E_DIR"),
		Host:      or("E2E_HOST", "127.0.0.1"),
		Password:  getenv("E2E_PASSWORD"),
		Assistant: or("E2E_ASSISTANT", "help@jobback.example"),
		CatchAll:  or("E2E_CATCHALL", "catchall@people.example"),
		Scripts:   getenv("E2E_SCRIPTS"),
	}
	for _, v := range []struct {
		name string
		dst  *int
	}{
		{"E2E_IMAP_PORT", &e.IMAPPort},
		{"E2E_LMTP_PORT", &e.LMTPPort},
		{"E2E_SMTP_PORT", &e.SMTPPort},
		{"E2E_PEOPLE", &e.People},
	} {
		n, err := strconv.Atoi(getenv(v.name))
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", v.name, err)
		}
		*v.dst = n
	}
	if e.Scripts == "" {
		_, file, _, ok := runtime.Caller(0)
		if ok {
			e.Scripts = filepath.Dir(file)
		}
	}
	return e, nil
}

// Setup returns the running setup for a test. Without one it skips the test
// with a message saying how to run the suite, or fails it if E2E_REQUIRED is
// set (e2e/run.sh sets it, so a broken start never passes as a skip). If the
// test fails, the tails of the Dovecot and Postfix logs are added to its
// output.
func Setup(tb testing.TB) *Env {
	tb.Helper()
	e, err := FromEnv()
	if errors.Is(err, ErrNotRunning) && os.Getenv("E2E_REQUIRED") == "" {
		tb.Skip("SKIPPED: " + err.Error())
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if tb.Failed() {
			e.logProblems(tb, 5)
		}
	})
	return e
}

// Log files of the servers.
func (e *Env) DovecotLog() string { return filepath.Join(e.Dir, "dovecot", "dovecot.log") }
func (e *Env) PostfixLog() string { return filepath.Join(e.Dir, "postfix.log") }

// DovecotConf is Dovecot's configuration file, for doveadm -c.
func (e *Env) DovecotConf() string { return filepath.Join(e.Dir, "dovecot", "dovecot.conf") }

// logProblems logs, for a failed test, the last lines of the servers'
// logs that report a problem (Dovecot's "Error:", "Fatal:", "Panic:",
// Postfix's "warning:", "error:", "fatal:", "panic:"), at most max from
// each. Only those: thirty lines of routine deliveries after the test's
// own failure pushed the failure itself out of the part of the output CI
// keeps. e2e/run.sh prints the plain tails once, at the end of the run.
func (e *Env) logProblems(tb testing.TB, max int) {
	for _, f := range []string{e.DovecotLog(), e.PostfixLog()} {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Logf("cannot read %s: %v", f, err)
			continue
		}
		var bad []string
		for _, line := range strings.Split(string(b), "\n") {
			for _, w := range []string{"Error:", "Fatal:", "Panic:", "warning:", "error:", "fatal:", "panic:"} {
				if strings.Contains(line, w) {
					bad = append(bad, line)
					break
				}
			}
		}
		if len(bad) > max {
			bad = bad[len(bad)-max:]
		}
		if len(bad) == 0 {
			tb.Logf("%s reports no problem", f)
			continue
		}
		tb.Logf("the last problems %s reports:\n%s", f, strings.Join(bad, "\n"))
	}
}

// IMAPAddr, LMTPAddr and SMTPAddr are host:port of the servers.
func (e *Env) IMAPAddr() string { return net.JoinHostPort(e.Host, strconv.Itoa(e.IMAPPort)) }
func (e *Env) LMTPAddr() string { return net.JoinHostPort(e.Host, strconv.Itoa(e.LMTPPort)) }
func (e *Env) SMTPAddr() string { return net.JoinHostPort(e.Host, strconv.Itoa(e.SMTPPort)) }

// Person returns the address of test person n (1..People), which has its own
// mailbox: person<n>@people.example.
func (e *Env) Person(n int) string { return fmt.Sprintf("person%d@people.example", n) }

// ---- IMAP ------------------------------------------------------------------

// DialIMAP connects to Dovecot without TLS and logs in as user (a full
// address) with the common password. opts may be nil; set
// opts.UnilateralDataHandler to hear of new mail during IDLE.
func (e *Env) DialIMAP(user string, opts *imapclient.Options) (*imapclient.Client, error) {
	if opts == nil {
		opts = &imapclient.Options{}
	}
	if opts.Dialer == nil {
		opts.Dialer = &net.Dialer{Timeout: 5 * time.Second}
	}
	c, err := imapclient.DialInsecure(e.IMAPAddr(), opts)
	if err != nil {
		return nil, fmt.Errorf("cannot connect to IMAP %s: %w", e.IMAPAddr(), err)
	}
	if err := c.Login(user, e.Password).Wait(); err != nil {
		c.Close()
		return nil, fmt.Errorf("cannot log in to IMAP as %s: %w", user, err)
	}
	return c, nil
}

// IMAP is DialIMAP for tests: it fails the test on error and logs out when
// the test ends.
func (e *Env) IMAP(tb testing.TB, user string) *imapclient.Client {
	tb.Helper()
	c, err := e.DialIMAP(user, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := c.Logout().Wait(); err != nil {
			c.Close()
		}
	})
	return c
}

// Message is one message read over IMAP.
type Message struct {
	UID      imap.UID
	Flags    []imap.Flag
	Envelope *imap.Envelope // Subject is decoded from RFC 2047
	Raw      []byte         // the whole message, as stored
}

// Subject returns the decoded Subject, or "" without an envelope.
func (m *Message) Subject() string {
	if m.Envelope == nil {
		return ""
	}
	return m.Envelope.Subject
}

// Header returns the parsed top-level header.
func (m *Message) Header() (mail.Header, error) {
	r, err := mail.CreateReader(bytes.NewReader(m.Raw))
	if err != nil {
		return mail.Header{}, fmt.Errorf("cannot parse message %d: %w", m.UID, err)
	}
	defer r.Close()
	return r.Header, nil
}

// Text returns the first text/plain part, decoded to UTF-8 (the whole body
// if the message is a single text part).
func (m *Message) Text() (string, error) {
	r, err := mail.CreateReader(bytes.NewReader(m.Raw))
	if err != nil {
		return "", fmt.Errorf("cannot parse message %d: %w", m.UID, err)
	}
	defer r.Close()
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return "", fmt.Errorf("message %d has no text/plain part", m.UID)
		}
		if err != nil {
			return "", fmt.Errorf("cannot read message %d: %w", m.UID, err)
		}
		h, ok := p.Header.(*mail.InlineHeader)
		if !ok {
			continue
		}
		ct, _, _ := h.ContentType()
		if ct != "" && ct != "text/plain" {
			continue
		}
		b, err := io.ReadAll(p.Body)
		if err != nil {
			return "", fmt.Errorf("cannot decode message %d: %w", m.UID, err)
		}
		return string(b), nil
	}
}

var fullBody = &imap.FetchItemBodySection{Peek: true}

// Messages returns the messages in mailbox whose UID is at least since (0 or
// 1 for all), oldest first, without setting \Seen. It selects mailbox
// read-only (EXAMINE) first, so the view is fresh.
func Messages(c *imapclient.Client, mailbox string, since imap.UID) ([]*Message, error) {
	if _, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return nil, fmt.Errorf("cannot examine %s: %w", mailbox, err)
	}
	if since == 0 {
		since = 1
	}
	var set imap.UIDSet
	set.AddRange(since, 0) // since:*
	bufs, err := c.Fetch(set, &imap.FetchOptions{
		UID:         true,
		Flags:       true,
		Envelope:    true,
		BodySection: []*imap.FetchItemBodySection{fullBody},
	}).Collect()
	if err != nil {
		return nil, fmt.Errorf("cannot fetch from %s: %w", mailbox, err)
	}
	out := make([]*Message, 0, len(bufs))
	for _, b := range bufs {
		// "n:*" also names the newest message when its UID is below n.
		if b.UID < since {
			continue
		}
		out = append(out, &Message{UID: b.UID, Flags: b.Flags, Envelope: b.Envelope, Raw: b.FindBodySection(fullBody)})
	}
	return out, nil
}

// PollInterval is how often WaitFor and WaitForCount look again.
const PollInterval = 100 * time.Millisecond

// WaitFor looks in mailbox, again every PollInterval, until a message
// matches, and returns it; it gives up when ctx ends. Each message is
// fetched and matched once. If ctx ends while a command waits for the
// server, c is closed to end the wait.
func WaitFor(ctx context.Context, c *imapclient.Client, mailbox string, match func(*Message) bool) (*Message, error) {
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	next := imap.UID(1)
	seen := 0
	for {
		msgs, err := Messages(c, mailbox, next)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("no matching message in %s among %d: %w", mailbox, seen, ctx.Err())
			}
			return nil, err
		}
		for _, m := range msgs {
			seen++
			if m.UID >= next {
				next = m.UID + 1
			}
			if match(m) {
				return m, nil
			}
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("no matching message in %s among %d: %w", mailbox, seen, ctx.Err())
		case <-time.After(PollInterval):
		}
	}
}

// SubjectIs matches a message by its decoded Subject.
func SubjectIs(subject string) func(*Message) bool {
	return func(m *Message) bool { return m.Subject() == subject }
}

// MessageIDIs matches a message by its Message-ID (without angle brackets).
func MessageIDIs(id string) func(*Message) bool {
	id = strings.Trim(id, "<>")
	return func(m *Message) bool { return m.Envelope != nil && m.Envelope.MessageID == id }
}

// Count returns how many messages mailbox holds (STATUS MESSAGES).
func Count(c *imapclient.Client, mailbox string) (int, error) {
	d, err := c.Status(mailbox, &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil {
		return 0, fmt.Errorf("cannot get the status of %s: %w", mailbox, err)
	}
	if d.NumMessages == nil {
		return 0, fmt.Errorf("cannot count %s: the server sent no MESSAGES", mailbox)
	}
	return int(*d.NumMessages), nil
}

// WaitForCount looks at mailbox every PollInterval until it holds at least
// n messages, and returns the count; it gives up when ctx ends.
func WaitForCount(ctx context.Context, c *imapclient.Client, mailbox string, n int) (int, error) {
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	for {
		got, err := Count(c, mailbox)
		if err == nil && got >= n {
			return got, nil
		}
		if err != nil && ctx.Err() == nil {
			return got, err
		}
		select {
		case <-ctx.Done():
			return got, fmt.Errorf("%s holds %d messages, want %d: %w", mailbox, got, n, ctx.Err())
		case <-time.After(PollInterval):
		}
	}
}

// Append stores raw in mailbox with the given flags and returns its UID
// (Dovecot answers APPENDUID).
func Append(c *imapclient.Client, mailbox string, raw []byte, flags ...imap.Flag) (imap.UID, error) {
	cmd := c.Append(mailbox, int64(len(raw)), &imap.AppendOptions{Flags: flags})
	if _, err := cmd.Write(raw); err != nil {
		cmd.Close()
		return 0, fmt.Errorf("cannot append to %s: %w", mailbox, err)
	}
	if err := cmd.Close(); err != nil {
		return 0, fmt.Errorf("cannot append to %s: %w", mailbox, err)
	}
	d, err := cmd.Wait()
	if err != nil {
		return 0, fmt.Errorf("cannot append to %s: %w", mailbox, err)
	}
	return d.UID, nil
}

// AppendAll stores every message of raws in mailbox, in order, keeping up to
// 32 APPEND commands in flight (Dovecot has LITERAL+, so none waits for a
// continuation). It is the quick way to preload a mailbox.
func AppendAll(c *imapclient.Client, mailbox string, raws [][]byte) error {
	const window = 32
	pending := make([]*imapclient.AppendCommand, 0, window)
	flush := func() error {
		var first error
		for _, cmd := range pending {
			if _, err := cmd.Wait(); err != nil && first == nil {
				first = fmt.Errorf("cannot append to %s: %w", mailbox, err)
			}
		}
		pending = pending[:0]
		return first
	}
	for _, raw := range raws {
		cmd := c.Append(mailbox, int64(len(raw)), nil)
		_, werr := cmd.Write(raw)
		cerr := cmd.Close()
		pending = append(pending, cmd)
		if err := errors.Join(werr, cerr); err != nil {
			flush()
			return fmt.Errorf("cannot append to %s: %w", mailbox, err)
		}
		if len(pending) == window {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// ---- SMTP ------------------------------------------------------------------

// MailClient returns a go-mail client for Postfix: plain text on SMTPPort,
// no AUTH unless opts add it, for example
//
//	gomail.WithSMTPAuth(gomail.SMTPAuthPlainNoEnc),
//	gomail.WithUsername(e.Assistant), gomail.WithPassword(e.Password)
//
// Postfix accepts mail from loopback with or without AUTH.
func (e *Env) MailClient(opts ...gomail.Option) (*gomail.Client, error) {
	all := append([]gomail.Option{
		gomail.WithPort(e.SMTPPort),
		gomail.WithTLSPolicy(gomail.NoTLS),
		gomail.WithTimeout(10 * time.Second),
		gomail.WithHELO("e2e.jobback.example"),
	}, opts...)
	c, err := gomail.NewClient(e.Host, all...)
	if err != nil {
		return nil, fmt.Errorf("cannot make an SMTP client for %s: %w", e.SMTPAddr(), err)
	}
	return c, nil
}

// NewMsg builds a plain-text message with a Date and a Message-ID at the
// sender's domain.
func NewMsg(from string, to []string, subject, body string) (*gomail.Msg, error) {
	m := gomail.NewMsg()
	if err := m.From(from); err != nil {
		return nil, fmt.Errorf("cannot set From %q: %w", from, err)
	}
	if err := m.To(to...); err != nil {
		return nil, fmt.Errorf("cannot set To %q: %w", to, err)
	}
	m.Subject(subject)
	m.SetDate()
	m.SetMessageIDWithValue(NewMessageID(from))
	m.SetBodyString(gomail.TypeTextPlain, body)
	return m, nil
}

// NewMessageID returns a fresh Message-ID (without angle brackets) at the
// domain of addr.
func NewMessageID(addr string) string {
	domain := "jobback.example"
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		domain = strings.Trim(addr[i+1:], "> ")
	}
	var b [12]byte
	rand.Read(b[:])
	return fmt.Sprintf("e2e.%s@%s", hex.EncodeToString(b[:]), domain)
}

// Send sends msgs through Postfix over one connection, without AUTH.
func (e *Env) Send(ctx context.Context, msgs ...*gomail.Msg) error {
	c, err := e.MailClient()
	if err != nil {
		return err
	}
	if err := c.DialAndSendWithContext(ctx, msgs...); err != nil {
		return fmt.Errorf("cannot send through %s: %w", e.SMTPAddr(), err)
	}
	return nil
}

// SendRaw sends raw exactly as given (no re-encoding: for corpus messages
// and broken MIME) through Postfix, without AUTH. It gives up when ctx ends.
func (e *Env) SendRaw(ctx context.Context, from string, to []string, raw []byte) error {
	d := net.Dialer{Timeout: 5 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", e.SMTPAddr())
	if err != nil {
		return fmt.Errorf("cannot connect to SMTP %s: %w", e.SMTPAddr(), err)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	c := smtp.NewClient(conn)
	defer c.Close()
	if err := c.Hello("e2e.jobback.example"); err != nil {
		return fmt.Errorf("cannot greet %s: %w", e.SMTPAddr(), err)
	}
	if err := c.SendMail(from, to, bytes.NewReader(raw)); err != nil {
		return fmt.Errorf("cannot send through %s: %w", e.SMTPAddr(), err)
	}
	if err := c.Quit(); err != nil {
		return fmt.Errorf("cannot end the SMTP session: %w", err)
	}
	return nil
}

// DeliverLMTP hands raw straight to Dovecot over LMTP (RFC 2033), the way
// Postfix does, skipping Postfix: quicker, and no Received or Date header of
// Postfix's is added. Each recipient must have a mailbox (the catch-all
// lives in Postfix, not here). It gives up when ctx ends.
func (e *Env) DeliverLMTP(ctx context.Context, from string, to []string, raw []byte) error {
	d := net.Dialer{Timeout: 5 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", e.LMTPAddr())
	if err != nil {
		return fmt.Errorf("cannot connect to LMTP %s: %w", e.LMTPAddr(), err)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	c := smtp.NewClientLMTP(conn)
	defer c.Close()
	if err := c.Hello("e2e.jobback.example"); err != nil {
		return fmt.Errorf("cannot greet %s: %w", e.LMTPAddr(), err)
	}
	if err := c.Mail(from, nil); err != nil {
		return fmt.Errorf("cannot deliver over LMTP: %w", err)
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt, nil); err != nil {
			return fmt.Errorf("cannot deliver to %s over LMTP: %w", rcpt, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("cannot deliver over LMTP: %w", err)
	}
	if _, err := w.Write(raw); err != nil {
		w.Close()
		return fmt.Errorf("cannot deliver over LMTP: %w", err)
	}
	if _, err := w.CloseWithLMTPResponse(); err != nil {
		return fmt.Errorf("cannot deliver over LMTP: %w", err)
	}
	if err := c.Quit(); err != nil {
		return fmt.Errorf("cannot end the LMTP session: %w", err)
	}
	return nil
}

// ---- Servers (fault tests) -------------------------------------------------

// RestartDovecot stops Dovecot, which drops every IMAP connection (IDLE
// included), and starts it again with the same mail. It returns once IMAP
// and LMTP answer again (about 3 s: Dovecot takes a while to stop).
func (e *Env) RestartDovecot(ctx context.Context) error { return e.ctl(ctx, "restart", "dovecot") }

// StopDovecot and StartDovecot stop and start Dovecot; stop returns once its
// ports are closed, start once they answer.
func (e *Env) StopDovecot(ctx context.Context) error  { return e.ctl(ctx, "stop", "dovecot") }
func (e *Env) StartDovecot(ctx context.Context) error { return e.ctl(ctx, "start", "dovecot") }

// StopPostfix and StartPostfix take SMTP down and bring it back. Mail queued
// in Postfix stays queued while it is down.
func (e *Env) StopPostfix(ctx context.Context) error  { return e.ctl(ctx, "stop", "postfix") }
func (e *Env) StartPostfix(ctx context.Context) error { return e.ctl(ctx, "start", "postfix") }

// KillDovecot and KillPostfix simulate a crash: every process of the server
// gets SIGKILL at once, so clients see their connections reset without a
// BYE. Start the server again with StartDovecot or StartPostfix.
func (e *Env) KillDovecot(ctx context.Context) error { return e.ctl(ctx, "kill", "dovecot") }
func (e *Env) KillPostfix(ctx context.Context) error { return e.ctl(ctx, "kill", "postfix") }

// KickIMAP closes every IMAP session of user (doveadm kick), as an
// administrator or a server's own housekeeping would.
func (e *Env) KickIMAP(ctx context.Context, user string) error {
	if e.Dir == "" {
		return errors.New("cannot kick: E2E_DIR is unknown")
	}
	out, err := exec.CommandContext(ctx, "doveadm", "-c", e.DovecotConf(), "kick", user).CombinedOutput()
	if err != nil {
		return fmt.Errorf("doveadm kick %s: %w: %s", user, err, strings.TrimSpace(string(out)))
	}
	return nil
}

// FlushPostfix makes Postfix retry its deferred mail now, for example right
// after Dovecot is back; by itself it retries every 5 to 30 s.
func (e *Env) FlushPostfix(ctx context.Context) error { return e.ctl(ctx, "flush", "postfix") }

func (e *Env) ctl(ctx context.Context, action, server string) error {
	if e.Dir == "" || e.Scripts == "" {
		return fmt.Errorf("cannot %s %s: E2E_DIR or the scripts folder is unknown", action, server)
	}
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(e.Scripts, "ctl.sh"), e.Dir, action, server)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("cannot %s %s: %w: %s", action, server, err, strings.TrimSpace(out.String()))
	}
	return nil
}

// WaitQueueEmpty waits until Postfix has delivered everything it accepted
// (its queue is empty), so that one benchmark's deliveries do not load the
// machine during the next one.
func (e *Env) WaitQueueEmpty(ctx context.Context, within time.Duration) error {
	if e.Dir == "" {
		return errors.New("cannot read the Postfix queue: E2E_DIR is unknown")
	}
	deadline := time.Now().Add(within)
	for {
		out, err := exec.CommandContext(ctx, "postqueue", "-c", filepath.Join(e.Dir, "postfix"), "-p").CombinedOutput()
		if err != nil {
			return fmt.Errorf("cannot read the Postfix queue: %w: %s", err, strings.TrimSpace(string(out)))
		}
		if strings.Contains(string(out), "Mail queue is empty") {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the Postfix queue is not empty after %s", within)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Empty deletes every message in mailbox (STORE \Deleted, then EXPUNGE),
// so that a benchmark run does not deliver into a mailbox the runs before
// it filled.
func Empty(c *imapclient.Client, mailbox string) error {
	if _, err := c.Select(mailbox, nil).Wait(); err != nil {
		return fmt.Errorf("cannot select %s: %w", mailbox, err)
	}
	var all imap.UIDSet
	all.AddRange(1, 0)
	if err := c.Store(all, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
		return fmt.Errorf("cannot empty %s: %w", mailbox, err)
	}
	if err := c.Expunge().Close(); err != nil {
		return fmt.Errorf("cannot empty %s: %w", mailbox, err)
	}
	if err := c.Unselect().Wait(); err != nil {
		return fmt.Errorf("cannot empty %s: %w", mailbox, err)
	}
	return nil
}
