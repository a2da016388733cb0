package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pgUpsertCase is PostgreSQL's upsert of a case (pgTxn.upsertCase; the
// other statements of Record are in write.go, shared with SQLite).
const pgUpsertCase = `INSERT INTO cases
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

// pgConn is the PostgreSQL store, or one of its transactions, as the
// shared reads and writes (read.go, write.go) use it: their ?
// placeholders numbered (rebind), and pgx's "no rows" given as
// database/sql's.
type pgConn struct {
	q interface {
		Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
		Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
		QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	}
}

func (c pgConn) exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := c.q.Exec(ctx, rebind(query), args...)
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

func (c pgConn) queryRow(ctx context.Context, query string, args ...any) scanner {
	return pgRow{c.q.QueryRow(ctx, rebind(query), args...)}
}

func (c pgConn) query(ctx context.Context, query string, args ...any) (rows, error) {
	r, err := c.q.Query(ctx, rebind(query), args...)
	return pgRows{r}, err
}

// pgRow is a pgx.Row whose "no rows" is sql.ErrNoRows.
type pgRow struct{ r pgx.Row }

func (r pgRow) Scan(dest ...any) error {
	err := r.r.Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return sql.ErrNoRows
	}
	return err
}

// pgRows is pgx's rows as the shared reads close them.
type pgRows struct{ pgx.Rows }

func (r pgRows) close() { r.Rows.Close() }

// pgTxn is a transaction of the PostgreSQL store as the shared writes use
// it, with the two statements whose SQL is PostgreSQL's own.
type pgTxn struct{ pgConn }

func (t pgTxn) upsertCase(ctx context.Context, c *CaseUpdate, lastReply string, now time.Time) error {
	var tz, facts any
	if c.TZOffset != nil {
		tz = *c.TZOffset
	}
	if c.Facts != nil {
		facts = string(c.Facts)
	}
	_, err := t.q.Exec(ctx, pgUpsertCase,
		c.Person, facts, string(c.State), tz, ms(c.MessageAt), ms(c.AdviceAt), ms(now),
		c.Subject, c.ThreadRoot, lastReply, ms(c.HelpAt))
	return err
}

func (t pgTxn) cancelFollowups(ctx context.Context, person string, kinds []string) (int64, error) {
	tag, err := t.q.Exec(ctx, `UPDATE followups SET status = 'cancelled'
		WHERE person = $1 AND status = 'pending' AND kind = ANY ($2)`, person, kinds)
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
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
	if r.Inbound.Decision == "" {
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
	if res, err = writeRecord(ctx, pgTxn{pgConn{tx}}, r, now); err != nil {
		if isUniqueViolation(err) {
			err = ErrDuplicate // a Record of the same message at the same moment
		}
		return res, err
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
	return casesOf(ctx, people, s.Case)
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
