package store

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io/fs"
	"jobback/domain"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/schema.golden from a new store (after adding a migration)")

// schemaDump lists every table, index and trigger of db with the SQL that
// made it, in name order.
func schemaDump(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var typ, name, tbl string
		var q sql.NullString // NULL for the indexes of UNIQUE and PRIMARY KEY
		if err := rows.Scan(&typ, &name, &tbl, &q); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %s %s\n", typ, name, tbl)
		if q.Valid {
			fmt.Fprintf(&b, "%s\n\n", q.String)
		} else {
			b.WriteString("NULL\n\n")
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// checkGolden compares a schema dump with testdata/schema.golden, which
// was written from the migrations as Go strings, before they moved to
// migrations/sqlite/*.sql: the files make the same schema, byte for byte.
func checkGolden(t *testing.T, got string) {
	t.Helper()
	const golden = "testdata/schema.golden"
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got == string(want) {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Fatalf("schema differs from %s (go test ./store -run TestSchemaGolden -update rewrites it) at line %d:\n got %q\nwant %q", golden, i+1, gl, wl)
		}
	}
}

func TestSchemaGolden(t *testing.T) {
	s, _ := open(t)
	got := schemaDump(t, s.db)
	checkGolden(t, got)
	// The migrations write domain.KindConfirmForget out as it is.
	if !strings.Contains(got, "WHEN NEW.kind = '"+string(domain.KindConfirmForget)+"'") {
		t.Fatalf("the FORGET confirmation's trigger does not name %q:\n%s", domain.KindConfirmForget, got)
	}
}

// The files are numbered 0001, 0002, ... without a gap in each dialect's
// folder, each says what it does in a comment, and a new store is at the
// version of the last one.
func TestMigrationFiles(t *testing.T) {
	for _, dir := range []string{sqliteMigrations, postgresMigrations} {
		n := checkMigrationFiles(t, dir)
		if want := len(readMigrations(migrationFiles, dir)); n != want {
			t.Fatalf("%s: %d files, %d migrations", dir, n, want)
		}
	}
	if n := len(migrations); n != len(readMigrations(migrationFiles, sqliteMigrations)) {
		t.Fatalf("SQLite runs %d migrations, not those of %s", n, sqliteMigrations)
	}
	s, _ := open(t)
	if v, err := s.SchemaVersion(context.Background()); err != nil || v != len(migrations) {
		t.Fatalf("a new store is at version %d, %v; want %d (the number of files)", v, err, len(migrations))
	}
}

// checkMigrationFiles checks the names and comments of dir's files and
// returns how many there are.
func checkMigrationFiles(t *testing.T, dir string) int {
	t.Helper()
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatalf("%s: no migrations", dir)
	}
	name := regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)
	for i, e := range entries {
		m := name.FindStringSubmatch(e.Name())
		if m == nil {
			t.Fatalf("%s/%s: want NNNN_short_name.sql", dir, e.Name())
		}
		if n, _ := strconv.Atoi(m[1]); n != i+1 {
			t.Fatalf("%s/%s is migration %d: want it numbered %04d", dir, e.Name(), i+1, i+1)
		}
		b, err := fs.ReadFile(migrationFiles, dir+"/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), "-- ") || strings.TrimSpace(migrationSQL(string(b))) == "" {
			t.Fatalf("%s/%s: want a comment saying what it does, then SQL", dir, e.Name())
		}
	}
	return len(entries)
}

// A store left at any earlier version is brought to the same schema as a
// new one.
func TestMigrateFromEveryVersion(t *testing.T) {
	ctx := context.Background()
	all := migrations
	t.Cleanup(func() { migrations = all })
	for k := 0; k < len(all); k++ {
		path := filepath.Join(t.TempDir(), "old.db")
		db, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		migrations = all[:k]
		err = (&SQLite{db: db, path: path}).migrate(ctx)
		migrations = all
		db.Close()
		if err != nil {
			t.Fatalf("version %d: %v", k, err)
		}
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("from version %d: %v", k, err)
		}
		v, err := s.SchemaVersion(ctx)
		if err != nil || v != len(all) {
			t.Fatalf("from version %d: at version %d, %v", k, v, err)
		}
		checkGolden(t, schemaDump(t, s.db))
		s.Close()
	}
}

// The comment lines at the top of a file are not run, nor its last newline.
func TestMigrationSQL(t *testing.T) {
	for in, want := range map[string]string{
		"-- what\n-- why\nCREATE TABLE t (a);\n": "CREATE TABLE t (a);",
		"CREATE TABLE t (a);":                    "CREATE TABLE t (a);",
		"-- one\nSELECT 1;\n\tSELECT 2;\n":       "SELECT 1;\n\tSELECT 2;",
	} {
		if got := migrationSQL(in); got != want {
			t.Errorf("migrationSQL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMigrateAndReopen(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	v, err := s.SchemaVersion(ctx)
	if err != nil || v != len(migrations) {
		t.Fatalf("schema version %d, %v; want %d", v, err, len(migrations))
	}
	if _, err := s.Record(ctx, answered(1, "a@x", "ann@example.org")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if v, _ := s2.SchemaVersion(ctx); v != len(migrations) {
		t.Fatalf("after reopen schema version %d", v)
	}
	if n, _ := s2.OutboxDepth(ctx); n != 1 {
		t.Fatalf("outbox depth after reopen %d, want 1", n)
	}
	var mode string
	if err := s2.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode %q, %v", mode, err)
	}
	var fk int
	if err := s2.db.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Fatalf("foreign_keys %d, %v", fk, err)
	}
}

// Schema 3 moved each reply's bytes out of the outbox row: a store made
// with schema 2 keeps its queued replies, byte for byte.
func TestMigrateMovesRepliesOut(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range migrations[:2] {
		if _, err := old.Exec(m); err != nil {
			t.Fatalf("migration %d: %v", i+1, err)
		}
	}
	raw := []byte("Subject: re\r\n\r\nthe reply, as schema 2 kept it\r\n")
	for _, q := range []string{
		`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`,
		`INSERT INTO schema_version VALUES (1, 0), (2, 0)`,
		`INSERT INTO outbox (id, kind, message_id, from_addr, recipient, raw, status, attempts, created_at,
			arrived_at, next_attempt_at, lease_until, last_error, sent_at, person)
			VALUES (7, 'advice', 'r1@jobback.test', 'help@jobback.test', 'ann@example.org', ?, 'pending', 0, 1, 1, 1, 0, '', 0, 'ann@example.org')`,
	} {
		args := []any{}
		if strings.Contains(q, "?") {
			args = append(args, raw)
		}
		if _, err := old.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	old.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(ctx); v != len(migrations) {
		t.Fatalf("schema version %d, want %d", v, len(migrations))
	}
	got, err := s.Claim(ctx, time.UnixMilli(2), time.Minute, 8)
	if err != nil || len(got) != 1 {
		t.Fatalf("Claim after migration: %v, %v", got, err)
	}
	if got[0].ID != 7 || string(got[0].Raw) != string(raw) {
		t.Fatalf("claimed %d %q, want 7 %q", got[0].ID, got[0].Raw, raw)
	}
}
