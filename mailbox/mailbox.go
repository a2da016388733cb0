// Package mailbox brings new messages in from one IMAP folder and hands them,
// as raw bytes, to a handler. It knows nothing of parsing, storage or SMTP.
//
// Protocols followed:
//   - IMAP: RFC 9051 (IMAP4rev2) and RFC 3501 (IMAP4rev1). Messages are found
//     by UID, fetched with BODY.PEEK[] so that fetching never sets \Seen.
//   - IDLE: RFC 2177. Used when the server advertises it, restarted before
//     the 29 minutes the RFC allows, and backed by a periodic check because
//     notifications can be missed. Without IDLE the folder is polled.
//   - MOVE: RFC 6851. Used to file processed messages into another folder
//     when the server has it; otherwise COPY, STORE \Deleted and, with
//     UIDPLUS (RFC 4315), UID EXPUNGE of just those messages (without
//     UIDPLUS they stay, flagged \Deleted, for the server to expunge).
//   - UIDVALIDITY: the resynchronisation ideas of RFC 4549 section 4.1. The
//     position in a folder is the pair (UIDVALIDITY, last UID done); when the
//     server's UIDVALIDITY differs from the stored one, every message in the
//     folder not yet marked processed is handed over again. The caller is
//     expected to recognise messages it has seen (by Message-ID).
//
// A message counts as processed only after the handler returned nil for it;
// then it is marked (\Answered, or moved to a folder), together with the
// others accepted from the same batch (at most 50). A crash before the mark
// means the message is handed over again. A message whose handler failed
// stays unmarked and is offered again later, with a growing delay, while
// other messages keep flowing.
//
// Servers that fail a FETCH are worked around: a tagged NO for a batch
// (one message the server cannot read) is followed by one FETCH per
// message, and a message refused maxFetchFailures times is handed over
// without its body (Message.FetchError) so that it stops holding the others
// back. Answers to UID FETCH that carry UID after the body's literal
// (RFC 3501 leaves the order open; go-imap matches by a UID read before
// the first literal) are missed, so messages the server still has but did
// not answer for are fetched again by sequence number, and from then on
// that connection fetches by sequence number.
//
// go-imap v2 takes no context. The Watcher wraps it: every command runs under
// a deadline, and cancelling the context closes the connection, which ends
// every call blocked on it.
package mailbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"jobback/domain"
	"log/slog"
	"time"
)

// Defaults for the zero values of Options.
const (
	DefaultMailbox        = "INBOX"
	DefaultPollInterval   = time.Minute
	DefaultIdleRestart    = 25 * time.Minute
	DefaultNoopTimeout    = 30 * time.Second
	DefaultMaxSize        = 10 << 20
	DefaultRetryDelay     = time.Minute
	DefaultReconnectDelay = time.Second
	DefaultReconnectMax   = 5 * time.Minute

	// maxIdle is the longest an IDLE may run: RFC 2177 says servers may drop
	// an idling client after 30 minutes.
	maxIdle = 29 * time.Minute
	// maxRetryDelay caps the delay between two attempts at one message.
	maxRetryDelay = time.Hour
)

// Options configure a Watcher. Only Addr, Username and Password are required.
type Options struct {
	// Addr is the server's host:port.
	Addr string
	// TLS is one of "implicit", "starttls" or "none". If empty, "implicit".
	TLS string
	// TLSConfig is used for "implicit" and "starttls". If nil, the system
	// roots are trusted and the server name is taken from Addr.
	TLSConfig *tls.Config
	// Username and Password log in with LOGIN, or with AUTHENTICATE PLAIN
	// when the server disables LOGIN. The password is never logged.
	Username, Password string
	// Token, if set, logs in with AUTHENTICATE XOAUTH2 (the SASL mechanism
	// of Gmail and Microsoft 365 for OAuth 2.0 access tokens) as Username
	// with the token it returns instead of Password. It is called at each
	// connection, so that a token refreshed meanwhile is used. If nil, the
	// password.
	Token func() (string, error)
	// Mailbox is the folder watched. If empty, "INBOX".
	Mailbox string
	// Processed says how a handled message is marked: "flag" sets \Answered
	// (so any message someone else flags \Answered counts as processed too);
	// any other value names a folder, as the server spells it (with its own
	// hierarchy separator, e.g. "Archive.Jobback" on Dovecot's default
	// layout), that handled messages are moved to; it is created if missing.
	// If empty, "flag".
	Processed string
	// PollInterval is how often a quiet connection is checked: NOOP (under
	// NoopTimeout, to find a dead connection), a fresh SELECT (to notice a
	// recreated folder) and a search for new messages. Without IDLE this is
	// the only way news arrives; with IDLE it backs up missed notifications.
	// If zero, 1 minute.
	PollInterval time.Duration
	// IdleRestart is how long one IDLE runs before it is stopped and started
	// again (with a check in between). Values above 29 minutes are lowered to
	// 29 minutes. If zero, 25 minutes.
	IdleRestart time.Duration
	// NoopTimeout is how long the server has to answer a command (NOOP, and
	// every other command but a body fetch) before the connection is deemed
	// dead and closed. It also bounds dialling and the TLS handshake. If zero,
	// 30 seconds.
	NoopTimeout time.Duration
	// MaxSize is the largest message, in bytes, that is downloaded. Larger
	// ones are handed over with Raw == nil and Oversize set. If zero, 10 MiB.
	MaxSize int64
	// RetryDelay is the wait before a message whose handler failed is offered
	// again; it doubles with each failure of that message, up to one hour,
	// with some jitter. If zero, 1 minute.
	RetryDelay time.Duration
	// ReconnectDelay is the wait before the first reconnection after a
	// connection is lost or cannot be made; it doubles with each failure up to
	// ReconnectMax, with jitter. If zero, 1 second.
	ReconnectDelay time.Duration
	// ReconnectMax caps the reconnection delay. If zero, 5 minutes.
	ReconnectMax time.Duration
	// Logger receives connection events and per-message outcomes (never
	// message bodies or the password). If nil, slog.Default().
	Logger *slog.Logger
	// Cursor remembers, per folder, the UIDVALIDITY and the last UID done.
	// If nil, an in-memory cursor is used and every start is a full resync.
	Cursor Cursor
	// BeforeMark, if set, is called before a batch of accepted messages is
	// marked processed: a store that makes records durable in groups syncs
	// there, so that no message is flagged whose record could still be
	// lost. If it fails, the batch is not marked and comes again. If nil,
	// messages are marked once the handler accepts them.
	BeforeMark func(ctx context.Context) error
}

