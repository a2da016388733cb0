package daemon

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-message/mail"

	"jobback/daemon/localmail"
	"jobback/domain"
	"jobback/mailbox"
	"jobback/outbox"
	"jobback/responder"
	"jobback/schedule"
	"jobback/store"
)

// withFollowups turns follow-ups on in a harness: the real planner and
// responder, a clock the test moves, and no cron walk of its own (the test
// calls RunDue, as `jobback followups run-due` does).
func withFollowups(t *testing.T, h *harness, clock *fakeClock, more func(*Options)) {
	t.Helper()
	pl, err := schedule.New(schedule.Plan{})
	if err != nil {
		t.Fatal(err)
	}
	w, err := responder.New(responder.Options{Address: ourAddr, MessageIDDomain: "jobback.test", Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	h.now = clock.Now
	h.opts = func(o *Options) {
		o.Planner, o.Writer = pl, w
		o.DueEvery = everyHour{}
		if more != nil {
			more(o)
		}
	}
}

// startFollowups starts a harness with follow-ups on, its clock at Monday
// 23 November 2026, 09:00 in New York (the messages say -0500).
func startFollowups(t *testing.T, more func(*Options)) (*harness, *fakeClock) {
	t.Helper()
	h := newHarness(t)
	clock := &fakeClock{t: time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)}
	withFollowups(t, h, clock, more)
	h.start()
	return h, clock
}

// everyHour is a cron.Schedule far enough apart that the daemon's own walk
// runs only at start in these tests.
type everyHour struct{}

func (everyHour) Next(t time.Time) time.Time { return t.Add(time.Hour) }

type header struct{ *mail.Header }

func headerOf(t *testing.T, raw []byte) header {
	t.Helper()
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("cannot read our message: %v", err)
	}
	return header{&r.Header}
}

func (h header) id(t *testing.T) string {
	id, err := h.MessageID()
	if err != nil || id == "" {
		t.Fatalf("no Message-ID: %v", err)
	}
	return id
}

func kindsOf(fs []store.Followup) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f.Kind))
	}
	return out
}

// runDue walks the due follow-ups as of the clock and waits until what was
// queued is sent; it returns the report.
func (h *harness) runDue(clock *fakeClock) DueReport {
	h.t.Helper()
	rep, err := h.d.RunDue(context.Background(), clock.Now())
	if err != nil {
		h.t.Fatal(err)
	}
	h.waitFor("an empty outbox", func() bool {
		n, err := h.st.OutboxDepth(context.Background())
		return err == nil && n == 0
	})
	return rep
}

// reply is a message from Ann answering one of ours.
func reply(n int, parent, body string) []byte {
	return message("Ann Lee <ann@example.org>", fmt.Sprintf("ann%d@example.org", n), "Re: I was fired", body,
		"In-Reply-To: <"+parent+">", "References: <"+parent+">")
}

