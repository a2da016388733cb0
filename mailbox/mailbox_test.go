package mailbox

import (
	"context"
	"errors"
	"jobback/domain"
	"jobback/internal/mailtest"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Messages already in the folder are handed over once each, flagged
// \Answered, and never \Seen.
func TestExistingMessagesDeliveredOnceAndFlagged(t *testing.T) {
	for _, tc := range []struct {
		name string
		caps imap.CapSet
	}{{"idle", capsFull}, {"poll", capsPlain}} {
		t.Run(tc.name, func(t *testing.T) {
			var setup []func(*mailtest.IMAPOptions)
			if tc.name == "poll" {
				setup = append(setup, withoutIdle)
			}
			s := newTestServer(t, tc.caps, setup...)
			for _, id := range []string{"a", "b", "c"} {
				s.deliver("INBOX", testMessage(id))
			}
			cur := NewMemCursor()
			rec := &recorder{}
			startWatcher(t, testOptions(s, cur), rec.handle)
			waitFor(t, "three messages", func() bool { return len(rec.messages()) >= 3 })

			// A later message proves that further checks ran: had they
			// handed anything over again, it would show now.
			s.deliver("INBOX", testMessage("d"))
			waitFor(t, "message d", func() bool { return rec.count("d") == 1 })
			got := rec.messages()
			if len(got) != 4 {
				t.Fatalf("handed over %d times, want 4: %v", len(got), ids(got))
			}
			for i, id := range []string{"a", "b", "c", "d"} {
				m := got[i]
				if m.MessageID != id+"@test" || m.UID != uint32(i+1) || m.Mailbox != "INBOX" || m.Oversize {
					t.Errorf("message %d = %+v", i, m)
				}
				if !strings.Contains(string(m.Raw), "("+id+")") || m.Size != int64(len(m.Raw)) {
					t.Errorf("message %s: raw %q, size %d", id, m.Raw, m.Size)
				}
				if m.UIDValidity == 0 || m.Noticed.IsZero() || m.InternalDate.IsZero() || m.Attempt != 1 {
					t.Errorf("message %s: uidvalidity %d noticed %v date %v attempt %d", id, m.UIDValidity, m.Noticed, m.InternalDate, m.Attempt)
				}
			}
			waitFor(t, "all flagged", func() bool {
				for _, f := range s.flags("INBOX") {
					if !hasFlag(f, imap.FlagAnswered) {
						return false
					}
				}
				return true
			})
			for uid, f := range s.flags("INBOX") {
				if hasFlag(f, imap.FlagSeen) {
					t.Errorf("UID %d has \\Seen: %v", uid, f)
				}
			}
			waitFor(t, "cursor at 4", func() bool {
				_, last, _ := cur.Position(context.Background(), "INBOX")
				return last == 4
			})
			if n := s.IdleCommands(); (n > 0) != (tc.name == "idle") {
				t.Errorf("%d IDLE commands sent", n)
			}
		})
	}
}

// A message delivered while the Watcher idles is handed over through the
// IDLE notification: the poll interval is far longer than the test's deadline.
func TestAppendWhileIdling(t *testing.T) {
	s := newTestServer(t, capsFull)
	opts := testOptions(s, nil)
	opts.PollInterval = time.Hour
	rec := &recorder{}
	idling := make(chan struct{}, 10)
	startWatcher(t, opts, rec.handle, func(w *Watcher) {
		w.idleStarted = func() { idling <- struct{}{} }
	})
	for i, id := range []string{"x", "y"} {
		select {
		case <-idling:
		case <-time.After(10 * time.Second):
			t.Fatal("IDLE did not start")
		}
		// The client heard "+ idling"; the server's session is in IDLE a
		// moment later.
		waitFor(t, "the server idling", func() bool { return s.Idling() == 1 })
		before := time.Now()
		s.deliver("INBOX", testMessage(id))
		waitFor(t, "message "+id, func() bool { return rec.count(id) == 1 })
		m := rec.messages()[i]
		if m.Noticed.Before(before) {
			t.Errorf("Noticed %v is before the delivery at %v", m.Noticed, before)
		}
	}
	if s.IdleCommands() < 2 {
		t.Errorf("the client sent %d IDLE commands, want at least 2", s.IdleCommands())
	}
}

// A handler error leaves the message unmarked; it is offered again later,
// not in a tight loop, while later messages keep flowing; once accepted it
// is marked.
func TestHandlerErrorRetriedLater(t *testing.T) {
	s := newTestServer(t, capsFull)
	for _, id := range []string{"m1", "m2", "m3"} {
		s.deliver("INBOX", testMessage(id))
	}
	cur := NewMemCursor()
	var refuse atomic.Bool
	refuse.Store(true)
	var mu sync.Mutex
	var tries []time.Time
	rec := &recorder{fail: func(m *Message) error {
		if m.MessageID != "m2@test" {
			return nil
		}
		mu.Lock()
		tries = append(tries, time.Now())
		mu.Unlock()
		if refuse.Load() {
			return errRefused
		}
		return nil
	}}
	opts := testOptions(s, cur)
	startWatcher(t, opts, rec.handle)

	waitFor(t, "m2 refused three times", func() bool { return rec.count("m2") >= 3 })
	s.deliver("INBOX", testMessage("m4"))
	waitFor(t, "m1, m3, m4", func() bool { return rec.count("m1") == 1 && rec.count("m3") == 1 && rec.count("m4") == 1 })
	if f := s.flags("INBOX")[2]; hasFlag(f, imap.FlagAnswered) {
		t.Fatalf("refused message was flagged: %v", f)
	}
	_, last, _ := cur.Position(context.Background(), "INBOX")
	if last != 1 {
		t.Errorf("cursor = %d while UID 2 is pending, want 1", last)
	}
	// The delay starts at 3/4 of RetryDelay and doubles.
	mu.Lock()
	for i := 1; i < len(tries); i++ {
		if gap := tries[i].Sub(tries[i-1]); gap < opts.RetryDelay*3/4 {
			t.Errorf("retry %d came %v after the previous one; want at least %v", i, gap, opts.RetryDelay*3/4)
		}
	}
	mu.Unlock()

	refuse.Store(false)
	waitFor(t, "m2 flagged", func() bool { return hasFlag(s.flags("INBOX")[2], imap.FlagAnswered) })
	waitFor(t, "cursor at 4", func() bool {
		_, last, _ := cur.Position(context.Background(), "INBOX")
		return last == 4
	})
	ms := rec.messages()
	var attempts []int
	for _, m := range ms {
		if m.MessageID == "m2@test" {
			attempts = append(attempts, m.Attempt)
		}
	}
	for i, a := range attempts {
		if a != i+1 {
			t.Errorf("attempts of m2 = %v", attempts)
			break
		}
	}
	for _, id := range []string{"m1", "m3", "m4"} {
		if n := rec.count(id); n != 1 {
			t.Errorf("%s handed over %d times", id, n)
		}
	}
}

// Folder mode moves handled messages into a folder it creates, with MOVE or
// with COPY + \Deleted + UID EXPUNGE, or leaves them \Deleted without UIDPLUS.
func TestFolderMode(t *testing.T) {
	for _, tc := range []struct {
		name        string
		caps        imap.CapSet
		leftDeleted bool
	}{
		{"move", capsFull, false},
		{"copy-uidplus", imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapUIDPlus: {}}, false},
		{"copy-only", capsPlain, true}, // and polling: the server hides IDLE
	} {
		t.Run(tc.name, func(t *testing.T) {
			var setup []func(*mailtest.IMAPOptions)
			if tc.name == "copy-only" {
				setup = append(setup, withoutIdle)
			}
			s := newTestServer(t, tc.caps, setup...)
			s.deliver("INBOX", testMessage("f1"))
			s.deliver("INBOX", testMessage("f2"))
			opts := testOptions(s, nil)
			opts.Processed = "Processed"
			rec := &recorder{}
			startWatcher(t, opts, rec.handle)
			waitFor(t, "two messages", func() bool { return len(rec.messages()) == 2 })
			waitFor(t, "two moved", func() bool { return len(s.flags("Processed")) == 2 })
			inbox := s.flags("INBOX")
			if tc.leftDeleted {
				if len(inbox) != 2 {
					t.Fatalf("INBOX has %d messages, want 2 left with \\Deleted", len(inbox))
				}
				for uid, f := range inbox {
					if !hasFlag(f, imap.FlagDeleted) {
						t.Errorf("UID %d lacks \\Deleted: %v", uid, f)
					}
				}
			} else if len(inbox) != 0 {
				t.Errorf("INBOX still has %v", inbox)
			}
			for uid, f := range s.flags("Processed") {
				if hasFlag(f, imap.FlagSeen) {
					t.Errorf("moved UID %d has \\Seen", uid)
				}
			}
			s.deliver("INBOX", testMessage("f3"))
			waitFor(t, "f3", func() bool { return rec.count("f3") == 1 })
			waitFor(t, "three moved", func() bool { return len(s.flags("Processed")) == 3 })
			if got := rec.messages(); len(got) != 3 {
				t.Errorf("handed over %v", ids(got))
			}
			wire := s.Wire()
			if usedMove := strings.Contains(wire, "UID MOVE"); usedMove != (tc.name == "move") {
				t.Errorf("UID MOVE used: %v", usedMove)
			}
			// Created subscribed, so that mail clients show it.
			c := s.client()
			subscribed, err := c.List("", "Processed", &imap.ListOptions{SelectSubscribed: true}).Collect()
			c.Close()
			if err != nil || len(subscribed) != 1 {
				t.Errorf("subscribed folders named Processed: %d, %v; want 1", len(subscribed), err)
			}
		})
	}
}

