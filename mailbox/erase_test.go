package mailbox

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// replyTo is one of our replies to the message <to>, with Message-ID <id>:
// it names <to> in In-Reply-To and References only.
func replyTo(id, to string) string {
	return "From: " + testUser + "\r\n" +
		"To: Sam <sam@example.com>\r\n" +
		"Subject: Re: I was let go on Friday\r\n" +
		"Date: Mon, 23 Nov 2026 09:05:00 +0000\r\n" +
		"Message-ID: <" + id + ">\r\n" +
		"In-Reply-To: <" + to + ">\r\n" +
		"References: <" + to + ">\r\n" +
		"\r\n" +
		"About <" + to + ">: we are sorry to hear it.\r\n"
}

// contents lists the messages in folder as "UID Message-ID", with
// " \Deleted" after those so flagged, in UID order.
func contents(t *testing.T, s *testServer, folder string) []string {
	t.Helper()
	c := s.client()
	defer c.Close()
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sel.NumMessages == 0 {
		return nil
	}
	bufs, err := c.Fetch(imap.SeqSet{imap.SeqRange{Start: 1, Stop: 0}},
		&imap.FetchOptions{UID: true, Flags: true, Envelope: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(bufs, func(a, b *imapclient.FetchMessageBuffer) int { return int(a.UID) - int(b.UID) })
	var out []string
	for _, b := range bufs {
		line := fmt.Sprintf("%d %s", b.UID, b.Envelope.MessageID)
		if hasFlag(b.Flags, imap.FlagDeleted) {
			line += ` \Deleted`
		}
		out = append(out, line)
	}
	return out
}

func checkContents(t *testing.T, s *testServer, folder string, want ...string) {
	t.Helper()
	if got := contents(t, s, folder); !slices.Equal(got, want) {
		t.Errorf("%s holds\n\t%s\nwant\n\t%s", folder, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func checkErased(t *testing.T, got, want Erased) {
	t.Helper()
	if got.Expunged != want.Expunged || got.Flagged != want.Flagged || !maps.Equal(got.Folders, want.Folders) {
		t.Errorf("Erase = %+v, want %+v", got, want)
	}
}

// plainExpunge matches an EXPUNGE or CLOSE command (not UID EXPUNGE) on the
// wire: either would remove every message flagged \Deleted.
var plainExpunge = regexp.MustCompile(`(?m)^T\d+ (EXPUNGE|CLOSE)\r?$`)

// TestErase erases a person's message and our reply to it from two folders:
// only messages whose Message-ID is exactly one of the IDs go, \Deleted or
// not; lookalikes and messages naming the IDs elsewhere stay.
func TestErase(t *testing.T) {
	s := newTestServer(t, capsFull)
	if err := s.user.Create("Jobback", nil); err != nil {
		t.Fatal(err)
	}
	s.deliver("INBOX", replyTo("r1.abc@jobback.example", "in1@test")) // 1: ours, goes
	s.deliver("INBOX", replyCopy("R1.ABC@jobback.example"))           // 2: the server's search finds it; stays
	s.deliver("INBOX", replyCopy("xr1.abc@jobback.example"))          // 3: contains the ID; stays
	s.deliver("INBOX", replyTo("r3@jobback.example", "in1@test"))     // 4: names in1@test elsewhere; stays
	s.deliver("INBOX", testMessage("in1"), imap.FlagDeleted)          // 5: ours, already \Deleted; goes
	s.deliver("INBOX", testMessage("in2"))                            // 6: someone else's; stays
	s.deliver("Jobback", testMessage("in1"))                          // 1: ours (processed copy); goes
	s.deliver("Jobback", replyCopy("r1.abc@jobback.example.org"))     // 2: the ID is a prefix; stays
	s.deliver("Jobback", testMessage("xin1"), imap.FlagSeen)          // 3: Message-ID <xin1@test>; stays

	ids := []string{"in1@test", "r1.abc@jobback.example"}
	got, err := Erase(context.Background(), findOptions(s), []string{"INBOX", "Jobback", "INBOX"}, ids)
	if err != nil {
		t.Fatal(err)
	}
	checkErased(t, got, Erased{Expunged: 3, Folders: map[string]int{"INBOX": 2, "Jobback": 1}})
	checkContents(t, s, "INBOX",
		"2 R1.ABC@jobback.example",
		"3 xr1.abc@jobback.example",
		"4 r3@jobback.example",
		"6 in2@test")
	checkContents(t, s, "Jobback",
		"2 r1.abc@jobback.example.org",
		"3 xin1@test")
	wire := s.Wire()
	for _, cmd := range []string{"SELECT INBOX", "SELECT Jobback", `UID STORE 1,5 +FLAGS.SILENT (\Deleted)`, "UID EXPUNGE 1,5", "UID EXPUNGE 1\r", "LOGOUT"} {
		if !strings.Contains(strings.ReplaceAll(wire, `"`, ""), cmd) {
			t.Errorf("the client never sent %q:\n%s", cmd, wire)
		}
	}
	if m := plainExpunge.FindString(wire); m != "" {
		t.Errorf("the client sent %q", m)
	}
	if flags := s.flags("Jobback")[3]; !hasFlag(flags, imap.FlagSeen) || len(flags) != 1 {
		t.Errorf("Jobback UID 3 has flags %v, want just \\Seen", flags)
	}
	checkNoGoroutines(t)

	// Again, as after an error: nothing left to erase, nothing else changes.
	got, err = Erase(context.Background(), findOptions(s), []string{"INBOX", "Jobback"}, ids)
	if err != nil {
		t.Fatal(err)
	}
	checkErased(t, got, Erased{Folders: map[string]int{}})
	if n := len(contents(t, s, "INBOX")) + len(contents(t, s, "Jobback")); n != 6 {
		t.Errorf("%d messages left after a second Erase, want 6", n)
	}
}

// TestEraseLeavesOthersDeleted checks that UID EXPUNGE removes only ours: a
// message someone else flagged \Deleted stays, still \Deleted.
func TestEraseLeavesOthersDeleted(t *testing.T) {
	s := newTestServer(t, capsFull)
	s.deliver("INBOX", testMessage("theirs"), imap.FlagDeleted)
	s.deliver("INBOX", replyCopy("r1@jobback.example"))
	s.deliver("INBOX", testMessage("other"))

	got, err := Erase(context.Background(), findOptions(s), []string{"INBOX"}, []string{"r1@jobback.example"})
	if err != nil {
		t.Fatal(err)
	}
	checkErased(t, got, Erased{Expunged: 1, Folders: map[string]int{"INBOX": 1}})
	checkContents(t, s, "INBOX", `1 theirs@test \Deleted`, "3 other@test")
}

// TestEraseWithoutUIDPLUS: without UID EXPUNGE ours stay flagged \Deleted,
// and are reported so; no EXPUNGE is sent, as it would take the others'
// \Deleted messages too.
func TestEraseWithoutUIDPLUS(t *testing.T) {
	s := newTestServer(t, capsPlain)
	if err := s.user.Create("Jobback", nil); err != nil {
		t.Fatal(err)
	}
	s.deliver("INBOX", testMessage("theirs"), imap.FlagDeleted)
	s.deliver("INBOX", replyCopy("r1@jobback.example"))
	s.deliver("INBOX", testMessage("other"), imap.FlagSeen)
	s.deliver("Jobback", testMessage("in1"))

	got, err := Erase(context.Background(), findOptions(s), []string{"INBOX", "Jobback"},
		[]string{"r1@jobback.example", "in1@test"})
	if err != nil {
		t.Fatal(err)
	}
	checkErased(t, got, Erased{Flagged: 2, Folders: map[string]int{"INBOX": 1, "Jobback": 1}})
	checkContents(t, s, "INBOX", `1 theirs@test \Deleted`, `2 r1@jobback.example \Deleted`, "3 other@test")
	checkContents(t, s, "Jobback", `1 in1@test \Deleted`)
	if flags := s.flags("INBOX")[3]; len(flags) != 1 || !hasFlag(flags, imap.FlagSeen) {
		t.Errorf("INBOX UID 3 has flags %v, want just \\Seen", flags)
	}
	if wire := s.Wire(); strings.Contains(wire, " EXPUNGE") || plainExpunge.MatchString(wire) {
		t.Errorf("the client sent an EXPUNGE to a server without UIDPLUS:\n%s", wire)
	}
}

func TestEraseMissingFolderSkipped(t *testing.T) {
	s := newTestServer(t, capsFull)
	s.deliver("INBOX", replyCopy("r1@jobback.example"))
	got, err := Erase(context.Background(), findOptions(s), []string{"Nowhere", "INBOX", "Also/Missing"},
		[]string{"r1@jobback.example", "r2@jobback.example"})
	if err != nil {
		t.Fatal(err)
	}
	checkErased(t, got, Erased{Expunged: 1, Folders: map[string]int{"INBOX": 1}})
	checkContents(t, s, "INBOX")
	if strings.Contains(s.Wire(), "CREATE") {
		t.Error("Erase created a folder")
	}
	// Every folder missing: nothing erased, no error.
	got, err = Erase(context.Background(), findOptions(s), []string{"Nowhere"}, []string{"r1@jobback.example"})
	if err != nil {
		t.Fatal(err)
	}
	checkErased(t, got, Erased{Folders: map[string]int{}})
}

func TestEraseBadID(t *testing.T) {
	s := newTestServer(t, capsFull)
	s.deliver("INBOX", replyCopy("r1@jobback.example"))
	for _, id := range []string{"", "<r1@jobback.example>", "r1 @x", "a\"b@x", "a\\b@x", "a\x7fb@x"} {
		// A valid ID with it: nothing is done at all.
		got, err := Erase(context.Background(), findOptions(s), []string{"INBOX"}, []string{"r1@jobback.example", id})
		if err == nil || got.Expunged != 0 {
			t.Errorf("Erase(%q) = %+v, %v; want an error", id, got, err)
		}
	}
	if n := s.Accepts(); n != 0 {
		t.Errorf("Erase connected %d times for invalid IDs", n)
	}
	checkContents(t, s, "INBOX", "1 r1@jobback.example")
}

// TestEraseCancel cancels the context while the server sits on the UID
// EXPUNGE: Erase must return an error, leaving ours flagged \Deleted, and a
// second Erase finishes the work.
func TestEraseCancel(t *testing.T) {
	s := newTestServer(t, capsFull)
	s.deliver("INBOX", replyCopy("r1@jobback.example"))
	s.deliver("INBOX", testMessage("other"))
	p := newStallProxy(t, s.Addr(), "UID EXPUNGE")
	o := findOptions(s)
	o.Addr = p.addr
	o.NoopTimeout = time.Hour // only the cancellation can end the wait

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		got Erased
		err error
	}
	done := make(chan result, 1)
	go func() {
		got, err := Erase(ctx, o, []string{"INBOX"}, []string{"r1@jobback.example"})
		done <- result{got, err}
	}()
	select {
	case <-p.stalled:
	case r := <-done:
		t.Fatalf("Erase returned before the expunge stalled: %+v, %v", r.got, r.err)
	}
	cancel()
	r := <-done // a hang here is the failure (go test -timeout)
	if !errors.Is(r.err, context.Canceled) {
		t.Errorf("Erase after cancel = %+v, %v; want context.Canceled", r.got, r.err)
	}
	checkErased(t, r.got, Erased{Folders: map[string]int{}})
	checkNoGoroutines(t)
	checkContents(t, s, "INBOX", `1 r1@jobback.example \Deleted`, "2 other@test")

	got, err := Erase(context.Background(), findOptions(s), []string{"INBOX"}, []string{"r1@jobback.example"})
	if err != nil {
		t.Fatal(err)
	}
	checkErased(t, got, Erased{Expunged: 1, Folders: map[string]int{"INBOX": 1}})
	checkContents(t, s, "INBOX", "2 other@test")
}

// TestEraseUIDAfterBody: a server that sends UID after the body's literal
// (whose UID FETCH answers go-imap cannot match) must not keep the messages:
// their Message-IDs are fetched again by sequence number. Find gains the
// same.
func TestEraseUIDAfterBody(t *testing.T) {
	s := newTestServer(t, capsFull, withUIDAfterBody)
	s.deliver("INBOX", testMessage("other"))
	s.deliver("INBOX", replyCopy("r1@jobback.example"))
	s.deliver("INBOX", replyCopy("R1@jobback.example"))

	found, err := Find(context.Background(), findOptions(s), []string{"INBOX"}, []string{"r1@jobback.example", "other@test"})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]bool{"r1@jobback.example": true, "other@test": true}; !maps.Equal(found, want) {
		t.Errorf("Find = %v, want %v", found, want)
	}
	got, err := Erase(context.Background(), findOptions(s), []string{"INBOX"}, []string{"r1@jobback.example"})
	if err != nil {
		t.Fatal(err)
	}
	checkErased(t, got, Erased{Expunged: 1, Folders: map[string]int{"INBOX": 1}})
	checkContents(t, s, "INBOX", "1 other@test", "3 R1@jobback.example")
	if !regexp.MustCompile(`(?m)^T\d+ FETCH 2:3 \(UID BODY`).MatchString(s.Wire()) {
		t.Errorf("the client did not fetch by sequence number:\n%s", s.Wire())
	}
}
