package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"jobback/config"
	"jobback/parser"
)

// maxInput bounds what `parse` reads of one message; the daemon's own size
// limit is lower.
const maxInput = 64 << 20

// runParse prints the facts of each message as one JSON object per line.
// With no file it reads standard input. A message that cannot be parsed is
// reported on stderr and makes the exit status 1; the other files are still
// printed.
func runParse(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "the configuration `file` whose rules (our addresses, screen:) decide what is answered (default: built-in defaults)")
	explain := fs.Bool("explain", false, "after each message's JSON, print for every fact the words it came from, the rule that read them, and whether it was strong enough to state")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jobback parse [--config config.yaml] [--explain] [FILE...]")
		fmt.Fprintln(stderr, "Prints the facts understood from each message as one JSON object per line;")
		fmt.Fprintln(stderr, "reads standard input when no file is named.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	files := fs.Args()
	cfg := config.Default()
	if *configPath != "" {
		var err error
		if cfg, err = config.LoadFile(*configPath); err != nil {
			fmt.Fprintf(stderr, "jobback parse: %v\n", err)
			return 1
		}
	}
	// The same rules as the daemon's, from the same configuration.
	screen := screenOf(cfg)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if len(files) == 0 {
		raw, err := readLimited(stdin)
		if err != nil {
			fmt.Fprintf(stderr, "jobback parse: cannot read standard input: %v\n", err)
			return 1
		}
		m, err := parser.Parse(raw)
		if err != nil {
			fmt.Fprintf(stderr, "jobback parse: <stdin>: %s\n", parseError(err))
			return 1
		}
		screen.Apply(m)
		if err := enc.Encode(m.Facts); err != nil {
			fmt.Fprintf(stderr, "jobback parse: cannot write: %v\n", err)
			return 1
		}
		if *explain {
			writeExplanation(stdout, m)
		}
		return 0
	}
	status := 0
	for _, name := range files {
		if ctx.Err() != nil {
			return 1
		}
		raw, err := readFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "jobback parse: %v\n", err)
			status = 1
			continue
		}
		m, err := parser.Parse(raw)
		if err != nil {
			fmt.Fprintf(stderr, "jobback parse: %s: %s\n", name, parseError(err))
			status = 1
			continue
		}
		screen.Apply(m)
		var out any = m.Facts
		if len(files) > 1 {
			out = withFile{File: name, Facts: m.Facts}
		}
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "jobback parse: cannot write: %v\n", err)
			return 1
		}
		if *explain {
			writeExplanation(stdout, m)
		}
	}
	return status
}

// writeExplanation prints why the parser holds each fact of m, indented
// under its JSON line: the facts stated, then the weak ones left blank.
func writeExplanation(w io.Writer, m *parser.Message) {
	if m.Envelope.IgnoreReason != "" {
		fmt.Fprintf(w, "  not answered: %s\n", ignoreWhy(&m.Envelope))
	}
	for _, stated := range []bool{true, false} {
		for _, e := range m.Evidence {
			if e.Stated != stated {
				continue
			}
			mark := "  "
			if !stated {
				mark = "  (left blank, weak) "
			}
			fmt.Fprintf(w, "%s%s = %q\n      from %q\n      by %s\n", mark, e.Field, e.Value, e.Words, e.Rule)
		}
	}
}

// withFile puts "file" before the facts' own fields.
type withFile struct {
	File  string
	Facts parser.Facts
}

func (w withFile) MarshalJSON() ([]byte, error) {
	facts, err := marshalPlain(w.Facts)
	if err != nil {
		return nil, err
	}
	name, err := marshalPlain(w.File)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(facts)+len(name)+10)
	out = append(out, `{"file":`...)
	out = append(out, name...)
	if len(facts) > 2 {
		out = append(out, ',')
	}
	return append(out, facts[1:]...), nil
}

func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot open message: %w", err)
	}
	defer f.Close()
	raw, err := readLimited(f)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", name, err)
	}
	return raw, nil
}

func readLimited(r io.Reader) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > maxInput {
		return nil, fmt.Errorf("message larger than %d MiB", maxInput>>20)
	}
	return raw, nil
}

// marshalPlain is json.Marshal without escaping &, < and > (a company is
// "Harbor & Pine", not "Harbor \u0026 Pine").
func marshalPlain(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// parseError says why a file is not a message, and what one looks like.
func parseError(err error) string {
	if errors.Is(err, parser.ErrNotMessage) {
		return err.Error() + " (a message starts with header lines such as From: and Subject:, then an empty line, then the text; save it from your mail client as .eml)"
	}
	return err.Error()
}
