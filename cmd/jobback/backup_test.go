package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"jobback/daemon/localmail"
	"jobback/store"
)

// `jobback backup` copies the store of a running daemon, which goes on
// recording; the copy opens as a store and holds the answered message. A
// second backup to the same file is refused and leaves it alone; --store
// names the store without a configuration; a missing store is not created.
func TestBackup(t *testing.T) {
	const assistant = "help@jobback.example"
	mail, err := localmail.Start(localmail.Options{Address: assistant})
	if err != nil {
		t.Fatal(err)
	}
	defer mail.Close()
	cfgPath := writeConfig(t, mail, "")
	storePath := filepath.Join(filepath.Dir(cfgPath), "jobback.db")
	raw, err := os.ReadFile(situations + "06-gmail.eml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mail.Deliver(raw); err != nil {
		t.Fatal(err)
	}
	backup := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Main(context.Background(), append([]string{"backup"}, args...), nil, &out, &errb)
		return code, out.String(), errb.String()
	}

	// The daemon answers the message and keeps running.
	ctx, cancel := context.WithCancel(context.Background())
	var derr syncBuffer
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"run", "--config", cfgPath}, nil, io.Discard, &derr) }()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("jobback run: exit %d; stderr:\n%s", code, derr.String())
		}
	}()
	wctx, wcancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer wcancel()
	if _, err := mail.WaitSent(wctx, 1); err != nil {
		t.Fatalf("%v; stderr:\n%s", err, derr.String())
	}
	waitOutput(t, &derr, regexp.MustCompile(`reply sent`))

	dir := t.TempDir()
	dst := filepath.Join(dir, "jobback-backup.db")
	code, out, errOut := backup("--config", cfgPath, dst)
	m := regexp.MustCompile(`^backup ok  (\S+) \((\d+) bytes, schema version (\d+)\)\n$`).FindStringSubmatch(out)
	if code != 0 || m == nil || m[1] != dst {
		t.Fatalf("backup: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	st, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := strconv.ParseInt(m[2], 10, 64); n != st.Size() || st.Mode().Perm() != 0o600 {
		t.Fatalf("the copy is %d bytes, mode %o; printed: %s", st.Size(), st.Mode().Perm(), out)
	}
	before, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}

	// The daemon goes on recording.
	if _, err := mail.Deliver(bytes.Replace(raw, []byte("Message-ID: <"), []byte("Message-ID: <again."), 1)); err != nil {
		t.Fatal(err)
	}
	waitOutput(t, &derr, regexp.MustCompile(`message recorded.*message_id=again\.`))

	// A backup never overwrites a file.
	code, out, errOut = backup("--config", cfgPath, dst)
	if code != 1 || out != "" || !strings.Contains(errOut, "already exists") {
		t.Fatalf("backup to an existing file: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if after, _ := os.ReadFile(dst); !bytes.Equal(after, before) {
		t.Fatal("a refused backup changed the file")
	}

	// The copy is a store holding the first message.
	s, err := store.Open(context.Background(), dst)
	if err != nil {
		t.Fatal(err)
	}
	in, err := s.ListInbound(context.Background())
	v, _ := s.SchemaVersion(context.Background())
	s.Close()
	if err != nil || len(in) != 1 || strconv.Itoa(v) != m[3] {
		t.Fatalf("the copy holds %d inbound messages (%v), schema version %d; printed: %s", len(in), err, v, out)
	}

	// --store, without a configuration.
	dst2 := filepath.Join(dir, "by-path.db")
	if code, out, errOut := backup("--store", storePath, dst2); code != 0 || !strings.HasPrefix(out, "backup ok  "+dst2) {
		t.Fatalf("backup --store: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}

	// A store that does not exist is said so, and not created.
	missing := filepath.Join(dir, "no-such.db")
	code, _, errOut = backup("--store", missing, filepath.Join(dir, "x.db"))
	if code != 1 || !strings.Contains(errOut, missing+" does not exist") {
		t.Fatalf("a missing store: exit %d\nstderr: %s", code, errOut)
	}
	for _, p := range []string{missing, filepath.Join(dir, "x.db")} {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("%s: %v, want no file", p, err)
		}
	}

	// Usage errors.
	for _, args := range [][]string{
		{"--config", cfgPath},
		{"--config", cfgPath, "a.db", "b.db"},
		{"--config", cfgPath, "--store", storePath, filepath.Join(dir, "both.db")},
		{"--no-such-flag", "a.db"},
	} {
		if code, _, errOut := backup(args...); code != 2 || !strings.Contains(errOut, "backup") {
			t.Errorf("backup %q: exit %d, want 2; stderr:\n%s", args, code, errOut)
		}
	}
}
