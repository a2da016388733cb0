package parser

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlToText turns an HTML body into plain text with golang.org/x/net/html's
// tokenizer: block elements end lines, <br> breaks them, list items get a
// dash, and the content of <blockquote> is prefixed with "> " (one per level)
// so that quoted text is recognised exactly as in a plain-text reply. Content
// of <head>, <style>, <script> and the like is dropped.
func htmlToText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var (
		out     strings.Builder
		line    strings.Builder
		quote   int  // blockquote depth
		skip    int  // inside head/style/script/...
		lineQ   = -1 // quote depth when the current line started
		blanks  = 0  // blank lines just written
		written = false
	)
	out.Grow(len(s) / 2)
	flush := func(blank bool) {
		text := strings.TrimSpace(line.String())
		line.Reset()
		if text != "" {
			q := lineQ
			if q < 0 {
				q = quote
			}
			for i := 0; i < q; i++ {
				out.WriteString("> ")
			}
			out.WriteString(text)
			out.WriteByte('\n')
			written, blanks = true, 0
		}
		lineQ = -1
		if blank && written && blanks == 0 {
			for i := 0; i < quote; i++ {
				out.WriteString(">")
			}
			out.WriteByte('\n')
			blanks++
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush(false)
			return out.String()
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := z.Text()
			if len(t) == 0 {
				continue
			}
			if lineQ < 0 {
				lineQ = quote
			}
			// HTML collapses runs of white space to one space.
			prevSpace := line.Len() == 0 || strings.HasSuffix(line.String(), " ")
			for _, r := range string(t) {
				if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0' {
					if !prevSpace {
						line.WriteByte(' ')
						prevSpace = true
					}
					continue
				}
				line.WriteRune(r)
				prevSpace = false
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Head, atom.Style, atom.Script, atom.Title, atom.Template, atom.Noscript, atom.Svg, atom.Object:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			if tt != html.EndTagToken && quoteStart(z) {
				// Outlook's divRplyFwdMsg, Hotmail's <hr id=stopSpelling>,
				// Gmail's gmail_quote: the earlier messages start here. A
				// separator line tells newText so.
				flush(false)
				out.WriteString("________________\n")
				continue
			}
			switch a {
			case atom.Br:
				flush(false)
			case atom.Blockquote:
				flush(true)
				if tt == html.StartTagToken {
					quote++
				} else if tt == html.EndTagToken && quote > 0 {
					quote--
				}
			case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Table, atom.Ul, atom.Ol, atom.Pre, atom.Hr:
				flush(true)
			case atom.Div, atom.Tr, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Dl, atom.Dt, atom.Dd, atom.Center, atom.Address:
				flush(false)
			case atom.Li:
				flush(false)
				if tt == html.StartTagToken {
					line.WriteString("- ")
				}
			case atom.Td, atom.Th:
				if line.Len() > 0 {
					line.WriteByte(' ')
				}
			}
		}
	}
}

// quoteStart reports whether the tag the tokenizer is on starts the quoted
// history (rules/quoting.txt [html_quote_start]). It reads the tag's
// attributes, so the caller must not have read them.
func quoteStart(z *html.Tokenizer) bool {
	marks := quotingRules().htmlQuoteStart
	for {
		k, v, more := z.TagAttr()
		key := strings.ToLower(string(k))
		if key == "id" || key == "class" {
			for _, val := range strings.Fields(strings.ToLower(string(v))) {
				for _, m := range marks {
					if mk, mv, _ := strings.Cut(m, "="); mk == key && (val == mv || key == "class" && strings.HasPrefix(val, mv)) {
						return true
					}
				}
			}
		}
		if !more {
			return false
		}
	}
}
