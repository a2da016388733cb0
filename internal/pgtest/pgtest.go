// Package pgtest gives tests a PostgreSQL database of their own, on the
// server whose admin DSN is in JOBBACK_TEST_POSTGRES (e2e/run.sh sets it to
// the end-to-end suite's server, which e2e/start.sh starts from Debian's
// package). Without it the tests that need PostgreSQL are skipped, and say
// so; `go test ./...` stays hermetic.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Env names the environment variable holding the admin DSN.
const Env = "JOBBACK_TEST_POSTGRES"

// AdminDSN returns the admin DSN. Without one, tb is skipped; under the
// end-to-end suite (E2E_REQUIRED=1) it fails instead.
func AdminDSN(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv(Env)
	if dsn == "" {
		if os.Getenv("E2E_REQUIRED") == "1" {
			tb.Fatal(Env + " is not set: e2e/run.sh sets it to the suite's PostgreSQL")
		}
		tb.Skip("PostgreSQL tests skipped: " + Env + " is not set (.ci/run sets it)")
	}
	return dsn
}

// Database creates a database of tb's own (jobback_t_<random>), dropped
// with its connections when tb ends, and returns its DSN.
func Database(tb testing.TB) string {
	tb.Helper()
	admin := AdminDSN(tb)
	b := make([]byte, 6)
	rand.Read(b)
	name := "jobback_t_" + hex.EncodeToString(b)
	ctx := context.Background()
	c, err := pgx.Connect(ctx, admin)
	if err != nil {
		tb.Fatalf("cannot connect to the test server: %v", err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("cannot create the test database: %v", err)
	}
	tb.Cleanup(func() {
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			tb.Errorf("cannot drop database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Errorf("cannot drop database %s: %v", name, err)
		}
	})
	dsn, err := WithDatabase(admin, name)
	if err != nil {
		tb.Fatal(err)
	}
	return dsn
}

// WithDatabase returns dsn (a URL or key=value pairs) naming database db.
func WithDatabase(dsn, db string) (string, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", fmt.Errorf("%s is not a URL: %w", Env, err)
		}
		u.Path = "/" + db
		return u.String(), nil
	}
	return dsn + " dbname=" + db, nil
}
