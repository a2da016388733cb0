package daemon

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"jobback/domain"
	"jobback/mailbox"
)

// FORGET erases from the assistant's mailbox the person's own messages,
// the FORGET included, and our copies of the replies to them; everyone
// else's mail stays (issue 15, finding 2).
func TestForgetErasesMail(t *testing.T) {
	h := newHarness(t)
	clock := &fakeClock{t: time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)}
	var passes atomic.Int32 // looks at the list of mail to erase
	withFollowups(t, h, clock, func(o *Options) {
		o.Store = erasePasses{Store: o.Store, n: &passes}
		o.CopySelf = true
		o.EraseEvery = 20 * time.Millisecond
		o.Erase = func(ctx context.Context, ids []string) error {
			_, err := mailbox.Erase(ctx, mailbox.Options{Addr: h.mail.IMAPAddr, TLS: domain.TLSNone,
				Username: h.mail.Username, Password: h.mail.Password}, []string{"INBOX"}, ids)
			return err
		}
	})
	h.start()
	h.deliver(message("Ann Lee <ann@example.org>", "ann1@example.org", "I was fired", firedBody))
	h.deliver(message("Bo Day <bo@example.org>", "bo1@example.org", "I was fired", firedBody))
	sent := h.waitSent(2)
	ids := func() []string {
		got, err := h.mail.MessageIDs()
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	replyTo := map[string]string{} // recipient: our reply's Message-ID
	for _, s := range sent {
		replyTo[s.To[0]] = headerOf(t, s.Raw).Get("Message-Id")
	}
	h.waitFor("the copies of both replies in the INBOX", func() bool { return len(ids()) == 4 })
	// A message of Ann's whose Message-ID cannot be searched for: it stays,
	// and does not keep the rest from being erased.
	h.deliver(message("Ann Lee <ann@example.org>", "ann bad@example.org", "more", "One more thing: it was a Friday."))

	h.deliver(reply(2, strings.Trim(replyTo["ann@example.org"], "<>"), "FORGET"))
	h.waitSent(3) // the confirmation (no copy of it is kept)
	// Nothing is erased until the FORGET message itself is settled
	// (marked by the mailbox): eraseSettle on the daemon's clock.
	h.waitRecorded(3) // Ann's two and Bo's (the copies are not recorded)
	more := passes.Load() + 2
	h.waitFor("two more looks at the list", func() bool { return passes.Load() >= more })
	if got := ids(); !slices.Contains(got, "ann1@example.org") || !slices.Contains(got, "ann2@example.org") {
		t.Fatalf("erased before the FORGET settled: INBOX holds %v", got)
	}
	clock.Add(time.Minute)
	h.waitFor("Ann's mail erased", func() bool {
		got := ids()
		return !slices.Contains(got, "ann1@example.org") && !slices.Contains(got, "ann2@example.org") &&
			!slices.Contains(got, strings.Trim(replyTo["ann@example.org"], "<>"))
	})
	got := ids()
	if !slices.Contains(got, "bo1@example.org") || !slices.Contains(got, strings.Trim(replyTo["bo@example.org"], "<>")) || len(got) != 3 {
		t.Errorf("INBOX holds %v; want Bo's message, the copy of his reply and Ann's message that cannot be searched for", got)
	}
	// The list of mail to erase is emptied once done.
	h.waitFor("the list emptied", func() bool {
		left, err := h.st.MailToErase(context.Background(), clock.Now(), 10)
		return err == nil && len(left) == 0
	})
}

// erasePasses is the daemon's store, counting the daemon's looks at the
// list of mail to erase (one or more each EraseEvery).
type erasePasses struct {
	Store
	n *atomic.Int32
}

func (e erasePasses) MailToErase(ctx context.Context, t time.Time, limit int) ([]string, error) {
	e.n.Add(1)
	return e.Store.MailToErase(ctx, t, limit)
}
