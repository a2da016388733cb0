package parser

import (
	"strings"
	"testing"
)

func TestTrimQuotes(t *testing.T) {
	for in, want := range map[string]string{
		"'sunset'": "sunset", "‘fit’": "fit", "`x'": "x", "don't": "don't", "''": "", "’": "", "word": "word",
	} {
		if got := trimQuotes(in); got != want || got != strings.Trim(in, "'‘’`") {
			t.Errorf("trimQuotes(%q) = %q, want %q (as strings.Trim)", in, got, want)
		}
	}
}
