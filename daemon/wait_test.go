package daemon

import "time"

// eventually checks cond every interval until it holds, for at most
// within, and reports whether it held. It is how these tests wait for a
// state that nothing announces: rows in the store, mail in Dovecot, lines
// in a child's log. (The in-process servers announce theirs: localmail's
// WaitSent, internal/mailtest's Wait.)
func eventually(within, interval time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(interval)
	}
	return true
}
