package mailbox

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"jobback/domain"
	"jobback/internal/msgid"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
)

// Find reports which of messageIDs (without angle brackets) are present in
// any of folders (e.g. the watched mailbox and the processed folder; a folder
// that does not exist is skipped, not an error). The map has one entry per
// requested ID, true when a message with exactly that Message-ID was seen.
//
// It opens its own connection from opts (the same Options as Open; Mailbox
// and Processed are not used), selects each folder read-only (EXAMINE) and
// runs UID SEARCH HEADER Message-ID "<id>" per ID not yet found, and logs out.
// A HEADER search is a case-insensitive substring match on the server (RFC
// 9051 section 6.4.4), so the Message-ID header of every hit is fetched
// (BODY.PEEK[HEADER.FIELDS (Message-ID)], which sets no flag) and compared
// exactly: a.b@x does not match xa.b@x nor A.B@x. Messages flagged \Deleted
// but not yet expunged count as present. If the server's search misses a
// message that is there, Find cannot know: it trusts the search.
//
// The session first SELECTs INBOX, which RFC 9051 says always exists, as
// dialling does for every connection of this package; this changes nothing
// in the folder (under IMAP4rev1 it may take the \Recent flag of new
// messages, which this package does not use).
//
// Cancelling ctx closes the connection. An error means the answer is not
// known: the caller must not treat it as "not found". An empty ID, or one
// with angle brackets, whitespace or control characters, is an error.
func Find(ctx context.Context, opts Options, folders []string, messageIDs []string) (map[string]bool, error) {
	for _, id := range messageIDs {
		if err := msgid.Searchable(id); err != nil {
			return nil, err
		}
	}
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	found := make(map[string]bool, len(messageIDs))
	for _, id := range messageIDs {
		found[id] = false
	}
	if len(messageIDs) == 0 || len(folders) == 0 {
		return found, nil
	}
	// dial logs in and selects o.Mailbox; INBOX always exists, so a missing
	// folder among folders cannot fail the connection. Flag mode keeps dial
	// from creating the processed folder.
	o.Mailbox = DefaultMailbox
	o.Processed = domain.ProcessedFlag
	cn, err := dial(ctx, &o)
	if err != nil {
		return nil, fmt.Errorf("cannot look for Message-IDs: %w", err)
	}
	defer cn.close()
	cn.bind(ctx)

	err = cn.find(folders, messageIDs, found)
	if err == nil {
		cn.guard(o.NoopTimeout, func() error { return cn.c.Logout().Wait() })
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("cannot look for Message-IDs: %w", ctx.Err())
	}
	if err != nil {
		return nil, err
	}
	return found, nil
}

// CheckMessageID reports why Find and Erase cannot look for id (empty, or
// with angle brackets, quotes, spaces or control characters), or nil.
func CheckMessageID(id string) error { return msgid.Searchable(id) }

// find searches each folder in turn for the IDs not yet found.
func (cn *conn) find(folders, messageIDs []string, found map[string]bool) error {
	seen := make(map[string]bool)
	for _, folder := range folders {
		if seen[folder] {
			continue
		}
		seen[folder] = true
		var left []string
		for _, id := range messageIDs {
			if !found[id] {
				left = append(left, id)
			}
		}
		if len(left) == 0 {
			return nil
		}
		exists, n, err := cn.examine(folder)
		if err != nil {
			return err
		}
		if !exists {
			cn.o.Logger.Debug("folder to search for Message-IDs does not exist; skipped", "folder", folder)
			continue
		}
		if n == 0 {
			continue
		}
		for _, id := range left {
			ok, err := cn.findOne(folder, id)
			if err != nil {
				return err
			}
			found[id] = ok
		}
	}
	return nil
}

// examine selects folder read-only; see open.
func (cn *conn) examine(folder string) (exists bool, messages uint32, err error) {
	return cn.open(folder, true)
}

// open selects folder, read-only (EXAMINE) or read-write (SELECT). A folder
// the server says does not exist (NO [NONEXISTENT], or a NO for a name LIST
// does not show) reports false; any other refusal is an error, since the
// folder may hold the message.
func (cn *conn) open(folder string, readOnly bool) (exists bool, messages uint32, err error) {
	verb := "select"
	if readOnly {
		verb = "examine"
	}
	var sel *imap.SelectData
	err = cn.guard(cn.o.NoopTimeout, func() (err error) {
		sel, err = cn.c.Select(folder, &imap.SelectOptions{ReadOnly: readOnly}).Wait()
		return err
	})
	if err == nil {
		return true, sel.NumMessages, nil
	}
	var ie *imap.Error
	if !errors.As(err, &ie) || ie.Type != imap.StatusResponseTypeNo {
		return false, 0, fmt.Errorf("cannot %s folder %q: %w", verb, folder, err)
	}
	if ie.Code == imap.ResponseCodeNonExistent {
		return false, 0, nil
	}
	// A NO without the code: ask LIST whether the folder is there.
	var listed bool
	lerr := cn.guard(cn.o.NoopTimeout, func() error {
		list, err := cn.c.List("", folder, nil).Collect()
		listed = len(list) > 0
		return err
	})
	if lerr != nil {
		return false, 0, fmt.Errorf("cannot %s folder %q: %v; cannot list it either: %w", verb, folder, err, lerr)
	}
	if listed {
		return false, 0, fmt.Errorf("cannot %s folder %q, which exists: %w", verb, folder, err)
	}
	return false, 0, nil
}