// A new Watcher with the same cursor hands over only what the previous one
// did not, also in folder mode where nothing is flagged.
func TestRestartHandsOverNothingTwice(t *testing.T) {
	for _, processed := range []string{"flag", "Done"} {
		t.Run(processed, func(t *testing.T) {
			s := newTestServer(t, capsFull)
			cur := NewMemCursor()
			opts := testOptions(s, cur)
			opts.Processed = processed
			s.deliver("INBOX", testMessage("r1"))
			s.deliver("INBOX", testMessage("r2"))
			rec := &recorder{}
			first := startWatcher(t, opts, rec.handle)
			waitFor(t, "r1 r2", func() bool { return len(rec.messages()) == 2 })
			waitFor(t, "cursor at 2", func() bool {
				_, last, _ := cur.Position(context.Background(), "INBOX")
				return last == 2
			})
			first.close(t)

			s.deliver("INBOX", testMessage("r3"))
			startWatcher(t, opts, rec.handle)
			waitFor(t, "r3", func() bool { return rec.count("r3") == 1 })
			s.deliver("INBOX", testMessage("r4"))
			waitFor(t, "r4", func() bool { return rec.count("r4") == 1 })
			if got := rec.messages(); len(got) != 4 {
				t.Errorf("handed over %v, want r1..r4 once each", ids(got))
			}
		})
	}
}

