// Package localmail runs a small mail system inside the process, on the
// loopback interface only: an IMAP server holding one user's INBOX, and an
// SMTP server that keeps every message it accepts. `jobback demo` and the
// daemon's integration tests run the real daemon against it.
//
// It is internal/mailtest's IMAP and SMTP servers, set up for the demo: the
// SMTP server delivers mail for the assistant into the INBOX the daemon
// watches, and every other message to a second user, "you", whose INBOX a
// mail client can read.
//
// The SMTP side can be told to fail, to exercise the sender's retries:
// temporary replies (4xx, RFC 5321 section 4.2.1), permanent ones (5xx), or
// a dropped connection.
package localmail

import (
	"context"
	"crypto/tls"
	"errors"
	"log"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"

	"jobback/internal/mailtest"
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
type Sent = mailtest.Message

// Failure is what the SMTP server does with a message instead of taking it.
type Failure = mailtest.Failure

const (
	// Accept takes the message (no failure).
	Accept = mailtest.Accept
	// Temporary answers 451 to DATA: try again later.
	Temporary = mailtest.Temporary
	// Permanent answers 550 to RCPT: no such user, do not retry.
	Permanent = mailtest.Permanent
	// Drop closes the connection in the middle of the transaction.
	Drop = mailtest.Drop
	// Hang reads the message and then waits, without answering, until
	// Release is called; it then does what Release says.
	Hang = mailtest.Hang
)

// Servers is a running IMAP and SMTP pair.
type Servers struct {
	// IMAPAddr and SMTPAddr are the loopback addresses the servers listen on.
	IMAPAddr, SMTPAddr string
	closeOnce          sync.Once
	Username, Password string
	Address            string

	// IMAP and SMTP are the servers themselves, for what this package
	// does not wrap.
	IMAP *mailtest.IMAPServer
	SMTP *mailtest.SMTPServer
}

// Start starts both servers on 127.0.0.1 with free ports and creates the
// users' INBOXes.
func Start(opts Options) (*Servers, error) {
	if opts.Username == "" {
		opts.Username = "jobback"
	}
	if opts.Password == "" {
		opts.Password = "jobback"
	}
	s := &Servers{Username: opts.Username, Password: opts.Password, Address: strings.ToLower(opts.Address)}
	var err error
	s.IMAP, err = mailtest.StartIMAP(mailtest.IMAPOptions{
		Addr:        opts.IMAPAddr,
		Users:       []mailtest.Login{{Username: opts.Username, Password: opts.Password}, {Username: Person, Password: Person}},
		UIDValidity: opts.UIDValidity,
		Caps: imap.CapSet{
			imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}, imap.CapIdle: {},
			imap.CapUIDPlus: {}, imap.CapMove: {}, imap.CapESearch: {},
		},
		TLS:    opts.TLS,
		Logger: opts.Logger,
	})
	if err != nil {
		return nil, err
	}
	s.IMAPAddr = s.IMAP.Addr()
	s.SMTP, err = mailtest.StartSMTP(mailtest.SMTPOptions{
		Addr:    opts.SMTPAddr,
		TLS:     opts.TLS,
		Logger:  opts.Logger,
		Deliver: s.route,
	})
	if err != nil {
		s.IMAP.Close()
		return nil, err
	}
	s.SMTPAddr = s.SMTP.Addr()
	return s, nil
}

// route delivers a message the SMTP server took for the assistant into its
// INBOX, and one for anybody else into the person's; the latter is kept as
// sent.
func (s *Servers) route(_ string, to []string, raw []byte) ([]string, error) {
	var others []string
	for _, rcpt := range to {
		if s.Address != "" && strings.EqualFold(rcpt, s.Address) {
			if _, err := s.Deliver(raw); err != nil {
				return nil, err
			}
		} else {
			others = append(others, rcpt)
		}
	}
	if len(others) > 0 {
		s.IMAP.Append(Person, "INBOX", raw, &imap.AppendOptions{Time: time.Now()})
	}
	return others, nil
}

// Close stops both servers. Only the first call does anything.
func (s *Servers) Close() error {
	var err error
	s.closeOnce.Do(func() {
		err = errors.Join(s.IMAP.Close(), s.SMTP.Close())
	})
	return err
}

// Deliver puts a message into the INBOX, as a mail server delivering it
// would, and returns its UID.
func (s *Servers) Deliver(raw []byte) (uint32, error) { return s.IMAP.Deliver(raw) }

// DeliverAt is Deliver with at as the message's arrival time (its IMAP
// INTERNALDATE).
func (s *Servers) DeliverAt(raw []byte, at time.Time) (uint32, error) {
	return s.IMAP.DeliverAt(raw, at)
}

// FailNext makes the next len(f) messages meet those failures, in order.
func (s *Servers) FailNext(f ...Failure) { s.SMTP.FailNext(f...) }

// FailAlways makes every message meet f once FailNext's list is used up;
// Accept restores normal service.
func (s *Servers) FailAlways(f Failure) { s.SMTP.FailAlways(f) }

// Release ends every hung session (see Hang) with f: Accept takes the
// message, Temporary or Permanent refuses it, Drop closes the connection.
// It returns how many sessions it released.
func (s *Servers) Release(f Failure) int { return s.SMTP.Release(f) }

// Hung counts the sessions that have read a whole message and now wait in
// Hang for Release.
func (s *Servers) Hung() int { return s.SMTP.Hung() }

// Attempts counts the messages offered to the SMTP server so far, taken or
// not.
func (s *Servers) Attempts() int { return s.SMTP.Attempts() }

// Sent returns a copy of the messages accepted so far.
func (s *Servers) Sent() []Sent { return s.SMTP.Sent() }

// WaitSent waits until at least n messages were accepted and returns them,
// or returns what there is when ctx is done.
func (s *Servers) WaitSent(ctx context.Context, n int) ([]Sent, error) {
	return s.SMTP.WaitSent(ctx, n)
}

// MessageIDs returns the Message-ID (without angle brackets) of every
// message in the INBOX, read over IMAP as a client would see them.
func (s *Servers) MessageIDs() ([]string, error) { return s.IMAP.MessageIDs("INBOX") }

// Flags returns the flags of every message in the INBOX by UID, read over
// IMAP as a client would see them.
func (s *Servers) Flags() (map[uint32][]imap.Flag, error) { return s.IMAP.Flags("INBOX") }
