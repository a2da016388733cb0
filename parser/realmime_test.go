package parser

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRealMIME parses real-world good and broken MIME (enmime's test data):
// every message gets a clear result, and the text a reader could recover is
// recovered.
func TestRealMIME(t *testing.T) {
	// Words the recovered text must contain; "" means the message has no
	// readable body text (only attachments or no body at all).
	want := map[string]string{
		"low-quality--bad-final-boundary.raw":                "A text section",
		"low-quality--bad-header-start.raw":                  "A text section",
		"low-quality--bad-header-wrap.raw":                   "A text section",
		"low-quality--empty-header.raw":                      "A text section",
		"low-quality--html-only-inline.raw":                  "Test of HTML section",
		"low-quality--incorrect-charset.raw":                 "Using Unicode/UTF-8",
		"low-quality--malformed-base64-attach.raw":           "A text section",
		"low-quality--missing-content-type.raw":              "A plain text email",
		"low-quality--missing-content-type2.raw":             "A text section",
		"low-quality--unk-charset-html-only.raw":             "Hello World!",
		"low-quality--unk-charset-part.raw":                  "A text section",
		"low-quality--unk-encoding-part.raw":                 "A text section",
		"mail--attachment-application.raw":                   "A text section",
		"mail--attachment-octet.raw":                         "A text section",
		"mail--attachment-only-inline-quoted-printable.raw":  "Just some html content",
		"mail--attachment-only-inline.raw":                   "",
		"mail--attachment-only-no-disposition.raw":           "",
		"mail--attachment-only-text-attachment.raw":          "",
		"mail--attachment-only.raw":                          "",
		"mail--attachment.raw":                               "A text section",
		"mail--ctype-bug.raw":                                "Quick Start",
		"mail--epilogue-sample.raw":                          "A text section",
		"mail--header-only.raw":                              "",
		"mail--html-mime-bad-charset-inline.raw":             "Test of text section",
		"mail--html-mime-bad-unknown-charset-inline.raw":     "Test of text section",
		"mail--html-mime-inline.raw":                         "Test of text section",
		"mail--html-only-inline.raw":                         "Test of HTML section",
		"mail--inlinemultipart.raw":                          "Simple text.",
		"mail--malformed-multiple-address-header-values.raw": "Simple text.",
		"mail--mime-alternative.raw":                         "Section one",
		"mail--mime-bad-8bit-filename.raw":                   "Text part",
		"mail--mime-bad-content-transfer-encoding.raw":       "This is an example",
		"mail--mime-bad-content-type.raw":                    "Thank you for booking",
		"mail--mime-blank-media-name.raw":                    "Thank you for booking",
		"mail--mime-duplicate-param.raw":                     "Thank you for booking",
		"mail--mime-mixed-related.raw":                       "html1",
		"mail--mime-mixed.raw":                               "Section two",
		"mail--mime-signed.raw":                              "Section one",
		"mail--mime-unquoted-tspecials-param.raw":            "Thank you for booking",
		"mail--multipart-wo-boundary.raw":                    "",
		"mail--non-mime-html-charset-header-only.raw":        "Test Müller",
		"mail--non-mime-html.raw":                            "This is a test mailing",
		"mail--non-mime-missing-charset.raw":                 "Unencoded Euro Sign",
		"mail--non-mime.raw":                                 "This is a test mailing",
		"mail--other-multi-related.raw":                      "Plain text.",
		"mail--other-parts.raw":                              "A text section",
		"mail--qp-ascii-header.raw":                          "This is a test mailing",
		"mail--qp-utf8-header-no-break.raw":                  "Lorem ipsum",
		"mail--qp-utf8-header-recursed.raw":                  "Lorem ipsum",
		"mail--qp-utf8-header.raw":                           "Lorem ipsum",
		"mail--quoted-printable-mime.raw":                    "Lorem ipsum",
		"mail--quoted-printable.raw":                         "Lorem ipsum",
		"mail--unknown-part-type.raw":                        "A text section",
	}
	files, err := filepath.Glob("testdata/real-mime/*.raw")
	if err != nil || len(files) == 0 {
		t.Fatalf("no real-mime files: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Parse(raw)
			if name == "mail--erroneous.raw" {
				// Not a message at all: a clear, one-line, permanent error.
				if !errors.Is(err, ErrNotMessage) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("Parse = %v, want a one-line ErrNotMessage", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			w, ok := want[name]
			if !ok {
				t.Fatalf("no expectation for %s", name)
			}
			if w == "" && strings.TrimSpace(m.Text) != "" && m.Facts.Action != ActionIgnore {
				t.Logf("text: %q", m.Text)
			}
			if w != "" && !strings.Contains(m.Text, w) {
				t.Errorf("text %q does not contain %q", m.Text, w)
			}
			if m.Facts.Action == "" || m.Facts.Situation == "" || m.Facts.Terms == "" {
				t.Errorf("facts incomplete: %+v", m.Facts)
			}
		})
	}
}