// TestFollowupsThroughEveryCommand walks one case through the plan: advice,
// the send nudge two days later, SENT (confirmed), the polite follow-up a
// week later, NO (the checklist), SNOOZE (confirmed), YES (congratulations),
// STOP (confirmed once, then nothing more), and FORGET (confirmed, then no
// record left).
func TestFollowupsThroughEveryCommand(t *testing.T) {
	h, clock := startFollowups(t, nil)
	ctx := context.Background()
	const ann = "ann@example.org"

	h.deliver(message("Ann Lee <ann@example.org>", "ann0@example.org", "I was fired", firedBody))
	sent := h.waitSent(1)
	adviceID := headerOf(t, sent[0].Raw).id(t)
	h.waitRecorded(1)
	pending, err := h.st.PendingFollowups(ctx, ann)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(kindsOf(pending), ","); got != "nudge_send,checkin,checklist" {
		t.Fatalf("after advice: %s", got)
	}

	// Two days later, the nudge. When it is due and that it goes out then,
	// not before, is TestNudgeGoesOutWhenDue's, on the daemon's own clock;
	// this walk is the one `jobback followups run-due` makes.
	clock.Add(48 * time.Hour)
	if rep := h.runDue(clock); rep.Queued != 1 {
		t.Fatalf("at +2 days: %s", rep)
	}
	sent = h.waitSent(2)
	nudge := headerOf(t, sent[1].Raw)
	if sent[1].To[0] != ann {
		t.Fatalf("nudge went to %v", sent[1].To)
	}
	if irt, _ := nudge.MsgIDList("In-Reply-To"); len(irt) != 1 || irt[0] != adviceID {
		t.Fatalf("nudge In-Reply-To %v, want our advice %s", irt, adviceID)
	}
	if v := nudge.Get("Auto-Submitted"); v != "auto-generated" {
		t.Fatalf("nudge Auto-Submitted %q", v)
	}
	if v := nudge.Get("List-Unsubscribe"); !strings.Contains(v, "mailto:"+ourAddr) || !strings.Contains(v, "STOP") {
		t.Fatalf("nudge List-Unsubscribe %q", v)
	}
	if rep := h.runDue(clock); rep.Queued != 0 {
		t.Fatalf("second walk at the same time: %s", rep)
	}
	nudgeID := nudge.id(t)

	// SENT: confirmed once; the polite follow-up a week later.
	h.deliver(reply(1, nudgeID, "SENT"))
	sent = h.waitSent(3)
	confirm := headerOf(t, sent[2].Raw)
	if v := confirm.Get("Auto-Submitted"); v != "auto-replied" {
		t.Fatalf("confirmation Auto-Submitted %q", v)
	}
	if irt, _ := confirm.MsgIDList("In-Reply-To"); len(irt) != 1 || irt[0] != "ann1@example.org" {
		t.Fatalf("confirmation In-Reply-To %v", irt)
	}
	h.deliver(reply(2, nudgeID, "sent"))
	h.waitRecorded(3)
	if n := len(h.mail.Sent()); n != 3 {
		t.Fatalf("SENT twice confirmed twice: %d messages", n)
	}
	clock.Add(7 * 24 * time.Hour)
	rep := h.runDue(clock)
	sent = h.mail.Sent()
	if rep.Queued != 2 || len(sent) != 5 {
		t.Fatalf("a week after SENT: %s, %d sent (want the weekly check-in and the follow-up nudge)", rep, len(sent))
	}
	subjects := map[string]bool{}
	for _, s := range sent[3:] {
		subjects[headerOf(t, s.Raw).Get("Subject")] = true
	}
	if len(subjects) != 1 || !subjects["Re: I was fired"] {
		t.Fatalf("follow-ups not in the conversation: %v", subjects)
	}

	// NO: the checklist, now (09:00 in New York).
	h.deliver(reply(3, nudgeID, "They said no."))
	h.waitRecorded(4)
	if rep := h.runDue(clock); rep.Queued != 1 {
		t.Fatalf("after NO: %s", rep)
	}
	sent = h.mail.Sent()
	if body := string(sent[len(sent)-1].Raw); !strings.Contains(strings.ToLower(body), "reference") {
		t.Fatalf("the checklist does not mention references:\n%s", body)
	}

	// SNOOZE 2 weeks: confirmed; nothing due before then.
	h.deliver(reply(4, nudgeID, "SNOOZE 2 weeks"))
	sent = h.waitSent(len(sent) + 1)
	if k := headerOf(t, sent[len(sent)-1].Raw).Get("Subject"); !strings.HasPrefix(k, "Re:") {
		t.Fatalf("snooze confirmation subject %q", k)
	}
	pending, _ = h.st.PendingFollowups(ctx, ann)
	if len(pending) == 0 {
		t.Fatal("nothing pending after SNOOZE")
	}
	for _, p := range pending {
		if p.DueAt.Before(clock.Now().Add(14 * 24 * time.Hour)) {
			t.Fatalf("%s due %s, inside the snooze", p.Kind, p.DueAt)
		}
	}

	// YES: congratulations, and nothing pending after them.
	h.deliver(reply(8, nudgeID, "They said yes!"))
	h.waitRecorded(6)
	if pending, _ = h.st.PendingFollowups(ctx, ann); len(pending) != 1 || pending[0].Kind != "congrats" {
		t.Fatalf("after YES: %v, want only the congratulations", kindsOf(pending))
	}
	if rep := h.runDue(clock); rep.Queued != 1 {
		t.Fatalf("after YES: %s", rep)
	}
	sent = h.mail.Sent()
	if body := strings.ToLower(string(sent[len(sent)-1].Raw)); !strings.Contains(body, "congratulations") {
		t.Fatalf("no congratulations after YES:\n%s", body)
	}
	if pending, _ = h.st.PendingFollowups(ctx, ann); len(pending) != 0 {
		t.Fatalf("after the congratulations: %v", kindsOf(pending))
	}

	// STOP: confirmed once; nothing more, however long we wait.
	before := len(sent)
	h.deliver(reply(5, nudgeID, "STOP"))
	h.waitSent(before + 1)
	h.deliver(reply(6, nudgeID, "stop"))
	h.waitRecorded(8)
	if pending, _ = h.st.PendingFollowups(ctx, ann); len(pending) != 0 {
		t.Fatalf("pending after STOP: %v", kindsOf(pending))
	}
	clock.Add(60 * 24 * time.Hour)
	if rep := h.runDue(clock); rep.Queued != 0 {
		t.Fatalf("after STOP: %s", rep)
	}
	if n := len(h.mail.Sent()); n != before+1 {
		t.Fatalf("after STOP: %d messages, want %d", n, before+1)
	}

	// FORGET: confirmed, then no record of Ann is left.
	h.deliver(reply(7, nudgeID, "FORGET"))
	sent = h.waitSent(before + 2)
	if sent[len(sent)-1].To[0] != ann {
		t.Fatalf("FORGET confirmation went to %v", sent[len(sent)-1].To)
	}
	h.waitRecorded(9)
	if _, err := h.st.Case(ctx, ann); err != store.ErrNotFound {
		t.Fatalf("case after FORGET: %v", err)
	}
	assertNoRecordOf(t, h.st, ann)
	t.Logf("%d messages: advice, nudge, SENT confirmed, check-in, follow-up nudge, checklist, SNOOZE, congratulations, STOP, FORGET", len(h.mail.Sent()))
}

