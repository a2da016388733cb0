package parser

import (
	"strings"

	"github.com/emersion/go-message/mail"
)

// ignoreReason applies RFC 3834 and common practice: it names the rule that
// says this message must never get an automatic answer, or returns "".
func ignoreReason(h mail.Header, env *Envelope, report bool) string {
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" {
		if kw, _, _ := strings.Cut(v, ";"); strings.TrimSpace(kw) != "no" {
			return "Auto-Submitted: " + strings.TrimSpace(kw)
		}
	}
	switch p := strings.ToLower(strings.TrimSpace(h.Get("Precedence"))); p {
	case "bulk", "list", "junk", "auto_reply":
		return "Precedence: " + p
	}
	fields := h.Fields()
	for fields.Next() {
		k := fields.Key()
		if len(k) > 5 && strings.EqualFold(k[:5], "list-") {
			return k + " header (mailing list)"
		}
	}
	for _, v := range strings.Split(h.Get("X-Auto-Response-Suppress"), ",") {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "all", "oof":
			return "X-Auto-Response-Suppress: " + strings.TrimSpace(v)
		}
	}
	for _, k := range []string{"X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply"} {
		if h.Has(k) {
			return k + " header"
		}
	}
	if rp := strings.TrimSpace(h.Get("Return-Path")); rp == "<>" {
		return "null Return-Path (a bounce)"
	}
	if report {
		return "multipart/report (a delivery or read report)"
	}
	if mt, _, err := h.ContentType(); err == nil && (mt == "message/delivery-status" || mt == "message/disposition-notification") {
		return mt + " (a delivery report)"
	}
	if r := systemSender(env.FromAddress); r != "" {
		return "From " + r
	}
	for _, k := range []string{"Sender", "Return-Path"} {
		if _, addr := firstAddress(h, k); addr != "" {
			if r := systemSender(addr); r != "" {
				return k + " " + r
			}
		}
	}
	if env.FromAddress == "" {
		return "no From address to answer"
	}
	if r := autoReplySubject(env.Subject); r != "" {
		return r
	}
	return ""
}

// systemSender names why an address belongs to a system rather than a person
// (RFC 3834, 2: bounces, list owners, request handlers, no-reply senders).
func systemSender(addr string) string {
	local, _, ok := strings.Cut(addr, "@")
	if !ok {
		return ""
	}
	l := strings.ToLower(local)
	if i := strings.IndexByte(l, '+'); i > 0 {
		l = l[:i]
	}
	switch l {
	case "mailer-daemon", "mailer_daemon", "postmaster", "noreply", "no-reply", "no_reply", "donotreply",
		"do-not-reply", "do_not_reply", "bounce", "bounces", "daemon", "nobody", "notifications", "notification":
		return addr + " (a system sender)"
	}
	if strings.HasPrefix(l, "owner-") || strings.HasSuffix(l, "-request") || strings.HasSuffix(l, "-owner") ||
		strings.HasSuffix(l, "-bounces") || strings.HasPrefix(l, "bounce-") || strings.HasPrefix(l, "noreply") ||
		strings.HasPrefix(l, "no-reply") || strings.HasPrefix(l, "donotreply") {
		return addr + " (a system sender)"
	}
	return ""
}

// autoReplySubject recognises the subjects auto-responders and bounce
// generators use when they set none of the headers above.
func autoReplySubject(s string) string {
	l := strings.ToLower(s)
	for _, p := range []string{"automatic reply:", "auto-reply:", "autoreply:", "auto reply:", "auto:", "out of office:",
		"out of office reply", "out of the office:", "undeliverable:", "undelivered mail returned to sender",
		"delivery status notification", "mail delivery failed", "returned mail:", "delivery failure",
		"message not delivered", "failure notice", "abwesenheitsnotiz", "réponse automatique"} {
		if strings.HasPrefix(l, p) {
			return "Subject " + `"` + s + `" (an automatic reply)`
		}
	}
	return ""
}
