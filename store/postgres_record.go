package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// PostgreSQL's statements of Record (see record.go for SQLite's).
const (
	pgInsertInbound = `INSERT INTO inbound
		(mailbox, uidvalidity, uid, message_id, from_addr, subject, size, decision, reason, received_at, recorded_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT DO NOTHING
		RETURNING id`
	pgUpsertCase = `INSERT INTO cases
			(person, facts, state, tz_offset, messages, first_seen_at, last_message_at, last_advice_at, updated_at,
			 subject, thread_root, last_reply_id, last_help_at)
			VALUES ($1, COALESCE($2::text, '{}'), COALESCE(NULLIF($3::text, ''), 'new'), $4::integer, 1, $5, $5, $6, $7, $8, $9, $10, $11)
			ON CONFLICT (person) DO UPDATE SET
				subject = CASE WHEN excluded.subject <> '' THEN excluded.subject ELSE cases.subject END,
				thread_root = CASE WHEN excluded.thread_root <> '' THEN excluded.thread_root ELSE cases.thread_root END,
				last_reply_id = CASE WHEN excluded.last_reply_id <> '' THEN excluded.last_reply_id ELSE cases.last_reply_id END,
				last_help_at = GREATEST(excluded.last_help_at, cases.last_help_at),
				facts = COALESCE($2::text, cases.facts),
				state = COALESCE(NULLIF($3::text, ''), cases.state),
				tz_offset = COALESCE($4::integer, cases.tz_offset),
				messages = cases.messages + 1,
				last_message_at = GREATEST(excluded.last_message_at, cases.last_message_at),
				last_advice_at = GREATEST(excluded.last_advice_at, cases.last_advice_at),
				updated_at = excluded.updated_at`
	pgInsertOutbox = `INSERT INTO outbox
			(inbound_id, kind, message_id, from_addr, recipient, status, attempts,
			 created_at, arrived_at, next_attempt_at, lease_until, last_error, sent_at, person)
			VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $7, $6, 0, '', 0, $8)
			RETURNING id`
	pgInsertRaw      = `INSERT INTO outbox_raw (id, raw) VALUES ($1, $2)`
	pgInsertFollowup = `INSERT INTO followups (person, kind, due_at, status, inbound_id, created_at)
			VALUES ($1, $2, $3, 'pending', $4, $5)`
)

// Position implements mailbox.Cursor.
func (s *Postgres) Position(ctx context.Context, mailbox string) (uint32, uint32, error) {
	var v, u int64
	err := s.pool.QueryRow(ctx,
		"SELECT uidvalidity, last_uid FROM mailbox_positions WHERE mailbox = $1", mailbox).Scan(&v, &u)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("cannot read position of %s: %w", mailbox, err)
	}
	return uint32(v), uint32(u), nil
}

// SetPosition implements mailbox.Cursor.
func (s *Postgres) SetPosition(ctx context.Context, mailbox string, uidValidity, lastUID uint32) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO mailbox_positions (mailbox, uidvalidity, last_uid, updated_at)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity,
			last_uid = excluded.last_uid, updated_at = excluded.updated_at`,
		mailbox, int64(uidValidity), int64(lastUID), ms(time.Now()))
	if err != nil {
		return fmt.Errorf("cannot save position of %s: %w", mailbox, err)
	}
	return nil
}

// Seen reports whether the message was recorded, by its UID key or its
// Message-ID ("" looks by the key only).
func (s *Postgres) Seen(ctx context.Context, key InboundKey, messageID string) (bool, error) {
	var seen bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM inbound
		WHERE (mailbox = $1 AND uidvalidity = $2 AND uid = $3) OR message_id = $4)`,
		key.Mailbox, int64(key.UIDValidity), int64(key.UID), nullStr(messageID)).Scan(&seen)
	if err != nil {
		return false, fmt.Errorf("cannot look up message: %w", err)
	}
	return seen, nil
}