// assertNoRecordOf looks for the address in every text column of every
// table.
func assertNoRecordOf(t *testing.T, st *store.SQLite, addr string) {
	t.Helper()
	n, err := st.CountMentions(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("%d rows still mention %s", n, addr)
	}
}

// TestFollowupsSurviveRestart: a follow-up planned before a restart goes
// out after it, once, even when the walk runs in both lives.
func TestFollowupsSurviveRestart(t *testing.T) {
	var walks atomic.Int32
	h, clock := startFollowups(t, func(o *Options) { o.Store = dueWalks{Store: o.Store, n: &walks} })
	h.deliver(message("Ann Lee <ann@example.org>", "ann0@example.org", "I was fired", firedBody))
	h.waitSent(1)
	h.waitRecorded(1)
	h.stop()
	h.st.Close()

	clock.Add(50 * time.Hour)
	h.openStore()
	h.start() // its walk at start finds the nudge due
	h.waitSent(2)
	h.waitRecorded(1)
	if rep := h.runDue(clock); rep.Queued != 0 {
		t.Fatalf("walk after the start-up walk: %s", rep)
	}
	h.stop()
	h.st.Close()
	h.openStore()
	before := walks.Load()
	h.start()
	// The walk at start has begun; runDue waits for it (one walk at a
	// time), and then for an empty outbox.
	h.waitFor("the walk at start", func() bool { return walks.Load() > before })
	if rep := h.runDue(clock); rep.Queued != 0 {
		t.Fatalf("after a second restart: %s", rep)
	}
	if n := len(h.mail.Sent()); n != 2 {
		t.Fatalf("%d messages, want advice and one nudge", n)
	}
}

