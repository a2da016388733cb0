//go:build e2e

package responder

import (
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// chromium is Debian's package (apt-get install chromium).
const chromium = "/usr/bin/chromium"

// TestHTMLInChromium opens the HTML part of replies in headless Chromium,
// takes a screenshot and checks that the advice and the letter are on the
// page: the DOM Chromium built holds them, and the screenshot is not blank
// (dark text on the light page, and the white letter box). Set
// JOBBACK_SCREENSHOT_DIR to keep the screenshots.
func TestHTMLInChromium(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("SKIP: %s not found (apt-get install chromium fonts-dejavu-core): %v", chromium, err)
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
				ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
				defer cancel()
				base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--no-first-run", "--hide-scrollbars", "--user-data-dir=" + filepath.Join(dir, "profile")}
				cmd := exec.CommandContext(ctx, chromium, append(base, args...)...)
				out, err := cmd.Output()
				if err != nil {
					stderr := ""
					if ee, ok := err.(*exec.ExitError); ok {
						stderr = string(ee.Stderr)
					}
					t.Fatalf("chromium %v: %v\n%s", args, err, stderr)
				}
				return string(out)
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
			run("--window-size=800,2400", "--screenshot="+shot, "file://"+page)
			f, err := os.Open(shot)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatalf("screenshot: %v", err)
			}
			dark, white, colors := census(img)
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

// census counts dark pixels (text), pure white pixels (the letter box) and
// distinct colours.
func census(img image.Image) (dark, white, colors int) {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			if len(seen) < 1000 {
				seen[r<<16|g<<8|bl] = true
			}
			luma := (299*r + 587*g + 114*bl) / 1000
			if luma < 110 {
				dark++
			}
			if r == 255 && g == 255 && bl == 255 {
				white++
			}
		}
	}
	return dark, white, len(seen)
}
