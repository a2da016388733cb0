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