// dueWalks is the daemon's store, counting the walks over the due
// follow-ups (each reads the due ones from the start).
type dueWalks struct {
	Store
	n *atomic.Int32
}

func (d dueWalks) DueFollowupsAfter(ctx context.Context, t time.Time, after store.FollowupCursor, limit int) ([]store.Followup, error) {
	if after == (store.FollowupCursor{}) {
		d.n.Add(1)
	}
	return d.Store.DueFollowupsAfter(ctx, t, after, limit)
}

// TestLateFollowups: after an outage a follow-up goes out late; older than
// the staleness it is dropped and recorded; due in the person's night it
// waits for their morning.
func TestLateFollowups(t *testing.T) {
	h, clock := startFollowups(t, nil)
	h.deliver(message("Ann Lee <ann@example.org>", "ann0@example.org", "I was fired", firedBody))
	h.waitSent(1)
	h.waitRecorded(1)

	// Thursday 26 November, 03:00 in New York: the nudge (due Wednesday
	// 09:00) is 18 hours late, but it is night there.
	clock.t = time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	rep := h.runDue(clock)
	if rep.Postponed != 1 || rep.Queued != 0 {
		t.Fatalf("at 03:00 their time: %s", rep)
	}
	pending, _ := h.st.PendingFollowups(context.Background(), "ann@example.org")
	if want := time.Date(2026, 11, 26, 13, 0, 0, 0, time.UTC); pending[0].Kind != "nudge_send" || !pending[0].DueAt.Equal(want) {
		t.Fatalf("postponed to %s %s, want nudge_send at %s (08:00 their time)", pending[0].Kind, pending[0].DueAt, want)
	}
	clock.t = time.Date(2026, 11, 26, 13, 0, 0, 0, time.UTC)
	if rep := h.runDue(clock); rep.Queued != 1 {
		t.Fatalf("at 08:00 their time: %s", rep)
	}

	// Two months later: the check-ins and the checklist are stale.
	clock.Add(60 * 24 * time.Hour)
	rep = h.runDue(clock)
	if rep.Stale != 2 || rep.Queued != 0 {
		t.Fatalf("two months late: %s (want the check-in and the checklist stale)", rep)
	}
	pending, _ = h.st.PendingFollowups(context.Background(), "ann@example.org")
	if len(pending) != 1 || pending[0].Kind != "checkin" || !pending[0].DueAt.After(clock.Now()) {
		t.Fatalf("after the stale check-in: %v, want the next check-in", pending)
	}
}

// TestCorrectionsAndHelp: Key: lines from someone advised bring a revised
// letter at once (inside the window); other short words bring the help
// reply, once per window.
func TestCorrectionsAndHelp(t *testing.T) {
	h, clock := startFollowups(t, nil)
	adviceID := adviseAnn(t, h)

	clock.Add(time.Hour)
	h.deliver(reply(1, adviceID, "Boss: Maria Gonzalez\r\nCompany: Northwind Traders"))
	sent := h.waitSent(2)
	body := string(sent[1].Raw)
	if !strings.Contains(body, "Maria") || !strings.Contains(body, "Northwind Traders") {
		t.Fatalf("revised letter lacks the corrections:\n%s", body)
	}
	c, err := h.st.Case(context.Background(), "ann@example.org")
	if err != nil || !strings.Contains(string(c.Facts), "Maria Gonzalez") {
		t.Fatalf("case not corrected: %v %s", err, c.Facts)
	}

	h.deliver(reply(2, adviceID, "ok thanks, what now?"))
	sent = h.waitSent(3)
	help := string(sent[2].Raw)
	for _, w := range []string{"SENT", "STOP", "SNOOZE", "FORGET"} {
		if !strings.Contains(help, w) {
			t.Fatalf("help reply lacks %s:\n%s", w, help)
		}
	}
	h.deliver(reply(3, adviceID, "hello?"))
	rows := h.waitRecorded(4)
	if d := decisions(rows)["ann3@example.org"]; d != domain.DecisionWindow {
		t.Fatalf("second unknown reply: %s, want window (help once per window)", d)
	}
	if n := len(h.mail.Sent()); n != 3 {
		t.Fatalf("%d messages, want advice, revised letter, help", n)
	}
}

