package parser

import "github.com/emersion/go-message/mail"

func ignoreReason(h mail.Header, env *Envelope, report bool) string { return "" }
