package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// pgEnv names the environment variable holding the admin DSN of the
// PostgreSQL server the tests use (.ci/run sets it).
const pgEnv = "JOBBACK_TEST_POSTGRES"

// pgAdminDSN returns the admin DSN, or skips the test when none is set.
func pgAdminDSN(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv(pgEnv)
	if dsn == "" {
		t.Skip("PostgreSQL tests skipped: JOBBACK_TEST_POSTGRES is not set (.ci/run sets it)")
	}
	return dsn
}

// pgAdmin connects to the admin DSN; the connection is closed at the end
// of the test.
func pgAdmin(t *testing.T) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(context.Background(), pgAdminDSN(t))
	if err != nil {
		t.Fatalf("cannot connect to the test server: %v", err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// pgDatabase creates a database of the test's own (jobback_t_<random>),
// dropped with its connections at the end of the test, and returns its DSN.
func pgDatabase(t *testing.T) string {
	t.Helper()
	admin := pgAdminDSN(t)
	b := make([]byte, 6)
	rand.Read(b)
	name := "jobback_t_" + hex.EncodeToString(b)
	c, err := pgx.Connect(context.Background(), admin)
	if err != nil {
		t.Fatalf("cannot connect to the test server: %v", err)
	}
	defer c.Close(context.Background())
	if _, err := c.Exec(context.Background(), "CREATE DATABASE "+name); err != nil {
		t.Fatalf("cannot create the test database: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), admin)
		if err != nil {
			t.Errorf("cannot drop database %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("cannot drop database %s: %v", name, err)
		}
	})
	return dsnWithDatabase(t, admin, name)
}

// dsnWithDatabase is dsn (a URL or key=value string) naming database db.
func dsnWithDatabase(t *testing.T, dsn, db string) string {
	t.Helper()
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatalf("%s is not a URL: %v", pgEnv, err)
		}
		u.Path = "/" + db
		return u.String()
	}
	return dsn + " dbname=" + db
}

// openPG opens the store of dsn as instance; it is closed at the end of
// the test.
func openPG(t *testing.T, dsn, instance string) *Postgres {
	t.Helper()
	s, err := OpenPostgres(context.Background(), dsn, PostgresOptions{Instance: instance})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
