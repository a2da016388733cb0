package config

import (
	"jobback/domain"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

func TestDefaultIsValid(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatalf("Default().Validate() = %v", err)
	}
}

func TestEmptyDocumentGivesDefaults(t *testing.T) {
	for _, in := range []string{"", "# only a comment\n", "---\n"} {
		c, err := ParseConfig(strings.NewReader(in))
		if err != nil {
			t.Fatalf("ParseConfig(%q): %v", in, err)
		}
		if !reflect.DeepEqual(c, Default()) {
			t.Errorf("ParseConfig(%q) = %+v, want defaults %+v", in, c, Default())
		}
	}
}

// The shipped config.yaml must load, name every key of Config, and agree
// with Default (apart from the password taken from the environment).
func TestShippedConfigFile(t *testing.T) {
	t.Setenv("JOBBACK_IMAP_PASSWORD", "s3cret")
	c, err := LoadFile("../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.IMAP.Password = "s3cret"
	if !reflect.DeepEqual(c, want) {
		t.Errorf("config.yaml = %+v\nwant %+v", c, want)
	}
	raw, err := os.ReadFile("../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		t.Fatal(err)
	}
	present := map[string]bool{}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if path != "" {
				k = path + "." + k
			}
			present[k] = true
			walk(n.Content[i+1], k)
		}
	}
	walk(root.Content[0], "")
	for _, k := range allKeys(reflect.TypeOf(Config{}), "") {
		if k == "smtp.pipelining" {
			continue // deprecated: still accepted, no longer documented (Config.Warnings)
		}
		if !present[k] {
			t.Errorf("config.yaml does not document key %s", k)
		}
	}
}

func allKeys(t reflect.Type, path string) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		k := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if path != "" {
			k = path + "." + k
		}
		keys = append(keys, k)
		if f.Type.Kind() == reflect.Struct {
			keys = append(keys, allKeys(f.Type, k)...)
		}
	}
	return keys
}

func TestParse(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		check func(c *Config) bool
	}{
		{"assistant", "assistant: {address: jobs@example.org, name: Job Helper, message_id_domain: example.org}",
			func(c *Config) bool {
				a := c.Assistant
				return a.Address == "jobs@example.org" && a.Name == "Job Helper" && a.MessageIDDomain == "example.org" && len(a.Aliases) == 0
			}},
		{"partial section keeps other defaults", "imap: {mailbox: Jobs}",
			func(c *Config) bool {
				return c.IMAP.Mailbox == "Jobs" && c.IMAP.Addr == "127.0.0.1:1143" && c.IMAP.Processed == "flag"
			}},
		{"null section keeps defaults", "imap:\nsmtp:\n",
			func(c *Config) bool { return reflect.DeepEqual(c, Default()) }},
		{"durations", "imap: {poll_interval: 1m30s}\nlimits: {reply_window: 48h}\nsmtp: {timeout: 10s}",
			func(c *Config) bool {
				return c.IMAP.PollInterval.D() == 90*time.Second && c.Limits.ReplyWindow.D() == 48*time.Hour &&
					c.SMTP.Timeout.D() == 10*time.Second
			}},
		{"size in bytes", "limits: {max_message_size: 2048}",
			func(c *Config) bool { return c.Limits.MaxMessageSize == 2048 }},
		{"size in KB", "limits: {max_message_size: 512KB}",
			func(c *Config) bool { return c.Limits.MaxMessageSize == 512<<10 }},
		{"size in MB with space, lower case", "limits: {max_message_size: 25 mb}",
			func(c *Config) bool { return c.Limits.MaxMessageSize == 25<<20 }},
		{"size in GB", "limits: {max_message_size: 1GB}",
			func(c *Config) bool { return c.Limits.MaxMessageSize == 1<<30 }},
		{"processed folder", "imap: {processed: Handled}",
			func(c *Config) bool { return c.IMAP.Processed == "Handled" }},
		{"implicit tls remote", "imap: {addr: 'imap.example.org:993', tls: implicit}\nsmtp: {addr: 'smtp.example.org:587', tls: starttls}",
			func(c *Config) bool { return c.IMAP.TLS == domain.TLSImplicit && c.SMTP.TLS == domain.TLSStartTLS }},
		{"insecure allowed explicitly", "smtp: {addr: 'relay.internal:25', tls: none, allow_insecure: true}",
			func(c *Config) bool { return c.SMTP.AllowInsecure }},
		{"ipv6 loopback without tls", "smtp: {addr: '[::1]:25'}",
			func(c *Config) bool { return c.SMTP.Addr == "[::1]:25" }},
		{"localhost without tls", "imap: {addr: 'localhost:143'}",
			func(c *Config) bool { return c.IMAP.Addr == "localhost:143" }},
		{"http off", "http: {addr: ''}",
			func(c *Config) bool { return c.HTTP.Addr == "" }},
		{"log json debug", "log: {format: json, level: debug}",
			func(c *Config) bool { return c.Log == Log{Format: "json", Level: "debug"} }},
		{"smtp auth", "smtp: {username: bot, password: pw}",
			func(c *Config) bool { return c.SMTP.Username == "bot" && c.SMTP.Password == "pw" }},
		{"dollar without brace is literal", "imap: {password: 'pa$$word$x'}",
			func(c *Config) bool { return c.IMAP.Password == "pa$$word$x" }},
		{"escaped reference", "imap: {password: '$${NOT_EXPANDED}'}",
			func(c *Config) bool { return c.IMAP.Password == "${NOT_EXPANDED}" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseConfig(strings.NewReader(tt.yaml))
			if err != nil {
				t.Fatalf("ParseConfig: %v", err)
			}
			if !tt.check(c) {
				t.Errorf("unexpected result: %+v", c)
			}
		})
	}
}

