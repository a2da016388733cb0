package mailbox

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"jobback/internal/msgid"
	"log/slog"
	"net/textproto"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

const (
	// metaChunk is how many messages' sizes and envelopes one UID FETCH asks for.
	metaChunk = 500
	// bodyBudget is the most body bytes one UID FETCH asks for (a single
	// message larger than this is fetched alone).
	bodyBudget = 16 << 20
	// markBatch is the most accepted messages marked by one command.
	markBatch = 50
	// bodyRate is the slowest transfer, in bytes per second, tolerated when
	// fetching bodies, on top of NoopTimeout.
	bodyRate = 64 << 10
	// maxFetchFailures is how many times a message the server will not give
	// is tried (with the retry backoff: hours, with the defaults) before it
	// is handed over without its body, with FetchError set, so that it is
	// recorded and stops holding the cursor back.
	maxFetchFailures = 10
)

// errNoData is a message that exists but that the server sent nothing for.
var errNoData = errors.New("the server sent no data for the message")

var (
	peekBody = &imap.FetchItemBodySection{Peek: true}
	// peekID is BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]: the raw header is
	// more robust than the server's ENVELOPE parse, and smaller.
	peekID = &imap.FetchItemBodySection{
		Specifier: imap.PartSpecifierHeader, HeaderFields: []string{"Message-ID"}, Peek: true,
	}
)

// meta is what is known of a message before its body is fetched.
type meta struct {
	uid       uint32
	size      int64
	messageID string
	date      time.Time
	fetchErr  error // the server would not give the message
}

