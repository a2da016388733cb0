package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestForgetReachesTheDisk: after FORGET, no byte of any of the store's
// files holds the person's address or their story, while the store is
// open and after it is closed (issue 15, finding 2: the WAL held the
// address 45 times and the database file the whole facts).
func TestForgetReachesTheDisk(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	dir := filepath.Dir(path)
	person := "zelda.quartermaine@example.org"
	story := "Zanzibar Widget Cooperative"
	for i := uint32(1); i <= 3; i++ {
		r := answered(i, "m"+string(rune('0'+i))+"@x", person)
		r.Case.Facts = []byte(`{"action":"advise","company":"` + story + `"}`)
		r.Outbox[0].Raw = []byte("To: " + person + "\r\n\r\nabout " + story + "\r\n")
		r.Outbox[0].Person = person
		if i > 1 {
			r.Followups = nil
		}
		if _, err := s.Record(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	forget := Record{Inbound: Inbound{Key: InboundKey{"INBOX", 7, 9}, MessageID: "forget@x", From: person, Subject: "FORGET",
		Size: 10, Decision: DecisionCommand, ReceivedAt: t0}, Case: &CaseUpdate{Person: person, MessageAt: t0}, Forget: true, Now: t0}
	if _, err := s.Record(ctx, forget); err != nil {
		t.Fatal(err)
	}
	look := func(when string) {
		t.Helper()
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, secret := range []string{person, story} {
				if n := bytes.Count(b, []byte(secret)); n > 0 {
					t.Errorf("%s: %s holds %q %d times", when, filepath.Base(f), secret, n)
				}
			}
		}
	}
	look("open")
	s.Close()
	look("closed")
}
