package parser

import (
	"strings"
	"unicode"
)

// newText returns only the writer's own new words from a body: quoted earlier
// messages, forwarded messages, the signature after "-- ", phone footers and
// mailing-list trailers are removed. Lines are kept in order; a reply written
// below a quote (bottom-posting) keeps its text.
func newText(body string) (text, signature string) {
	return newTextLines(splitLines(body))
}

// newTextLines is newText of a body already split into lines.
func newTextLines(lines []string) (text, signature string) {
	text, signature, _ = ownTextLines(lines, "")
	return text, signature
}

// ownTextLines is newTextLines for a writer whose address is self: an
// earlier message of their own quoted below ("On Tue, 13 Oct 2026 at
// 19:40, Piotr Zieliński <piotr@x> wrote:" from Piotr himself) is their
// words too, and is read after the new ones (fresh-42: writers who add to
// what they sent before, "Sorry, I sent the first email too fast").
// Only its first level of quoting is theirs. ownAt is where in text it
// begins (0 when there is none).
func ownTextLines(lines []string, self string) (text, signature string, ownAt int) {
	out := make([]string, 0, len(lines))
	var sig, own []string
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, ">") {
			continue // quoted line
		}
		if line == "-- " || trim == "--" || trim == "—" {
			// Signature: the rest is not the writer's new words, but its
			// first lines may name the writer.
			for k := i + 1; k < len(lines); k++ {
				t := strings.TrimSpace(lines[k])
				// (the "On ... wrote:" of a quote below is not signature:
				// its address names the old employer's domain)
				if strings.HasPrefix(t, ">") || isSeparator(t) || len(sig) == 4 || attributionLines(lines, k) > 0 {
					break
				}
				if t != "" {
					sig = append(sig, t)
				}
			}
			break
		}
		if isSeparator(trim) {
			break // "-----Original Message-----", "Begin forwarded message:", list trailers
		}
		if n := attributionLines(lines, i); n > 0 {
			// "On <date>, <name> wrote:" possibly wrapped over a few lines.
			// If what follows is not ">"-quoted, the client quoted without
			// prefixes: everything below is the earlier message.
			next := i + n
			for next < len(lines) && strings.TrimSpace(lines[next]) == "" {
				next++
			}
			if next < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[next]), ">") {
				break
			}
			if self != "" && own == nil && attributionBy(lines[i:i+n], self) {
				k := next
				for ; k < len(lines); k++ {
					t := strings.TrimSpace(lines[k])
					if t != "" && !strings.HasPrefix(t, ">") {
						break
					}
					if t = strings.TrimSpace(strings.TrimPrefix(t, ">")); strings.HasPrefix(t, ">") {
						continue // what their earlier message quoted
					}
					own = append(own, t)
				}
				i = k - 1
				continue
			}
			i += n - 1
			continue
		}
		if isHeaderBlock(lines, i) {
			break // Outlook: "From: ... / Sent: ... / To: ... / Subject: ..."
		}
		if isPhoneFooter(trim) {
			continue
		}
		out = append(out, strings.TrimRightFunc(line, unicode.IsSpace))
	}
	// Trim blank lines at both ends, and a footer on the last line.
	for len(out) > 0 && (out[len(out)-1] == "" || isLastLineFooter(strings.TrimSpace(out[len(out)-1]))) {
		out = out[:len(out)-1]
	}
	for len(out) > 0 && out[0] == "" {
		out = out[1:]
	}
	text = strings.Join(out, "\n")
	for len(own) > 0 && own[len(own)-1] == "" {
		own = own[:len(own)-1]
	}
	for len(own) > 0 && own[0] == "" {
		own = own[1:]
	}
	if len(own) == 0 {
		return text, strings.Join(sig, "\n"), 0
	}
	if text != "" {
		text += "\n\n"
	}
	return text + strings.Join(own, "\n"), strings.Join(sig, "\n"), len(text)
}

// attributionBy reports whether the attribution lines name the address
// self ("... Piotr Zieliński <piotr.zielinski@example-mail.com> wrote:").
func attributionBy(lines []string, self string) bool {
	at := strings.LastIndexByte(self, '@')
	if at <= 0 {
		return false
	}
	for _, l := range lines {
		if strings.Contains(strings.ToLower(l), strings.ToLower(self)) {
			return true
		}
	}
	return false
}

// quotedAuthorsLines returns the names of the people whose earlier messages are
// quoted in a body's lines: "On 31 Jul 2026, Fiona Gallagher <f.g@x> wrote:" and
// "From: Fiona Gallagher <f.g@x>" give "Fiona Gallagher". Their words are
// never the writer's, but their names complete a name the writer shortens
// ("my boss Fiona").
func quotedAuthorsLines(lines []string) []string {
	var out []string
	for i := range lines {
		t := strings.TrimLeft(strings.TrimSpace(lines[i]), "> *")
		var cand string
		if n := attributionLines(lines, i); n > 0 {
			joined := t
			for k := 1; k < n; k++ {
				joined += " " + strings.TrimSpace(lines[i+k])
			}
			if lt := strings.IndexByte(joined, '<'); lt > 0 {
				cand = joined[:lt]
			}
		} else if hasPrefixFold(t, "from:") || hasPrefixFold(t, "de:") || hasPrefixFold(t, "von:") {
			if lt := strings.IndexByte(t, '<'); lt > 0 {
				cand = t[strings.IndexByte(t, ':')+1 : lt]
			}
		}
		if cand == "" {
			continue
		}
		// the capitalised words at its end, not in capitals: "Jordan Wexler"
		// of "On Tue, Sep 15, 2026 at 2:10 PM Jordan Wexler"
		words := strings.Fields(strings.Trim(cand, ` "',`))
		k := len(words)
		for k > 0 {
			w := strings.Trim(words[k-1], `"',`)
			r := []rune(w)
			if len(r) < 2 || !unicode.IsUpper(r[0]) || strings.ToUpper(w) == w {
				break
			}
			k--
		}
		if len(words)-k >= 2 && len(words)-k <= 4 {
			out = append(out, strings.Trim(strings.Join(words[k:], " "), `"',`))
		}
	}
	return out
}

