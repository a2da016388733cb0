package mailbox

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-sasl"
)

// One message the server will not give does not hold up the others, costs
// no reconnection, and after maxFetchFailures tries is handed over without
// its body, with FetchError set, so the cursor can pass it.
func TestFetchRefusedForOneMessage(t *testing.T) {
	var refused atomic.Int32
	var on atomic.Bool
	on.Store(true)
	s := newTestServer(t, capsPlain, withoutIdle, withSession(func(sess imapserver.Session) imapserver.Session {
		return &omittingSession{Session: sess, bad: 2, on: &on, refuse: true, hits: &refused}
	}))
	for _, id := range []string{"m1", "m2", "m3"} {
		s.deliver("INBOX", testMessage(id))
	}
	cur := NewMemCursor()
	opts := testOptions(s, cur)
	opts.RetryDelay = 2 * time.Millisecond // ten tries in about a second
	rec := &recorder{}
	startWatcher(t, opts, rec.handle)

	waitFor(t, "m1 and m3", func() bool { return rec.count("m1") == 1 && rec.count("m3") == 1 })
	waitFor(t, "UID 2 handed over", func() bool { return len(rec.messages()) == 3 })
	var m2 Message
	for _, m := range rec.messages() {
		if m.UID == 2 {
			m2 = m
		} else if m.Raw == nil || m.FetchError != "" {
			t.Errorf("UID %d: raw %d bytes, fetch error %q", m.UID, len(m.Raw), m.FetchError)
		}
	}
	if m2.Raw != nil || m2.Oversize || !strings.Contains(m2.FetchError, "could not be FETCHed") {
		t.Errorf("UID 2 = raw %d bytes, oversize %v, fetch error %q", len(m2.Raw), m2.Oversize, m2.FetchError)
	}
	if n := refused.Load(); n < maxFetchFailures {
		t.Errorf("the server refused %d FETCHes, want at least %d tries", n, maxFetchFailures)
	}
	waitFor(t, "cursor at 3", func() bool {
		_, last, _ := cur.Position(context.Background(), "INBOX")
		return last == 3
	})
	if n := s.Accepts(); n != 1 {
		t.Errorf("%d connections, want 1: a NO is not a broken connection", n)
	}
	for uid := uint32(1); uid <= 3; uid++ {
		if !hasFlag(s.flags("INBOX")[uid], imap.FlagAnswered) {
			t.Errorf("UID %d not flagged", uid)
		}
	}
}

// A server that sends UID after the body's literal: go-imap cannot match
// those answers to a UID FETCH, so the watcher asks by sequence number, and
// every message is handed over with its body, none skipped.
func TestUIDAfterBody(t *testing.T) {
	s := newTestServer(t, capsFull, withUIDAfterBody)
	for _, id := range []string{"m1", "m2", "m3"} {
		s.deliver("INBOX", testMessage(id))
	}
	// The quirk is real: a plain UID FETCH gets nothing back it can use.
	c := s.client()
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	bufs, err := c.Fetch(imap.UIDSetNum(1, 2, 3), &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}}}).Collect()
	c.Close()
	if err != nil || len(bufs) != 0 {
		t.Fatalf("UID FETCH against the reordering server: %d answers, %v; want none matched", len(bufs), err)
	}

	cur := NewMemCursor()
	rec := &recorder{}
	startWatcher(t, testOptions(s, cur), rec.handle)
	waitFor(t, "three messages", func() bool { return len(rec.messages()) == 3 })
	for i, m := range rec.messages() {
		id := []string{"m1", "m2", "m3"}[i]
		if m.UID != uint32(i+1) || m.MessageID != id+"@test" || !strings.Contains(string(m.Raw), "<"+id+"@test>") || m.Size != int64(len(m.Raw)) {
			t.Errorf("message %d: UID %d, Message-ID %q, size %d, raw %q", i, m.UID, m.MessageID, m.Size, m.Raw)
		}
	}
	waitFor(t, "cursor at 3", func() bool {
		_, last, _ := cur.Position(context.Background(), "INBOX")
		return last == 3
	})
	// A fourth message, after the watcher learned this server's way.
	s.deliver("INBOX", testMessage("m4"))
	waitFor(t, "m4", func() bool { return rec.count("m4") == 1 })
}

