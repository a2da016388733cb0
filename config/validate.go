package config

import (
	"errors"
	"fmt"
	"jobback/domain"
	"jobback/schedule"
	"net"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Validate checks every key and returns all problems found, each naming its
// key, joined with errors.Join; nil when the configuration is usable.
//
// The values it parses (the followups' cron specs, quiet hours and zone)
// are kept in c for their accessors (Followups.CheckInSchedule), so that
// the daemon does not parse them again.
func (c *Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", key, fmt.Sprintf(format, args...)))
	}

	// assistant
	if c.Assistant.Address == "" {
		bad("assistant.address", "must be set")
	} else if !bareAddress(c.Assistant.Address) {
		bad("assistant.address", "%q is not a plain email address (user@domain, no name)", c.Assistant.Address)
	}
	for i, a := range c.Assistant.Aliases {
		if !bareAddress(a) {
			bad(fmt.Sprintf("assistant.aliases[%d]", i), "%q is not a plain email address (user@domain, no name)", a)
		}
	}
	for i, id := range c.Screen.AuthServIDs {
		if id = strings.TrimSpace(id); id == "" || strings.ContainsAny(id, " \t;\r\n") {
			bad(fmt.Sprintf("screen.authserv_ids[%d]", i), "%q is not an authserv-id (a host name, as in Authentication-Results)", id)
		}
	}
	if strings.ContainsAny(c.Assistant.Name, "\r\n\x00") {
		bad("assistant.name", "must be one line")
	}
	if d := c.Assistant.MessageIDDomain; d == "" {
		bad("assistant.message_id_domain", "must be set")
	} else if !validDomain(d) {
		bad("assistant.message_id_domain", "%q is not a domain name", d)
	} else if strings.EqualFold(d, "localhost") || strings.HasSuffix(strings.ToLower(d), ".localhost") {
		bad("assistant.message_id_domain", "must not be localhost; use a domain you own")
	}

	// imap
	checkServer(bad, "imap", c.IMAP.Addr, c.IMAP.TLS, c.IMAP.AllowInsecure)
	if c.IMAP.CAFile != "" && c.IMAP.TLS == domain.TLSNone {
		bad("imap.ca_file", "has no use with tls: none")
	}
	switch c.IMAP.Auth {
	case AuthPassword, AuthXOAUTH2:
	default:
		bad("imap.auth", "%q is not password or xoauth2", c.IMAP.Auth)
	}
	checkToken(bad, "imap", c.IMAP.Auth == AuthXOAUTH2, c.IMAP.TokenFile, c.IMAP.Password)
	if c.IMAP.Username == "" {
		bad("imap.username", "must be set")
	}
	if c.IMAP.Mailbox == "" {
		bad("imap.mailbox", "must be set")
	}
	switch p := c.IMAP.Processed; {
	case p == "":
		bad("imap.processed", `must be "flag" or a folder name`)
	case p != domain.ProcessedFlag && p == c.IMAP.Mailbox:
		bad("imap.processed", "folder %q is the watched mailbox itself", p)
	case strings.ContainsAny(p, "\r\n\x00"):
		bad("imap.processed", "must be one line")
	}
	if time.Duration(c.IMAP.PollInterval) < time.Second {
		bad("imap.poll_interval", "%s is too short (at least 1s)", time.Duration(c.IMAP.PollInterval))
	}

	// smtp
	checkServer(bad, "smtp", c.SMTP.Addr, c.SMTP.TLS, c.SMTP.AllowInsecure)
	if strings.ContainsAny(c.SMTP.HELO, " \t\r\n<>") {
		bad("smtp.helo", "%q is not a host name", c.SMTP.HELO)
	}
	if c.SMTP.CAFile != "" && c.SMTP.TLS == domain.TLSNone {
		bad("smtp.ca_file", "has no use with tls: none")
	}
	if c.SMTP.Username == "" && c.SMTP.Password != "" {
		bad("smtp.username", "must be set when smtp.password is")
	}
	switch c.SMTP.Auth {
	case "auto", "plain", "login", "cram-md5", AuthXOAUTH2:
	default:
		bad("smtp.auth", "%q is not auto, plain, login, cram-md5 or xoauth2", c.SMTP.Auth)
	}
	checkToken(bad, "smtp", c.SMTP.Auth == AuthXOAUTH2, c.SMTP.TokenFile, c.SMTP.Password)
	if c.SMTP.Auth == AuthXOAUTH2 && c.SMTP.Username == "" {
		bad("smtp.username", "must be set with auth: xoauth2")
	}
	if time.Duration(c.SMTP.Timeout) <= 0 {
		bad("smtp.timeout", "must be positive")
	}

	// store, http, log
	switch c.Store.Driver {
	case "sqlite":
		if c.Store.Path == "" {
			bad("store.path", "must be set")
		}
		if c.Store.DSN != "" || c.Store.DSNFile != "" {
			bad("store.dsn", "is for driver: postgres; driver sqlite uses path")
		}
	case "postgres":
		if c.Store.DSN == "" && c.unset["store.dsn"] == nil {
			bad("store.dsn", "must be set with driver: postgres (or dsn_file)")
		}
	default:
		bad("store.driver", "%q is not sqlite or postgres", c.Store.Driver)
	}
	if time.Duration(c.IMAP.Takeover) < time.Second {
		bad("imap.takeover", "%s is too short (at least 1s)", time.Duration(c.IMAP.Takeover))
	}
	switch c.Store.Synchronous {
	case "group", "full", "normal":
	default:
		bad("store.synchronous", "%q is not group, full or normal", c.Store.Synchronous)
	}
	if c.HTTP.HealthIMAPDown < 0 {
		bad("http.health_imap_down", "must not be negative")
	}
	if c.HTTP.HealthOutboxStuck < 0 {
		bad("http.health_outbox_stuck", "must not be negative")
	}
	if c.HTTP.HealthCheckEvery < 0 {
		bad("http.health_check_every", "must not be negative")
	}
	if c.HTTP.Addr != "" {
		if _, _, err := splitHostPort(c.HTTP.Addr); err != nil {
			bad("http.addr", "%v", err)
		}
	}
	if t := c.HTTP.StatusToken; t != "" && len(t) < 16 {
		bad("http.status_token", "must be at least 16 characters (or \"\": loopback clients only)")
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		bad("log.format", "%q is not text or json", c.Log.Format)
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level", "%q is not debug, info, warn or error", c.Log.Level)
	}

	// limits
	if c.Limits.MaxAge < 0 {
		bad("limits.max_age", "must not be negative (0 answers messages of any age)")
	}
	if c.Limits.ReplyWindow <= 0 {
		bad("limits.reply_window", "must be positive")
	}
	if c.Limits.MaxRepliesPerHour <= 0 {
		bad("limits.max_replies_per_hour", "must be positive")
	}
	if c.Limits.MaxPerPersonPerDay <= 0 {
		bad("limits.max_per_person_per_day", "must be positive")
	}
	if c.Limits.MaxMessageSize < 1024 {
		bad("limits.max_message_size", "%d bytes is too small (at least 1KB)", c.Limits.MaxMessageSize)
	}

	// outbox
	if c.Outbox.Senders < 1 || c.Outbox.Senders > 64 {
		bad("outbox.senders", "%d is not from 1 to 64", c.Outbox.Senders)
	}
	if c.Outbox.RetryInitial < Duration(time.Second) {
		bad("outbox.retry_initial", "%s is too short (at least 1s)", c.Outbox.RetryInitial.D())
	}
	if c.Outbox.RetryMax < c.Outbox.RetryInitial {
		bad("outbox.retry_max", "%s is shorter than outbox.retry_initial", c.Outbox.RetryMax.D())
	}
	if c.Outbox.GiveUpAfter < Duration(time.Minute) {
		bad("outbox.give_up_after", "%s is too short (at least 1m)", c.Outbox.GiveUpAfter.D())
	}
	if c.Outbox.Lease < Duration(10*time.Second) {
		bad("outbox.lease", "%s is too short (at least 10s)", c.Outbox.Lease.D())
	}
	if c.Outbox.CopyWait <= 0 {
		bad("outbox.copy_wait", "must be positive")
	}

	// followups
	c.Followups.validate(bad)
	if c.Followups.UnsubscribeURL != "" && c.HTTP.Addr == "" {
		bad("followups.unsubscribe_url", "needs http.addr: one-click unsubscribe is answered there (POST /unsubscribe)")
	}

	if c.TemplatesDir != "" {
		if fi, err := os.Stat(c.TemplatesDir); err != nil {
			bad("templates_dir", "%v", err)
		} else if !fi.IsDir() {
			bad("templates_dir", "%s is not a directory", c.TemplatesDir)
		}
	}
	return errors.Join(errs...)
}

