//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	gomail "github.com/wneessen/go-mail"
)

// deliveryWait bounds how long a message may take from Postfix to an IMAP
// mailbox; on this machine it takes well under a second.
const deliveryWait = 20 * time.Second

func token(t *testing.T) string {
	return fmt.Sprintf("%s %s", t.Name(), NewMessageID("x@x")[4:16])
}

// sendAndRead sends one message with go-mail through Postfix and reads it back
// over IMAP from the mailbox of reader.
func sendAndRead(t *testing.T, e *Env, from, to, reader string) *Message {
	t.Helper()
	subject := "Smoke " + token(t)
	body := "I was let go on Friday and would like my job back.\nLine two: " + subject + "\n"
	msg, err := NewMsg(from, []string{to}, subject, body)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), deliveryWait)
	defer cancel()
	if err := e.Send(ctx, msg); err != nil {
		t.Fatal(err)
	}
	c := e.IMAP(t, reader)
	m, err := WaitFor(ctx, c, "INBOX", SubjectIs(subject))
	if err != nil {
		t.Fatalf("message sent to %s not in %s's INBOX: %v", to, reader, err)
	}
	text, err := m.Text()
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n")) != strings.TrimSpace(body) {
		t.Errorf("body = %q, want %q", text, body)
	}
	if len(m.Envelope.To) != 1 || m.Envelope.To[0].Addr() != to {
		t.Errorf("To = %v, want %s", m.Envelope.To, to)
	}
	if len(m.Envelope.From) != 1 || m.Envelope.From[0].Addr() != from {
		t.Errorf("From = %v, want %s", m.Envelope.From, from)
	}
	return m
}

func TestSMTPToAssistantReadOverIMAP(t *testing.T) {
	e := Setup(t)
	sendAndRead(t, e, e.Person(1), e.Assistant, e.Assistant)
}

func TestSMTPToPersonReadOverIMAP(t *testing.T) {
	e := Setup(t)
	m := sendAndRead(t, e, e.Assistant, e.Person(2), e.Person(2))
	// It went to person2 only, not to the assistant or person1.
	for _, other := range []string{e.Assistant, e.Person(1)} {
		msgs, err := Messages(e.IMAP(t, other), "INBOX", 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range msgs {
			if o.Subject() == m.Subject() {
				t.Errorf("%s also got %q", other, m.Subject())
			}
		}
	}
}

func TestCatchAll(t *testing.T) {
	e := Setup(t)
	sendAndRead(t, e, e.Assistant, "someone.new@people.example", e.CatchAll)
	sendAndRead(t, e, e.Assistant, "boss@acme.example", e.CatchAll)
}

// Mail to an unknown address at jobback.example is refused by Dovecot and
// bounced to the sender.
func TestUnknownAssistantAddressBounces(t *testing.T) {
	e := Setup(t)
	subject := "Bounce " + token(t)
	msg, err := NewMsg(e.Person(4), []string{"nobody@jobback.example"}, subject, "hello\n")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), deliveryWait)
	defer cancel()
	if err := e.Send(ctx, msg); err != nil {
		t.Fatal(err)
	}
	m, err := WaitFor(ctx, e.IMAP(t, e.Person(4)), "INBOX", func(m *Message) bool {
		return bytes.Contains(m.Raw, []byte(subject))
	})
	if err != nil {
		t.Fatalf("no bounce: %v", err)
	}
	if len(m.Envelope.From) == 0 || !strings.EqualFold(m.Envelope.From[0].Mailbox, "MAILER-DAEMON") {
		t.Errorf("bounce From = %v, want MAILER-DAEMON", m.Envelope.From)
	}
	if !bytes.Contains(m.Raw, []byte("nobody@jobback.example")) {
		t.Error("bounce does not name the refused address")
	}
}

func TestSMTPAuth(t *testing.T) {
	e := Setup(t)
	ctx, cancel := context.WithTimeout(context.Background(), deliveryWait)
	defer cancel()
	subject := "Auth " + token(t)
	msg, err := NewMsg(e.Assistant, []string{e.Person(3)}, subject, "signed in\n")
	if err != nil {
		t.Fatal(err)
	}
	c, err := e.MailClient(gomail.WithSMTPAuth(gomail.SMTPAuthPlainNoEnc),
		gomail.WithUsername(e.Assistant), gomail.WithPassword(e.Password))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		t.Fatalf("send with AUTH PLAIN: %v", err)
	}
	if _, err := WaitFor(ctx, e.IMAP(t, e.Person(3)), "INBOX", SubjectIs(subject)); err != nil {
		t.Fatal(err)
	}

	bad, err := e.MailClient(gomail.WithSMTPAuth(gomail.SMTPAuthPlainNoEnc),
		gomail.WithUsername(e.Assistant), gomail.WithPassword(e.Password+"-wrong"))
	if err != nil {
		t.Fatal(err)
	}
	msg2, _ := NewMsg(e.Assistant, []string{e.Person(3)}, subject+" wrong", "x\n")
	if err := bad.DialAndSendWithContext(ctx, msg2); err == nil {
		t.Error("AUTH with a wrong password succeeded")
	}
}

