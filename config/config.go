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
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"jobback/domain"
	"net"
	"net/mail"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v3"
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

// secretKeys are the keys whose value may stay unread until a command
// needs it: a command that does not log in must not fail for want of a
// password.
var secretKeys = []string{"imap.password", "smtp.password", "followups.unsubscribe_secret", "http.status_token",
	// a file named through ${CREDENTIALS_DIRECTORY}, set only for the service
	"imap.password_file", "smtp.password_file", "followups.unsubscribe_secret_file"}

// Need reports why the secrets of the named sections ("imap", "smtp",
// "followups") are missing, or nil. Commands that log in to a server (or
// sign links) call it for what they use.
func (c *Config) Need(sections ...string) error {
	var errs []error
	for _, k := range secretKeys {
		err := c.unset[k]
		if err == nil {
			continue
		}
		for _, sec := range sections {
			if strings.HasPrefix(k, sec+".") {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
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
	// Pipelining sends MAIL, RCPT and DATA at once when the server offers
	// PIPELINING (RFC 2920): two round trips per reply instead of five.
	// Default true; false sends one command at a time.
	Pipelining bool `yaml:"pipelining"`
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

// Store is where state is kept.
type Store struct {
	// Path is the SQLite database file. Default jobback.db.
	Path string `yaml:"path"`
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
}

// Quiet returns the start and end of QuietHours ("21:00", "08:00"), or an
// error if it is not "HH:MM-HH:MM".
func (f Followups) Quiet() (start, end string, err error) {
	a, b, ok := strings.Cut(f.QuietHours, "-")
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if !ok || !isHHMM(a) || !isHHMM(b) {
		return "", "", fmt.Errorf("%q is not HH:MM-HH:MM (like 21:00-08:00)", f.QuietHours)
	}
	return a, b, nil
}

func isHHMM(s string) bool {
	_, err := time.Parse("15:04", s)
	return err == nil && len(s) == 5
}

// Location returns DefaultTimeZone as a *time.Location.
func (f Followups) Location() (*time.Location, error) {
	if f.DefaultTimeZone == "" {
		return nil, errors.New("must be set (an IANA zone such as UTC or Europe/London)")
	}
	loc, err := time.LoadLocation(f.DefaultTimeZone)
	if err != nil {
		return nil, fmt.Errorf("%q is not a known time zone: %w", f.DefaultTimeZone, err)
	}
	return loc, nil
}

// TickSchedule returns Tick parsed (robfig/cron/v3 ParseStandard).
func (f Followups) TickSchedule() (cron.Schedule, error) {
	return parseCron(f.Tick)
}

// parseCron reads a standard cron spec or a descriptor (@every 1m); a time
// zone prefix is refused (times are the person's, or the tick's own).
func parseCron(spec string) (cron.Schedule, error) {
	t := strings.TrimSpace(spec)
	if t == "" {
		return nil, errors.New(`must be set (a cron spec like "0 9 * * MON" or "@every 1m")`)
	}
	if strings.HasPrefix(t, "CRON_TZ=") || strings.HasPrefix(t, "TZ=") {
		return nil, fmt.Errorf("%q: no time zone in the spec", spec)
	}
	s, err := cron.ParseStandard(t)
	if err != nil {
		return nil, fmt.Errorf("%q is not a cron spec: %w", spec, err)
	}
	return s, nil
}

// Default returns the configuration used for absent keys.
func Default() *Config {
	return &Config{
		Assistant: Assistant{
			Address:         "help@jobback.example",
			Name:            "jobback",
			MessageIDDomain: "jobback.example",
			Aliases:         []string{},
		},
		Screen: Screen{RequireAddressed: true, IgnoreSpam: true, IgnoreDMARCFail: true, AuthServIDs: []string{}},
		IMAP: IMAP{
			Addr:           "127.0.0.1:1143",
			TLS:            domain.TLSNone,
			Username:       "help@jobback.example",
			Mailbox:        "INBOX",
			Processed:      domain.ProcessedFlag,
			PollInterval:   Duration(30 * time.Second),
			EraseForgotten: true,
			Auth:           AuthPassword,
		},
		SMTP: SMTP{
			Addr:       "127.0.0.1:2525",
			TLS:        domain.TLSNone,
			Auth:       "auto",
			Timeout:    Duration(time.Minute),
			CopyToSelf: true,
			Pipelining: true,
		},
		Store: Store{Path: "jobback.db", Synchronous: "group"},
		HTTP: HTTP{Addr: "127.0.0.1:9310", HealthIMAPDown: Duration(5 * time.Minute), HealthOutboxStuck: Duration(30 * time.Minute),
			HealthCheckEvery: Duration(10 * time.Minute)},
		Log: Log{Format: "text", Level: "info"},
		Limits: Limits{ReplyWindow: Duration(24 * time.Hour), MaxRepliesPerHour: 500, MaxPerPersonPerDay: 10, MaxMessageSize: 10 << 20,
			MaxAge: Duration(168 * time.Hour)},
		Outbox: Outbox{Senders: 2, RetryInitial: Duration(30 * time.Second), RetryMax: Duration(15 * time.Minute),
			GiveUpAfter: Duration(72 * time.Hour), CopyWait: Duration(15 * time.Second)},
		Followups: Followups{
			Enabled:           true,
			NudgeAfter:        Duration(48 * time.Hour),
			FollowUpAfterSent: Duration(7 * 24 * time.Hour),
			ChecklistAfter:    Duration(21 * 24 * time.Hour),
			CheckIn:           "0 9 * * MON",
			QuietHours:        "21:00-08:00",
			DefaultTimeZone:   "UTC",
			Staleness:         Duration(7 * 24 * time.Hour),
			Snooze:            Duration(7 * 24 * time.Hour),
			Tick:              "@every 1m",
		},
	}
}

// LoadFile reads and validates the configuration file at path. Relative
// paths inside it (password_file, unsubscribe_secret_file, store.path,
// templates_dir) are relative
// to the working directory, not to the file.
func LoadFile(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read config: %w", err)
	}
	defer f.Close()
	c, err := ParseConfig(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// ParseConfig reads YAML from r on top of Default, expands ${ENV}
// references in string values, reads password and secret files, and
// validates the
// result. Unknown keys are an error. An empty document gives the defaults.
func ParseConfig(r io.Reader) (*Config, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("cannot read config: %w", err)
	}
	c := Default()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("cannot parse config: %w", err)
	}
	if len(root.Content) > 0 && !(root.Content[0].Kind == yaml.ScalarNode && root.Content[0].Tag == "!!null") {
		if err := checkKeys(root.Content[0], reflect.TypeOf(*c), "(top level)"); err != nil {
			return nil, err
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("cannot parse config: %w", err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, errors.New("cannot parse config: more than one YAML document")
	}
	if err := expandEnv(reflect.ValueOf(c).Elem(), "", c); err != nil {
		return nil, err
	}
	for _, sec := range []struct {
		key  string
		dst  *string
		file string
	}{
		{"imap.password", &c.IMAP.Password, c.IMAP.PasswordFile},
		{"smtp.password", &c.SMTP.Password, c.SMTP.PasswordFile},
		{"followups.unsubscribe_secret", &c.Followups.UnsubscribeSecret, c.Followups.UnsubscribeSecretFile},
	} {
		if err := readSecret(sec.key, sec.dst, sec.file); err != nil {
			if !errors.Is(err, errSecretUnreadable) {
				return nil, err
			}
			c.setUnset(sec.key, err)
		}
	}
	if c.IMAP.roots, err = loadCAFile("imap.ca_file", c.IMAP.CAFile); err != nil {
		return nil, err
	}
	if c.SMTP.roots, err = loadCAFile("smtp.ca_file", c.SMTP.CAFile); err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// checkKeys reports the first key under n that t has no field for, or
// whose value does not fit its field, by its dotted path, so that these
// errors name the key like validation errors do.
func checkKeys(n *yaml.Node, t reflect.Type, path string) error {
	if t.Kind() != reflect.Struct {
		if err := n.Decode(reflect.New(t).Interface()); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s: must be a mapping of keys (line %d)", path, n.Line)
	}
	fields := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() {
			fields[strings.Split(f.Tag.Get("yaml"), ",")[0]] = f.Type
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		key := k
		if path != "(top level)" {
			key = path + "." + k
		}
		ft, ok := fields[k]
		if !ok {
			if near := nearest(k, fields); near != "" {
				return fmt.Errorf("%s: unknown key (line %d); did you mean %q?", key, n.Content[i].Line, near)
			}
			return fmt.Errorf("%s: unknown key (line %d)", key, n.Content[i].Line)
		}
		if err := checkKeys(n.Content[i+1], ft, key); err != nil {
			return err
		}
	}
	return nil
}

// nearest returns the key of fields closest to k by edit distance, if it
// is close enough to be a typo (at most 2 edits, and fewer than half of
// k's letters), else "".
func nearest(k string, fields map[string]reflect.Type) string {
	best, bestD := "", 3
	for f := range fields {
		if d := editDistance(strings.ToLower(k), f); d < bestD || (d == bestD && f < best) {
			best, bestD = f, d
		}
	}
	if best == "" || bestD > 2 || 2*bestD >= len(k) {
		return ""
	}
	return best
}

// editDistance is the optimal-string-alignment distance between a and b,
// in bytes: insertions, deletions, substitutions and swaps of two
// neighbours ("smpt" for "smtp") count one each.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// expandEnv replaces ${NAME} in every string field under v with the value
// of the environment variable NAME; "$${" stands for a literal "${". An
// unset variable is an error naming the key.
func expandEnv(v reflect.Value, path string, c *Config) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		key := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if path != "" {
			key = path + "." + key
		}
		fv := v.Field(i)
		switch fv.Kind() {
		case reflect.Struct:
			if err := expandEnv(fv, key, c); err != nil {
				return err
			}
		case reflect.String:
			s, err := expand(fv.String())
			var unset envUnset
			if errors.As(err, &unset) && slices.Contains(secretKeys, key) {
				// a secret: an error only for the commands that use it
				c.setUnset(key, fmt.Errorf("%s: %w", key, err))
				s, err = "", nil
			}
			if err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			fv.SetString(s)
		}
	}
	return nil
}

func expand(s string) (string, error) {
	if !strings.Contains(s, "$") {
		return s, nil
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		if i > 0 && s[i-1] == '$' { // "$${" is a literal "${"
			b.WriteString(s[:i-1])
			b.WriteString("${")
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return "", fmt.Errorf("unclosed ${ in %q", s[i:])
		}
		name := s[i+2 : i+end]
		if !validEnvName(name) {
			return "", fmt.Errorf("bad environment variable name %q", name)
		}
		val, ok := os.LookupEnv(name)
		if !ok {
			return "", envUnset(name)
		}
		b.WriteString(val)
		s = s[i+end+1:]
	}
}

// envUnset is expand's error for a variable that is not set.
type envUnset string

func (e envUnset) Error() string { return "environment variable " + string(e) + " is not set" }

// setUnset records why the secret at key is missing.
func (c *Config) setUnset(key string, err error) {
	if c.unset == nil {
		c.unset = map[string]error{}
	}
	c.unset[key] = err
}

func validEnvName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// loadCAFile returns the system's roots with the certificates of the PEM
// file added, or nil when file is empty.
func loadCAFile(key, file string) (*x509.CertPool, error) {
	if file == "" {
		return nil, nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", key, err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("%s: %s holds no PEM certificate", key, file)
	}
	return pool, nil
}

// readSecret reads file, if set, into *secret; key is the secret's dotted
// key ("imap.password"), and the file's key is key+"_file".
// errSecretUnreadable is readSecret's error for a file it cannot read.
var errSecretUnreadable = errors.New("cannot read")

func readSecret(key string, secret *string, file string) error {
	if file == "" {
		return nil
	}
	if *secret != "" {
		return fmt.Errorf("%s_file: set together with %s; use one", key, key)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("%s_file: %w: %w", key, errSecretUnreadable, err)
	}
	s := strings.TrimRight(string(b), "\r\n")
	if strings.ContainsAny(s, "\r\n") {
		return fmt.Errorf("%s_file: holds more than one line", key)
	}
	*secret = s
	return nil
}

// Validate checks every key and returns all problems found, each naming its
// key, joined with errors.Join; nil when the configuration is usable.
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
	if c.Store.Path == "" {
		bad("store.path", "must be set")
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
	if _, err := parseCron(f.CheckIn); err != nil {
		bad("followups.check_in", "%v", err)
	}
	if _, err := parseCron(f.Tick); err != nil {
		bad("followups.tick", "%v", err)
	}
	if _, _, err := f.Quiet(); err != nil {
		bad("followups.quiet_hours", "%v", err)
	}
	if _, err := f.Location(); err != nil {
		bad("followups.default_time_zone", "%v", err)
	}
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

// ReadToken reads an OAuth 2.0 access token from file: its first line,
// trimmed. `jobback run` calls it at every login.
func ReadToken(file string) (string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("cannot read the token: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	if t := strings.TrimSpace(line); t != "" {
		return t, nil
	}
	return "", fmt.Errorf("%s holds no token", file)
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
