package daemon

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jobback/daemon/localmail"
	"jobback/domain"
	"jobback/mailbox"
	"jobback/outbox"
	"jobback/store"
)

// TestCrashChild is not a test by itself: TestKillAndRestart runs the test
// binary again with JOBBACK_CRASH_CHILD set, and this function then runs a
// daemon against the parent's servers until it is killed.
func TestCrashChild(t *testing.T) {
	if os.Getenv("JOBBACK_CRASH_CHILD") == "" {
		t.Skip("only run as a child of TestKillAndRestart")
	}
	ctx := context.Background()
	var st interface {
		Store
		mailbox.Cursor
		Sync(ctx context.Context) error
	}
	var pg *store.Postgres
	if dsn := os.Getenv("JOBBACK_PG_DSN"); dsn != "" {
		// One of several instances sharing a PostgreSQL store, wired as
		// `jobback run` wires it (cmd/jobback openDaemon).
		var err error
		if pg, err = store.OpenPostgres(ctx, dsn, store.PostgresOptions{Instance: os.Getenv("JOBBACK_INSTANCE")}); err != nil {
			t.Fatal(err)
		}
		st = pg
	} else {
		s, err := store.Open(ctx, os.Getenv("JOBBACK_STORE"))
		if err != nil {
			t.Fatal(err)
		}
		st = s
	}
	user, pass := "jobback", "jobback"
	if u := os.Getenv("JOBBACK_IMAP_USER"); u != "" {
		user, pass = u, os.Getenv("JOBBACK_IMAP_PASSWORD")
	}
	w, err := mailbox.Open(ctx, mailbox.Options{
		Addr: os.Getenv("JOBBACK_IMAP"), TLS: domain.TLSNone, Username: user, Password: pass,
		Mailbox: os.Getenv("JOBBACK_MAILBOX"), // "" is INBOX
		Cursor:  st, BeforeMark: st.Sync, PollInterval: 50 * time.Millisecond, ReconnectDelay: 10 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	smtpAddr := os.Getenv("JOBBACK_SMTP")
	addr := ourAddr
	if a := os.Getenv("JOBBACK_ADDRESS"); a != "" {
		addr = a
	}
	o := Options{
		Store: st, Source: w, Address: addr, HourlyCap: 1 << 30, Renderer: realRenderer(t), Senders: 2,
		NewSender: realSender(smtpAddr), IsPermanent: outbox.IsPermanent,
		PollInterval: 20 * time.Millisecond, RetryBase: 10 * time.Millisecond, Lease: 20 * time.Second,
	}
	if f := os.Getenv("JOBBACK_COPY_FOLDERS"); f != "" {
		// As `jobback run` does by default: each reply is copied to our
		// address, and a reply the killed daemon was sending is looked
		// for there before it is sent again.
		o.CopySelf, o.CopyWait = true, 3*time.Second
		folders := strings.Split(f, ",")
		o.Confirm = func(ctx context.Context, id string) (bool, error) {
			found, err := mailbox.Find(ctx, mailbox.Options{Addr: os.Getenv("JOBBACK_IMAP"), TLS: domain.TLSNone,
				Username: user, Password: pass}, folders, []string{id})
			return found[id], err
		}
	}
	if v, err := time.ParseDuration(os.Getenv("JOBBACK_LEASE")); err == nil {
		o.Lease = v
	}
	if pg != nil {
		turns, err := NewTurns(TurnsOptions{
			Take:   TakeWith(pg.TryWatch),
			Source: w,
			// imap.takeover's default
		})
		if err != nil {
			t.Fatal(err)
		}
		o.Source, o.Watching, o.Instance = turns, turns.Watching, pg.Instance()
	}
	d, err := Open(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	d.Run(ctx) // until killed
}

// TestKillAndRestart kills a daemon process with SIGKILL in the middle of
// 200 messages, restarts it on the same store, and checks that every
// message was answered exactly once. The daemon runs as `jobback run` does
// by default: each reply is copied to our own address, and a reply that a
// sender held at the moment of the kill (SMTP accepted, not yet marked
// sent) is looked for by its copy before it is sent again.
func TestKillAndRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	mail, err := localmail.Start(localmail.Options{Address: ourAddr})
	if err != nil {
		t.Fatal(err)
	}
	defer mail.Close()
	const n = 200
	for i := 1; i <= n; i++ {
		if _, err := mail.Deliver(advice(i)); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "jobback.db")
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "JOBBACK_CRASH_CHILD=1", "JOBBACK_STORE="+path,
			"JOBBACK_IMAP="+mail.IMAPAddr, "JOBBACK_SMTP="+mail.SMTPAddr, "JOBBACK_COPY_FOLDERS=INBOX")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	// Kill at a moment unrelated to any one send: after the first replies,
	// plus a random pause.
	cmd := child()
	if _, err := mail.WaitSent(ctx, 20); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal(err)
	}
	// A random pause, not a wait for a state: the kill must fall at no
	// moment in particular of the sends.
	time.Sleep(time.Duration(rand.IntN(20)) * time.Millisecond)
	cmd.Process.Kill()
	cmd.Wait()
	before := len(mail.Sent())
	if before >= n {
		t.Fatalf("all %d replies were out before the kill; the test proves nothing", before)
	}

	cmd = child()
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	deadline, _ := ctx.Deadline()
	var rows []store.InboundRow
	var depth int
	if !eventually(time.Until(deadline), 10*time.Millisecond, func() bool {
		var err error
		if rows, err = st.ListInbound(ctx); err != nil {
			t.Fatal(err)
		}
		if depth, err = st.OutboxDepth(ctx); err != nil {
			t.Fatal(err)
		}
		return len(rows) == n && depth == 0
	}) {
		t.Fatalf("timed out: %d recorded, outbox depth %d, %d sent", len(rows), depth, len(mail.Sent()))
	}
	out, err := st.ListOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != n {
		t.Fatalf("%d outbox rows, want %d", len(out), n)
	}
	retried := 0 // rows claimed again after the kill
	for _, o := range out {
		if o.Status != store.StatusSent {
			t.Errorf("row %d: %s", o.ID, o.Status)
		}
		if o.Attempts > 1 {
			retried++
		}
	}
	rc := recipients(mail.Sent())
	for i := 1; i <= n; i++ {
		to := fmt.Sprintf("p%d@example.org", i)
		switch c := rc[to]; {
		case c == 0:
			t.Errorf("%s was never answered", to)
		case c > 1:
			t.Errorf("%s got %d replies", to, c)
		}
	}
	t.Logf("killed after %d of %d replies; after the restart every one answered once (%d rows a sender held at the kill were claimed again and checked by their copy first)",
		before, n, retried)
}
