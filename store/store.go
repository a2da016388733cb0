// Package store is jobback's durable state: the mailbox positions, every
// inbound message it has seen, the case of each person who wrote, the outbox
// of replies to send and the follow-ups to plan.
//
// The heart of it is Record: the inbound message, the person's case, the
// replies and the follow-ups are written in one transaction, and only after
// it commits may the caller flag the message in IMAP. A message recorded
// twice (same mailbox, UIDVALIDITY and UID, or same Message-ID) is reported
// as ErrDuplicate and changes nothing, which is what makes every message
// answered exactly once across crashes and restarts.
//
// The outbox is a small queue: rows are claimed with a lease by an
// UPDATE ... WHERE, so several senders (and later several instances sharing
// PostgreSQL) never send one row at the same time, and a sender that dies
// mid-send leaves a row that is claimed again once its lease runs out.
//
// The SQL is kept portable (ON CONFLICT, RETURNING, integer times) so that a
// PostgreSQL implementation can follow behind the same Store interface. The
// implementation here is SQLite (modernc.org/sqlite, pure Go) in WAL mode.
// All times are stored as UTC Unix milliseconds.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"jobback/domain"
	"time"
)

// ErrDuplicate is returned by Record when the message was already recorded,
// by its UID key or by its Message-ID. Nothing was written.
var ErrDuplicate = errors.New("message already recorded")

// ErrInUse is returned by Recover when another process runs on the same
// store.
var ErrInUse = errors.New("the store is in use by another jobback process")

// ErrNotFound is returned when a row asked for does not exist.
var ErrNotFound = errors.New("not found")

// Store is what the daemon needs to remember. Implementations are safe for
// concurrent use.
type Store interface {
	// Position returns the last UIDVALIDITY and UID handled in a mailbox;
	// zeros when the mailbox was never seen.
	Position(ctx context.Context, mailbox string) (uidValidity, lastUID uint32, err error)
	// SetPosition remembers the last UIDVALIDITY and UID handled in a mailbox.
	SetPosition(ctx context.Context, mailbox string, uidValidity, lastUID uint32) error

	// Seen reports whether a message with this UID key or Message-ID
	// (ignored when "") was already recorded.
	Seen(ctx context.Context, key InboundKey, messageID string) (bool, error)
	// Record writes one inbound message and everything that follows from it
	// in one transaction. It returns ErrDuplicate if the message was already
	// recorded; then nothing is written.
	Record(ctx context.Context, r Record) (RecordResult, error)

	// Case returns the case of a person (by lower-case address), or
	// ErrNotFound.
	Case(ctx context.Context, person string) (*Case, error)
	// RepliesSince counts outbox rows answering inbound mail created at or
	// after t, whatever their status: the global hourly cap counts what was
	// decided, not what got out. Scheduled follow-ups are not counted.
	RepliesSince(ctx context.Context, t time.Time) (int, error)
	// ReplyRoom returns the earliest time, not before now, at which one
	// more reply to inbound mail keeps the hour before it at or under
	// perHour replies (counted as RepliesSince counts them, replies held
	// back for later included): now when there is room, else an hour
	// after the perHour-th newest reply. A reply held back by the hourly
	// cap is queued for then (NewOutbox.NotBefore).
	ReplyRoom(ctx context.Context, now time.Time, perHour int) (time.Time, error)
	// OldestUnsent returns when the oldest message still to send (pending
	// or being sent) was queued for, or the zero time if there is none:
	// the health check's view of a stuck outbox.
	OldestUnsent(ctx context.Context) (time.Time, error)
	// SentToSince counts outbox rows of every kind to recipient (a lower-
	// case address) created at or after t, whatever their status: the cap
	// per person.
	SentToSince(ctx context.Context, recipient string, t time.Time) (int, error)

	// Claim leases up to limit outbox rows that are due at now (pending with
	// next_attempt_at <= now, or sending with an expired lease), marks them
	// sending until now+lease, counts the attempt and returns them.
	Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]OutboxItem, error)
	// MarkSent records that the SMTP server accepted the row's message.
	MarkSent(ctx context.Context, id int64, at time.Time) error
	// MarkRetry puts the row back to pending, due at next, with the error.
	MarkRetry(ctx context.Context, id int64, next time.Time, lastErr string) error
	// MarkFailed gives up on the row for good, with the error.
	MarkFailed(ctx context.Context, id int64, at time.Time, lastErr string) error
	// Outbox returns one outbox row by id, or ErrNotFound.
	Outbox(ctx context.Context, id int64) (*OutboxItem, error)
	// OutboxDepth counts rows still to send (pending or sending).
	OutboxDepth(ctx context.Context) (int, error)
	// OutboxCopy is told that the copy of one of our messages came back
	// to our mailbox (the SMTP server accepted it): a row with that
	// Message-ID still pending or sending is marked sent. It reports
	// whether any outbox row has the Message-ID.
	OutboxCopy(ctx context.Context, messageID string, at time.Time) (bool, error)

	// DueFollowupsAfter pages through pending follow-ups due at or
	// before t, earliest first, after the cursor.
	DueFollowupsAfter(ctx context.Context, t time.Time, after FollowupCursor, limit int) ([]Followup, error)
	// PendingFollowups returns one person's pending follow-ups, earliest
	// first; ListFollowups all pending ones (person "": everyone's).
	PendingFollowups(ctx context.Context, person string) ([]Followup, error)
	ListFollowups(ctx context.Context, person string, limit int) ([]Followup, error)
	// QueueFollowup turns a due follow-up into an outbox row (and plans
	// next, e.g. the next check-in) at once; ErrFollowupHandled if it is
	// no longer pending.
	QueueFollowup(ctx context.Context, now time.Time, id int64, o NewOutbox, next []NewFollowup) (int64, error)
	// MarkFollowups sets the status of pending follow-ups.
	MarkFollowups(ctx context.Context, ids []int64, status string) (int64, error)
	// PostponeFollowup moves a pending follow-up to a later due time.
	PostponeFollowup(ctx context.Context, id int64, due time.Time) error
	// ReplanFollowups applies a Replan to one person outside a Record.
	ReplanFollowups(ctx context.Context, now time.Time, person string, cancel []string, add []NewFollowup) (int64, error)

	// Ping checks that the store answers and can be written.
	Ping(ctx context.Context) error
	// Close releases the store.
	Close() error
}

