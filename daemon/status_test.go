package daemon

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// getStatus fetches path from the daemon's HTTP address, checks the
// headers every status answer carries, and returns the body.
func getStatus(t *testing.T, h *harness, path, contentType string) string {
	t.Helper()
	resp, err := http.Get("http://" + h.d.HTTPAddr() + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s %s", path, resp.Status, b)
	}
	for k, want := range map[string]string{
		"Content-Type":            contentType,
		"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
		"Cache-Control":           "no-store",
	} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("%s: %s %q, want %q", path, k, got, want)
		}
	}
	return string(b)
}

// The status page shows the counts (one answered, one ignored by the
// "auto" rule), the queue, the connection and the last errors, and no
// address, subject or text of any message; /status.json says the same
// (issue 16).
func TestStatusPage(t *testing.T) {
	h := newHarness(t)
	h.opts = func(o *Options) { o.HTTPAddr = "127.0.0.1:0" }
	h.start()
	h.deliver(advice(1))
	h.deliver(message("Ann <ann@example.org>", "ooo@example.org", "Out of office", "I am away until Monday.", "Auto-Submitted: auto-replied"))
	h.waitSent(1)
	h.waitRecorded(2)
	// An error with a person's address in it, and a Message-ID; an info
	// record, which the page does not keep.
	h.d.log.With("outbox_id", 7, "message_id", "m1@example.org").Error("reply refused for good",
		"err", errors.New("550 5.1.1 <p1@example.org>: no such user"), "to", "p1@example.org")
	h.d.log.Info("an ordinary day", "person", "ann@example.org")

	page := getStatus(t, h, "/", "text/html; charset=utf-8")
	for _, want := range []string{
		`<meta name="viewport" content="width=device-width, initial-scale=1">`,
		`<meta http-equiv="refresh" content="30">`,
		`<td>Received</td><td class="n">2</td>`,
		`<td>Answered</td><td class="n">1</td>`,
		`<td>Ignored (automatic mail)</td><td class="n">1</td>`,
		`automatic replies <span class="meta">(auto)</span></td><td class="n">1</td>`,
		`<td>In the queue</td><td class="n">0</td>`,
		`<td>Oldest unsent</td><td class="n">none</td>`,
		`<td>Sent</td><td class="n">1</td>`,
		`<td>Failed (given up)</td><td class="n">0</td>`,
		`<td>Due in the next 24 h</td><td class="n">0</td>`,
		`<td class="n good">connected</td>`,
		"Healthy",
		"reply refused for good",
		"outbox_id=7 message_id=m1@…",
		h.d.who("p1@example.org"),
		"1 since the start",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, never := range []string{"@example.org", ourAddr, "Out of office", "I was fired", "away until", "Acme",
		"an ordinary day", "<script", "http://", "https://"} {
		if strings.Contains(page, never) {
			t.Errorf("the page shows %q:\n%s", never, page)
		}
	}

	body := getStatus(t, h, "/status.json", "application/json")
	if strings.Contains(body, "@example.org") || strings.Contains(body, ourAddr) {
		t.Errorf("/status.json shows an address:\n%s", body)
	}
	var rep statusReport
	if err := json.Unmarshal([]byte(body), &rep); err != nil {
		t.Fatalf("/status.json: %v\n%s", err, body)
	}
	m, o := rep.Messages, rep.Outbox
	if m.In != 2 || m.Answered != 1 || m.Ignored != 1 || m.IgnoredByRule["auto"] != 1 || len(m.IgnoredByRule) != 1 ||
		m.ByDecision["answered"] != 1 || m.ByDecision["ignored"] != 1 {
		t.Errorf("messages %+v", m)
	}
	if o.Queued != 0 || o.Due != 0 || o.Later != 0 || o.Sent != 1 || o.Failed != 0 || o.OldestUnsent != nil {
		t.Errorf("outbox %+v", o)
	}
	if !rep.Healthy || len(rep.Problems) != 0 || rep.Mailbox.State != "connected" || rep.StoreError != "" {
		t.Errorf("healthy %v, problems %q, mailbox %q, store error %q", rep.Healthy, rep.Problems, rep.Mailbox.State, rep.StoreError)
	}
	if rep.ErrorsTotal != 1 || len(rep.Errors) != 1 || rep.Errors[0].Level != "ERROR" ||
		!strings.Contains(rep.Errors[0].Text, "to="+h.d.who("p1@example.org")) || time.Since(rep.Errors[0].Time) > time.Minute {
		t.Errorf("errors %d %+v", rep.ErrorsTotal, rep.Errors)
	}
}

// The status is shown to loopback clients only, unless the token is
// shown; a request a proxy forwarded is not taken for a loopback one.
func TestStatusAccess(t *testing.T) {
	const token = "0123456789abcdef-status"
	h := newHarness(t)
	h.opts = func(o *Options) { o.HTTPAddr = "127.0.0.1:0"; o.StatusToken = token }
	withToken := h.openDaemon()
	h.opts = func(o *Options) { o.HTTPAddr = "127.0.0.1:0" }
	without := h.openDaemon()

	req := func(remote, target string, header ...string) *http.Request {
		r := httptest.NewRequest("GET", target, nil)
		r.RemoteAddr = remote
		for i := 0; i+1 < len(header); i += 2 {
			r.Header.Set(header[i], header[i+1])
		}
		return r
	}
	const far = "203.0.113.5:1234"
	for _, c := range []struct {
		name      string
		r         *http.Request
		tok, none bool // allowed with a token set, without one
	}{
		{"far", req(far, "/"), false, false},
		{"far bearer", req(far, "/", "Authorization", "Bearer "+token), true, false},
		{"far bearer lower case", req(far, "/", "Authorization", "bearer "+token), true, false},
		{"far query", req(far, "/?token="+token), true, false},
		{"far wrong bearer", req(far, "/", "Authorization", "Bearer "+token+"x"), false, false},
		{"far wrong query", req(far, "/?token="+token[:10]), false, false},
		{"far empty bearer", req(far, "/", "Authorization", "Bearer "), false, false},
		{"far basic", req(far, "/", "Authorization", "Basic "+token), false, false},
		{"loopback", req("127.0.0.1:5555", "/"), true, true},
		{"loopback v6", req("[::1]:5555", "/"), true, true},
		{"loopback mapped", req("[::ffff:127.0.0.1]:5555", "/"), true, true},
		{"loopback 127/8", req("127.3.2.1:5555", "/"), true, true},
		{"forwarded", req("127.0.0.1:5555", "/", "X-Forwarded-For", "203.0.113.5"), false, false},
		{"forwarded rfc 7239", req("127.0.0.1:5555", "/", "Forwarded", "for=203.0.113.5"), false, false},
		{"forwarded with token", req("127.0.0.1:5555", "/", "X-Forwarded-For", "203.0.113.5", "Authorization", "Bearer "+token), true, false},
		{"no port", req("127.0.0.1", "/"), false, false},
	} {
		if got := withToken.statusAllowed(c.r); got != c.tok {
			t.Errorf("%s, token set: allowed %v, want %v", c.name, got, c.tok)
		}
		if got := without.statusAllowed(c.r); got != c.none {
			t.Errorf("%s, no token set: allowed %v, want %v", c.name, got, c.none)
		}
	}

	// Through the server's own handler: refused with 403 (the headers
	// still set), let in with the token.
	for _, path := range []string{"/", "/status.json"} {
		w := httptest.NewRecorder()
		withToken.httpSrv.Handler.ServeHTTP(w, req(far, path))
		if w.Code != http.StatusForbidden || w.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("%s from far without the token: %d %v", path, w.Code, w.Header())
		}
		w = httptest.NewRecorder()
		withToken.httpSrv.Handler.ServeHTTP(w, req(far, path, "Authorization", "Bearer "+token))
		if w.Code != http.StatusOK {
			t.Errorf("%s from far with the token: %d %s", path, w.Code, w.Body)
		}
		w = httptest.NewRecorder()
		without.httpSrv.Handler.ServeHTTP(w, req(far, path+"?token="+token))
		if w.Code != http.StatusForbidden {
			t.Errorf("%s from far, no token set: %d", path, w.Code)
		}
	}
	// Only GET (and HEAD); other paths are not the page.
	for _, c := range []struct {
		method, path string
		code         int
	}{{"POST", "/", http.StatusMethodNotAllowed}, {"GET", "/status", http.StatusNotFound}, {"HEAD", "/", http.StatusOK}} {
		r := req("127.0.0.1:5555", c.path)
		r.Method = c.method
		w := httptest.NewRecorder()
		without.httpSrv.Handler.ServeHTTP(w, r)
		if w.Code != c.code {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, w.Code, c.code)
		}
	}
}

