package daemon

import (
	"bytes"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"

	"jobback/daemon/localmail"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// At info level the log names people by a keyed hash, never by address:
// not in the daemon's own attributes, nor where an address slips into a
// reason or an SMTP server's error (issue 15, finding 2).
func TestLogsNameNoAddress(t *testing.T) {
	h := newHarness(t)
	var buf syncBuffer
	key := []byte("0123456789abcdef0123456789abcdef")
	h.opts = func(o *Options) {
		o.Logger = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
		o.LogKey = key
	}
	h.mail.FailNext(localmail.Accept, localmail.Permanent)
	h.start()
	h.deliver(message("Ann Lee <ann@example.org>", "a1@example.org", "I was fired", firedBody, "Reply-To: ann@third.example"))
	h.deliver(message("Bo Day <bo@example.org>", "b1@example.org", "I was fired", firedBody))
	h.deliver(message(`"Cy" <cy@example.org> (see <cy2@example.org>`, "c1@example.org", "I was fired", firedBody))
	h.waitRecorded(3)
	logs := buf.String()
	if !strings.Contains(logs, "message recorded") || !strings.Contains(logs, "reply refused for good") {
		t.Fatalf("the log lacks the lines this test is about:\n%s", logs)
	}
	for _, addr := range []string{"ann@example.org", "ann@third.example", "bo@example.org", "cy@example.org", "cy2@example.org"} {
		if strings.Contains(logs, addr) {
			t.Errorf("the log holds %s:\n%s", addr, logs)
		}
	}
	// Each person is named by the keyed hash, the same in every line.
	ann := h.d.who("Ann@Example.org")
	if !regexp.MustCompile(`^p:[0-9a-f]{12}$`).MatchString(ann) || strings.Count(logs, "person="+ann) < 2 {
		t.Errorf("ann is %q, named %d times in:\n%s", ann, strings.Count(logs, "person="+ann), logs)
	}
	// Message-IDs and our own address stay readable.
	for _, keep := range []string{"message_id=a1@example.org", ourAddr} {
		if !strings.Contains(logs, keep) {
			t.Errorf("the log lacks %q", keep)
		}
	}
}
