package main

import (
	"strings"

	"jobback/config"
	"jobback/parser"
)

// screenOf is the one place the configuration becomes the parser's Screen.
// run (the daemon), reply and parse all take it from here, so what reply and
// parse show is what the daemon does.
func screenOf(cfg *config.Config) parser.Screen {
	addrs := append([]string{cfg.Assistant.Address}, cfg.Assistant.Aliases...)
	for _, login := range []string{cfg.IMAP.Username, cfg.SMTP.Username} {
		if strings.Contains(login, "@") {
			addrs = append(addrs, login) // mail to the login reaches the mailbox too
		}
	}
	return parser.Screen{
		Addresses:        addrs,
		RequireAddressed: cfg.Screen.RequireAddressed,
		AnswerSpam:       !cfg.Screen.IgnoreSpam,
		AnswerDMARCFail:  !cfg.Screen.IgnoreDMARCFail,
		AuthServIDs:      cfg.Screen.AuthServIDs,
	}
}
