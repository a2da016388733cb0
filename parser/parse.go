package parser

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"jobback/internal/msgid"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/charset"
	"github.com/emersion/go-message/mail"
)

// Limits that keep a huge or hostile message from costing more than a normal
// one. They bound what is read into memory, not what is accepted: a message
// beyond them still parses, from the text found within them.
const (
	maxTextBytes  = 256 << 10 // body text kept for understanding (a letter is a few KiB)
	maxParts      = 2000      // MIME parts visited
	maxDepth      = 16        // multipart nesting
	maxHeaderSize = 256 << 10 // one header block
)

// ErrNotMessage is returned (wrapped) when the input has no readable RFC 5322
// header at all. It is permanent: the same bytes never parse.
var ErrNotMessage = errors.New("not an RFC 5322 message")

// Parse reads one raw RFC 5322 message with the embedded lexicons and
// returns what jobback understood of it. It never panics on malformed input:
// broken MIME structure, unknown charsets and encodings are read as far as a
// person could read them. It returns an error wrapping ErrNotMessage only when
// there is no header to read.
func Parse(raw []byte) (*Message, error) {
	return ParseWith(Lexicons(), raw)
}

// ParseWith is Parse with the given lexicons: the text is read with the one
// whose stopwords it uses most (the first on a tie).
func ParseWith(lexicons []*Lexicon, raw []byte) (*Message, error) {
	if len(lexicons) == 0 {
		return nil, errors.New("cannot parse message: no lexicon")
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, fmt.Errorf("cannot parse message: empty input: %w", ErrNotMessage)
	}
	raw = bareCR(raw)
	opts := &message.ReadOptions{MaxHeaderBytes: maxHeaderSize}
	ent, err := message.ReadWithOptions(bytes.NewReader(raw), opts)
	if err != nil && ent == nil {
		// Broken header blocks are common in the wild: a leading space, or
		// the body starting without the blank line. Read what a person
		// would read.
		if fixed, ok := repairHeader(raw); ok {
			ent, err = message.ReadWithOptions(bytes.NewReader(fixed), opts)
		}
		if err != nil && ent == nil {
			return nil, fmt.Errorf("cannot parse message: %s: %w", cleanLine(strings.TrimPrefix(err.Error(), "message: ")), ErrNotMessage)
		}
	}
	if ent.Header.Len() == 0 {
		return nil, fmt.Errorf("cannot parse message: no header fields: %w", ErrNotMessage)
	}
	if !looksLikeHeader(ent.Header) {
		return nil, fmt.Errorf("cannot parse message: no From, Date, Subject or To header: %w", ErrNotMessage)
	}

	m := &Message{}
	h := mail.Header{Header: ent.Header}
	readEnvelope(h, &m.Envelope)

	var w walker
	w.entity(ent, 0)
	m.header = h
	m.Envelope.IgnoreRule, m.Envelope.IgnoreReason = ignoreReason(h, &m.Envelope, w.media)

	body := w.text()
	var sig string
	lines := splitLines(body) // once, for both
	m.Text, sig, m.ownAt = ownTextLines(lines, m.Envelope.FromAddress)
	m.quoted = quotedAuthorsLines(lines)
	lx := chooseLexicon(lexicons, m.Text)
	m.Lang = lx.Lang
	lx.understand(m, sig)
	// "Fwd: Returned mail: see transcript": a person forwarding a bounce.
	// What they wrote above it is read; if it says nothing of a job, there
	// is nobody to advise.
	if f := &m.Facts; f.Action == ActionAdvise && forwardedReport(m.Envelope.Subject) &&
		f.Situation == SituationUnknown && f.BossName == "" && f.Company == "" && f.Role == "" {
		f.Action = ActionIgnore
		m.Envelope.IgnoreRule, m.Envelope.IgnoreReason = RuleForwarded, "a forwarded delivery report with nothing about a job above it"
	}
	return m, nil
}

// looksLikeHeader reports whether a header block has at least one of the
// fields every message has. Random bytes that happen to contain a colon do
// not.
func looksLikeHeader(h message.Header) bool {
	for _, k := range []string{"From", "Date", "Subject", "To", "Message-Id", "Received", "Return-Path", "Sender", "Mime-Version", "Content-Type"} {
		if h.Has(k) {
			return true
		}
	}
	return false
}

func readEnvelope(h mail.Header, env *Envelope) {
	env.Subject = headerText(h.Header, "Subject")
	if id, err := h.MessageID(); err == nil {
		env.MessageID = id
	}
	env.InReplyTo = msgIDs(h, "In-Reply-To")
	env.References = msgIDs(h, "References")
	env.Date = readDate(h)
	env.FromName, env.FromAddress, env.FromProblem = oneMailbox(h, "From")
	_, env.ReplyTo, _ = oneMailbox(h, "Reply-To")
	// Until a Screen says the Reply-To may be followed, the From is
	// answered.
	env.AnswerTo = env.FromAddress
}

