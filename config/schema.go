// Package config reads jobback's one configuration file (YAML) into a
// Config, fills in defaults for absent keys, expands ${ENV} references in
// string values, and validates the result with errors that name the bad key
// ("smtp.addr: ...").
//
// Unknown keys are an error, so a misspelt key is never silently ignored.
// Passwords may come from the file itself, from the environment
// ("${JOBBACK_IMAP_PASSWORD}"), or from a separate file (password_file),
// read when the configuration is loaded; so may the unsubscribe secret
// (followups.unsubscribe_secret_file).
package config

import (
	"crypto/x509"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v3"

	"jobback/schedule"
)

// Values of imap.auth and smtp.auth shared by both.
const (
	AuthPassword = "password" // imap: LOGIN, or AUTHENTICATE PLAIN
	AuthXOAUTH2  = "xoauth2"  // an OAuth 2.0 access token from token_file
)

// Config is the whole configuration. Default returns one with every default
// filled in; ParseConfig starts from it.
type Config struct {
	Assistant Assistant `yaml:"assistant"`
	IMAP      IMAP      `yaml:"imap"`
	SMTP      SMTP      `yaml:"smtp"`
	Store     Store     `yaml:"store"`
	HTTP      HTTP      `yaml:"http"`
	Log       Log       `yaml:"log"`
	Limits    Limits    `yaml:"limits"`
	Outbox    Outbox    `yaml:"outbox"`
	Followups Followups `yaml:"followups"`
	Screen    Screen    `yaml:"screen"`
	// TemplatesDir, if not empty, is a folder whose files replace the
	// embedded templates of the same name, file by file. Default "".
	TemplatesDir string `yaml:"templates_dir"`

	// unset holds, by key, why a secret could not be read (an environment
	// variable not set, a password file missing): left empty at load
	// time, and an error only for the commands that need it (Need).
	unset map[string]error
}

// Assistant is who the replies come from.
type Assistant struct {
	// Address is the assistant's own address: the From of replies and the
	// mailbox people write to. Default help@jobback.example.
	Address string `yaml:"address"`
	// Name is the display name in From. Default "jobback".
	Name string `yaml:"name"`
	// MessageIDDomain is the right-hand side of the Message-IDs we make.
	// Default jobback.example.
	MessageIDDomain string `yaml:"message_id_domain"`
	// Aliases are the other addresses that deliver to the mailbox (a
	// forward, a second domain). Mail from one of them is never answered,
	// and with screen.require_addressed, mail that names none of them nor
	// Address in To or Cc is not either. Default none.
	Aliases []string `yaml:"aliases"`
}

// Screen switches the rules that decide, besides RFC 3834 and the other
// fixed rules (parser/rules/screen.txt), whether a message is answered.
type Screen struct {
	// RequireAddressed leaves unanswered the mail that names none of our
	// addresses (assistant.address, assistant.aliases) in To or Cc: list
	// copies, Bcc'd scams, "undisclosed recipients", as Pigeonhole's
	// vacation does. Default true.
	RequireAddressed bool `yaml:"require_addressed"`
	// IgnoreSpam leaves unanswered the mail the receiving server marked as
	// spam (X-Spam-Flag, X-Spam-Status ...). Default true.
	IgnoreSpam bool `yaml:"ignore_spam"`
	// IgnoreDMARCFail leaves unanswered the mail whose Authentication-Results
	// from our receiving server say dmarc=fail: its From is forged, and an
	// answer would be backscatter. Default true.
	IgnoreDMARCFail bool `yaml:"ignore_dmarc_fail"`
	// AuthServIDs are the authserv-ids (RFC 8601) our receiving server puts
	// in Authentication-Results; only those fields are trusted. Default
	// none: only the topmost Authentication-Results field is trusted.
	AuthServIDs []string `yaml:"authserv_ids"`
}

