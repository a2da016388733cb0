//go:build e2e

package e2e

// Throughput of the real servers, for planning the suite (not asserted):
//
//	bash e2e/run.sh -run XXX -bench . -benchtime 200x

import (
	"context"
	"fmt"
	"testing"
	"time"

	gomail "github.com/wneessen/go-mail"
)

func benchFolder(b *testing.B, e *Env, user string) string {
	b.Helper()
	c := e.IMAP(b, user)
	folder := "Bench-" + NewMessageID("x@x")[4:12]
	if err := c.Create(folder, nil).Wait(); err != nil {
		b.Fatal(err)
	}
	return folder
}

func benchRaw(i int) []byte {
	return []byte(fmt.Sprintf("From: person1@people.example\r\nTo: help@jobback.example\r\n"+
		"Subject: bench %d\r\nMessage-ID: <bench-%d-%s>\r\n\r\n"+
		"I was fired last week and I want to ask for my job back. Message %d.\r\n",
		i, i, NewMessageID("x@x"), i))
}

func perSecond(b *testing.B, what string) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), what+"/s")
}

// One APPEND at a time, each waiting for its OK.
func BenchmarkIMAPAppend(b *testing.B) {
	e := Setup(b)
	folder := benchFolder(b, e, e.Person(5))
	c := e.IMAP(b, e.Person(5))
	raws := make([][]byte, b.N)
	for i := range raws {
		raws[i] = benchRaw(i)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Append(c, folder, raws[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	perSecond(b, "msgs")
}

// AppendAll: up to 32 APPENDs in flight.
func BenchmarkIMAPAppendPipelined(b *testing.B) {
	e := Setup(b)
	folder := benchFolder(b, e, e.Person(5))
	c := e.IMAP(b, e.Person(5))
	raws := make([][]byte, b.N)
	for i := range raws {
		raws[i] = benchRaw(i)
	}
	b.ResetTimer()
	if err := AppendAll(c, folder, raws); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	perSecond(b, "msgs")
}

func benchMsgs(b *testing.B, to string) []*gomail.Msg {
	msgs := make([]*gomail.Msg, b.N)
	for i := range msgs {
		m, err := NewMsg(e2eFrom, []string{to}, fmt.Sprintf("bench %d", i),
			"I was fired last week and I want to ask for my job back.\n")
		if err != nil {
			b.Fatal(err)
		}
		msgs[i] = m
	}
	return msgs
}

const e2eFrom = "person1@people.example"

// Postfix accepting messages over one SMTP connection (go-mail, no NOOP
// between messages). Delivery to Dovecot goes on in the background.
func BenchmarkSMTPAccept(b *testing.B) {
	e := Setup(b)
	msgs := benchMsgs(b, "bench.accept@people.example")
	c, err := e.MailClient(gomail.WithoutNoop())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	if err := c.DialAndSendWithContext(context.Background(), msgs...); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	perSecond(b, "msgs")
}

// Postfix accepting messages with a new SMTP connection for each.
func BenchmarkSMTPAcceptNewConn(b *testing.B) {
	e := Setup(b)
	msgs := benchMsgs(b, "bench.newconn@people.example")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := e.Send(context.Background(), msgs[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	perSecond(b, "msgs")
}

// From the first SMTP command until the last message is in the IMAP mailbox
// (Postfix, then LMTP into Dovecot).
func BenchmarkSMTPToIMAP(b *testing.B) {
	e := Setup(b)
	to := e.Person(4)
	c := e.IMAP(b, to)
	start, err := Count(c, "INBOX")
	if err != nil {
		b.Fatal(err)
	}
	msgs := benchMsgs(b, to)
	mc, err := e.MailClient(gomail.WithoutNoop())
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	b.ResetTimer()
	if err := mc.DialAndSendWithContext(ctx, msgs...); err != nil {
		b.Fatal(err)
	}
	if _, err := WaitForCount(ctx, c, "INBOX", start+b.N); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	perSecond(b, "msgs")
}