// When the folder is recreated (new UIDVALIDITY, UIDs starting again at 1),
// every message not marked processed is handed over again, including those
// whose UIDs are below the old cursor; processed ones are not.
func TestUIDValidityChangeResyncs(t *testing.T) {
	// Either the connection breaks, or the periodic check notices.
	for _, restart := range []bool{true, false} {
		t.Run(map[bool]string{true: "reconnect", false: "live"}[restart], func(t *testing.T) {
			testUIDValidityChange(t, restart)
		})
	}
}

func testUIDValidityChange(t *testing.T, restart bool) {
	s := newTestServer(t, capsFull)
	cur := NewMemCursor()
	for _, id := range []string{"o1", "o2", "o3"} {
		s.deliver("INBOX", testMessage(id))
	}
	rec := &recorder{}
	startWatcher(t, testOptions(s, cur), rec.handle)
	waitFor(t, "cursor at 3", func() bool {
		_, last, _ := cur.Position(context.Background(), "INBOX")
		return last == 3
	})
	oldValidity, _, _ := cur.Position(context.Background(), "INBOX")

	if err := s.user.Delete("INBOX"); err != nil {
		t.Fatal(err)
	}
	if err := s.user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	s.deliver("INBOX", testMessage("o1"), imap.FlagAnswered) // processed before
	s.deliver("INBOX", testMessage("o2"))                    // recorded, not yet marked
	s.deliver("INBOX", testMessage("n1"))                    // new
	if restart {
		s.restart()
	}

	waitFor(t, "o2 again and n1", func() bool { return rec.count("o2") == 2 && rec.count("n1") == 1 })
	waitFor(t, "new position", func() bool {
		v, last, _ := cur.Position(context.Background(), "INBOX")
		return v != oldValidity && last == 3
	})
	if n := rec.count("o1"); n != 1 {
		t.Errorf("processed o1 handed over %d times", n)
	}
	for _, m := range rec.messages()[3:] {
		if m.UIDValidity == oldValidity {
			t.Errorf("message %s carries the old UIDVALIDITY", m.MessageID)
		}
	}
	waitFor(t, "all flagged", func() bool {
		for _, f := range s.flags("INBOX") {
			if !hasFlag(f, imap.FlagAnswered) {
				return false
			}
		}
		return true
	})
}

