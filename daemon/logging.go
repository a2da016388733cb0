package daemon

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"regexp"
	"strings"
)

// addressRE finds what looks like a mail address inside a log value (a
// reason, an SMTP server's answer, an error).
// Any letter or digit counts, in the local part and the domain alike, and
// the local part's other atext characters (RFC 5322 section 3.2.3), so a
// non-ASCII address or one with an apostrophe is hidden whole.
var addressRE = regexp.MustCompile(`[\p{L}\p{N}!#$%&'*+/=?^_{|}~.\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+`)

// personHandler is the daemon's log handler: at info level and above every
// address in a log value that is not one of ours is replaced by the keyed
// hash that names its person (Daemon.who), so the log keeps no one's
// address, also where one slips into a reason or an error. Message-IDs,
// which look like addresses, are left as they are; debug records are
// passed on untouched (debug is for a look at one message, and may show
// its text).
type personHandler struct {
	next slog.Handler
	n    *namer
}

// namer names people by a keyed hash, and knows our own addresses, which
// stay readable.
type namer struct {
	key []byte
	own map[string]bool
}

// NewLogHandler wraps next so that at info level and above no address but
// ours reaches it: each is replaced by the keyed hash that names its
// person ("p:" and 12 hex digits of HMAC-SHA256(key, lower-case
// address)), as the daemon's own log does with Options.LogKey. Use it for
// every logger of the process (the mailbox's too), with the same key.
func NewLogHandler(next slog.Handler, key []byte, own []string) slog.Handler {
	n := &namer{key: key, own: map[string]bool{}}
	for _, a := range own {
		if a = strings.ToLower(strings.TrimSpace(a)); a != "" {
			n.own[a] = true
		}
	}
	return personHandler{next: next, n: n}
}

func (h personHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

func (h personHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level < slog.LevelInfo {
		return h.next.Handle(ctx, r)
	}
	out := slog.NewRecord(r.Time, r.Level, h.scrub(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h personHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.attr(a)
	}
	// Attributes fixed by With appear on debug records too: scrubbed
	// once here, for every level.
	return personHandler{next: h.next.WithAttrs(clean), n: h.n}
}

func (h personHandler) WithGroup(name string) slog.Handler {
	return personHandler{next: h.next.WithGroup(name), n: h.n}
}

// attr returns a with the addresses in its value replaced.
func (h personHandler) attr(a slog.Attr) slog.Attr {
	if strings.Contains(a.Key, "message_id") {
		return a
	}
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		if s := v.String(); strings.Contains(s, "@") {
			return slog.String(a.Key, h.scrub(s))
		}
	case slog.KindAny:
		if err, ok := v.Any().(error); ok && strings.Contains(err.Error(), "@") {
			return slog.String(a.Key, h.scrub(err.Error()))
		}
	case slog.KindGroup:
		g := v.Group()
		out := make([]any, len(g))
		for i, ga := range g {
			out[i] = h.attr(ga)
		}
		return slog.Group(a.Key, out...)
	}
	return a
}

// scrub replaces every address in s that is not ours by its person's
// name.
func (h personHandler) scrub(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	return addressRE.ReplaceAllStringFunc(s, func(addr string) string {
		if h.n.own[strings.ToLower(addr)] {
			return addr
		}
		return h.n.who(addr)
	})
}

// who is the name of the person at addr.
func (n *namer) who(addr string) string {
	if addr == "" {
		return ""
	}
	m := hmac.New(sha256.New, n.key)
	m.Write([]byte(strings.ToLower(strings.TrimSpace(addr))))
	return "p:" + hex.EncodeToString(m.Sum(nil))[:12]
}
