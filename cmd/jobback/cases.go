package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"jobback/config"
	"jobback/parser"
	"jobback/store"
)

// runCases is `jobback cases`: the cases in the store, the most recent
// first, or with --person the whole story of one: their facts, every
// message in and out with its decision, and what is still planned. It
// opens the store read-only, so it may run beside the daemon.
func runCases(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cases", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "config.yaml", "the configuration `file` (for store.path)")
	person := fs.String("person", "", "the whole story of the person at this `address`")
	limit := fs.Int("limit", 50, "list at most `N` cases")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jobback cases [--config FILE] [--person ADDRESS] [--limit N]")
		fmt.Fprintln(stderr, "Lists the cases, the most recent first; with --person, one person's facts, messages and plan.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || *limit <= 0 {
		fs.Usage()
		return 2
	}
	cfg, err := config.LoadFile(*configPath)
	if err != nil {
		fmt.Fprintf(stderr, "jobback cases: %v\n", err)
		return 1
	}
	st, err := openStoreToRead(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "jobback cases: %v\n", err)
		return 1
	}
	defer st.Close()
	if *person != "" {
		err = printCase(ctx, st, strings.ToLower(strings.TrimSpace(*person)), stdout)
	} else {
		err = printCases(ctx, st, *limit, stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "jobback cases: %v\n", err)
		return 1
	}
	return 0
}

// printCases prints one line per case.
func printCases(ctx context.Context, st appStore, limit int, w io.Writer) error {
	cases, err := st.ListCases(ctx, limit)
	if err != nil {
		return err
	}
	if len(cases) == 0 {
		_, err := fmt.Fprintln(w, "no cases yet")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PERSON\tSTATE\tSITUATION\tCOMPANY\tMESSAGES\tLAST MESSAGE (UTC)\tADVISED (UTC)")
	for _, c := range cases {
		f := factsOf(c)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", c.Person, orDash(string(c.State)), orDash(string(f.Situation)),
			orDash(f.Company), c.Messages, when(c.LastMessageAt), when(c.LastAdviceAt))
	}
	return tw.Flush()
}

// printCase prints one person's case, history and plan.
func printCase(ctx context.Context, st appStore, person string, w io.Writer) error {
	c, err := st.Case(ctx, person)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no case for %s (never written, or forgotten)", person)
	}
	if err != nil {
		return err
	}
	msgs := fmt.Sprintf("%d messages", c.Messages)
	if c.Messages == 1 {
		msgs = "1 message"
	}
	fmt.Fprintf(w, "%s\n  state %s; %s; first %s, last %s; advised %s\n", c.Person, orDash(string(c.State)), msgs,
		when(c.FirstSeenAt), when(c.LastMessageAt), when(c.LastAdviceAt))
	if c.Subject != "" {
		fmt.Fprintf(w, "  subject %q\n", c.Subject)
	}
	if len(c.Facts) > 0 {
		var b bytes.Buffer
		if json.Indent(&b, c.Facts, "  ", "  ") == nil {
			fmt.Fprintf(w, "  facts %s\n", b.String())
		}
	}
	h, err := st.HistoryOf(ctx, person)
	if err != nil {
		return err
	}
	type event struct {
		at   time.Time
		line string
	}
	var events []event
	for _, r := range h.In {
		line := fmt.Sprintf("in   %-14s %q", r.Inbound.Decision, r.Inbound.Subject)
		if r.Inbound.Reason != "" {
			line += " (" + r.Inbound.Reason + ")"
		}
		events = append(events, event{r.Inbound.ReceivedAt, line})
	}
	for _, o := range h.Out {
		line := fmt.Sprintf("out  %-14s %s", o.Kind, o.Status)
		switch {
		case o.Status == store.StatusSent:
			line += " " + when(o.SentAt)
		case o.Status == store.StatusPending && o.NextAttemptAt.After(o.CreatedAt):
			line += ", next try " + when(o.NextAttemptAt)
		}
		if o.Attempts > 1 {
			line += fmt.Sprintf(", %d tries", o.Attempts)
		}
		if o.LastError != "" {
			line += " (" + o.LastError + ")"
		}
		events = append(events, event{o.CreatedAt, line})
	}
	slices.SortStableFunc(events, func(a, b event) int { return cmp.Compare(a.at.UnixMilli(), b.at.UnixMilli()) })
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "history (UTC):")
	for _, e := range events {
		fmt.Fprintf(tw, "  %s\t%s\n", when(e.at), e.line)
	}
	pending, err := st.PendingFollowups(ctx, person)
	if err != nil {
		return err
	}
	if len(pending) == 0 {
		fmt.Fprintln(tw, "planned: nothing")
	} else {
		fmt.Fprintln(tw, "planned (UTC):")
		for _, f := range pending {
			fmt.Fprintf(tw, "  %s\t%s\n", when(f.DueAt), f.Kind)
		}
	}
	return tw.Flush()
}

// factsOf reads a case's facts; zero facts when there are none.
func factsOf(c store.Case) parser.Facts {
	var f parser.Facts
	if len(c.Facts) > 0 {
		_ = json.Unmarshal(c.Facts, &f)
	}
	return f
}

// when is t in UTC to the minute, or "-" when zero.
func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