// InboundKey names a message in an IMAP mailbox for good: UIDs are only
// meaningful together with the mailbox's UIDVALIDITY (RFC 9051, 2.3.1.1).
type InboundKey struct {
	Mailbox     string
	UIDValidity uint32
	UID         uint32
}

// Decision is what the daemon did with an inbound message.
type Decision string

const (
	DecisionAnswered   Decision = "answered"    // an advice reply (or a revised letter) was queued
	DecisionIgnored    Decision = "ignored"     // automatic mail: never answered
	DecisionOwnAddress Decision = "own_address" // from (or replying to) our own address
	DecisionWindow     Decision = "window"      // already advised within the per-sender window
	DecisionCapped     Decision = "capped"      // global hourly cap reached
	DecisionOversize   Decision = "oversize"    // over the size limit: left unanswered
	DecisionTooOld     Decision = "too_old"     // arrived longer ago than the age limit: no advice
	DecisionCommand    Decision = "command"     // a command word: the follow-ups were replanned
	DecisionUnreadable Decision = "unreadable"  // could not be parsed or rendered
	DecisionNoSender   Decision = "no_sender"   // no address to answer
	DecisionHelp       Decision = "help"        // unknown words from someone we know: the help reply was queued
	DecisionCopy       Decision = "own_copy"    // the copy of one of our replies (never recorded: see OutboxCopy)
)

// Inbound is one message as received.
type Inbound struct {
	Key        InboundKey
	MessageID  string // without angle brackets; "" when absent (not used for duplicates then)
	From       string // author's address, "" when unknown
	Subject    string
	Size       int64
	Decision   Decision
	Reason     string    // free text: why (ignore rule, error, ...)
	ReceivedAt time.Time // when the mailbox noticed it
}

