package responder

import (
	"strings"
	"unicode/utf8"
)

// flowWidth is where the text part's lines are broken (RFC 3676, 4.2:
// at most 78, 72 recommended): quoted in a reply, they still fit.
const flowWidth = 72

// flow wraps text for a text/plain; format=flowed part (RFC 3676): a long
// line is broken at spaces into lines of at most flowWidth characters,
// each but the last ending with a space (a soft break that a reader joins
// again); every other line ends without one (a hard break). Lines that
// start with a space, ">" or "From " are space-stuffed. The signature
// separator "-- " is kept as it is (4.3).
func flow(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(text) + len(text)/flowWidth*2)
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		if line == "-- " {
			b.WriteString(line)
			continue
		}
		line = strings.TrimRight(line, " ")
		first := true
		for {
			if !first || stuffed(line) {
				if stuffed(line) {
					line = " " + line
				}
			}
			first = false
			if utf8.RuneCountInString(line) <= flowWidth {
				b.WriteString(line)
				break
			}
			cut := breakAt(line)
			if cut < 0 {
				b.WriteString(line) // one long word (a URL): left whole
				break
			}
			b.WriteString(line[:cut+1]) // the space stays: a soft break
			b.WriteByte('\n')
			line = line[cut+1:]
		}
	}
	return b.String()
}

// stuffed reports whether a line must be space-stuffed (RFC 3676, 4.4).
func stuffed(line string) bool {
	return strings.HasPrefix(line, " ") || strings.HasPrefix(line, ">") || strings.HasPrefix(line, "From ")
}

// breakAt returns the byte index of the last space at which line can be
// broken within flowWidth characters, else the first space after, else -1.
func breakAt(line string) int {
	last, n := -1, 0
	for i, r := range line {
		if n >= flowWidth {
			break
		}
		if r == ' ' && i > 0 && line[i-1] != ' ' {
			last = i
		}
		n++
	}
	if last > 0 {
		return last
	}
	if i := strings.IndexByte(line[1:], ' '); i >= 0 {
		return i + 1
	}
	return -1
}
