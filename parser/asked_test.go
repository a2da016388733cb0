package parser

import (
	"slices"
	"strings"
	"testing"
)

// The reply quotes the writer's own question back over its answer: Asked
// holds it per kind, on one line and short.
func TestAsked(t *testing.T) {
	raw := "From: Josh <josh@example.com>\r\nTo: help@jobback.example\r\nSubject: fired\r\nDate: Tue, 06 Oct 2026 07:55:00 -0500\r\n\r\n" +
		"I was fired on Friday from Halvorsen Brandt & Co. Renee Whitcomb was my manager.\r\n\r\n" +
		"Questions:\r\n- Would I go to Renee or straight to Greg?\r\n- Realistically, what are my chances?\r\n"
	m, err := Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Asked[QuestionWhoToAsk]; got != "Would I go to Renee or straight to Greg?" {
		t.Errorf("who_to_ask asked as %q", got)
	}
	if got := m.Asked[QuestionChances]; got != "Realistically, what are my chances?" {
		t.Errorf("chances asked as %q", got)
	}
	long := askedText("1. " + strings.Repeat("should I really ask him again ", 10) + "?")
	if len(long) > 170 || !strings.HasSuffix(long, "…?") || strings.HasPrefix(long, "1.") {
		t.Errorf("a long question is quoted as %q", long)
	}
}

// TestAskedAll: every question sentence of the writer's is kept, of a
// known kind or none, in order (fresh-59's review: "is it tacky?" beside
// "Should I apply to the posting?" went unanswered).
func TestAskedAll(t *testing.T) {
	m := mustParse(t, msg("", "I was laid off last week. They reposted my role. Should I apply to the posting? Is it tacky to go after your own old job a week after being cut? Thanks."))
	want := []string{"Should I apply to the posting?", "Is it tacky to go after your own old job a week after being cut?"}
	if !slices.Equal(m.AskedAll, want) {
		t.Errorf("AskedAll = %q, want %q", m.AskedAll, want)
	}
}
