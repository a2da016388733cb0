// Package e2e is jobback's end-to-end suite: tests against a real Dovecot
// (IMAP, RFC 9051 / RFC 3501, and LMTP, RFC 2033) and a real Postfix (SMTP,
// RFC 5321) from Debian's packages, running on 127.0.0.1 with all their
// state in a temporary folder.
//
// Everything that needs the servers is behind the build tag "e2e", so a
// plain "go test ./..." builds only this comment. Run the suite with
//
//	bash e2e/run.sh
//
// which installs the packages if they are missing (as root), starts the
// servers (e2e/start.sh), runs "go test -tags e2e -count=1 -v ./e2e/..." with
// the ports in E2E_* environment variables, and stops the servers
// (e2e/stop.sh) on exit. Run "go test -tags e2e ./e2e/..." without those
// variables and every test is skipped with a message saying so.
//
// With the tag, the package also holds helpers for other end-to-end tests:
// Setup reads the running setup; Servers chooses, by E2E_DOVECOT, between
// it (shared) and servers of a test's own started by start.sh (private);
// Env dials IMAP as a user, sends through Postfix, appends, counts and
// waits for messages, gives a test a folder of its own, and stops,
// restarts or kicks the servers for fault tests. The in-process servers
// for tests without Dovecot and Postfix are internal/mailtest's.
package e2e
