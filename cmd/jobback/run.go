package main

import (
	"context"
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
	"jobback/mailbox"
	"jobback/parser"
	"jobback/responder"
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
	if err != nil {
		fmt.Fprintf(stderr, "jobback run: %v\n", err)
		return 1
	}
	logger := newLogger(cfg.Log, stderr)

	// Count signals ourselves: main's context ends at the first one, the
	// second forces.
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)

	w, d, st, err := openDaemon(ctx, cfg, logger)
	if err != nil {
		logger.Error("cannot start", "err", err)
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
		logger.Error("stopped with an error", "err", err)
		fmt.Fprintf(stderr, "jobback run: %v\n", err)
		return 1
	}
	return 0
}

// openDaemon opens the store, connects to the IMAP server and prepares the
// daemon, as the configuration says. On error, what was opened is closed.
func openDaemon(ctx context.Context, cfg *config.Config, logger *slog.Logger) (*mailbox.Watcher, *daemon.Daemon, *store.SQLite, error) {
	st, err := store.OpenWith(ctx, cfg.Store.Path, store.Options{Synchronous: strings.ToUpper(cfg.Store.Synchronous)})
	if err != nil {
		return nil, nil, nil, err
	}
	resp, err := responder.New(responder.Options{
		Address:         cfg.Assistant.Address,
		Name:            cfg.Assistant.Name,
		MessageIDDomain: cfg.Assistant.MessageIDDomain,
		TemplatesDir:    cfg.TemplatesDir,
	})
	if err != nil {
		st.Close()
		return nil, nil, nil, fmt.Errorf("cannot load the reply templates: %w", err)
	}
	w, err := mailbox.Open(ctx, mailboxOptions(cfg, st, logger))
	if err != nil {
		st.Close()
		return nil, nil, nil, fmt.Errorf("cannot open the IMAP mailbox: %w", err)
	}
	others := []string{}
	if cfg.IMAP.Username != "" {
		others = append(others, cfg.IMAP.Username)
	}
	if cfg.SMTP.Username != "" {
		others = append(others, cfg.SMTP.Username)
	}
	d, err := daemon.Open(ctx, daemon.Options{
		Store:          st,
		Source:         w,
		Address:        cfg.Assistant.Address,
		OtherAddresses: others,
		Renderer:       renderer(resp),
		NewSender:      newSender(cfg.SMTP),
		IsPermanent:    responder.IsPermanent,
		Window:         cfg.Limits.ReplyWindow.D(),
		HourlyCap:      cfg.Limits.MaxRepliesPerHour,
		MaxSize:        int64(cfg.Limits.MaxMessageSize),
		SendTimeout:    cfg.SMTP.Timeout.D(),
		Senders:        cfg.Outbox.Senders,
		RetryBase:      cfg.Outbox.RetryInitial.D(),
		RetryMax:       cfg.Outbox.RetryMax.D(),
		GiveUpAfter:    cfg.Outbox.GiveUpAfter.D(),
		HTTPAddr:       cfg.HTTP.Addr,
		Logger:         logger,
	})
	if err != nil {
		w.Close(ctx)
		st.Close()
		return nil, nil, nil, err
	}
	return w, d, st, nil
}

// renderer adapts the responder to the daemon.
func renderer(resp *responder.Responder) daemon.Renderer {
	return daemon.RenderFunc(func(m *parser.Message) (daemon.Reply, error) {
		r, err := resp.Reply(m)
		if err != nil {
			return daemon.Reply{}, err
		}
		return daemon.Reply{MessageID: r.MessageID, To: r.To, Raw: r.Raw}, nil
	})
}

// newSender makes one go-mail client per sender goroutine.
func newSender(c config.SMTP) func() (daemon.Sender, error) {
	return func() (daemon.Sender, error) {
		s, err := responder.NewSender(responder.SMTPOptions{
			Addr: c.Addr, TLS: c.TLS, Username: c.Username, Password: c.Password, Timeout: c.Timeout.D(),
		})
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