// adviseAnn delivers Ann's first message and returns the Message-ID of the
// advice she got.
func adviseAnn(t *testing.T, h *harness) string {
	t.Helper()
	h.deliver(message("Ann Lee <ann@example.org>", "ann0@example.org", "I was fired", firedBody))
	return headerOf(t, h.waitSent(1)[0].Raw).id(t)
}

// TestCorrectionLoop: the same corrections again, as an auto-responder
// that quotes them back would send, bring no second revised letter (issue
// 15, finding 1: 224 mails in two minutes).
func TestCorrectionLoop(t *testing.T) {
	h, clock := startFollowups(t, nil)
	adviceID := adviseAnn(t, h)
	clock.Add(time.Hour)
	h.deliver(reply(1, adviceID, "Boss: Maria Gonzalez\r\nCompany: Northwind Traders"))
	h.waitSent(2)
	for i := 2; i < 7; i++ {
		clock.Add(time.Minute)
		h.deliver(reply(i, adviceID, "Boss: Maria Gonzalez\r\nCompany: Northwind Traders"))
	}
	rows := h.waitRecorded(7)
	for i := 2; i < 7; i++ {
		if d := decisions(rows)["ann"+strconv.Itoa(i)+"@example.org"]; d != domain.DecisionWindow {
			t.Errorf("the same corrections again (%d): %s, want window", i, d)
		}
	}
	if n := len(h.mail.Sent()); n != 2 {
		t.Errorf("%d messages sent, want the advice and one revised letter", n)
	}
	// a real change still gets its letter
	h.deliver(reply(7, adviceID, "Boss: Maria Gonzalez\r\nCompany: Northwind Traders Ltd"))
	h.waitSent(3)
}

// TestPersonDailyCap: however each message differs, no more than the cap
// goes to one person in a day; the messages beyond it are recorded as
// capped (issue 15, finding 1, its second part).
func TestPersonDailyCap(t *testing.T) {
	h, clock := startFollowups(t, func(o *Options) { o.PersonDailyCap = 3 })
	adviceID := adviseAnn(t, h)
	for i := 1; i <= 4; i++ {
		clock.Add(time.Minute)
		h.deliver(reply(i, adviceID, "Company: Northwind Traders "+strconv.Itoa(i)))
	}
	rows := h.waitRecorded(5)
	h.waitSent(3)
	for i, want := range map[int]domain.Decision{1: domain.DecisionAnswered, 2: domain.DecisionAnswered, 3: domain.DecisionCapped, 4: domain.DecisionCapped} {
		if d := decisions(rows)["ann"+strconv.Itoa(i)+"@example.org"]; d != want {
			t.Errorf("correction %d: %s, want %s", i, d, want)
		}
	}
	if n := len(h.mail.Sent()); n != 3 {
		t.Errorf("%d messages to ann, want 3 (the cap)", n)
	}
	// a day later there is room again
	clock.Add(25 * time.Hour)
	h.deliver(reply(5, adviceID, "Company: Northwind Traders 5"))
	h.waitSent(4)
}