// ErrLeave: the message is not marked, not offered again, and the position
// moves past it.
func TestHandlerLeavesMessage(t *testing.T) {
	s := newTestServer(t, capsFull)
	for _, id := range []string{"m1", "m2", "m3"} {
		s.deliver("INBOX", testMessage(id))
	}
	cur := NewMemCursor()
	rec := &recorder{fail: func(m *Message) error {
		if m.MessageID == "m2@test" {
			return fmt.Errorf("too old: %w", ErrLeave)
		}
		return nil
	}}
	startWatcher(t, testOptions(s, cur), rec.handle)
	waitFor(t, "cursor at 3", func() bool {
		_, last, _ := cur.Position(context.Background(), "INBOX")
		return last == 3
	})
	s.deliver("INBOX", testMessage("m4"))
	waitFor(t, "m4", func() bool { return rec.count("m4") == 1 })
	flags := s.flags("INBOX")
	if hasFlag(flags[2], imap.FlagAnswered) || !hasFlag(flags[1], imap.FlagAnswered) || !hasFlag(flags[3], imap.FlagAnswered) {
		t.Errorf("flags %v: want 1 and 3 answered, 2 left as it was", flags)
	}
	if n := rec.count("m2"); n != 1 {
		t.Errorf("m2 handed over %d times, want 1", n)
	}
}

// oauthSession is imapmemserver's session offering AUTHENTICATE XOAUTH2: a
// token equal to *want logs in as the test user. (It hides IDLE and MOVE:
// use it with capsPlain and withoutIdle.)
type oauthSession struct {
	imapserver.Session
	want *atomic.Value // string
}

func (s *oauthSession) AuthenticateMechanisms() []string { return []string{"XOAUTH2"} }

func (s *oauthSession) Authenticate(mech string) (sasl.Server, error) {
	if mech != "XOAUTH2" {
		return nil, &imap.Error{Type: imap.StatusResponseTypeNo, Text: "unsupported mechanism"}
	}
	return saslServerFunc(func(resp []byte) ([]byte, bool, error) {
		fields := strings.Split(string(resp), "\x01")
		if len(fields) != 4 || fields[0] != "user="+testUser || fields[1] != "auth=Bearer "+s.want.Load().(string) {
			return nil, true, &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeAuthenticationFailed, Text: "invalid token"}
		}
		return nil, true, s.Session.Login(testUser, testPass)
	}), nil
}

type saslServerFunc func([]byte) ([]byte, bool, error)

func (f saslServerFunc) Next(resp []byte) ([]byte, bool, error) { return f(resp) }

// XOAUTH2: the token is asked for at each connection, so one refreshed
// while the watcher runs is used after a reconnection; a refused token is
// ErrAuth at Open.
func TestXOAUTH2(t *testing.T) {
	var want, have atomic.Value
	want.Store("token-1")
	have.Store("token-1")
	s := newTestServer(t, capsPlain, withoutIdle, withSession(func(sess imapserver.Session) imapserver.Session {
		return &oauthSession{Session: sess, want: &want}
	}))
	s.deliver("INBOX", testMessage("m1"))
	var asked atomic.Int32
	opts := testOptions(s, nil)
	opts.Password = ""
	opts.Token = func() (string, error) { asked.Add(1); return have.Load().(string), nil }
	rec := &recorder{}
	startWatcher(t, opts, rec.handle)
	waitFor(t, "m1", func() bool { return rec.count("m1") == 1 })

	// The token is refreshed (the old one no longer works) and the server
	// drops every connection.
	want.Store("token-2")
	have.Store("token-2")
	s.restart()
	s.deliver("INBOX", testMessage("m2"))
	waitFor(t, "m2 after the reconnection", func() bool { return rec.count("m2") == 1 })
	if n := asked.Load(); n < 2 {
		t.Errorf("token asked for %d times, want once per connection (at least 2)", n)
	}
	if !strings.Contains(s.Wire(), "AUTHENTICATE XOAUTH2") {
		t.Error("no AUTHENTICATE XOAUTH2 on the wire")
	}

	opts.Token = func() (string, error) { return "stale", nil }
	if _, err := Open(context.Background(), opts); !errors.Is(err, ErrAuth) {
		t.Errorf("Open with a refused token: %v, want ErrAuth", err)
	}
}

