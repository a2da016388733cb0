package parser

import (
	"embed"
	"fmt"
	"net/textproto"
	"strings"
	"sync"

	"github.com/emersion/go-message/mail"
)

// The decision "answer or not" is made here, in one place, from the rules of
// rules/screen.txt (each with its source: RFC 3834, Pigeonhole, sisimai,
// ezmlm, Zammad ...). Parse applies the rules that need nothing but the
// message; Screen.Apply adds those that need the deployment: our addresses,
// the receiving host's Authentication-Results, and the switches of
// config.yaml. The daemon, `jobback reply` and `jobback parse` all call both.

//go:embed rules/screen.txt rules/quoting.txt
var rulesFS embed.FS

// Families of rules: recorded as Envelope.IgnoreRule with the reason.
const (
	RuleOwn         = "own"         // written by, or replying to, one of our addresses
	RuleUnaddressed = "unaddressed" // none of our addresses in To or Cc
	RuleSpam        = "spam"        // marked as spam by the receiving server
	RuleDMARC       = "dmarc"       // the receiving server says DMARC failed: a forged From
	RuleForwarded   = "bounce"      // a forwarded bounce with nothing about a job above it
)

type headerRule struct {
	family, source string
	field          string // canonical name; with prefix, the start of one
	prefix         bool
	op             byte     // 0: present at all; '=': an item is one of values; '!': the first item is none; '^': starts with
	values         []string // lower case
}

type senderRule struct {
	family, source string
	op             byte // '=' exactly, '<' starts, '>' ends, '@' the whole address
	s              string
}

type subjectRule struct {
	family, lang, source string
	text                 string // lower case
}

type partRule struct {
	family, source string
	media          string
}

type screenRules struct {
	headers  []headerRule
	senders  []senderRule
	subjects []subjectRule
	parts    []partRule
}

// rulesOf returns the embedded screening rules, read once. A malformed line
// is a bug in the embedded data and panics on first use (and in the tests).
var rulesOf = sync.OnceValue(func() *screenRules { return mustRules("rules/screen.txt", parseScreenRules) })

// mustRules reads and parses one embedded rules file; an error is a bug in
// the embedded data, so it panics.
func mustRules[T any](name string, parse func(string) (T, error)) T {
	data, err := rulesFS.ReadFile(name)
	if err != nil {
		panic(fmt.Sprintf("parser: cannot read %s: %v", name, err))
	}
	v, err := parse(string(data))
	if err != nil {
		panic(fmt.Sprintf("parser: %s: %v", name, err))
	}
	return v
}

// parseScreenRules reads the format described at the top of rules/screen.txt.
func parseScreenRules(data string) (*screenRules, error) {
	r := &screenRules{}
	section := ""
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line[1 : len(line)-1]
			continue
		}
		body, source, ok := strings.Cut(line, " ; ")
		if !ok || strings.TrimSpace(source) == "" {
			return nil, fmt.Errorf("line %d: no \" ; source\": %q", n+1, line)
		}
		source = strings.TrimSpace(source)
		family, rest, ok := strings.Cut(strings.TrimSpace(body), " ")
		rest = strings.TrimSpace(rest)
		if !ok || rest == "" {
			return nil, fmt.Errorf("line %d: a family and a rule are needed: %q", n+1, line)
		}
		switch section {
		case "headers":
			field, value, ok := strings.Cut(rest, ":")
			if !ok || strings.ContainsAny(field, " \t") {
				return nil, fmt.Errorf("line %d: want \"Field: values\": %q", n+1, line)
			}
			h := headerRule{family: family, source: source}
			if strings.HasSuffix(field, "*") {
				h.prefix, field = true, strings.TrimSuffix(field, "*")
			}
			h.field = textproto.CanonicalMIMEHeaderKey(field) // canonical once, not per message
			value = strings.ToLower(strings.TrimSpace(value))
			if value != "" {
				h.op = '='
				if value[0] == '!' || value[0] == '^' {
					h.op, value = value[0], value[1:]
				}
				for _, v := range strings.Split(value, "|") {
					h.values = append(h.values, strings.TrimSpace(v))
				}
			}
			r.headers = append(r.headers, h)
		case "senders":
			s := senderRule{family: family, source: source, op: '=', s: strings.ToLower(rest)}
			switch {
			case strings.Contains(s.s, "@"):
				s.op = '@'
			case strings.HasSuffix(s.s, "*"):
				s.op, s.s = '<', strings.TrimSuffix(s.s, "*")
			case strings.HasPrefix(s.s, "*"):
				s.op, s.s = '>', strings.TrimPrefix(s.s, "*")
			}
			r.senders = append(r.senders, s)
		case "subjects":
			lang, text, ok := strings.Cut(rest, " ")
			if !ok || strings.TrimSpace(text) == "" {
				return nil, fmt.Errorf("line %d: want \"family language text\": %q", n+1, line)
			}
			r.subjects = append(r.subjects, subjectRule{family: family, lang: lang, source: source, text: strings.ToLower(strings.TrimSpace(text))})
		case "parts":
			r.parts = append(r.parts, partRule{family: family, source: source, media: strings.ToLower(rest)})
		default:
			return nil, fmt.Errorf("line %d: a rule outside [headers], [senders], [subjects] or [parts]", n+1)
		}
	}
	return r, nil
}

