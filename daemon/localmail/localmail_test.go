package localmail

import (
	"strings"
	"testing"

	"github.com/emersion/go-smtp"
)

func send(t *testing.T, addr, to, body string) error {
	t.Helper()
	c, err := smtp.Dial(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	return c.SendMail("ann@example.org", []string{to}, strings.NewReader("Subject: x\r\n\r\n"+body+"\r\n"))
}

func TestRoutingAndFailures(t *testing.T) {
	s, err := Start(Options{Address: "Help@Jobback.Test"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := send(t, s.SMTPAddr, "help@jobback.test", "to the assistant"); err != nil {
		t.Fatal(err)
	}
	if err := send(t, s.SMTPAddr, "bob@example.org", "a reply"); err != nil {
		t.Fatal(err)
	}
	flags, err := s.Flags()
	if err != nil || len(flags) != 1 {
		t.Fatalf("assistant INBOX: %v, %v; want one message", flags, err)
	}
	sent := s.Sent()
	if len(sent) != 1 || sent[0].To[0] != "bob@example.org" || !strings.Contains(string(sent[0].Raw), "a reply") {
		t.Fatalf("sent %+v", sent)
	}

	s.FailNext(Temporary, Permanent, Drop)
	err = send(t, s.SMTPAddr, "bob@example.org", "1")
	if se, ok := err.(*smtp.SMTPError); !ok || se.Code != 451 {
		t.Fatalf("temporary: %v", err)
	}
	err = send(t, s.SMTPAddr, "bob@example.org", "2")
	if se, ok := err.(*smtp.SMTPError); !ok || se.Code != 550 {
		t.Fatalf("permanent: %v", err)
	}
	if err = send(t, s.SMTPAddr, "bob@example.org", "3"); err == nil {
		t.Fatal("dropped connection: no error")
	}
	if err := send(t, s.SMTPAddr, "bob@example.org", "4"); err != nil {
		t.Fatalf("after the failures: %v", err)
	}
	if n := len(s.Sent()); n != 2 {
		t.Fatalf("%d sent, want 2", n)
	}
	if a := s.Attempts(); a != 6 {
		t.Fatalf("%d attempts, want 6", a)
	}
}
