package responder

import "testing"

// BenchmarkReply measures facts → RFC 5322 bytes for one message of each
// playbook: building the data, executing the letter, advice and layout
// templates, and writing the MIME message with go-mail.
func BenchmarkReply(b *testing.B) {
	r := newTestResponder(b, "")
	for _, name := range []string{"fired", "laid_off", "quit", "wrongful", "ask"} {
		m := fixtures()[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				rep, err := r.Reply(m)
				if err != nil {
					b.Fatal(err)
				}
				size = len(rep.Raw)
			}
			b.ReportMetric(float64(size), "bytes/reply")
		})
	}
}

// BenchmarkReplyParallel renders on all CPUs at once, as the daemon's
// workers would.
func BenchmarkReplyParallel(b *testing.B) {
	r := newTestResponder(b, "")
	r.random = func(p []byte) {} // the test source is not safe for concurrent use
	m := fixtures()["fired"]
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := r.Reply(m); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkRenderOnly is the template part alone, without go-mail.
func BenchmarkRenderOnly(b *testing.B) {
	r := newTestResponder(b, "")
	m := fixtures()["fired"]
	b.ReportAllocs()
	for b.Loop() {
		d := r.buildData(m)
		if _, err := r.renderAdvice(d); err != nil {
			b.Fatal(err)
		}
	}
}
