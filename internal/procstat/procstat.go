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
	"time"
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

// CPU is a reading of CPU time spent so far: by the whole machine (every
// core's user, nice, system, irq and softirq time, from /proc/stat) and by
// this process (from /proc/self/stat). Two readings taken around a piece of
// work tell how much of the machine it used and how much of that was this
// process's own.
type CPU struct {
	Machine time.Duration // busy time of all cores together
	Self    time.Duration // user + system time of this process
}

// ReadCPU takes a reading. It fails where there is no /proc.
func ReadCPU() (CPU, error) {
	stat, err := os.ReadFile("/proc/stat")
	if err != nil {
		return CPU{}, fmt.Errorf("cannot read CPU time: %w", err)
	}
	self, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return CPU{}, fmt.Errorf("cannot read CPU time: %w", err)
	}
	return ParseCPU(stat, self)
}

// clockTick is USER_HZ, the unit of /proc's CPU times: 100 on every Linux
// architecture Go runs on.
const clockTick = 10 * time.Millisecond

// ParseCPU reads the "cpu" line of /proc/stat (user nice system idle iowait
// irq softirq steal ...) and fields 14 and 15 (utime, stime) of
// /proc/self/stat.
func ParseCPU(stat, self []byte) (CPU, error) {
	var c CPU
	line, _, _ := bytes.Cut(stat, []byte("\n"))
	f := strings.Fields(string(line))
	if len(f) < 8 || f[0] != "cpu" {
		return c, fmt.Errorf("cannot read CPU time: /proc/stat starts with %q", line)
	}
	var busy int64
	for i, v := range f[1:8] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return c, fmt.Errorf("cannot read CPU time: %q: %w", v, err)
		}
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		busy += n
	}
	c.Machine = time.Duration(busy) * clockTick
	// The command name (field 2) is in parentheses and may hold spaces.
	i := bytes.LastIndexByte(self, ')')
	if i < 0 {
		return c, errors.New("cannot read CPU time: no command name in /proc/self/stat")
	}
	g := strings.Fields(string(self[i+1:]))
	// g[0] is field 3 (state), so utime and stime are g[11] and g[12].
	if len(g) < 13 {
		return c, errors.New("cannot read CPU time: /proc/self/stat is too short")
	}
	for _, v := range g[11:13] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return c, fmt.Errorf("cannot read CPU time: %q: %w", v, err)
		}
		c.Self += time.Duration(n) * clockTick
	}
	return c, nil
}

// Sub is the CPU time spent between an earlier reading and c.
func (c CPU) Sub(earlier CPU) CPU {
	return CPU{Machine: c.Machine - earlier.Machine, Self: c.Self - earlier.Self}
}
