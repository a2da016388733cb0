package config

import (
	"jobback/domain"
	"time"
)

// Default returns the configuration used for absent keys, its followups'
// cron specs, quiet hours and zone already parsed (Followups.CheckInSchedule).
func Default() *Config {
	c := &Config{
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
			Takeover:       Duration(10 * time.Second),
		},
		SMTP: SMTP{
			Addr:       "127.0.0.1:2525",
			TLS:        domain.TLSNone,
			Auth:       "auto",
			Timeout:    Duration(time.Minute),
			CopyToSelf: true,
		},
		Store: Store{Driver: "sqlite", Path: "jobback.db", Synchronous: "group"},
		HTTP: HTTP{Addr: "127.0.0.1:9310", HealthIMAPDown: Duration(5 * time.Minute), HealthOutboxStuck: Duration(30 * time.Minute),
			HealthCheckEvery: Duration(10 * time.Minute)},
		Log: Log{Format: "text", Level: "info"},
		Limits: Limits{ReplyWindow: Duration(24 * time.Hour), MaxRepliesPerHour: 500, MaxPerPersonPerDay: 10, MaxMessageSize: 10 << 20,
			MaxAge: Duration(168 * time.Hour)},
		Outbox: Outbox{Senders: 2, RetryInitial: Duration(30 * time.Second), RetryMax: Duration(15 * time.Minute),
			GiveUpAfter: Duration(72 * time.Hour), CopyWait: Duration(15 * time.Second), Lease: Duration(5 * time.Minute)},
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
	// The defaults parse (TestDefaultIsValid); their parsed values are
	// kept for the accessors, as Validate keeps a file's.
	c.Followups.parse(func(string, string, ...any) {})
	return c
}
