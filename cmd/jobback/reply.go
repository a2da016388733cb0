package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"jobback/config"
	"jobback/parser"
	"jobback/responder"
)

// runReply prints the reply jobback would send to one message, as RFC 5322
// bytes on stdout. A message that must not be answered prints nothing on
// stdout, says why on stderr, and exits 0. Without --config the built-in
// defaults are used (assistant help@jobback.example, domain jobback.example).
func runReply(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reply", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "the configuration `file` (default: built-in defaults)")
	read := fs.Bool("read", false, "print the reply as a person reads it (text re-flowed, the letter's text), not as RFC 5322 bytes")
	nowFlag := fs.String("now", "", "the reply's send `time`: RFC 3339, or \"message\" for five minutes after the message's own Date, as the daemon would answer it (default: the clock)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jobback reply [--config config.yaml] [--read] [--now TIME|message] FILE")
		fmt.Fprintln(stderr, "Prints the reply jobback would send to the message in FILE (\"-\" for standard input).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	cfg := config.Default()
	var err error
	if *configPath != "" {
		cfg, err = config.LoadFile(*configPath)
	}
	if err != nil {
		fmt.Fprintf(stderr, "jobback reply: %v\n", err)
		return 1
	}
	name := fs.Arg(0)
	var raw []byte
	if name == "-" {
		raw, err = readLimited(stdin)
	} else {
		raw, err = readFile(name)
	}
	if err != nil {
		fmt.Fprintf(stderr, "jobback reply: %v\n", err)
		return 1
	}
	if ctx.Err() != nil {
		return 1
	}
	m, err := parser.Parse(raw)
	if err != nil {
		fmt.Fprintf(stderr, "jobback reply: %s: %s\n", name, parseError(err))
		return 1
	}
	// The same rules as the daemon's, from the same configuration.
	screen := screenOf(cfg)
	screen.Apply(m)
	switch m.Facts.Action {
	case parser.ActionIgnore:
		fmt.Fprintf(stderr, "jobback reply: %s: no reply: the message must not be answered automatically (%s)\n",
			name, ignoreWhy(&m.Envelope))
		return 0
	case parser.ActionCommand:
		fmt.Fprintf(stderr, "jobback reply: %s: no advice reply: the message is the command %s, which the daemon obeys\n",
			name, m.Facts.Command)
		return 0
	}
	// A reply reviewed long after the message was written reads as if it
	// went out then: its Date is what "three days ago" is counted from.
	var now func() time.Time
	switch *nowFlag {
	case "":
	case "message":
		if m.Envelope.Date.IsZero() {
			fmt.Fprintf(stderr, "jobback reply: %s: --now message: the message has no readable Date\n", name)
			return 1
		}
		at := m.Envelope.Date.Add(5 * time.Minute)
		now = func() time.Time { return at }
	default:
		at, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			fmt.Fprintf(stderr, "jobback reply: --now: cannot read %q: want RFC 3339 or \"message\"\n", *nowFlag)
			return 2
		}
		now = func() time.Time { return at }
	}
	r, err := responder.New(responder.Options{
		Address:         cfg.Assistant.Address,
		Name:            cfg.Assistant.Name,
		MessageIDDomain: cfg.Assistant.MessageIDDomain,
		TemplatesDir:    cfg.TemplatesDir,
		Now:             now,
	})
	if err != nil {
		fmt.Fprintf(stderr, "jobback reply: %v\n", err)
		return 1
	}
	rep, err := r.Reply(m)
	if errors.Is(err, responder.ErrIgnored) {
		fmt.Fprintf(stderr, "jobback reply: %s: no reply: %v\n", name, err)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "jobback reply: %s: %v\n", name, err)
		return 1
	}
	if *read {
		// as a reviewer reads it (templates/REVIEW-RUBRIC.md)
		if err := printReadable(stdout, rep.Raw); err != nil {
			fmt.Fprintf(stderr, "jobback reply: %s: %v\n", name, err)
			return 1
		}
		return 0
	}
	if _, err := stdout.Write(rep.Raw); err != nil {
		fmt.Fprintf(stderr, "jobback reply: cannot write: %v\n", err)
		return 1
	}
	return 0
}

// ignoreWhy is the rule's family and reason, as the daemon records them.
func ignoreWhy(env *parser.Envelope) string {
	switch {
	case env.IgnoreReason == "":
		return "no reason given"
	case env.IgnoreRule == "":
		return env.IgnoreReason
	}
	return env.IgnoreRule + ": " + env.IgnoreReason
}