// validate checks the followups section; the values it parses are kept
// for their accessors (parse).
func (f *Followups) validate(bad func(key, format string, args ...any)) {
	for _, d := range []struct {
		key string
		v   Duration
	}{
		{"nudge_after", f.NudgeAfter}, {"follow_up_after_sent", f.FollowUpAfterSent},
		{"checklist_after", f.ChecklistAfter}, {"staleness", f.Staleness}, {"snooze", f.Snooze},
	} {
		if d.v <= 0 {
			bad("followups."+d.key, "must be positive")
		}
	}
	f.parse(bad)
	if f.UnsubscribeURL != "" {
		u, err := url.Parse(f.UnsubscribeURL)
		switch {
		case err != nil:
			bad("followups.unsubscribe_url", "%q is not a URL", f.UnsubscribeURL)
		case u.Scheme != "https" || u.Host == "":
			bad("followups.unsubscribe_url", "%q must start with https:// (one-click unsubscribe needs HTTPS, RFC 8058)", f.UnsubscribeURL)
		}
		switch {
		case f.UnsubscribeSecret == "":
			bad("followups.unsubscribe_secret", "must be set when followups.unsubscribe_url is (or use unsubscribe_secret_file)")
		case len(f.UnsubscribeSecret) < 16:
			bad("followups.unsubscribe_secret", "is too short (at least 16 characters)")
		}
	}
}