// oneMailbox reads a field that must hold exactly one mailbox (RFC 5322
// section 3.6.2: From, Reply-To as jobback answers them), strictly: a field
// that does not parse, holds several addresses or a group, or appears more
// than once gives no address and says why. A reply never goes to an address
// read leniently from a field like that: that is how a From folded in the
// middle of an address, or a comment hiding a second one, made jobback
// write to a third party (issue 15, finding 4).
func oneMailbox(h mail.Header, key string) (name, addr, problem string) {
	values := h.Values(key)
	switch {
	case len(values) == 0:
		return "", "", ""
	case len(values) > 1:
		return "", "", fmt.Sprintf("%d %s fields, not one", len(values), key)
	}
	list, err := h.AddressList(key)
	if err != nil {
		return "", "", fmt.Sprintf("the %s field does not parse as an address (RFC 5322 section 3.4): %v", key, err)
	}
	if len(list) != 1 {
		return "", "", fmt.Sprintf("the %s field holds %d addresses, not one mailbox", key, len(list))
	}
	a := normalizeAddress(list[0].Address)
	at := strings.LastIndexByte(a, '@')
	if at <= 0 || at == len(a)-1 || strings.ContainsAny(a, " \t\r\n<>,;") {
		return "", "", fmt.Sprintf("the %s field's address %q is not one mailbox", key, cleanLine(a))
	}
	return cleanLine(list[0].Name), a, ""
}

// msgIDs reads a list of message IDs; a malformed field still yields the
// <...> items that can be read from it, so a reply threads.
func msgIDs(h mail.Header, key string) []string {
	if ids, err := h.MsgIDList(key); err == nil {
		return ids
	}
	return msgid.ExtractAll(h.Get(key))
}

// headerText decodes RFC 2047 encoded words, falling back to the raw value
// (made valid UTF-8) when the encoding is broken.
func headerText(h message.Header, key string) string {
	s, err := h.Text(key)
	if err != nil {
		s = h.Get(key)
	}
	return cleanLine(toUTF8(s))
}

// firstAddress returns the display name and address of the first address in
// the field. A malformed field still yields what can be read from it: it is
// for recognising automatic senders (Sender, Return-Path, a broken From),
// never for choosing whom to answer (see oneMailbox).
func firstAddress(h mail.Header, key string) (name, addr string) {
	// "<bounce-123@example.net>", "postmaster@example.org": a bare address
	// needs no parser (Return-Path is nearly always one)
	if v := strings.TrimSpace(h.Get(key)); v != "" && !strings.ContainsAny(v, " \t\",;()=?") && strings.Count(v, "@") == 1 {
		if a := strings.TrimSuffix(strings.TrimPrefix(v, "<"), ">"); !strings.ContainsAny(a, "<>") {
			return "", normalizeAddress(a)
		}
	}
	list, err := h.AddressList(key)
	if err == nil && len(list) > 0 {
		return cleanLine(list[0].Name), normalizeAddress(list[0].Address)
	}
	raw := headerText(h.Header, key)
	if raw == "" {
		return "", ""
	}
	// Lenient fallback: "Name <addr>" or a bare addr.
	if i := strings.LastIndexByte(raw, '<'); i >= 0 {
		if j := strings.IndexByte(raw[i:], '>'); j > 0 {
			name = strings.Trim(strings.TrimSpace(raw[:i]), `"' `)
			return cleanLine(name), normalizeAddress(raw[i+1 : i+j])
		}
	}
	for _, f := range strings.FieldsFunc(raw, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		if strings.Contains(f, "@") {
			return "", normalizeAddress(strings.Trim(f, "<>\"'()"))
		}
	}
	return "", ""
}

func normalizeAddress(a string) string {
	a = strings.TrimSpace(a)
	if i := strings.LastIndexByte(a, '@'); i >= 0 {
		return a[:i] + "@" + strings.ToLower(a[i+1:])
	}
	return a
}

