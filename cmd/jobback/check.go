package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"jobback/config"
	"jobback/domain"
	"jobback/mailbox"
	"jobback/outbox"
	"jobback/store"
)

// checkTimeout bounds each server check.
const checkTimeout = 30 * time.Second

// runCheck is `jobback check --config F`: it validates the configuration,
// then logs in to the IMAP and SMTP servers (sending nothing and changing
// nothing) and looks at the store, saying for each what is wrong.
func runCheck(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	configPath, ok := configFlag("check", "Validates the configuration and tries the IMAP and SMTP servers without sending anything.", args, stderr)
	if !ok {
		return 2
	}
	cfg, err := config.LoadFile(*configPath)
	if err != nil {
		fmt.Fprintf(stdout, "config  FAIL  %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "config  ok    %s\n", *configPath)
	for _, w := range cfg.Warnings() {
		fmt.Fprintf(stdout, "config  WARN  %s\n", w)
	}
	failed := false

	ictx, cancel := context.WithTimeout(ctx, checkTimeout)
	opts := mailboxOptions(cfg, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	opts.NoopTimeout = checkTimeout
	var st *mailbox.Status
	err = cfg.Need("imap")
	if err == nil {
		st, err = mailbox.Check(ictx, opts)
	}
	cancel()
	if err != nil {
		failed = true
		fmt.Fprintf(stdout, "imap    FAIL  %s (%s): %v%s\n", cfg.IMAP.Addr, cfg.IMAP.TLS, err, caHint(err, "imap"))
	} else {
		fmt.Fprintf(stdout, "imap    ok    %s (%s) as %s: folder %s has %d messages, %d not yet processed; IDLE %v, MOVE %v\n",
			cfg.IMAP.Addr, cfg.IMAP.TLS, cfg.IMAP.Username, st.Mailbox, st.Messages, st.Unprocessed, yesNo(st.IDLE), yesNo(st.MOVE))
		if st.Processed != domain.ProcessedFlag && !st.FolderExists {
			fmt.Fprintf(stdout, "              the folder %q for processed mail does not exist yet; it will be created\n", st.Processed)
		}
	}

	sctx, cancel := context.WithTimeout(ctx, checkTimeout)
	err = cfg.Need("smtp")
	if err == nil {
		err = checkSMTP(sctx, cfg)
	}
	cancel()
	who := "without login"
	if cfg.SMTP.Username != "" {
		who = "as " + cfg.SMTP.Username
	}
	if err != nil {
		failed = true
		fmt.Fprintf(stdout, "smtp    FAIL  %s (%s) %s: %v%s\n", cfg.SMTP.Addr, cfg.SMTP.TLS, who, err, caHint(err, "smtp"))
	} else {
		fmt.Fprintf(stdout, "smtp    ok    %s (%s) %s\n", cfg.SMTP.Addr, cfg.SMTP.TLS, who)
	}

	if cfg.Store.Driver == "postgres" {
		if checkPostgres(ctx, cfg, stdout) != nil {
			failed = true
		}
	} else if _, err := os.Stat(cfg.Store.Path); errors.Is(err, os.ErrNotExist) {
		if err := dirWritable(filepath.Dir(cfg.Store.Path)); err != nil {
			failed = true
			fmt.Fprintf(stdout, "store   FAIL  %s cannot be created: %v\n", cfg.Store.Path, err)
		} else {
			fmt.Fprintf(stdout, "store   ok    %s does not exist yet; it will be created\n", cfg.Store.Path)
		}
	} else if s, err := store.Open(ctx, cfg.Store.Path); err != nil {
		failed = true
		fmt.Fprintf(stdout, "store   FAIL  %v\n", err)
	} else {
		depth, derr := s.OutboxDepth(ctx)
		v, _ := s.SchemaVersion(ctx)
		s.Close()
		if derr != nil {
			failed = true
			fmt.Fprintf(stdout, "store   FAIL  %v\n", derr)
		} else {
			fmt.Fprintf(stdout, "store   ok    %s (schema %d), %d replies waiting to be sent\n", cfg.Store.Path, v, depth)
		}
	}
	if failed {
		return 1
	}
	return 0
}

// checkPostgres connects to the PostgreSQL store, brings its schema up to
// date as `jobback run` would, and checks the rights the daemon needs on
// its tables; it prints one line and returns what failed.
func checkPostgres(ctx context.Context, cfg *config.Config, stdout io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	name := storeName(cfg)
	s, err := openPostgres(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stdout, "store   FAIL  %s: %v\n", name, err)
		return err
	}
	defer s.Close()
	v, err := s.SchemaVersion(ctx)
	if err == nil {
		err = s.CheckRights(ctx)
	}
	var depth int
	if err == nil {
		depth, err = s.OutboxDepth(ctx)
	}
	if err != nil {
		fmt.Fprintf(stdout, "store   FAIL  %s: %v\n", name, err)
		return err
	}
	who, _, _ := s.Watcher(ctx)
	if who == "" {
		who = "none yet"
	}
	fmt.Fprintf(stdout, "store   ok    %s (schema %d, rights to read and write), %d replies waiting to be sent; watching the mailbox: %s\n",
		name, v, depth, who)
	return nil
}

// dirWritable reports why a file cannot be created in dir (it does not
// exist, is not a folder, or refuses a new file), or nil. It creates a
// file and removes it: permission bits alone do not say it for root or a
// read-only filesystem.
func dirWritable(dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("its folder: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	f, err := os.CreateTemp(dir, ".jobback-check-*")
	if err != nil {
		return fmt.Errorf("its folder %s takes no new file: %w", dir, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// checkSMTP connects to the SMTP server, says EHLO, upgrades to TLS and
// logs in as configured, with the sender `jobback run` uses, and offers
// the envelope replies use (from the assistant; to it too, for the copy,
// when smtp.copy_to_self is on); no message is sent.
func checkSMTP(ctx context.Context, cfg *config.Config) error {
	s, err := outbox.NewSubmitter(smtpOptions(cfg))
	if err != nil {
		return err
	}
	rcpt := ""
	if cfg.SMTP.CopyToSelf {
		rcpt = cfg.Assistant.Address
	}
	return s.Check(ctx, cfg.Assistant.Address, rcpt)
}

// caHint says where to name a certificate that nothing trusts.
func caHint(err error, section string) string {
	var ua x509.UnknownAuthorityError
	if errors.As(err, &ua) {
		return fmt.Sprintf(" (if the server's certificate or its CA is your own, name its PEM file in %s.ca_file)", section)
	}
	return ""
}

// mailboxOptions are the IMAP watcher's options from the configuration.
func mailboxOptions(cfg *config.Config, st appStore, logger *slog.Logger) mailbox.Options {
	o := mailbox.Options{
		Addr:         cfg.IMAP.Addr,
		TLS:          cfg.IMAP.TLS,
		Username:     cfg.IMAP.Username,
		Password:     cfg.IMAP.Password,
		Mailbox:      cfg.IMAP.Mailbox,
		Processed:    cfg.IMAP.Processed,
		PollInterval: cfg.IMAP.PollInterval.D(),
		MaxSize:      int64(cfg.Limits.MaxMessageSize),
		Logger:       logger,
		TLSConfig:    tlsConfig(cfg.IMAP.RootCAs()),
		Token:        tokenSource(cfg.IMAP.Auth, cfg.IMAP.TokenFile),
	}
	if st != nil {
		// the position, and group commit's one fsync before each batch is
		// marked (store.Options.Synchronous "GROUP")
		o.Cursor, o.BeforeMark = st, st.Sync
	}
	return o
}

// tokenSource reads the OAuth 2.0 token file at each login when auth is
// xoauth2, and is nil otherwise.
func tokenSource(auth, file string) func() (string, error) {
	if auth != config.AuthXOAUTH2 {
		return nil
	}
	return func() (string, error) { return config.ReadToken(file) }
}

// tlsConfig trusts roots when ca_file is set; nil leaves the system's
// roots to the client.
func tlsConfig(roots *x509.CertPool) *tls.Config {
	if roots == nil {
		return nil
	}
	return &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
}

// configFlag parses the flags of a sub-command whose only flag is
// --config FILE (default config.yaml) and which takes no arguments. It
// returns false after printing the usage when the arguments are wrong.
func configFlag(name, summary string, args []string, stderr io.Writer) (*string, bool) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "config.yaml", "the configuration `file`")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: jobback %s [--config FILE]\n", name)
		fmt.Fprintln(stderr, summary)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, false
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return nil, false
	}
	return configPath, true
}
