package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"jobback/config"
	"jobback/daemon"
	"jobback/daemon/localmail"
	"jobback/domain"
	"jobback/mailbox"
	"jobback/parser"
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
	raw := fs.Bool("raw", false, "with --send, print the reply's bytes (RFC 5322) instead of the text a person reads")
	timeout := fs.Duration("timeout", 30*time.Second, "with --send, how long to wait for the reply")
	imapPort := fs.Int("imap-port", 1143, "the IMAP server's `port` on 127.0.0.1 (0: a free one; with --send, a free one unless given)")
	smtpPort := fs.Int("smtp-port", 2525, "the SMTP server's `port` on 127.0.0.1 (0: a free one; with --send, a free one unless given)")
	httpPort := fs.Int("http-port", 9310, "the `port` of the status page, /metrics and /healthz on 127.0.0.1 (0: a free one; with --send, none unless given)")
	dir := fs.String("store", "", "keep the store (cases, follow-ups) and the demo's config.yaml in this `folder` between runs (default: a temporary folder, removed at the end)")
	verbose := fs.Bool("v", false, "log what the daemon does")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jobback demo [--send FILE [--raw]] [--store DIR] [--imap-port N] [--smtp-port N] [--http-port N] [-v]")
		fmt.Fprintln(stderr, "Runs the daemon against IMAP and SMTP servers inside this process (loopback only).")
		fmt.Fprintln(stderr, "Nothing is sent anywhere.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	var msg []byte
	if *send != "" {
		var err error
		if *send == "-" {
			msg, err = readLimited(stdin)
		} else {
			msg, err = readFile(*send)
		}
		if err != nil {
			fmt.Fprintf(stderr, "jobback demo: %v\n", err)
			return 1
		}
		// Not a message at all: said here, not delivered and recorded as
		// unreadable.
		if _, err := parser.Parse(msg); errors.Is(err, parser.ErrNotMessage) {
			fmt.Fprintf(stderr, "jobback demo: %s: %s\n", *send, parseError(err))
			return 1
		}
	}
	// Fixed ports for a mail client set up once; free ones (and no HTTP)
	// for a single --send, which may run beside a demo already listening,
	// unless they are given.
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	port := func(name string, p int) string {
		if *send != "" && !given[name] {
			p = 0
		}
		return fmt.Sprintf("127.0.0.1:%d", p)
	}
	httpAddr := port("http-port", *httpPort)
	if *send != "" && !given["http-port"] {
		httpAddr = ""
	} else if strings.HasSuffix(httpAddr, ":0") {
		// the configuration wants a port number: take a free one now
		ln, err := net.Listen("tcp", httpAddr)
		if err != nil {
			fmt.Fprintf(stderr, "jobback demo: %v\n", err)
			return 1
		}
		httpAddr = ln.Addr().String()
		ln.Close()
	}
	prog := "jobback"
	if strings.HasPrefix(os.Args[0], "./") || strings.HasPrefix(os.Args[0], "../") {
		prog = os.Args[0] // as it was started: the commands below work as printed
	}

	level := slog.LevelWarn
	if *verbose || *send == "" {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	if *send != "" && !*verbose {
		logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	}

	dm, err := startDemo(ctx, logger, demoSetup{imapAddr: port("imap-port", *imapPort), smtpAddr: port("smtp-port", *smtpPort),
		httpAddr: httpAddr, dir: *dir})
	if err != nil {
		fmt.Fprintf(stderr, "jobback demo: %v\n", err)
		return 1
	}
	defer dm.close()

	if *send != "" {
		return dm.sendOne(ctx, msg, *timeout, *raw, stdout, stderr)
	}
	fmt.Fprintf(stdout, `jobback demo is running; Ctrl-C stops it. Nothing leaves this computer.

Set up a mail client with these servers (plain connections, on this computer only):
  outgoing mail (SMTP): %s, no login
  incoming mail (IMAP): %s, user %q, password %q
Write to %s from any address; the reply arrives in that IMAP inbox.
`, dm.mail.SMTPAddr, dm.mail.IMAPAddr, localmail.Person, localmail.Person, demoAddress)
	if a := dm.d.HTTPAddr(); a != "" {
		fmt.Fprintf(stdout, "The status page, as the person who runs jobback sees it: http://%s/\n", a)
	}
	if *dir != "" {
		fmt.Fprintf(stdout, `
The store is kept in %[1]s. Once you have had the advice, move the clock in another
terminal to see the follow-ups arrive in the same inbox:
  %[3]s followups run-due --config %[2]s --now +3d    (the nudge to send the letter)
  %[3]s followups run-due --config %[2]s --now +22d   (check-ins, and the backup-plan checklist)
and see the whole story:
  %[3]s cases --config %[2]s --person YOUR-ADDRESS
The mailboxes themselves live in memory and start empty at each run.
`, *dir, dm.config, prog)
	}
	fmt.Fprintf(stdout, `
To try a single message without a mail client, run instead:
  %s demo --send parser/testdata/situations/06-gmail.eml
`, prog)
	<-ctx.Done()
	fmt.Fprintln(stdout, "stopping")
	return dm.stop()
}

// demoSetup is where the demo listens and keeps its store.
type demoSetup struct {
	imapAddr, smtpAddr string
	httpAddr           string // "" for none
	dir                string // "" for a temporary folder, removed at the end
}

type demo struct {
	mail   *localmail.Servers
	dir    string // a temporary folder to remove, or ""
	config string // the config.yaml the demo runs with
	st     appStore
	w      *mailbox.Watcher
	d      *daemon.Daemon
	cancel context.CancelFunc
	done   chan error
}

// startDemo starts the servers and the daemon. The configuration it runs
// with is written to config.yaml in the store's folder and read back from
// there, so that `jobback followups` and `jobback cases` can be pointed at
// the same store.
func startDemo(ctx context.Context, logger *slog.Logger, set demoSetup) (dm *demo, err error) {
	dm = &demo{}
	defer func() {
		if err != nil {
			dm.close() // what was opened so far
		}
	}()
	dir := set.dir
	if dir == "" {
		dm.dir, err = os.MkdirTemp("", "jobback-demo-")
		if err != nil {
			return dm, fmt.Errorf("cannot make a temporary folder: %w", err)
		}
		dir = dm.dir
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return dm, fmt.Errorf("cannot make the demo's folder: %w", err)
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return dm, err
	}
	// The demo's mailboxes live in memory and start empty at each run: a
	// kept store has seen UIDs of the earlier run's INBOX, so this run's
	// gets a new UIDVALIDITY, as a mailbox made anew would.
	validity, err := nextValidity(ctx, filepath.Join(dir, "jobback.db"))
	if err != nil {
		return dm, err
	}
	dm.mail, err = localmail.Start(localmail.Options{Address: demoAddress, IMAPAddr: set.imapAddr, SMTPAddr: set.smtpAddr,
		UIDValidity: validity})
	if err != nil {
		return dm, fmt.Errorf("%w (is a demo already running? --imap-port and --smtp-port choose other ports)", err)
	}
	// The configuration `jobback run` would read, pointed at the servers
	// in this process; follow-ups and copies to our own address as by
	// default.
	dm.config = filepath.Join(dir, "config.yaml")
	yml := fmt.Sprintf(`# Written by jobback demo: the configuration the demo runs with, for
# jobback followups run-due --config %[1]s --now TIME
# jobback cases --config %[1]s
assistant: {address: %[2]s, message_id_domain: %[3]s}
imap: {addr: %[4]q, tls: none, username: %[5]q, password: %[6]q, poll_interval: 1s}
smtp: {addr: %[7]q, tls: none}
store: {path: %[8]q}
http: {addr: %[9]q}
outbox: {retry_initial: 1s, retry_max: 5s}
# follow-ups late by up to 90 days still go out, and none waits for the
# person's morning, so that moving the clock ahead shows every one of them
followups: {staleness: 2160h, quiet_hours: "00:00-00:00"}
`, dm.config, demoAddress, demoDomain, dm.mail.IMAPAddr, dm.mail.Username, dm.mail.Password, dm.mail.SMTPAddr,
		filepath.Join(dir, "jobback.db"), set.httpAddr)
	if err := os.WriteFile(dm.config, []byte(yml), 0o600); err != nil {
		return dm, fmt.Errorf("cannot write the demo's configuration: %w", err)
	}
	cfg, err := config.LoadFile(dm.config)
	if err != nil {
		return dm, err
	}

	dm.st, err = openStore(ctx, cfg)
	if err != nil {
		return dm, err
	}

	opts, err := daemonOptions(cfg, dm.st, logger)
	if err != nil {
		return dm, err
	}
	dm.w, err = mailbox.Open(ctx, mailboxOptions(cfg, dm.st, logger))
	if err != nil {
		return dm, fmt.Errorf("cannot open the demo mailbox: %w", err)
	}
	opts.Source = dm.w
	opts.PollInterval = time.Second
	dm.d, err = daemon.Open(ctx, opts)
	if err != nil {
		return dm, err
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	dm.cancel, dm.done = cancel, make(chan error, 1)
	go func() { dm.done <- dm.d.Run(runCtx) }()
	return dm, nil
}

// nextValidity is one more than the UIDVALIDITY the store at path last saw
// in the INBOX, or 1 for a new store.
func nextValidity(ctx context.Context, path string) (uint32, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return 1, nil
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	v, _, err := st.Position(ctx, "INBOX")
	if err != nil {
		return 0, err
	}
	return v + 1, nil
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
func (dm *demo) sendOne(ctx context.Context, raw []byte, timeout time.Duration, printRaw bool, stdout, stderr io.Writer) int {
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
	if rec.Inbound.Decision != domain.DecisionAnswered {
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
	if printRaw {
		if _, err := stdout.Write(sent[0].Raw); err != nil {
			return 1
		}
	} else if err := printReadable(stdout, sent[0].Raw); err != nil {
		fmt.Fprintf(stderr, "jobback demo: cannot show the reply: %v (--raw prints its bytes)\n", err)
		return 1
	}
	return dm.stop()
}

// describe says in words why a message got no reply.
func describe(d domain.Decision) string {
	switch d {
	case domain.DecisionIgnored:
		return "it is automatic mail (an auto-reply, a bounce, a list or bulk message), and answering it could start a mail loop"
	case domain.DecisionOwnAddress:
		return "it comes from, or asks replies to go to, the assistant's own address"
	case domain.DecisionWindow:
		return "this person was advised recently; the message updates their case"
	case domain.DecisionCapped:
		return "the hourly limit of replies is reached"
	case domain.DecisionOversize:
		return "it is larger than the size limit"
	case domain.DecisionTooOld:
		return "it reached the mailbox longer ago than limits.max_age"
	case domain.DecisionCommand:
		return "it is a reply with a command word (STOP, SENT, YES, NO, SNOOZE or FORGET); the follow-ups were changed as it asks"
	case domain.DecisionHelp:
		return "it comes from someone already advised and holds no command word; a short note on the words jobback understands was sent"
	case domain.DecisionUnreadable:
		return "it could not be read"
	case domain.DecisionNoSender:
		return "it has no sender address to answer"
	}
	return string(d)
}
