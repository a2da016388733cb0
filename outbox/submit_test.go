package outbox

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-smtp"

	"jobback/domain"
	"jobback/internal/mailtest"
	"jobback/internal/testcert"
	"jobback/parser"
	"jobback/responder"
)

// smtpServer is mailtest's in-process SMTP server on 127.0.0.1:0 as these
// tests use it. Addresses choose its answer: notmine@ as the sender gets
// 553, temp@ as a recipient 451, perm@ 550, dataperm@ 554 after DATA, and
// hang@ makes DATA wait until the test ends; everything else is accepted.
type smtpServer struct {
	*mailtest.SMTPServer
	tls *tls.Config // the server's certificate, for clientTLS; nil in plain text
}

// startSMTP starts the server in mode (a domain.TLS* mode), offering AUTH
// PLAIN (Offer changes that); if user is set, a login as user with pass is
// required. adjust changes the options before it starts.
func startSMTP(t testing.TB, user, pass string, mode string, adjust ...func(*mailtest.SMTPOptions)) *smtpServer {
	t.Helper()
	s := &smtpServer{}
	if mode == domain.TLSImplicit || mode == domain.TLSStartTLS {
		c, err := testcert.New()
		if err != nil {
			t.Fatal(err)
		}
		s.tls = c.Server
	}
	// Deliver waits on the server's Done, which exists only once StartSMTP
	// returned: ready hands it over.
	ready := make(chan struct{})
	opts := mailtest.SMTPOptions{
		Username:     user,
		Password:     pass,
		Mechanisms:   []string{"PLAIN"},
		ReadTimeout:  10 * time.Second,
		WriteTimeout: 10 * time.Second,
		OnMail: func(from string) error {
			if strings.HasPrefix(from, "notmine@") {
				// Postfix's reject_sender_login_mismatch.
				return &smtp.SMTPError{Code: 553, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Sender address rejected: not owned by user"}
			}
			return nil
		},
		OnRcpt: func(to string) error {
			switch {
			case strings.HasPrefix(to, "temp@"):
				return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
			case strings.HasPrefix(to, "perm@"):
				return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
			}
			return nil
		},
		Deliver: func(_ string, to []string, _ []byte) ([]string, error) {
			for _, rcpt := range to {
				switch {
				case strings.HasPrefix(rcpt, "dataperm@"):
					return nil, &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "rejected"}
				case strings.HasPrefix(rcpt, "hang@"):
					<-ready
					<-s.Done()
					return nil, errors.New("released")
				}
			}
			return to, nil
		},
	}
	switch mode {
	case domain.TLSImplicit:
		opts.TLS = s.tls
	case domain.TLSStartTLS:
		opts.StartTLS = s.tls
	}
	for _, f := range adjust {
		f(&opts)
	}
	srv, err := mailtest.StartSMTP(opts)
	if err != nil {
		t.Fatal(err)
	}
	s.SMTPServer = srv
	close(ready)
	t.Cleanup(func() { srv.Close() })
	return s
}

// clientTLS trusts the server's self-signed certificate.
func clientTLS(t *testing.T, srv *tls.Config) *tls.Config {
	cert, err := x509.ParseCertificate(srv.Certificates[0].Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
}

// testReply is a real reply, as the responder writes it, to a message of
// the project's corpus: what the outbox sends.
func testReply(t testing.TB) *responder.Reply {
	t.Helper()
	raw, err := os.ReadFile("../parser/testdata/situations/06-gmail.eml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := parser.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	r, err := responder.New(responder.Options{Address: "help@jobback.example", MessageIDDomain: "jobback.example"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := r.Reply(m)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// checkMessage fails t unless raw still reads as a whole message (CRLF
// line endings, go-message reads every part).
func checkMessage(t testing.TB, raw []byte) {
	t.Helper()
	if bytes.Contains(raw, []byte("\n")) && !bytes.Contains(raw, []byte("\r\n")) {
		t.Fatal("message does not use CRLF line endings")
	}
	mr, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("go-message cannot read the message: %v", err)
	}
	parts := 0
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("go-message cannot read a part: %v", err)
		}
		if _, err := io.ReadAll(p.Body); err != nil {
			t.Fatalf("cannot read a part: %v", err)
		}
		parts++
	}
	if parts < 2 {
		t.Fatalf("the message has %d parts, want the text, the HTML and the letter", parts)
	}
}

