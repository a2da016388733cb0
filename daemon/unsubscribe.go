package daemon

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"jobback/domain"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// One-click unsubscribe (RFC 8058). When Options.UnsubscribeURL is set,
// every follow-up's List-Unsubscribe carries, besides the mailto: that
// means STOP, the URL with the person's address and a token (an HMAC of
// the address under Options.UnsubscribeKey, so nobody can stop someone
// else's follow-ups). A POST of "List-Unsubscribe=One-Click" to /unsubscribe
// on the daemon's HTTP address (published at the URL by the operator's
// HTTPS proxy) cancels every pending follow-up of that person, as STOP does,
// without a confirmation mail.

func (d *Daemon) unsubscribeToken(person string) string {
	m := hmac.New(sha256.New, d.o.UnsubscribeKey)
	m.Write([]byte("jobback-unsubscribe\x00" + person))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

// unsubscribeURL is the person's one-click URL, or "" when none is
// configured.
func (d *Daemon) unsubscribeURL(person string) string {
	if d.o.UnsubscribeURL == "" || len(d.o.UnsubscribeKey) == 0 {
		return ""
	}
	u, err := url.Parse(d.o.UnsubscribeURL)
	if err != nil {
		return ""
	}
	q := u.Query()
	q.Set("p", person)
	q.Set("t", d.unsubscribeToken(person))
	u.RawQuery = q.Encode()
	return u.String()
}

// serveUnsubscribe handles POST /unsubscribe?p=ADDRESS&t=TOKEN.
func (d *Daemon) serveUnsubscribe(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "use POST (RFC 8058)", http.StatusMethodNotAllowed)
		return
	}
	if len(d.o.UnsubscribeKey) == 0 || d.o.Planner == nil {
		http.Error(w, "unsubscribing by URL is not configured", http.StatusNotFound)
		return
	}
	// read the body (RFC 8058 sends "List-Unsubscribe=One-Click"): a body
	// over httpMaxBody is refused, and a slow one is cut off by the
	// server's ReadTimeout
	if _, err := io.Copy(io.Discard, r.Body); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read the request", http.StatusBadRequest)
		return
	}
	person := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("p")))
	tok := r.URL.Query().Get("t")
	if person == "" || !hmac.Equal([]byte(tok), []byte(d.unsubscribeToken(person))) {
		http.Error(w, "unknown or altered link", http.StatusForbidden)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	var kinds []string
	for _, k := range domain.FollowupKinds {
		kinds = append(kinds, string(k))
	}
	n, err := d.o.Store.ReplanFollowups(ctx, d.o.Now().UTC(), person, kinds, nil)
	if err != nil {
		d.log.Error("cannot unsubscribe", "person", d.who(person), "err", err)
		http.Error(w, "cannot unsubscribe now; please try again", http.StatusServiceUnavailable)
		return
	}
	d.log.Info("unsubscribed by one-click link", "person", d.who(person), "cancelled", n)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("You will get no more follow-ups from us.\n"))
}
