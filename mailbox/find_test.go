package mailbox

import (
	"bufio"
	"context"
	"errors"
	"io"
	"jobback/domain"
	"maps"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

// replyCopy is a copy of one of our replies, as it lands in our mailbox.
func replyCopy(messageID string) string {
	return "From: " + testUser + "\r\n" +
		"To: Sam <sam@example.com>\r\n" +
		"Subject: Re: I was let go on Friday\r\n" +
		"Date: Mon, 23 Nov 2026 09:05:00 +0000\r\n" +
		"Message-ID: <" + messageID + ">\r\n" +
		"\r\n" +
		"We are sorry to hear it.\r\n"
}

func findOptions(s *testServer) Options {
	o := testOptions(s, nil)
	o.Processed = "Jobback" // Find must neither need nor create it
	return o
}

func TestFind(t *testing.T) {
	s := newTestServer(t, capsFull)
	if err := s.user.Create("Jobback", nil); err != nil {
		t.Fatal(err)
	}
	s.deliver("INBOX", replyCopy("r1.abc@jobback.example"))
	s.deliver("INBOX", testMessage("in1"))
	s.deliver("Jobback", replyCopy("r2.def@jobback.example"))
	s.deliver("Jobback", testMessage("in2"), imap.FlagDeleted) // copied away, not expunged

	got, err := Find(context.Background(), findOptions(s), []string{"INBOX", "Jobback"},
		[]string{"r1.abc@jobback.example", "r2.def@jobback.example", "in2@test", "r9.zzz@jobback.example"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"r1.abc@jobback.example": true,  // in INBOX
		"r2.def@jobback.example": true,  // in the second folder
		"in2@test":               true,  // \Deleted still counts
		"r9.zzz@jobback.example": false, // nowhere
	}
	if !maps.Equal(got, want) {
		t.Errorf("Find = %v, want %v", got, want)
	}
	// Read-only: nothing was flagged \Seen, nothing moved or created.
	for _, folder := range []string{"INBOX", "Jobback"} {
		for uid, flags := range s.flags(folder) {
			if hasFlag(flags, imap.FlagSeen) {
				t.Errorf("%s UID %d was flagged \\Seen: %v", folder, uid, flags)
			}
		}
	}
	if n := len(s.flags("INBOX")); n != 2 {
		t.Errorf("INBOX has %d messages after Find, want 2", n)
	}
	wire := strings.ReplaceAll(s.Wire(), `"`, "")
	for _, cmd := range []string{"EXAMINE INBOX", "EXAMINE Jobback", "UID SEARCH HEADER Message-ID <r2.def@jobback.example>", "LOGOUT"} {
		if !strings.Contains(wire, cmd) {
			t.Errorf("the client never sent %q:\n%s", cmd, wire)
		}
	}
	checkNoGoroutines(t)
}

// TestFindLookalike checks that a hit of the server's substring search is
// verified. imapmemserver implements HEADER search as a case-insensitive
// substring match of the field's text (as RFC 9051 allows), so "<a.b@x>"
// finds "<A.B@x>" too; Find must not count it. Searching with the brackets
// already keeps "<xa.b@x>" and "<a.b@x.y>" out.
func TestFindLookalike(t *testing.T) {
	s := newTestServer(t, capsFull)
	s.deliver("INBOX", replyCopy("xa.b@x"))
	s.deliver("INBOX", replyCopy("a.b@x.y"))
	s.deliver("INBOX", replyCopy("A.B@x"))

	// The server's own answer: a substring match ignoring case.
	c := s.client()
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	data, err := c.UIDSearch(&imap.SearchCriteria{
		Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: "<a.b@x>"}},
	}, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if uids := data.AllUIDs(); len(uids) != 1 || uids[0] != 3 {
		t.Fatalf("server search for <a.b@x> = %v, want [3] (the <A.B@x> message)", uids)
	}
	data, err = c.UIDSearch(&imap.SearchCriteria{
		Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: "a.b@x"}},
	}, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if uids := data.AllUIDs(); len(uids) != 3 {
		t.Fatalf("server search for a.b@x without brackets = %v, want all 3", uids)
	}
	c.Close()

	got, err := Find(context.Background(), findOptions(s), []string{"INBOX"},
		[]string{"a.b@x", "A.B@x", "b@x"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"a.b@x": false, "A.B@x": true, "b@x": false}
	if !maps.Equal(got, want) {
		t.Errorf("Find = %v, want %v", got, want)
	}
}

func TestFindMissingFolderSkipped(t *testing.T) {
	s := newTestServer(t, capsPlain)
	s.deliver("INBOX", replyCopy("r1@jobback.example"))
	got, err := Find(context.Background(), findOptions(s), []string{"Nowhere", "INBOX", "Also/Missing"},
		[]string{"r1@jobback.example", "r2@jobback.example"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"r1@jobback.example": true, "r2@jobback.example": false}
	if !maps.Equal(got, want) {
		t.Errorf("Find = %v, want %v", got, want)
	}
	if strings.Contains(s.Wire(), "CREATE") {
		t.Error("Find created a folder")
	}
	// Every folder missing: nothing found, no error.
	got, err = Find(context.Background(), findOptions(s), []string{"Nowhere"}, []string{"r1@jobback.example"})
	if err != nil || got["r1@jobback.example"] {
		t.Errorf("Find in a missing folder = %v, %v; want not found, no error", got, err)
	}
}

// TestFindRefusedFolder checks the answers to an EXAMINE refused without
// the NONEXISTENT code (as some servers do): skipped when LIST does not show
// the folder, an error when it does, since the folder may hold the message.
func TestFindRefusedFolder(t *testing.T) {
	s := newTestServer(t, capsFull)
	if err := s.user.Create("Jobback", nil); err != nil {
		t.Fatal(err)
	}
	s.deliver("INBOX", replyCopy("r1@jobback.example"))
	s.deliver("Jobback", replyCopy("r2@jobback.example"))
	refuse := regexp.MustCompile(`^(T\d+) (?:OK \[READ-ONLY\] EXAMINE completed|NO \[NONEXISTENT\] No such mailbox)`)
	p := newStallProxy(t, s.Addr(), "never sent", func(line string) string {
		// Every EXAMINE fails, with a bare NO.
		return refuse.ReplaceAllString(line, "$1 NO Cannot open mailbox")
	})
	o := findOptions(s)
	o.Addr = p.addr
	got, err := Find(context.Background(), o, []string{"Nowhere", "Jobback"}, []string{"r2@jobback.example"})
	if err == nil || !strings.Contains(err.Error(), `folder "Jobback", which exists`) || got != nil {
		t.Errorf("Find with EXAMINE of an existing folder refused = %v, %v; want an error", got, err)
	}
	if !strings.Contains(strings.ReplaceAll(s.Wire(), `"`, ""), "LIST  Nowhere") {
		t.Errorf("Find did not ask LIST about the refused folder:\n%s", s.Wire())
	}
}

func TestFindBadLogin(t *testing.T) {
	s := newTestServer(t, capsFull)
	o := findOptions(s)
	o.Password = "wrong"
	got, err := Find(context.Background(), o, []string{"INBOX"}, []string{"r1@jobback.example"})
	if !errors.Is(err, ErrAuth) {
		t.Fatalf("Find with a wrong password = %v, %v; want ErrAuth", got, err)
	}
	if got != nil {
		t.Errorf("Find returned an answer with its error: %v", got)
	}
}

func TestFindBadID(t *testing.T) {
	s := newTestServer(t, capsFull)
	for _, id := range []string{"", "<r1@jobback.example>", "r1 @x", "a\"b@x"} {
		if _, err := Find(context.Background(), findOptions(s), []string{"INBOX"}, []string{id}); err == nil {
			t.Errorf("Find(%q) returned no error", id)
		}
	}
	if n := s.Accepts(); n != 0 {
		t.Errorf("Find connected %d times for invalid IDs", n)
	}
}

// TestFindCancel cancels the context while the server sits on the search:
// Find must return an error (not "not found"), and leave nothing running.
func TestFindCancel(t *testing.T) {
	s := newTestServer(t, capsFull)
	s.deliver("INBOX", replyCopy("r1@jobback.example"))
	p := newStallProxy(t, s.Addr(), "UID SEARCH")
	o := findOptions(s)
	o.Addr = p.addr
	o.NoopTimeout = time.Hour // only the cancellation can end the wait

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		got map[string]bool
		err error
	}
	done := make(chan result, 1)
	go func() {
		got, err := Find(ctx, o, []string{"INBOX"}, []string{"r1@jobback.example"})
		done <- result{got, err}
	}()
	select {
	case <-p.stalled:
	case r := <-done:
		t.Fatalf("Find returned before the search stalled: %v, %v", r.got, r.err)
	}
	cancel()
	r := <-done // a hang here is the failure (go test -timeout)
	if !errors.Is(r.err, context.Canceled) || r.got != nil {
		t.Errorf("Find after cancel = %v, %v; want nil, context.Canceled", r.got, r.err)
	}
	checkNoGoroutines(t)
}

// TestFindCancelWhileDialling cancels while the server has not even greeted.
func TestFindCancelWhileDialling(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			accepted <- c // says nothing
		}
	}()
	o := Options{Addr: ln.Addr().String(), TLS: domain.TLSNone, Username: testUser, Password: testPass,
		NoopTimeout: time.Hour, Logger: testLogger()}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := Find(ctx, o, []string{"INBOX"}, []string{"r1@jobback.example"})
		done <- err
	}()
	c := <-accepted
	defer c.Close()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Find = %v, want context.Canceled", err)
	}
	checkNoGoroutines(t)
}