func TestSenderDelivers(t *testing.T) {
	srv, s := plainSubmitter(t)
	rep := testReply(t)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if err := s.Send(ctx, "help@jobback.example", []string{rep.To}, rep.Raw); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
	got, sessions := srv.Sent(), srv.Sessions()
	if len(got) != 3 || sessions != 1 {
		t.Fatalf("server got %d messages over %d connections, want 3 over 1", len(got), sessions)
	}
	if got[0].From != "help@jobback.example" || got[0].To[0] != rep.To {
		t.Errorf("envelope %s -> %v", got[0].From, got[0].To)
	}
	if strings.ReplaceAll(string(got[0].Raw), "\r\n", "\n") != strings.ReplaceAll(string(rep.Raw), "\r\n", "\n") {
		t.Error("the server received different bytes")
	}
	// The message survives the trip: it is still a valid reply.
	checkMessage(t, got[0].Raw)
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// Lines that start with "." arrive as they were written, and so do messages whose lines end in a bare LF (sent by
// the DotWriter, which mends them) or lack a last line end.
// plainSubmitter starts a plain-text test server and a Submitter for it
// (a 5 s timeout), which is closed when t ends.
func plainSubmitter(t testing.TB, adjust ...func(*mailtest.SMTPOptions)) (*smtpServer, *Submitter) {
	t.Helper()
	srv := startSMTP(t, "", "", domain.TLSNone, adjust...)
	s, err := NewSubmitter(SMTPOptions{Addr: srv.Addr(), TLS: domain.TLSNone, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return srv, s
}

func TestSenderDotLines(t *testing.T) {
	srv, s := plainSubmitter(t)
	msgs := []string{
		"Subject: dots\r\n\r\n.\r\n..two\r\n.one\r\nend\r\n",
		"Subject: bare\n\n.lf\nend\n",
		"Subject: open\r\n\r\n.last line",
	}
	for _, m := range msgs {
		if err := s.Send(context.Background(), "help@jobback.example", []string{"ann@example.org"}, []byte(m)); err != nil {
			t.Fatalf("%v", err)
		}
	}
	got := srv.Sent()
	if len(got) != len(msgs) {
		t.Fatalf("server got %d messages", len(got))
	}
	for i, m := range msgs {
		want := strings.ReplaceAll(strings.ReplaceAll(m, "\r\n", "\n"), "\n", "\r\n")
		if !strings.HasSuffix(want, "\r\n") {
			want += "\r\n"
		}
		if string(got[i].Raw) != want {
			t.Errorf("sent %q, server got %q", want, got[i].Raw)
		}
	}
}

func TestSenderErrors(t *testing.T) {
	srv, s := plainSubmitter(t)
	raw := testReply(t).Raw
	ctx := context.Background()
	tests := []struct {
		to        string
		permanent bool
	}{
		{"temp@example.net", false},
		{"perm@example.net", true},
		{"dataperm@example.net", true},
	}
	for _, tt := range tests {
		err := s.Send(ctx, "help@jobback.example", []string{tt.to}, raw)
		if err == nil {
			t.Fatalf("send to %s succeeded", tt.to)
		}
		if IsPermanent(err) != tt.permanent {
			t.Errorf("send to %s: IsPermanent(%v) = %v, want %v", tt.to, err, IsPermanent(err), tt.permanent)
		}
		// The connection is reset and still usable.
		if err := s.Send(ctx, "help@jobback.example", []string{"ok@example.net"}, raw); err != nil {
			t.Fatalf("send after a refusal for %s: %v", tt.to, err)
		}
	}
	got, sessions := srv.Sent(), srv.Sessions()
	if len(got) != 3 || sessions != 1 {
		t.Errorf("got %d messages over %d connections, want 3 over 1", len(got), sessions)
	}
	if IsPermanent(nil) || IsPermanent(errors.New("connection reset")) || IsPermanent(context.DeadlineExceeded) {
		t.Error("IsPermanent is true for a temporary error")
	}
	if err := s.Send(ctx, "help@jobback.example", []string{"a@b\r\nRCPT TO:<x@y>"}, raw); !IsPermanent(err) {
		t.Errorf("a recipient with a line break: %v", err)
	}
	if err := s.Send(ctx, "help@jobback.example", nil, raw); !IsPermanent(err) {
		t.Errorf("no recipients: %v", err)
	}
}

// A refused MAIL FROM is about our account, not the message: temporary,
// and the connection stays usable.
func TestSenderMailFromRefusedIsTemporary(t *testing.T) {
	srv, s := plainSubmitter(t)
	raw := testReply(t).Raw
	err := s.Send(context.Background(), "notmine@jobback.example", []string{"ok@example.net"}, raw)
	if err == nil || IsPermanent(err) || !strings.Contains(err.Error(), "MAIL FROM refused") || !strings.Contains(err.Error(), "553") {
		t.Errorf("%v (permanent %v), want a temporary MAIL FROM refusal", err, IsPermanent(err))
	}
	if err := s.Send(context.Background(), "help@jobback.example", []string{"ok@example.net"}, raw); err != nil {
		t.Fatalf("send after the refusal: %v", err)
	}
	if got, sessions := srv.Sent(), srv.Sessions(); len(got) != 1 || sessions != 1 {
		t.Errorf("%d messages over %d connections, want 1 over 1", len(got), sessions)
	}
}

// A server that closes idle connections (as Postfix does after 300 s): a
// connection idle for IdleCheck is tested and opened again, so the next
// message does not fail for it. Without the test it would.
func TestSenderReconnectsAfterIdleClose(t *testing.T) {
	short := func(o *mailtest.SMTPOptions) { o.ReadTimeout = 200 * time.Millisecond }
	raw := testReply(t).Raw
	for _, tc := range []struct {
		idleCheck time.Duration
		wantErr   bool
	}{{50 * time.Millisecond, false}, {time.Hour, true}} {
		srv := startSMTP(t, "", "", domain.TLSNone, short)
		s, err := NewSubmitter(SMTPOptions{Addr: srv.Addr(), TLS: domain.TLSNone, Timeout: 5 * time.Second, IdleCheck: tc.idleCheck})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.Send(context.Background(), "help@jobback.example", []string{"ok@example.net"}, raw); err != nil {
			t.Fatal(err)
		}
		waitClosed(t, srv) // the server hangs up meanwhile
		err = s.Send(context.Background(), "help@jobback.example", []string{"ok@example.net"}, raw)
		if (err != nil) != tc.wantErr {
			t.Fatalf("idle check %s: second send: %v, want error %v", tc.idleCheck, err, tc.wantErr)
		}
		got, sessions := srv.Sent(), srv.Sessions()
		if !tc.wantErr && (len(got) != 2 || sessions != 2) {
			t.Errorf("idle check %s: %d messages over %d connections, want 2 over 2", tc.idleCheck, len(got), sessions)
		}
	}
}

// waitClosed waits until srv has hung up on every connection (its read
// timeout), for at most 5 seconds.
func waitClosed(t *testing.T, srv *smtpServer) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for srv.Open() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d connections still open", srv.Open())
		}
		time.Sleep(time.Millisecond) // a poll: Open announces nothing
	}
}