// Record writes everything one inbound message causes in one transaction
// (see Record and SQLite.Record). A message already recorded, by its UID
// key or its Message-ID, gives ErrDuplicate and writes nothing, also when
// two instances record it at once: the second waits for the first's
// commit, then finds the conflict. A FORGET deletes the person's rows in
// the transaction; their bytes stay in the tables' files as dead rows
// until EraseWAL rewrites them (RecordResult.EraseWaiting is never set).
func (s *Postgres) Record(ctx context.Context, r Record) (res RecordResult, err error) {
	now := r.Now
	if now.IsZero() {
		now = time.Now()
	}
	in := r.Inbound
	if in.Decision == "" {
		return res, errors.New("cannot record message: no decision")
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return res, fmt.Errorf("cannot record message: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
		}
	}()

	// ON CONFLICT DO NOTHING covers both unique keys (UID key and
	// Message-ID); no row inserted means the message is a duplicate.
	var inboundID int64
	err = tx.QueryRow(ctx, pgInsertInbound,
		in.Key.Mailbox, int64(in.Key.UIDValidity), int64(in.Key.UID), nullStr(in.MessageID),
		in.From, in.Subject, in.Size, string(in.Decision), in.Reason, ms(in.ReceivedAt), ms(now)).Scan(&inboundID)
	if errors.Is(err, pgx.ErrNoRows) || isUniqueViolation(err) {
		err = ErrDuplicate
		return res, err
	}
	if err != nil {
		return res, fmt.Errorf("cannot record message: %w", err)
	}
	res.InboundID = inboundID

	if (r.Forget || r.Replan != nil) && (r.Case == nil || r.Case.Person == "") {
		err = errors.New("cannot record message: forgetting or replanning needs the case's person")
		return res, err
	}
	if r.Forget && r.EraseMail {
		// Before forget: it blanks the inbound rows' sender and deletes
		// the outbox rows. Messages without a Message-ID (recorded by a
		// hash) cannot be looked for, and are not listed.
		for _, q := range []string{
			`INSERT INTO erase_mail (message_id, created_at)
				SELECT message_id, $1 FROM inbound WHERE from_addr = $2 AND message_id IS NOT NULL AND message_id NOT LIKE 'sha256:%'
				ON CONFLICT DO NOTHING`,
			`INSERT INTO erase_mail (message_id, created_at)
				SELECT message_id, $1 FROM outbox WHERE person = $2 AND message_id <> ''
				ON CONFLICT DO NOTHING`,
		} {
			if _, err = tx.Exec(ctx, q, ms(now), r.Case.Person); err != nil {
				return res, fmt.Errorf("cannot list the person's mail for erasure: %w", err)
			}
		}
	}
	if r.CancelHeld && r.Case != nil && r.Case.Person != "" {
		if _, err = tx.Exec(ctx, `DELETE FROM outbox WHERE person = $1 AND status = 'pending' AND attempts = 0 AND created_at > $2`,
			r.Case.Person, ms(now)); err != nil {
			return res, fmt.Errorf("cannot cancel the replies held back: %w", err)
		}
	}
	if r.Forget {
		if err = pgForget(ctx, tx, r.Case.Person); err != nil {
			return res, fmt.Errorf("cannot forget the person: %w", err)
		}
	}

	if c := r.Case; c != nil && !r.Forget {
		if c.Person == "" {
			err = errors.New("cannot record case: no person")
			return res, err
		}
		var tz any
		if c.TZOffset != nil {
			tz = *c.TZOffset
		}
		var facts any
		if c.Facts != nil {
			facts = string(c.Facts)
		}
		lastReply := ""
		if n := len(r.Outbox); n > 0 {
			lastReply = r.Outbox[n-1].MessageID
		}
		_, err = tx.Exec(ctx, pgUpsertCase,
			c.Person, facts, string(c.State), tz, ms(c.MessageAt), ms(c.AdviceAt), ms(now),
			c.Subject, c.ThreadRoot, lastReply, ms(c.HelpAt))
		if err != nil {
			return res, fmt.Errorf("cannot record the case: %w", err)
		}
	}
	if rp := r.Replan; rp != nil && !r.Forget {
		if _, err = pgReplan(ctx, tx, now, r.Case.Person, rp.Cancel, rp.Add); err != nil {
			return res, fmt.Errorf("cannot replan the follow-ups: %w", err)
		}
	}

	for _, o := range r.Outbox {
		if o.Recipient == "" || len(o.Raw) == 0 {
			err = errors.New("cannot queue reply: no recipient or empty message")
			return res, err
		}
		if o.Person == "" && r.Case != nil {
			o.Person = r.Case.Person
		}
		var id int64
		id, err = pgInsertOutboxRow(ctx, tx, inboundID, o, now)
		if err != nil {
			return res, fmt.Errorf("cannot queue a reply: %w", err)
		}
		res.OutboxIDs = append(res.OutboxIDs, id)
	}

	for _, f := range r.Followups {
		_, err = tx.Exec(ctx, pgInsertFollowup, f.Person, string(f.Kind), ms(f.DueAt), inboundID, ms(now))
		if err != nil {
			return res, fmt.Errorf("cannot plan a follow-up: %w", err)
		}
	}

	if err = tx.Commit(ctx); err != nil {
		if isUniqueViolation(err) {
			err = ErrDuplicate
			return res, err
		}
		return res, fmt.Errorf("cannot commit record: %w", err)
	}
	return res, nil
}

// pgInsertOutboxRow queues o (its row and its bytes) inside tx; inboundID
// is nil for a follow-up.
func pgInsertOutboxRow(ctx context.Context, tx pgx.Tx, inboundID any, o NewOutbox, now time.Time) (int64, error) {
	var id int64
	at := now
	if o.NotBefore.After(now) {
		at = o.NotBefore
	}
	if err := tx.QueryRow(ctx, pgInsertOutbox, inboundID, string(o.Kind), o.MessageID, o.From, o.Recipient,
		ms(at), ms(o.ArrivedAt), o.Person).Scan(&id); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, pgInsertRaw, id, o.Raw); err != nil {
		return 0, err
	}
	return id, nil
}

