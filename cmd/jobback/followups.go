package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"jobback/config"
	"jobback/daemon"
	"jobback/schedule"
	"jobback/store"
)

// followupsUsage is the usage of `jobback followups`.
const followupsUsage = `usage: jobback followups list [--config FILE] [--person ADDRESS] [--limit N]
       jobback followups run-due [--config FILE] --now TIME [--timeout D]
list     prints the follow-ups still to send, earliest first.
run-due  queues the follow-ups due at TIME (RFC 3339, e.g. 2026-11-23T09:00:00Z) and,
         unless a daemon runs on the store, sends what is queued.`

// runFollowups is `jobback followups list|run-due`.
func runFollowups(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stderr, followupsUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	switch args[0] {
	case "list":
		return followupsList(ctx, args[1:], stdout, stderr)
	case "run-due":
		return followupsRunDue(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "jobback followups: unknown sub-command %q\n%s\n", args[0], followupsUsage)
	return 2
}

// followupsList is `jobback followups list`: the pending follow-ups, each
// with its due time in UTC and on the person's clock (the zone of their
// case, or followups.default_time_zone when it is unknown).
func followupsList(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("followups list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "config.yaml", "the configuration `file`")
	person := fs.String("person", "", "only the follow-ups of this `address`")
	limit := fs.Int("limit", 100, "print at most `N` follow-ups (0: all)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jobback followups list [--config FILE] [--person ADDRESS] [--limit N]")
		fmt.Fprintln(stderr, "Prints the follow-ups still to send, earliest first.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || *limit < 0 {
		fs.Usage()
		return 2
	}
	cfg, err := config.LoadFile(*configPath)
	if err != nil {
		fmt.Fprintf(stderr, "jobback followups list: %v\n", err)
		return 1
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "jobback followups list: %v\n", err)
		return 1
	}
	defer st.Close()
	if err := listFollowups(ctx, cfg, st, strings.ToLower(strings.TrimSpace(*person)), *limit, stdout); err != nil {
		fmt.Fprintf(stderr, "jobback followups list: %v\n", err)
		return 1
	}
	return 0
}

// listFollowups prints up to limit pending follow-ups (of person, or
// everyone's when "") as a table with a header line.
func listFollowups(ctx context.Context, cfg *config.Config, st appStore, person string, limit int, w io.Writer) error {
	fs, err := st.ListFollowups(ctx, person, limit)
	if err != nil {
		return err
	}
	if len(fs) == 0 {
		_, err := fmt.Fprintln(w, "no follow-ups pending")
		return err
	}
	def, err := cfg.Followups.Location()
	if err != nil {
		return fmt.Errorf("followups.default_time_zone: %w", err)
	}
	zones := map[string]*time.Location{}
	zoneOf := func(p string) (*time.Location, error) {
		if z, ok := zones[p]; ok {
			return z, nil
		}
		z := def
		c, err := st.Case(ctx, p)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return nil, err
		case c.TZOffset != nil:
			z = schedule.Zone(*c.TZOffset * 60)
		}
		zones[p] = z
		return z, nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DUE (UTC)\tDUE (THEIR TIME)\tKIND\tPERSON")
	for _, f := range fs {
		z, err := zoneOf(f.Person)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.DueAt.UTC().Format("2006-01-02 15:04 MST"),
			f.DueAt.In(z).Format("Mon 2006-01-02 15:04 MST"), f.Kind, f.Person)
	}
	return tw.Flush()
}

// followupsRunDue is `jobback followups run-due --now TIME`: the walk the
// daemon's clock makes, run once as of TIME; then, if no daemon holds the
// store, the daemon's senders send what is queued until nothing is due.
func followupsRunDue(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("followups run-due", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "config.yaml", "the configuration `file`")
	nowFlag := fs.String("now", "", "queue the follow-ups due at this `time`: RFC 3339 (2026-11-23T09:00:00Z), or from now (+50h, +3d); required")
	timeout := fs.Duration("timeout", 2*time.Minute, "how long sending what is queued may take")
	verbose := fs.Bool("v", false, "log what the daemon does")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jobback followups run-due [--config FILE] --now TIME [--timeout D] [-v]")
		fmt.Fprintln(stderr, "Queues the follow-ups due at TIME, then sends what is queued unless a daemon runs on the store.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	if *nowFlag == "" {
		fmt.Fprintln(stderr, "jobback followups run-due: --now is required (an RFC 3339 time, e.g. 2026-11-23T09:00:00Z)")
		return 2
	}
	now, err := parseNow(*nowFlag, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "jobback followups run-due: --now %q is not an RFC 3339 time like 2026-11-23T09:00:00Z or 2026-11-23T09:00:00-05:00, nor a time from now like +50h or +3d\n", *nowFlag)
		return 2
	}
	if *timeout <= 0 {
		fmt.Fprintln(stderr, "jobback followups run-due: --timeout must be positive")
		return 2
	}
	cfg, err := config.LoadFile(*configPath)
	if err != nil {
		fmt.Fprintf(stderr, "jobback followups run-due: %v\n", err)
		return 1
	}
	if !cfg.Followups.Enabled {
		fmt.Fprintln(stderr, "jobback followups run-due: follow-ups are turned off (followups.enabled: false)")
		return 1
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	logger := newLogger(config.Log{Format: cfg.Log.Format, Level: level.String()}, stderr)
	if err := runDue(ctx, cfg, now, *timeout, logger, stdout); err != nil {
		fmt.Fprintf(stderr, "jobback followups run-due: %v\n", err)
		return 1
	}
	return 0
}

