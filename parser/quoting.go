package parser

import (
	"fmt"
	"strings"
	"sync"
)

// quoting holds rules/quoting.txt: how mail programs, in many languages,
// mark what is not the writer's new words. quote.go and html.go read it.
type quoting struct {
	attrStart, headerFrom, headerSent, headerTo prefixes
	sepStart, footer, footerLast                prefixes
	attrEnd, sepContains, htmlQuoteStart        []string
}

// prefixes is a list of lower-case beginnings of a line, with the first
// bytes they can start with, so that most lines are refused by one lookup
// and none is lower-cased.
type prefixes struct {
	list  []string
	first [256]bool
}

func newPrefixes(list []string) prefixes {
	p := prefixes{list: list}
	for _, s := range list {
		c := s[0]
		if c >= 0x80 {
			for b := 0x80; b < 256; b++ {
				p.first[b] = true // a capital may begin with another byte
			}
			continue
		}
		p.first[c] = true
		if c >= 'a' && c <= 'z' {
			p.first[c-'a'+'A'] = true
		}
	}
	return p
}

// match reports whether s starts with one of the prefixes, without case.
func (p *prefixes) match(s string) bool {
	if s == "" || !p.first[s[0]] {
		return false
	}
	for _, x := range p.list {
		if len(s) >= len(x) && strings.EqualFold(s[:len(x)], x) {
			return true
		}
	}
	return false
}

// quotingRules returns the embedded quoting rules, read once. A missing list
// is a bug in the embedded data and panics on first use (and in the tests).
var quotingRules = sync.OnceValue(func() *quoting { return mustRules("rules/quoting.txt", parseQuoting) })

// parseQuoting reads rules/quoting.txt; every list must be there.
func parseQuoting(data string) (*quoting, error) {
	lists := readLists(data)
	var missing []string
	get := func(name string) []string {
		l := lists[name]
		if len(l) == 0 {
			missing = append(missing, name)
			return []string{"\x00"} // never matches; the error below is returned
		}
		return l
	}
	starts := get("attribution_start")
	for i := range starts {
		starts[i] += " " // "on " and "w dniu ": a word, then more
	}
	q := &quoting{attrStart: newPrefixes(starts)}
	q.headerFrom, q.headerSent, q.headerTo = newPrefixes(get("header_from")), newPrefixes(get("header_sent")), newPrefixes(get("header_to"))
	q.sepStart, q.footer, q.footerLast = newPrefixes(get("separator_start")), newPrefixes(get("phone_footer")), newPrefixes(get("phone_footer_last"))
	q.attrEnd, q.sepContains, q.htmlQuoteStart = get("attribution_end"), get("separator_contains"), get("html_quote_start")
	if len(missing) > 0 {
		return nil, fmt.Errorf("no list %s", strings.Join(missing, ", "))
	}
	return q, nil
}

// readLists reads "[name]" sections of one lower-cased entry per line;
// blank lines and "#" comments are skipped.
func readLists(data string) map[string][]string {
	out := map[string][]string{}
	name := ""
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			name = line[1 : len(line)-1]
		default:
			out[name] = append(out[name], strings.ToLower(line))
		}
	}
	return out
}
