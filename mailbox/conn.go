package mailbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"jobback/domain"
	"net"
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
)

// errTimeout marks a command the server did not answer in time.
var errTimeout = errors.New("the server did not answer in time; connection closed")

// conn is one logged-in connection with the watched folder selected.
type conn struct {
	o   *Options
	raw net.Conn // the TCP connection: closing it ends every call on c
	c   *imapclient.Client

	stopCtx func() // stops watching the context; waits if the watch fired

	notify  chan struct{} // signalled (non-blocking) when EXISTS arrives
	noticed atomic.Int64  // unix nanoseconds of the oldest unconsumed EXISTS

	idle, move, uidplus bool   // server capabilities that change our course
	bySeq               bool   // UID FETCH answers could not be matched: fetch by sequence number
	uidValidity         uint32 // of the selected folder
	numMessages         uint32 // EXISTS at SELECT
	uidNext             uint32 // at SELECT
}

// watchContext runs f in its own goroutine once ctx is done. The returned
// stop must be called exactly once: it cancels the watch or, if f already
// started, waits for f to return, so no goroutine outlives the caller.
func watchContext(ctx context.Context, f func()) (stop func()) {
	done := make(chan struct{})
	stopWatch := context.AfterFunc(ctx, func() {
		defer close(done)
		f()
	})
	return func() {
		if !stopWatch() {
			<-done
		}
	}
}

// guard runs fn, closing the connection if it has not returned within d:
// that makes every blocked call on the client return an error.
func (cn *conn) guard(d time.Duration, fn func() error) error {
	var fired atomic.Bool
	done := make(chan struct{})
	t := time.AfterFunc(d, func() {
		defer close(done)
		fired.Store(true)
		cn.raw.Close()
	})
	err := fn()
	if !t.Stop() {
		<-done
	}
	if fired.Load() {
		return fmt.Errorf("%w (waited %v)", errTimeout, d)
	}
	return err
}

// signal records an EXISTS notification; it runs on the client's reader
// goroutine and must not block.
func (cn *conn) signal() {
	cn.noticed.CompareAndSwap(0, time.Now().UnixNano())
	select {
	case cn.notify <- struct{}{}:
	default:
	}
}

// takeNoticed consumes pending notifications and returns the time of the
// oldest one, or now if there was none.
func (cn *conn) takeNoticed(now time.Time) time.Time {
	select {
	case <-cn.notify:
	default:
	}
	if v := cn.noticed.Swap(0); v != 0 {
		return time.Unix(0, v)
	}
	return now
}

// close ends the connection and waits for every goroutine it started.
func (cn *conn) close() {
	if cn.c != nil {
		cn.c.Close() // closes raw and waits for the client's reader
	} else {
		cn.raw.Close()
	}
	if cn.stopCtx != nil {
		cn.stopCtx()
		cn.stopCtx = nil
	}
}

// dial connects, logs in and selects o.Mailbox. Cancelling ctx at any time
// closes the connection. Errors say which step failed; ErrAuth and
// ErrNoMailbox are wrapped when no retry will help.
func dial(ctx context.Context, o *Options) (*conn, error) {
	d := net.Dialer{Timeout: o.NoopTimeout}
	raw, err := d.DialContext(ctx, "tcp", o.Addr)
	if err != nil {
		return nil, fmt.Errorf("cannot connect to %s: %w", o.Addr, err)
	}
	cn := &conn{o: o, raw: raw, notify: make(chan struct{}, 1)}
	cn.stopCtx = watchContext(ctx, func() { raw.Close() })
	if err := cn.setup(ctx); err != nil {
		cn.close()
		if ctx.Err() != nil {
			return nil, fmt.Errorf("cannot finish connecting to %s: %w", o.Addr, ctx.Err())
		}
		return nil, err
	}
	cn.stopCtx()
	cn.stopCtx = nil
	return cn, nil
}

// bind makes the cancellation of ctx close the connection, until close.
func (cn *conn) bind(ctx context.Context) {
	cn.stopCtx = watchContext(ctx, func() { cn.raw.Close() })
}

