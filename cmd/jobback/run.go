package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"jobback/config"
	"jobback/daemon"
	"jobback/domain"
	"jobback/mailbox"
	"jobback/outbox"
	"jobback/responder"
	"jobback/schedule"
	"jobback/store"
)

// shutdownGrace bounds how long stopping may take once the daemon has
// finished its work in flight.
const shutdownGrace = 30 * time.Second

// runRun is `jobback run --config F`: the daemon, until SIGINT or SIGTERM.
// The first signal stops it gracefully (no new work; the message and the
// sends in flight finish); a second one forces it to stop at once.
func runRun(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	configPath, ok := configFlag("run", "Runs the daemon: answers the mail arriving in the IMAP inbox until stopped with Ctrl-C or SIGTERM.", args, stderr)
	if !ok {
		return 2
	}
	cfg, err := config.LoadFile(*configPath)
	if err == nil {
		err = needForRun(cfg)
	}
	if err != nil {
		fmt.Fprintf(stderr, "jobback run: %v\n", err)
		return 1
	}
	logger := personLogger(cfg, newLogger(cfg.Log, stderr))
	for _, w := range cfg.Warnings() {
		logger.Warn("config: " + w)
	}

	// Count signals ourselves: main's context ends at the first one, the
	// second forces.
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)

	w, d, st, err := openDaemon(ctx, cfg, logger)
	if err != nil {
		// once, on stderr (where the log goes too)
		fmt.Fprintf(stderr, "jobback run: %v\n", err)
		return 1
	}
	soft, stopSoft := context.WithCancel(ctx)
	defer stopSoft()
	done := make(chan struct{})
	go func() {
		n := 0
		for {
			select {
			case <-done:
				return
			case sig := <-sigs:
				n++
				if n == 1 {
					logger.Debug("signal received; a second one forces the stop", "signal", sig.String())
					stopSoft()
				} else {
					logger.Warn("forced to stop; work in flight is cut short and will be redone on the next start")
					d.Abort()
				}
			}
		}
	}()

	runErr := d.Run(soft)
	close(done)
	closeCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err = errors.Join(runErr, w.Close(closeCtx), d.Close(closeCtx), st.Close())
	if err != nil {
		fmt.Fprintf(stderr, "jobback run: %v\n", err)
		return 1
	}
	return 0
}

// needForRun checks the secrets the daemon uses: the IMAP and SMTP logins,
// and the key of one-click unsubscribe links when they are on.
func needForRun(cfg *config.Config) error {
	secs := []string{"imap", "smtp"}
	if cfg.HTTP.Addr != "" {
		secs = append(secs, "http") // the status token
	}
	if cfg.Followups.UnsubscribeURL != "" {
		secs = append(secs, "followups")
	}
	return cfg.Need(secs...)
}

// personLogger wraps l so that no address but ours is logged at info level
// and above (daemon.NewLogHandler), with log.person_key, or a key made now
// and kept in cfg for the daemon's own log.
func personLogger(cfg *config.Config, l *slog.Logger) *slog.Logger {
	if cfg.Log.PersonKey == "" {
		b := make([]byte, 32)
		rand.Read(b)
		cfg.Log.PersonKey = hex.EncodeToString(b)
	}
	own := []string{cfg.Assistant.Address, cfg.IMAP.Username, cfg.SMTP.Username}
	return slog.New(daemon.NewLogHandler(l.Handler(), []byte(cfg.Log.PersonKey), own))
}

// openDaemon opens the store, connects to the IMAP server and prepares the
// daemon, as the configuration says. On error, what was opened is closed.
func openDaemon(ctx context.Context, cfg *config.Config, logger *slog.Logger) (*mailbox.Watcher, *daemon.Daemon, appStore, error) {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return nil, nil, nil, err
	}
	opts, err := daemonOptions(cfg, st, logger)
	if err != nil {
		st.Close()
		return nil, nil, nil, err
	}
	w, err := mailbox.Open(ctx, mailboxOptions(cfg, st, logger))
	if err != nil {
		st.Close()
		return nil, nil, nil, fmt.Errorf("cannot open the IMAP mailbox: %w", err)
	}
	opts.Source = w
	if pg, ok := st.(*store.Postgres); ok {
		// Several instances may share the database: this one watches the
		// mailbox only while it holds the turn; all of them send.
		turns, err := daemon.NewTurns(daemon.TurnsOptions{
			Take:     daemon.TakeWith(pg.TryWatch),
			Source:   w,
			Takeover: cfg.IMAP.Takeover.D(),
			Logger:   logger,
		})
		if err != nil {
			w.Close(ctx)
			st.Close()
			return nil, nil, nil, err
		}
		opts.Source, opts.Watching, opts.Instance = turns, turns.Watching, pg.Instance()
	}
	d, err := daemon.Open(ctx, opts)
	if err != nil {
		w.Close(ctx)
		st.Close()
		return nil, nil, nil, err
	}
	return w, d, st, nil
}