// runDue opens the store and a daemon without a mailbox source, queues the
// follow-ups due at asOf, and sends what is queued unless a daemon runs on
// the store (store.ErrInUse), waiting at most timeout.
func runDue(ctx context.Context, cfg *config.Config, asOf time.Time, timeout time.Duration, logger *slog.Logger, w io.Writer) (err error) {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, st.Close()) }()
	opts, err := daemonOptions(cfg, st, logger)
	if err != nil {
		return err
	}
	opts.HTTPAddr = "" // the running daemon, if any, serves the endpoint
	d, err := daemon.Open(ctx, opts)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		err = errors.Join(err, d.Close(cctx))
	}()

	rep, err := d.RunDue(ctx, asOf)
	if err != nil {
		return fmt.Errorf("cannot queue the due follow-ups: %w", err)
	}
	fmt.Fprintf(w, "follow-ups due at %s: %s\n", asOf.UTC().Format(time.RFC3339), rep)

	// Take the store as the daemon does at its start; if a daemon has it,
	// its senders send what was queued.
	if err := d.Recover(ctx); errors.Is(err, store.ErrInUse) {
		n, _ := st.OutboxDepth(ctx)
		fmt.Fprintf(w, "a jobback daemon is running on this store; it sends what is queued (%d in the outbox)\n", n)
		return nil
	} else if err != nil {
		return err
	}
	before, err := st.CountOutbox(ctx, time.Now())
	if err != nil {
		return err
	}
	if before.Due == 0 {
		fmt.Fprintln(w, "sent 0")
		return nil
	}
	sendCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- d.RunSenders(sendCtx) }()
	after, waitErr := waitOutbox(sendCtx, st)
	cancel()
	if err := <-done; err != nil {
		return err
	}
	if waitErr != nil {
		// Cut short: count again outside the expired context.
		after, err = st.CountOutbox(context.WithoutCancel(ctx), time.Now())
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "sent %d\n", after.Sent-before.Sent)
	if waitErr != nil {
		return fmt.Errorf("cannot send everything within %s: %d still due (`jobback run` retries them)", timeout, after.Due)
	}
	if after.Later > 0 {
		fmt.Fprintf(w, "%d waiting for a later attempt; `jobback run` sends them\n", after.Later)
	}
	return nil
}

// waitOutbox polls the outbox until no row is due now (pending with its
// time come, or being sent), and returns the counts then; or, if ctx ends
// first, ctx's error.
func waitOutbox(ctx context.Context, st appStore) (store.OutboxCounts, error) {
	for {
		c, err := st.CountOutbox(ctx, time.Now())
		if err != nil {
			if ctx.Err() != nil {
				return c, ctx.Err()
			}
			return c, err
		}
		if c.Due == 0 {
			return c, nil
		}
		select {
		case <-ctx.Done():
			return c, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// parseNow reads --now: an RFC 3339 time, or "+" and a duration from now
// (Go's units, and d for days: +50h, +3d, +2d12h).
func parseNow(v string, now time.Time) (time.Time, error) {
	rest, ok := strings.CutPrefix(v, "+")
	if !ok {
		return time.Parse(time.RFC3339, v)
	}
	var days int
	if i := strings.IndexByte(rest, 'd'); i > 0 {
		n, err := strconv.Atoi(rest[:i])
		if err != nil {
			return time.Time{}, err
		}
		days, rest = n, rest[i+1:]
	}
	var d time.Duration
	if rest != "" {
		var err error
		if d, err = time.ParseDuration(rest); err != nil {
			return time.Time{}, err
		}
	}
	if days < 0 || d < 0 {
		return time.Time{}, errors.New("a time from now must be later")
	}
	return now.Add(time.Duration(days)*24*time.Hour + d), nil
}
