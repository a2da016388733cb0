package parser

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"jobback/internal/procstat"
)

const storyText = "I was fired last Friday from Northwind Traders, where I was a payroll clerk for four years. My manager, Dana Whitfield, said my error rate was too high.\r\n"

// hugeAttachment is a 25 MB message: a short story and a 25 MB attachment.
func hugeAttachment() []byte {
	var b bytes.Buffer
	b.WriteString("From: Sam Lee <sam@example.com>\r\nTo: help@jobback.example\r\nSubject: fired\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n")
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=BOUND\r\n\r\n--BOUND\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
	b.WriteString(storyText)
	b.WriteString("\r\n--BOUND\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=big.bin\r\n\r\n")
	line := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0xAB, 0xCD, 0xEF}, 19)) + "\r\n"
	for b.Len() < 25<<20 {
		b.WriteString(line)
	}
	b.WriteString("--BOUND--\r\n")
	return b.Bytes()
}

// hugeText is a 25 MB message whose text body is the whole of it.
func hugeText() []byte {
	var b bytes.Buffer
	b.WriteString("From: Sam Lee <sam@example.com>\r\nTo: help@jobback.example\r\nSubject: fired\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\n")
	b.WriteString(storyText)
	filler := strings.Repeat("All work and no play makes Jack a dull boy. ", 20) + "\r\n"
	for b.Len() < 25<<20 {
		b.WriteString(filler)
	}
	return b.Bytes()
}

// thousandParts is a message of 1,000 MIME parts, the story in the first.
func thousandParts() []byte {
	var b bytes.Buffer
	b.WriteString("From: Sam Lee <sam@example.com>\r\nTo: help@jobback.example\r\nSubject: fired\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n")
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\n")
	b.WriteString(storyText)
	for i := 1; i < 1000; i++ {
		fmt.Fprintf(&b, "--B\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=p%d.png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n", i)
	}
	b.WriteString("--B--\r\n")
	return b.Bytes()
}

// deepNesting is multipart nested far beyond any real client.
func deepNesting() []byte {
	var b bytes.Buffer
	b.WriteString("From: Sam Lee <sam@example.com>\r\nSubject: deep\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n")
	for i := 1; i < 500; i++ {
		fmt.Fprintf(&b, "--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n", i-1, i)
	}
	b.WriteString("--b499\r\nContent-Type: text/plain\r\n\r\nhello\r\n")
	return b.Bytes()
}

var largeCases = []struct {
	name string
	make func() []byte
}{
	{"25MB-attachment", hugeAttachment},
	{"25MB-text", hugeText},
	{"1000-parts", thousandParts},
	{"deep-nesting", deepNesting},
}

// TestLargeMessages: a huge or many-part message gets the same clear result
// as a small one.
func TestLargeMessages(t *testing.T) {
	if testing.Short() {
		t.Skip("large messages skipped in -short mode")
	}
	for _, c := range largeCases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Parse(c.make())
			if err != nil {
				t.Fatal(err)
			}
			if c.name == "deep-nesting" {
				return // the text lies deeper than we read; a result without a panic is the point
			}
			f := m.Facts
			if f.Action != ActionAdvise || f.Situation != SituationFired || f.Company != "Northwind Traders" || f.BossName != "Dana Whitfield" {
				t.Errorf("facts = %+v", f)
			}
			if len(m.Text) > maxTextBytes {
				t.Errorf("kept %d bytes of text, limit %d", len(m.Text), maxTextBytes)
			}
		})
	}
}

// TestHelperParseFile is run as a child process by BenchmarkLargeMessageRSS
// so that its peak RSS can be read from the operating system.
func TestHelperParseFile(t *testing.T) {
	name := os.Getenv("JOBBACK_PARSE_FILE")
	if name == "" {
		t.Skip("helper process only")
	}
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(raw); err != nil {
		t.Fatal(err)
	}
	// VmHWM is this process's own peak RSS (ru_maxrss would include the
	// parent's at fork time).
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			fmt.Println(line)
		}
	}
}

// BenchmarkLargeMessageRSS parses each large message in a child process and
// reports the child's peak resident memory (VmHWM), which includes the
// message itself read into memory and the test binary's own footprint.
func BenchmarkLargeMessageRSS(b *testing.B) {
	dir := b.TempDir()
	for _, c := range largeCases {
		path := filepath.Join(dir, c.name+".eml")
		if err := os.WriteFile(path, c.make(), 0o600); err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			var peak int64
			for i := 0; i < b.N; i++ {
				cmd := exec.Command(os.Args[0], "-test.run=^TestHelperParseFile$", "-test.count=1")
				cmd.Env = append(os.Environ(), "JOBBACK_PARSE_FILE="+path)
				out, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("%v: %s", err, out)
				}
				kb, _ := procstat.ParsePeak(out)
				if kb == 0 {
					b.Skipf("no peak RSS reported: %s", out)
				}
				if kb > peak {
					peak = kb
				}
			}
			b.ReportMetric(float64(peak)/1024, "peak-RSS-MB")
		})
	}
}
