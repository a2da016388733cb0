package mailbox

import (
	"context"
	"fmt"
	"jobback/domain"
	"jobback/internal/msgid"

	"github.com/emersion/go-imap/v2"
)

// Erased says what Erase did.
type Erased struct {
	// Expunged counts the messages removed from their folder.
	Expunged int
	// Flagged counts the messages flagged \Deleted but still in their
	// folder: the server lacks UIDPLUS (or kept them after UID EXPUNGE).
	// They go only when someone expunges the folder (a mail client, or the
	// server's own clean-up); log them.
	Flagged int
	// Folders counts the messages expunged or flagged, by folder; a folder
	// without any is absent.
	Folders map[string]int
}

// Erase removes from folders the messages whose Message-ID is exactly one
// of messageIDs (without angle brackets), for FORGET: a person's own
// messages and our copies of the replies to them. A folder that does not
// exist is skipped, not an error. Messages already flagged \Deleted are
// erased too; every other message is left as it was, \Deleted or not.
//
// It opens its own connection from opts, as Find does, and finds the
// messages as Find does (UID SEARCH HEADER, then each hit's Message-ID
// compared exactly, so a.b@x does not erase xa.b@x nor A.B@x). Per folder it
// SELECTs the folder read-write, sets \Deleted on exactly those UIDs (UID
// STORE +FLAGS.SILENT, RFC 9051 section 6.4.6) and removes exactly them with
// UID EXPUNGE (RFC 4315 section 2.1; part of IMAP4rev2). A plain EXPUNGE
// (RFC 9051 section 6.4.3), like CLOSE, would also remove every message
// someone else flagged \Deleted, so neither is ever sent: without UIDPLUS
// the messages stay, flagged \Deleted, and are counted in Erased.Flagged.
// What is left in each folder is checked afterwards with UID SEARCH.
//
// What expunging means is the server's business: some keep the message
// elsewhere (Gmail, by default, archives a message expunged from its last
// label; others move it to a Trash folder), and that folder must then be in
// folders too.
//
// Cancelling ctx closes the connection. An error means the erasure may be
// partial (some folders done, or messages flagged \Deleted but not yet
// expunged): Erased counts what was done before it, and the caller should
// call Erase again, which finds only what is left. Errors name folders and
// UIDs, never a Message-ID, except that an invalid ID (empty, or with angle
// brackets, quotes, whitespace or control characters) is refused, before
// connecting.
func Erase(ctx context.Context, opts Options, folders []string, messageIDs []string) (Erased, error) {
	done := Erased{Folders: make(map[string]int)}
	for _, id := range messageIDs {
		if err := msgid.Searchable(id); err != nil {
			return done, err
		}
	}
	o, err := opts.withDefaults()
	if err != nil {
		return done, err
	}
	if len(messageIDs) == 0 || len(folders) == 0 {
		return done, nil
	}
	// As in Find: dial selects INBOX, which always exists, and flag mode
	// keeps it from creating the processed folder.
	o.Mailbox = DefaultMailbox
	o.Processed = domain.ProcessedFlag
	cn, err := dial(ctx, &o)
	if err != nil {
		return done, fmt.Errorf("cannot erase messages: %w", err)
	}
	defer cn.close()
	cn.bind(ctx)

	err = cn.erase(folders, messageIDs, &done)
	if err == nil {
		cn.guard(o.NoopTimeout, func() error { return cn.c.Logout().Wait() })
	}
	if ctx.Err() != nil {
		return done, fmt.Errorf("cannot erase messages: %w", ctx.Err())
	}
	if err != nil {
		return done, fmt.Errorf("cannot erase messages: %w", err)
	}
	return done, nil
}

// erase erases the messages from each folder in turn.
func (cn *conn) erase(folders, messageIDs []string, done *Erased) error {
	seen := make(map[string]bool)
	for _, folder := range folders {
		if seen[folder] {
			continue
		}
		seen[folder] = true
		exists, n, err := cn.open(folder, false)
		if err != nil {
			return err
		}
		if !exists {
			cn.o.Logger.Debug("folder to erase messages from does not exist; skipped", "folder", folder)
			continue
		}
		if n == 0 {
			continue
		}
		var set imap.UIDSet
		picked := make(map[imap.UID]bool)
		for _, id := range messageIDs {
			uids, err := cn.matchUIDs(folder, id, "a Message-ID to erase")
			if err != nil {
				return err
			}
			for _, uid := range uids {
				if !picked[uid] {
					picked[uid] = true
					set.AddNum(uid)
				}
			}
		}
		if len(picked) == 0 {
			continue
		}
		if err := cn.eraseUIDs(folder, set, len(picked), done); err != nil {
			return err
		}
	}
	return nil
}

// eraseUIDs flags the n messages of set in the selected folder \Deleted,
// expunges them with UIDPLUS, and counts what is left of them.
func (cn *conn) eraseUIDs(folder string, set imap.UIDSet, n int, done *Erased) error {
	err := cn.guard(cn.o.NoopTimeout, func() error {
		return cn.c.Store(set, &imap.StoreFlags{
			Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted},
		}, nil).Close()
	})
	if err != nil {
		return fmt.Errorf("cannot set \\Deleted on UIDs %v in folder %q: %w", set, folder, err)
	}
	if cn.uidplus {
		err := cn.guard(cn.o.NoopTimeout, func() error { return cn.c.UIDExpunge(set).Close() })
		if err != nil {
			return fmt.Errorf("cannot expunge UIDs %v from folder %q (they are flagged \\Deleted): %w", set, folder, err)
		}
	}
	var left int
	err = cn.guard(cn.o.NoopTimeout, func() error {
		data, err := cn.c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, nil).Wait()
		if err != nil {
			return err
		}
		left = len(data.AllUIDs())
		return nil
	})
	if err != nil {
		return fmt.Errorf("cannot check which of UIDs %v are left in folder %q: %w", set, folder, err)
	}
	left = min(left, n)
	done.Expunged += n - left
	done.Flagged += left
	done.Folders[folder] += n
	return nil
}