func TestSendRawKeepsBytes(t *testing.T) {
	e := Setup(t)
	subject := "Raw " + token(t)
	raw := []byte("From: Ana <person1@people.example>\r\n" +
		"To: help@jobback.example\r\n" +
		"Subject: " + subject + "\r\n" +
		"Message-ID: <" + NewMessageID("person1@people.example") + ">\r\n" +
		"Date: Mon, 23 Nov 2026 09:15:00 +0100\r\n" +
		"Content-Type: text/plain; charset=iso-8859-1\r\n" +
		"Content-Transfer-Encoding: quoted-printable\r\n" +
		"\r\n" +
		"J'ai =E9t=E9 licenci=E9e hier.\r\n")
	ctx, cancel := context.WithTimeout(context.Background(), deliveryWait)
	defer cancel()
	if err := e.SendRaw(ctx, e.Person(1), []string{e.Assistant}, raw); err != nil {
		t.Fatal(err)
	}
	m, err := WaitFor(ctx, e.IMAP(t, e.Assistant), "INBOX", SubjectIs(subject))
	if err != nil {
		t.Fatal(err)
	}
	// Postfix and Dovecot add trace headers on top; the original follows
	// unchanged.
	if !bytes.HasSuffix(m.Raw, raw[bytes.Index(raw, []byte("From: Ana")):]) {
		t.Errorf("stored message does not end with the sent bytes:\n%s", m.Raw)
	}
	text, err := m.Text()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "J'ai été licenciée hier.") {
		t.Errorf("decoded text = %q", text)
	}
}

func TestDeliverLMTP(t *testing.T) {
	e := Setup(t)
	subject := "LMTP " + token(t)
	raw := []byte("From: person1@people.example\r\nTo: person3@people.example\r\n" +
		"Subject: " + subject + "\r\nDate: Mon, 23 Nov 2026 09:15:00 +0100\r\n" +
		"Message-ID: <" + NewMessageID("person1@people.example") + ">\r\n\r\nStraight to Dovecot.\r\n")
	ctx, cancel := context.WithTimeout(context.Background(), deliveryWait)
	defer cancel()
	if err := e.DeliverLMTP(ctx, e.Person(1), []string{e.Person(3)}, raw); err != nil {
		t.Fatal(err)
	}
	m, err := WaitFor(ctx, e.IMAP(t, e.Person(3)), "INBOX", SubjectIs(subject))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(m.Raw, raw) {
		t.Errorf("stored message does not end with the delivered bytes:\n%s", m.Raw)
	}
	if err := e.DeliverLMTP(ctx, e.Person(1), []string{"nobody@jobback.example"}, raw); err == nil {
		t.Error("LMTP accepted a recipient without a mailbox")
	}
}