// checkToken checks token_file against auth: set, readable and not empty
// exactly when auth is xoauth2, which takes no password.
func checkToken(bad func(key, format string, args ...any), section string, xoauth2 bool, file, password string) {
	switch {
	case xoauth2 && file == "":
		bad(section+".token_file", "must be set with auth: xoauth2")
	case xoauth2 && password != "":
		bad(section+".password", "is not used with auth: xoauth2 (the token is); leave it empty")
	case !xoauth2 && file != "":
		bad(section+".token_file", "is used only with auth: xoauth2")
	case xoauth2:
		if _, err := ReadToken(file); err != nil {
			bad(section+".token_file", "%v", err)
		}
	}
}

func checkServer(bad func(key, format string, args ...any), section, addr, tls string, allowInsecure bool) {
	host, _, err := splitHostPort(addr)
	if err != nil {
		bad(section+".addr", "%v", err)
	}
	switch tls {
	case domain.TLSImplicit, domain.TLSStartTLS:
	case domain.TLSNone:
		if err == nil && !allowInsecure && !isLoopback(host) {
			bad(section+".tls", "none sends the password in clear to %s; use implicit or starttls, or set %s.allow_insecure: true", host, section)
		}
	default:
		bad(section+".tls", "%q is not implicit, starttls or none", tls)
	}
}

func splitHostPort(addr string) (host string, port int, err error) {
	if addr == "" {
		return "", 0, errors.New("must be set (host:port)")
	}
	h, p, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, fmt.Errorf("%q is not host:port", addr)
	}
	n, err := strconv.Atoi(p)
	if err != nil || n < 1 || n > 65535 {
		return "", 0, fmt.Errorf("%q: port must be a number from 1 to 65535", addr)
	}
	if h == "" {
		return "", 0, fmt.Errorf("%q: host is missing", addr)
	}
	return h, n, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func bareAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Name == "" && a.Address == s && !strings.ContainsAny(s, " \t\r\n<>")
}

func validDomain(d string) bool {
	if len(d) > 253 || strings.HasPrefix(d, ".") || strings.HasSuffix(d, ".") {
		return false
	}
	for _, label := range strings.Split(d, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

// parse parses CheckIn, Tick, QuietHours and DefaultTimeZone, keeping
// each value for its accessor (CheckInSchedule, TickSchedule, Quiet,
// Location), and tells bad of those that do not parse. A value already
// parsed from the same text is kept as it is.
func (f *Followups) parse(bad func(key, format string, args ...any)) {
	var err error
	if f.checkIn, err = f.checkIn.from(f.CheckIn, schedule.ParseCron); err != nil {
		bad("followups.check_in", "%v", err)
	}
	if f.tick, err = f.tick.from(f.Tick, schedule.ParseCron); err != nil {
		bad("followups.tick", "%v", err)
	}
	if f.quiet, err = f.quiet.from(f.QuietHours, schedule.ParseQuiet); err != nil {
		bad("followups.quiet_hours", "%v", err)
	}
	if f.zone, err = f.zone.from(f.DefaultTimeZone, parseZone); err != nil {
		bad("followups.default_time_zone", "%v", err)
	}
}

// parsed is a value parsed from the text src of a key.
type parsed[T any] struct {
	src string
	v   T
	ok  bool
}

// from returns p if it was parsed from src, else src parsed (not ok on
// error).
func (p parsed[T]) from(src string, parse func(string) (T, error)) (parsed[T], error) {
	if p.ok && p.src == src {
		return p, nil
	}
	v, err := parse(src)
	if err != nil {
		return parsed[T]{}, err
	}
	return parsed[T]{src: src, v: v, ok: true}, nil
}

// get returns the value of src: p's if it was parsed from src, else src
// parsed.
func (p parsed[T]) get(src string, parse func(string) (T, error)) (T, error) {
	q, err := p.from(src, parse)
	return q.v, err
}

// parseZone reads default_time_zone, an IANA zone name.
func parseZone(name string) (*time.Location, error) {
	if name == "" {
		return nil, errors.New("must be set (an IANA zone such as UTC or Europe/London)")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%q is not a known time zone: %w", name, err)
	}
	return loc, nil
}

// Warnings lists what the file sets that is accepted but no longer used,
// one line each, naming the key; nil when there is none. The program logs
// them at start (jobback run) and prints them (jobback check).
func (c *Config) Warnings() []string {
	var w []string
	if c.SMTP.Pipelining != nil {
		w = append(w, "smtp.pipelining is no longer used and is ignored: replies go out one SMTP command at a time; remove the key")
	}
	return w
}