// Check offers the envelope and takes it back: nothing is sent, and a
// sender the server refuses is reported.
func TestSenderCheck(t *testing.T) {
	srv, s := plainSubmitter(t)
	if err := s.Check(context.Background(), "help@jobback.example", "help@jobback.example"); err != nil {
		t.Fatalf("check: %v", err)
	}
	err := s.Check(context.Background(), "notmine@jobback.example", "")
	if err == nil || !strings.Contains(err.Error(), "refuses notmine@jobback.example as the sender") {
		t.Errorf("check with a refused sender: %v", err)
	}
	err = s.Check(context.Background(), "help@jobback.example", "perm@example.net")
	if err == nil || !strings.Contains(err.Error(), "as a recipient") {
		t.Errorf("check with a refused recipient: %v", err)
	}
	if got := srv.Sent(); len(got) != 0 {
		t.Errorf("check sent %d messages", len(got))
	}
}

func TestSenderConnectionErrorsAreTemporary(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	s, err := NewSubmitter(SMTPOptions{Addr: addr, TLS: domain.TLSNone, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), "help@jobback.example", []string{"a@example.net"}, []byte("x"))
	if err == nil || IsPermanent(err) {
		t.Errorf("send to a closed port: %v (permanent %v)", err, IsPermanent(err))
	}
}

