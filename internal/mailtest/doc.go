// Package mailtest runs mail servers inside the process, on the loopback
// interface, for tests and for `jobback demo` (through daemon/localmail):
//
//   - IMAPServer is go-imap's imapserver over imapmemserver, with the hooks
//     the tests need: capability sets, implicit TLS or STARTTLS, restart,
//     stop and freeze of connections, quirks (a session wrapper, rewritten
//     CAPABILITY answers, UID after the body in FETCH answers), a record of
//     the wire, counts of connections and IDLE commands, delivery with flags
//     and internal dates, and reading flags and Message-IDs back.
//   - SMTPServer is emersion/go-smtp with fault injection (a temporary 451,
//     a permanent 550, a dropped connection, a hang until Release), hooks
//     per command, AUTH (PLAIN, LOGIN, CRAM-MD5, XOAUTH2), implicit TLS or
//     STARTTLS, and a record of what it took and of the wire.
//
// Both wait on state rather than time: WaitSent returns once the SMTP
// server took n messages, and IMAPServer.Wait re-checks a condition each
// time a mailbox changes.
//
// The real servers, Dovecot and Postfix, are started by the e2e package
// (build tag e2e): e2e.Servers chooses between the running suite's and a
// private set by E2E_DOVECOT.
//
// Nothing here imports package testing: the demo is built into the jobback
// binary.
package mailtest
