// Package responder turns what the parser understood of a message into a
// complete reply: advice that fits the person's case and a draft letter in
// their own name, as one RFC 5322 message (multipart/alternative plain text
// and HTML, the letter attached as a text file). It also submits messages
// over SMTP (Sender).
//
// Replies follow RFC 5322 section 3.6.4 for threading (In-Reply-To,
// References) and RFC 3834 for automatic responses (Auto-Submitted:
// auto-replied). Every value taken from the incoming message is cleaned of
// control characters before it reaches a header, so nothing a writer sends
// can add a header; the HTML part is built with html/template.
//
// The responder knows nothing of IMAP or the store: facts in, bytes out.
package responder

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	gomail "github.com/wneessen/go-mail"
	"golang.org/x/text/unicode/norm"

	"jobback/internal/msgid"
	"jobback/parser"
	"jobback/templates"
)

// Options configure a Responder.
type Options struct {
	// Address is the assistant's address, the From of every reply. If
	// empty, help@jobback.example.
	Address string
	// Name is the From display name. If empty, "jobback".
	Name string
	// MessageIDDomain is the right-hand side of our Message-IDs. If empty,
	// the domain of Address.
	MessageIDDomain string
	// TemplatesDir, if not empty, holds template files that replace the
	// embedded ones file by file. "" uses the embedded templates only.
	TemplatesDir string
	// Now is the clock for the Date header and Message-IDs. If nil,
	// time.Now.
	Now func() time.Time
}

// Responder renders replies. It is safe for concurrent use.
type Responder struct {
	opts Options
	tmpl *templates.Set
	// random fills b with random bytes (crypto/rand; tests may replace it).
	random func(b []byte)
}

// Reply is one rendered message, ready for the outbox.
type Reply struct {
	MessageID string // the Message-ID it carries, without angle brackets
	To        string // the recipient address (envelope and header)
	Raw       []byte // the whole message, RFC 5322, CRLF line endings
}