// items splits a header value at "," and ";" into trimmed lower-case items.
func items(v string) []string {
	f := strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == ',' || r == ';' })
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	return f
}

func (h *headerRule) match(value string) bool {
	switch h.op {
	case 0:
		return true
	case '^':
		return strings.HasPrefix(strings.ToLower(strings.TrimSpace(value)), h.values[0])
	case '!':
		it := items(value)
		first := ""
		if len(it) > 0 {
			first = it[0]
		}
		for _, v := range h.values {
			if first == v {
				return false
			}
		}
		return true
	}
	for _, it := range items(value) {
		for _, v := range h.values {
			if it == v {
				return true
			}
		}
	}
	return false
}

// senderParts returns an address lower-cased, and its local part without
// a "+tag".
func senderParts(addr string) (string, string) {
	addr = strings.ToLower(strings.Trim(strings.TrimSpace(addr), "<>"))
	local, _, _ := strings.Cut(addr, "@")
	if i := strings.IndexByte(local, '+'); i > 0 {
		local = local[:i]
	}
	return addr, local
}

func (s *senderRule) match(addr, local string) bool {
	if s.op == '@' {
		return addr == s.s
	}
	switch s.op {
	case '<':
		return strings.HasPrefix(local, s.s)
	case '>':
		return strings.HasSuffix(local, s.s)
	}
	return local == s.s
}

// headerReason checks the [headers] rules of the given families (skip
// lists those not to check) and returns the family and reason of the first
// that matches.
func (r *screenRules) headerReason(h mail.Header, only func(family string) bool) (string, string) {
	for i := range r.headers {
		hr := &r.headers[i]
		if !only(hr.family) {
			continue
		}
		if hr.prefix {
			fields := h.Fields()
			for fields.Next() {
				k := fields.Key()
				if len(k) > len(hr.field) && strings.EqualFold(k[:len(hr.field)], hr.field) {
					return hr.family, fmt.Sprintf("%s header (%s)", k, hr.source)
				}
			}
			continue
		}
		for _, v := range h.Values(hr.field) {
			if hr.match(v) {
				shown := strings.TrimSpace(v)
				if len(shown) > 60 {
					shown = shown[:60] + "..."
				}
				return hr.family, fmt.Sprintf("%s: %s (%s)", hr.field, cleanLine(shown), hr.source)
			}
		}
	}
	return "", ""
}

// ignoreReason applies the rules that need nothing but the message (all
// but spam, which Screen.Apply checks): it returns the family and reason of
// the first rule that says this message must never get an automatic answer,
// or "", "".
func ignoreReason(h mail.Header, env *Envelope, media []string) (string, string) {
	r := rulesOf()
	for _, m := range media {
		for i := range r.parts {
			if r.parts[i].media == m {
				return r.parts[i].family, fmt.Sprintf("%s (%s)", m, r.parts[i].source)
			}
		}
	}
	if fam, why := r.headerReason(h, func(f string) bool { return f != RuleSpam }); fam != "" {
		return fam, why
	}
	// Read leniently here: a broken From of MAILER-DAEMON is still a
	// bounce (the address answered is read strictly, see oneMailbox).
	from := env.FromAddress // read strictly already; leniently only when that failed
	if from == "" {
		_, from = firstAddress(h, "From")
	}
	addrs := []struct{ field, addr string }{{"From", from}}
	for _, k := range []string{"Sender", "Return-Path"} {
		if _, a := firstAddress(h, k); a != "" {
			addrs = append(addrs, struct{ field, addr string }{k, a})
		}
	}
	for _, a := range addrs {
		addr, local := senderParts(a.addr)
		for i := range r.senders {
			if r.senders[i].match(addr, local) {
				return r.senders[i].family, fmt.Sprintf("%s %s (%s)", a.field, a.addr, r.senders[i].source)
			}
		}
	}
	if env.FromAddress == "" && env.FromProblem == "" {
		return "bounce", "no From address to answer"
	}
	if s := autoSubject(env.Subject); s != nil {
		return s.family, fmt.Sprintf("Subject %q (%s, %s)", env.Subject, s.lang, s.source)
	}
	return "", ""
}

