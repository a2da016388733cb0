package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"jobback/config"
	"jobback/daemon"
	"jobback/daemon/localmail"
	"jobback/mailbox"
	"jobback/store"
)

// The demo's assistant. Nothing is sent anywhere: the SMTP server is in
// this process.
const (
	demoAddress = "help@jobback.example"
	demoDomain  = "jobback.example"
)

// runDemo is `jobback demo`: the daemon against an IMAP and an SMTP server
// running inside this process on loopback, with a temporary store. With
// --send FILE it delivers that message, prints the reply and exits;
// without, it prints how to point a mail client at it and runs until
// Ctrl-C.
func runDemo(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	send := fs.String("send", "", "deliver this message `file` (\"-\" for standard input), print the reply and exit")
	timeout := fs.Duration("timeout", 30*time.Second, "with --send, how long to wait for the reply")
	verbose := fs.Bool("v", false, "log what the daemon does")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jobback demo [--send FILE] [-v]")
		fmt.Fprintln(stderr, "Runs the daemon against IMAP and SMTP servers inside this process (loopback only),")
		fmt.Fprintln(stderr, "with a temporary store. Nothing is sent anywhere.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	var raw []byte
	if *send != "" {
		var err error
		if *send == "-" {
			raw, err = readLimited(stdin)
		} else {
			raw, err = readFile(*send)
		}
		if err != nil {
			fmt.Fprintf(stderr, "jobback demo: %v\n", err)
			return 1
		}
	}

	level := slog.LevelWarn
	if *verbose || *send == "" {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	if *send != "" && !*verbose {
		logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	}

	dm, err := startDemo(ctx, logger)
	if err != nil {
		fmt.Fprintf(stderr, "jobback demo: %v\n", err)
		return 1
	}
	defer dm.close()

	if *send != "" {
		return dm.sendOne(ctx, raw, *timeout, stdout, stderr)
	}
	fmt.Fprintf(stdout, `jobback demo is running; Ctrl-C stops it. Nothing leaves this computer.

Set up a mail client with these servers (plain connections, on this computer only):
  outgoing mail (SMTP): %s, no login
  incoming mail (IMAP): %s, user %q, password %q
Write to %s from any address; the reply arrives in that IMAP inbox.

To try a single message without a mail client, run instead:
  jobback demo --send parser/testdata/situations/06-gmail.eml
`, dm.mail.SMTPAddr, dm.mail.IMAPAddr, localmail.Person, localmail.Person, demoAddress)
	<-ctx.Done()
	fmt.Fprintln(stdout, "stopping")
	return dm.stop()
}

type demo struct {
	mail   *localmail.Servers
	dir    string
	st     *store.SQLite
	w      *mailbox.Watcher
	d      *daemon.Daemon
	cancel context.CancelFunc
	done   chan error
}

// startDemo starts the servers and the daemon.
func startDemo(ctx context.Context, logger *slog.Logger) (dm *demo, err error) {
	dm = &demo{}
	defer func() {
		if err != nil {
			dm.close()
		}
	}()
	dm.mail, err = localmail.Start(localmail.Options{Address: demoAddress})
	if err != nil {
		return nil, err
	}
	dm.dir, err = os.MkdirTemp("", "jobback-demo-")
	if err != nil {
		return nil, fmt.Errorf("cannot make a temporary folder: %w", err)
	}
	// The configuration `jobback run` would read, pointed at the servers
	// in this process; follow-ups and copies to our own address as by
	// default.
	cfg := config.Default()
	cfg.Assistant.Address = demoAddress
	cfg.Assistant.MessageIDDomain = demoDomain
	cfg.IMAP.Addr, cfg.IMAP.TLS = dm.mail.IMAPAddr, config.TLSNone
	cfg.IMAP.Username, cfg.IMAP.Password = dm.mail.Username, dm.mail.Password
	cfg.IMAP.PollInterval = config.Duration(time.Second)
	cfg.SMTP.Addr, cfg.SMTP.TLS = dm.mail.SMTPAddr, config.TLSNone
	cfg.Store.Path = filepath.Join(dm.dir, "jobback.db")
	cfg.HTTP.Addr = ""
	cfg.Outbox.RetryInitial, cfg.Outbox.RetryMax = config.Duration(time.Second), config.Duration(5*time.Second)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}

	dm.st, err = openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	opts, err := daemonOptions(cfg, dm.st, logger)
	if err != nil {
		return nil, err
	}
	dm.w, err = mailbox.Open(ctx, mailboxOptions(cfg, dm.st, logger))
	if err != nil {
		return nil, fmt.Errorf("cannot open the demo mailbox: %w", err)
	}
	opts.Source = dm.w
	opts.PollInterval = time.Second
	dm.d, err = daemon.Open(ctx, opts)
	if err != nil {
		return nil, err
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	dm.cancel, dm.done = cancel, make(chan error, 1)
	go func() { dm.done <- dm.d.Run(runCtx) }()
	return dm, nil
}

// stop stops the daemon gracefully and reports how it went.
func (dm *demo) stop() int {
	if dm.d == nil || dm.done == nil {
		return 0
	}
	dm.cancel()
	err := <-dm.done
	dm.done = nil
	if err != nil {
		fmt.Fprintf(os.Stderr, "jobback demo: %v\n", err)
		return 1
	}
	return 0
}

// close releases everything, stopping the daemon first if it runs.
func (dm *demo) close() {
	if dm.done != nil {
		dm.cancel()
		<-dm.done
		dm.done = nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if dm.w != nil {
		dm.w.Close(ctx)
	}
	if dm.d != nil {
		dm.d.Close(ctx)
	}
	if dm.st != nil {
		dm.st.Close()
	}
	if dm.mail != nil {
		dm.mail.Close()
	}
	if dm.dir != "" {
		os.RemoveAll(dm.dir)
	}
}

// sendOne delivers raw into the assistant's inbox, waits until the daemon
// has recorded it and, if it decided to answer, until the reply is out, and
// prints the reply (or why there is none).
func (dm *demo) sendOne(ctx context.Context, raw []byte, timeout time.Duration, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	uid, err := dm.mail.Deliver(raw)
	if err != nil {
		fmt.Fprintf(stderr, "jobback demo: %v\n", err)
		return 1
	}
	var rec *store.InboundRow
	for rec == nil {
		rows, err := dm.st.ListInbound(ctx)
		if err != nil && ctx.Err() == nil {
			fmt.Fprintf(stderr, "jobback demo: %v\n", err)
			return 1
		}
		for i := range rows {
			if rows[i].Inbound.Key.UID == uid {
				rec = &rows[i]
			}
		}
		if rec != nil {
			break
		}
		select {
		case <-ctx.Done():
			fmt.Fprintf(stderr, "jobback demo: the daemon did not take the message within %s\n", timeout)
			return 1
		case <-time.After(10 * time.Millisecond):
		}
	}
	if rec.Inbound.Decision != store.DecisionAnswered {
		fmt.Fprintf(stdout, "jobback does not answer this message: %s", describe(rec.Inbound.Decision))
		if rec.Inbound.Reason != "" {
			fmt.Fprintf(stdout, " (%s)", rec.Inbound.Reason)
		}
		fmt.Fprintln(stdout)
		return 0
	}
	sent, err := dm.mail.WaitSent(ctx, 1)
	if err != nil {
		fmt.Fprintf(stderr, "jobback demo: the reply was not sent within %s\n", timeout)
		return 1
	}
	if _, err := stdout.Write(sent[0].Raw); err != nil {
		return 1
	}
	return dm.stop()
}

// describe says in words why a message got no reply.
func describe(d store.Decision) string {
	switch d {
	case store.DecisionIgnored:
		return "it is automatic mail (an auto-reply, a bounce, a list or bulk message), and answering it could start a mail loop"
	case store.DecisionOwnAddress:
		return "it comes from, or asks replies to go to, the assistant's own address"
	case store.DecisionWindow:
		return "this person was advised recently; the message updates their case"
	case store.DecisionCapped:
		return "the hourly limit of replies is reached"
	case store.DecisionOversize:
		return "it is larger than the size limit"
	case store.DecisionTooOld:
		return "it reached the mailbox longer ago than limits.max_age"
	case store.DecisionCommand:
		return "it is a reply with a command word (STOP, SENT, YES, NO, SNOOZE or FORGET); the follow-ups were changed as it asks"
	case store.DecisionHelp:
		return "it comes from someone already advised and holds no command word; a short note on the words jobback understands was sent"
	case store.DecisionUnreadable:
		return "it could not be read"
	case store.DecisionNoSender:
		return "it has no sender address to answer"
	}
	return string(d)
}
