package store

import (
	"context"
	"database/sql"
	"fmt"
	"jobback/domain"
	"strings"
	"time"
)

// Status is the store's part of the operator's status page: counts and
// times only, never an address, a subject or a message.
type Status struct {
	// Inbound counts the inbound messages recorded, Decisions the same
	// by decision.
	Inbound   int
	Decisions map[domain.Decision]int
	// Ignored counts the messages of decision ignored by the family of
	// the rule that ignored them ("auto", "list", "spam", ...: the
	// reason's prefix "family: "); FamilyOther when the reason names
	// none.
	Ignored map[string]int
	// Outbox counts the outbox rows by state as of now (as CountOutbox):
	// Due and Later are the queue, Failed the replies given up on.
	Outbox OutboxCounts
	// OldestUnsent is when the oldest message still to send was queued
	// for, or zero (as OldestUnsent).
	OldestUnsent time.Time
	// FollowupsDue counts the pending follow-ups due within 24 hours of
	// now, those already due included; FollowupsOverdue those due at or
	// before now and not yet handled.
	FollowupsDue     int
	FollowupsOverdue int
}

// FamilyOther is Status.Ignored's family of a reason that names none.
const FamilyOther = "other"

// qStatusInbound lists the decisions of the inbound messages with ids in
// (?1, ?2] as one string, "answered,ignored auto,window,ignored ,...":
// an ignored message's decision is followed by a space and the family of
// the rule that ignored it, the word its reason starts with ("auto: ..."),
// or nothing when that start is not one (a family is lower-case letters,
// digits, "-" and "_"; anything else could be free text; the decisions
// are the domain.Decision values, with no "," or " " in them). Counting the
// string in Go takes less than half the time of GROUP BY, which sorts
// every row (SQLite has no hashing aggregate).
const qStatusInbound = `SELECT group_concat(CASE WHEN decision != 'ignored' THEN decision
	WHEN instr(reason, ': ') BETWEEN 2 AND 33
		AND substr(reason, 1, instr(reason, ': ') - 1) NOT GLOB '*[^a-z0-9_-]*'
	THEN 'ignored ' || substr(reason, 1, instr(reason, ': ') - 1)
	ELSE 'ignored ' END, ',')
	FROM inbound WHERE id > ?1 AND id <= ?2`

// statusChunk is how many inbound ids qStatusInbound reads at a time: its
// string stays under a megabyte. (A variable for tests.)
var statusChunk int64 = 50000

// qStatusOutbox counts the outbox by state, each count one range of the
// index outbox_due (status, next_attempt_at).
const qStatusOutbox = `SELECT
	(SELECT COUNT(*) FROM outbox WHERE status = 'sending'),
	(SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1),
	(SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND next_attempt_at > ?1),
	(SELECT COUNT(*) FROM outbox WHERE status = 'sent'),
	(SELECT COUNT(*) FROM outbox WHERE status = 'failed')`

// qStatusFollowups counts the pending follow-ups due before ?2, and those
// due at or before ?1, on the index followups_due (status, due_at).
const qStatusFollowups = `SELECT COUNT(*), COALESCE(SUM(due_at <= ?1), 0) FROM followups
	WHERE status = 'pending' AND due_at < ?2`

// Status sums up the store as of now for the status page. The outbox and
// follow-up counts read index ranges (the sent rows' range grows with the
// store, but holds a few bytes a row). The counts by decision read every
// inbound message, which no index orders by decision: about 50 ms of the
// 53 ms a Status took on 100,000 messages on the project's machine
// (BenchmarkStatus). They are read over a connection of their own (in WAL
// mode a reader does not hold up the writer), so the store's one
// connection, which Record needs, is taken for the index counts only
// (3.5 ms there). Like a backup, the reader may hold up for a moment the
// checkpoint of a FORGET (RecordResult.EraseWaiting), which Sync then
// finishes. Call it now and then, not at every message.
func (s *SQLite) Status(ctx context.Context, now time.Time) (Status, error) {
	st := Status{Decisions: map[domain.Decision]int{}, Ignored: map[string]int{}}
	if err := s.countInbound(ctx, &st); err != nil {
		return st, fmt.Errorf("cannot count inbound messages: %w", err)
	}
	var sending, due int
	if err := s.queryRow(ctx, qStatusOutbox, ms(now)).Scan(&sending, &due, &st.Outbox.Later,
		&st.Outbox.Sent, &st.Outbox.Failed); err != nil {
		return st, fmt.Errorf("cannot count outbox: %w", err)
	}
	st.Outbox.Due = sending + due
	var err error
	if st.OldestUnsent, err = s.OldestUnsent(ctx); err != nil {
		return st, err
	}
	if err := s.queryRow(ctx, qStatusFollowups, ms(now), ms(now.Add(24*time.Hour))).Scan(
		&st.FollowupsDue, &st.FollowupsOverdue); err != nil {
		return st, fmt.Errorf("cannot count follow-ups: %w", err)
	}
	return st, nil
}

// countInbound fills st's counts of inbound messages, reading the ones
// recorded so far in chunks of ids.
func (s *SQLite) countInbound(ctx context.Context, st *Status) error {
	ro, err := OpenReadOnly(ctx, s.path)
	if err != nil {
		return err
	}
	defer ro.Close()
	// The scan reads each page once: a small page cache does, and is
	// freed at once at Close (freeing the default 2 MB one page by page
	// took a third of Status's time).
	if _, err := ro.db.ExecContext(ctx, "PRAGMA cache_size = -256"); err != nil {
		return err
	}
	var last int64
	if err := ro.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM inbound").Scan(&last); err != nil {
		return err
	}
	for lo := int64(0); lo < last; lo += statusChunk {
		var list sql.NullString
		if err := ro.db.QueryRowContext(ctx, qStatusInbound, lo, min(lo+statusChunk, last)).Scan(&list); err != nil {
			return err
		}
		for item := range strings.SplitSeq(list.String, ",") {
			if item == "" {
				continue
			}
			dec, fam, ignored := strings.Cut(item, " ")
			st.Inbound++
			st.Decisions[domain.Decision(dec)]++
			if ignored {
				if fam == "" {
					fam = FamilyOther
				}
				st.Ignored[fam]++
			}
		}
	}
	return nil
}

// ExplainStatus returns SQLite's query plans of Status's queries, one line
// per step (for tests: only the inbound count may scan a table).
func (s *SQLite) ExplainStatus(ctx context.Context) (string, error) {
	var out string
	for _, q := range []struct {
		query string
		args  []any
	}{
		{qStatusInbound, []any{0, 0}},
		{qStatusOutbox, []any{0}},
		{qStatusFollowups, []any{0, 0}},
		{"SELECT MIN(created_at) FROM outbox WHERE status IN ('pending', 'sending')", nil},
	} {
		plan, err := s.explain(ctx, q.query, q.args...)
		if err != nil {
			return out, err
		}
		out += plan
	}
	return out, nil
}
