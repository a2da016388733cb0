// Package procstat reads a process's peak resident memory from Linux's
// /proc/PID/status (VmHWM, "high water mark"), for benchmarks that report
// memory. It is not used by the daemon itself.
package procstat

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// ErrNoPeak means the status text has no VmHWM line (not Linux, or no
// /proc).
var ErrNoPeak = errors.New("no VmHWM line")

// PeakRSS returns this process's peak resident set in KiB.
func PeakRSS() (int64, error) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("cannot read peak RSS: %w", err)
	}
	return ParsePeak(status)
}

// PeakRSSMB is PeakRSS in MiB, 0 when it cannot be read.
func PeakRSSMB() float64 {
	kb, err := PeakRSS()
	if err != nil {
		return 0
	}
	return float64(kb) / 1024
}

// ParsePeak finds "VmHWM: N kB" in the text of a /proc/PID/status file (or
// in output that copies that line) and returns N.
func ParsePeak(status []byte) (int64, error) {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "VmHWM:")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("cannot read VmHWM %q: %w", rest, err)
		}
		return kb, nil
	}
	return 0, ErrNoPeak
}