// findOne searches the selected folder for id and checks the hits' headers.
func (cn *conn) findOne(folder, id string) (bool, error) {
	uids, err := cn.matchUIDs(folder, id, "Message-ID <"+id+">")
	return len(uids) > 0, err
}

// matchUIDs returns the UIDs of the messages in the selected folder whose
// Message-ID is exactly id: UID SEARCH HEADER, then the Message-ID header of
// each hit fetched and compared. Hits the server did not answer for by UID
// (a server that sends UID after the body's literal, which go-imap cannot
// match) are fetched again by sequence number; sequence numbers hold between
// that SEARCH and FETCH, as no EXPUNGE may come between or during them (RFC 9051
// section 7.5.1). what names the search in errors.
func (cn *conn) matchUIDs(folder, id, what string) ([]imap.UID, error) {
	criteria := &imap.SearchCriteria{
		Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: "<" + id + ">"}},
	}
	var hits []imap.UID
	err := cn.guard(cn.o.NoopTimeout, func() error {
		data, err := cn.c.UIDSearch(criteria, nil).Wait()
		if err != nil {
			return err
		}
		hits = data.AllUIDs()
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cannot search folder %q for %s: %w", folder, what, err)
	}
	if len(hits) == 0 {
		return nil, nil
	}
	var set imap.UIDSet
	for _, uid := range hits {
		set.AddNum(uid)
	}
	section := &imap.FetchItemBodySection{
		Specifier: imap.PartSpecifierHeader, HeaderFields: []string{"Message-ID"}, Peek: true,
	}
	opts := &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}
	answered := make(map[imap.UID]bool, len(hits))
	var match []imap.UID
	check := func(bufs []*imapclient.FetchMessageBuffer) {
		for _, b := range bufs {
			if b.UID == 0 || answered[b.UID] {
				continue
			}
			answered[b.UID] = true
			raw := b.FindBodySection(section)
			if raw == nil && len(b.BodySection) == 1 {
				raw = b.BodySection[0].Bytes
			}
			if hasMessageID(raw, id) {
				match = append(match, b.UID)
			}
		}
	}
	err = cn.guard(cn.o.NoopTimeout, func() error {
		bufs, err := cn.c.Fetch(set, opts).Collect()
		check(bufs)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("cannot fetch the Message-ID of UIDs %v in folder %q: %w", set, folder, err)
	}
	var missing imap.UIDSet
	for _, uid := range hits {
		if !answered[uid] {
			missing.AddNum(uid)
		}
	}
	if len(missing) == 0 {
		return match, nil
	}
	err = cn.guard(cn.o.NoopTimeout, func() error {
		data, err := cn.c.Search(&imap.SearchCriteria{UID: []imap.UIDSet{missing}}, nil).Wait()
		if err != nil || len(data.AllSeqNums()) == 0 {
			return err // none left: expunged meanwhile
		}
		bufs, err := cn.c.Fetch(imap.SeqSetNum(data.AllSeqNums()...), opts).Collect()
		check(bufs)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("cannot fetch the Message-ID of UIDs %v in folder %q by sequence number: %w", missing, folder, err)
	}
	return match, nil
}

// hasMessageID reports whether the header block raw has a Message-ID field
// that is exactly <id> (with optional surrounding whitespace and comments).
func hasMessageID(raw []byte, id string) bool {
	if len(raw) == 0 {
		return false
	}
	if !bytes.HasSuffix(raw, []byte("\r\n\r\n")) && !bytes.HasSuffix(raw, []byte("\n\n")) {
		raw = append(append([]byte(nil), raw...), "\r\n\r\n"...)
	}
	h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		return false
	}
	fields := h.FieldsByKey("Message-Id")
	for fields.Next() {
		v := fields.Value()
		if strings.TrimSpace(v) == "<"+id+">" {
			return true
		}
		var one mail.Header
		one.Set("Message-Id", v)
		if got, err := one.MessageID(); err == nil && got == id {
			return true
		}
	}
	return false
}
