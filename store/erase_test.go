package store

import (
	"bytes"
	"context"
	"jobback/domain"
	"os"
	"path/filepath"
	"testing"
	"time"
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
		Size: 10, Decision: domain.DecisionCommand, ReceivedAt: t0}, Case: &CaseUpdate{Person: person, MessageAt: t0}, Forget: true, Now: t0}
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

// The confirmation of a FORGET carries the person's address and words
// until it is done with: once it is sent, or given up on, its bytes go and
// EraseWAL empties the log, and no file of the store holds them (issue 15,
// finding 2; the review found the confirmation left behind).
func TestForgetConfirmationReachesTheDisk(t *testing.T) {
	for _, end := range []string{"sent", "failed"} {
		t.Run(end, func(t *testing.T) {
			ctx := context.Background()
			s, path := open(t)
			dir := filepath.Dir(path)
			person := "yolanda.periwinkle@example.org"
			words := "Quillfeather Lamp Works"
			r := answered(1, "y1@x", person)
			r.Outbox[0].Raw = []byte("To: " + person + "\r\n\r\nabout " + words + "\r\n")
			r.Outbox[0].Person = person
			if _, err := s.Record(ctx, r); err != nil {
				t.Fatal(err)
			}
			forget := Record{Inbound: Inbound{Key: InboundKey{"INBOX", 7, 9}, MessageID: "forget@x", From: person, Subject: "FORGET",
				Size: 10, Decision: domain.DecisionCommand, ReceivedAt: t0}, Case: &CaseUpdate{Person: person, MessageAt: t0}, Forget: true, Now: t0,
				Outbox: []NewOutbox{{Kind: domain.KindConfirmForget, MessageID: "bye@x", From: "help@x", Recipient: person,
					Raw: []byte("To: " + person + "\r\n\r\nWe forgot " + words + ".\r\n")}}}
			res, err := s.Record(ctx, forget)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Claim(ctx, t0, time.Minute, 8)
			if err != nil || len(got) != 1 || got[0].ID != res.OutboxIDs[0] {
				t.Fatalf("claimed %v, %v; want the confirmation", got, err)
			}
			if end == "sent" {
				err = s.MarkSent(ctx, got[0].ID, t0)
			} else {
				err = s.MarkFailed(ctx, got[0].ID, t0, "550 no such user")
			}
			if err != nil {
				t.Fatal(err)
			}
			s.EraseWAL(ctx)
			s.Close()
			files, _ := filepath.Glob(filepath.Join(dir, "*"))
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				for _, secret := range []string{person, words} {
					if n := bytes.Count(b, []byte(secret)); n > 0 {
						t.Errorf("%s holds %q %d times", filepath.Base(f), secret, n)
					}
				}
			}
		})
	}
}