// A server that forgot its messages but kept UIDVALIDITY (UIDNEXT below the
// stored cursor) is resynced too.
func TestCursorBeyondUIDNextResyncs(t *testing.T) {
	s := newTestServer(t, capsFull)
	s.deliver("INBOX", testMessage("z1"))
	cur := NewMemCursor()
	probe := &recorder{}
	r := startWatcher(t, testOptions(s, cur), probe.handle)
	waitFor(t, "z1", func() bool { return probe.count("z1") == 1 })
	r.close(t)
	v, _, _ := cur.Position(context.Background(), "INBOX")
	cur.SetPosition(context.Background(), "INBOX", v, 50)
	rec := &recorder{}
	s.deliver("INBOX", testMessage("z2"))
	startWatcher(t, testOptions(s, cur), rec.handle)
	waitFor(t, "z2", func() bool { return rec.count("z2") == 1 })
}

// The server going away mid-IDLE: the Watcher reconnects and carries on.
func TestReconnectAfterServerRestart(t *testing.T) {
	s := newTestServer(t, capsFull)
	rec := &recorder{}
	idling := make(chan struct{}, 100)
	startWatcher(t, testOptions(s, nil), rec.handle, func(w *Watcher) {
		w.idleStarted = func() {
			select {
			case idling <- struct{}{}:
			default:
			}
		}
	})
	s.deliver("INBOX", testMessage("before"))
	waitFor(t, "before", func() bool { return rec.count("before") == 1 })
	<-idling
	for len(idling) > 0 {
		<-idling
	}
	<-idling // an IDLE started after the message was handled
	s.restart()
	s.deliver("INBOX", testMessage("after"))
	waitFor(t, "after", func() bool { return rec.count("after") == 1 })
	if n := s.Accepts(); n < 2 {
		t.Errorf("server accepted %d connections, want a reconnection", n)
	}
	if n := rec.count("before"); n != 1 {
		t.Errorf("before handed over %d times", n)
	}
}

// A connection that goes silent (no FIN, no RST) is found dead by the
// deadline on the check after IDLE, and replaced.
func TestSilentConnectionDetected(t *testing.T) {
	s := newTestServer(t, capsFull)
	opts := testOptions(s, nil)
	opts.NoopTimeout = 300 * time.Millisecond
	rec := &recorder{}
	idling := make(chan struct{}, 100)
	startWatcher(t, opts, rec.handle, func(w *Watcher) {
		w.idleStarted = func() {
			select {
			case idling <- struct{}{}:
			default:
			}
		}
	})
	<-idling
	s.Freeze()
	s.deliver("INBOX", testMessage("late"))
	waitFor(t, "late", func() bool { return rec.count("late") == 1 })
	if n := s.Accepts(); n < 2 {
		t.Errorf("server accepted %d connections, want a reconnection", n)
	}
}