// TestCommandFromStranger: a command from someone never advised stops or
// forgets nothing and gets, at most, the help reply.
func TestCommandFromStranger(t *testing.T) {
	h, _ := startFollowups(t, nil)
	h.deliver(message("Bo <bo@example.org>", "bo1@example.org", "stop", "STOP"))
	h.deliver(message("Cy <cy@example.org>", "cy1@example.org", "yes", "YES"))
	rows := h.waitRecorded(2)
	if d := decisions(rows)["bo1@example.org"]; d != domain.DecisionCommand {
		t.Fatalf("STOP from a stranger: %s", d)
	}
	if d := decisions(rows)["cy1@example.org"]; d != domain.DecisionHelp {
		t.Fatalf("YES from a stranger: %s, want help", d)
	}
	sent := h.mail.Sent()
	if len(sent) != 1 || sent[0].To[0] != "cy@example.org" {
		t.Fatalf("sent %v, want only the help reply to cy", recipients(sent))
	}
}

// TestOneClickUnsubscribe: the signed link of a follow-up cancels that
// person's follow-ups; an altered one does nothing.
func TestOneClickUnsubscribe(t *testing.T) {
	h, clock := startFollowups(t, func(o *Options) {
		o.UnsubscribeURL = "https://jobback.test/unsubscribe"
		o.UnsubscribeKey = []byte("a test key")
		o.HTTPAddr = "127.0.0.1:0"
	})
	h.deliver(message("Ann Lee <ann@example.org>", "ann0@example.org", "I was fired", firedBody))
	h.waitSent(1)
	h.waitRecorded(1)
	clock.Add(48 * time.Hour)
	h.runDue(clock)
	sent := h.waitSent(2)
	nudge := headerOf(t, sent[1].Raw)
	if v := nudge.Get("List-Unsubscribe-Post"); v != "List-Unsubscribe=One-Click" {
		t.Fatalf("List-Unsubscribe-Post %q", v)
	}
	lu := nudge.Get("List-Unsubscribe")
	i := strings.Index(lu, "<https://")
	if i < 0 {
		t.Fatalf("no https link in %q", lu)
	}
	link := lu[i+1 : i+strings.IndexByte(lu[i:], '>')]
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	post := func(q url.Values) int {
		resp, err := http.Post("http://"+h.d.HTTPAddr()+"/unsubscribe?"+q.Encode(), "application/x-www-form-urlencoded",
			strings.NewReader("List-Unsubscribe=One-Click"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	altered := u.Query()
	altered.Set("p", "bo@example.org")
	if code := post(altered); code != http.StatusForbidden {
		t.Fatalf("altered link: %d", code)
	}
	if n, _ := h.st.PendingFollowups(context.Background(), "ann@example.org"); len(n) == 0 {
		t.Fatal("an altered link cancelled Ann's follow-ups")
	}
	if code := post(u.Query()); code != http.StatusOK {
		t.Fatalf("link: %d", code)
	}
	if n, _ := h.st.PendingFollowups(context.Background(), "ann@example.org"); len(n) != 0 {
		t.Fatalf("pending after one-click: %v", kindsOf(n))
	}
}

// TestCopyProvesSent: with CopySelf, each reply is also delivered to our own
// mailbox, and its copy marks the reply sent without being recorded as a
// message. After a crash in the middle of a send (a row claimed, never
// marked), the restarted daemon finds the copy with mailbox.Find and does
// not send it again; a row whose copy is not there is sent.
func TestCopyProvesSent(t *testing.T) {
	h := newHarness(t)
	var finds int
	// confirm looks for a reply's copy in the assistant's INBOX, as
	// `jobback run` does with mailbox.Find.
	confirm := func(ctx context.Context, id string) (bool, error) {
		finds++
		found, err := mailbox.Find(ctx, mailbox.Options{Addr: h.mail.IMAPAddr, TLS: domain.TLSNone,
			Username: h.mail.Username, Password: h.mail.Password}, []string{"INBOX"}, []string{id})
		return found[id], err
	}
	h.opts = func(o *Options) {
		o.CopySelf = true
		o.CopyWait = 10 * time.Millisecond
		o.Confirm = confirm
	}
	h.start()
	h.deliver(advice(1))
	h.waitSent(1)
	// The copy comes back, is seen as ours and flagged, and is not
	// recorded as a message.
	h.waitFor("the copy flagged", func() bool {
		flags, err := h.mail.Flags()
		return err == nil && len(flags) == 2 && len(flags[2]) > 0
	})
	rows := h.waitRecorded(1)
	if len(rows) != 1 {
		t.Fatalf("%d inbound rows; the copy was recorded", len(rows))
	}
	h.stop()

	// A crash in the middle of two sends: both rows claimed, never
	// marked. The first one's message reached the server (its copy is in
	// our mailbox); the second one's did not.
	ctx := context.Background()
	h.deliver(advice(2))
	h.deliver(advice(3))
	h.opts = func(o *Options) {
		o.CopySelf = true
		o.NewSender = func() (outbox.Sender, error) { return nil, fmt.Errorf("no SMTP today") }
	}
	h.start()
	h.waitFor("two replies queued", func() bool {
		n, _ := h.st.OutboxDepth(ctx)
		return n == 2
	})
	h.stop()
	items, err := h.st.Claim(ctx, time.Now().Add(time.Hour), time.Minute, 10)
	if err != nil || len(items) != 2 {
		t.Fatalf("claim: %d, %v", len(items), err)
	}
	var got localmail.Sent
	for _, it := range items {
		if strings.Contains(it.Recipient, "p2@") {
			// What the crashed sender got through: the server took it
			// and delivered the copy (not flagged: the daemon was down).
			if _, err := h.mail.Deliver(it.Raw); err != nil {
				t.Fatal(err)
			}
			got.To = []string{it.Recipient}
		}
	}
	h.st.Close()
	h.openStore()
	h.opts = func(o *Options) {
		o.CopySelf = true
		o.CopyWait = 10 * time.Millisecond
		o.Confirm = confirm
	}
	h.start()
	h.waitFor("the outbox emptied", func() bool {
		n, _ := h.st.OutboxDepth(ctx)
		return n == 0
	})
	counts := recipients(h.mail.Sent())
	if counts["p2@example.org"] != 0 || counts["p3@example.org"] != 1 || counts["p1@example.org"] != 1 {
		t.Fatalf("sent after the crash: %v (p2's copy was in the mailbox: it must not go again)", counts)
	}
	t.Logf("after the crash: p2 recognised by its copy, p3 sent once; %d mailbox searches", finds)
}

// The cap per person holds whatever the case of the letters of their
// address (an auto-responder at Info@Firm.example): the outbox keeps the
// address as written, and the count must find it.
func TestPersonDailyCapAnyCase(t *testing.T) {
	h, clock := startFollowups(t, func(o *Options) { o.PersonDailyCap = 3 })
	h.deliver(message("Firm Info <Info@Firm.example>", "f0@firm.example", "I was fired", firedBody))
	sent := h.waitSent(1)
	adviceID := strings.Trim(headerOf(t, sent[0].Raw).Get("Message-Id"), "<>")
	for i := 1; i <= 4; i++ {
		clock.Add(time.Minute)
		h.deliver(message("Firm Info <Info@Firm.example>", "f"+strconv.Itoa(i)+"@firm.example", "Re: I was fired",
			"Company: Northwind Traders "+strconv.Itoa(i), "In-Reply-To: <"+adviceID+">", "References: <"+adviceID+">"))
	}
	rows := h.waitRecorded(5)
	if d := decisions(rows)["f4@firm.example"]; d != domain.DecisionCapped {
		t.Errorf("the fourth correction: %s, want capped", d)
	}
	if n := len(h.mail.Sent()); n != 3 {
		t.Errorf("%d messages to Info@Firm.example, want 3 (the cap)", n)
	}
}