func TestSenderCancel(t *testing.T) {
	srv := startSMTP(t, "", "", domain.TLSNone)
	s, err := NewSubmitter(SMTPOptions{Addr: srv.Addr(), TLS: domain.TLSNone, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = s.Send(ctx, "help@jobback.example", []string{"hang@example.net"}, testReply(t).Raw)
	if err == nil || IsPermanent(err) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("send that hangs: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("cancel took %v", d)
	}
	// A new connection is made for the next message.
	if err := s.Send(context.Background(), "help@jobback.example", []string{"ok@example.net"}, []byte("Subject: x\r\n\r\nx\r\n")); err != nil {
		t.Errorf("send after cancel: %v", err)
	}
}

// loginOptions are a sender's options for srv (started in mode with user
// "jobback" and password "s3cret"), trusting its certificate.
func loginOptions(t *testing.T, srv *smtpServer, mode string) SMTPOptions {
	opts := SMTPOptions{Addr: srv.Addr(), TLS: mode, Username: "jobback", Password: "s3cret", Timeout: 5 * time.Second}
	if mode != domain.TLSNone {
		opts.TLSConfig = clientTLS(t, srv.tls)
	}
	return opts
}

// checkWrongPassword sends with opts but a wrong password: the login is
// refused, and that is not the message's fault, so the error is temporary.
func checkWrongPassword(t *testing.T, opts SMTPOptions) {
	t.Helper()
	opts.Password = "wrong"
	bad, err := NewSubmitter(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	err = bad.Send(context.Background(), "help@jobback.example", []string{"ok@example.net"}, testReply(t).Raw)
	if err == nil || IsPermanent(err) {
		t.Errorf("wrong password: %v (permanent %v)", err, IsPermanent(err))
	}
}

func TestSenderAuthAndTLS(t *testing.T) {
	for _, mode := range []string{domain.TLSNone, domain.TLSStartTLS, domain.TLSImplicit} {
		t.Run(mode, func(t *testing.T) {
			srv := startSMTP(t, "jobback", "s3cret", mode)
			opts := loginOptions(t, srv, mode)
			s, err := NewSubmitter(opts)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.Send(context.Background(), "help@jobback.example", []string{"ok@example.net"}, testReply(t).Raw); err != nil {
				t.Fatalf("send: %v", err)
			}
			if got := srv.Sent(); len(got) != 1 {
				t.Fatalf("server got %d messages", len(got))
			}
			checkWrongPassword(t, opts)
		})
	}
	// No login where one is required: 530 to MAIL FROM, which the
	// configuration must fix; the message is not given up.
	authSrv := startSMTP(t, "jobback", "s3cret", domain.TLSNone)
	noAuth, err := NewSubmitter(SMTPOptions{Addr: authSrv.Addr(), TLS: domain.TLSNone, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer noAuth.Close()
	if err := noAuth.Send(context.Background(), "help@jobback.example", []string{"ok@example.net"}, []byte("x")); err == nil || IsPermanent(err) {
		t.Errorf("send without the required login: %v (permanent %v)", err, IsPermanent(err))
	}
	// starttls against a server that offers no STARTTLS fails.
	srv := startSMTP(t, "", "", domain.TLSNone)
	s, err := NewSubmitter(SMTPOptions{Addr: srv.Addr(), TLS: domain.TLSStartTLS, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Send(context.Background(), "help@jobback.example", []string{"ok@example.net"}, []byte("x")); err == nil {
		t.Error("starttls without STARTTLS succeeded")
	}
	if _, err := NewSubmitter(SMTPOptions{Addr: "127.0.0.1:25", TLS: "ssl"}); err == nil {
		t.Error("an unknown TLS mode was accepted")
	}
	if _, err := NewSubmitter(SMTPOptions{Addr: "nohost"}); err == nil {
		t.Error("an address without a port was accepted")
	}
}

// TestSenderAuthMechanisms logs in with each mechanism the server offers,
// in plain text on loopback and after STARTTLS, and fails clearly (and
// temporarily: the configuration is at fault, not the message) when the
// configured one is not offered.
func TestSenderAuthMechanisms(t *testing.T) {
	cases := []struct {
		offer []string
		auth  string // SMTPOptions.Auth
		want  string // mechanism used, or "" for an error
		errIs string // part of the error
	}{
		{[]string{"PLAIN", "LOGIN", "CRAM-MD5"}, "", "PLAIN", ""},
		{[]string{"CRAM-MD5", "LOGIN", "PLAIN"}, AuthAuto, "PLAIN", ""},
		{[]string{"LOGIN"}, AuthAuto, "LOGIN", ""},
		{[]string{"CRAM-MD5"}, AuthAuto, "CRAM-MD5", ""},
		{[]string{"PLAIN", "LOGIN"}, AuthLogin, "LOGIN", ""},
		{[]string{"PLAIN", "CRAM-MD5"}, AuthCRAMMD5, "CRAM-MD5", ""},
		{[]string{"PLAIN"}, AuthCRAMMD5, "", "(smtp.auth cram-md5): server does not support SMTP AUTH type: CRAM-MD5"},
		// None of PLAIN, LOGIN, CRAM-MD5: go-mail picks what the server
		// offers (this test server offers SCRAM but cannot do it).
		{[]string{"SCRAM-SHA-256"}, AuthAuto, "", "(smtp.auth auto): SMTP AUTH failed: 504"},
		{[]string{}, AuthAuto, "", "(smtp.auth auto): server does not support SMTP AUTH"},
	}
	for _, mode := range []string{domain.TLSNone, domain.TLSStartTLS} {
		for _, c := range cases {
			name := mode + "/" + strings.Join(c.offer, "+") + "/" + c.auth
			t.Run(name, func(t *testing.T) {
				srv := startSMTP(t, "jobback", "s3cret", mode)
				srv.Offer(c.offer...)
				opts := loginOptions(t, srv, mode)
				opts.Auth = c.auth
				s, err := NewSubmitter(opts)
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				err = s.Send(context.Background(), "help@jobback.example", []string{"ok@example.net"}, testReply(t).Raw)
				if c.want == "" {
					if err == nil || !strings.Contains(err.Error(), c.errIs) || IsPermanent(err) {
						t.Fatalf("send: %v (permanent %v), want a temporary error with %q", err, IsPermanent(err), c.errIs)
					}
					if got := srv.Sent(); len(got) != 0 {
						t.Fatalf("server got %d messages without a login", len(got))
					}
					return
				}
				if err != nil {
					t.Fatalf("send: %v", err)
				}
				if got := srv.LastMech(); got != c.want {
					t.Errorf("logged in with %q, want %q", got, c.want)
				}
				if got := srv.Sent(); len(got) != 1 {
					t.Fatalf("server got %d messages", len(got))
				}
				checkWrongPassword(t, opts)
			})
		}
	}
	if _, err := NewSubmitter(SMTPOptions{Addr: "127.0.0.1:25", Auth: "xoauth2"}); err == nil || !strings.Contains(err.Error(), "xoauth2") {
		t.Errorf("an unknown mechanism: %v", err)
	}
}

// XOAUTH2 sends the token of the moment, asked for at each login.
func TestSenderXOAUTH2(t *testing.T) {
	srv := startSMTP(t, "jobback", "token-1", domain.TLSStartTLS)
	srv.Offer("PLAIN", "XOAUTH2")
	var token atomic.Value
	token.Store("token-1")
	opts := SMTPOptions{Addr: srv.Addr(), TLS: domain.TLSStartTLS, TLSConfig: clientTLS(t, srv.tls), Username: "jobback",
		Auth: AuthXOAUTH2, Token: func() (string, error) { return token.Load().(string), nil }, Timeout: 5 * time.Second}
	s, err := NewSubmitter(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	raw := testReply(t).Raw
	if err := s.Send(context.Background(), "help@jobback.example", []string{"ok@example.net"}, raw); err != nil {
		t.Fatal(err)
	}
	if got := srv.LastMech(); got != "XOAUTH2" {
		t.Errorf("logged in with %q", got)
	}
	// A refreshed token is used at the next login; a stale one is refused,
	// temporarily.
	srv.SetPassword("token-2")
	s.Close()
	if err := s.Send(context.Background(), "help@jobback.example", []string{"ok@example.net"}, raw); err == nil || IsPermanent(err) {
		t.Errorf("stale token: %v (permanent %v)", err, IsPermanent(err))
	}
	token.Store("token-2")
	if err := s.Send(context.Background(), "help@jobback.example", []string{"ok@example.net"}, raw); err != nil {
		t.Errorf("refreshed token: %v", err)
	}
	// Not without a token source.
	if _, err := NewSubmitter(SMTPOptions{Addr: srv.Addr(), Username: "jobback", Auth: AuthXOAUTH2}); err == nil {
		t.Error("xoauth2 without a token source was accepted")
	}
	opts.Token = func() (string, error) { return "", errors.New("no such file") }
	bad, err := NewSubmitter(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	if err := bad.Send(context.Background(), "help@jobback.example", []string{"ok@example.net"}, raw); err == nil || !strings.Contains(err.Error(), "token") {
		t.Errorf("unreadable token: %v", err)
	}
}

// TestSenderEndToEnd renders a reply from a parsed message and submits it.
func TestSenderEndToEnd(t *testing.T) {
	srv := startSMTP(t, "", "", domain.TLSNone)
	s, err := NewSubmitter(SMTPOptions{Addr: srv.Addr(), TLS: domain.TLSNone})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m, err := parser.Parse([]byte("From: Dana Lee <dana@example.org>\r\nTo: help@jobback.example\r\nSubject: fired\r\n" +
		"Message-ID: <q1@example.org>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\n\r\n" +
		"I was fired last week from Acme Tools, my boss Jane Smith said I was late too often.\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := responder.New(responder.Options{Address: "help@jobback.example", MessageIDDomain: "jobback.example"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := r.Reply(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), "help@jobback.example", []string{rep.To}, rep.Raw); err != nil {
		t.Fatal(err)
	}
	got := srv.Sent()
	if len(got) != 1 || got[0].To[0] != "dana@example.org" {
		t.Fatalf("got %+v", got)
	}
}

// TestSenderPartialRecipients: a message whose first recipient is refused
// must reach nobody, not even the second (our own copy): the copy alone
// would later pass for proof that it was sent.
func TestSenderPartialRecipients(t *testing.T) {
	srv, s := plainSubmitter(t)
	raw := testReply(t).Raw
	ctx := context.Background()
	err := s.Send(ctx, "help@jobback.example", []string{"perm@example.net", "help@jobback.example"}, raw)
	if err == nil || !IsPermanent(err) {
		t.Fatalf("send with the person refused: %v, want a permanent error", err)
	}
	if got := srv.Sent(); len(got) != 0 {
		t.Fatalf("%d messages delivered; the copy went out without the person", len(got))
	}
	// The next send works.
	if err := s.Send(ctx, "help@jobback.example", []string{"ok@example.net", "help@jobback.example"}, raw); err != nil {
		t.Fatal(err)
	}
	if got := srv.Sent(); len(got) != 1 {
		t.Fatalf("%d messages after a good send, want 1", len(got))
	}
}

// TestSenderCopyRefused: a refused copy (a second recipient) does not hold
// the reply back.
func TestSenderCopyRefused(t *testing.T) {
	srv, s := plainSubmitter(t)
	raw := testReply(t).Raw
	if err := s.Send(context.Background(), "help@jobback.example", []string{"ok@example.net", "perm@example.net"}, raw); err != nil {
		t.Fatalf("a refused copy failed the send: %v", err)
	}
	if got := srv.Sent(); len(got) != 1 {
		t.Fatalf("%d messages delivered, want 1", len(got))
	}
}

// The envelope is written as RFC 5321 says, with the path in angle
// brackets, by Send and by Check: go-mail's Mail
// and Rcpt add none, and strict servers refuse a bare address.
func TestSenderEnvelopeSyntax(t *testing.T) {
	srv, s := plainSubmitter(t, func(o *mailtest.SMTPOptions) { o.RecordWire = true })
	if err := s.Send(context.Background(), "help@jobback.example", []string{"ok@example.net", "help@jobback.example"}, testReply(t).Raw); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(context.Background(), "help@jobback.example", "help@jobback.example"); err != nil {
		t.Fatal(err)
	}
	got := srv.Wire()
	for _, want := range []string{"MAIL FROM:<help@jobback.example>", "RCPT TO:<ok@example.net>", "RCPT TO:<help@jobback.example>"} {
		if !strings.Contains(got, want) {
			t.Errorf("the client never wrote %q", want)
		}
	}
	if regexp.MustCompile(`(?m)^(MAIL FROM|RCPT TO):[^<]`).MatchString(got) {
		t.Errorf("a path without angle brackets:\n%s", got)
	}
}

// BenchmarkSubmit submits a real reply (about 17 KB) with its copy, over
// loopback to an in-process go-smtp server.
func BenchmarkSubmit(b *testing.B) {
	raw := testReply(b).Raw
	to := []string{"marcus.webb@example.com", "help@jobback.example"}
	srv := startSMTP(b, "", "", domain.TLSNone)
	s, err := NewSubmitter(SMTPOptions{Addr: srv.Addr(), TLS: domain.TLSNone, Timeout: 10 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.Send(ctx, "help@jobback.example", to, raw); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ResetTimer()
	for range b.N {
		if err := s.Send(ctx, "help@jobback.example", to, raw); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if got := srv.Sent(); len(got) != b.N+1 {
		b.Fatalf("the server took %d messages, want %d", len(got), b.N+1)
	}
}
