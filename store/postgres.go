package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Postgres is the store kept in a PostgreSQL database, which several
// jobback instances may share. It has the methods of SQLite with the same
// meaning (Backup and the Explain* methods aside), and what several
// instances need: claims carry the instance's name (outbox.owner), Recover
// gives back only this instance's rows, and TryWatch makes one instance at
// a time watch the mailbox. It uses pgx natively, through a pool.
type Postgres struct {
	shared // the methods both stores have alike (read.go, write.go)

	pool     *pgxpool.Pool
	conn     *pgx.ConnConfig // the pool's connection settings, for TryWatch's own connection
	instance string
	// eraseDue: a FORGET's rewrite of the tables failed (EraseWAL);
	// CheckDisk tries it again.
	eraseDue atomic.Bool
}

// PostgresOptions tunes OpenPostgres. The zero value is the default.
type PostgresOptions struct {
	// Instance names this process among those sharing the database.
	// Claims carry it (outbox.owner), and only its claims may write their
	// outcome (MarkRetry, MarkFailed).
	// If "", hostname-pid.
	Instance string
	// MaxConns caps the pool. If zero, 8.
	MaxConns int32
}

// OpenPostgres connects to the PostgreSQL database of dsn (a URL or
// key=value connection string, as libpq's) and brings its schema up to
// date (see migratePostgres). The pool's connections are made as they are
// needed, up to opts.MaxConns.
func OpenPostgres(ctx context.Context, dsn string, opts PostgresOptions) (*Postgres, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// pgx's parse errors, and the URL errors they wrap, may quote the
		// connection string, password included.
		return nil, errors.New("cannot open the PostgreSQL store: the connection string cannot be parsed")
	}
	cfg.MaxConns = opts.MaxConns
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = 8
	}
	instance := opts.Instance
	if instance == "" {
		host, _ := os.Hostname()
		if host == "" {
			host = "jobback"
		}
		instance = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("cannot open the PostgreSQL store: %w", err)
	}
	s := &Postgres{pool: pool, conn: cfg.ConnConfig.Copy(), instance: instance}
	s.shared = shared{db: pgConn{pool}, inTxn: func(ctx context.Context, fn func(txn) error) error {
		return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error { return fn(pgTxn{pgConn{tx}}) })
	}}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("cannot open the PostgreSQL store: %w", err)
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("cannot open the PostgreSQL store: %w", err)
	}
	return s, nil
}

// postgresMigrationsSQL are PostgreSQL's migrations, in order
// (migrations/postgres/*.sql); schema versions count them.
var postgresMigrationsSQL = readMigrations(migrationFiles, postgresMigrations)

// Advisory lock keys (pg_advisory_lock's one bigint; the locks are per
// database): migrateLockKey serialises the migrations of instances starting
// at once, watchLockKey is the mailbox watcher's lock.
const (
	migrateLockKey int64 = 0x6a6f6262_61636b01 // "jobback" 1
	watchLockKey   int64 = 0x6a6f6262_61636b02 // "jobback" 2
)

