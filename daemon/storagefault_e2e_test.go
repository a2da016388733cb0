//go:build e2e && linux

package daemon

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jobback/e2e"
	"jobback/store"
)

// TestE2EStorageFault cuts the power to the store's filesystem in the
// middle of sending the replies to 200 messages (issue 15, finding 6): the daemon keeps running
// for a second on a store whose every write fails, is killed, and the
// filesystem comes back with only what had reached the disk. Restarted on
// that store, the daemon must answer every message exactly once: a claim on
// a reply is durable before its send starts, so a reply that got out is
// looked for by its copy before it is sent again.
func TestE2EStorageFault(t *testing.T) {
	r := newE2E(t)
	fs := e2e.NewFaultFS(t)
	const n = 200
	r.append(t, 1, n)
	path := filepath.Join(fs.Dir, "jobback.db")
	logPath := filepath.Join(t.TempDir(), "children.log")
	childLog, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer childLog.Close()
	answered := r.answeredCount(t)
	cmd := r.crashChild(t, path, childLog)
	// The cut comes when every message is recorded (flagged \Answered,
	// and so made durable by the mailbox's Sync) and replies are going out
	// (the child logs each "reply sent"): from then on only the senders
	// write to the store.
	waitAnswered(t, answered, n, cmd)
	if !eventually(time.Minute, time.Millisecond, func() bool {
		logs, _ := os.ReadFile(logPath)
		return strings.Count(string(logs), "reply sent") >= 30
	}) {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal("no replies sent")
	}
	if err := fs.PowerCut(); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal(err)
	}
	// The fault's length, not a wait for a state: the daemon keeps
	// working for a second on a store whose every write fails.
	time.Sleep(time.Second)
	cmd.Process.Kill()
	cmd.Wait()
	if err := fs.Remount(); err != nil {
		t.Fatal(err)
	}
	before := r.finish(t, n, func() *exec.Cmd { return r.crashChild(t, path, childLog) })
	logs, _ := os.ReadFile(logPath)
	byCopy := strings.Count(string(logs), "its copy is in our mailbox")
	t.Logf("power cut with %d of %d answered; after the restart all answered; %d replies were found by their copy and not sent again",
		before, n, byCopy)
}

// A store whose filesystem fails is seen by the health check's Ping, and a
// store on a read-only filesystem is refused at open, saying so (issue 15,
// findings 7 and 8: a read-only database passed `jobback check`).
func TestE2EStoreOnFailingFilesystem(t *testing.T) {
	fs := e2e.NewFaultFS(t)
	ctx := context.Background()
	path := filepath.Join(fs.Dir, "jobback.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Ping(ctx); err != nil {
		t.Fatalf("a healthy store: %v", err)
	}
	if err := fs.PowerCut(); err != nil {
		t.Fatal(err)
	}
	if err := st.Ping(ctx); err == nil {
		t.Error("Ping passed on a filesystem that fails every write")
	}
	st.Close()
	if err := fs.RemountReadOnly(); err != nil {
		t.Fatal(err)
	}
	st, err = store.Open(ctx, path)
	if err == nil {
		st.Close()
		t.Fatal("a store on a read-only filesystem was opened")
	}
	if !strings.Contains(err.Error(), "cannot") {
		t.Errorf("the error does not say what failed: %v", err)
	}
	t.Logf("read-only: %v", err)
}
