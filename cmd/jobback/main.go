// Command jobback is the mail daemon that helps people get their job back:
// it reads their messages over IMAP, replies with advice and a draft letter
// over SMTP, and follows up on a schedule.
//
// This file only dispatches sub-commands; each lives in its own file and
// does its work through the project's packages.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one sub-command. It returns the process exit status.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

func commands() map[string]command {
	return map[string]command{
		"parse": {"print the facts understood from messages as JSON lines (--explain: and why)", runParse},
		"eval":  {"score the parser on folders of labelled messages", runEval},
		"reply": {"print the reply jobback would send to a message (RFC 5322)", runReply},
		"check": {"validate the config and try the IMAP and SMTP servers", runCheck},
		"run":   {"run the daemon: answer the mail arriving in the IMAP inbox", runRun},
		"demo":  {"run the daemon against in-process IMAP and SMTP servers (try --send FILE)", runDemo},
		"followups": {"list the follow-ups planned (list), or queue and send those due (run-due --now TIME)",
			runFollowups},
		"backup":  {"write a consistent copy of the store to a new file, while the daemon may run", runBackup},
		"cases":   {"list the cases, or with --person ADDRESS one person's facts, messages in and out, and plan", runCases},
		"version": {"print the version, commit and Go version this binary was built from", runVersion},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: jobback <command> [flags] [args]")
	fmt.Fprintln(w, "commands:")
	for _, name := range []string{"run", "demo", "parse", "eval", "reply", "check", "followups", "cases", "backup", "version"} {
		if c, ok := commands()[name]; ok {
			fmt.Fprintf(w, "  %-10s %s\n", name, c.summary)
		}
	}
}

// Main runs jobback with the given arguments (without the program name) and
// returns the exit status. It is main without the process around it, so tests
// can call it.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "jobback: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	return c.run(ctx, args[1:], stdin, stdout, stderr)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