// Cancelling Run's context returns at once and leaves no goroutine; a
// handler in progress sees the cancellation.
func TestCancelReturnsAndLeavesNoGoroutines(t *testing.T) {
	for _, tc := range []struct {
		name string
		caps imap.CapSet
	}{{"idle", capsFull}, {"poll", capsPlain}} {
		t.Run(tc.name, func(t *testing.T) {
			var setup []func(*mailtest.IMAPOptions)
			if tc.name == "poll" {
				setup = append(setup, withoutIdle)
			}
			s := newTestServer(t, tc.caps, setup...)
			opts := testOptions(s, nil)
			opts.PollInterval = time.Hour
			w, err := Open(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			idling := make(chan struct{}, 1)
			w.idleStarted = func() { idling <- struct{}{} }
			ctx, cancel := context.WithCancel(context.Background())
			errc := make(chan error, 1)
			handled := make(chan struct{}, 1)
			// (delivered before Run starts, so that its first check finds
			// it: delivered after, it could land after that check, and
			// without IDLE nothing tells the poller of it for an hour, so
			// <-handled waited until the test timed out, as in a CI run)
			s.deliver("INBOX", testMessage("c1"))
			go func() {
				errc <- w.Run(ctx, func(ctx context.Context, m *Message) error {
					handled <- struct{}{}
					return nil
				})
			}()
			if tc.name == "idle" {
				<-idling
			} else {
				<-handled // handled in the first check; Run is running
			}
			cancel()
			select {
			case err := <-errc:
				if err != nil {
					t.Errorf("Run = %v", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("Run did not return after cancel")
			}
			checkNoGoroutines(t)
			if err := w.Close(context.Background()); err != nil {
				t.Errorf("Close = %v", err)
			}
			if err := w.Run(context.Background(), func(context.Context, *Message) error { return nil }); !errors.Is(err, ErrClosed) {
				t.Errorf("Run after Close = %v, want ErrClosed", err)
			}
		})
	}
}

// Close with a handler blocked waits for it to see the cancellation.
func TestCloseDuringHandler(t *testing.T) {
	s := newTestServer(t, capsFull)
	s.deliver("INBOX", testMessage("slow"))
	inside := make(chan struct{})
	r := startWatcher(t, testOptions(s, nil), func(ctx context.Context, m *Message) error {
		close(inside)
		<-ctx.Done()
		return ctx.Err()
	})
	<-inside
	r.close(t)
	if f := s.flags("INBOX")[1]; hasFlag(f, imap.FlagAnswered) {
		t.Errorf("message cancelled in the handler was flagged")
	}
}

// A message over MaxSize is handed over without its body, which never
// crosses the wire.
func TestOversizeNotDownloaded(t *testing.T) {
	s := newTestServer(t, capsFull)
	marker := "BIGBODYMARKER"
	big := testMessage("big") + strings.Repeat(marker+" padding line\r\n", 200)
	s.deliver("INBOX", testMessage("small"))
	s.deliver("INBOX", big)
	s.deliver("INBOX", testMessage("small2"))
	opts := testOptions(s, nil)
	opts.MaxSize = 1000
	rec := &recorder{}
	startWatcher(t, opts, rec.handle)
	waitFor(t, "three", func() bool { return len(rec.messages()) == 3 })
	got := rec.messages()
	m := got[1]
	if m.MessageID != "big@test" || !m.Oversize || m.Raw != nil || m.Size != int64(len(big)) {
		t.Errorf("big message = %+v", m)
	}
	if got[0].Oversize || got[0].Raw == nil || got[2].Raw == nil {
		t.Errorf("small messages: %+v %+v", got[0], got[2])
	}
	if strings.Contains(s.Wire(), marker) {
		t.Error("the oversize body was sent over the connection")
	}
	waitFor(t, "big flagged", func() bool { return hasFlag(s.flags("INBOX")[2], imap.FlagAnswered) })
}

func TestCheck(t *testing.T) {
	s := newTestServer(t, capsFull)
	s.deliver("INBOX", testMessage("k1"))
	s.deliver("INBOX", testMessage("k2"), imap.FlagAnswered)
	ctx := context.Background()
	opts := testOptions(s, nil)
	opts.Processed = "Handled"
	st, err := Check(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if st.Messages != 2 || st.Unprocessed != 2 || !st.IDLE || !st.MOVE || st.FolderExists || st.UIDValidity == 0 {
		t.Errorf("folder mode status = %+v", st)
	}
	if _, err := s.user.Status("Handled", &imap.StatusOptions{}); err == nil {
		t.Error("Check created the processed folder")
	}
	opts.Processed = ""
	if st, err = Check(ctx, opts); err != nil || st.Unprocessed != 1 {
		t.Errorf("flag mode: %+v, %v", st, err)
	}

	bad := opts
	bad.Password = "wrong"
	if _, err := Check(ctx, bad); !errors.Is(err, ErrAuth) {
		t.Errorf("wrong password: %v, want ErrAuth", err)
	}
	bad = opts
	bad.Mailbox = "Nope"
	if _, err := Check(ctx, bad); !errors.Is(err, ErrNoMailbox) {
		t.Errorf("missing folder: %v, want ErrNoMailbox", err)
	}
	if _, err := Open(ctx, bad); !errors.Is(err, ErrNoMailbox) {
		t.Errorf("Open on a missing folder: %v, want ErrNoMailbox", err)
	}
	ln := s.Addr()
	s.Stop()
	bad = opts
	bad.Addr = ln
	if _, err := Check(ctx, bad); err == nil || !strings.Contains(err.Error(), "cannot connect") {
		t.Errorf("nobody listening: %v", err)
	}
	for _, o := range []Options{{}, {Addr: ln}, {Addr: ln, Username: "u", TLS: "ssl"}, {Addr: ln, Username: "u", Processed: "INBOX"}} {
		if _, err := Open(ctx, o); err == nil {
			t.Errorf("Open(%+v) accepted bad options", o)
		}
	}
	checkNoGoroutines(t)
}

// A server that accepts and then says nothing: cancelling Open's context
// ends the wait, and so does NoopTimeout.
func TestOpenOnSilentServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted := make(chan net.Conn, 4)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				close(accepted)
				return
			}
			accepted <- c
		}
	}()
	defer func() {
		ln.Close()
		for c := range accepted {
			c.Close()
		}
	}()
	opts := Options{Addr: ln.Addr().String(), TLS: domain.TLSNone, Username: "u", NoopTimeout: time.Hour, Logger: testLogger()}

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		c := <-accepted
		accepted <- c // keep it for closing
		cancel()
	}()
	if _, err := Open(ctx, opts); !errors.Is(err, context.Canceled) {
		t.Errorf("Open with cancelled context = %v, want context.Canceled", err)
	}

	opts.NoopTimeout = 100 * time.Millisecond
	if _, err := Open(context.Background(), opts); !errors.Is(err, errTimeout) {
		t.Errorf("Open on a silent server = %v, want a timeout", err)
	}
	checkNoGoroutines(t)
}

