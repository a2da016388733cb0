package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"
)

// migrationFiles holds the migrations, one file each, in a folder per
// dialect: migrations/sqlite/NNNN_short_name.sql and
// migrations/postgres/NNNN_short_name.sql, NNNN the schema version it
// brings the store to (versions are counted per dialect). A file starts with comment lines saying what it does and why,
// which are not run (nor is its last newline). The SQL is exactly what
// shipped, as it was written inside Go strings, its indentation included:
// SQLite keeps the text of each CREATE in sqlite_schema as it was given
// (testdata/schema.golden, TestSchemaGolden).
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// migrations are applied in order (the files' order), each in its own
// transaction; the schema_version table remembers the last one applied.
// Never edit a migration that has shipped: add a new one.
var migrations = readMigrations(migrationFiles, sqliteMigrations)

// The folders of migrationFiles, one per dialect.
const (
	sqliteMigrations   = "migrations/sqlite"
	postgresMigrations = "migrations/postgres"
)

// readMigrations returns the SQL of every dir/*.sql file in fsys, in
// file-name order.
func readMigrations(fsys fs.FS, dir string) []string {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		panic(err)
	}
	var sqls []string
	for _, e := range entries { // sorted by file name
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			panic(err)
		}
		sqls = append(sqls, migrationSQL(string(b)))
	}
	return sqls
}

// migrationSQL is a migration file without its leading comment lines
// and its last newline.
func migrationSQL(file string) string {
	for strings.HasPrefix(file, "--") {
		_, file, _ = strings.Cut(file, "\n")
	}
	return strings.TrimSuffix(file, "\n")
}

func (s *SQLite) migrate(ctx context.Context) error {
	if err := s.check(ctx); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version    INTEGER PRIMARY KEY,
		applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("cannot create schema_version: %w", err)
	}
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("cannot read schema version: %w", err)
	}
	if current > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this program knows (%d)", current, len(migrations))
	}
	for v := current + 1; v <= len(migrations); v++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("cannot migrate to version %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, migrations[v-1]); err != nil {
			tx.Rollback()
			return fmt.Errorf("cannot migrate to version %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
			v, time.Now().UnixMilli()); err != nil {
			tx.Rollback()
			return fmt.Errorf("cannot migrate to version %d: %w", v, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("cannot migrate to version %d: %w", v, err)
		}
	}
	return nil
}

// ErrDamaged is returned (wrapped) by Open for a file that is not a
// SQLite database or fails its integrity check. It is permanent: restore
// the store from a backup.
var ErrDamaged = errors.New("the store is damaged")

// check runs SQLite's quick integrity check and makes sure the store can
// be written, before anything else touches it: a damaged or read-only
// store is refused at start, not found out halfway through a reply.
func (s *SQLite) check(ctx context.Context) error {
	if err := quickCheck(ctx, s.db); err != nil {
		return err
	}
	return s.writable(ctx)
}

// CheckDisk runs SQLite's quick integrity check on what is on the disk now,
// over a connection of its own (the store's own one may answer from its
// page cache pages that were since damaged on the disk). It returns an
// error wrapping ErrDamaged for a damaged store. It reads every page: the
// daemon's health check runs it now and then, not at every request.
func (s *SQLite) CheckDisk(ctx context.Context) error {
	ro, err := OpenReadOnly(ctx, s.path)
	if err != nil {
		return fmt.Errorf("%w (restore it from a backup): %w", ErrDamaged, err)
	}
	defer ro.Close()
	return quickCheck(ctx, ro.db)
}

// quickCheck runs PRAGMA quick_check on db.
func quickCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return fmt.Errorf("%w (restore it from a backup): %w", ErrDamaged, err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return fmt.Errorf("%w (restore it from a backup): %w", ErrDamaged, err)
		}
		if line != "ok" && len(problems) < 3 {
			problems = append(problems, line)
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("%w (restore it from a backup): %w", ErrDamaged, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w (restore it from a backup): %s", ErrDamaged, strings.Join(problems, "; "))
	}
	return nil
}