// daemonOptions is everything the daemon needs from the configuration but
// its Source: the responder (as Renderer and Writer), the SMTP senders,
// the limits, the follow-up Planner and its clock, one-click unsubscribe,
// and the copies of replies to our own address with Confirm looking for
// them in the watched mailbox (and the processed folder, if it is one).
func daemonOptions(cfg *config.Config, st appStore, logger *slog.Logger) (daemon.Options, error) {
	resp, err := responder.New(responder.Options{
		Address:         cfg.Assistant.Address,
		Name:            cfg.Assistant.Name,
		MessageIDDomain: cfg.Assistant.MessageIDDomain,
		TemplatesDir:    cfg.TemplatesDir,
	})
	if err != nil {
		return daemon.Options{}, fmt.Errorf("cannot load the reply templates: %w", err)
	}
	pl, err := planner(cfg.Followups)
	if err != nil {
		return daemon.Options{}, err
	}
	tick, err := cfg.Followups.TickSchedule() // as config.Validate parsed it
	if err != nil {
		return daemon.Options{}, fmt.Errorf("followups.tick: %w", err)
	}
	opts := daemon.Options{
		Store:   st,
		Address: cfg.Assistant.Address,
		// our other addresses (aliases, the logins) come with the screen
		Screen:            screenOf(cfg),
		Renderer:          resp,
		Writer:            resp,
		Planner:           pl,
		DueEvery:          tick,
		NewSender:         newSender(cfg),
		IsPermanent:       outbox.IsPermanent,
		Window:            cfg.Limits.ReplyWindow.D(),
		HourlyCap:         cfg.Limits.MaxRepliesPerHour,
		PersonDailyCap:    cfg.Limits.MaxPerPersonPerDay,
		MaxSize:           int64(cfg.Limits.MaxMessageSize),
		MaxAge:            cfg.Limits.MaxAge.D(),
		SendTimeout:       cfg.SMTP.Timeout.D(),
		Senders:           cfg.Outbox.Senders,
		RetryBase:         cfg.Outbox.RetryInitial.D(),
		RetryMax:          cfg.Outbox.RetryMax.D(),
		GiveUpAfter:       cfg.Outbox.GiveUpAfter.D(),
		CopySelf:          cfg.SMTP.CopyToSelf,
		CopyWait:          cfg.Outbox.CopyWait.D(),
		Lease:             cfg.Outbox.Lease.D(),
		HTTPAddr:          cfg.HTTP.Addr,
		HealthIMAPDown:    cfg.HTTP.HealthIMAPDown.D(),
		HealthOutboxStuck: cfg.HTTP.HealthOutboxStuck.D(),
		HealthCheckEvery:  cfg.HTTP.HealthCheckEvery.D(),
		StatusToken:       cfg.HTTP.StatusToken,
		LogKey:            []byte(cfg.Log.PersonKey),
		Logger:            logger,
	}
	if pl != nil && cfg.Followups.UnsubscribeURL != "" {
		opts.UnsubscribeURL = cfg.Followups.UnsubscribeURL
		opts.UnsubscribeKey = []byte(cfg.Followups.UnsubscribeSecret)
	}
	if cfg.SMTP.CopyToSelf {
		opts.Confirm = confirmer(cfg, logger)
	}
	if cfg.IMAP.EraseForgotten {
		opts.Erase = eraser(cfg, logger)
	}
	return opts, nil
}