func TestMessageIDFromHeader(t *testing.T) {
	for in, want := range map[string]string{
		"Message-ID: <a@b>\r\n\r\n":             "a@b",
		"Message-Id:   <a@b> (comment)\r\n\r\n": "a@b",
		"Message-ID:\r\n <folded@b>\r\n\r\n":    "folded@b",
		"message-id: no-brackets@b\r\n\r\n":     "no-brackets@b",
		"Message-ID: <unclosed@b\r\n\r\n":       "<unclosed@b",
		"\r\n":                                  "",
		"":                                      "",
		"Message-ID: <x@y>":                     "x@y", // no final CRLF
	} {
		if got := messageID([]byte(in)); got != want {
			t.Errorf("messageID(%q) = %q, want %q", in, got, want)
		}
	}
}

// Messages with a missing or malformed Message-ID are handed over like any
// other, with what could be read.
func TestOddMessageIDs(t *testing.T) {
	s := newTestServer(t, capsFull)
	s.deliver("INBOX", "From: a@example.com\r\nSubject: no id\r\n\r\nhello\r\n")
	s.deliver("INBOX", "From: a@example.com\r\nMessage-ID: bare-id@example.com\r\n\r\nhello\r\n")
	s.deliver("INBOX", "From: a@example.com\r\nMessage-ID:\r\n <folded@example.com>\r\n\r\nhello\r\n")
	rec := &recorder{}
	startWatcher(t, testOptions(s, nil), rec.handle)
	waitFor(t, "three", func() bool { return len(rec.messages()) == 3 })
	got := rec.messages()
	for i, want := range []string{"", "bare-id@example.com", "folded@example.com"} {
		if got[i].MessageID != want || got[i].Raw == nil {
			t.Errorf("message %d: Message-ID %q, want %q", i+1, got[i].MessageID, want)
		}
	}
}

// The processed folder deleted while the Watcher runs is created again.
func TestProcessedFolderRecreated(t *testing.T) {
	for _, tc := range []struct {
		name string
		caps imap.CapSet
	}{{"move", capsFull}, {"copy", imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapUIDPlus: {}}}} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, tc.caps)
			opts := testOptions(s, nil)
			opts.Processed = "Archive/Jobback"
			rec := &recorder{}
			startWatcher(t, opts, rec.handle)
			s.deliver("INBOX", testMessage("p1"))
			waitFor(t, "p1 moved", func() bool { return len(s.flags("Archive/Jobback")) == 1 })
			if err := s.user.Delete("Archive/Jobback"); err != nil {
				t.Fatal(err)
			}
			s.deliver("INBOX", testMessage("p2"))
			waitFor(t, "p2 moved", func() bool {
				_, err := s.user.Status("Archive/Jobback", &imap.StatusOptions{})
				return err == nil && len(s.flags("Archive/Jobback")) == 1 && len(s.flags("INBOX")) == 0
			})
			if rec.count("p2") != 1 {
				t.Errorf("p2 handed over %d times", rec.count("p2"))
			}
		})
	}
}