// pgForget deletes every record of a person inside a transaction (see
// Record.Forget); the outbox rows' bytes go with them (ON DELETE CASCADE).
func pgForget(ctx context.Context, tx pgx.Tx, person string) error {
	for _, q := range []string{
		`DELETE FROM followups WHERE person = $1`,
		`DELETE FROM outbox WHERE person = $1`,
		`UPDATE inbound SET from_addr = '', subject = '', reason = 'forgotten' WHERE from_addr = $1`,
		`DELETE FROM cases WHERE person = $1`,
	} {
		if _, err := tx.Exec(ctx, q, person); err != nil {
			return err
		}
	}
	return nil
}

// Case returns the case of person, or ErrNotFound.
func (s *Postgres) Case(ctx context.Context, person string) (*Case, error) {
	c, err := scanCase(s.pool.QueryRow(ctx, `SELECT `+caseCols+` FROM cases WHERE person = $1`, person))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read a case: %w", err)
	}
	return c, nil
}

// ListCases returns up to limit cases, the most recent message first, for
// `jobback cases`.
func (s *Postgres) ListCases(ctx context.Context, limit int) ([]Case, error) {
	rows, err := s.pool.Query(ctx, `SELECT person FROM cases ORDER BY last_message_at DESC, person LIMIT $1`, pgLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("cannot list cases: %w", err)
	}
	people, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("cannot list cases: %w", err)
	}
	out := make([]Case, 0, len(people))
	for _, p := range people {
		c, err := s.Case(ctx, p)
		if errors.Is(err, ErrNotFound) {
			continue // forgotten meanwhile
		}
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, nil
}

// HistoryOf returns the history of person (a lower-case address).
func (s *Postgres) HistoryOf(ctx context.Context, person string) (History, error) {
	var h History
	in, err := s.inboundRows(ctx, "WHERE from_addr = $1 ORDER BY id", person)
	if err != nil {
		return h, fmt.Errorf("cannot read the history: %w", err)
	}
	h.In = in
	rows, err := s.pool.Query(ctx, `SELECT `+historyOutCols+` FROM outbox WHERE person = $1 ORDER BY created_at, id`, person)
	if err != nil {
		return h, fmt.Errorf("cannot read the history: %w", err)
	}
	defer rows.Close()
	if h.Out, err = collect("read the history", rows, scanHistoryOut); err != nil {
		return h, err
	}
	return h, nil
}

// ListInbound returns all recorded inbound messages in id order (for tests
// and the CLI).
func (s *Postgres) ListInbound(ctx context.Context) ([]InboundRow, error) {
	out, err := s.inboundRows(ctx, "ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("cannot list inbound: %w", err)
	}
	return out, nil
}

// inboundRows reads the inbound rows that the SQL after FROM inbound
// (where, order) selects.
func (s *Postgres) inboundRows(ctx context.Context, where string, args ...any) ([]InboundRow, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+inboundCols+` FROM inbound `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collect("read inbound rows", rows, scanInbound)
}

// CountMentions counts the rows, in every table of the store's schema,
// with a text or bytea column containing text (case-insensitive). It reads
// every row: it is for checking that FORGET left nothing behind (tests, and
// an operator's audit), not for the daemon's work. It sees live rows only:
// dead ones wait in the files for EraseWAL.
func (s *Postgres) CountMentions(ctx context.Context, text string) (int, error) {
	if text == "" {
		return 0, fmt.Errorf("cannot count mentions of an empty string")
	}
	rows, err := s.pool.Query(ctx, `SELECT table_name::text, column_name::text, data_type::text
		FROM information_schema.columns
		WHERE table_schema = current_schema() AND data_type IN ('text', 'bytea')
		ORDER BY table_name, ordinal_position`)
	if err != nil {
		return 0, fmt.Errorf("cannot list columns: %w", err)
	}
	conds := map[string][]string{}
	var tables []string
	for rows.Next() {
		var table, col, typ string
		if err := rows.Scan(&table, &col, &typ); err != nil {
			rows.Close()
			return 0, fmt.Errorf("cannot list columns: %w", err)
		}
		c := pgx.Identifier{col}.Sanitize()
		if typ == "bytea" {
			// The bytes as text, non-ASCII ones escaped: ASCII text is
			// found as it is.
			c = "encode(" + c + ", 'escape')"
		}
		if _, ok := conds[table]; !ok {
			tables = append(tables, table)
		}
		conds[table] = append(conds[table], "strpos(lower("+c+"), lower($1)) > 0")
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("cannot list columns: %w", err)
	}
	total := 0
	for _, t := range tables {
		var n int
		q := fmt.Sprintf(`SELECT COUNT(*) FROM %s WHERE %s`, pgx.Identifier{t}.Sanitize(), strings.Join(conds[t], " OR "))
		if err := s.pool.QueryRow(ctx, q, text).Scan(&n); err != nil {
			return 0, fmt.Errorf("cannot search %s: %w", t, err)
		}
		total += n
	}
	return total, nil
}

// pgLimit is a LIMIT's argument: SQLite takes a negative limit as none,
// PostgreSQL refuses it and takes NULL as none.
func pgLimit(limit int) any {
	if limit < 0 {
		return nil
	}
	return limit
}
