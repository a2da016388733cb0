package mailbox

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"strings"
	"testing"
	"time"

	"jobback/domain"
	"jobback/internal/mailtest"
	"jobback/internal/testcert"
)

// testCert returns a server configuration with a self-signed certificate for
// 127.0.0.1 and a client configuration that trusts it.
func testCert(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	c, err := testcert.New()
	if err != nil {
		t.Fatal(err)
	}
	return c.Server, c.Client()
}

func TestTLSModes(t *testing.T) {
	serverCfg, clientCfg := testCert(t)
	for _, mode := range []string{domain.TLSImplicit, domain.TLSStartTLS} {
		t.Run(mode, func(t *testing.T) {
			s := newTestServer(t, capsFull, func(o *mailtest.IMAPOptions) {
				o.RequireTLS = true // credentials only over TLS
				if mode == domain.TLSImplicit {
					o.TLS = serverCfg
				} else {
					o.StartTLS = serverCfg
				}
			})
			s.deliver("INBOX", testMessage("t1"))
			opts := testOptions(s, nil)
			opts.TLS = mode
			opts.TLSConfig = clientCfg
			st, err := Check(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			if st.Unprocessed != 1 || st.TLS != mode {
				t.Errorf("status = %+v", st)
			}
			rec := &recorder{}
			startWatcher(t, opts, rec.handle)
			waitFor(t, "t1", func() bool { return rec.count("t1") == 1 })

			// A client that does not trust the certificate is refused.
			opts.TLSConfig = nil
			opts.NoopTimeout = 300 * time.Millisecond
			if _, err := Check(context.Background(), opts); err == nil || !strings.Contains(err.Error(), "certificate") {
				t.Errorf("untrusted certificate: %v", err)
			}
			// Without TLS the server will not take the password.
			opts.TLS = domain.TLSNone
			if _, err := Check(context.Background(), opts); mode == domain.TLSStartTLS && !errors.Is(err, ErrNeedTLS) {
				t.Errorf("plain-text login to a server that requires TLS: %v, want ErrNeedTLS", err)
			}
		})
	}
}

// IDLE is ended and started again every IdleRestart, and news still flows.
func TestIdleRestarted(t *testing.T) {
	s := newTestServer(t, capsFull)
	opts := testOptions(s, nil)
	opts.PollInterval = time.Hour
	opts.IdleRestart = 30 * time.Millisecond
	rec := &recorder{}
	starts := make(chan struct{}, 100)
	startWatcher(t, opts, rec.handle, func(w *Watcher) {
		w.idleStarted = func() {
			select {
			case starts <- struct{}{}:
			default:
			}
		}
	})
	for i := 0; i < 4; i++ {
		select {
		case <-starts:
		case <-time.After(10 * time.Second):
			t.Fatalf("only %d IDLE starts", i)
		}
	}
	s.deliver("INBOX", testMessage("i1"))
	waitFor(t, "i1", func() bool { return rec.count("i1") == 1 })
	if n := s.Accepts(); n != 1 {
		t.Errorf("%d connections: restarting IDLE should not reconnect", n)
	}
}

// A server that disables LOGIN but offers AUTH=PLAIN gets AUTHENTICATE PLAIN.
func TestAuthenticatePlain(t *testing.T) {
	s := newTestServer(t, capsFull, func(o *mailtest.IMAPOptions) {
		o.RewriteCaps = func(p []byte) []byte {
			return bytes.ReplaceAll(p, []byte(" AUTH=PLAIN"), []byte(" LOGINDISABLED AUTH=PLAIN"))
		}
	})
	if _, err := Check(context.Background(), testOptions(s, nil)); err != nil {
		t.Fatal(err)
	}
	wire := s.Wire()
	if !strings.Contains(wire, "AUTHENTICATE PLAIN") || strings.Contains(wire, " LOGIN ") {
		t.Errorf("want AUTHENTICATE PLAIN and no LOGIN; the conversation was:\n%s", wire)
	}
}