// A message left unmarked is not offered again while the position is held
// below it by an earlier message waiting for a retry.
func TestLeftMessageNotOfferedAgainBelowARetry(t *testing.T) {
	s := newTestServer(t, capsFull)
	for _, id := range []string{"m1", "m2", "m3"} {
		s.deliver("INBOX", testMessage(id))
	}
	cur := NewMemCursor()
	var refuse atomic.Bool
	refuse.Store(true)
	rec := &recorder{fail: func(m *Message) error {
		switch {
		case m.MessageID == "m1@test" && refuse.Load():
			return errRefused
		case m.MessageID == "m2@test":
			return ErrLeave
		}
		return nil
	}}
	opts := testOptions(s, cur)
	opts.RetryDelay = 5 * time.Millisecond
	startWatcher(t, opts, rec.handle)
	waitFor(t, "m1 refused five times", func() bool { return rec.count("m1") >= 5 })
	if n := rec.count("m2"); n != 1 {
		t.Errorf("m2 handed over %d times while m1 held the position, want 1", n)
	}
	refuse.Store(false)
	waitFor(t, "cursor at 3", func() bool {
		_, last, _ := cur.Position(context.Background(), "INBOX")
		return last == 3
	})
	if f := s.flags("INBOX"); hasFlag(f[2], imap.FlagAnswered) || !hasFlag(f[1], imap.FlagAnswered) {
		t.Errorf("flags %v: want 1 answered, 2 left as it was", f)
	}
	if n := rec.count("m2"); n != 1 {
		t.Errorf("m2 handed over %d times, want 1", n)
	}
}

// omittingSession is imapmemserver's session, but while the switch is on
// its FETCH answers leave out the message with UID bad (or sequence number
// badSeq) and say nothing about it, and its SEARCH by sequence number (the
// watcher's check that such a message still exists) answers NO; or, with
// refuse, such a FETCH answers NO after the others, as Gmail does when one
// message cannot be read ("Some messages could not be FETCHed"). hits, if
// set, counts the FETCHes that met the bad message. (It hides IDLE and
// MOVE: use it with capsPlain and withoutIdle.)
type omittingSession struct {
	imapserver.Session
	bad    imap.UID
	badSeq uint32
	on     *atomic.Bool
	refuse bool
	hits   *atomic.Int32
}

func (s *omittingSession) Fetch(w *imapserver.FetchWriter, numSet imap.NumSet, options *imap.FetchOptions) error {
	var rest imap.NumSet
	hit := false
	switch set := numSet.(type) {
	case imap.UIDSet:
		nums, _ := set.Nums() // the watcher's sets are bounded
		r := imap.UIDSet{}
		for _, uid := range nums {
			if uid == s.bad {
				hit = true
			} else {
				r.AddNum(uid)
			}
		}
		if len(r) > 0 {
			rest = r
		}
	case imap.SeqSet:
		nums, _ := set.Nums()
		r := imap.SeqSet{}
		for _, seq := range nums {
			if seq == s.badSeq {
				hit = true
			} else {
				r.AddNum(seq)
			}
		}
		if len(r) > 0 {
			rest = r
		}
	}
	if !hit || !s.on.Load() {
		return s.Session.Fetch(w, numSet, options)
	}
	if s.hits != nil {
		s.hits.Add(1)
	}
	if rest != nil {
		if err := s.Session.Fetch(w, rest, options); err != nil {
			return err
		}
	}
	if s.refuse {
		return &imap.Error{Type: imap.StatusResponseTypeNo, Text: "Some messages could not be FETCHed (Failure)"}
	}
	return nil
}

