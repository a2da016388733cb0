//go:build e2e

package daemon

import (
	"errors"
	"jobback/internal/chromium"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStatusChromium opens the status page of a running daemon (the
// in-process mail servers of the harness: no Dovecot or Postfix needed)
// in headless Chromium at a phone's size, and checks that the DOM
// Chromium built holds the counts and that the screenshot is not blank.
// The screenshot is also copied to /tmp/status-phone.png.
func TestStatusChromium(t *testing.T) {
	if err := chromium.Available(); err != nil {
		t.Skipf("SKIP: %v", err)
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
		out, err := chromium.Run(dir, args...)
		if err != nil {
			t.Fatal(err)
		}
		return out
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
	img, err := chromium.Screenshot(dir, url, shot, 390, 844)
	if err != nil {
		t.Fatal(err)
	}
	if raw, err := os.ReadFile(shot); err != nil || os.WriteFile("/tmp/status-phone.png", raw, 0o644) != nil {
		t.Errorf("cannot copy the screenshot to /tmp/status-phone.png: %v", err)
	}
	b := img.Bounds()
	dark, _, colors := chromium.Census(img)
	total := b.Dx() * b.Dy()
	t.Logf("%s (and /tmp/status-phone.png): %dx%d, %d colours, %.2f%% dark", shot, b.Dx(), b.Dy(), colors, 100*float64(dark)/float64(total))
	if b.Dx() != 390 {
		t.Errorf("screenshot %d pixels wide, want 390", b.Dx())
	}
	if colors < 8 {
		t.Errorf("screenshot has %d colours: blank", colors)
	}
	if dark < total/200 {
		t.Errorf("screenshot has almost no text: %d dark pixels of %d", dark, total)
	}
}