// New checks the options and parses the templates once.
func New(opts Options) (*Responder, error) {
	if opts.Address == "" {
		opts.Address = "help@jobback.example"
	}
	if opts.Name == "" {
		opts.Name = "jobback"
	}
	addr, err := parseAddress(opts.Address)
	if err != nil {
		return nil, fmt.Errorf("cannot use assistant address %q: %w", opts.Address, err)
	}
	opts.Address = addr
	if strings.ContainsAny(opts.Name, "\r\n") {
		return nil, errors.New("cannot use assistant name: it contains a line break")
	}
	if opts.MessageIDDomain == "" {
		opts.MessageIDDomain = addr[strings.LastIndexByte(addr, '@')+1:]
	}
	if d := strings.ToLower(opts.MessageIDDomain); d == "localhost" || strings.HasSuffix(d, ".localhost") ||
		strings.ContainsAny(d, " \t\r\n<>@") {
		return nil, fmt.Errorf("cannot use message ID domain %q", opts.MessageIDDomain)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	set, err := templates.Load(opts.TemplatesDir)
	if err != nil {
		return nil, err
	}
	r := &Responder{opts: opts, tmpl: set, random: func(b []byte) { _, _ = rand.Read(b) }}
	for _, name := range requiredTemplates() {
		if !set.Has(name) {
			return nil, fmt.Errorf("cannot use templates: %s is missing", name)
		}
	}
	return r, nil
}

func requiredTemplates() []string {
	names := []string{"advice.txt", "advice.html"}
	for _, p := range []string{PlaybookFired, PlaybookLaidOff, PlaybookQuit, PlaybookWrongful, PlaybookAsk, PlaybookAtRisk} {
		names = append(names, "advice_"+p+".txt", "letter_"+p+".txt")
	}
	names = append(names, "advice_revised.txt", "followup.txt", "followup.html", "draft_followup.txt")
	for _, k := range Kinds() {
		names = append(names, "followup_"+string(k)+".txt")
	}
	return names
}

// ErrIgnored is returned by Reply for a message that must not be answered
// automatically (the parser's ActionIgnore) or that is not a description
// of a situation.
var ErrIgnored = errors.New("message must not get an advice reply")

// Reply renders the advice reply to an advise message: advice for the
// playbook the facts call for, and the draft letter. A message the parser
// says to ignore, or a command, gets an error wrapping ErrIgnored.
func (r *Responder) Reply(m *parser.Message) (*Reply, error) {
	return r.advise(m, false)
}

// advise renders the advice reply; revised opens it with
// "advice_revised.txt" (see Revised).
func (r *Responder) advise(m *parser.Message, revised bool) (*Reply, error) {
	if m == nil {
		return nil, errors.New("cannot reply: no message")
	}
	switch m.Facts.Action {
	case parser.ActionAdvise:
	case parser.ActionIgnore:
		return nil, fmt.Errorf("%w: %s", ErrIgnored, orDefault(m.Envelope.IgnoreReason, "the parser says to ignore it"))
	default:
		return nil, fmt.Errorf("%w: action is %q", ErrIgnored, m.Facts.Action)
	}
	// Whom to answer was decided by the parser and the Screen (a Reply-To
	// is followed only when the From's domain vouches for it).
	to := m.Envelope.AnswerTo
	if to == "" {
		to = m.Envelope.FromAddress
	}
	to, err := parseAddress(to)
	if err != nil {
		return nil, fmt.Errorf("cannot reply: no usable address to answer (%v)", err)
	}
	d := r.buildData(m)
	if revised {
		d.Revised = true
		d.Corrected = correctedWords(m.Keys, d)
	}
	body, err := r.renderAdvice(d)
	if err != nil {
		return nil, err
	}
	return r.compose(envelope{
		kind:          "advice",
		to:            to,
		subject:       replySubject(m.Envelope.Subject),
		parentID:      m.Envelope.MessageID,
		parentRefs:    m.Envelope.References,
		parentInReply: m.Envelope.InReplyTo,
		autoSubmitted: "auto-replied",
	}, body)
}

// rendered is the content of one message: the parts and attachments.
type rendered struct {
	text, html  string
	attachName  string
	attachment  string
	attachLabel string
}

// splitSubject takes a leading "Subject: ..." line off a drafted message
// (a letter, a follow-up note) and returns the subject and the rest.
func splitSubject(draft string) (subject, body string) {
	rest, ok := strings.CutPrefix(draft, "Subject: ")
	if !ok {
		return "", draft
	}
	subj, b, _ := strings.Cut(rest, "\n")
	return strings.TrimSpace(subj), strings.TrimLeft(b, "\n")
}

// renderAdvice fills d in the order the templates need: letter, advice,
// then the two layouts.
func (r *Responder) renderAdvice(d *templates.Data) (*rendered, error) {
	letter, err := r.tmpl.Text(letterFor(d.Playbook), d)
	if err != nil {
		return nil, err
	}
	d.LetterSubject, letter = splitSubject(templates.Tidy(letter))
	d.Letter = letter
	d.LetterBlocks = templates.Blocks(letter)
	if d.BossEmail != "" && !d.ToHR() && !d.LetterAbove() {
		d.MailtoURL = mailto(d.BossEmail, d.LetterSubject, letter)
	}
	advice, err := r.tmpl.Text("advice_"+d.Playbook+".txt", d)
	if err != nil {
		return nil, err
	}
	// a right to stay that hangs on the job comes before the steps (and
	// after the answers to their questions, which come first)
	if d.Visa && r.tmpl.Has("visa.txt") {
		visa, err := r.tmpl.Text("visa.txt", d)
		if err != nil {
			return nil, err
		}
		advice = strings.TrimSpace(visa) + "\n\n" + advice
	}
	// Their questions first, each answered in a few sentences, then the
	// steps.
	if d.Answered() && r.tmpl.Has("answers.txt") {
		answers, err := r.tmpl.Text("answers.txt", d)
		if err != nil {
			return nil, err
		}
		if a := strings.TrimSpace(answers); a != "" {
			advice = a + "\n\n" + advice
		}
	}
	if d.OnBehalf != "" && r.tmpl.Has("advice_on_behalf.txt") {
		intro, err := r.tmpl.Text("advice_on_behalf.txt", d)
		if err != nil {
			return nil, err
		}
		advice = strings.TrimSpace(intro) + "\n\n" + advice
	}
	if d.Revised {
		intro, err := r.tmpl.Text("advice_revised.txt", d)
		if err != nil {
			return nil, err
		}
		advice = intro + "\n\n" + advice
	}
	d.Advice = templates.Tidy(advice)
	d.AdviceBlocks = templates.Blocks(d.Advice)
	text, html, err := r.layout(d.Kind, d)
	if err != nil {
		return nil, err
	}
	att := letter
	if d.LetterSubject != "" {
		att = "Subject: " + d.LetterSubject + "\n\n" + letter
	}
	return &rendered{
		text:        text,
		html:        html,
		attachName:  letterFileName(letterTo(d)),
		attachment:  att,
		attachLabel: "Draft letter",
	}, nil
}

// layout fills the two layouts of a message: "<name>.txt", tidied into the
// text/plain part, and "<name>.html". Every message goes through it: the
// advice reply with "advice", follow-ups and confirmations with
// "followup".
func (r *Responder) layout(name string, d *templates.Data) (text, html string, err error) {
	text, err = r.tmpl.Text(name+".txt", d)
	if err != nil {
		return "", "", err
	}
	html, err = r.tmpl.HTML(name+".html", d)
	if err != nil {
		return "", "", err
	}
	return templates.PlainText(templates.Tidy(text)), html, nil
}

// envelope is what a message needs besides its content. Follow-ups fill
// autoSubmitted "auto-generated" or "auto-replied", listUnsubscribe (and
// unsubscribePost when it holds an https URL, RFC 8058), and thread to our
// own last message through parentID and parentRefs.
type envelope struct {
	kind            string
	to              string
	subject         string
	parentID        string
	parentRefs      []string
	parentInReply   []string
	autoSubmitted   string
	listUnsubscribe []string
	unsubscribePost bool
}

// compose builds the RFC 5322 message with go-mail.
func (r *Responder) compose(e envelope, c *rendered) (*Reply, error) {
	now := r.opts.Now()
	id := r.newMessageID(now)
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent(), gomail.WithCharset(gomail.CharsetUTF8),
		gomail.WithEncoding(gomail.EncodingQP))
	if err := msg.FromFormat(headerText(r.opts.Name), r.opts.Address); err != nil {
		return nil, fmt.Errorf("cannot set From: %w", err)
	}
	if err := msg.To(e.to); err != nil {
		return nil, fmt.Errorf("cannot set To: %w", err)
	}
	msg.Subject(headerText(e.subject))
	msg.SetMessageIDWithValue(id)
	msg.SetDateWithValue(now)
	if parent := msgid.Writable(e.parentID); parent != "" {
		msg.SetGenHeader(gomail.HeaderInReplyTo, "<"+parent+">")
		msg.SetGenHeader(gomail.HeaderReferences, references(e.parentRefs, e.parentInReply, parent))
	}
	msg.SetGenHeader("Auto-Submitted", e.autoSubmitted)
	msg.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	if len(e.listUnsubscribe) > 0 {
		msg.SetListUnsubscribe(e.listUnsubscribe...)
		if e.unsubscribePost {
			msg.SetListUnsubscribePost()
		}
	}
	// The text part wrapped at 72 columns, format=flowed (RFC 3676), so a
	// reader's client can re-flow it and quoting stays readable.
	msg.SetBodyString(gomail.ContentType("text/plain; format=flowed"), flow(c.text))
	msg.AddAlternativeString(gomail.TypeTextHTML, c.html)
	if c.attachment != "" {
		if err := msg.AttachReader(c.attachName, strings.NewReader(c.attachment),
			gomail.WithFileContentType("text/plain; charset=utf-8"),
			gomail.WithFileDescription(c.attachLabel)); err != nil {
			return nil, fmt.Errorf("cannot attach the letter: %w", err)
		}
	}
	var b bytes.Buffer
	b.Grow(len(c.text) + len(c.html) + 2*len(c.attachment) + 2048)
	if _, err := msg.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("cannot write the %s message: %w", e.kind, err)
	}
	return &Reply{MessageID: id, To: e.to, Raw: b.Bytes()}, nil
}