// sync finds the unprocessed messages above the cursor, hands each due one to
// h, marks those h accepted, and advances the cursor. It returns an error
// only when the connection or the cursor store failed.
func (w *Watcher) sync(ctx context.Context, cn *conn, h Handler) error {
	now := time.Now()
	noticed := cn.takeNoticed(now)

	criteria := &imap.SearchCriteria{
		UID:     []imap.UIDSet{{imap.UIDRange{Start: imap.UID(w.last + 1), Stop: 0}}},
		NotFlag: []imap.Flag{imap.FlagDeleted},
	}
	if w.o.flagMode() {
		criteria.NotFlag = append(criteria.NotFlag, imap.FlagAnswered)
	}
	var found []uint32
	err := cn.guard(w.o.NoopTimeout, func() error {
		data, err := cn.c.UIDSearch(criteria, nil).Wait()
		if err != nil {
			return err
		}
		for _, uid := range data.AllUIDs() {
			// "n:*" also matches the highest UID when it is below n.
			if uint32(uid) > w.last {
				found = append(found, uint32(uid))
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("cannot search %q for new messages: %w", w.o.Mailbox, err)
	}
	slices.Sort(found)

	// Forget failures of messages that are gone or were marked elsewhere.
	for uid := range w.retry {
		if _, ok := slices.BinarySearch(found, uid); !ok {
			delete(w.retry, uid)
		}
	}
	for uid := range w.left {
		if _, ok := slices.BinarySearch(found, uid); !ok {
			delete(w.left, uid)
		}
	}
	var due []uint32
	for _, uid := range found {
		if w.left[uid] {
			continue // found again while the position is held below it
		}
		if r := w.retry[uid]; r == nil || !r.next.After(now) {
			due = append(due, uid)
		}
	}
	if len(due) > 0 {
		w.log.Debug("checking messages", "found", len(found), "due", len(due))
	}

	for len(due) > 0 {
		n := min(len(due), metaChunk)
		if err := w.handleChunk(ctx, cn, h, due[:n], noticed); err != nil {
			return err
		}
		due = due[n:]
	}

	// Every message found is now marked, waiting for a retry, or gone. The
	// cursor moves to just below the oldest one waiting, or else to the
	// newest one ever found: those in between were found and marked in an
	// earlier pass (the search skips marked messages).
	if len(found) > 0 {
		w.seen = max(w.seen, found[len(found)-1])
	}
	last := max(w.seen, w.last)
	for uid := range w.retry {
		if uid-1 < last {
			last = uid - 1
		}
	}
	if last > w.last {
		if err := w.o.Cursor.SetPosition(ctx, w.o.Mailbox, w.validity, last); err != nil {
			return fmt.Errorf("cannot store the position in %q: %w", w.o.Mailbox, err)
		}
		w.last = last
	}
	return nil
}

// handleChunk fetches sizes and envelopes of uids, then the bodies of those
// not too large, in batches, and hands them over in UID order.
func (w *Watcher) handleChunk(ctx context.Context, cn *conn, h Handler, uids []uint32, noticed time.Time) error {
	set := imap.UIDSet{}
	for _, uid := range uids {
		set.AddNum(imap.UID(uid))
	}
	got, failed, err := w.fetch(cn, uids, &imap.FetchOptions{
		UID: true, RFC822Size: true, InternalDate: true,
		BodySection: []*imap.FetchItemBodySection{peekID},
	}, w.o.NoopTimeout)
	if err != nil {
		return fmt.Errorf("cannot fetch the sizes and Message-IDs of %d messages: %w", len(uids), err)
	}
	metas := make([]meta, 0, len(got))
	for uid, b := range got {
		metas = append(metas, meta{
			uid: uid, size: b.RFC822Size, date: b.InternalDate,
			messageID: messageID(b.FindBodySection(peekID)),
		})
	}
	for uid, ferr := range failed {
		metas = append(metas, meta{uid: uid, fetchErr: ferr})
	}
	slices.SortFunc(metas, func(a, b meta) int { return int(int64(a.uid) - int64(b.uid)) })

	// Accepted messages are marked together, after each batch of bodies
	// (or every markBatch messages): one command instead of one per
	// message. A crash in between means they are handed over again, which
	// the caller recognises.
	var accepted []uint32
	flush := func() error {
		if len(accepted) == 0 {
			return nil
		}
		if w.o.BeforeMark != nil {
			if err := w.o.BeforeMark(ctx); err != nil {
				// Not durable yet: leave them unmarked; they come again.
				for _, uid := range accepted {
					w.later(w.log.With("uid", uid), uid, w.retry[uid], "cannot make the record durable before marking", err)
				}
				accepted = accepted[:0]
				return nil
			}
		}
		err := w.mark(cn, accepted)
		accepted = accepted[:0]
		return err
	}
	deliver := func(m meta, raw []byte) error {
		ok, err := w.deliver(ctx, h, m, raw, noticed)
		if err != nil {
			return err
		}
		if ok {
			accepted = append(accepted, m.uid)
			if len(accepted) >= markBatch {
				return flush()
			}
		}
		return nil
	}

	for len(metas) > 0 {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if metas[0].fetchErr != nil {
			if w.fetchFailed(metas[0]) {
				if err := deliver(metas[0], nil); err != nil {
					return err
				}
			}
			metas = metas[1:]
			continue
		}
		if metas[0].size > w.o.MaxSize {
			if err := deliver(metas[0], nil); err != nil {
				return err
			}
			metas = metas[1:]
			continue
		}
		// A batch: consecutive messages within the size limit, up to the
		// byte budget (at least one).
		n, total := 0, int64(0)
		for n < len(metas) && metas[n].fetchErr == nil && metas[n].size <= w.o.MaxSize && (n == 0 || total+metas[n].size <= bodyBudget) {
			total += metas[n].size
			n++
		}
		batch := metas[:n]
		metas = metas[n:]
		bodies, err := w.fetchBodies(cn, batch, total)
		if err != nil {
			return err
		}
		for _, m := range batch {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			raw, ok := bodies.got[m.uid]
			if ferr := bodies.failed[m.uid]; ferr != nil {
				m.fetchErr = ferr
				if w.fetchFailed(m) {
					if err := deliver(m, nil); err != nil {
						return err
					}
				}
				continue
			}
			if !ok {
				w.log.Info("message vanished before its body was fetched", "uid", m.uid)
				continue
			}
			if err := deliver(m, raw); err != nil {
				return err
			}
		}
		if err := flush(); err != nil {
			return err
		}
	}
	return flush()
}

// bodies are the whole messages of a batch by UID, and the UIDs the server
// would not give.
type bodies struct {
	got    map[uint32][]byte
	failed map[uint32]error
}

// fetchBodies downloads the whole messages of batch with BODY.PEEK[].
func (w *Watcher) fetchBodies(cn *conn, batch []meta, total int64) (bodies, error) {
	uids := make([]uint32, len(batch))
	for i, m := range batch {
		uids[i] = m.uid
	}
	timeout := w.o.NoopTimeout + time.Duration(total/bodyRate)*time.Second
	got, failed, err := w.fetch(cn, uids, &imap.FetchOptions{
		UID: true, BodySection: []*imap.FetchItemBodySection{peekBody},
	}, timeout)
	if err != nil {
		return bodies{}, fmt.Errorf("cannot fetch %d messages (%d bytes): %w", len(batch), total, err)
	}
	out := bodies{got: make(map[uint32][]byte, len(got)), failed: failed}
	for uid, b := range got {
		if raw := b.FindBodySection(peekBody); raw != nil {
			out.got[uid] = raw
		} else if out.failed[uid] == nil {
			out.failed[uid] = errNoData
		}
	}
	return out, nil
}

// fetch runs UID FETCH uids with opts and returns the answers by UID, and
// the UIDs that exist but that the server would not give, with why. The
// error is for the connection only. Two ways real servers fail a UID FETCH
// are worked around:
//   - A tagged NO for the whole command when one message cannot be read
//     (Gmail's "Some messages could not be FETCHed", Dovecot's SERVERBUG on
//     a damaged file): the UIDs are fetched again one at a time, and the
//     ones still refused are returned in failed.
//   - Answers the client cannot match: go-imap matches an answer to a UID
//     FETCH by its UID item, read before the first literal, and a server
//     that sends the UID after the body (RFC 3501 leaves the order open)
//     has its answer dropped. UIDs missing from the answer that the server
//     still finds are fetched again by sequence number, whose answers are
//     matched by the number that starts them.
func (w *Watcher) fetch(cn *conn, uids []uint32, opts *imap.FetchOptions, timeout time.Duration) (got map[uint32]*imapclient.FetchMessageBuffer, failed map[uint32]error, err error) {
	got = make(map[uint32]*imapclient.FetchMessageBuffer, len(uids))
	failed = map[uint32]error{}
	want := make(map[uint32]bool, len(uids))
	for _, uid := range uids {
		want[uid] = true
	}
	keep := func(bufs []*imapclient.FetchMessageBuffer) {
		for _, b := range bufs {
			if uid := uint32(b.UID); uid != 0 && want[uid] {
				got[uid] = b
			}
		}
	}
	run := func(set imap.NumSet) ([]*imapclient.FetchMessageBuffer, error) {
		var bufs []*imapclient.FetchMessageBuffer
		err := cn.guard(timeout, func() error {
			var err error
			bufs, err = cn.c.Fetch(set, opts).Collect()
			return err
		})
		return bufs, err
	}
	uidSet := func(uids []uint32) imap.UIDSet {
		set := imap.UIDSet{}
		for _, uid := range uids {
			set.AddNum(imap.UID(uid))
		}
		return set
	}

	// each fetches all the parts at once and, if the server refuses that
	// (a tagged NO: one of them cannot be read), each part alone. It keeps
	// what comes back and returns the refusals by part; its error is for
	// the connection only.
	var ie *imap.Error
	each := func(all imap.NumSet, parts []imap.NumSet) (map[int]error, error) {
		bufs, err := run(all)
		if !errors.As(err, &ie) {
			if err != nil {
				return nil, err
			}
			keep(bufs)
			return nil, nil
		}
		refused := map[int]error{}
		if len(parts) == 1 {
			refused[0] = err
			return refused, nil
		}
		w.log.Warn("the server refused a FETCH of several messages; fetching them one at a time", "count", len(parts), "err", err)
		for i, part := range parts {
			bufs, err := run(part)
			if errors.As(err, &ie) {
				refused[i] = err
				continue
			}
			if err != nil {
				return nil, err
			}
			keep(bufs)
		}
		return refused, nil
	}

	// This server's answers to UID FETCH cannot be matched (bySeq): ask by
	// sequence number straight away.
	if !cn.bySeq {
		parts := make([]imap.NumSet, len(uids))
		for i, uid := range uids {
			parts[i] = uidSet([]uint32{uid})
		}
		refused, err := each(uidSet(uids), parts)
		if err != nil {
			return nil, nil, err
		}
		for i, rerr := range refused {
			failed[uids[i]] = rerr
		}
	}

	var missing []uint32
	for _, uid := range uids {
		if got[uid] == nil && failed[uid] == nil {
			missing = append(missing, uid)
		}
	}
	if len(missing) == 0 {
		return got, failed, nil
	}
	// Still there? SEARCH (not UID SEARCH) answers with sequence numbers.
	var seqs []uint32
	err = cn.guard(w.o.NoopTimeout, func() error {
		data, err := cn.c.Search(&imap.SearchCriteria{UID: []imap.UIDSet{uidSet(missing)}}, nil).Wait()
		if err != nil {
			return err
		}
		seqs = data.AllSeqNums()
		return nil
	})
	if errors.As(err, &ie) {
		// Cannot tell: try them again later (the position waits for them).
		for _, uid := range missing {
			failed[uid] = err
		}
		return got, failed, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if len(seqs) == 0 {
		return got, failed, nil // gone (expunged by someone else)
	}
	before := len(got)
	parts := make([]imap.NumSet, len(seqs))
	for i, seq := range seqs {
		parts[i] = imap.SeqSetNum(seq)
	}
	refused, err := each(imap.SeqSetNum(seqs...), parts)
	if err != nil {
		return nil, nil, err
	}
	var refusal error // a NO for one of them: the reason given for those not sent
	for _, rerr := range refused {
		refusal = rerr
	}
	if !cn.bySeq && len(got) > before {
		cn.bySeq = true
		w.log.Warn("the server's answers to UID FETCH cannot be matched (UID after the body?); fetching by sequence number on this connection", "recovered", len(got)-before)
	}
	// Those the server still found but did not send may be gone by now, or
	// unreadable: try them again later (a gone one is forgotten then).
	for _, uid := range missing {
		if got[uid] == nil {
			failed[uid] = errNoData
			if refusal != nil {
				failed[uid] = refusal
			}
		}
	}
	return got, failed, nil
}

// fetchFailed counts a failure to fetch m and reports whether m should now
// be handed over without its body (FetchError set) instead of tried again.
func (w *Watcher) fetchFailed(m meta) bool {
	r := w.retry[m.uid]
	if r == nil {
		r = &retryState{}
	}
	r.fetchFailures++
	w.retry[m.uid] = r // holds the cursor below it
	log := w.log.With("uid", m.uid)
	if r.fetchFailures >= maxFetchFailures {
		log.Error("the server would not give the message; handing it over without its body", "err", m.fetchErr, "failures", r.fetchFailures)
		return true
	}
	d := backoff(w.o.RetryDelay, maxRetryDelay, r.fetchFailures)
	r.next = time.Now().Add(d)
	log.Warn("the server would not give the message; will try again", "err", m.fetchErr, "failures", r.fetchFailures, "in", d)
	return false
}

// deliver hands one message to h and reports whether h accepted it. A
// refusal schedules another try. It returns an error only when ctx is done.
func (w *Watcher) deliver(ctx context.Context, h Handler, m meta, raw []byte, noticed time.Time) (bool, error) {
	r := w.retry[m.uid]
	if r == nil {
		r = &retryState{}
		w.retry[m.uid] = r // until marked: holds the cursor below it
	}
	r.attempts++
	msg := &Message{
		Mailbox:      w.o.Mailbox,
		UIDValidity:  w.validity,
		UID:          m.uid,
		MessageID:    m.messageID,
		Size:         m.size,
		Raw:          raw,
		Oversize:     raw == nil && m.fetchErr == nil,
		InternalDate: m.date,
		Noticed:      noticed,
		Attempt:      r.attempts,
	}
	log := w.log.With("uid", m.uid, "message_id", m.messageID, "size", m.size)
	if msg.Oversize {
		log.Warn("message larger than the size limit: handing it over without its body", "max_size", w.o.MaxSize)
	}
	if m.fetchErr != nil {
		msg.FetchError = m.fetchErr.Error()
	}
	err := callHandler(ctx, h, msg)
	if ctx.Err() != nil {
		// Stopping: whatever h did, the message is left unmarked and will be
		// offered again after the next start.
		return false, ctx.Err()
	}
	if errors.Is(err, ErrLeave) {
		delete(w.retry, m.uid) // done with: the position may pass it
		w.left[m.uid] = true
		log.Debug("message recorded by the handler and left unmarked", "attempt", r.attempts)
		return false, nil
	}
	if err != nil {
		w.later(log, m.uid, r, "handler failed", err)
		return false, nil
	}
	log.Debug("message accepted by the handler", "attempt", r.attempts)
	return true, nil
}

// callHandler calls h, turning a panic into an error: one message that
// trips a bug must not stop the others.
func callHandler(ctx context.Context, h Handler, m *Message) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("handler panicked: %v\n%s", v, debug.Stack())
		}
	}()
	return h(ctx, m)
}

// mark marks accepted messages processed. If the server refuses, they are
// tried again later; the error returned is a connection failure.
func (w *Watcher) mark(cn *conn, uids []uint32) error {
	if err := cn.markProcessed(uids); err != nil {
		var ie *imap.Error
		if !errors.As(err, &ie) {
			return err // connection trouble: reconnect; the messages come again
		}
		for _, uid := range uids {
			w.later(w.log.With("uid", uid), uid, w.retry[uid], "server refused to mark the message processed", err)
		}
		return nil
	}
	for _, uid := range uids {
		delete(w.retry, uid)
	}
	w.log.Debug("messages marked processed", "count", len(uids))
	return nil
}

// later schedules another try of uid.
func (w *Watcher) later(log *slog.Logger, uid uint32, r *retryState, what string, err error) {
	if r == nil {
		r = &retryState{attempts: 1}
	}
	d := backoff(w.o.RetryDelay, maxRetryDelay, r.attempts)
	r.next = time.Now().Add(d)
	w.retry[uid] = r
	log.Warn(what+"; will try again", "err", err, "attempt", r.attempts, "in", d)
}

// messageID returns the Message-ID in a header block, without angle
// brackets and spaces, or "" if there is none. A malformed value is kept as
// it is, trimmed: the caller decides what to do with it.
func messageID(header []byte) string {
	if len(header) == 0 {
		return ""
	}
	r := textproto.NewReader(bufio.NewReader(io.MultiReader(bytes.NewReader(header), strings.NewReader("\r\n\r\n"))))
	h, _ := r.ReadMIMEHeader() // a partial header is still worth reading
	return msgid.Extract(h.Get("Message-Id"))
}