// IMAP is the inbox the daemon reads.
type IMAP struct {
	// Addr is host:port. Default 127.0.0.1:1143.
	Addr string `yaml:"addr"`
	// TLS is implicit, starttls or none. Default none.
	TLS string `yaml:"tls"`
	// AllowInsecure permits tls: none to a non-loopback host. Default false.
	AllowInsecure bool `yaml:"allow_insecure"`
	// Username is the login. Default help@jobback.example.
	Username string `yaml:"username"`
	// Password is the login password; ${ENV} references are expanded.
	// Default "${JOBBACK_IMAP_PASSWORD}" in the example file, "" here.
	Password string `yaml:"password"`
	// PasswordFile, if set, is read at load time (trailing newline
	// trimmed) into Password. Setting both is an error.
	PasswordFile string `yaml:"password_file"`
	// Mailbox is the folder watched for new mail. Default INBOX.
	Mailbox string `yaml:"mailbox"`
	// Processed is "flag" (mark handled messages \Answered) or the name of
	// a folder to move them to. Default flag.
	Processed string `yaml:"processed"`
	// PollInterval is how often the mailbox is checked when IDLE is not
	// available, and as a backstop to IDLE. Default 30s.
	PollInterval Duration `yaml:"poll_interval"`
	// CAFile, if set, is a PEM file of certificates trusted for TLS besides
	// the system's roots: a private CA, or the server's own self-signed
	// certificate. It is read at load time. Default "".
	CAFile string `yaml:"ca_file"`
	// Auth is how to log in: "password" (LOGIN, or AUTHENTICATE PLAIN
	// where LOGIN is disabled) or "xoauth2" (an OAuth 2.0 access token
	// from TokenFile). Default password.
	Auth string `yaml:"auth"`
	// TokenFile holds the OAuth 2.0 access token for auth: xoauth2. It is
	// read again at every login, so a helper may refresh it. Default "".
	TokenFile string `yaml:"token_file"`
	// Takeover bounds, with a PostgreSQL store shared by several
	// instances, how long the mailbox goes unwatched after the instance
	// watching it dies: the others try to take it over this often (at
	// least every third of it). Default 10s.
	Takeover Duration `yaml:"takeover"`
	// EraseForgotten: after a FORGET, the person's messages and our copies
	// of the replies to them are erased from Mailbox and the Processed
	// folder too (\Deleted and UID EXPUNGE of exactly those, RFC 4315).
	// Default true; false keeps them.
	EraseForgotten bool `yaml:"erase_forgotten"`

	roots *x509.CertPool // the system's roots and CAFile's; nil without CAFile
}

// RootCAs are the certificates trusted for imap's TLS: nil (the system's
// roots) unless ca_file is set.
func (c IMAP) RootCAs() *x509.CertPool { return c.roots }

// SMTP is the server replies are submitted to.
type SMTP struct {
	// Addr is host:port. Default 127.0.0.1:2525.
	Addr string `yaml:"addr"`
	// TLS is implicit, starttls or none. Default none.
	TLS string `yaml:"tls"`
	// AllowInsecure permits tls: none to a non-loopback host. Default false.
	AllowInsecure bool `yaml:"allow_insecure"`
	// Username is the login; empty means no authentication. Default "".
	Username string `yaml:"username"`
	// Password is the login password; ${ENV} references are expanded.
	Password string `yaml:"password"`
	// PasswordFile, if set, is read at load time into Password.
	PasswordFile string `yaml:"password_file"`
	// Auth is the AUTH mechanism: auto, plain, login, cram-md5 or xoauth2
	// (the token in TokenFile). Default auto: the first of PLAIN, LOGIN
	// and CRAM-MD5 the server offers.
	Auth string `yaml:"auth"`
	// TokenFile is as for imap, for auth: xoauth2. Default "".
	TokenFile string `yaml:"token_file"`
	// Timeout bounds one connection and send. Default 1m.
	Timeout Duration `yaml:"timeout"`
	// CopyToSelf sends each reply also to assistant.address (an extra
	// envelope recipient). When the copy comes back to the mailbox the
	// reply is known to be sent, so after a crash in the middle of a send
	// a reply the server had already accepted is recognised by its copy
	// and not sent twice. Default true.
	CopyToSelf bool `yaml:"copy_to_self"`
	// Pipelining is no longer used: it is accepted, so that a file that
	// sets it still loads, and ignored, and Warnings names it. Replies go
	// out with go-mail's client, one command at a time; pipelining saved
	// a tenth of a quarter of a millisecond a reply on loopback
	// (BENCHMARKS.md, issue 17).
	//
	// Deprecated: remove the key.
	Pipelining *bool `yaml:"pipelining"`
	// CAFile is as for imap. Default "".
	CAFile string `yaml:"ca_file"`
	// HELO is the name given in EHLO. Default "": this machine's name if
	// it is a full domain name, else assistant.message_id_domain.
	HELO string `yaml:"helo"`

	roots *x509.CertPool
}

