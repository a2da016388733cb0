//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Servers returns the Dovecot and Postfix a test runs against, chosen by
// the environment variable E2E_DOVECOT (as go-imap's tests choose their
// server by GOIMAP_TEST_DOVECOT):
//
//   - "shared": the suite's running servers, as Setup returns them
//     (e2e/run.sh started them; E2E_* say where). A test on them works in
//     folders of its own, and leaves other tests' mail alone.
//   - "private": servers of the test's own, started by e2e/start.sh in a
//     fresh folder on free ports and stopped when the test ends (about 6 s
//     each way; needs root and e2e/install.sh). For a test that must
//     stop, kill or reconfigure the servers, or to run a package's e2e
//     tests without run.sh.
//   - unset: shared when E2E_IMAP_PORT is set, private otherwise.
//
// Both are started by the same start.sh, with the same users and
// configuration.
func Servers(tb testing.TB) *Env {
	tb.Helper()
	switch mode := os.Getenv("E2E_DOVECOT"); mode {
	case "shared":
		return Setup(tb)
	case "private":
		return StartPrivate(tb)
	case "":
		if os.Getenv("E2E_IMAP_PORT") != "" {
			return Setup(tb)
		}
		return StartPrivate(tb)
	default:
		tb.Fatalf("E2E_DOVECOT=%q: want shared, private or nothing", mode)
		return nil
	}
}

// StartPrivate starts a Dovecot and a Postfix of the test's own with
// e2e/start.sh, in a fresh folder under /tmp on free ports, and stops them
// with e2e/stop.sh when the test ends (E2E_KEEP=1 keeps the folder). It
// skips the test when they cannot run here (not root, packages missing),
// or fails it if E2E_REQUIRED is set.
func StartPrivate(tb testing.TB) *Env {
	tb.Helper()
	why := ""
	if _, err := exec.LookPath("dovecot"); err != nil {
		why = "dovecot is not installed (run e2e/install.sh as root)"
	} else if _, err := exec.LookPath("postfix"); err != nil {
		why = "postfix is not installed (run e2e/install.sh as root)"
	} else if os.Geteuid() != 0 {
		why = "private servers need root (mail is stored as the mail user)"
	}
	if why != "" {
		if os.Getenv("E2E_REQUIRED") != "" {
			tb.Fatal(why)
		}
		tb.Skip("SKIPPED: " + why)
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("cannot find e2e/start.sh")
	}
	scripts := filepath.Dir(file)
	// Under /tmp, not $TMPDIR: the servers run as other users and must
	// reach it.
	dir, err := os.MkdirTemp("/tmp", "jobback-e2e-private.")
	if err != nil {
		tb.Fatal(err)
	}
	ports, err := freePorts(3)
	if err != nil {
		os.RemoveAll(dir)
		tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(scripts, "start.sh"), dir)
	cmd.Env = append(os.Environ(), "E2E_IMAP_PORT="+strconv.Itoa(ports[0]),
		"E2E_LMTP_PORT="+strconv.Itoa(ports[1]), "E2E_SMTP_PORT="+strconv.Itoa(ports[2]))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 5 * time.Second
	stop := func() {
		out, err := exec.Command("bash", filepath.Join(scripts, "stop.sh"), dir).CombinedOutput()
		if err != nil {
			tb.Errorf("e2e/stop.sh %s: %v\n%s", dir, err, out)
		}
		if os.Getenv("E2E_KEEP") == "1" {
			tb.Logf("e2e: kept %s", dir)
		} else {
			os.RemoveAll(dir)
		}
	}
	if err := cmd.Run(); err != nil {
		stop()
		tb.Fatalf("e2e/start.sh %s: %v\n%s", dir, err, stderr.String())
	}
	tb.Cleanup(stop)
	vars := map[string]string{}
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok && strings.HasPrefix(k, "E2E_") {
			vars[k] = v
		}
	}
	e, err := envFrom(func(name string) string { return vars[name] })
	if err != nil {
		tb.Fatalf("e2e/start.sh %s said %q: %v", dir, stdout.String(), err)
	}
	e.Scripts = scripts
	tb.Cleanup(func() {
		if tb.Failed() {
			e.logProblems(tb, 5)
		}
	})
	return e
}

// freePorts returns n loopback ports that were free a moment ago.
func freePorts(n int) ([]int, error) {
	var lns []net.Listener
	defer func() {
		for _, ln := range lns {
			ln.Close()
		}
	}()
	var ports []int
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, errors.Join(errors.New("cannot find a free port"), err)
		}
		lns = append(lns, ln)
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// folderSeq tells the folders of one process apart.
var folderSeq int

// TestFolder creates a folder of the test's own in user's mailbox, named
// after prefix and the moment, and deletes it and its subfolders when the
// test ends. A test on the shared servers works in it, so that it neither
// sees nor changes other tests' mail.
func (e *Env) TestFolder(tb testing.TB, user, prefix string) string {
	tb.Helper()
	folderSeq++
	name := fmt.Sprintf("%s-%d-%d", prefix, time.Now().UnixNano(), folderSeq)
	c, err := e.DialIMAP(user, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for try := 1; ; try++ {
		err = c.Create(name, nil).Wait()
		// Dovecot now and then answers ALREADYEXISTS for a fresh name
		// (seen under load in benchmarks); another name does.
		if err == nil || try == 4 || !strings.Contains(err.Error(), "ALREADYEXISTS") {
			break
		}
		name = fmt.Sprintf("%s-%d", name, try)
	}
	c.Logout().Wait()
	c.Close()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		// A new connection: the test may have had its own kicked.
		c, err := e.DialIMAP(user, nil)
		if err != nil {
			tb.Errorf("cannot remove the test's folder %s: %v", name, err)
			return
		}
		defer c.Close()
		list, err := c.List("", name+"*", nil).Collect()
		if err != nil {
			tb.Errorf("cannot list the test's folders %s*: %v", name, err)
			return
		}
		var names []string
		for _, m := range list {
			if m.Mailbox == name || (m.Delim != 0 && strings.HasPrefix(m.Mailbox, name+string(m.Delim))) {
				names = append(names, m.Mailbox)
			}
		}
		// The deepest first: Dovecot keeps a parent whose children remain.
		slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
		for _, n := range names {
			if err := c.Delete(n).Wait(); err != nil {
				tb.Errorf("cannot remove the test's folder %s: %v", n, err)
			}
		}
		c.Logout().Wait()
	})
	return name
}