func TestEnvExpansion(t *testing.T) {
	t.Setenv("JB_TEST_PW", "from env: with {braces} and ${X}")
	t.Setenv("JB_TEST_HOST", "mail.example.org")
	t.Setenv("JB_TEST_EMPTY", "")
	c, err := ParseConfig(strings.NewReader(`
imap:
  password: "${JB_TEST_PW}"
  addr: "${JB_TEST_HOST}:993"
  tls: implicit
smtp:
  username: "u${JB_TEST_EMPTY}"
  password: "a${JB_TEST_EMPTY}b"
`))
	if err != nil {
		t.Fatal(err)
	}
	// The value of a variable is not expanded again.
	if c.IMAP.Password != "from env: with {braces} and ${X}" {
		t.Errorf("imap.password = %q", c.IMAP.Password)
	}
	if c.IMAP.Addr != "mail.example.org:993" {
		t.Errorf("imap.addr = %q", c.IMAP.Addr)
	}
	if c.SMTP.Username != "u" || c.SMTP.Password != "ab" {
		t.Errorf("smtp = %+v", c.SMTP)
	}
}

func TestPasswordFile(t *testing.T) {
	dir := t.TempDir()
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("hunter2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	crlf := filepath.Join(dir, "pw-crlf")
	if err := os.WriteFile(crlf, []byte("two words \r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := ParseConfig(strings.NewReader("imap: {password_file: " + pw + "}\nsmtp: {username: u, password_file: " + crlf + "}"))
	if err != nil {
		t.Fatal(err)
	}
	if c.IMAP.Password != "hunter2" {
		t.Errorf("imap password = %q, want hunter2", c.IMAP.Password)
	}
	if c.SMTP.Password != "two words " {
		t.Errorf("smtp password = %q, want %q", c.SMTP.Password, "two words ")
	}
}

// Every bad configuration must fail with an error that starts with the key
// at fault, so the person running the daemon knows what to fix.
func TestErrorsNameTheKey(t *testing.T) {
	dir := t.TempDir()
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	twoLines := filepath.Join(dir, "pw2")
	if err := os.WriteFile(twoLines, []byte("a\nb\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	notDir := pw
	os.Unsetenv("JB_TEST_UNSET")
	tests := []struct {
		name, yaml, key string
	}{
		{"unknown top-level key", "imapp: {}", "imapp: unknown key"},
		{"unknown nested key", "smtp: {adress: 'x:1'}", "smtp.adress: unknown key"},
		{"unknown key in assistant", "assistant: {domain: x}", "assistant.domain: unknown key"},
		{"address missing", "assistant: {address: ''}", "assistant.address:"},
		{"address with name", "assistant: {address: 'Help <help@x.org>'}", "assistant.address:"},
		{"address not an address", "assistant: {address: nobody}", "assistant.address:"},
		{"name with newline", "assistant: {name: \"a\\nBcc: x@y\"}", "assistant.name:"},
		{"msgid domain localhost", "assistant: {message_id_domain: localhost}", "assistant.message_id_domain:"},
		{"msgid domain bad", "assistant: {message_id_domain: 'a b'}", "assistant.message_id_domain:"},
		{"imap addr no port", "imap: {addr: 127.0.0.1}", "imap.addr:"},
		{"imap addr bad port", "imap: {addr: '127.0.0.1:99999'}", "imap.addr:"},
		{"imap addr empty", "imap: {addr: ''}", "imap.addr:"},
		{"imap tls unknown", "imap: {tls: ssl}", "imap.tls:"},
		{"imap tls none remote", "imap: {addr: 'imap.example.org:143', tls: none}", "imap.tls:"},
		{"smtp tls none remote", "smtp: {addr: '192.0.2.7:25'}", "smtp.tls:"},
		{"smtp addr bad", "smtp: {addr: 'nohost'}", "smtp.addr:"},
		{"imap username empty", "imap: {username: ''}", "imap.username:"},
		{"imap mailbox empty", "imap: {mailbox: ''}", "imap.mailbox:"},
		{"processed empty", "imap: {processed: ''}", "imap.processed:"},
		{"processed is mailbox", "imap: {processed: INBOX}", "imap.processed:"},
		{"poll interval not a duration", "imap: {poll_interval: 30}", "poll_interval"},
		{"poll interval too short", "imap: {poll_interval: 10ms}", "imap.poll_interval:"},
		{"reply window zero", "limits: {reply_window: 0s}", "limits.reply_window:"},
		{"reply window bad", "limits: {reply_window: a day}", "reply_window"},
		{"replies per hour zero", "limits: {max_replies_per_hour: 0}", "limits.max_replies_per_hour:"},
		{"per person per day zero", "limits: {max_per_person_per_day: 0}", "limits.max_per_person_per_day:"},
		{"size bad", "limits: {max_message_size: 10XB}", "max_message_size"},
		{"size too small", "limits: {max_message_size: 10}", "limits.max_message_size:"},
		{"smtp password without user", "smtp: {password: x}", "smtp.username:"},
		{"no senders", "outbox: {senders: 0}", "outbox.senders:"},
		{"bad synchronous", "store: {synchronous: sometimes}", "store.synchronous:"},
		{"bad driver", "store: {driver: mysql}", "store.driver:"},
		{"postgres without dsn", "store: {driver: postgres}", "store.dsn:"},
		{"dsn with sqlite", "store: {dsn: 'postgres://h/db'}", "store.dsn:"},
		{"takeover too short", "imap: {takeover: 100ms}", "imap.takeover:"},
		{"lease too short", "outbox: {lease: 2s}", "outbox.lease:"},
		{"retry too short", "outbox: {retry_initial: 10ms}", "outbox.retry_initial:"},
		{"retry max below initial", "outbox: {retry_initial: 1m, retry_max: 30s}", "outbox.retry_max:"},
		{"give up too soon", "outbox: {give_up_after: 5s}", "outbox.give_up_after:"},
		{"smtp timeout", "smtp: {timeout: 0s}", "smtp.timeout:"},
		{"smtp auth unknown", "smtp: {auth: gssapi}", "smtp.auth:"},
		{"imap auth unknown", "imap: {auth: plain}", "imap.auth:"},
		{"xoauth2 without a token file", "imap: {auth: xoauth2}", "imap.token_file:"},
		{"token file without xoauth2", "smtp: {token_file: /nonexistent}", "smtp.token_file:"},
		{"xoauth2 with a password", "imap: {auth: xoauth2, token_file: /nonexistent, password: p}", "imap.password:"},
		{"xoauth2 token file missing", "imap: {auth: xoauth2, token_file: /nonexistent}", "imap.token_file:"},
		{"smtp xoauth2 without a username", "smtp: {auth: xoauth2, token_file: /nonexistent}", "smtp.username:"},
		{"negative max age", "limits: {max_age: -1h}", "limits.max_age:"},
		{"helo with a space", "smtp: {helo: 'mail example'}", "smtp.helo:"},
		{"smtp auth upper case", "smtp: {auth: PLAIN}", "smtp.auth:"},
		{"store path", "store: {path: ''}", "store.path:"},
		{"http addr", "http: {addr: ':x'}", "http.addr:"},
		{"log format", "log: {format: xml}", "log.format:"},
		{"log level", "log: {level: loud}", "log.level:"},
		{"templates dir missing", "templates_dir: " + filepath.Join(dir, "nope"), "templates_dir:"},
		{"templates dir is a file", "templates_dir: " + notDir, "templates_dir:"},
		{"env unclosed", "smtp: {password: '${JB_TEST'}", "smtp.password:"},
		{"env bad name", "imap: {password: '${1X}'}", "imap.password:"},
		{"password and file", "imap: {password: a, password_file: " + pw + "}", "imap.password_file:"},
		{"password file two lines", "imap: {password_file: " + twoLines + "}", "imap.password_file:"},
		{"two documents", "log: {level: info}\n---\nlog: {level: debug}\n", "more than one YAML document"},
		{"not yaml", "imap: [unclosed", "cannot parse config"},
		{"copy wait zero", "outbox: {copy_wait: 0s}", "outbox.copy_wait:"},
		{"copy to self not a bool", "smtp: {copy_to_self: sometimes}", "smtp.copy_to_self"},
		{"followups unknown key", "followups: {nudge: 48h}", "followups.nudge: unknown key"},
		{"enabled not a bool", "followups: {enabled: maybe}", "followups.enabled"},
		{"nudge zero", "followups: {nudge_after: 0s}", "followups.nudge_after:"},
		{"nudge negative", "followups: {nudge_after: -1h}", "followups.nudge_after:"},
		{"nudge not a duration", "followups: {nudge_after: two days}", "followups.nudge_after"},
		{"follow up after sent zero", "followups: {follow_up_after_sent: 0s}", "followups.follow_up_after_sent:"},
		{"checklist zero", "followups: {checklist_after: 0s}", "followups.checklist_after:"},
		{"staleness zero", "followups: {staleness: 0s}", "followups.staleness:"},
		{"snooze zero", "followups: {snooze: 0s}", "followups.snooze:"},
		{"check in bad", "followups: {check_in: 'every monday'}", "followups.check_in:"},
		{"check in empty", "followups: {check_in: ''}", "followups.check_in:"},
		{"check in with zone", "followups: {check_in: 'CRON_TZ=Europe/Paris 0 9 * * MON'}", "followups.check_in:"},
		{"check in six fields", "followups: {check_in: '0 0 9 * * MON'}", "followups.check_in:"},
		{"tick bad", "followups: {tick: '@every soon'}", "followups.tick:"},
		{"tick empty", "followups: {tick: ''}", "followups.tick:"},
		{"quiet hours one time", "followups: {quiet_hours: '21:00'}", "followups.quiet_hours:"},
		{"quiet hours bad time", "followups: {quiet_hours: '25:00-08:00'}", "followups.quiet_hours:"},
		{"quiet hours words", "followups: {quiet_hours: 'night'}", "followups.quiet_hours:"},
		{"zone unknown", "followups: {default_time_zone: Mars/Olympus}", "followups.default_time_zone:"},
		{"zone empty", "followups: {default_time_zone: ''}", "followups.default_time_zone:"},
		{"unsubscribe http", "followups: {unsubscribe_url: 'http://jobback.example/u', unsubscribe_secret: 0123456789abcdef}", "followups.unsubscribe_url:"},
		{"unsubscribe no host", "followups: {unsubscribe_url: 'https:///u', unsubscribe_secret: 0123456789abcdef}", "followups.unsubscribe_url:"},
		{"unsubscribe not a url", "followups: {unsubscribe_url: 'https://a b/%zz', unsubscribe_secret: 0123456789abcdef}", "followups.unsubscribe_url:"},
		{"unsubscribe without http", "http: {addr: ''}\nfollowups: {unsubscribe_url: 'https://jobback.example/u', unsubscribe_secret: 0123456789abcdef}", "followups.unsubscribe_url: needs http.addr"},
		{"unsubscribe without secret", "followups: {unsubscribe_url: 'https://jobback.example/u'}", "followups.unsubscribe_secret:"},
		{"unsubscribe secret short", "followups: {unsubscribe_url: 'https://jobback.example/u', unsubscribe_secret: short}", "followups.unsubscribe_secret:"},
		{"unsubscribe secret and file", "followups: {unsubscribe_secret: a, unsubscribe_secret_file: " + pw + "}", "followups.unsubscribe_secret_file:"},
		{"unsubscribe secret file two lines", "followups: {unsubscribe_secret_file: " + twoLines + "}", "followups.unsubscribe_secret_file:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig(strings.NewReader(tt.yaml))
			if err == nil {
				t.Fatalf("ParseConfig(%q) succeeded, want an error naming %q", tt.yaml, tt.key)
			}
			if !strings.Contains(err.Error(), tt.key) {
				t.Errorf("error %q does not name %q", err, tt.key)
			}
		})
	}
}

// Validate reports every problem at once, one line per key.
func TestValidateReportsAll(t *testing.T) {
	c := Default()
	c.SMTP.Addr = "bad"
	c.Log.Level = "loud"
	c.Limits.MaxRepliesPerHour = -1
	err := c.Validate()
	if err == nil {
		t.Fatal("Validate succeeded")
	}
	lines := strings.Split(err.Error(), "\n")
	want := []string{"smtp.addr:", "log.level:", "limits.max_replies_per_hour:"}
	if len(lines) != len(want) {
		t.Fatalf("got %d errors, want %d: %q", len(lines), len(want), lines)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("error %d = %q, want prefix %q", i, lines[i], w)
		}
	}
}

func TestSizeAndDurationRoundTrip(t *testing.T) {
	for _, s := range []Size{0, 1000, 1024, 512 << 10, 10 << 20, 3 << 30} {
		out, err := yaml.Marshal(struct{ S Size }{s})
		if err != nil {
			t.Fatal(err)
		}
		var back struct{ S Size }
		if err := yaml.Unmarshal(out, &back); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		if back.S != s {
			t.Errorf("size %d -> %q -> %d", s, out, back.S)
		}
	}
	d := Duration(90 * time.Minute)
	out, err := yaml.Marshal(struct{ D Duration }{d})
	if err != nil {
		t.Fatal(err)
	}
	var back struct{ D Duration }
	if err := yaml.Unmarshal(out, &back); err != nil || back.D != d {
		t.Errorf("duration %v -> %q -> %v, %v", d, out, back.D, err)
	}
}

func TestTypeErrorsNameTheKey(t *testing.T) {
	tests := []struct{ yaml, key string }{
		{"limits: {max_replies_per_hour: many}", "limits.max_replies_per_hour:"},
		{"imap: {allow_insecure: maybe}", "imap.allow_insecure:"},
		{"imap: [a, b]", "imap: must be a mapping"},
		{"assistant: {name: {first: a}}", "assistant.name:"},
		{"just a string", "(top level): must be a mapping"},
	}
	for _, tt := range tests {
		_, err := ParseConfig(strings.NewReader(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.key) {
			t.Errorf("ParseConfig(%q) = %v, want an error naming %q", tt.yaml, err, tt.key)
		}
	}
}

func TestFollowupDefaults(t *testing.T) {
	c, err := ParseConfig(strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	f := c.Followups
	if !f.Enabled || f.NudgeAfter.D() != 48*time.Hour || f.FollowUpAfterSent.D() != 168*time.Hour ||
		f.ChecklistAfter.D() != 504*time.Hour || f.CheckIn != "0 9 * * MON" || f.QuietHours != "21:00-08:00" ||
		f.DefaultTimeZone != "UTC" || f.Staleness.D() != 168*time.Hour || f.Snooze.D() != 168*time.Hour ||
		f.Tick != "@every 1m" || f.UnsubscribeURL != "" || f.UnsubscribeSecret != "" {
		t.Errorf("followups defaults = %+v", f)
	}
	if !c.SMTP.CopyToSelf || c.Outbox.CopyWait.D() != 15*time.Second || c.Store.Synchronous != "group" {
		t.Errorf("copy_to_self %v, copy_wait %s, synchronous %q", c.SMTP.CopyToSelf, c.Outbox.CopyWait.D(), c.Store.Synchronous)
	}
	if c.SMTP.Auth != "auto" || c.Warnings() != nil {
		t.Errorf("smtp.auth %q, warnings %q; want auto, none", c.SMTP.Auth, c.Warnings())
	}
	q, err := f.Quiet()
	if err != nil || q.String() != "21:00-08:00" {
		t.Errorf("Quiet() = %v, %v", q, err)
	}
	loc, err := f.Location()
	if err != nil || loc != time.UTC {
		t.Errorf("Location() = %v, %v", loc, err)
	}
	tick, err := f.TickSchedule()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 23, 10, 0, 30, 0, time.UTC)
	if next := tick.Next(at); next.Sub(at) != time.Minute {
		t.Errorf("tick after %s is %s, want a minute later", at, next)
	}
}

func TestFollowupsParse(t *testing.T) {
	t.Setenv("JB_TEST_UNSUB", "from-the-environment-0123")
	c, err := ParseConfig(strings.NewReader(`followups:
  enabled: false
  nudge_after: 24h
  follow_up_after_sent: 72h
  checklist_after: 240h
  check_in: "30 18 * * FRI"
  quiet_hours: "22:30-07:15"
  default_time_zone: America/New_York
  staleness: 48h
  snooze: 336h
  tick: "*/5 * * * *"
  unsubscribe_url: "https://jobback.example/unsubscribe"
  unsubscribe_secret: "${JB_TEST_UNSUB}"
smtp: {copy_to_self: false, auth: login, pipelining: false}
outbox: {copy_wait: 1m}
store: {synchronous: full}
`))
	if err != nil {
		t.Fatal(err)
	}
	f := c.Followups
	if f.Enabled || f.NudgeAfter.D() != 24*time.Hour || f.FollowUpAfterSent.D() != 72*time.Hour ||
		f.ChecklistAfter.D() != 240*time.Hour || f.CheckIn != "30 18 * * FRI" || f.Staleness.D() != 48*time.Hour ||
		f.Snooze.D() != 336*time.Hour || f.Tick != "*/5 * * * *" ||
		f.UnsubscribeURL != "https://jobback.example/unsubscribe" || f.UnsubscribeSecret != "from-the-environment-0123" {
		t.Errorf("followups = %+v", f)
	}
	if c.SMTP.CopyToSelf || c.Outbox.CopyWait.D() != time.Minute || c.Store.Synchronous != "full" {
		t.Errorf("copy_to_self %v, copy_wait %s, synchronous %q", c.SMTP.CopyToSelf, c.Outbox.CopyWait.D(), c.Store.Synchronous)
	}
	if w := c.Warnings(); c.SMTP.Auth != "login" || len(w) != 1 || !strings.Contains(w[0], "smtp.pipelining") {
		t.Errorf("smtp.auth %q, warnings %q; want login, and one warning naming smtp.pipelining", c.SMTP.Auth, w)
	}
	if q, err := f.Quiet(); err != nil || q != f.quiet.v || q.String() != "22:30-07:15" {
		t.Errorf("Quiet() = %v, %v", q, err)
	}
	if loc, err := f.Location(); err != nil || loc.String() != "America/New_York" {
		t.Errorf("Location() = %v, %v", loc, err)
	}
}

func TestUnsubscribeSecretFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "unsub")
	if err := os.WriteFile(path, []byte("a-long-secret-from-a-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := ParseConfig(strings.NewReader("followups: {unsubscribe_url: 'https://jobback.example/u', unsubscribe_secret_file: " + path + "}"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Followups.UnsubscribeSecret != "a-long-secret-from-a-file" {
		t.Errorf("unsubscribe secret = %q", c.Followups.UnsubscribeSecret)
	}
}

func TestCAFile(t *testing.T) {
	dir := t.TempDir()
	pemFile := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(pemFile, []byte(testCertPEM), 0o600); err != nil {
		t.Fatal(err)
	}
	notPEM := filepath.Join(dir, "not.pem")
	if err := os.WriteFile(notPEM, []byte("hello\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := ParseConfig(strings.NewReader("imap: {addr: 'mail.example.org:993', tls: implicit, ca_file: " + pemFile + "}\n" +
		"smtp: {addr: 'mail.example.org:465', tls: implicit}"))
	if err != nil {
		t.Fatal(err)
	}
	if c.IMAP.RootCAs() == nil || c.SMTP.RootCAs() != nil {
		t.Errorf("imap roots %v, smtp roots %v; want a pool, nil", c.IMAP.RootCAs(), c.SMTP.RootCAs())
	}
	for _, tc := range []struct{ doc, want string }{
		{"smtp: {addr: 'mail.example.org:465', tls: implicit, ca_file: " + filepath.Join(dir, "missing") + "}", "smtp.ca_file: cannot read"},
		{"smtp: {addr: 'mail.example.org:465', tls: implicit, ca_file: " + notPEM + "}", "smtp.ca_file: " + notPEM + " holds no PEM certificate"},
		{"imap: {ca_file: " + pemFile + "}", "imap.ca_file: has no use with tls: none"},
	} {
		if _, err := ParseConfig(strings.NewReader(tc.doc)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.doc, err, tc.want)
		}
	}
}

// testCertPEM is a self-signed certificate (CN=jobback test CA), only
// parsed here.
const testCertPEM = `-----BEGIN CERTIFICATE-----
MIIBZjCCAQugAwIBAgIBATAKBggqhkjOPQQDAjAaMRgwFgYDVQQDEw9qb2JiYWNr
IHRlc3QgQ0EwHhcNMjYwMTAxMDAwMDAwWhcNMzYwMTAxMDAwMDAwWjAaMRgwFgYD
VQQDEw9qb2JiYWNrIHRlc3QgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARh
hlcGfm4qzm3eicTRcjKQEryYuuhfqNxuD81q/KdSUpyqXtrTXTd/BesnqzqKoUXP
/F6+n2nrnjN8Dzlt0aRuo0IwQDAOBgNVHQ8BAf8EBAMCAgQwDwYDVR0TAQH/BAUw
AwEB/zAdBgNVHQ4EFgQU1PFne29t1ffyiqkKjnU3n6uMw8UwCgYIKoZIzj0EAwID
SQAwRgIhAK7ZNjnYWKMgMlToE+tRzk51dLofZmcs+7sgyfRdEQlVAiEAu8kd1PKJ
XIZTJrCRgISozhKmmAphuztpTyRTgrh+vAY=
-----END CERTIFICATE-----
`

func TestTokenFile(t *testing.T) {
	dir := t.TempDir()
	tok := filepath.Join(dir, "token")
	if err := os.WriteFile(tok, []byte("  ya29.a0Af-token \nsecond line\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := ParseConfig(strings.NewReader("imap: {auth: xoauth2, token_file: " + tok + "}\n" +
		"smtp: {auth: xoauth2, username: help@jobback.example, token_file: " + tok + "}"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ReadToken(c.IMAP.TokenFile); err != nil || got != "ya29.a0Af-token" {
		t.Errorf("ReadToken = %q, %v; want the first line, trimmed", got, err)
	}
	if _, err := ParseConfig(strings.NewReader("imap: {auth: xoauth2, token_file: " + empty + "}")); err == nil ||
		!strings.Contains(err.Error(), "imap.token_file: "+empty+" holds no token") {
		t.Errorf("empty token file: %v", err)
	}
}

// A secret that cannot be read (an environment variable not set, a
// password file missing) fails only the commands that use it: Need names
// it, and a command that does not log in loads the file all the same.
func TestSecretsNeededOnlyWhenUsed(t *testing.T) {
	none := filepath.Join(t.TempDir(), "none")
	tests := []struct{ yaml, section, want string }{
		{"imap: {password: '${JB_TEST_UNSET}'}", "imap", "imap.password: environment variable JB_TEST_UNSET is not set"},
		{"smtp: {username: u, password_file: " + none + "}", "smtp", "smtp.password_file:"},
		{"followups: {unsubscribe_secret: '${JB_TEST_UNSET}'}", "followups", "followups.unsubscribe_secret: environment variable JB_TEST_UNSET is not set"},
		{"followups: {unsubscribe_secret_file: " + none + "}", "followups", "followups.unsubscribe_secret_file:"},
	}
	for _, tt := range tests {
		c, err := ParseConfig(strings.NewReader(tt.yaml))
		if err != nil {
			t.Errorf("%s: %v; a secret not read must not fail the load", tt.yaml, err)
			continue
		}
		if err := c.Need(tt.section); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Need(%q) = %v, want an error naming %q", tt.yaml, tt.section, err, tt.want)
		}
		for _, other := range []string{"imap", "smtp", "followups"} {
			if other != tt.section && c.Need(other) != nil {
				t.Errorf("%s: Need(%q) = %v, want nil", tt.yaml, other, c.Need(other))
			}
		}
	}
	// An unset variable anywhere else is still an error at load.
	if _, err := ParseConfig(strings.NewReader("store: {path: '${JB_TEST_UNSET}'}")); err == nil || !strings.Contains(err.Error(), "store.path") {
		t.Errorf("an unset variable in store.path: %v, want an error naming store.path", err)
	}
}

// An unknown key that is a typo of a known one says which (issue 16).
func TestUnknownKeyDidYouMean(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"imap: {pol_interval: 5s}", `imap.pol_interval: unknown key (line 1); did you mean "poll_interval"?`},
		{"smpt: {addr: x}", `smpt: unknown key (line 1); did you mean "smtp"?`},
		{"limits: {max_age: 1h, max_replies_per_hr: 5}", `did you mean "max_replies_per_hour"?`},
		{"imap: {colour: blue}", "imap.colour: unknown key (line 1)"},
	}
	for _, tt := range tests {
		_, err := ParseConfig(strings.NewReader(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.yaml, err, tt.want)
		}
	}
	if _, err := ParseConfig(strings.NewReader("imap: {colour: blue}")); err != nil && strings.Contains(err.Error(), "did you mean") {
		t.Errorf("a key like no other got a suggestion: %v", err)
	}
}

// Validate keeps what it parses (issue 17): the accessors give it back
// without parsing again, and parse a key set by hand since.
func TestParsedValuesKept(t *testing.T) {
	c, err := ParseConfig(strings.NewReader("followups: {check_in: '30 18 * * FRI', tick: '@every 5m', quiet_hours: '22:30-07:15', default_time_zone: America/New_York}"))
	if err != nil {
		t.Fatal(err)
	}
	f := c.Followups
	// time.LoadLocation makes a new *Location at each call: the same one
	// twice is the one Validate loaded.
	l1, err1 := f.Location()
	l2, err2 := f.Location()
	if err1 != nil || err2 != nil || l1 != l2 || l1 != f.zone.v || l1.String() != "America/New_York" {
		t.Errorf("Location() = %p %v, %p %v; want Validate's %p", l1, err1, l2, err2, f.zone.v)
	}
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) // a Monday
	if s, err := f.CheckInSchedule(); err != nil || s != f.checkIn.v || s.Next(at).Weekday() != time.Friday {
		t.Errorf("CheckInSchedule() = %v, %v", s, err)
	}
	if s, err := f.TickSchedule(); err != nil || s.Next(at).Sub(at) != 5*time.Minute {
		t.Errorf("TickSchedule() = %v, %v", s, err)
	}
	if q, err := f.Quiet(); err != nil || q != f.quiet.v || q.String() != "22:30-07:15" {
		t.Errorf("Quiet() = %v, %v", q, err)
	}

	// Set by hand, not validated: each accessor parses the new value.
	h := Default().Followups
	h.QuietHours, h.DefaultTimeZone, h.Tick, h.CheckIn = "23:00-06:00", "Europe/Paris", "@every 2m", "0 8 * * TUE"
	if q, err := h.Quiet(); err != nil || q.String() != "23:00-06:00" {
		t.Errorf("by hand: Quiet() = %v, %v", q, err)
	}
	if loc, err := h.Location(); err != nil || loc.String() != "Europe/Paris" {
		t.Errorf("by hand: Location() = %v, %v", loc, err)
	}
	if s, err := h.TickSchedule(); err != nil || s.Next(at).Sub(at) != 2*time.Minute {
		t.Errorf("by hand: TickSchedule() = %v, %v", s, err)
	}
	if s, err := h.CheckInSchedule(); err != nil || s.Next(at).Weekday() != time.Tuesday {
		t.Errorf("by hand: CheckInSchedule() = %v, %v", s, err)
	}
	h.QuietHours, h.DefaultTimeZone, h.Tick, h.CheckIn = "night", "Mars/Olympus", "", "every monday"
	if _, err := h.Quiet(); err == nil || err.Error() != `"night" is not HH:MM-HH:MM (like 21:00-08:00)` {
		t.Errorf("by hand, bad: Quiet() error %v", err)
	}
	if _, err := h.Location(); err == nil || !strings.Contains(err.Error(), `"Mars/Olympus" is not a known time zone`) {
		t.Errorf("by hand, bad: Location() error %v", err)
	}
	if _, err := h.TickSchedule(); err == nil || !strings.Contains(err.Error(), "must be set") {
		t.Errorf("by hand, bad: TickSchedule() error %v", err)
	}
	if _, err := h.CheckInSchedule(); err == nil || !strings.Contains(err.Error(), "is not a cron spec") {
		t.Errorf("by hand, bad: CheckInSchedule() error %v", err)
	}

	// Built by hand and validated: Validate keeps the values.
	v := Default()
	v.Followups.DefaultTimeZone = "Asia/Tokyo"
	if err := v.Validate(); err != nil {
		t.Fatal(err)
	}
	if loc, err := v.Followups.Location(); err != nil || loc != v.Followups.zone.v || loc.String() != "Asia/Tokyo" {
		t.Errorf("validated by hand: Location() = %v, %v", loc, err)
	}
}