// autoSubject returns the [subjects] rule the subject starts with, or nil.
// A forwarded message ("Fwd: Returned mail") is a person's: no rule applies.
func autoSubject(subject string) *subjectRule {
	l := strings.ToLower(strings.TrimSpace(subject))
	r := rulesOf()
	for i := range r.subjects {
		if strings.HasPrefix(l, r.subjects[i].text) {
			return &r.subjects[i]
		}
	}
	return nil
}

// forwardedReport reports whether a subject forwards an automatic message:
// "Fwd: Returned mail: see transcript", "WG: Unzustellbar".
func forwardedReport(subject string) bool {
	l := strings.TrimSpace(subject)
	for {
		p, rest, ok := strings.Cut(l, ":")
		if !ok || len(p) > 4 {
			return false
		}
		switch strings.ToLower(strings.TrimSpace(p)) {
		case "fwd", "fw", "wg", "tr", "rv", "i", "doorst", "vs":
			l = strings.TrimSpace(rest)
			if s := autoSubject(l); s != nil {
				return true
			}
			continue
		}
		return false
	}
}

// Screen is what the parser needs to know of the deployment to decide
// whether a message may be answered. Its zero value checks spam and DMARC
// (trusting the topmost Authentication-Results) and nothing about addresses.
type Screen struct {
	// Addresses are ours: the assistant's address and its aliases. Mail
	// from, or with a Reply-To of, one of them is never answered. If empty,
	// no rule about addresses applies.
	Addresses []string
	// RequireAddressed leaves unanswered the mail that names none of
	// Addresses in To, Cc or Bcc (or their Resent- forms): list copies,
	// Bcc'd scams, "undisclosed recipients", as Pigeonhole's vacation does.
	RequireAddressed bool
	// AnswerSpam answers mail the receiving server marked as spam
	// (X-Spam-Flag, X-Spam-Status ...). Default false: not answered.
	AnswerSpam bool
	// AnswerDMARCFail answers mail whose trusted Authentication-Results say
	// dmarc=fail (a forged From: the answer would be backscatter). Default
	// false: not answered.
	AnswerDMARCFail bool
	// AuthServIDs are the authserv-ids (RFC 8601) of our receiving servers:
	// only their Authentication-Results are trusted. If empty, only the
	// topmost Authentication-Results field is (the one our server added
	// last).
	AuthServIDs []string
}

// Apply adds the deployment's rules to a parsed message: if one says the
// message must not be answered, its action becomes ignore with the rule's
// family and reason. A message already ignored is left as it is.
//
// It also decides whom a reply goes to (Envelope.AnswerTo): the Reply-To
// when it is in the From's domain, or when the Authentication-Results of
// one of AuthServIDs say the message passed DMARC (RFC 7489: the From's
// domain vouches for it); otherwise the From. A Reply-To is what a forged
// From uses to send our answer, with words of the forger's choosing, to a
// third party; Envelope.AnswerWhy says why one was not followed.
func (s *Screen) Apply(m *Message) {
	if m.Facts.Action == ActionIgnore {
		return
	}
	s.answerTo(m)
	fam, why := s.check(m)
	if fam == "" {
		return
	}
	m.Facts.Action, m.Facts.Command = ActionIgnore, ""
	m.Envelope.IgnoreRule, m.Envelope.IgnoreReason = fam, why
}

