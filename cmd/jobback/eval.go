package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"jobback/eval"
)

// runEval scores the parser on folders of labelled messages (see package
// eval) and prints, per field, how many messages it got right, left blank
// and got wrong, then the wrong ones.
func runEval(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	summary := fs.Bool("summary", false, "print only the counts, not the messages behind them (for a first measurement on a set you have not read)")
	misses := fs.Bool("misses", false, "list the blank and partial fields too, not only the wrong ones")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jobback eval [--summary] [--misses] DIR...")
		fmt.Fprintln(stderr, "Scores the parser on each DIR: its messages and the labels.json that says what they mean.")
		fmt.Fprintln(stderr, "Prints per field how many are right, blank, partial and wrong, then the wrong ones.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	status := 0
	for i, dir := range fs.Args() {
		if ctx.Err() != nil {
			return 1
		}
		r, err := eval.Dir(dir)
		if err != nil {
			fmt.Fprintf(stderr, "jobback eval: %s: %v\n", dir, err)
			status = 1
			continue
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if err := r.Write(stdout, !*summary, *misses); err != nil {
			fmt.Fprintf(stderr, "jobback eval: cannot write: %v\n", err)
			return 1
		}
	}
	return status
}