// newMessageID makes "jb.<time>.<random>@domain": unique without
// coordination, and recognisable as ours when people reply.
func (r *Responder) newMessageID(now time.Time) string {
	var rb [6]byte
	r.random(rb[:])
	var ext [8]byte
	copy(ext[2:], rb[:])
	return fmt.Sprintf("jb.%08x.%012x@%s", uint32(now.Unix()), binary.BigEndian.Uint64(ext[:]), r.opts.MessageIDDomain)
}

// maxReferences bounds the References header: the first one and the
// latest ones are kept (RFC 5322 3.6.4 leaves trimming to the writer).
const maxReferences = 20

// references builds References as RFC 5322 3.6.4 says: the parent's
// References, or else its single In-Reply-To, followed by the parent's
// Message-ID.
func references(refs, inReplyTo []string, parent string) string {
	var ids []string
	src := refs
	if len(src) == 0 && len(inReplyTo) == 1 {
		src = inReplyTo
	}
	for _, id := range src {
		if id = msgid.Writable(id); id != "" && id != parent {
			ids = append(ids, id)
		}
	}
	ids = append(ids, parent)
	if len(ids) > maxReferences {
		ids = append(ids[:1], ids[len(ids)-maxReferences+1:]...)
	}
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("<" + id + ">")
	}
	return b.String()
}

