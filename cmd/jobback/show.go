package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-message/mail"
)

// printReadable prints a message as a person reads it: the headers that
// matter, the text (format=flowed lines joined again, RFC 3676), and each
// attachment by name, with its text when it is text (the draft letter).
// The HTML alternative is left out: it says the same.
func printReadable(w io.Writer, raw []byte) error {
	r, err := mail.CreateReader(strings.NewReader(string(raw)))
	if err != nil {
		return fmt.Errorf("cannot read the reply: %w", err)
	}
	h := r.Header
	for _, k := range []string{"From", "To", "Subject", "Date"} {
		v, err := h.Text(k)
		if err != nil {
			v = h.Get(k)
		}
		if v != "" {
			fmt.Fprintf(w, "%-8s %s\n", k+":", v)
		}
	}
	texts := 0
	for {
		p, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("cannot read the reply: %w", err)
		}
		switch ph := p.Header.(type) {
		case *mail.InlineHeader:
			ct, params, _ := ph.ContentType()
			if ct != "text/plain" || texts > 0 {
				continue
			}
			b, err := io.ReadAll(p.Body)
			if err != nil {
				return fmt.Errorf("cannot read the reply: %w", err)
			}
			texts++
			fmt.Fprintf(w, "\n%s\n", unflow(string(b), params))
		case *mail.AttachmentHeader:
			name, _ := ph.Filename()
			ct, params, _ := ph.ContentType()
			fmt.Fprintf(w, "\n--- attached: %s (%s) ---\n", orDash(name), ct)
			if strings.HasPrefix(ct, "text/") {
				b, err := io.ReadAll(p.Body)
				if err != nil {
					return fmt.Errorf("cannot read the reply: %w", err)
				}
				fmt.Fprintf(w, "%s\n", unflow(string(b), params))
			}
		}
	}
	if texts == 0 {
		return errors.New("the reply has no text part")
	}
	return nil
}

// unflow joins the soft line breaks of format=flowed text (a line that
// ends in a space goes on in the next; the signature line "-- " does
// not), and takes away the space-stuffing. Other text is as it is.
func unflow(s string, params map[string]string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if !strings.EqualFold(params["format"], "flowed") {
		return strings.TrimRight(s, "\n")
	}
	delsp := strings.EqualFold(params["delsp"], "yes")
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		line = strings.TrimPrefix(line, " ") // space-stuffed
		if strings.HasSuffix(line, " ") && line != "-- " {
			if delsp {
				line = line[:len(line)-1]
			}
			b.WriteString(line)
			continue
		}
		b.WriteString(line)
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