// Message is one message handed to a Handler.
type Message struct {
	Mailbox     string // folder it was found in
	UIDValidity uint32 // UIDVALIDITY of that folder when it was found
	UID         uint32 // UID in that folder
	MessageID   string // Message-ID from the envelope, without angle brackets; may be empty
	Size        int64  // RFC822.SIZE reported by the server
	// Raw is the whole message as stored on the server. It is nil when
	// Oversize or FetchError is set.
	Raw []byte
	// Oversize is set when Size exceeds Options.MaxSize: the body was not
	// downloaded.
	Oversize bool
	// FetchError is set when the server would not give the message, again
	// and again (a NO to FETCH, or no data); Raw is nil, and Size,
	// MessageID and InternalDate may be zero. The message exists: record
	// it, so that it stops being tried.
	FetchError string
	// InternalDate is when the server received the message.
	InternalDate time.Time
	// Noticed is when the Watcher learned of the message: the time of the
	// IDLE notification, or the start of the check, that found it. Use it to
	// measure latency.
	Noticed time.Time
	// Attempt counts the times this message was handed over in this
	// process, starting at 1.
	Attempt int
}

// Cursor stores the position reached in each folder. The daemon's store
// implements it; the Watcher calls it. A Cursor must be safe for use by one
// Watcher at a time.
type Cursor interface {
	// Position returns the stored UIDVALIDITY and last UID done for mailbox,
	// or zeros if none is stored.
	Position(ctx context.Context, mailbox string) (uidValidity, lastUID uint32, err error)
	// SetPosition stores them.
	SetPosition(ctx context.Context, mailbox string, uidValidity, lastUID uint32) error
}

// Handler receives one message. It must return nil only once the message is
// durably recorded: the Watcher then marks it processed on the server. An
// error leaves it unmarked; it is offered again later. ErrLeave (or an
// error wrapping it) says the message is recorded but must stay on the
// server as it is: it is neither marked nor offered again (the position
// moves past it). A panic is recovered and counts as an error.
type Handler func(ctx context.Context, m *Message) error

// ErrLeave is what a Handler returns for a message it recorded but did not
// act on, to leave it unmarked on the server (not flagged \Answered, not
// moved).
var ErrLeave = errors.New("recorded; leave the message as it is")

// Errors that no retry will cure; Open and Check wrap them.
var (
	// ErrAuth means the server refused the username or password.
	ErrAuth = errors.New("the server refused the login (permanent until the credentials change)")
	// ErrNeedTLS means the server takes no password without TLS: set TLS to
	// "implicit" or "starttls".
	ErrNeedTLS = errors.New("the server requires TLS before login (permanent until the TLS mode changes)")
	// ErrNoMailbox means the watched folder does not exist.
	ErrNoMailbox = errors.New("the folder does not exist on the server (permanent until it is created)")
	// ErrClosed is returned by Run after Close.
	ErrClosed = errors.New("mailbox: watcher closed")
)

// withDefaults returns a copy of o with the zero values replaced and checks
// what cannot be defaulted.
func (o Options) withDefaults() (Options, error) {
	if o.Addr == "" {
		return o, errors.New("cannot watch mailbox: no server address (Addr) given")
	}
	if o.Username == "" {
		return o, errors.New("cannot watch mailbox: no username given")
	}
	switch o.TLS {
	case "":
		o.TLS = domain.TLSImplicit
	case domain.TLSImplicit, domain.TLSStartTLS, domain.TLSNone:
	default:
		return o, fmt.Errorf("cannot watch mailbox: TLS mode %q is not one of implicit, starttls, none", o.TLS)
	}
	if o.Mailbox == "" {
		o.Mailbox = DefaultMailbox
	}
	if o.Processed == "" {
		o.Processed = domain.ProcessedFlag
	}
	if o.Processed == o.Mailbox {
		return o, fmt.Errorf("cannot watch mailbox: the processed folder %q is the watched folder", o.Processed)
	}
	if o.PollInterval <= 0 {
		o.PollInterval = DefaultPollInterval
	}
	if o.IdleRestart <= 0 {
		o.IdleRestart = DefaultIdleRestart
	}
	if o.IdleRestart > maxIdle {
		o.IdleRestart = maxIdle
	}
	if o.NoopTimeout <= 0 {
		o.NoopTimeout = DefaultNoopTimeout
	}
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.RetryDelay <= 0 {
		o.RetryDelay = DefaultRetryDelay
	}
	if o.ReconnectDelay <= 0 {
		o.ReconnectDelay = DefaultReconnectDelay
	}
	if o.ReconnectMax <= 0 {
		o.ReconnectMax = DefaultReconnectMax
	}
	if o.ReconnectMax < o.ReconnectDelay {
		o.ReconnectMax = o.ReconnectDelay
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Cursor == nil {
		o.Cursor = NewMemCursor()
	}
	return o, nil
}

func (o *Options) flagMode() bool { return o.Processed == domain.ProcessedFlag }