func (s *omittingSession) Search(kind imapserver.NumKind, criteria *imap.SearchCriteria, options *imap.SearchOptions) (*imap.SearchData, error) {
	if s.on.Load() && kind == imapserver.NumKindSeq && !s.refuse {
		return nil, &imap.Error{Type: imap.StatusResponseTypeNo, Text: "search unavailable"}
	}
	return s.Session.Search(kind, criteria, options)
}

// A message a FETCH answer leaves out, whose existence cannot be checked
// (the SEARCH is refused), is not passed over: the position waits, and it
// is handed over once the server answers for it.
func TestOmittedMessageNotSkipped(t *testing.T) {
	var on atomic.Bool
	var passes atomic.Int32 // FETCHes that met UID 2
	on.Store(true)
	s := newTestServer(t, capsPlain, withoutIdle, withSession(func(sess imapserver.Session) imapserver.Session {
		return &omittingSession{Session: sess, bad: 2, on: &on, hits: &passes}
	}))
	for _, id := range []string{"m1", "m2", "m3"} {
		s.deliver("INBOX", testMessage(id))
	}
	cur := NewMemCursor()
	opts := testOptions(s, cur)
	opts.RetryDelay = 5 * time.Millisecond
	rec := &recorder{}
	startWatcher(t, opts, rec.handle)
	waitFor(t, "m1 and m3", func() bool { return rec.count("m1") == 1 && rec.count("m3") == 1 })
	more := passes.Load() + 3
	waitFor(t, "three more passes over UID 2", func() bool { return passes.Load() >= more })
	if _, last, _ := cur.Position(context.Background(), "INBOX"); last > 1 {
		t.Fatalf("the position moved to %d past UID 2, which was never handed over", last)
	}
	on.Store(false)
	waitFor(t, "m2", func() bool { return rec.count("m2") == 1 })
	waitFor(t, "cursor at 3", func() bool {
		_, last, _ := cur.Position(context.Background(), "INBOX")
		return last == 3
	})
}

// On a connection that fetches by sequence number (UID after the body), a
// NO for one message costs only that message: the others are fetched one
// at a time and handed over at once, not put off to a retry.
func TestRefusedWhileFetchingBySequence(t *testing.T) {
	var on atomic.Bool
	s := newTestServer(t, capsPlain, withoutIdle, withUIDAfterBody, withSession(func(sess imapserver.Session) imapserver.Session {
		return &omittingSession{Session: sess, bad: 3, badSeq: 3, on: &on, refuse: true}
	}))
	s.deliver("INBOX", testMessage("m1"))
	opts := testOptions(s, nil)
	opts.RetryDelay = time.Hour // a message put off to a retry does not come back in this test
	rec := &recorder{}
	startWatcher(t, opts, rec.handle)
	waitFor(t, "m1", func() bool { return rec.count("m1") == 1 }) // and the connection fetches by sequence number now
	on.Store(true)
	for _, id := range []string{"m2", "m3", "m4"} {
		s.deliver("INBOX", testMessage(id))
	}
	waitFor(t, "m2 and m4", func() bool { return rec.count("m2") == 1 && rec.count("m4") == 1 })
	for _, m := range rec.messages() {
		if m.Raw == nil || m.FetchError != "" {
			t.Errorf("UID %d: raw %d bytes, fetch error %q", m.UID, len(m.Raw), m.FetchError)
		}
	}
	if n := rec.count("m3"); n != 0 {
		t.Errorf("the refused m3 was handed over %d times on its first failure", n)
	}
}
