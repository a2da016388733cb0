package daemon

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestHTTPSlowClients: an idle kept-alive connection and a request whose
// body never finishes are closed by the server, and a body over the limit
// is refused (issue 15, finding 9: both were still open after 95 s). The
// timeouts are set short; the test awaits the server closing, it does not
// time it.
func TestHTTPSlowClients(t *testing.T) {
	h, _ := startFollowups(t, func(o *Options) {
		o.UnsubscribeURL = "https://jobback.test/unsubscribe"
		o.UnsubscribeKey = []byte("a test key")
		o.HTTPAddr = "127.0.0.1:0"
		o.HTTPTimeout = 300 * time.Millisecond
		o.HTTPIdleTimeout = 300 * time.Millisecond
	})
	addr := h.d.HTTPAddr()
	// closed reports whether the server closes c within a generous bound.
	closed := func(c net.Conn, r *bufio.Reader) bool {
		c.SetReadDeadline(time.Now().Add(20 * time.Second))
		_, err := io.Copy(io.Discard, r)
		var ne net.Error
		return err == nil || errors.Is(err, io.EOF) || !(errors.As(err, &ne) && ne.Timeout())
	}
	dial := func() (net.Conn, *bufio.Reader) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c, bufio.NewReader(c)
	}

	// idle after a request: closed
	c, r := dial()
	io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: jobback\r\n\r\n")
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/healthz: %s", resp.Status)
	}
	if !closed(c, r) {
		t.Error("an idle kept-alive connection is still open")
	}

	// a body that never finishes: closed
	c, r = dial()
	io.WriteString(c, "POST /unsubscribe?p=ann%40example.org&t=x HTTP/1.1\r\nHost: jobback\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nList-Unsub")
	if !closed(c, r) {
		t.Error("a request with a body that never finishes is still open")
	}

	// a body over the limit: refused
	c, r = dial()
	body := strings.Repeat("x", httpMaxBody+1)
	io.WriteString(c, "POST /unsubscribe?p=ann%40example.org&t=x HTTP/1.1\r\nHost: jobback\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+body)
	resp, err = http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a body of %d bytes: %s, want 413", len(body), resp.Status)
	}
}