func TestAppendAndCount(t *testing.T) {
	e := Setup(t)
	c := e.IMAP(t, e.Person(5))
	folder := "Preload-" + NewMessageID("x@x")[4:12]
	if err := c.Create(folder, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	const n = 1000
	raws := make([][]byte, n)
	for i := range raws {
		raws[i] = []byte(fmt.Sprintf("From: person5@people.example\r\nTo: help@jobback.example\r\n"+
			"Subject: preload %d\r\nMessage-ID: <preload-%d-%s>\r\n\r\nMessage number %d.\r\n",
			i, i, folder, i))
	}
	// One with a flag, appended on its own, gets its UID back.
	uid, err := Append(c, folder, raws[0], imap.FlagSeen)
	if err != nil {
		t.Fatal(err)
	}
	if uid == 0 {
		t.Error("APPEND returned no UID")
	}
	if err := AppendAll(c, folder, raws[1:]); err != nil {
		t.Fatal(err)
	}
	got, err := Count(c, folder)
	if err != nil {
		t.Fatal(err)
	}
	if got != n {
		t.Fatalf("%s holds %d messages, want %d", folder, got, n)
	}
	msgs, err := Messages(c, folder, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != n {
		t.Fatalf("fetched %d messages, want %d", len(msgs), n)
	}
	for i, m := range msgs {
		if !bytes.Equal(m.Raw, raws[i]) {
			t.Fatalf("message %d (UID %d) = %q, want %q", i, m.UID, m.Raw, raws[i])
		}
	}
	if msgs[0].UID != uid {
		t.Errorf("first UID = %d, APPEND said %d", msgs[0].UID, uid)
	}
	seen := false
	for _, f := range msgs[0].Flags {
		seen = seen || f == imap.FlagSeen
	}
	if !seen {
		t.Errorf("first message flags = %v, want \\Seen", msgs[0].Flags)
	}
}

// The fault-test helpers work: a graceful Dovecot restart drops the clients
// and keeps the mail; while Dovecot is down (killed), Postfix queues mail and
// delivers it once Dovecot is back.
func TestDovecotRestartAndCrash(t *testing.T) {
	e := Setup(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	c := e.IMAP(t, e.Person(1))
	before, err := Count(c, "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.RestartDovecot(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Noop().Wait(); err == nil {
		t.Error("NOOP on a connection from before the restart succeeded")
	}
	after, err := Count(e.IMAP(t, e.Person(1)), "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("INBOX holds %d messages after the restart, %d before", after, before)
	}

	if err := e.KillDovecot(ctx); err != nil {
		t.Fatal(err)
	}
	down := true
	t.Cleanup(func() {
		if down { // the test stopped early: leave Dovecot running for others
			if err := e.StartDovecot(context.Background()); err != nil {
				t.Error(err)
			}
		}
	})
	if _, err := e.DialIMAP(e.Assistant, nil); err == nil {
		t.Error("IMAP login worked while Dovecot was killed")
	}
	subject := "Queued " + token(t)
	msg, err := NewMsg(e.Person(1), []string{e.Assistant}, subject, "held by Postfix\n")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Send(ctx, msg); err != nil {
		t.Fatalf("Postfix refused mail while Dovecot was down: %v", err)
	}
	if err := e.StartDovecot(ctx); err != nil {
		t.Fatal(err)
	}
	down = false
	if err := e.FlushPostfix(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := WaitFor(ctx, e.IMAP(t, e.Assistant), "INBOX", SubjectIs(subject)); err != nil {
		t.Fatalf("mail sent while Dovecot was down never arrived: %v", err)
	}
}

// While Postfix is stopped, sending fails; once started, it works again.
func TestSMTPDownAndBack(t *testing.T) {
	e := Setup(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := e.StopPostfix(ctx); err != nil {
		t.Fatal(err)
	}
	down := true
	t.Cleanup(func() {
		if down { // the test stopped early: leave Postfix running for others
			if err := e.StartPostfix(context.Background()); err != nil {
				t.Error(err)
			}
		}
	})
	msg, err := NewMsg(e.Person(1), []string{e.Assistant}, "While down "+token(t), "x\n")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Send(ctx, msg); err == nil {
		t.Error("sending succeeded while Postfix was stopped")
	}
	if err := e.StartPostfix(ctx); err != nil {
		t.Fatal(err)
	}
	down = false
	sendAndRead(t, e, e.Person(1), e.Assistant, e.Assistant)
}

func TestIMAPWrongPassword(t *testing.T) {
	e := Setup(t)
	bad := *e
	bad.Password += "-wrong"
	c, err := bad.DialIMAP(e.Assistant, nil)
	if err == nil {
		c.Close()
		t.Fatal("IMAP login with a wrong password succeeded")
	}
}

// IDLE reports a message delivered through Postfix (Dovecot sends EXISTS
// about half a second after delivery).
func TestIdleSeesDelivery(t *testing.T) {
	e := Setup(t)
	exists := make(chan uint32, 16)
	c, err := e.DialIMAP(e.Person(2), &imapclient.Options{
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(d *imapclient.UnilateralDataMailbox) {
				if d.NumMessages != nil {
					exists <- *d.NumMessages
				}
			},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sel, err := c.Select("INBOX", nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	idle, err := c.Idle()
	if err != nil {
		t.Fatal(err)
	}
	// Not a state a client can see: Idle returned on "+ idling", and
	// Dovecot starts watching the mailbox a moment after saying it.
	time.Sleep(50 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), deliveryWait)
	defer cancel()
	msg, err := NewMsg(e.Person(1), []string{e.Person(2)}, "Idle "+token(t), "wake up\n")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Send(ctx, msg); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-exists:
		if n <= sel.NumMessages {
			t.Errorf("EXISTS %d, had %d before", n, sel.NumMessages)
		}
	case <-ctx.Done():
		t.Fatal("no EXISTS during IDLE")
	}
	if err := idle.Close(); err != nil {
		t.Fatal(err)
	}
	if err := idle.Wait(); err != nil {
		t.Fatal(err)
	}
}