// replyPrefixRE matches the reply prefixes mail clients put before a
// subject, in several languages and with a count ("Re:", "RE[2]:", "AW:",
// "SV:", "Antw:", "Odp:", "RIF:").
var replyPrefixRE = regexp.MustCompile(`(?i)^\s*(re|aw|sv|vs|antw|odp|rif|res|ynt|vá|ref)(\[\d+\]|\(\d+\))?\s*:\s*`)

// replySubject is "Re: " and the original subject with every reply prefix
// before it taken off, so that a conversation's subject never grows ("Re:
// Re: Re:" in a loop with another responder).
func replySubject(s string) string {
	s = headerText(s)
	for {
		loc := replyPrefixRE.FindStringIndex(s)
		if loc == nil {
			break
		}
		s = s[loc[1]:]
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return "Re: your message"
	}
	return "Re: " + s
}

// maxHeaderText bounds a header value taken from a message, in bytes.
const maxHeaderText = 200

// headerText makes a value safe for a header: one line, no control
// characters, at most maxHeaderText bytes.
func headerText(s string) string {
	s = clean(s)
	if len(s) > maxHeaderText {
		cut := maxHeaderText
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = strings.TrimSpace(s[:cut]) + "…"
	}
	return s
}

// parseAddress accepts a bare address ("a@b.example", optionally in angle
// brackets) and returns it; names, lists, groups and line breaks are
// refused.
func parseAddress(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("empty address")
	}
	if strings.ContainsAny(s, "\r\n\x00") {
		return "", errors.New("address contains a line break")
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return "", err
	}
	if strings.ContainsAny(a.Address, " \t\"<>(),;:\\") || !strings.Contains(a.Address, "@") {
		return "", fmt.Errorf("address %q is not a plain address", a.Address)
	}
	return a.Address, nil
}

// mailto builds a mailto: URL (RFC 6068) that opens the letter addressed
// to the boss: spaces as %20 and line breaks as %0D%0A.
func mailto(to, subject, body string) string {
	q := func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n")
	return "mailto:" + url.PathEscape(to) + "?subject=" + q(subject) + "&body=" + q(body)
}

// letterTo is whom the letter is addressed to, for its file's name: HR
// when it goes to HR (the fresh-26 review's i04: a letter to HR named after
// the boss she had reported), else the boss.
func letterTo(d *templates.Data) string {
	if d.ToHR() {
		return "HR"
	}
	if d.LetterAbove() {
		return d.Above
	}
	if d.AppealTo != "" {
		return d.AppealTo
	}
	return d.Boss
}

// letterFileName is "letter-to-jane-smith.txt", in ASCII, or "letter.txt".
// Letters with accents lose them ("Brändle" is "brandle").
func letterFileName(boss string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(foldAccents(boss)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return "letter.txt"
	}
	return "letter-to-" + b.String() + ".txt"
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// foldAccents takes the marks off letters: "Brändle" is "Brandle",
// "Wiśniewska" is "Wisniewska".
func foldAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
