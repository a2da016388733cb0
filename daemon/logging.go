package daemon

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
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
// its text). With errs, it also keeps the last records at error level
// and above, scrubbed, for the status page.
type personHandler struct {
	next slog.Handler
	n    *namer

	errs  *errorRing // nil: none kept
	fixed string     // the attributes of With, as errs shows them
	group string     // the group of WithGroup, "a.b." ("" at the top)
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
	if h.errs != nil && r.Level >= slog.LevelError {
		var b strings.Builder
		b.WriteString(h.n.redact(out.Message))
		b.WriteString(h.fixed)
		out.Attrs(func(a slog.Attr) bool {
			h.n.writeAttr(&b, h.group, a)
			return true
		})
		h.errs.add(r.Time, r.Level, b.String())
	}
	return h.next.Handle(ctx, out)
}

func (h personHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.attr(a)
	}
	// Attributes fixed by With appear on debug records too: scrubbed
	// once here, for every level.
	out := h
	out.next = h.next.WithAttrs(clean)
	if h.errs != nil {
		var b strings.Builder
		b.WriteString(h.fixed)
		for _, a := range clean {
			h.n.writeAttr(&b, h.group, a)
		}
		out.fixed = b.String()
	}
	return out
}

func (h personHandler) WithGroup(name string) slog.Handler {
	out := h
	out.next = h.next.WithGroup(name)
	if name != "" {
		out.group = h.group + name + "."
	}
	return out
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

// redact is scrub for the status page, which shows no address at all:
// people's addresses become their names (who), and our own addresses
// and Message-IDs (which look like addresses) are cut to the part before
// the "@" ("help@…").
func (n *namer) redact(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	return addressRE.ReplaceAllStringFunc(s, func(addr string) string {
		if n.own[strings.ToLower(addr)] {
			return cutAddress(addr)
		}
		return n.who(addr)
	})
}

// cutAddress returns what looks like an address cut to its part before
// the "@".
func cutAddress(s string) string {
	return addressRE.ReplaceAllStringFunc(s, func(addr string) string {
		local, _, _ := strings.Cut(addr, "@")
		return local + "@…"
	})
}

// writeAttr writes " key=value" for the status page's list of errors, the
// value redacted (a Message-ID cut, not taken for a person) and quoted
// when it has spaces.
func (n *namer) writeAttr(b *strings.Builder, group string, a slog.Attr) {
	v := a.Value.Resolve()
	if v.Kind() == slog.KindGroup {
		if a.Key != "" {
			group += a.Key + "."
		}
		for _, ga := range v.Group() {
			n.writeAttr(b, group, ga)
		}
		return
	}
	if a.Key == "" && v.Kind() == slog.KindAny && v.Any() == nil {
		return
	}
	var s string
	switch v.Kind() {
	case slog.KindTime:
		s = v.Time().UTC().Format(time.RFC3339)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			s = err.Error()
		} else {
			s = fmt.Sprint(v.Any())
		}
	default:
		s = v.String()
	}
	if strings.Contains(a.Key, "message_id") {
		s = cutAddress(s)
	} else {
		s = n.redact(s)
	}
	if len(s) > errorTextMax {
		s = strings.ToValidUTF8(s[:errorTextMax], "") + "…"
	}
	if s == "" || strings.ContainsAny(s, " \t\n\"=") {
		s = strconv.Quote(s)
	}
	b.WriteString(" " + group + a.Key + "=" + s)
}

// errorTextMax bounds one value in the status page's list of errors.
const errorTextMax = 300

// loggedError is one record the status page shows.
type loggedError struct {
	Time  time.Time `json:"time"`
	Level string    `json:"level"`
	Text  string    `json:"text"` // the message and its attributes, redacted
}

// errorRing keeps the last records at error level and above (already
// redacted), and counts them all.
type errorRing struct {
	mu    sync.Mutex
	last  []loggedError // at most cap(last); next is where the next one goes once full
	next  int
	total int64
}

func newErrorRing(n int) *errorRing { return &errorRing{last: make([]loggedError, 0, n)} }

func (e *errorRing) add(t time.Time, l slog.Level, text string) {
	if t.IsZero() {
		t = time.Now()
	}
	le := loggedError{Time: t.UTC(), Level: l.String(), Text: text}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.total++
	if len(e.last) < cap(e.last) {
		e.last = append(e.last, le)
		return
	}
	e.last[e.next] = le
	e.next = (e.next + 1) % len(e.last)
}

// list returns the records kept, newest first, and how many there were
// since the start.
func (e *errorRing) list() ([]loggedError, int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]loggedError, 0, len(e.last))
	for i := range len(e.last) {
		out = append(out, e.last[(e.next+len(e.last)-1-i)%len(e.last)])
	}
	return out, e.total
}

// keepErrors makes the daemon's log keep its last n records at error
// level and above for the status page, and returns where. It swaps d.log:
// call it from Open only, before anything logs (httpHandler). A second
// call returns the first one's.
func (d *Daemon) keepErrors(n int) *errorRing {
	h, ok := d.log.Handler().(personHandler)
	if !ok {
		return newErrorRing(n)
	}
	if h.errs == nil {
		h.errs = newErrorRing(n)
		d.log = slog.New(h)
	}
	return h.errs
}
