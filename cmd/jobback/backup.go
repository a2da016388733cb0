package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"jobback/config"
	"jobback/store"
)

// runBackup is `jobback backup [--config F | --store PATH] FILE`: it writes a
// consistent copy of the store to FILE, a new file, while the daemon may be
// running (store.Backup says what a restored copy loses, and how to restore).
func runBackup(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "config.yaml", "the configuration `file`; the store is its store.path")
	storePath := fs.String("store", "", "back up the store at this `path` (the configuration is not read)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jobback backup [--config FILE | --store PATH] FILE")
		fmt.Fprintln(stderr, "Writes a consistent copy of the store to FILE, which must not exist, while the daemon may be running.")
		fmt.Fprintln(stderr, "To restore: stop the daemon, put the copy in place of the store file, delete its -wal, -shm and -sent files, start.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 || fs.Arg(0) == "" {
		fs.Usage()
		return 2
	}
	dst := fs.Arg(0)
	src := *storePath
	if src == "" {
		cfg, err := config.LoadFile(*configPath)
		if err != nil {
			fmt.Fprintf(stderr, "jobback backup: %v\n", err)
			return 1
		}
		if cfg.Store.Driver == "postgres" {
			fmt.Fprintln(stderr, "jobback backup: copies a SQLite store; a PostgreSQL store is backed up with PostgreSQL's own tools (pg_dump, or base backups and WAL archiving)")
			return 1
		}
		src = cfg.Store.Path
	} else {
		both := false
		fs.Visit(func(f *flag.Flag) { both = both || f.Name == "config" })
		if both {
			fmt.Fprintln(stderr, "jobback backup: give --config or --store, not both")
			return 2
		}
	}
	size, version, err := backup(ctx, src, dst)
	if err != nil {
		fmt.Fprintf(stderr, "jobback backup: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "backup ok  %s (%d bytes, schema version %d)\n", dst, size, version)
	return 0
}

// backup copies the store at src to dst and returns the copy's size and
// schema version, read from the copy.
func backup(ctx context.Context, src, dst string) (size int64, version int, err error) {
	st, err := store.OpenReadOnly(ctx, src)
	if errors.Is(err, os.ErrNotExist) {
		return 0, 0, fmt.Errorf("cannot back up the store: %s does not exist", src)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("cannot back up the store: %w", err)
	}
	defer st.Close()
	if err := st.Backup(ctx, dst); err != nil {
		return 0, 0, err
	}
	c, err := store.OpenReadOnly(ctx, dst)
	if err != nil {
		return 0, 0, fmt.Errorf("backed up, but cannot read the copy: %w", err)
	}
	defer c.Close()
	if version, err = c.SchemaVersion(ctx); err != nil {
		return 0, 0, fmt.Errorf("backed up, but cannot read the copy's schema version: %w", err)
	}
	fi, err := os.Stat(dst)
	if err != nil {
		return 0, 0, fmt.Errorf("backed up, but cannot read the copy's size: %w", err)
	}
	return fi.Size(), version, nil
}
