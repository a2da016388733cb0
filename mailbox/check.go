package mailbox

import (
	"context"
	"fmt"
	"jobback/domain"

	"github.com/emersion/go-imap/v2"
)

// Status is what Check found.
type Status struct {
	Addr, TLS    string
	Mailbox      string
	UIDValidity  uint32
	Messages     uint32 // in the folder
	Unprocessed  uint32 // not yet marked processed (flag mode), or not yet moved (folder mode)
	IDLE, MOVE   bool   // server capabilities: without IDLE the folder is polled
	UIDPLUS      bool
	Processed    string // "flag" or the folder processed messages go to
	FolderExists bool   // folder mode: whether that folder exists (it is created when missing)
}

// Check connects, logs in and selects the folder as Run would, counts the
// unprocessed messages, and logs out. It changes nothing on the server: in
// folder mode a missing folder is reported, not created. The error says which
// step failed and wraps ErrAuth, ErrNeedTLS or ErrNoMailbox when no retry
// will help.
func Check(ctx context.Context, opts Options) (*Status, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	processed := o.Processed
	o.Processed = domain.ProcessedFlag // so that dial does not create the folder
	cn, err := dial(ctx, &o)
	if err != nil {
		return nil, err
	}
	defer cn.close()
	cn.bind(ctx)

	st := &Status{
		Addr: o.Addr, TLS: o.TLS, Mailbox: o.Mailbox, UIDValidity: cn.uidValidity,
		Messages: cn.numMessages, IDLE: cn.idle, MOVE: cn.move, UIDPLUS: cn.uidplus,
		Processed: processed,
	}
	criteria := &imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagDeleted}}
	if processed == domain.ProcessedFlag {
		criteria.NotFlag = append(criteria.NotFlag, imap.FlagAnswered)
	}
	err = cn.guard(o.NoopTimeout, func() error {
		data, err := cn.c.UIDSearch(criteria, nil).Wait()
		if err != nil {
			return err
		}
		st.Unprocessed = uint32(len(data.AllUIDs()))
		return nil
	})
	if err != nil {
		return st, fmt.Errorf("cannot search folder %q: %w", o.Mailbox, err)
	}
	if processed != domain.ProcessedFlag {
		err := cn.guard(o.NoopTimeout, func() error {
			_, err := cn.c.Status(processed, &imap.StatusOptions{NumMessages: true}).Wait()
			return err
		})
		st.FolderExists = err == nil
	}
	cn.guard(o.NoopTimeout, func() error { return cn.c.Logout().Wait() })
	return st, nil
}