// eraser erases messages by Message-ID from the watched and processed
// folders, for FORGET (daemon.Options.Erase).
func eraser(cfg *config.Config, logger *slog.Logger) func(ctx context.Context, ids []string) error {
	opts := mailboxOptions(cfg, nil, logger)
	return func(ctx context.Context, ids []string) error {
		res, err := mailbox.Erase(ctx, opts, copyFolders(cfg), ids)
		if res.Flagged > 0 {
			logger.Warn("forgotten mail is flagged \\Deleted but the server cannot expunge only it (no UIDPLUS): it goes at the next expunge by you or your client",
				"messages", res.Flagged)
		}
		return err
	}
}

// copyFolders are where a message of ours or theirs may be: the watched
// folder and, when handled mail is moved, the processed folder.
func copyFolders(cfg *config.Config) []string {
	folders := []string{cfg.IMAP.Mailbox}
	if cfg.IMAP.Processed != domain.ProcessedFlag {
		folders = append(folders, cfg.IMAP.Processed)
	}
	return folders
}

// planner builds the follow-up Planner from the followups section; nil
// when follow-ups are turned off. The check-in, the quiet hours and the
// zone go as config.Validate parsed them (its accessors parse only a value
// set by hand since, as a test may).
func planner(f config.Followups) (*schedule.Planner, error) {
	if !f.Enabled {
		return nil, nil
	}
	quiet, err := f.Quiet()
	if err != nil {
		return nil, fmt.Errorf("followups.quiet_hours: %w", err)
	}
	zone, err := f.Location()
	if err != nil {
		return nil, fmt.Errorf("followups.default_time_zone: %w", err)
	}
	checkIn, err := f.CheckInSchedule()
	if err != nil {
		return nil, fmt.Errorf("followups.check_in: %w", err)
	}
	pl, err := schedule.New(schedule.Plan{
		NudgeAfter:        f.NudgeAfter.D(),
		FollowUpAfterSent: f.FollowUpAfterSent.D(),
		ChecklistAfter:    f.ChecklistAfter.D(),
		CheckIn:           checkIn,
		Quiet:             &quiet,
		Staleness:         f.Staleness.D(),
		Snooze:            f.Snooze.D(),
		DefaultZone:       zone,
	})
	if err != nil {
		return nil, fmt.Errorf("cannot plan follow-ups: %w", err)
	}
	return pl, nil
}

// confirmer looks for the copy of one of our messages (smtp.copy_to_self)
// in the watched mailbox and, when handled messages are moved, in the
// processed folder, over its own IMAP connection with the watcher's
// options.
func confirmer(cfg *config.Config, logger *slog.Logger) func(ctx context.Context, messageID string) (bool, error) {
	opts := mailboxOptions(cfg, nil, logger)
	folders := copyFolders(cfg)
	return func(ctx context.Context, messageID string) (bool, error) {
		found, err := mailbox.Find(ctx, opts, folders, []string{messageID})
		if err != nil {
			return false, err
		}
		return found[messageID], nil
	}
}

// smtpOptions are the sender's options from the configuration.
func smtpOptions(cfg *config.Config) outbox.SMTPOptions {
	c := cfg.SMTP
	return outbox.SMTPOptions{
		Addr: c.Addr, TLS: c.TLS, Username: c.Username, Password: c.Password, Timeout: c.Timeout.D(),
		Auth: c.Auth, Token: tokenSource(c.Auth, c.TokenFile),
		TLSConfig: tlsConfig(c.RootCAs()), HELO: heloName(cfg),
	}
}

// heloName is the name jobback gives in EHLO: smtp.helo, else this
// machine's name when it is a full domain name (RFC 5321 section 4.1.1.1
// asks for one, and servers may refuse a bare "localhost" or a container's
// name), else the assistant's Message-ID domain.
func heloName(cfg *config.Config) string {
	if cfg.SMTP.HELO != "" {
		return cfg.SMTP.HELO
	}
	if h, err := os.Hostname(); err == nil && strings.Contains(strings.Trim(h, "."), ".") {
		return h
	}
	return cfg.Assistant.MessageIDDomain
}

// newSender makes one go-mail client per sender goroutine.
func newSender(cfg *config.Config) func() (outbox.Sender, error) {
	return func() (outbox.Sender, error) {
		s, err := outbox.NewSubmitter(smtpOptions(cfg))
		if err != nil {
			return nil, err
		}
		return s, nil
	}
}

// newLogger makes the log/slog logger the configuration asks for.
func newLogger(c config.Log, w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.Level)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