func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Split(s, "\n")
}

func isSeparator(t string) bool {
	if len(t) < 6 {
		return false
	}
	q := quotingRules()
	if q.sepStart.match(t) {
		return true // "-----Original Message-----", "Begin forwarded message:", list trailers
	}
	if !strings.Contains(t, "---") {
		return false
	}
	l := strings.ToLower(t)
	for _, c := range q.sepContains {
		if strings.Contains(l, c) {
			return true
		}
	}
	return false
}

// attributionLines reports how many lines (1 to 3) starting at i form a
// reply attribution such as "On Mon, Nov 2, 2026 at 6:40 PM Sam <sam@x> wrote:",
// or 0.
func attributionLines(lines []string, i int) int {
	first := strings.TrimSpace(lines[i])
	if len(first) < 3 || len(first) > 200 {
		return 0
	}
	colon := strings.HasSuffix(first, ":")
	if colon && addressAttribution(first) {
		return 1 // "Op 5 okt. 2026 schreef Jan <jan@x>:", mail.ru, Yandex
	}
	if !quotingRules().attrStart.match(first) {
		// "Sam Delacroix <sam@example.net> wrote:" alone on a line.
		if colon && isAttributionEnd(first) && (strings.Contains(first, "@") || len(first) < 80) && strings.Count(first, " ") <= 8 {
			return 1
		}
		return 0
	}
	lf := strings.ToLower(first)
	joined := lf
	for n := 1; n <= 3 && i+n <= len(lines); n++ {
		if n > 1 {
			joined += " " + strings.ToLower(strings.TrimSpace(lines[i+n-1]))
		}
		if isAttributionEnd(joined) || n > 1 && addressAttribution(joined) {
			return n
		}
		if len(joined) > 300 {
			break
		}
	}
	return 0
}

func isAttributionEnd(l string) bool {
	if !strings.HasSuffix(l, ":") {
		return false
	}
	for _, suf := range quotingRules().attrEnd {
		if len(l) >= len(suf) && strings.EqualFold(l[len(l)-len(suf):], suf) {
			return true
		}
	}
	return false
}

// addressAttribution reports whether a (lower-case) line with a date in it
// ends with an address in angle brackets and a colon, or with a few words
// and a colon after one, as attributions without a known verb at the end
// do: "... schreef Jan <jan@x>:", "... от Иван <ivan@mail.ru>:", "Jan
// <jan@x> ezt írta (időpont: 2026. okt. 5., H, 9:00):".
func addressAttribution(l string) bool {
	l = strings.TrimSpace(l)
	if !strings.HasSuffix(l, ":") || len(l) > 300 {
		return false
	}
	lt := strings.LastIndexByte(l, '<')
	if lt < 0 {
		return false
	}
	gt := strings.IndexByte(l[lt:], '>')
	return gt > 0 && strings.Contains(l[lt:lt+gt], "@") && strings.IndexFunc(l, unicode.IsDigit) >= 0 &&
		(gt == len(l)-lt-2 || len(l)-(lt+gt) < 60) // "<x@y>:", or a verb and a date after it: "<x@y> ezt írta (időpont: ...):"
}

// isHeaderBlock reports whether lines[i] starts a quoted header block as
// Outlook writes it: "From:" followed within a few lines by "Sent:" or
// "Date:" and "To:" or "Subject:".
func isHeaderBlock(lines []string, i int) bool {
	q := quotingRules()
	if !q.headerFrom.match(strings.TrimLeft(strings.TrimSpace(lines[i]), "*")) {
		return false
	}
	var sent, to bool
	for j := i + 1; j < len(lines) && j <= i+6; j++ {
		l := strings.TrimLeft(strings.TrimSpace(lines[j]), "*")
		switch {
		case q.headerSent.match(l):
			sent = true
		case q.headerTo.match(l):
			to = true
		}
	}
	return sent && to
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isPhoneFooter recognises the lines mail apps add under a message.
func isPhoneFooter(t string) bool {
	if len(t) < 8 || len(t) > 80 {
		return false
	}
	return quotingRules().footer.match(t)
}

// isLastLineFooter recognises a last line that reads as a mail app's
// footer, whatever its words: "Sent from a magnificent torch of pixels".
func isLastLineFooter(t string) bool {
	if len(t) < 8 || len(t) > 80 || len(strings.Fields(t)) > 12 {
		return false
	}
	return quotingRules().footerLast.match(t)
}
