// Package msgid is the one home of the rules for Message-IDs (RFC 5322
// section 3.6.4): reading one out of a header leniently, and the two
// tests an ID must pass before jobback uses it: to be searched for over
// IMAP (RFC 9051 SEARCH HEADER, as "<id>" in a quoted string), and to be
// written into a References or In-Reply-To header of ours.
package msgid

import (
	"errors"
	"fmt"
	"strings"
)

// Extract returns the Message-ID in a header field's value without angle
// brackets and surrounding spaces, or "" if there is none. A malformed
// value is kept as it is, trimmed (the caller decides what to do with it):
// "<a@b> (comment)" gives "a@b", "a b" gives "a b".
func Extract(value string) string {
	id := strings.TrimSpace(value)
	if strings.HasPrefix(id, "<") {
		if end := strings.IndexByte(id, '>'); end > 0 {
			id = id[1:end]
		}
	}
	return strings.TrimSpace(id)
}

// ExtractAll returns every <id> of a field that lists Message-IDs
// (References, In-Reply-To), without angle brackets, for a field too
// malformed for a strict reading: an item with spaces or a "<" inside is
// left out, so that what is kept can be written back.
func ExtractAll(value string) []string {
	var ids []string
	for {
		i := strings.IndexByte(value, '<')
		if i < 0 {
			return ids
		}
		j := strings.IndexByte(value[i:], '>')
		if j < 0 {
			return ids
		}
		if id := strings.TrimSpace(value[i+1 : i+j]); id != "" && !strings.ContainsAny(id, " \t\r\n<") {
			ids = append(ids, id)
		}
		value = value[i+j+1:]
	}
}

// Searchable reports why id cannot be searched for as "<id>" (empty, or
// holding angle brackets, quotes, a backslash, spaces or control
// characters), or nil.
func Searchable(id string) error {
	if id == "" {
		return errors.New("cannot look for an empty Message-ID")
	}
	if strings.ContainsFunc(id, func(r rune) bool {
		return r == '<' || r == '>' || r == '"' || r == '\\' || r <= ' ' || r == 0x7f
	}) {
		return fmt.Errorf("cannot look for Message-ID %q: give it without angle brackets, quotes or spaces", id)
	}
	return nil
}

// Writable returns id, without angle brackets, if it can be written as a
// msg-id of ours (printable ASCII, one "@", no brackets, quotes, commas or
// parentheses, at most 250 bytes), else "".
func Writable(id string) string {
	id = strings.TrimSpace(strings.Trim(strings.TrimSpace(id), "<>"))
	if id == "" || len(id) > 250 || strings.Count(id, "@") != 1 {
		return ""
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' {
			return ""
		}
	}
	return id
}
