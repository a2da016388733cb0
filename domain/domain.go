// Package domain holds the few types and values every part of jobback
// shares, each defined once: the kinds of message jobback sends, the
// command words a person replies with, the TLS modes of a server
// connection, and the value that says handled mail is flagged rather
// than moved. It imports nothing of jobback, and everything may import it.
package domain

// Kind names a message jobback sends. It is what the store's outbox.kind
// and followups.kind columns hold, what the schedule plans, and what the
// responder picks a template by.
type Kind string

const (
	// KindAdvice answers a person's story: the advice and the letter.
	KindAdvice Kind = "advice"
	// KindRevised is the letter again, after "Key: value" corrections.
	KindRevised Kind = "revised"
	// KindNudgeSend, two days after the advice: send the letter, and ask
	// for an in-person meeting within a few days.
	KindNudgeSend Kind = "nudge_send"
	// KindNudgeFollowup, seven days after SENT with no news: one polite
	// follow-up, with a short draft of it.
	KindNudgeFollowup Kind = "nudge_followup"
	// KindChecklist, after NO or 21 days of silence: a plan B (a discreet
	// job search, references, other openings at the same company, keep
	// the bridge intact: a bump, not a fall).
	KindChecklist Kind = "checklist"
	// KindCheckin, weekly during the search: how is it going, and the
	// commands they can reply.
	KindCheckin Kind = "checkin"
	// KindCongrats, after YES: congratulations and next steps.
	KindCongrats Kind = "congrats"
	// KindConfirmStop answers STOP: nothing more will be sent.
	KindConfirmStop Kind = "confirm_stop"
	// KindConfirmForget answers FORGET: every record is deleted and this
	// is the last message. Once it is sent (or given up on), its
	// recipient and content are erased too.
	KindConfirmForget Kind = "confirm_forget"
	// KindConfirmSnooze answers SNOOZE: paused until a given day.
	KindConfirmSnooze Kind = "confirm_snooze"
	// KindConfirmSent answers SENT: well done, and when a follow-up would
	// be due.
	KindConfirmSent Kind = "confirm_sent"
	// KindHelp answers words we could not read: the commands, and how
	// "Key: value" lines correct the letter.
	KindHelp Kind = "help"
)

// FollowupKinds are the kinds the schedule plans, in a fixed order.
var FollowupKinds = []Kind{KindNudgeSend, KindNudgeFollowup, KindChecklist, KindCheckin, KindCongrats}

// Command is a command word a person replies with, in lower case as the
// parser reads it ("STOP", "stop" and "Stop." are all CommandStop).
type Command string

const (
	CommandStop   Command = "stop"   // cancel everything
	CommandSent   Command = "sent"   // they sent the letter
	CommandYes    Command = "yes"    // they got the job back (or a meeting that went well)
	CommandNo     Command = "no"     // the answer was no
	CommandSnooze Command = "snooze" // pause everything for a while
	CommandForget Command = "forget" // cancel everything and delete every record of them
)

// The TLS modes of a connection to an IMAP or SMTP server (the tls keys of
// config.yaml).
const (
	TLSImplicit = "implicit" // TLS from the first byte (IMAPS 993, SMTPS 465; RFC 8314)
	TLSStartTLS = "starttls" // a plain connection upgraded with STARTTLS (IMAP 143, submission 587; RFC 3207)
	TLSNone     = "none"     // no encryption: loopback, or a network you trust
)

// ProcessedFlag is the imap.processed value that marks handled mail
// \Answered and leaves it where it is, instead of moving it to a folder.
const ProcessedFlag = "flag"

// Decision is what the daemon did with an inbound message: the store
// records it with the message, and the status page counts by it.
type Decision string

const (
	DecisionAnswered   Decision = "answered"    // an advice reply (or a revised letter) was queued
	DecisionIgnored    Decision = "ignored"     // automatic mail: never answered
	DecisionOwnAddress Decision = "own_address" // from (or replying to) our own address
	DecisionWindow     Decision = "window"      // already advised within the per-sender window
	DecisionCapped     Decision = "capped"      // global hourly cap reached
	DecisionOversize   Decision = "oversize"    // over the size limit: left unanswered
	DecisionTooOld     Decision = "too_old"     // arrived longer ago than the age limit: no advice
	DecisionCommand    Decision = "command"     // a command word: the follow-ups were replanned
	DecisionUnreadable Decision = "unreadable"  // could not be parsed or rendered
	DecisionNoSender   Decision = "no_sender"   // no address to answer
	DecisionHelp       Decision = "help"        // unknown words from someone we know: the help reply was queued
	DecisionCopy       Decision = "own_copy"    // the copy of one of our replies (never recorded: see OutboxCopy)
)

// State is where a person's case stands: it decides what a repeated
// command changes, and which follow-ups are planned.
type State string

const (
	StateNew     State = "new"     // a case opened, no advice yet
	StateAdvised State = "advised" // the advice (and letter) went out
	StateSent    State = "sent"    // they said SENT: the letter is with the boss
	StateYes     State = "yes"     // they said YES: the job is back
	StateNo      State = "no"      // they said NO: the backup plan
	StateStopped State = "stopped" // they said STOP: nothing more is sent
)
