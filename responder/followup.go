package responder

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"jobback/domain"
	"jobback/parser"
	"jobback/templates"
)

// followupKind is what differs between kinds besides the words.
type followupKind struct {
	// scheduled kinds are sent by the scheduler (Auto-Submitted:
	// auto-generated); the others answer a message of theirs
	// (auto-replied).
	scheduled bool
	// unsubscribe: the message carries List-Unsubscribe and the "Reply
	// STOP" line. Not after STOP or FORGET: there is nothing left to stop.
	unsubscribe bool
	// subject is used when the conversation has none.
	subject string
}

var followupKinds = map[domain.Kind]followupKind{
	domain.KindNudgeSend:     {scheduled: true, unsubscribe: true, subject: "Your letter"},
	domain.KindNudgeFollowup: {scheduled: true, unsubscribe: true, subject: "A short follow-up to your letter"},
	domain.KindChecklist:     {scheduled: true, unsubscribe: true, subject: "Your next steps"},
	domain.KindCheckin:       {scheduled: true, unsubscribe: true, subject: "Checking in"},
	domain.KindCongrats:      {scheduled: true, unsubscribe: true, subject: "Congratulations"},
	domain.KindConfirmStop:   {subject: "No more messages"},
	domain.KindConfirmForget: {subject: "Your records are deleted"},
	domain.KindConfirmSnooze: {unsubscribe: true, subject: "Messages paused"},
	domain.KindConfirmSent:   {unsubscribe: true, subject: "Well done"},
	domain.KindHelp:          {unsubscribe: true, subject: "How to reply to me"},
}

// Kinds returns every follow-up and confirmation kind, in a fixed order.
func Kinds() []domain.Kind {
	return []domain.Kind{domain.KindNudgeSend, domain.KindNudgeFollowup, domain.KindChecklist, domain.KindCheckin, domain.KindCongrats,
		domain.KindConfirmStop, domain.KindConfirmForget, domain.KindConfirmSnooze, domain.KindConfirmSent, domain.KindHelp}
}

// Followup is what a follow-up or confirmation message needs.
type Followup struct {
	// Kind is what to write: a scheduled follow-up, a confirmation, or
	// the help note.
	Kind domain.Kind
	// To is the person's address (envelope and header).
	To string
	// Facts are the case's facts (name, boss, company, role,
	// situation...); any of them may be empty.
	Facts parser.Facts
	// Subject is the subject of the conversation; the message uses "Re: "
	// and it. If empty, a subject that fits the kind.
	Subject string
	// ParentID is the Message-ID (no angle brackets) of our last message
	// to them, for In-Reply-To. If empty, the message starts a thread.
	ParentID string
	// ParentRefs is that message's References chain: References is these
	// and ParentID.
	ParentRefs []string
	// Zone is the person's time zone for dates in words. If nil, UTC.
	Zone *time.Location
	// Until is when follow-ups resume (domain.KindConfirmSnooze).
	Until time.Time
	// Next is when the follow-up nudge is due if nothing is heard
	// (domain.KindConfirmSent).
	Next time.Time
	// UnsubscribeURL, if it starts with "https://", is added to
	// List-Unsubscribe with List-Unsubscribe-Post: List-Unsubscribe=One-Click
	// (RFC 8058). Any other value is not used.
	UnsubscribeURL string
}