// A handler that panics on one message does not stop the others; the
// message is retried like a refused one.
func TestHandlerPanicIsRecovered(t *testing.T) {
	s := newTestServer(t, capsFull)
	for _, id := range []string{"ok1", "boom", "ok2"} {
		s.deliver("INBOX", testMessage(id))
	}
	var calm atomic.Bool
	rec := &recorder{fail: func(m *Message) error {
		if m.MessageID == "boom@test" && !calm.Load() {
			panic("parser bug")
		}
		return nil
	}}
	startWatcher(t, testOptions(s, nil), rec.handle)
	waitFor(t, "boom twice, ok1 and ok2", func() bool {
		return rec.count("boom") >= 2 && rec.count("ok1") == 1 && rec.count("ok2") == 1
	})
	if hasFlag(s.flags("INBOX")[2], imap.FlagAnswered) {
		t.Error("the message whose handler panicked was flagged")
	}
	calm.Store(true)
	waitFor(t, "boom flagged", func() bool { return hasFlag(s.flags("INBOX")[2], imap.FlagAnswered) })
}

// syncCursor is a Cursor whose store makes records durable in groups.
type syncCursor struct {
	*MemCursor
	mu    sync.Mutex
	syncs int
	fail  bool
}

func (c *syncCursor) Sync(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.syncs++
	if c.fail {
		return errors.New("disk full")
	}
	return nil
}

// BeforeMark (a store's Sync) is called before accepted messages are
// marked; when it fails they stay unmarked, and are marked once it works
// again.
func TestSyncBeforeMark(t *testing.T) {
	s := newTestServer(t, capsFull)
	for _, id := range []string{"a", "b"} {
		s.deliver("INBOX", testMessage(id))
	}
	cur := &syncCursor{MemCursor: NewMemCursor(), fail: true}
	rec := &recorder{}
	opts := testOptions(s, cur)
	opts.BeforeMark = cur.Sync
	startWatcher(t, opts, rec.handle)
	waitFor(t, "two messages and a sync", func() bool {
		cur.mu.Lock()
		defer cur.mu.Unlock()
		return len(rec.messages()) >= 2 && cur.syncs >= 1
	})
	for uid, f := range s.flags("INBOX") {
		if hasFlag(f, imap.FlagAnswered) {
			t.Fatalf("UID %d marked although Sync failed", uid)
		}
	}
	cur.mu.Lock()
	cur.fail = false
	cur.mu.Unlock()
	waitFor(t, "all flagged after Sync works", func() bool {
		for _, f := range s.flags("INBOX") {
			if !hasFlag(f, imap.FlagAnswered) {
				return false
			}
		}
		return len(s.flags("INBOX")) == 2
	})
}

// DisconnectedSince is zero while connected, the moment of the loss while
// the server is away, and zero again once reconnected (issue 15, finding
// 7: the health check must see it).
func TestDisconnectedSince(t *testing.T) {
	s := newTestServer(t, capsFull)
	opts := testOptions(s, nil)
	rec := &recorder{}
	r := startWatcher(t, opts, rec.handle)
	if at := r.w.DisconnectedSince(); !at.IsZero() {
		t.Fatalf("connected, yet DisconnectedSince = %v", at)
	}
	before := time.Now()
	s.Stop()
	waitFor(t, "the loss noticed", func() bool { return !r.w.DisconnectedSince().IsZero() })
	if at := r.w.DisconnectedSince(); at.Before(before) || at.After(time.Now()) {
		t.Errorf("DisconnectedSince = %v, want between %v and now", at, before)
	}
	s.start()
	waitFor(t, "the reconnection", func() bool { return r.w.DisconnectedSince().IsZero() })
	s.deliver("INBOX", testMessage("after"))
	waitFor(t, "after", func() bool { return rec.count("after") == 1 })
}