// RootCAs are the certificates trusted for smtp's TLS: nil (the system's
// roots) unless ca_file is set.
func (c SMTP) RootCAs() *x509.CertPool { return c.roots }

// Store is where state is kept: a SQLite file (the default, for one
// instance) or a PostgreSQL database (for several instances sharing it).
type Store struct {
	// Driver is sqlite or postgres. Default sqlite.
	Driver string `yaml:"driver"`
	// Path is the SQLite database file (driver sqlite). Default jobback.db.
	Path string `yaml:"path"`
	// DSN is the PostgreSQL connection string (driver postgres), a URL
	// ("postgres://user:password@host:5432/jobback?sslmode=verify-full")
	// or key=value pairs; ${ENV} references are expanded. Default "".
	DSN string `yaml:"dsn"`
	// DSNFile, if set, is read at load time (trailing newline trimmed)
	// into DSN, which then holds the password out of this file. Setting
	// both is an error. Default "".
	DSNFile string `yaml:"dsn_file"`
	// Instance names this process among the instances sharing a
	// PostgreSQL store: it is shown on /healthz and the status page as the
	// one watching the mailbox, and marks the replies it is sending. Give
	// each instance its own. Default "": the host name and process id.
	Instance string `yaml:"instance"`
	// Synchronous is group, full or normal. group (group commit, the
	// default): records are written without waiting for the disk, and one
	// fsync makes a whole batch durable before its messages are flagged.
	// full (the safest and slowest): one fsync per message's record, before
	// it is flagged. normal: no fsync; a crash of jobback loses nothing,
	// but a power loss or OS crash can lose the last moments' records of
	// messages already flagged. Default group.
	Synchronous string `yaml:"synchronous"`
}

// HTTP is the metrics and health endpoint.
type HTTP struct {
	// Addr is host:port for /metrics and /healthz; "" turns it off.
	// Default 127.0.0.1:9310.
	Addr string `yaml:"addr"`
	// HealthIMAPDown: /healthz fails once the IMAP connection has been
	// down longer than this. Default 5m.
	HealthIMAPDown Duration `yaml:"health_imap_down"`
	// HealthOutboxStuck: /healthz fails when a message queued longer ago
	// than this is still not sent. Default 30m.
	HealthOutboxStuck Duration `yaml:"health_outbox_stuck"`
	// HealthCheckEvery is how often the store's file is checked for
	// damage (SQLite's quick check: it reads every page). Default 10m.
	HealthCheckEvery Duration `yaml:"health_check_every"`
	// StatusToken lets any client see the status page ("/" and
	// "/status.json") that shows it, as "Authorization: Bearer TOKEN" or
	// "?token=TOKEN" (at least 16 characters; ${ENV} references are
	// expanded). If "", only clients on the loopback interface see it,
	// never a request a proxy forwarded. Default "".
	StatusToken string `yaml:"status_token"`
}

// Log configures log/slog output.
type Log struct {
	// Format is text or json. Default text.
	Format string `yaml:"format"`
	// Level is debug, info, warn or error. Default info.
	Level string `yaml:"level"`
	// PersonKey keys the hash that names people in the log at info level
	// and above (never their address). If "", a random key is made at
	// each start, and a person's name changes with it.
	PersonKey string `yaml:"person_key"`
}

// Limits keep the daemon from becoming a nuisance.
type Limits struct {
	// ReplyWindow: at most one advice reply per person in this window.
	// Default 24h.
	ReplyWindow Duration `yaml:"reply_window"`
	// MaxRepliesPerHour caps the replies to incoming mail queued in an hour
	// (scheduled follow-ups are not counted). Default 500.
	MaxRepliesPerHour int `yaml:"max_replies_per_hour"`
	// MaxPerPersonPerDay caps everything queued to one person in 24 hours
	// (advice, revised letters, help, confirmations). Default 10.
	MaxPerPersonPerDay int `yaml:"max_per_person_per_day"`
	// MaxMessageSize: larger incoming messages are not read. Default 10MB.
	MaxMessageSize Size `yaml:"max_message_size"`
	// MaxAge: a message that reached the mailbox longer ago than this gets
	// no advice (commands are still obeyed); 0 answers any age. Default
	// 168h.
	MaxAge Duration `yaml:"max_age"`
}

