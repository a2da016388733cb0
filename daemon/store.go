package daemon

import (
	"context"
	"time"

	"jobback/store"
)

// What the daemon needs of its store, in the small interfaces of each of
// its parts; store.SQLite has all of them. Every ability is part of the
// interface: the daemon asks nothing of its store by type assertion.

// Records is what the safety rules and commands read and write: one
// message's record, its case, and the counts the caps go by.
type Records interface {
	Seen(ctx context.Context, key store.InboundKey, messageID string) (bool, error)
	Record(ctx context.Context, r store.Record) (store.RecordResult, error)
	Case(ctx context.Context, person string) (*store.Case, error)
	RepliesSince(ctx context.Context, t time.Time) (int, error)
	ReplyRoom(ctx context.Context, now time.Time, perHour int) (time.Time, error)
	SentToSince(ctx context.Context, recipient string, t time.Time) (int, error)
}

// Outbox is what the senders work: claims with leases, the sent journal
// and its batch, the outcomes, the copies that come back, and the clean-up
// after an unclean stop.
type Outbox interface {
	Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]store.OutboxItem, error)
	MarkSent(ctx context.Context, id int64, at time.Time) error
	JournalSent(id int64, at time.Time) error
	MarkSentMany(ctx context.Context, ids []int64, at time.Time) error
	MarkRetry(ctx context.Context, id int64, next time.Time, lastErr string) error
	MarkFailed(ctx context.Context, id int64, at time.Time, lastErr string) error
	OutboxCopy(ctx context.Context, messageID string, at time.Time) (bool, error)
	OutboxDepth(ctx context.Context) (int, error)
	OldestUnsent(ctx context.Context) (time.Time, error)
	Recover(ctx context.Context, retryAt time.Time) (sent, released int, err error)
}

// Followups is what the walk over due follow-ups and the commands use.
type Followups interface {
	DueFollowupsAfter(ctx context.Context, t time.Time, after store.FollowupCursor, limit int) ([]store.Followup, error)
	PendingFollowups(ctx context.Context, person string) ([]store.Followup, error)
	QueueFollowup(ctx context.Context, now time.Time, id int64, o store.NewOutbox, next []store.NewFollowup) (int64, error)
	MarkFollowups(ctx context.Context, ids []int64, status string) (int64, error)
	DropFollowup(ctx context.Context, now time.Time, id int64, next []store.NewFollowup) error
	PostponeFollowup(ctx context.Context, id int64, due time.Time) error
	ReplanFollowups(ctx context.Context, now time.Time, person string, cancel []string, add []store.NewFollowup) (int64, error)
}

// Erasure is what FORGET needs beyond its record: the mail to erase from
// the mailbox, and the write-ahead log emptied once the confirmation is
// done with.
type Erasure interface {
	MailToErase(ctx context.Context, t time.Time, limit int) ([]string, error)
	MailErased(ctx context.Context, ids []string) error
	EraseWAL(ctx context.Context)
}

// Health is what /healthz and the status page read.
type Health interface {
	Ping(ctx context.Context) error
	CheckDisk(ctx context.Context) error
	Status(ctx context.Context, now time.Time) (store.Status, error)
	// Watcher names the instance that watches the mailbox, when several
	// share the store, and when it last said it was alive; "" when the
	// store keeps no such record (SQLite: one instance).
	Watcher(ctx context.Context) (string, time.Time, error)
}

// Store is all of the daemon's store (Options.Store).
type Store interface {
	Records
	Outbox
	Followups
	Erasure
	Health
}

var _ Store = (*store.SQLite)(nil)
