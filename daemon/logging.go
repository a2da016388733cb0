package daemon

import (
	"context"
	"log/slog"
	"regexp"
	"strings"
)

// addressRE finds what looks like a mail address inside a log value (a
// reason, an SMTP server's answer, an error).
var addressRE = regexp.MustCompile(`[A-Za-z0-9._%+=\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+`)

// personHandler is the daemon's log handler: at info level and above every
// address in a log value that is not one of ours is replaced by the keyed
// hash that names its person (Daemon.who), so the log keeps no one's
// address, also where one slips into a reason or an error. Message-IDs,
// which look like addresses, are left as they are; debug records are
// passed on untouched (debug is for a look at one message, and may show
// its text).
type personHandler struct {
	next slog.Handler
	d    *Daemon
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
	return personHandler{next: h.next.WithAttrs(clean), d: h.d}
}

func (h personHandler) WithGroup(name string) slog.Handler {
	return personHandler{next: h.next.WithGroup(name), d: h.d}
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
		if h.d.isOwn(addr) {
			return addr
		}
		return h.d.who(addr)
	})
}