func TestHasMessageID(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		id   string
		want bool
	}{
		{"Message-ID: <a.b@x>\r\n\r\n", "a.b@x", true},
		{"Message-Id:   <a.b@x>  \r\n\r\n", "a.b@x", true},
		{"Message-ID:\r\n <a.b@x>\r\n\r\n", "a.b@x", true}, // folded
		{"Message-ID: <a.b@x> (a comment)\r\n\r\n", "a.b@x", true},
		{"Message-ID: <xa.b@x>\r\n\r\n", "a.b@x", false},
		{"Message-ID: <A.B@x>\r\n\r\n", "a.b@x", false},
		{"Message-ID: <a.b@x.y>\r\n\r\n", "a.b@x", false},
		{"Message-ID: <a.b@x>\r\n", "a.b@x", true}, // no blank line
		{"\r\n", "a.b@x", false},
		{"", "a.b@x", false},
	} {
		if got := hasMessageID([]byte(tc.raw), tc.id); got != tc.want {
			t.Errorf("hasMessageID(%q, %q) = %v, want %v", tc.raw, tc.id, got, tc.want)
		}
	}
}

// stallProxy forwards a client to an IMAP server until the client sends a
// line containing a given text; that line and everything after it is
// swallowed, so the server never answers. rewrite, if set, changes each line
// the server sends.
type stallProxy struct {
	addr    string
	stalled chan struct{}
	rewrite func(line string) string
}

func newStallProxy(t *testing.T, target, stallOn string, rewrite ...func(string) string) *stallProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &stallProxy{addr: ln.Addr().String(), stalled: make(chan struct{})}
	if len(rewrite) > 0 {
		p.rewrite = rewrite[0]
	}
	var wg sync.WaitGroup
	var conns []net.Conn
	var mu sync.Mutex
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		client, err := ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", target)
		if err != nil {
			client.Close()
			return
		}
		mu.Lock()
		conns = append(conns, client, server)
		mu.Unlock()
		wg.Add(1)
		go func() {
			defer wg.Done()
			if p.rewrite == nil {
				io.Copy(client, server)
				return
			}
			r := bufio.NewReader(server)
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if _, err := client.Write([]byte(p.rewrite(line))); err != nil {
					return
				}
			}
		}()
		r := bufio.NewReader(client)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if strings.Contains(line, stallOn) {
				close(p.stalled)
				io.Copy(io.Discard, r)
				return
			}
			if _, err := server.Write([]byte(line)); err != nil {
				return
			}
		}
	}()
	return p
}