// migrate applies the migrations not yet applied, each in a transaction
// that first takes the advisory lock migrateLockKey: two instances starting
// at once apply each migration once, the second waiting for the first.
func (s *Postgres) migrate(ctx context.Context) error {
	for {
		done, err := s.migrateOne(ctx)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next migration, if any; it reports true when
// there was none.
func (s *Postgres) migrateOne(ctx context.Context) (done bool, err error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, fmt.Errorf("cannot migrate: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrateLockKey); err != nil {
		return false, fmt.Errorf("cannot take the migration lock: %w", err)
	}
	// Looked for before it is made: CREATE TABLE IF NOT EXISTS needs the
	// right to create in the schema even when the table exists, which a
	// user given only the rights on the tables lacks.
	var exists bool
	if err := tx.QueryRow(ctx, "SELECT to_regclass('schema_version') IS NOT NULL").Scan(&exists); err != nil {
		return false, fmt.Errorf("cannot look for schema_version: %w", err)
	}
	if !exists {
		if _, err := tx.Exec(ctx, `CREATE TABLE schema_version (
			version    INTEGER PRIMARY KEY,
			applied_at BIGINT NOT NULL)`); err != nil {
			return false, fmt.Errorf("cannot create schema_version: %w", err)
		}
	}
	var current int
	if err := tx.QueryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&current); err != nil {
		return false, fmt.Errorf("cannot read schema version: %w", err)
	}
	if current > len(postgresMigrationsSQL) {
		return false, fmt.Errorf("schema version %d is newer than this program knows (%d)", current, len(postgresMigrationsSQL))
	}
	if current == len(postgresMigrationsSQL) {
		return true, tx.Commit(ctx)
	}
	v := current + 1
	// No arguments: the simple protocol, which runs a file of several
	// statements.
	if _, err := tx.Exec(ctx, postgresMigrationsSQL[v-1]); err != nil {
		return false, fmt.Errorf("cannot migrate to version %d: %w", v, err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)",
		v, time.Now().UnixMilli()); err != nil {
		return false, fmt.Errorf("cannot migrate to version %d: %w", v, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return false, fmt.Errorf("cannot migrate to version %d: %w", v, err)
	}
	return false, nil
}

// Instance returns the name this store's claims carry.
func (s *Postgres) Instance() string { return s.instance }

// Close closes the pool's connections.
func (s *Postgres) Close() error {
	s.pool.Close()
	return nil
}

// Ping checks the database answers a query and can be written: it commits
// a write that changes nothing (qTouch), so a database gone read-only (a
// standby after a failover, a full disk) fails the health check.
func (s *Postgres) Ping(ctx context.Context) error {
	var one int
	if err := s.pool.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("cannot reach store: %w", err)
	}
	if _, err := s.pool.Exec(ctx, qTouch); err != nil {
		return fmt.Errorf("cannot write the store: %w", err)
	}
	return nil
}

// CheckDisk leaves the database's disk to the server, whose own checks
// (data checksums, its logs) watch it. What it does is finish a FORGET:
// when EraseWAL could not rewrite the tables (another session held a lock
// past vacuumLockWait), it tries again, and reports an error while the
// forgotten rows are still in the table files (/healthz shows it). The
// daemon calls it at its start and every http.health_check_every.
func (s *Postgres) CheckDisk(ctx context.Context) error {
	if !s.eraseDue.Load() {
		return nil
	}
	if err := s.vacuum(ctx, forgetTables...); err != nil {
		return fmt.Errorf("a FORGET's rows are deleted but still in the table files: %w", err)
	}
	s.eraseDue.Store(false)
	return nil
}

// Sync does nothing: with PostgreSQL's default synchronous_commit (on)
// every commit has reached the server's disk (its WAL) when it returns.
// A server set to synchronous_commit=off accepts losing the last commits
// in a crash, as SQLite's NORMAL mode does; Sync cannot undo that choice.
func (s *Postgres) Sync(ctx context.Context) error { return nil }

// SchemaVersion returns the version of the schema in use (PostgreSQL's
// own count: migrations/postgres).
func (s *Postgres) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.pool.QueryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&v)
	return v, err
}

// postgresTables are the store's tables, the ones the connected user needs
// every right on.
var postgresTables = []string{"schema_version", "mailbox_positions", "inbound", "cases", "outbox",
	"outbox_raw", "followups", "erase_mail", "watcher"}

// forgetTables are the tables that hold a person's rows until a FORGET
// deletes or blanks them: EraseWAL rewrites them.
var forgetTables = []string{"inbound", "cases", "outbox", "outbox_raw", "followups", "erase_mail"}

