package mailtest

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"jobback/internal/testcert"
)

func msg(id string) []byte {
	return []byte("From: a@example.org\r\nSubject: x\r\nMessage-ID: <" + id + ">\r\n\r\nhello\r\n")
}

func startIMAP(t *testing.T, o IMAPOptions) *IMAPServer {
	t.Helper()
	s, err := StartIMAP(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestIMAPDeliverAndRead(t *testing.T) {
	s := startIMAP(t, IMAPOptions{UIDValidity: 7, Users: []Login{{"u", "p"}, {"v", "q"}}})
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if uid, err := s.DeliverAt(msg("a@x"), at); err != nil || uid != 1 {
		t.Fatalf("DeliverAt: %d, %v", uid, err)
	}
	if uid, err := s.Append("", "INBOX", msg("b@x"), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagAnswered}}); err != nil || uid != 2 {
		t.Fatalf("Append: %d, %v", uid, err)
	}
	if _, err := s.Append("v", "INBOX", msg("c@x"), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append("nobody", "INBOX", msg("d@x"), nil); err == nil {
		t.Error("Append to a user that does not exist")
	}
	ids, err := s.MessageIDs("INBOX")
	if err != nil || !slices.Equal(ids, []string{"a@x", "b@x"}) {
		t.Errorf("MessageIDs = %v, %v", ids, err)
	}
	flags, err := s.Flags("INBOX")
	if err != nil || len(flags) != 2 || len(flags[1]) != 0 || !slices.Contains(flags[2], imap.FlagAnswered) {
		t.Errorf("Flags = %v, %v", flags, err)
	}
	c, err := s.Dial()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sel, err := c.Select("INBOX", nil).Wait()
	if err != nil || sel.UIDValidity != 7 {
		t.Fatalf("SELECT: %+v, %v", sel, err)
	}
	bufs, err := c.Fetch(imap.UIDSetNum(1), &imap.FetchOptions{InternalDate: true}).Collect()
	if err != nil || len(bufs) != 1 || !bufs[0].InternalDate.Equal(at) {
		t.Errorf("INTERNALDATE: %+v, %v", bufs, err)
	}
}

// Wait wakes on a change made over IMAP; IDLE hears of a message stored
// at any moment after the IDLE command, however soon.
func TestIMAPWaitAndIdle(t *testing.T) {
	s := startIMAP(t, IMAPOptions{Caps: imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIdle: {}}})
	if _, err := s.Deliver(msg("a@x")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	exists := make(chan uint32, 10)
	c, err := imapclient.DialInsecure(s.Addr(), &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				exists <- *d.NumMessages
			}
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(DefaultLogin.Username, DefaultLogin.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() {
		_, err := s.WaitFlags(ctx, "INBOX", func(f map[uint32][]imap.Flag) bool { return slices.Contains(f[1], imap.FlagFlagged) })
		waited <- err
	}()
	if err := c.Store(imap.UIDSetNum(1), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagFlagged}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-waited; err != nil {
		t.Fatalf("WaitFlags: %v", err)
	}
	for i := range 20 {
		idle, err := c.Idle()
		if err != nil {
			t.Fatal(err)
		}
		// At once: before the server's session may have begun to listen.
		if _, err := s.Deliver(msg("n@x")); err != nil {
			t.Fatal(err)
		}
		select {
		case n := <-exists:
			if n != uint32(i+2) {
				t.Fatalf("EXISTS %d, want %d", n, i+2)
			}
		case <-ctx.Done():
			t.Fatalf("round %d: no EXISTS during IDLE", i)
		}
		if err := idle.Close(); err != nil {
			t.Fatal(err)
		}
		if err := idle.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	if n := s.IdleCommands(); n != 20 {
		t.Errorf("%d IDLE commands, want 20", n)
	}
	if n := s.Idling(); n != 0 {
		t.Errorf("%d sessions idling after DONE", n)
	}
}

// Restart drops the connections and keeps the mail; Freeze silences the
// connections of the moment; the wire is recorded; capabilities can be
// rewritten.
func TestIMAPRestartFreezeWire(t *testing.T) {
	s := startIMAP(t, IMAPOptions{RecordWire: true, RewriteCaps: func(p []byte) []byte {
		return bytes.ReplaceAll(p, []byte(" IDLE"), nil)
	}})
	s.Deliver(msg("a@x"))
	c, err := s.Dial()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	caps, err := c.Capability().Wait()
	if err != nil || caps.Has(imap.CapIdle) {
		t.Errorf("capabilities %v, %v: want no IDLE", caps, err)
	}
	addr := s.Addr()
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	if err := c.Noop().Wait(); err == nil {
		t.Error("a connection from before the restart still works")
	}
	if s.Addr() != addr {
		t.Errorf("restarted on %s, was %s", s.Addr(), addr)
	}
	if ids, err := s.MessageIDs("INBOX"); err != nil || len(ids) != 1 {
		t.Errorf("after the restart: %v, %v", ids, err)
	}
	c2, err := s.Dial()
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	s.Freeze()
	done := make(chan error, 1)
	go func() { done <- c2.Noop().Wait() }()
	select {
	case err := <-done:
		t.Errorf("a frozen connection answered: %v", err)
	case <-time.After(200 * time.Millisecond): // nothing comes; a late answer would show now
	}
	if _, err := s.Flags("INBOX"); err != nil {
		t.Errorf("a new connection after Freeze: %v", err)
	}
	if n := s.Accepts(); n != 4 {
		t.Errorf("%d connections, want 4", n)
	}
	if !strings.Contains(s.Wire(), " LOGIN ") {
		t.Errorf("the wire holds no LOGIN:\n%s", s.Wire())
	}
	s.Stop()
	if _, err := s.Flags("INBOX"); err == nil {
		t.Error("a stopped server answered")
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Flags("INBOX"); err != nil {
		t.Errorf("after Start: %v", err)
	}
}

func TestIMAPTLS(t *testing.T) {
	cert, err := testcert.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []IMAPOptions{{TLS: cert.Server}, {StartTLS: cert.Server, RequireTLS: true}} {
		s := startIMAP(t, o)
		s.Deliver(msg("a@x"))
		if ids, err := s.MessageIDs("INBOX"); err != nil || len(ids) != 1 {
			t.Errorf("TLS %v, STARTTLS %v: %v, %v", o.TLS != nil, o.StartTLS != nil, ids, err)
		}
	}
}

func startSMTP(t *testing.T, o SMTPOptions) *SMTPServer {
	t.Helper()
	s, err := StartSMTP(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func send(c *smtp.Client, from, to string) error {
	return c.SendMail(from, []string{to}, strings.NewReader("Subject: x\r\n\r\nhello\r\n"))
}

func code(err error) int {
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		return se.Code
	}
	return 0
}

func TestSMTPFailuresAndHooks(t *testing.T) {
	s := startSMTP(t, SMTPOptions{
		RecordWire: true,
		OnMail: func(from string) error {
			if strings.HasPrefix(from, "notmine@") {
				return &smtp.SMTPError{Code: 553, Message: "not yours"}
			}
			return nil
		},
		OnRcpt: func(to string) error {
			if strings.HasPrefix(to, "temp@") {
				return &smtp.SMTPError{Code: 451, Message: "later"}
			}
			return nil
		},
		Deliver: func(from string, to []string, raw []byte) ([]string, error) {
			if to[0] == "local@x" {
				return nil, nil // delivered elsewhere, not recorded
			}
			return to, nil
		},
	})
	c, err := smtp.Dial(s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := send(c, "notmine@x", "a@x"); code(err) != 553 {
		t.Errorf("OnMail: %v", err)
	}
	if err := send(c, "me@x", "temp@x"); code(err) != 451 {
		t.Errorf("OnRcpt: %v", err)
	}
	if err := send(c, "me@x", "local@x"); err != nil {
		t.Errorf("Deliver elsewhere: %v", err)
	}
	s.FailNext(Temporary, Permanent)
	if err := send(c, "me@x", "a@x"); code(err) != 451 {
		t.Errorf("Temporary: %v", err)
	}
	if err := send(c, "me@x", "a@x"); code(err) != 550 {
		t.Errorf("Permanent: %v", err)
	}
	if err := send(c, "me@x", "a@x"); err != nil {
		t.Errorf("after the failures: %v", err)
	}
	if sent := s.Sent(); len(sent) != 1 || sent[0].From != "me@x" || sent[0].To[0] != "a@x" {
		t.Errorf("Sent = %+v", sent)
	}
	if a, n := s.Attempts(), s.Sessions(); a != 6 || n != 1 {
		t.Errorf("%d attempts over %d sessions, want 6 over 1", a, n)
	}
	if !strings.Contains(s.Wire(), "MAIL FROM:<notmine@x>") || !strings.Contains(s.Wire(), "PIPELINING") {
		t.Errorf("the wire:\n%s", s.Wire())
	}

	// Hang holds the message until Release.
	s.FailNext(Hang)
	errc := make(chan error, 1)
	go func() { errc <- send(c, "me@x", "h@x") }()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for s.Hung() != 1 {
		select {
		case <-ctx.Done():
			t.Fatal("the session did not hang")
		case <-time.After(time.Millisecond): // a poll: Hung announces nothing
		}
	}
	if n := s.Release(Accept); n != 1 {
		t.Errorf("released %d", n)
	}
	if err := <-errc; err != nil {
		t.Errorf("released with Accept: %v", err)
	}
	if sent, err := s.WaitSent(ctx, 2); err != nil || sent[1].To[0] != "h@x" {
		t.Errorf("WaitSent: %+v, %v", sent, err)
	}
	if n := s.Open(); n != 1 {
		t.Errorf("%d sessions open, want 1", n)
	}
	c.Quit()
	for s.Open() != 0 {
		select {
		case <-ctx.Done():
			t.Fatal("the session did not end after QUIT")
		case <-time.After(time.Millisecond): // a poll: Open announces nothing
		}
	}
}

// cramClient is the client side of CRAM-MD5, which go-sasl lacks.
type cramClient struct{ user, secret string }

func (c cramClient) Start() (string, []byte, error) { return "CRAM-MD5", nil, nil }
func (c cramClient) Next(challenge []byte) ([]byte, error) {
	mac := hmac.New(md5.New, []byte(c.secret))
	mac.Write(challenge)
	return []byte(c.user + " " + hex.EncodeToString(mac.Sum(nil))), nil
}

type xoauth2Client struct{ user, token string }

func (c xoauth2Client) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + c.user + "\x01auth=Bearer " + c.token + "\x01\x01"), nil
}
func (c xoauth2Client) Next([]byte) ([]byte, error) { return nil, errors.New("unexpected challenge") }

func TestSMTPAuthAndTLS(t *testing.T) {
	cert, err := testcert.New()
	if err != nil {
		t.Fatal(err)
	}
	clients := map[string]func(pass string) sasl.Client{
		"PLAIN":    func(p string) sasl.Client { return sasl.NewPlainClient("", "jobback", p) },
		"LOGIN":    func(p string) sasl.Client { return sasl.NewLoginClient("jobback", p) },
		"CRAM-MD5": func(p string) sasl.Client { return cramClient{"jobback", p} },
		"XOAUTH2":  func(p string) sasl.Client { return xoauth2Client{"jobback", p} },
	}
	for _, mode := range []string{"none", "starttls", "tls"} {
		o := SMTPOptions{Username: "jobback", Password: "s3cret", Mechanisms: []string{"PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2"}}
		switch mode {
		case "starttls":
			o.StartTLS = cert.Server
		case "tls":
			o.TLS = cert.Server
		}
		s := startSMTP(t, o)
		dial := func() *smtp.Client {
			t.Helper()
			var c *smtp.Client
			var err error
			switch mode {
			case "starttls":
				c, err = smtp.DialStartTLS(s.Addr(), cert.Client())
			case "tls":
				c, err = smtp.DialTLS(s.Addr(), cert.Client())
			default:
				c, err = smtp.Dial(s.Addr())
			}
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		c := dial()
		if err := send(c, "me@x", "a@x"); code(err) != 530 {
			t.Errorf("%s: without AUTH: %v, want 530", mode, err)
		}
		c.Close()
		for mech, client := range clients {
			c := dial()
			if err := c.Auth(client("wrong")); err == nil {
				t.Errorf("%s %s: a wrong password was taken", mode, mech)
			}
			c.Close()
			c = dial()
			if err := c.Auth(client("s3cret")); err != nil {
				t.Errorf("%s %s: %v", mode, mech, err)
			} else if err := send(c, "me@x", "a@x"); err != nil {
				t.Errorf("%s %s: send: %v", mode, mech, err)
			}
			if got := s.LastMech(); got != mech {
				t.Errorf("%s: logged in with %q, want %q", mode, got, mech)
			}
			c.Close()
		}
		s.SetPassword("token-2")
		s.Offer("LOGIN")
		c = dial()
		if ok, mechs := c.Extension("AUTH"); !ok || mechs != "LOGIN" {
			t.Errorf("%s: AUTH %q offered, want LOGIN", mode, mechs)
		}
		if err := c.Auth(clients["PLAIN"]("token-2")); err == nil {
			t.Errorf("%s: a mechanism no longer offered was taken", mode)
		}
		c.Close()
		c = dial()
		if err := c.Auth(clients["LOGIN"]("token-2")); err != nil {
			t.Errorf("%s: the new password: %v", mode, err)
		}
		c.Close()
	}
	// No mechanisms: no AUTH offered.
	s := startSMTP(t, SMTPOptions{})
	c, err := smtp.Dial(s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Hello("localhost"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := c.Extension("AUTH"); ok {
		t.Error("AUTH offered without mechanisms")
	}
	// Implicit TLS refuses a client that does not trust it.
	ts := startSMTP(t, SMTPOptions{TLS: cert.Server})
	if c, err := smtp.DialTLS(ts.Addr(), &tls.Config{}); err == nil {
		c.Hello("localhost")
		c.Close()
		t.Error("an untrusted certificate was taken")
	}
}

// Servers closed right after they start (before their Serve goroutine ran)
// close at once, and let go of their ports.
func TestCloseAtOnce(t *testing.T) {
	for range 200 {
		s, err := StartSMTP(SMTPOptions{})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		i, err := StartIMAP(IMAPOptions{})
		if err != nil {
			t.Fatal(err)
		}
		i.Stop()
		if err := i.Start(); err != nil {
			t.Fatal(err)
		}
		i.Close()
	}
}