// CaseUpdate changes (or creates) the case of one person. Zero fields leave
// what is stored.
type CaseUpdate struct {
	Person    string          // lower-case address; required
	Facts     json.RawMessage // latest facts as JSON; nil keeps the stored ones
	State     string          // e.g. "advised"; "" keeps the stored one ("new" for a new case)
	TZOffset  *int            // minutes east of UTC, from the Date header; nil keeps
	MessageAt time.Time       // when this message arrived; required
	AdviceAt  time.Time       // when an advice reply was queued; zero keeps
	HelpAt    time.Time       // when a help reply was queued; zero keeps
	// Subject and ThreadRoot name the conversation follow-ups are threaded
	// into: its subject and the Message-ID of the message that started it
	// (set with each advice); "" keeps.
	Subject    string
	ThreadRoot string
}

// Case is what jobback knows of one person.
type Case struct {
	Person        string
	Facts         json.RawMessage
	State         string
	TZOffset      *int // minutes east of UTC; nil when unknown
	Messages      int  // inbound messages recorded for this person
	FirstSeenAt   time.Time
	LastMessageAt time.Time
	LastAdviceAt  time.Time // zero when never advised
	LastHelpAt    time.Time // zero when never sent a help reply
	Subject       string    // the conversation's subject
	ThreadRoot    string    // Message-ID of the message that started it
	LastReplyID   string    // Message-ID of our last message queued to them
}

// NewOutbox is a reply to queue.
type NewOutbox struct {
	Kind      domain.Kind
	MessageID string // the Message-ID we generated, without angle brackets
	From      string // envelope sender (our address)
	Recipient string // envelope recipient
	Raw       []byte // the whole message
	ArrivedAt time.Time
	// Person is whose case it belongs to (FORGET deletes it). If "",
	// Record uses Case.Person.
	Person string
	// NotBefore, if after the record's time, queues the row for then: it
	// is its created time (what the caps count) and its first attempt. A
	// reply held back by the hourly cap waits like this. If zero, now.
	NotBefore time.Time
}

// Outbox status values.
const (
	StatusPending = "pending"
	StatusSending = "sending"
	StatusSent    = "sent"
	StatusFailed  = "failed"
)

// OutboxItem is one row of the outbox.
type OutboxItem struct {
	ID            int64
	InboundID     int64 // 0 when not caused by an inbound message (follow-ups)
	Kind          domain.Kind
	MessageID     string
	From          string
	Recipient     string
	Raw           []byte
	Status        string
	Attempts      int
	CreatedAt     time.Time
	ArrivedAt     time.Time // when the inbound message that caused it was noticed; zero if none
	NextAttemptAt time.Time
	LeaseUntil    time.Time
	LastError     string
	SentAt        time.Time
}

// NewFollowup is a follow-up to plan for a person. Issue 5 schedules them;
// the table and the transaction already carry them.
type NewFollowup struct {
	Person string
	Kind   domain.Kind
	DueAt  time.Time
}

// Replan changes a person's follow-ups: pending ones of the kinds in
// Cancel are cancelled, then Add is planned.
type Replan struct {
	Cancel []string
	Add    []NewFollowup
}

// Record is everything one inbound message causes, written at once.
type Record struct {
	Inbound   Inbound
	Case      *CaseUpdate // nil: no case change
	Outbox    []NewOutbox
	Followups []NewFollowup
	// Replan changes the follow-ups of Case.Person (Case is then required).
	Replan *Replan
	// Forget deletes every record of Case.Person before the Outbox rows
	// are queued: the case, the follow-ups, the outbox rows to them, and
	// the address and subject of their inbound messages (the Message-IDs
	// stay, so a message offered again is still known and not answered
	// twice). Case is then not written. An outbox row of kind
	// domain.KindConfirmForget is itself emptied once sent.
	Forget bool
	// EraseMail, with Forget, also lists for erasure from the mailbox
	// (see MailToErase) the Message-IDs of every message recorded from
	// the person, this one included, and of every reply queued to them
	// (the copies sent to ourselves).
	EraseMail bool
	// CancelHeld deletes the replies to Case.Person still held back for
	// later (NewOutbox.NotBefore, the hourly cap), not yet tried: a STOP
	// stops them too.
	CancelHeld bool
	Now        time.Time // creation time of the rows; zero means time.Now()
}

// RecordResult says what Record wrote.
type RecordResult struct {
	InboundID int64
	OutboxIDs []int64
	// EraseWaiting: the record was a FORGET, and the write-ahead log still
	// holds the person's old pages because a reader (a backup, a
	// replicator) kept the checkpoint from emptying it; the store empties
	// it at a later Sync.
	EraseWaiting bool
}