// CheckRights checks that the connected user may use the store: SELECT,
// INSERT, UPDATE and DELETE on each of its tables and USAGE of their id
// sequences, and ownership of the tables a FORGET rewrites (VACUUM FULL,
// see EraseWAL, is the owner's; for another user PostgreSQL only warns and
// skips the table). Its error names the schema version and the table.
// `jobback check` calls it.
func (s *Postgres) CheckRights(ctx context.Context) error {
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("cannot read the schema version: %w", err)
	}
	if v != len(postgresMigrationsSQL) {
		return fmt.Errorf("the store is at schema version %d, this program at %d", v, len(postgresMigrationsSQL))
	}
	for _, t := range postgresTables {
		for _, right := range []string{"SELECT", "INSERT", "UPDATE", "DELETE"} {
			var ok bool
			if err := s.pool.QueryRow(ctx, "SELECT has_table_privilege(current_user, $1::regclass, $2)", t, right).Scan(&ok); err != nil {
				return fmt.Errorf("schema version %d: cannot check the rights on table %s: %w", v, t, err)
			}
			if !ok {
				return fmt.Errorf("schema version %d: the database user lacks %s on table %s", v, right, t)
			}
		}
		var seq *string
		if err := s.pool.QueryRow(ctx, "SELECT pg_get_serial_sequence($1, 'id')", t).Scan(&seq); err != nil {
			// A table without an id column.
			var pe *pgconn.PgError
			if !errors.As(err, &pe) || pe.Code != "42703" {
				return fmt.Errorf("schema version %d: cannot check the sequence of table %s: %w", v, t, err)
			}
			continue
		}
		if seq != nil {
			var ok bool
			if err := s.pool.QueryRow(ctx, "SELECT has_sequence_privilege(current_user, $1, 'USAGE')", *seq).Scan(&ok); err != nil {
				return fmt.Errorf("schema version %d: cannot check the rights on sequence %s: %w", v, *seq, err)
			}
			if !ok {
				return fmt.Errorf("schema version %d: the database user lacks USAGE on sequence %s of table %s", v, *seq, t)
			}
		}
	}
	if t, err := s.notOwned(ctx); err != nil {
		return fmt.Errorf("schema version %d: %w", v, err)
	} else if t != "" {
		return fmt.Errorf("schema version %d: the database user does not own table %s, so a FORGET cannot rewrite it (VACUUM FULL)", v, t)
	}
	return nil
}

// notOwned returns the first of forgetTables the connected user does not
// own (nor is a member of its owner role), or "".
func (s *Postgres) notOwned(ctx context.Context) (string, error) {
	var t *string
	err := s.pool.QueryRow(ctx, `SELECT MIN(c.relname::text) FROM pg_class c
		WHERE c.oid = ANY (SELECT to_regclass(n)::oid FROM unnest($1::text[]) AS n)
		AND NOT pg_has_role(current_user, c.relowner, 'USAGE')`, forgetTables).Scan(&t)
	if err != nil {
		return "", fmt.Errorf("cannot check the owner of the tables: %w", err)
	}
	if t == nil {
		return "", nil
	}
	return *t, nil
}

// isUniqueViolation reports a PostgreSQL unique violation (SQLSTATE 23505).
func isUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// rebind numbers the ? placeholders of a statement written for both
// stores (read.go, write.go) as PostgreSQL's $1, $2, ...; ?N becomes $N.
// The shared statements have no ? inside a string literal. PostgreSQL's
// own statements ($1, ...) that go through the shared querier (update)
// pass unchanged: none holds a ? (nor may one: no jsonb ? operator).
func rebind(query string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] != '?' {
			b.WriteByte(query[i])
			continue
		}
		j := i + 1
		for j < len(query) && query[j] >= '0' && query[j] <= '9' {
			j++
		}
		if j > i+1 {
			b.WriteString("$" + query[i+1:j])
		} else {
			n++
			b.WriteString("$" + strconv.Itoa(n))
		}
		i = j - 1
	}
	return b.String()
}
