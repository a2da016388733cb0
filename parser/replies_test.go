package parser

import (
	"jobback/domain"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReplyParts reads the replies in testdata/replies, written for the
// cases GitHub's email_reply_parser, Mailgun's talon and willdurand's
// EmailReplyParser test: the quoted earlier message, in a header block or
// after an attribution in another language, or after an HTML marker, is
// never the writer's words; a mail app's footer is never the command SENT.
func TestReplyParts(t *testing.T) {
	cases := []struct {
		file, text string
		command    domain.Command
	}{
		{"torch-signature.eml", "Thanks, I will read it tonight.", ""},
		{"sent-command-with-footer.eml", "sent", domain.CommandSent},
		{"french-header-block.eml", "Merci, je regarde la lettre ce soir.", ""},
		{"dutch-header-block.eml", "Dank je, ik lees de brief vanavond.", ""},
		{"italian-header-block.eml", "Grazie, leggo la lettera stasera.", ""},
		{"russian-header-block.eml", "Спасибо, прочитаю письмо вечером.", ""},
		{"polish-attribution.eml", "Dzięki, przeczytam list wieczorem.", ""},
		{"dutch-attribution.eml", "Dank je, ik lees de brief vanavond.", ""},
		{"swedish-attribution.eml", "Tack, jag läser brevet i kväll.", ""},
		{"hungarian-attribution.eml", "Köszönöm, este elolvasom a levelet.", ""},
		{"ukrainian-attribution.eml", "Дякую, прочитаю лист увечері.", ""},
		{"mailru-attribution.eml", "Спасибо, прочитаю письмо вечером.", ""},
		{"yandex-attribution.eml", "Спасибо, прочитаю письмо вечером.", ""},
		{"hotmail-html-block.eml", "Thanks, I will read it tonight.", ""},
		{"outlook-web-html-block.eml", "Thanks, I will read it tonight.", ""},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "replies", c.file))
			if err != nil {
				t.Fatal(err)
			}
			m, err := Parse(raw)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(m.Text); got != c.text {
				t.Errorf("writer's words = %q, want %q", got, c.text)
			}
			if m.Facts.Command != c.command {
				t.Errorf("command = %q, want %q", m.Facts.Command, c.command)
			}
		})
	}
}