// Followup renders a follow-up or a confirmation: text and HTML, no
// attachment, threaded to ParentID. Scheduled kinds carry Auto-Submitted:
// auto-generated, confirmations and help auto-replied (RFC 3834). Every
// kind but confirm_stop and confirm_forget carries List-Unsubscribe with
// a mailto: to the assistant and subject STOP (RFC 2369), and the https
// URL when one is given (RFC 8058).
func (r *Responder) Followup(f Followup) (*Reply, error) {
	k, ok := followupKinds[f.Kind]
	if !ok {
		return nil, fmt.Errorf("cannot render follow-up: unknown kind %q", f.Kind)
	}
	to, err := parseAddress(f.To)
	if err != nil {
		return nil, fmt.Errorf("cannot render %s: no usable address (%w)", f.Kind, err)
	}
	var unsub []string
	post := false
	if k.unsubscribe {
		unsub = []string{"mailto:" + r.opts.Address + "?subject=STOP"}
		if strings.HasPrefix(f.UnsubscribeURL, "https://") {
			u, err := oneClickURL(f.UnsubscribeURL)
			if err != nil {
				return nil, fmt.Errorf("cannot render %s: %w", f.Kind, err)
			}
			unsub = append([]string{u}, unsub...)
			post = true
		}
	}
	zone := f.Zone
	if zone == nil {
		zone = time.UTC
	}
	subject := replySubject(f.Subject)
	if headerText(f.Subject) == "" {
		subject = k.subject
	}

	d := r.buildData(&parser.Message{Facts: f.Facts})
	d.Kind = string(f.Kind)
	d.Subject = clean(f.Subject)
	d.Stoppable = k.unsubscribe
	now := r.opts.Now()
	if !f.Until.IsZero() {
		d.Until = dateWords(f.Until, zone, now)
	}
	if !f.Next.IsZero() {
		d.Next = dateWords(f.Next, zone, now)
	}
	body, err := r.tmpl.Text("followup_"+string(f.Kind)+".txt", d)
	if err != nil {
		return nil, err
	}
	d.Body = templates.Tidy(body)
	d.BodyBlocks = templates.Blocks(d.Body)
	if f.Kind == domain.KindNudgeFollowup {
		draft, err := r.tmpl.Text("draft_followup.txt", d)
		if err != nil {
			return nil, err
		}
		d.DraftSubject, draft = splitSubject(templates.Tidy(draft))
		d.Draft = draft
		d.DraftBlocks = templates.Blocks(draft)
	}
	text, html, err := r.layout("followup", d)
	if err != nil {
		return nil, err
	}
	auto := "auto-replied"
	if k.scheduled {
		auto = "auto-generated"
	}
	return r.compose(envelope{
		kind:            string(f.Kind),
		to:              to,
		subject:         subject,
		parentID:        f.ParentID,
		parentRefs:      f.ParentRefs,
		autoSubmitted:   auto,
		listUnsubscribe: unsub,
		unsubscribePost: post,
	}, &rendered{text: text, html: html})
}

// Revised renders the advice reply again for a person who corrected facts
// with Key: lines ("Boss: Jane Smith"): the same as Reply, but the text
// opens by saying this is the revised letter with their corrections
// (m.Keys names them). m holds the case's facts with the corrections
// applied.
func (r *Responder) Revised(m *parser.Message) (*Reply, error) {
	return r.advise(m, true)
}

// correctedWords says which facts were corrected, in words and in a fixed
// order, from the parser's canonical keys.
func correctedWords(keys []string, d *templates.Data) []string {
	has := map[string]bool{}
	for _, k := range keys {
		has[k] = true
	}
	with := func(phrase, v string) string {
		if v == "" {
			return phrase
		}
		return phrase + " (" + v + ")"
	}
	var out []string
	for _, c := range []struct{ key, words, value string }{
		{"name", "your name", d.Name},
		{"boss", "your manager's name", d.Boss},
		{"boss_email", "their email address", d.BossEmail},
		{"company", "the company", d.Company},
		{"role", "your role", d.Role},
		{"left", "when you left", d.When},
		{"situation", "what happened", ""},
		{"reason", "the reason", ""},
	} {
		if has[c.key] {
			out = append(out, with(c.words, c.value))
		}
	}
	return out
}

// maxUnsubscribeURL bounds the https URL of List-Unsubscribe so the header
// stays well within a line (go-mail writes it unfolded).
const maxUnsubscribeURL = 700

// oneClickURL checks an https URL for List-Unsubscribe: go-mail writes the
// header as given, so it must hold no space, control character, angle
// bracket or comma.
func oneClickURL(s string) (string, error) {
	if len(s) > maxUnsubscribeURL {
		return "", errors.New("unsubscribe URL is too long")
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == ',' || c == '"' {
			return "", fmt.Errorf("unsubscribe URL %q holds a character a header cannot carry", s)
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return "", fmt.Errorf("unsubscribe URL %q is not an https URL", s)
	}
	return s, nil
}

// dateWords says a day in words in zone: "Monday 30 November", with the
// year when it is not the year of now.
func dateWords(t time.Time, zone *time.Location, now time.Time) string {
	t = t.In(zone)
	if t.Year() != now.In(zone).Year() {
		return t.Format("Monday 2 January 2006")
	}
	return t.Format("Monday 2 January")
}
