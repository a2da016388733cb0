package parser

import (
	"fmt"
	"strings"
	"testing"
)

// A From that does not parse strictly as one mailbox gives no address to
// answer, whatever can be read from it leniently (issue 15, finding 4: the
// advice went to a third party named in the last <...> of a broken From).
func TestFromStrict(t *testing.T) {
	var many strings.Builder
	many.WriteString("From: ")
	for i := 1; i <= 500; i++ {
		fmt.Fprintf(&many, "p%d@people.example, ", i)
		if i == 250 {
			many.WriteString("p250b@peo\r\n ple.example, ") // folded in the middle of an address
		}
	}
	many.WriteString("<victim@third.example>")
	tests := []struct {
		name, from string
		want       string // FromAddress; "" means none, with a FromProblem
	}{
		{"one mailbox", "From: Ann Lee <ann@example.org>", "ann@example.org"},
		{"bare address", "From: ann@EXAMPLE.org", "ann@example.org"},
		{"a comment is not an address", "From: ann@example.org (see victim@third.example)", "ann@example.org"},
		{"500 addresses folded mid-address", many.String(), ""},
		{"a comment hiding a second address", `From: "Ann" <ann@example.org> (see <victim@third.example>`, ""},
		{"two mailboxes", "From: ann@example.org, victim@third.example", ""},
		{"a group", "From: friends: ann@example.org, victim@third.example;", ""},
		{"an empty group", "From: undisclosed:;", ""},
		{"two From fields", "From: ann@example.org\r\nFrom: victim@third.example", ""},
		{"no domain", "From: ann@", ""},
	}
	for _, tt := range tests {
		raw := tt.from + "\r\nTo: help@jobback.example\r\nSubject: fired\r\nMessage-ID: <1@example.org>\r\n\r\nI was fired last week.\r\n"
		m, err := Parse([]byte(raw))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		e := m.Envelope
		if e.FromAddress != tt.want || e.AnswerTo != tt.want {
			t.Errorf("%s: From %q, AnswerTo %q; want %q", tt.name, e.FromAddress, e.AnswerTo, tt.want)
		}
		if (tt.want == "") != (e.FromProblem != "") {
			t.Errorf("%s: FromProblem %q", tt.name, e.FromProblem)
		}
		if tt.want == "" && m.Facts.Action == ActionIgnore && e.IgnoreRule == "bounce" {
			t.Errorf("%s: a broken From is called a bounce (%s)", tt.name, e.IgnoreReason)
		}
	}
	// A Reply-To that is not one mailbox is not an address either.
	m, err := Parse([]byte("From: ann@example.org\r\nReply-To: a@example.org, victim@third.example\r\nSubject: x\r\n\r\nI was fired.\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Envelope.ReplyTo != "" {
		t.Errorf("a Reply-To list gave %q", m.Envelope.ReplyTo)
	}
}

// A Reply-To is followed only inside the From's domain or when trusted
// Authentication-Results say DMARC passed (issue 15, finding 5).
func TestReplyToFollowed(t *testing.T) {
	tests := []struct {
		name, replyTo, authResults string
		screen                     Screen
		want                       string
	}{
		{"same domain", "ann.home@example.org", "", Screen{}, "ann.home@example.org"},
		{"a subdomain", "ann@mail.example.org", "", Screen{}, "ann@mail.example.org"},
		{"third party", "victim@third.example", "", Screen{}, "ann@example.org"},
		{"third party, DMARC pass with no authserv-id to trust", "victim@third.example", "mx.jobback.example; spf=pass smtp.mailfrom=example.org; dmarc=pass header.from=example.org", Screen{}, "ann@example.org"},
		{"third party, DMARC none", "victim@third.example", "mx.jobback.example; dmarc=none header.from=example.org", Screen{}, "ann@example.org"},
		{"DMARC pass from an untrusted server", "victim@third.example", "evil.example; dmarc=pass header.from=example.org", Screen{AuthServIDs: []string{"mx.jobback.example"}}, "ann@example.org"},
		{"DMARC pass from our server", "ann@home.example", "mx.jobback.example; dmarc=pass header.from=example.org", Screen{AuthServIDs: []string{"mx.jobback.example"}}, "ann@home.example"},
		{"same as From", "ANN@example.org", "", Screen{}, "ann@example.org"},
	}
	for _, tt := range tests {
		raw := "From: Ann <ann@example.org>\r\nReply-To: " + tt.replyTo + "\r\n"
		if tt.authResults != "" {
			raw += "Authentication-Results: " + tt.authResults + "\r\n"
		}
		raw += "To: help@jobback.example\r\nSubject: fired\r\n\r\nI was fired last week.\r\n"
		m, err := Parse([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		if m.Envelope.AnswerTo != "ann@example.org" {
			t.Errorf("%s: before the Screen, AnswerTo %q; want the From", tt.name, m.Envelope.AnswerTo)
		}
		tt.screen.Apply(m)
		if !strings.EqualFold(m.Envelope.AnswerTo, tt.want) {
			t.Errorf("%s: AnswerTo %q, want %q", tt.name, m.Envelope.AnswerTo, tt.want)
		}
		if followed := m.Envelope.AnswerTo != "ann@example.org"; !followed && !strings.EqualFold(tt.replyTo, "ann@example.org") && m.Envelope.AnswerWhy == "" {
			t.Errorf("%s: Reply-To not followed and no reason given", tt.name)
		}
	}
}
