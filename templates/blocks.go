package templates

import (
	htmltemplate "html/template"
	"strings"
	"unicode/utf8"
)

// The advice and letter templates write a small plain format:
//
//	## A heading
//	A paragraph, one line.
//	- a bullet
//	1. a numbered step
//	| a verbatim line (kept as is: "Key: value" lines to fill in)
//
// with blank lines between blocks. Tidy cleans the output of a template,
// PlainText turns it into the text/plain part, and Blocks into the pieces
// the HTML template lays out.

// Block is one block of advice or letter text.
type Block struct {
	Kind  string    // "h" heading, "p" paragraph, "ul" bullets, "ol" numbered, "pre" verbatim lines
	Text  []Segment // for "h" and "p"
	Items [][]Segment
	// TextHTML and ItemsHTML are Text and Items escaped for HTML, with
	// placeholders in <mark> and line breaks as <br>: every character of
	// the text goes through html/template's escaper, so they are safe.
	TextHTML  htmltemplate.HTML
	ItemsHTML []htmltemplate.HTML
}

// markOpen styles a [placeholder] in the HTML part.
const markOpen = `<mark style="background:#fde9a8;">`

// segmentsHTML escapes segments for HTML.
func segmentsHTML(segs []Segment) htmltemplate.HTML {
	var b strings.Builder
	for _, s := range segs {
		switch {
		case s.Placeholder:
			b.WriteString(markOpen)
			b.WriteString(htmltemplate.HTMLEscapeString(s.Text))
			b.WriteString("</mark>")
		case s.Text == "\n":
			b.WriteString("<br>")
		default:
			b.WriteString(htmltemplate.HTMLEscapeString(s.Text))
		}
	}
	return htmltemplate.HTML(b.String())
}

func (b *Block) escape() {
	if b.Text != nil {
		b.TextHTML = segmentsHTML(b.Text)
	}
	if b.Items != nil {
		b.ItemsHTML = make([]htmltemplate.HTML, len(b.Items))
		for i, it := range b.Items {
			b.ItemsHTML[i] = segmentsHTML(it)
		}
	}
}

// Segment is a run of text; Placeholder marks a [missing fact] to fill in.
type Segment struct {
	Text        string
	Placeholder bool
}

// Tidy removes trailing spaces, leading and trailing blank lines and runs
// of more than one blank line, so templates may be written loosely.
func Tidy(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	started := false
	for _, l := range lines {
		if l != "-- " { // the signature separator keeps its space
			l = strings.TrimRight(l, " \t")
		}
		if l == "" {
			blank++
			continue
		}
		if started {
			b.WriteByte('\n')
			if blank > 0 {
				b.WriteByte('\n')
			}
		}
		started = true
		blank = 0
		b.WriteString(l)
	}
	if started {
		b.WriteByte('\n')
	}
	return b.String()
}

// PlainText renders the format for a text/plain part: headings are
// underlined, verbatim lines lose their "| " marker, the rest is kept.
func PlainText(s string) string {
	if !strings.Contains(s, "## ") && !strings.Contains(s, "| ") {
		return s
	}
	lines := strings.Split(s, "\n")
	var b strings.Builder
	b.Grow(len(s) + 256)
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "## "):
			h := strings.TrimSpace(l[3:])
			b.WriteString(h)
			b.WriteByte('\n')
			b.WriteString(strings.Repeat("-", utf8.RuneCountInString(h)))
		case strings.HasPrefix(l, "| "), l == "|":
			b.WriteString(strings.TrimPrefix(strings.TrimPrefix(l, "|"), " "))
		default:
			b.WriteString(l)
		}
		if i < len(lines)-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Blocks splits the format into blocks for the HTML template.
func Blocks(s string) []Block {
	var out []Block
	for _, chunk := range strings.Split(strings.TrimSpace(s), "\n\n") {
		chunk = strings.Trim(chunk, "\n")
		if chunk == "" {
			continue
		}
		lines := strings.Split(chunk, "\n")
		for len(lines) > 0 {
			l := lines[0]
			switch {
			case strings.HasPrefix(l, "## "):
				out = append(out, Block{Kind: "h", Text: Segments(strings.TrimSpace(l[3:]))})
				lines = lines[1:]
			case strings.HasPrefix(l, "- "):
				n := run(lines, func(l string) bool { return strings.HasPrefix(l, "- ") })
				bl := Block{Kind: "ul"}
				for _, it := range lines[:n] {
					bl.Items = append(bl.Items, Segments(it[2:]))
				}
				out = append(out, bl)
				lines = lines[n:]
			case numbered(l) > 0:
				n := run(lines, func(l string) bool { return numbered(l) > 0 })
				bl := Block{Kind: "ol"}
				for _, it := range lines[:n] {
					bl.Items = append(bl.Items, Segments(it[numbered(it):]))
				}
				out = append(out, bl)
				lines = lines[n:]
			case strings.HasPrefix(l, "| ") || l == "|":
				n := run(lines, func(l string) bool { return strings.HasPrefix(l, "| ") || l == "|" })
				bl := Block{Kind: "pre"}
				for _, it := range lines[:n] {
					bl.Items = append(bl.Items, Segments(strings.TrimPrefix(strings.TrimPrefix(it, "|"), " ")))
				}
				out = append(out, bl)
				lines = lines[n:]
			default:
				// A paragraph runs until a line of another kind; its
				// lines are kept as line breaks (a letter's closing).
				n := run(lines, func(l string) bool {
					return !strings.HasPrefix(l, "## ") && !strings.HasPrefix(l, "- ") && numbered(l) == 0 &&
						!strings.HasPrefix(l, "| ")
				})
				bl := Block{Kind: "p"}
				for i, it := range lines[:n] {
					if i > 0 {
						bl.Text = append(bl.Text, Segment{Text: "\n"})
					}
					bl.Text = append(bl.Text, Segments(it)...)
				}
				out = append(out, bl)
				lines = lines[n:]
			}
		}
	}
	for i := range out {
		out[i].escape()
	}
	return out
}

func run(lines []string, ok func(string) bool) int {
	n := 0
	for n < len(lines) && ok(lines[n]) {
		n++
	}
	return n
}

// numbered returns the length of a "1. " prefix, or 0.
func numbered(l string) int {
	i := 0
	for i < len(l) && i < 3 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(l) && l[i] == '.' && l[i+1] == ' ' {
		return i + 2
	}
	return 0
}

// Segments splits text into plain runs and [placeholders].
func Segments(s string) []Segment {
	var out []Segment
	for s != "" {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			break
		}
		if i > 0 {
			out = append(out, Segment{Text: s[:i]})
		}
		out = append(out, Segment{Text: s[i : i+j+1], Placeholder: true})
		s = s[i+j+1:]
	}
	if s != "" {
		out = append(out, Segment{Text: s})
	}
	return out
}