func (cn *conn) setup(ctx context.Context) error {
	o := cn.o
	var nc net.Conn = cn.raw
	copts := &imapclient.Options{
		TLSConfig: o.tlsConfig(),
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(data *imapclient.UnilateralDataMailbox) {
				if data.NumMessages != nil {
					cn.signal()
				}
			},
		},
	}
	switch o.TLS {
	case domain.TLSImplicit:
		tc := tls.Client(cn.raw, copts.TLSConfig)
		hctx, cancel := context.WithTimeout(ctx, o.NoopTimeout)
		err := tc.HandshakeContext(hctx)
		cancel()
		if err != nil {
			return fmt.Errorf("cannot complete the TLS handshake with %s: %w", o.Addr, err)
		}
		nc = tc
		cn.c = imapclient.New(nc, copts)
	case domain.TLSStartTLS:
		err := cn.guard(o.NoopTimeout, func() error {
			c, err := imapclient.NewStartTLS(nc, copts)
			cn.c = c
			return err
		})
		if err != nil {
			return fmt.Errorf("cannot start TLS (STARTTLS) with %s: %w", o.Addr, err)
		}
	default:
		cn.c = imapclient.New(nc, copts)
	}

	if err := cn.guard(o.NoopTimeout, cn.c.WaitGreeting); err != nil {
		return fmt.Errorf("cannot read the greeting of %s: %w", o.Addr, err)
	}
	var caps imap.CapSet
	cn.guard(o.NoopTimeout, func() error { caps = cn.c.Caps(); return nil })
	if caps == nil {
		return fmt.Errorf("cannot read the capabilities of %s", o.Addr)
	}

	var login func() error
	switch {
	case o.Token != nil:
		if !caps.Has(imap.Cap("AUTH=XOAUTH2")) {
			return fmt.Errorf("cannot log in to %s: the server does not offer AUTH=XOAUTH2 on this connection: %w", o.Addr, ErrAuth)
		}
		token, err := o.Token()
		if err != nil {
			return fmt.Errorf("cannot log in to %s: cannot read the OAuth 2.0 token: %w", o.Addr, err)
		}
		login = func() error { return cn.c.Authenticate(xoauth2Client{user: o.Username, token: token}) }
	case caps.Has(imap.CapLoginDisabled) && !caps.Has(imap.Cap("AUTH=PLAIN")):
		return fmt.Errorf("cannot log in to %s: the server takes no password on this connection (LOGINDISABLED): %w", o.Addr, ErrNeedTLS)
	case caps.Has(imap.CapLoginDisabled):
		login = func() error { return cn.c.Authenticate(sasl.NewPlainClient("", o.Username, o.Password)) }
	default:
		login = func() error { return cn.c.Login(o.Username, o.Password).Wait() }
	}
	err := cn.guard(o.NoopTimeout, login)
	if err != nil {
		var ie *imap.Error
		if errors.As(err, &ie) && ie.Code == imap.ResponseCodePrivacyRequired {
			return fmt.Errorf("cannot log in to %s as %q: %v: %w", o.Addr, o.Username, err, ErrNeedTLS)
		}
		if errors.As(err, &ie) && ie.Type == imap.StatusResponseTypeNo {
			return fmt.Errorf("cannot log in to %s as %q: %v: %w", o.Addr, o.Username, err, ErrAuth)
		}
		return fmt.Errorf("cannot log in to %s as %q: %w", o.Addr, o.Username, err)
	}
	caps = nil
	cn.guard(o.NoopTimeout, func() error { caps = cn.c.Caps(); return nil })
	if caps == nil {
		return fmt.Errorf("cannot read the capabilities of %s after login", o.Addr)
	}
	cn.idle = caps.Has(imap.CapIdle)
	cn.move = caps.Has(imap.CapMove)
	cn.uidplus = caps.Has(imap.CapUIDPlus)

	if !o.flagMode() {
		if err := cn.ensureFolder(o.Processed); err != nil {
			return err
		}
	}

	var sel *imap.SelectData
	err = cn.guard(o.NoopTimeout, func() (err error) {
		sel, err = cn.c.Select(o.Mailbox, nil).Wait()
		return err
	})
	if err != nil {
		var ie *imap.Error
		if errors.As(err, &ie) && ie.Type == imap.StatusResponseTypeNo {
			return fmt.Errorf("cannot select folder %q: %v: %w", o.Mailbox, err, ErrNoMailbox)
		}
		return fmt.Errorf("cannot select folder %q: %w", o.Mailbox, err)
	}
	if sel.UIDValidity == 0 {
		return fmt.Errorf("cannot use folder %q: the server reports no UIDVALIDITY", o.Mailbox)
	}
	cn.uidValidity = sel.UIDValidity
	cn.numMessages = sel.NumMessages
	cn.uidNext = uint32(sel.UIDNext)
	return nil
}

// ensureFolder creates name if STATUS says it does not exist.
func (cn *conn) ensureFolder(name string) error {
	err := cn.guard(cn.o.NoopTimeout, func() error {
		_, err := cn.c.Status(name, &imap.StatusOptions{NumMessages: true}).Wait()
		return err
	})
	if err == nil {
		return nil
	}
	var ie *imap.Error
	if !errors.As(err, &ie) {
		return fmt.Errorf("cannot look up folder %q: %w", name, err)
	}
	err = cn.guard(cn.o.NoopTimeout, func() error { return cn.c.Create(name, nil).Wait() })
	if err != nil && !(errors.As(err, &ie) && ie.Code == imap.ResponseCodeAlreadyExists) {
		return fmt.Errorf("cannot create folder %q for processed messages: %w", name, err)
	}
	// Subscribed, so that mail clients that list only subscribed folders
	// (most, by default) show it; servers such as Dovecot do not subscribe
	// new folders themselves. A refusal changes nothing for us.
	if err := cn.guard(cn.o.NoopTimeout, func() error { return cn.c.Subscribe(name).Wait() }); err != nil {
		if !errors.As(err, &ie) {
			return fmt.Errorf("cannot subscribe to folder %q: %w", name, err)
		}
		cn.o.Logger.Warn("the server would not subscribe the folder for processed messages", "folder", name, "err", err)
	}
	cn.o.Logger.Info("created folder for processed messages", "folder", name)
	return nil
}