// The PostgreSQL connection string is a secret like a password: from the
// environment or from a file, needed only by the commands that open the
// store.
func TestStoreDSN(t *testing.T) {
	dsnFile := filepath.Join(t.TempDir(), "dsn")
	if err := os.WriteFile(dsnFile, []byte("postgres://jobback:s3cret@db.example/jobback\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := ParseConfig(strings.NewReader("store: {driver: postgres, dsn_file: " + dsnFile + ", instance: a}\nimap: {takeover: 4s}"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Store.DSN != "postgres://jobback:s3cret@db.example/jobback" || c.Store.Instance != "a" || c.IMAP.Takeover.D() != 4*time.Second {
		t.Errorf("dsn %q, instance %q, takeover %s", c.Store.DSN, c.Store.Instance, c.IMAP.Takeover.D())
	}
	if Default().IMAP.Takeover.D() != 10*time.Second || Default().Store.Driver != "sqlite" {
		t.Errorf("defaults: takeover %s, driver %q; want 10s, sqlite", Default().IMAP.Takeover.D(), Default().Store.Driver)
	}
	t.Setenv("JB_TEST_DSN", "host=db.example dbname=jobback")
	c, err = ParseConfig(strings.NewReader("store: {driver: postgres, dsn: '${JB_TEST_DSN}'}"))
	if err != nil || c.Store.DSN != "host=db.example dbname=jobback" {
		t.Fatalf("dsn from the environment: %v, %q", err, c.Store.DSN)
	}
	// Unset: the load passes, the commands that open the store fail.
	c, err = ParseConfig(strings.NewReader("store: {driver: postgres, dsn: '${JB_TEST_UNSET}'}"))
	if err != nil {
		t.Fatalf("an unset dsn variable must not fail the load: %v", err)
	}
	if err := c.Need("store"); err == nil || !strings.Contains(err.Error(), "store.dsn") {
		t.Errorf("Need(store) = %v, want an error naming store.dsn", err)
	}
	if err := c.Need("imap"); err != nil {
		t.Errorf("Need(imap) = %v, want nil", err)
	}
	if _, err := ParseConfig(strings.NewReader("store: {driver: postgres, dsn: x, dsn_file: " + dsnFile + "}")); err == nil || !strings.Contains(err.Error(), "store.dsn_file") {
		t.Errorf("dsn and dsn_file both set: %v, want an error naming store.dsn_file", err)
	}
}
