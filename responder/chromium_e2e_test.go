//go:build e2e

package responder

import (
	"jobback/internal/chromium"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHTMLInChromium opens the HTML part of replies in headless Chromium,
// takes a screenshot and checks that the advice and the letter are on the
// page: the DOM Chromium built holds them, and the screenshot is not blank
// (dark text on the light page, and the white letter box). Set
// JOBBACK_SCREENSHOT_DIR to keep the screenshots.
func TestHTMLInChromium(t *testing.T) {
	if err := chromium.Available(); err != nil {
		t.Skipf("SKIP: %v", err)
	}
	r := newTestResponder(t, "")
	for _, name := range []string{"fired", "quit_bad_terms", "wrongful", "ask"} {
		t.Run(name, func(t *testing.T) {
			rep, err := r.Reply(fixtures()[name])
			if err != nil {
				t.Fatal(err)
			}
			p := parseReply(t, rep.Raw)
			dir := t.TempDir()
			page := filepath.Join(dir, name+".html")
			if err := os.WriteFile(page, []byte(p.HTML), 0o644); err != nil {
				t.Fatal(err)
			}
			shot := filepath.Join(dir, name+".png")
			if keep := os.Getenv("JOBBACK_SCREENSHOT_DIR"); keep != "" {
				shot = filepath.Join(keep, name+".png")
			}
			run := func(args ...string) string {
				out, err := chromium.Run(dir, args...)
				if err != nil {
					t.Fatal(err)
				}
				return out
			}
			dom := run("--dump-dom", "file://"+page)
			letter := fixtures()[name].Facts
			for _, want := range []string{"Your letter", "Dear ", "STOP ends them"} {
				if !strings.Contains(dom, want) {
					t.Errorf("the page Chromium built lacks %q", want)
				}
			}
			if letter.Company != "" && !strings.Contains(dom, strings.ReplaceAll(letter.Company, "&", "&amp;")) {
				t.Errorf("the page lacks the company %q", letter.Company)
			}
			img, err := chromium.Screenshot(dir, "file://"+page, shot, 800, 2400)
			if err != nil {
				t.Fatal(err)
			}
			dark, white, colors := chromium.Census(img)
			total := img.Bounds().Dx() * img.Bounds().Dy()
			t.Logf("%s: %dx%d, %.2f%% dark (text), %.2f%% white (letter box), %d colours",
				shot, img.Bounds().Dx(), img.Bounds().Dy(), 100*float64(dark)/float64(total), 100*float64(white)/float64(total), colors)
			if dark < total/200 {
				t.Errorf("screenshot has almost no text: %d dark pixels of %d", dark, total)
			}
			if white < total/20 {
				t.Errorf("screenshot shows no letter box: %d white pixels of %d", white, total)
			}
			if colors < 8 {
				t.Errorf("screenshot has %d colours: blank", colors)
			}
		})
	}
}
