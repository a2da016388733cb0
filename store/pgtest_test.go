package store

import (
	"context"
	"jobback/internal/pgtest"
	"testing"

	"github.com/jackc/pgx/v5"
)

// pgAdmin connects to the admin DSN; the connection is closed at the end
// of the test.
func pgAdmin(t *testing.T) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(context.Background(), pgtest.AdminDSN(t))
	if err != nil {
		t.Fatalf("cannot connect to the test server: %v", err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
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