func (o *Options) tlsConfig() *tls.Config {
	var cfg *tls.Config
	if o.TLSConfig != nil {
		cfg = o.TLSConfig.Clone()
	} else {
		cfg = &tls.Config{}
	}
	if cfg.ServerName == "" {
		if host, _, err := net.SplitHostPort(o.Addr); err == nil {
			cfg.ServerName = host
		}
	}
	if cfg.NextProtos == nil && o.TLS == domain.TLSImplicit {
		cfg.NextProtos = []string{"imap"}
	}
	return cfg
}

// noop checks that the server still answers.
func (cn *conn) noop() error {
	if err := cn.guard(cn.o.NoopTimeout, func() error { return cn.c.Noop().Wait() }); err != nil {
		return fmt.Errorf("cannot get an answer to NOOP: %w", err)
	}
	return nil
}

// checkFolder selects the watched folder again and checks that it still
// has the UIDVALIDITY it had. The news of a deleted and recreated folder does
// not always come by itself: Dovecot 2.3 keeps a session on such a folder
// alive, answering "* NO Internal error" and then OK to every command, and
// answers STATUS on the selected folder from that stale view (with a
// CLIENTBUG code, as RFC 9051 discourages STATUS there). A fresh SELECT sees
// the folder as it is. The error returned makes Run reconnect and resync.
func (cn *conn) checkFolder() error {
	var sel *imap.SelectData
	err := cn.guard(cn.o.NoopTimeout, func() (err error) {
		sel, err = cn.c.Select(cn.o.Mailbox, nil).Wait()
		return err
	})
	if err != nil {
		var ie *imap.Error
		if errors.As(err, &ie) && ie.Type == imap.StatusResponseTypeNo {
			return fmt.Errorf("cannot select folder %q again: %v: %w", cn.o.Mailbox, err, ErrNoMailbox)
		}
		return fmt.Errorf("cannot select folder %q again: %w", cn.o.Mailbox, err)
	}
	if sel.UIDValidity != cn.uidValidity {
		return fmt.Errorf("folder %q was recreated (UIDVALIDITY %d, was %d): starting over",
			cn.o.Mailbox, sel.UIDValidity, cn.uidValidity)
	}
	return nil
}

// healthCheck is the periodic check of a quiet connection: NOOP, then
// checkFolder.
func (cn *conn) healthCheck() error {
	if err := cn.noop(); err != nil {
		return err
	}
	return cn.checkFolder()
}

// markProcessed flags or moves messages.
func (cn *conn) markProcessed(uids []uint32) error {
	var set imap.UIDSet
	for _, uid := range uids {
		set.AddNum(imap.UID(uid))
	}
	o := cn.o
	if o.flagMode() {
		err := cn.guard(o.NoopTimeout, func() error {
			return cn.c.Store(set, &imap.StoreFlags{
				Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagAnswered},
			}, nil).Close()
		})
		if err != nil {
			return fmt.Errorf("cannot set \\Answered on UIDs %v: %w", set, err)
		}
		return nil
	}
	if cn.move {
		move := func() error {
			_, err := cn.c.Move(set, o.Processed).Wait()
			return err
		}
		err := cn.guard(o.NoopTimeout, move)
		if tryCreate(err) { // someone deleted the folder
			if err = cn.ensureFolder(o.Processed); err == nil {
				err = cn.guard(o.NoopTimeout, move)
			}
		}
		if err != nil {
			return fmt.Errorf("cannot move UIDs %v to %q: %w", set, o.Processed, err)
		}
		return nil
	}
	// No MOVE: copy, then mark deleted; expunge only this message, which
	// needs UID EXPUNGE (UIDPLUS). Without it the message stays with
	// \Deleted, which the search skips: a plain EXPUNGE could remove other
	// people's deleted messages.
	copyMsg := func() error {
		_, err := cn.c.Copy(set, o.Processed).Wait()
		return err
	}
	err := cn.guard(o.NoopTimeout, copyMsg)
	if tryCreate(err) {
		if err = cn.ensureFolder(o.Processed); err == nil {
			err = cn.guard(o.NoopTimeout, copyMsg)
		}
	}
	if err != nil {
		return fmt.Errorf("cannot copy UIDs %v to %q: %w", set, o.Processed, err)
	}
	return cn.guard(o.NoopTimeout, func() error {
		err := cn.c.Store(set, &imap.StoreFlags{
			Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted},
		}, nil).Close()
		if err != nil {
			return fmt.Errorf("cannot set \\Deleted on UIDs %v: %w", set, err)
		}
		if cn.uidplus {
			if err := cn.c.UIDExpunge(set).Close(); err != nil {
				return fmt.Errorf("cannot expunge UIDs %v: %w", set, err)
			}
		}
		return nil
	})
}

// tryCreate reports whether err is the server saying the target folder does
// not exist.
func tryCreate(err error) bool {
	var ie *imap.Error
	return errors.As(err, &ie) && (ie.Code == imap.ResponseCodeTryCreate || ie.Code == imap.ResponseCodeNonExistent)
}
