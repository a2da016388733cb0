package outbox

import (
	"bufio"
	"bytes"
	"net/textproto"
	"testing"
)

// dotWriterOutput is what textproto's DotWriter writes for raw, without
// the final ".\r\n".
func dotWriterOutput(t testing.TB, raw []byte) []byte {
	var b bytes.Buffer
	w := textproto.NewWriter(bufio.NewWriter(&b))
	dw := w.DotWriter()
	if _, err := dw.Write(raw); err != nil {
		t.Fatal(err)
	}
	if err := dw.Close(); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte(".\r\n"))
}

func TestDotStuff(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		ok   bool
		want string
	}{
		{"Subject: x\r\n\r\nhello\r\n", true, "Subject: x\r\n\r\nhello\r\n"},
		{".\r\n", true, "..\r\n"},
		{"a\r\n.\r\n.b\r\n..c\r\n", true, "a\r\n..\r\n..b\r\n...c\r\n"},
		{"no end", true, "no end\r\n"},
		{".no end", true, "..no end\r\n"},
		{"", true, ""},
		{"a\nb\r\n", false, ""},
		{"a\rb\r\n", false, ""},
		{"a\r\n\r", false, ""},
		{"\n", false, ""},
	} {
		got, ok := dotStuff([]byte(tc.raw))
		if ok != tc.ok || (ok && string(got) != tc.want) {
			t.Errorf("dotStuff(%q) = %q, %v; want %q, %v", tc.raw, got, ok, tc.want, tc.ok)
		}
		if ok && len(tc.raw) > 0 {
			if dw := dotWriterOutput(t, []byte(tc.raw)); string(dw) != string(got) {
				t.Errorf("dotStuff(%q) = %q; DotWriter writes %q", tc.raw, got, dw)
			}
		}
	}
}

// A reply as the responder writes it goes out in one piece, as the
// DotWriter would have written it.
func TestDotStuffRealReply(t *testing.T) {
	raw := benchReplyRaw(t)
	got, ok := dotStuff(raw)
	if !ok {
		t.Fatal("a reply written by go-mail is not in CRLF lines")
	}
	if want := dotWriterOutput(t, raw); !bytes.Equal(got, want) {
		t.Fatal("dotStuff and DotWriter differ on a real reply")
	}
}

// FuzzDotStuff: whenever dotStuff takes a message, it writes exactly what
// the DotWriter writes.
func FuzzDotStuff(f *testing.F) {
	for _, s := range []string{"a\r\n.b\r\n", ".", "x\r\n.\r\n", "\r\n\r\n", "a\nb", "..\r\n.."} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, ok := dotStuff(raw)
		if !ok || len(raw) == 0 {
			return
		}
		if want := dotWriterOutput(t, raw); !bytes.Equal(got, want) {
			t.Fatalf("dotStuff(%q) = %q; DotWriter writes %q", raw, got, want)
		}
	})
}

func benchReplyRaw(t testing.TB) []byte {
	return testReply(t).Raw
}
