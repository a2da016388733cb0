//go:build e2e

package daemon

import (
	"context"
	"errors"
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

// TestStatusChromium opens the status page of a running daemon (the
// in-process mail servers of the harness: no Dovecot or Postfix needed)
// in headless Chromium at a phone's size, and checks that the DOM
// Chromium built holds the counts and that the screenshot is not blank.
// The screenshot is also copied to /tmp/status-phone.png.
func TestStatusChromium(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("SKIP: %s not found (apt-get install chromium fonts-dejavu-core): %v", chromium, err)
	}
	h := newHarness(t)
	h.opts = func(o *Options) { o.HTTPAddr = "127.0.0.1:0" }
	h.start()
	h.deliver(advice(1))
	h.deliver(advice(2))
	h.deliver(message("Ann <ann@example.org>", "ooo@example.org", "Out of office", "I am away.", "Auto-Submitted: auto-replied"))
	h.deliver(message("Lu <lu@example.org>", "list@example.org", "I was fired", firedBody, "List-Id: <jobs.lists.example.org>"))
	h.deliver(message("Person 1 <p1@example.org>", "again@example.org", "I was fired", firedBody))
	h.waitSent(2)
	h.waitRecorded(5)
	h.d.log.With("outbox_id", 3, "message_id", "r3@jobback.test").Error("reply refused for good",
		"err", errors.New("550 5.1.1 <p3@example.org>: mailbox unavailable"), "attempt", 1)

	dir := t.TempDir()
	url := "http://" + h.d.HTTPAddr() + "/"
	run := func(args ...string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
			"--no-first-run", "--hide-scrollbars", "--user-data-dir=" + filepath.Join(dir, "profile")}
		out, err := exec.CommandContext(ctx, chromium, append(base, args...)...).Output()
		if err != nil {
			stderr := ""
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = string(ee.Stderr)
			}
			t.Fatalf("chromium %v: %v\n%s", args, err, stderr)
		}
		return string(out)
	}

	dom := run("--window-size=390,844", "--dump-dom", url)
	for _, want := range []string{
		`<td>Received</td><td class="n">5</td>`,
		`<td>Answered</td><td class="n">2</td>`,
		`<td>Ignored (automatic mail)</td><td class="n">2</td>`,
		`(auto)</span></td><td class="n">1</td>`,
		`(list)</span></td><td class="n">1</td>`,
		`<td>Already advised (window)</td><td class="n">1</td>`,
		`<td>Sent</td><td class="n">2</td>`,
		`<td>In the queue</td><td class="n">0</td>`,
		"reply refused for good",
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("the page Chromium built lacks %q", want)
		}
	}
	if strings.Contains(dom, "@example.org") {
		t.Errorf("the page shows an address:\n%s", dom)
	}

	shot := filepath.Join(dir, "status-phone.png")
	run("--window-size=390,844", "--screenshot="+shot, url)
	raw, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("/tmp/status-phone.png", raw, 0o644); err != nil {
		t.Errorf("cannot copy the screenshot: %v", err)
	}
	img, err := png.Decode(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	b := img.Bounds()
	colors := map[uint32]bool{}
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			if len(colors) < 1000 {
				colors[r<<16|g<<8|bl] = true
			}
			if (299*r+587*g+114*bl)/1000 < 110 {
				dark++
			}
		}
	}
	total := b.Dx() * b.Dy()
	t.Logf("%s (and /tmp/status-phone.png): %dx%d, %d colours, %.2f%% dark", shot, b.Dx(), b.Dy(), len(colors), 100*float64(dark)/float64(total))
	if b.Dx() != 390 {
		t.Errorf("screenshot %d pixels wide, want 390", b.Dx())
	}
	if len(colors) < 8 {
		t.Errorf("screenshot has %d colours: blank", len(colors))
	}
	if dark < total/200 {
		t.Errorf("screenshot has almost no text: %d dark pixels of %d", dark, total)
	}
}
