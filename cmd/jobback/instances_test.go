package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jobback/daemon/localmail"
	"jobback/internal/pgtest"
)

// freeAddr returns a loopback address nothing listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// Two `jobback run` on one PostgreSQL store, as the README's "Running two
// instances" sets them up: the first watches the mailbox and /healthz
// says so; the second stands by and names the first; both answer nothing
// twice; when the first stops, the second takes the mailbox over within
// imap.takeover and answers what arrives next.
func TestRunTwoInstancesPostgres(t *testing.T) {
	dsn := pgtest.Database(t)
	mail, err := localmail.Start(localmail.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mail.Close()
	dir := t.TempDir()
	dsnFile := filepath.Join(dir, "dsn")
	if err := os.WriteFile(dsnFile, []byte(dsn+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	type inst struct {
		cfg, http string
		cancel    context.CancelFunc
		done      chan int
		errb      *syncBuffer
	}
	start := func(name string) *inst {
		in := &inst{cfg: filepath.Join(dir, name+".yaml"), http: freeAddr(t), done: make(chan int, 1), errb: &syncBuffer{}}
		yml := fmt.Sprintf(`assistant: {address: help@jobback.example}
imap: {addr: "%s", username: %s, password: %s, takeover: 3s}
smtp: {addr: "%s"}
store: {driver: postgres, dsn_file: "%s", instance: %s}
http: {addr: "%s"}
`, mail.IMAPAddr, mail.Username, mail.Password, mail.SMTPAddr, dsnFile, name, in.http)
		if err := os.WriteFile(in.cfg, []byte(yml), 0o600); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		in.cancel = cancel
		go func() { in.done <- Main(ctx, []string{"run", "--config", in.cfg}, nil, io.Discard, in.errb) }()
		return in
	}
	stop := func(in *inst) {
		in.cancel()
		if code := <-in.done; code != 0 {
			t.Errorf("exit %d; stderr:\n%s", code, in.errb.String())
		}
	}
	health := func(in *inst) string {
		resp, err := http.Get("http://" + in.http + "/healthz")
		if err != nil {
			return err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	waitHealth := func(in *inst, want string, within time.Duration) time.Duration {
		t.Helper()
		began := time.Now()
		var got string
		for time.Since(began) < within {
			if got = health(in); strings.Contains(got, want) {
				return time.Since(began)
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("/healthz says %q, want %q within %s; stderr:\n%s", got, want, within, in.errb.String())
		return 0
	}
	deliver := func(file string, n int) {
		t.Helper()
		raw, err := os.ReadFile(situations + file)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := mail.Deliver(raw); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if _, err := mail.WaitSent(ctx, n); err != nil {
			t.Fatal(err)
		}
	}

	a := start("a")
	waitHealth(a, "watching the mailbox: this instance (a)", 10*time.Second)
	b := start("b")
	waitHealth(b, "standing by: this instance (b) does not watch the mailbox; a does", 10*time.Second)
	deliver("06-gmail.eml", 1)

	var out strings.Builder
	Main(context.Background(), []string{"check", "--config", b.cfg}, nil, &out, io.Discard)
	if !strings.Contains(out.String(), "store   ok    PostgreSQL") || !strings.Contains(out.String(), "watching the mailbox: a") {
		t.Errorf("jobback check:\n%s", out.String())
	}

	stop(a)
	took := waitHealth(b, "watching the mailbox: this instance (b)", 10*time.Second)
	if took > 3*time.Second+time.Second {
		t.Errorf("b took the mailbox over %s after a stopped, want within imap.takeover (3s)", took)
	}
	deliver("04-outlook.eml", 2)
	stop(b)
	sent := mail.Sent()
	if len(sent) != 2 || sent[0].To[0] == sent[1].To[0] {
		t.Fatalf("sent %d replies to %v, want one to each of two people", len(sent), recipientsOf(sent))
	}
	t.Logf("b took over %s after a stopped", took.Round(time.Millisecond))
}
