//go:build e2e && linux

package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// FaultFS is a small ext4 filesystem of its own, on a loop device, that a
// test can cut the power to: PowerCut shuts it down the way a power cut or
// a dead disk does (EXT4_IOC_SHUTDOWN with the NOLOGFLUSH flag, as the
// kernel's fstests do with their "godown" tool): from then on every read
// and write on it fails with EIO, and whatever was written but not yet made
// durable by an fsync (or by the journal's own periodic commit) is lost.
// Remount then mounts it again, which replays the journal: the files hold
// what had reached the disk, as after the machine comes back.
//
// The journal is committed only when something calls fsync (commit=600), so
// that a write never made durable is reliably lost, not saved by the
// journal's five-second timer.
type FaultFS struct {
	Dir  string // the mount point: put the files under test here
	img  string
	loop string
}

// NewFaultFS makes, formats and mounts a 64 MB filesystem for tb, and
// removes it when tb ends. It needs root and a free loop device. Without
// them it fails tb when the suite is required (E2E_REQUIRED, set by
// e2e/run.sh: .ci/run must not pass these tests by skipping them) and
// skips it otherwise, saying why; E2E_FAULTFS=skip skips it on purpose,
// on a machine that cannot mount (an unprivileged container).
func NewFaultFS(tb testing.TB) *FaultFS {
	tb.Helper()
	cannot := func(format string, args ...any) {
		tb.Helper()
		msg := fmt.Sprintf(format, args...)
		switch {
		case os.Getenv("E2E_FAULTFS") == "skip":
			tb.Skip("SKIPPED (E2E_FAULTFS=skip): " + msg)
		case os.Getenv("E2E_REQUIRED") != "":
			tb.Fatal(msg + " (E2E_FAULTFS=skip skips the storage-fault tests on purpose)")
		default:
			tb.Skip("SKIPPED: " + msg)
		}
	}
	if os.Geteuid() != 0 {
		cannot("the storage-fault test mounts a filesystem on a loop device and needs root")
	}
	for _, prog := range []string{"losetup", "mkfs.ext4", "mount", "umount"} {
		if _, err := exec.LookPath(prog); err != nil {
			cannot("the storage-fault test needs %s: %v", prog, err)
		}
	}
	base, err := os.MkdirTemp("/tmp", "jobback-faultfs.")
	if err != nil {
		tb.Fatal(err)
	}
	f := &FaultFS{Dir: filepath.Join(base, "mnt"), img: filepath.Join(base, "fs.img")}
	if err := os.Mkdir(f.Dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(f.img, nil, 0o600); err != nil {
		tb.Fatal(err)
	}
	if err := os.Truncate(f.img, 64<<20); err != nil {
		tb.Fatal(err)
	}
	if out, err := exec.Command("mkfs.ext4", "-q", "-F", f.img).CombinedOutput(); err != nil {
		tb.Fatalf("cannot format the fault filesystem: %v: %s", err, out)
	}
	out, err := exec.Command("losetup", "-f", "--show", f.img).CombinedOutput()
	if err != nil {
		os.RemoveAll(base)
		cannot("the storage-fault test needs a loop device: losetup: %v: %s", err, bytes.TrimSpace(out))
	}
	f.loop = strings.TrimSpace(string(out))
	tb.Cleanup(func() {
		exec.Command("umount", "-l", f.Dir).Run()
		exec.Command("losetup", "-d", f.loop).Run()
		os.RemoveAll(base)
	})
	if err := f.mount(); err != nil {
		tb.Fatal(err)
	}
	return f
}

func (f *FaultFS) mount(opts ...string) error {
	o := strings.Join(append([]string{"commit=600"}, opts...), ",")
	if out, err := exec.Command("mount", "-t", "ext4", "-o", o, f.loop, f.Dir).CombinedOutput(); err != nil {
		return fmt.Errorf("cannot mount the fault filesystem: %v: %s", err, bytes.TrimSpace(out))
	}
	return nil
}

// ext4's shutdown ioctl (EXT4_IOC_SHUTDOWN, _IOR('X', 125, __u32), the same
// number as XFS_IOC_GOINGDOWN) and its flag that flushes neither data nor
// journal.
const (
	ioctlShutdown      = 0x8004587d
	shutdownNoLogFlush = 2
)

// PowerCut shuts the filesystem down at once: everything not yet durable is
// lost and every later access fails.
func (f *FaultFS) PowerCut() error {
	d, err := os.Open(f.Dir)
	if err != nil {
		return err
	}
	defer d.Close()
	flags := uint32(shutdownNoLogFlush)
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, d.Fd(), ioctlShutdown, uintptr(unsafe.Pointer(&flags))); errno != 0 {
		return fmt.Errorf("cannot shut the fault filesystem down: %w", errno)
	}
	return nil
}

// Remount unmounts the shut-down filesystem (every process using it must
// have stopped) and mounts it again, replaying its journal.
func (f *FaultFS) Remount() error {
	if out, err := exec.Command("umount", f.Dir).CombinedOutput(); err != nil {
		return fmt.Errorf("cannot unmount the fault filesystem: %v: %s", err, bytes.TrimSpace(out))
	}
	return f.mount()
}

// RemountReadOnly unmounts the filesystem (nothing may have a file open on
// it) and mounts it again read-only, as the kernel does after an I/O error
// with errors=remount-ro.
func (f *FaultFS) RemountReadOnly() error {
	if out, err := exec.Command("umount", f.Dir).CombinedOutput(); err != nil {
		return fmt.Errorf("cannot unmount the fault filesystem: %v: %s", err, bytes.TrimSpace(out))
	}
	return f.mount("ro")
}