// Outbox is how replies are sent.
type Outbox struct {
	// Senders is the number of goroutines sending replies, each with its
	// own SMTP connection. Default 2: on a small machine more senders
	// compete with the handler for the CPU and the store (BENCHMARKS.md).
	Senders int `yaml:"senders"`
	// RetryInitial is the wait after a first temporary failure (4xx, or no
	// connection); it doubles with each attempt up to RetryMax. Default 30s.
	RetryInitial Duration `yaml:"retry_initial"`
	// RetryMax caps the wait between attempts. Default 15m.
	RetryMax Duration `yaml:"retry_max"`
	// GiveUpAfter is how long a reply keeps being retried before it is
	// recorded as failed. A permanent failure (5xx) is never retried.
	// Default 72h.
	GiveUpAfter Duration `yaml:"give_up_after"`
	// CopyWait is how long, after an unclean stop, a reply that was being
	// sent waits for its copy (smtp.copy_to_self) to arrive before the
	// mailbox is searched for it; found, it is marked sent, otherwise it is
	// sent again. Default 15s.
	CopyWait Duration `yaml:"copy_wait"`
	// Lease is how long a sender holds a reply it is sending before
	// another sender, or another instance sharing a PostgreSQL store, may
	// take it: the reply of an instance that died mid-send waits this long
	// (and then has its copy looked for before it is sent again). A send
	// may take at most half of it (smtp.timeout is cut to that). Default
	// 5m.
	Lease Duration `yaml:"lease"`
}

// Followups are the messages that follow the first advice: a nudge to send
// the letter, a nudge to follow up once after SENT, a backup-plan
// checklist, and weekly check-ins, each at the person's own time of day.
// Durations are elapsed time from the advice or the person's last command.
type Followups struct {
	// Enabled plans and sends follow-ups and acts on reply commands (STOP,
	// SENT, SNOOZE, ...). If false, only the first advice (and revised
	// letters) are sent and commands are only recorded. Default true.
	Enabled bool `yaml:"enabled"`
	// NudgeAfter is how long after the advice the nudge to send the letter
	// is due. Default 48h.
	NudgeAfter Duration `yaml:"nudge_after"`
	// FollowUpAfterSent is how long after SENT, with no news, the nudge for
	// one polite follow-up is due. Default 168h (7 days).
	FollowUpAfterSent Duration `yaml:"follow_up_after_sent"`
	// ChecklistAfter is how long after the last news the backup-plan
	// checklist is due if nothing else was heard. Default 504h (21 days).
	ChecklistAfter Duration `yaml:"checklist_after"`
	// CheckIn is the weekly check-in: a five-field cron spec (robfig/cron
	// standard syntax, no time zone) read on the person's wall clock.
	// Default "0 9 * * MON" (Mondays 09:00).
	CheckIn string `yaml:"check_in"`
	// QuietHours is the person's night, "HH:MM-HH:MM" in their zone:
	// nothing is sent in it, and a follow-up falling due in it waits for
	// its end. Equal times ("00:00-00:00") mean no quiet hours. Default
	// "21:00-08:00".
	QuietHours string `yaml:"quiet_hours"`
	// DefaultTimeZone is the IANA zone ("Europe/London") of a person whose
	// offset is unknown (no usable Date header). Default "UTC".
	DefaultTimeZone string `yaml:"default_time_zone"`
	// Staleness is how late a follow-up may still be sent (it fell due
	// while jobback was down); older ones are dropped. Default 168h.
	Staleness Duration `yaml:"staleness"`
	// Snooze is how long SNOOZE without a duration pauses. Default 168h.
	Snooze Duration `yaml:"snooze"`
	// Tick is the cron spec (standard five fields, or @every 1m, @hourly)
	// of the clock that looks for due follow-ups. Default "@every 1m".
	Tick string `yaml:"tick"`
	// UnsubscribeURL, if set, must be https://; follow-ups then offer
	// one-click unsubscribe (RFC 8058) at this URL, which must reach
	// POST /unsubscribe on http.addr. If "", only the mailto: STOP is
	// offered. Default "".
	UnsubscribeURL string `yaml:"unsubscribe_url"`
	// UnsubscribeSecret signs the one-click links (at least 16
	// characters); required when UnsubscribeURL is set. ${ENV} references
	// are expanded. Default "".
	UnsubscribeSecret string `yaml:"unsubscribe_secret"`
	// UnsubscribeSecretFile, if set, is read at load time (trailing
	// newline trimmed) into UnsubscribeSecret. Setting both is an error.
	UnsubscribeSecretFile string `yaml:"unsubscribe_secret_file"`

	// CheckIn, Tick, QuietHours and DefaultTimeZone parsed, each with the
	// text it was parsed from: kept by Validate (and Default) for the
	// accessors CheckInSchedule, TickSchedule, Quiet and Location.
	checkIn, tick parsed[cron.Schedule]
	quiet         parsed[schedule.Quiet]
	zone          parsed[*time.Location]
}