// cleanLine makes a header value safe to reuse: one line, no control
// characters, trimmed.
func cleanLine(s string) string {
	if s == "" {
		return s
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// walker visits the MIME tree and keeps the best body text.
type walker struct {
	parts int
	plain []string // inline text/plain parts, in order
	html  []string // inline text/html parts, in order
	junk  []string // text parts that decoded to noise (a wrong transfer encoding)
	media []string // the media types seen, each once (a report is known by its parts)
}

func (w *walker) text() string {
	if len(w.plain) > 0 {
		return strings.Join(w.plain, "\n\n")
	}
	if len(w.html) > 0 {
		return strings.Join(w.html, "\n\n")
	}
	return strings.Join(w.junk, "\n\n")
}

func (w *walker) textSize() int {
	n := 0
	for _, s := range w.plain {
		n += len(s)
	}
	for _, s := range w.html {
		n += len(s)
	}
	for _, s := range w.junk {
		n += len(s)
	}
	return n
}

func (w *walker) entity(e *message.Entity, depth int) {
	w.parts++
	mediaType, params, err := e.Header.ContentType()
	if err != nil {
		// A broken Content-Type is read as text/plain (RFC 2045, 5.2).
		mediaType, params = "text/plain", map[string]string{}
		if mt, _, ok := strings.Cut(e.Header.Get("Content-Type"), ";"); ok || mt != "" {
			if mt = strings.ToLower(strings.TrimSpace(mt)); strings.HasPrefix(mt, "multipart/") || mt == "text/html" {
				mediaType = mt
			}
		}
	}
	if mediaType == "" {
		mediaType = "text/plain"
	}
	if len(w.media) < 64 && !has(w.media, mediaType) {
		w.media = append(w.media, mediaType)
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		if depth >= maxDepth {
			return
		}
		mr := e.MultipartReader()
		if mr == nil {
			// multipart without a usable boundary: read it as text.
			w.leaf(e, "text/plain", params)
			return
		}
		alternative := mediaType == "multipart/alternative"
		plainBefore := len(w.plain)
		for w.parts < maxParts {
			p, err := mr.NextPart()
			if err != nil {
				if p == nil {
					break
				}
				// unknown charset or encoding: the part is still readable.
			}
			// In an alternative, the first plain text is the one to read;
			// later alternatives are skipped without decoding them.
			if alternative && len(w.plain) > plainBefore {
				w.parts++
				continue
			}
			w.entity(p, depth+1)
		}
		return
	}
	w.leaf(e, mediaType, params)
}

func (w *walker) leaf(e *message.Entity, mediaType string, params map[string]string) {
	if mediaType != "text/plain" && mediaType != "text/html" {
		return
	}
	if disp, _, err := e.Header.ContentDisposition(); err == nil && disp == "attachment" {
		return
	}
	room := maxTextBytes - w.textSize()
	if room <= 0 {
		return
	}
	b, _ := io.ReadAll(io.LimitReader(e.Body, int64(room)))
	if noise(b) {
		w.junk = append(w.junk, toUTF8(string(b)))
		return
	}
	if mediaType == "text/html" {
		if params["charset"] == "" {
			b = htmlMetaCharset(b)
		}
		w.html = append(w.html, htmlToText(toUTF8(string(b))))
		return
	}
	s := toUTF8(string(b))
	if strings.EqualFold(params["format"], "flowed") {
		s = unflow(s, strings.EqualFold(params["delsp"], "yes"))
	}
	w.plain = append(w.plain, s)
}

// noise reports whether decoded text is not text at all: invalid UTF-8 with a
// large share of 8-bit bytes, as when plain text is declared base64. Text in
// a single-byte charset mislabelled as UTF-8 has far fewer.
func noise(b []byte) bool {
	if utf8.Valid(b) {
		return false
	}
	high := 0
	for _, c := range b {
		if c >= 0x80 || c < 0x09 {
			high++
		}
	}
	return high*5 > len(b)
}

// toUTF8 returns s unchanged when it is valid UTF-8, and otherwise reads it
// as windows-1252, the charset of nearly all undeclared 8-bit mail.
func toUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			b.WriteRune(cp1252(s[i]))
			i++
			continue
		}
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

var cp1252High = [32]rune{
	'€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u008d', 'Ž', '\u008f',
	'\u0090', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u009d', 'ž', 'Ÿ',
}

func cp1252(c byte) rune {
	if c >= 0x80 && c < 0xa0 {
		return cp1252High[c-0x80]
	}
	return rune(c)
}

// htmlMetaCharset converts an HTML body whose MIME part named no charset but
// whose <meta> does.
func htmlMetaCharset(b []byte) []byte {
	head := b
	if len(head) > 2048 {
		head = head[:2048]
	}
	lower := bytes.ToLower(head)
	i := bytes.Index(lower, []byte("charset="))
	if i < 0 {
		return b
	}
	rest := lower[i+len("charset="):]
	rest = bytes.TrimLeft(rest, `"' `)
	end := bytes.IndexAny(rest, `"' ;/>`)
	if end <= 0 {
		return b
	}
	label := string(rest[:end])
	if label == "utf-8" || label == "utf8" || label == "us-ascii" {
		return b
	}
	r, err := charset.Reader(label, bytes.NewReader(b))
	if err != nil {
		return b
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return b
	}
	return out
}

// unflow joins the soft line breaks of format=flowed text (RFC 3676).
func unflow(s string, delsp bool) string {
	if !strings.Contains(s, " \n") && !strings.Contains(s, " \r\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(make([]byte, 0, 4096), len(s)+1)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		// Quoted lines and the signature separator are never joined.
		if line != "-- " && !strings.HasPrefix(line, ">") && strings.HasSuffix(line, " ") {
			if delsp {
				line = line[:len(line)-1]
			}
			b.WriteString(line)
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// repairHeader fixes the two header faults that real mail shows most: white
// space before the first field, and a body that starts without the blank
// line (the first line that is neither a field nor a continuation ends the
// header). It reports whether it changed anything.
func repairHeader(raw []byte) ([]byte, bool) {
	trimmed := bytes.TrimLeft(raw, " \t")
	var out bytes.Buffer
	out.Grow(len(trimmed) + 2)
	rest := trimmed
	changed := len(trimmed) != len(raw)
	first := true
	for len(rest) > 0 {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		body := bytes.TrimRight(line, "\r\n")
		if len(body) == 0 {
			out.Write(rest)
			return out.Bytes(), changed
		}
		continuation := !first && (body[0] == ' ' || body[0] == '\t')
		if !continuation && !isFieldLine(body) {
			if first {
				return nil, false
			}
			out.WriteString("\r\n")
			out.Write(rest)
			return out.Bytes(), true
		}
		out.Write(line)
		rest = rest[len(line):]
		first = false
	}
	return out.Bytes(), changed
}

// isFieldLine reports whether a line starts with a field name and a colon
// (RFC 5322, 2.2: printable ASCII except colon).
func isFieldLine(b []byte) bool {
	i := bytes.IndexByte(b, ':')
	if i <= 0 {
		return false
	}
	for _, c := range b[:i] {
		if c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}

// chooseLexicon returns the lexicon whose stopwords cover most of the first
// words of text; the first lexicon when there is only one or none wins.
func chooseLexicon(lexicons []*Lexicon, text string) *Lexicon {
	if len(lexicons) == 1 {
		return lexicons[0]
	}
	if len(text) > 4096 {
		text = text[:4096]
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	best, bestN := lexicons[0], -1
	for _, lx := range lexicons {
		n := 0
		for _, w := range words {
			if lx.vocab.Stopwords.word(w) {
				n++
			}
		}
		if n > bestN {
			best, bestN = lx, n
		}
	}
	return best
}

// readDate reads the Date header (RFC 5322 section 3.3): its common form
// first, then net/mail's wider list of layouts, which costs an error value
// for each layout tried. Zero if missing or unreadable.
func readDate(h mail.Header) time.Time {
	v := strings.TrimSpace(h.Get("Date"))
	if k := strings.IndexByte(v, '('); k > 0 {
		v = strings.TrimSpace(v[:k]) // "... +0000 (UTC)"
	}
	if t, err := time.Parse("Mon, 2 Jan 2006 15:04:05 -0700", v); err == nil {
		return t
	}
	if d, err := h.Date(); err == nil {
		return d
	}
	return time.Time{}
}

// bareCR turns the line ends of old Mac mail, a CR alone, into CRLF: read
// as they are, the whole header is one line and the reply goes to whatever
// the From field's line swallowed. Only a message whose header block ends
// its lines so is changed.
func bareCR(raw []byte) []byte {
	// The first line says how lines end: by LF or CRLF (nearly all mail),
	// and nothing is to do.
	cr := bytes.IndexByte(raw, '\r')
	if cr < 0 || cr+1 < len(raw) && raw[cr+1] == '\n' {
		return raw
	}
	if lf := bytes.IndexByte(raw[:cr], '\n'); lf >= 0 {
		return raw
	}
	head := raw[:min(len(raw), maxHeaderSize)]
	lone, lf := 0, 0
	for i, c := range head {
		switch {
		case c == '\n':
			lf++
		case c == '\r' && (i+1 >= len(head) || head[i+1] != '\n'):
			lone++
		}
	}
	if lone == 0 || lone <= lf {
		return raw
	}
	out := make([]byte, 0, len(raw)+lone+16)
	for i, c := range raw {
		out = append(out, c)
		if c == '\r' && (i+1 >= len(raw) || raw[i+1] != '\n') {
			out = append(out, '\n')
		}
	}
	return out
}
