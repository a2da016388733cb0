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
// The SQL is kept portable (ON CONFLICT, RETURNING, integer times), and two
// implementations stand behind the interfaces their users define
// (daemon.Store, mailbox.Cursor): SQLite (modernc.org/sqlite, pure Go) in
// WAL mode, for one process, and Postgres (pgx), which several instances
// may share (see OpenPostgres). Their migrations are in migrations/sqlite
// and migrations/postgres. All times are stored as UTC Unix milliseconds.
package store

import (
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

// InboundKey names a message in an IMAP mailbox for good: UIDs are only
// meaningful together with the mailbox's UIDVALIDITY (RFC 9051, 2.3.1.1).
type InboundKey struct {
	Mailbox     string
	UIDValidity uint32
	UID         uint32
}

// Inbound is one message as received.
type Inbound struct {
	Key        InboundKey
	MessageID  string // without angle brackets; "" when absent (not used for duplicates then)
	From       string // author's address, "" when unknown
	Subject    string
	Size       int64
	Decision   domain.Decision
	Reason     string    // free text: why (ignore rule, error, ...)
	ReceivedAt time.Time // when the mailbox noticed it
}

// CaseUpdate changes (or creates) the case of one person. Zero fields leave
// what is stored.
type CaseUpdate struct {
	Person    string          // lower-case address; required
	Facts     json.RawMessage // latest facts as JSON; nil keeps the stored ones
	State     domain.State    // "" keeps the stored one (domain.StateNew for a new case)
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
	State         domain.State
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