// CheckInSchedule returns CheckIn parsed (schedule.ParseCron).
//
// It and the other accessors of parsed values (TickSchedule, Quiet,
// Location) return what Validate parsed: ParseConfig and LoadFile call
// Validate, and Default's values come parsed. A key set by hand since (a
// Config built from Default and not validated again) is parsed by its
// accessor, with Validate's error (without the key) if it does not parse.
func (f Followups) CheckInSchedule() (cron.Schedule, error) {
	return f.checkIn.get(f.CheckIn, schedule.ParseCron)
}

// TickSchedule returns Tick parsed (schedule.ParseCron), as
// Validate parsed it (see CheckInSchedule).
func (f Followups) TickSchedule() (cron.Schedule, error) {
	return f.tick.get(f.Tick, schedule.ParseCron)
}

// Quiet returns QuietHours parsed (schedule.ParseQuiet), as Validate
// parsed it (see CheckInSchedule).
func (f Followups) Quiet() (schedule.Quiet, error) {
	return f.quiet.get(f.QuietHours, schedule.ParseQuiet)
}

// Location returns DefaultTimeZone as a *time.Location, as Validate loaded
// it (see CheckInSchedule).
func (f Followups) Location() (*time.Location, error) {
	return f.zone.get(f.DefaultTimeZone, parseZone)
}

// Duration is a time.Duration written as a Go duration string ("30s",
// "24h", "1h30m").
type Duration time.Duration

// D returns d as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// UnmarshalYAML reads a Go duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a duration must be a string like 30s or 24h", n.Line)
	}
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a duration like 30s or 24h", n.Line, n.Value)
	}
	*d = Duration(v)
	return nil
}

// MarshalYAML writes d as a Go duration string.
func (d Duration) MarshalYAML() (any, error) { return time.Duration(d).String(), nil }

// Size is a number of bytes, written as a plain number or with a KB, MB or
// GB suffix (powers of 1024).
type Size int64

// UnmarshalYAML reads a byte count with an optional KB, MB or GB suffix.
func (s *Size) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a size must be a number of bytes or like 10MB", n.Line)
	}
	v, err := ParseSize(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*s = Size(v)
	return nil
}

// MarshalYAML writes s in the largest unit that divides it.
func (s Size) MarshalYAML() (any, error) {
	v := int64(s)
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		if v != 0 && v%u.n == 0 {
			return fmt.Sprintf("%d%s", v/u.n, u.suffix), nil
		}
	}
	return v, nil
}

// ParseSize reads "1048576", "512KB", "10MB" or "1GB" (also with a space
// or a lower-case suffix, and B alone).
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t = strings.TrimSpace(strings.TrimSuffix(t, u.suffix))
			mult = u.n
			break
		}
	}
	v, err := strconv.ParseInt(t, 10, 64)
	if err != nil || v < 0 || v > (1<<62)/mult {
		return 0, fmt.Errorf("%q is not a size like 1048576, 512KB or 10MB", s)
	}
	return v * mult, nil
}
