package parser

import (
	"fmt"
	"strings"
	"sync"
)

// quoting holds rules/quoting.txt: how mail programs, in many languages,
// mark what is not the writer's new words. quote.go and html.go read it.
type quoting struct {
	attrStart, attrEnd                 []string
	headerFrom, headerSent, headerTo   []string
	sepStart, sepContains              []string
	footer, footerLast, htmlQuoteStart []string
}

var (
	quotingOnce sync.Once
	quotingData *quoting
)

// quotingRules returns the embedded quoting rules, read once. A missing list
// is a bug in the embedded data and panics on first use (and in the tests).
func quotingRules() *quoting {
	quotingOnce.Do(func() {
		data, err := rulesFS.ReadFile("rules/quoting.txt")
		if err != nil {
			panic(fmt.Sprintf("parser: cannot read rules/quoting.txt: %v", err))
		}
		lists := readLists(string(data))
		q := &quoting{}
		for name, dst := range map[string]*[]string{
			"attribution_start": &q.attrStart, "attribution_end": &q.attrEnd,
			"header_from": &q.headerFrom, "header_sent": &q.headerSent, "header_to": &q.headerTo,
			"separator_start": &q.sepStart, "separator_contains": &q.sepContains,
			"phone_footer": &q.footer, "phone_footer_last": &q.footerLast, "html_quote_start": &q.htmlQuoteStart,
		} {
			l, ok := lists[name]
			if !ok || len(l) == 0 {
				panic(fmt.Sprintf("parser: rules/quoting.txt has no [%s]", name))
			}
			*dst = l
		}
		quotingData = q
	})
	return quotingData
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

// startsWithAny reports whether l (lower case) starts with one of list.
func startsWithAny(l string, list []string) bool {
	for _, p := range list {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}