// The ring keeps the last records at error level and above, newest first,
// and counts them all; every address is hidden.
func TestStatusErrorRing(t *testing.T) {
	h := newHarness(t)
	d := h.openDaemon()
	errs := d.keepErrors(3)
	if again := d.keepErrors(3); again != errs {
		t.Fatal("keepErrors made a second ring")
	}
	log := d.log.WithGroup("send").With("person", "ann@example.org")
	for i := range 5 {
		log.Error("cannot send", "n", i, "err", errors.New("421 try later, bo@example.org"))
	}
	log.Warn("a warning")
	d.log.Log(t.Context(), slog.LevelError+4, "worse", "own", ourAddr)
	got, total := errs.list()
	if total != 6 || len(got) != 3 {
		t.Fatalf("%d kept of %d: %+v", len(got), total, got)
	}
	if got[0].Level != "ERROR+4" || got[0].Text != `worse own=help@…` {
		t.Errorf("newest %+v", got[0])
	}
	ann, bo := d.who("ann@example.org"), d.who("bo@example.org")
	for i, e := range got[1:] {
		want := `cannot send send.person=` + ann + ` send.n=` + string(rune('4'-i)) + ` send.err="421 try later, ` + bo + `"`
		if e.Text != want {
			t.Errorf("record %d: %q, want %q", i+1, e.Text, want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 123456: "123,456", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// With several instances sharing a store (Options.Watching set), /healthz,
// the status page and /status.json say whether this instance watches the
// mailbox; an instance standing by is healthy.
func TestStatusSaysWhoWatches(t *testing.T) {
	var mu sync.Mutex
	watching := false
	h := newHarness(t)
	h.opts = func(o *Options) {
		o.HTTPAddr, o.Instance = "127.0.0.1:0", "mail-b"
		o.Watching = func() (bool, time.Time) { mu.Lock(); defer mu.Unlock(); return watching, time.Time{} }
	}
	h.start()
	healthz := func() string {
		resp, err := http.Get("http://" + h.d.HTTPAddr() + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	health := healthz()
	if want := "ok\nstanding by: this instance (mail-b) does not watch the mailbox; no instance has taken it\n"; health != want {
		t.Errorf("/healthz standing by: %q, want %q", health, want)
	}
	var rep statusReport
	if err := json.Unmarshal([]byte(getStatus(t, h, "/status.json", "application/json")), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Instance != "mail-b" || rep.Mailbox.Watching || rep.Mailbox.State != "standing by" || !rep.Healthy {
		t.Errorf("/status.json standing by: instance %q, watching %v, state %q, healthy %v", rep.Instance, rep.Mailbox.Watching, rep.Mailbox.State, rep.Healthy)
	}
	if page := getStatus(t, h, "/", "text/html; charset=utf-8"); !strings.Contains(page, "standing by: watched by another instance") {
		t.Errorf("the page does not say the instance stands by:\n%s", page)
	}
	mu.Lock()
	watching = true
	mu.Unlock()
	if health := healthz(); health != "ok\nwatching the mailbox: this instance (mail-b)\n" {
		t.Errorf("/healthz watching: %q", health)
	}
}
