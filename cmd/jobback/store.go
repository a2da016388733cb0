package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"jobback/config"
	"jobback/daemon"
	"jobback/mailbox"
	"jobback/store"

	"github.com/jackc/pgx/v5/pgconn"
)

// appStore is the store as the commands use it: the daemon's, the
// mailbox's cursor, and the reads of cases, follow-ups and the outbox.
// store.SQLite and store.Postgres have it.
type appStore interface {
	daemon.Store
	mailbox.Cursor
	Sync(ctx context.Context) error
	Close() error
	SchemaVersion(ctx context.Context) (int, error)
	ListCases(ctx context.Context, limit int) ([]store.Case, error)
	HistoryOf(ctx context.Context, person string) (store.History, error)
	ListFollowups(ctx context.Context, person string, limit int) ([]store.Followup, error)
	CountOutbox(ctx context.Context, now time.Time) (store.OutboxCounts, error)
	ListInbound(ctx context.Context) ([]store.InboundRow, error)
}

var (
	_ appStore = (*store.SQLite)(nil)
	_ appStore = (*store.Postgres)(nil)
)

// openStore opens the configured store: the SQLite file with its
// synchronous mode (store.synchronous: group is store.Options{Synchronous:
// "GROUP"}), or the PostgreSQL database as this instance.
func openStore(ctx context.Context, cfg *config.Config) (appStore, error) {
	if cfg.Store.Driver == "postgres" {
		return openPostgres(ctx, cfg)
	}
	return store.OpenWith(ctx, cfg.Store.Path, store.Options{Synchronous: strings.ToUpper(cfg.Store.Synchronous)})
}

// openStoreToRead opens the store for the commands that only read it
// while a daemon may run on it: SQLite read-only (store.OpenReadOnly),
// PostgreSQL as any instance does.
func openStoreToRead(ctx context.Context, cfg *config.Config) (appStore, error) {
	if cfg.Store.Driver == "postgres" {
		return openPostgres(ctx, cfg)
	}
	return store.OpenReadOnly(ctx, cfg.Store.Path)
}

func openPostgres(ctx context.Context, cfg *config.Config) (*store.Postgres, error) {
	if err := cfg.Need("store"); err != nil {
		return nil, err
	}
	return store.OpenPostgres(ctx, cfg.Store.DSN, store.PostgresOptions{Instance: cfg.Store.Instance})
}

// storeName says which store the configuration names, for messages: the
// SQLite file, or the PostgreSQL database (never its password).
func storeName(cfg *config.Config) string {
	if cfg.Store.Driver != "postgres" {
		return cfg.Store.Path
	}
	c, err := pgconn.ParseConfig(cfg.Store.DSN)
	if err != nil {
		return "PostgreSQL (a dsn that does not parse)"
	}
	return fmt.Sprintf("PostgreSQL %s@%s:%d/%s", c.User, c.Host, c.Port, c.Database)
}