func (s *Screen) check(m *Message) (string, string) {
	env := &m.Envelope
	ours := func(a string) bool {
		a = strings.ToLower(strings.TrimSpace(a))
		for _, o := range s.Addresses {
			if a != "" && strings.EqualFold(a, strings.TrimSpace(o)) {
				return true
			}
		}
		return false
	}
	if ours(env.FromAddress) || ours(env.ReplyTo) {
		return RuleOwn, "written by (or replying to) our own address"
	}
	if !s.AnswerSpam {
		if fam, why := rulesOf().headerReason(m.header, func(f string) bool { return f == RuleSpam }); fam != "" {
			return fam, why
		}
	}
	if !s.AnswerDMARCFail {
		if why := s.dmarcFail(m.header); why != "" {
			return RuleDMARC, why
		}
	}
	if s.RequireAddressed && len(s.Addresses) > 0 {
		named := false
		for _, k := range []string{"To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc"} {
			for _, a := range allAddresses(m.header, k) {
				if ours(a) {
					named = true
				}
			}
		}
		if !named {
			return RuleUnaddressed, "none of our addresses is in To or Cc (Pigeonhole vacation's rule: a list copy, a Bcc, or undisclosed recipients)"
		}
	}
	return "", ""
}

// answerTo sets m.Envelope.AnswerTo and AnswerWhy (see Apply).
func (s *Screen) answerTo(m *Message) {
	env := &m.Envelope
	env.AnswerTo, env.AnswerWhy = env.FromAddress, ""
	if env.ReplyTo == "" || env.FromAddress == "" || strings.EqualFold(env.ReplyTo, env.FromAddress) {
		return
	}
	_, rd, _ := strings.Cut(strings.ToLower(env.ReplyTo), "@")
	_, fd, _ := strings.Cut(strings.ToLower(env.FromAddress), "@")
	if rd == fd || strings.HasSuffix(rd, "."+fd) || strings.HasSuffix(fd, "."+rd) {
		env.AnswerTo = env.ReplyTo
		return
	}
	if s.dmarcPass(m.header) {
		env.AnswerTo = env.ReplyTo
		return
	}
	env.AnswerWhy = "the Reply-To is outside the From's domain and no Authentication-Results of our servers say dmarc=pass: the From is answered"
}

// dmarcPass reports whether the Authentication-Results (RFC 8601) of one
// of AuthServIDs say the message passed DMARC. Without AuthServIDs a pass
// is never trusted: a receiving server that adds no Authentication-Results
// of its own would leave the sender's forged one on top.
func (s *Screen) dmarcPass(h mail.Header) bool {
	if len(s.AuthServIDs) == 0 {
		return false
	}
	res, _ := s.dmarc(h)
	return res == "pass"
}

// dmarcFail returns why the trusted Authentication-Results (RFC 8601) say
// DMARC failed, or "".
func (s *Screen) dmarcFail(h mail.Header) string {
	if res, id := s.dmarc(h); res == "fail" {
		return fmt.Sprintf("Authentication-Results from %s: dmarc=fail (RFC 7489: the From is forged; an answer would be backscatter)", id)
	}
	return ""
}

// dmarc returns the DMARC result ("pass", "fail", "none" ...) of the
// trusted Authentication-Results and the authserv-id that gave it; "" when
// none says. A fail anywhere in them wins over a pass.
func (s *Screen) dmarc(h mail.Header) (result, authserv string) {
	for i, v := range h.Values("Authentication-Results") {
		id, results, _ := strings.Cut(v, ";")
		id = strings.ToLower(strings.TrimSpace(id))
		if f := strings.Fields(id); len(f) > 0 {
			id = f[0] // "mx.example.net 1": the version is not the id
		}
		trusted := len(s.AuthServIDs) == 0 && i == 0
		for _, t := range s.AuthServIDs {
			if strings.EqualFold(id, strings.TrimSpace(t)) {
				trusted = true
			}
		}
		if !trusted {
			continue
		}
		for _, res := range strings.Split(results, ";") {
			f := strings.Fields(strings.ToLower(res))
			if len(f) == 0 || !strings.HasPrefix(f[0], "dmarc=") {
				continue
			}
			r, _, _ := strings.Cut(strings.TrimPrefix(f[0], "dmarc="), "(")
			if r == "fail" {
				return r, id
			}
			if result == "" {
				result, authserv = r, id
			}
		}
		if len(s.AuthServIDs) == 0 {
			break
		}
	}
	return result, authserv
}

// allAddresses returns every address of an address-list field, lower-cased;
// a field that does not parse strictly gives what it can.
func allAddresses(h mail.Header, key string) []string {
	var out []string
	for _, v := range h.Values(key) {
		list, err := mail.ParseAddressList(v)
		if err == nil {
			for _, a := range list {
				out = append(out, strings.ToLower(a.Address))
			}
			continue
		}
		for _, part := range strings.Split(v, ",") {
			if a, err := mail.ParseAddress(strings.TrimSpace(part)); err == nil {
				out = append(out, strings.ToLower(a.Address))
			}
		}
	}
	return out
}
