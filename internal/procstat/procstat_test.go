package procstat

import (
	"errors"
	"testing"
)

func TestParsePeak(t *testing.T) {
	kb, err := ParsePeak([]byte("Name:\tx\nVmPeak:\t  9000 kB\nVmHWM:\t   38123 kB\nVmRSS:\t 100 kB\n"))
	if err != nil || kb != 38123 {
		t.Fatalf("ParsePeak = %d, %v; want 38123", kb, err)
	}
	if _, err := ParsePeak([]byte("Name:\tx\n")); !errors.Is(err, ErrNoPeak) {
		t.Fatalf("no VmHWM: %v", err)
	}
	if _, err := ParsePeak([]byte("VmHWM: lots kB\n")); err == nil || errors.Is(err, ErrNoPeak) {
		t.Fatalf("bad number: %v", err)
	}
}

func TestPeakRSSOfThisProcess(t *testing.T) {
	kb, err := PeakRSS()
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	if kb <= 0 {
		t.Fatalf("peak RSS %d KiB", kb)
	}
}

func TestParseCPU(t *testing.T) {
	stat := []byte("cpu  100 5 40 9000 7 3 2 1 0 0\ncpu0 50 2 20 4500 3 1 1 0 0 0\n")
	self := []byte("1234 (go test (x)) S 1 1 1 0 -1 4194304 100 0 0 0 250 60 0 0 20 0 9 0 1 1 1\n")
	c, err := ParseCPU(stat, self)
	if err != nil {
		t.Fatal(err)
	}
	// user+nice+system+irq+softirq = 100+5+40+3+2 ticks; idle and iowait
	// do not count.
	if want := 150 * clockTick; c.Machine != want {
		t.Errorf("Machine = %v, want %v", c.Machine, want)
	}
	if want := 310 * clockTick; c.Self != want {
		t.Errorf("Self = %v, want %v", c.Self, want)
	}
	for _, bad := range [][2]string{
		{"intr 1 2 3\n", string(self)},
		{string(stat), "1234 no name 5"},
		{string(stat), "1234 (x) S 1 2"},
		{"cpu 1 2 x 4 5 6 7\n", string(self)},
	} {
		if _, err := ParseCPU([]byte(bad[0]), []byte(bad[1])); err == nil {
			t.Errorf("ParseCPU(%q, %q) gave no error", bad[0], bad[1])
		}
	}
}

func TestReadCPUGrows(t *testing.T) {
	a, err := ReadCPU()
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	x := 0
	for i := 0; i < 50_000_000; i++ {
		x += i ^ x
	}
	b, err := ReadCPU()
	if err != nil {
		t.Fatal(err)
	}
	d := b.Sub(a)
	if d.Self <= 0 || d.Machine < d.Self-2*clockTick {
		t.Fatalf("after a busy loop (%d): %+v", x, d)
	}
}
