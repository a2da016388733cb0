package parser

import (
	"bytes"
	"encoding/json"
	"jobback/domain"
	"time"

	"github.com/emersion/go-message/mail"
)

// Action says what the daemon should do with a message.
type Action string

const (
	// ActionAdvise: a person describing their situation; answer with advice and a letter.
	ActionAdvise Action = "advise"
	// ActionCommand: a reply whose new text is a command word (STOP, SENT, ...).
	ActionCommand Action = "command"
	// ActionIgnore: must never get an automatic answer (RFC 3834 and common practice).
	ActionIgnore Action = "ignore"
)

// Situation is how the person's job ended.
type Situation string

const (
	SituationFired   Situation = "fired"    // let go over their own performance or behaviour
	SituationLaidOff Situation = "laid_off" // position cut for business reasons
	SituationQuit    Situation = "quit"     // they resigned and now regret it
	SituationUnknown Situation = "unknown"
)

// Terms is how the person and the employer parted.
type Terms string

const (
	TermsGood    Terms = "good"
	TermsBad     Terms = "bad"
	TermsUnknown Terms = "unknown"
)

// Signal is a sign that a termination may have been unlawful.
type Signal string

const (
	SignalDiscrimination Signal = "discrimination"
	SignalRetaliation    Signal = "retaliation"
	SignalWhistleblowing Signal = "whistleblowing"
	SignalJuryDuty       Signal = "jury_duty"
	SignalContract       Signal = "contract"
	SignalMedicalLeave   Signal = "medical_leave"
	SignalHarassment     Signal = "harassment"
)

// Question is something the writer asks us, from a closed list.
type Question string

const (
	QuestionOKToAsk        Question = "ok_to_ask"        // is it all right to ask for the job back
	QuestionHowToWord      Question = "how_to_word"      // how to word the letter or the request
	QuestionCallOrEmail    Question = "call_or_email"    // call, email, or go in person
	QuestionWhatToSay      Question = "what_to_say"      // what to say about why they left or the new job
	QuestionWhoToAsk       Question = "who_to_ask"       // the boss, someone above, or HR
	QuestionHowLongToWait  Question = "how_long_to_wait" // when to ask, how long to wait for an answer
	QuestionChances        Question = "chances"          // whether it can work at all
	QuestionApplyToPosting Question = "apply_to_posting" // whether to apply to the posted job
	QuestionSeeLawyer      Question = "see_lawyer"       // whether to see a lawyer
)

// NewJob says whether the writer has a job now.
type NewJob string

const (
	NewJobHas     NewJob = "has"     // they work somewhere else now
	NewJobEnded   NewJob = "ended"   // they took another job and it ended
	NewJobNone    NewJob = "none"    // they say they have found nothing
	NewJobUnknown NewJob = "unknown" // not said
)

// Position is what the writer knows of their old job.
type Position string

const (
	PositionFilled     Position = "filled"      // someone has it
	PositionPosted     Position = "posted"      // it is advertised
	PositionRecallList Position = "recall_list" // they are on a recall or rehire list
	PositionOpen       Position = "open"        // it is still empty
	PositionUnknown    Position = "unknown"
)

// Want is what the writer is after.
type Want string

const (
	WantJobBack      Want = "job_back"
	WantOtherRole    Want = "other_role" // another role at the same employer
	WantReference    Want = "reference"
	WantAppeal       Want = "appeal"       // to appeal or have the decision reviewed
	WantCompensation Want = "compensation" // money owed or a settlement
	WantAdvice       Want = "advice"       // only advice
)

// Facts is what the parser understood of one message: the fields of
// docs/FIELDS.md. Empty strings and nil pointers are "not known"
// and are written as JSON null.
type Facts struct {
	Action          Action
	Command         domain.Command // "" unless Action is ActionCommand
	Situation       Situation
	SenderName      string
	BossName        string
	BossEmail       string
	Company         string
	Role            string
	LeftAgoDays     *int
	TenureYears     *float64
	Terms           Terms
	Reason          string
	WrongfulSignals []Signal
	PositionFilled  *bool
	Accomplishments []string

	// The facts replies need to answer the person (the second table of
	// FIELDS.md): what they have done since, what they ask, whether they
	// have a new job, what they know of the old one, what they want.
	Improvements []string
	Questions    []Question
	NewJob       NewJob
	Position     Position
	Wants        []Want

	// SnoozeDays is the pause asked for with SNOOZE (0 when none was
	// given; the scheduler applies its default). Written only when set.
	SnoozeDays int
}

// Envelope is what the parser read from the headers that the daemon and the
// responder need besides the facts: who to answer, how to thread the reply,
// and why a message is ignored.
type Envelope struct {
	MessageID    string    // without angle brackets; "" if absent
	InReplyTo    []string  // message IDs, without angle brackets
	References   []string  // message IDs, without angle brackets
	Subject      string    // RFC 2047 decoded
	FromAddress  string    // the author's address (lower-cased domain); "" unless From is exactly one mailbox
	FromName     string    // the From display name, decoded
	FromProblem  string    // why a From field present gave no address (it did not parse as one mailbox)
	ReplyTo      string    // the Reply-To address, "" if none or not exactly one mailbox
	AnswerTo     string    // whom a reply goes to: FromAddress, or ReplyTo when the Screen allows it (see Screen.Apply)
	AnswerWhy    string    // why a Reply-To was not followed, "" when it was or there was none
	Date         time.Time // the Date header, in its own offset; zero if missing or unparsable
	IgnoreReason string    // for ActionIgnore: which rule matched, and its source
	IgnoreRule   string    // for ActionIgnore: the rule's family (rules/screen.txt; RuleOwn, RuleSpam ...)
}

// Message is the parser's whole result for one message.
type Message struct {
	Facts    Facts
	Envelope Envelope
	// Text is the writer's own new words: the body with quoted earlier
	// messages, signatures and phone footers removed.
	Text string
	// Keys are the canonical names of the facts the writer gave as
	// "Key: value" lines ("boss", "company", ...), sorted; a reply made of
	// them corrects the facts of an earlier message.
	Keys []string
	// Words counts the words of Text outside the Key: lines.
	Words int
	// Lang is the lexicon the text was read with ("en").
	Lang string
	// StillEmployed is true when nothing has happened yet: the situation
	// is unknown and the writer, still in the job, speaks of trouble in it
	// (a warning, a plan, fear of lay-offs, thinking of quitting). The
	// reply then helps them keep it rather than get it back.
	StillEmployed bool
	// Trouble is, when StillEmployed, which trouble the writer speaks of
	// first: "plan" (a warning, an improvement plan, probation), "layoffs",
	// "leaving" (thinking of quitting) or "leave" (off sick); "" when the
	// words do not say.
	Trouble string
	// Country is where the job most likely was, as an ISO code ("us",
	// "uk", "au"), from the writer's words or the Date's offset; "" when
	// unknown. A reply gives that country's deadlines. It is read only
	// for a message that shows signs of an unlawful dismissal, asks about
	// a lawyer, or comes from someone still in the job.
	Country string
	// OtherLang is the language ("de", "es", "pt", "fr", "it", "nl", "pl")
	// whose everyday words the writer mixes into their English, or "": a
	// reply suggests the letter may go in it.
	OtherLang string
	// Visa is true when the writer's right to stay in the country seems to
	// hang on the job ("my visa depends on this job"): a reply says to see
	// an immigration adviser first.
	Visa bool
	// OnBehalf is true when the writer writes for someone else ("on behalf
	// of my brother", "asking for a friend"): the reply is for that person,
	// and the letter is not signed with the writer's name.
	OnBehalf bool
	// BehalfSituation is, for a writer who writes for someone else, what
	// happened to that person ("the owner fire him"): Facts.Situation
	// stays the writer's own (unknown), and the reply uses this one.
	BehalfSituation Situation
	// BehalfName and BehalfWho are, for a writer who writes for someone
	// else, that person's name and what they are to the writer ("Emilio",
	// "son"), when told; BehalfBoss is their manager's name as written
	// ("Lic. Herrera"). Not facts of the writer's: a reply's letter is in
	// the person's name, to their manager.
	BehalfName, BehalfWho, BehalfBoss string
	// BehalfSelf is, when a writer for someone else asks whether they
	// should reach the boss themselves, that question ("would it help if
	// I rang?"): the reply says it should come from the person. "" when
	// they do not ask it.
	BehalfSelf string
	// Disputed is true when the writer denies what they were blamed for
	// ("I did not steal any money"): a letter must not admit it.
	Disputed bool
	// Cleared is, when Disputed, what was found since that clears the
	// writer, as a clause of theirs ("it was a double posting from the
	// system upgrade"); "" when they tell of none.
	Cleared string
	// DeniedOwned is true when the writer denies what they were blamed
	// for but owns a part of it ("I never took a cent, I'm just rubbish at
	// the cash up"): not Disputed, and no plain apology for the act either.
	DeniedOwned bool
	// LeftApprox is true when Facts.LeftAgoDays was read from a span of a
	// week or more ("a couple of weeks back", "about a month ago", "last
	// week"), not from a day ("on the 9th", "last Friday", "yesterday"):
	// a letter should not turn it into a date.
	LeftApprox bool
	// OwnFault is true when Facts.Reason is what the writer says they did
	// wrong, in the first person ("I lost my rag"), not the words of what
	// they were blamed for: with Disputed, the part they own.
	OwnFault bool
	// LegalAsked is the writer's question whether what was done to them is
	// lawful ("Is what he did even allowed?"), as written; "" when they ask
	// none.
	LegalAsked string
	// ComplaintDoubt is the writer's question whether a complaint they
	// made had anything to do with it ("I did complain about the staff
	// meals. That wouldn't have anything to do with it, would it?"), as
	// written; "" when they ask none.
	ComplaintDoubt string
	// AppealOffered is true when the writer says they were given a right
	// to appeal ("I have been given the right to appeal within 21 days"):
	// the procedure exists, and its deadline is what matters.
	AppealOffered bool
	// AppealTo is, with AppealOffered, the person the appeal goes to as
	// the writer tells it ("I can appeal within 5 working days, to the
	// area manager Sue Kendrick"), or "".
	AppealTo string
	// Decider is the person the writer says made the decision to let them
	// go ("the store manager Craig Bellamy made the call"); "" when not
	// said.
	Decider string
	// DecidedAbove is true when the writer says the decision was not their
	// boss's own ("the decision came from Head Office", "his hands were
	// tied"): a letter asks for the boss's support, not for the boss to
	// reconsider.
	DecidedAbove bool
	// HasHR is true when the writer speaks of an HR department or a
	// personnel office ("I went to HR", "the HR lady"): there is someone
	// besides the boss to write to.
	HasHR bool
	// Retired is true when the job ended in a retirement the writer now
	// regrets ("I retired on June 30", "took early retirement"): a
	// resignation, told in the words of one.
	Retired bool
	// Closed is true when, after a lay-off, the workplace itself closed
	// ("they shut down the plant", "the store closed for good"): there is
	// no old position to come back to there.
	Closed bool
	// Offered is true when the writer tells that the boss said they would
	// have them back ("the door's open", "you're the first I'll call"):
	// the letter can remind them of it.
	Offered bool
	// ReferenceOffered is true when the writer tells that the boss offered
	// them a reference ("he told me he'd be a reference any time").
	ReferenceOffered bool
	// CleanRecord is true when the writer says their record was clean
	// before it ended ("never had a single write-up", "never in trouble",
	// "a clean record"): a letter with no numbers to cite can say so.
	CleanRecord bool
	// Pledges are what the writer promises to do if taken back, as the
	// words after the promise ("do every count with two people" from "i
	// would do every count with two people if they gave me a chance"), at
	// most two (improvements.txt, pledge): a letter says them as "I will
	// ...".
	Pledges []string
	// KeptOut are what the writer asks not to be mentioned, in lower case
	// ("aa" from "i dont want to mention AA if thats weird"): a letter
	// leaves out every step or figure that names it.
	KeptOut []string
	// Records are what the writer says they hold that shows what happened,
	// named as a reply names them ("the court papers", "your pay slips"),
	// each once, in the order told, at most four (signals.txt,
	// record_held): the advice to keep records can name them.
	Records []string
	// EventWords is the sentence that says what happened and the one after
	// it, at most about 400 bytes: a reply may look in them for what went
	// wrong ("late", "a customer") when no reason was read. Never shown.
	EventWords string
	// Asked is, for each kind of question in Facts.Questions, the
	// writer's own question that asked it, on one line and shortened to
	// about 110 characters: the reply quotes it back over its answer.
	Asked map[Question]string
	// AskedAll is every question the writer asks, whatever its kind or
	// none, each on one line and shortened as Asked's are: a reply may
	// look in them for a worry told in a question of its own ("Is it
	// tacky to go after your own old job a week after being cut?" beside
	// "Should I apply to the posting?", fresh-59's review).
	AskedAll []string
	// AskedPeople are the people named in the question of whom to ask
	// ("should I go to Renee or straight to Greg?": Renee, Greg), as
	// written; the boss among them too.
	AskedPeople []string
	// quoted are the authors of the quoted earlier messages (quotedAuthors).
	quoted []string
	// ownAt is where in Text the writer's own earlier message, quoted
	// below their new words, begins; 0 when there is none (or no new
	// words before it).
	ownAt int
	// header is the message's header, for the rules Screen.Apply adds.
	header mail.Header
	// Evidence says, for every fact found, the words it came from, the rule
	// that read them and how strong it is; weak facts are kept here and
	// left out of Facts.
	Evidence []Evidence
}

// factsJSON fixes the field names and order of FIELDS.md.
type factsJSON struct {
	Action          Action          `json:"action"`
	Command         *domain.Command `json:"command"`
	Situation       Situation       `json:"situation"`
	SenderName      *string         `json:"sender_name"`
	BossName        *string         `json:"boss_name"`
	BossEmail       *string         `json:"boss_email"`
	Company         *string         `json:"company"`
	Role            *string         `json:"role"`
	LeftAgoDays     *int            `json:"left_ago_days"`
	TenureYears     *float64        `json:"tenure_years"`
	Terms           Terms           `json:"terms"`
	Reason          *string         `json:"reason"`
	WrongfulSignals []Signal        `json:"wrongful_signals"`
	PositionFilled  *bool           `json:"position_filled"`
	Accomplishments []string        `json:"accomplishments"`
	Improvements    []string        `json:"improvements"`
	Questions       []Question      `json:"questions"`
	NewJob          NewJob          `json:"new_job"`
	Position        Position        `json:"position"`
	Wants           []Want          `json:"wants"`
	SnoozeDays      int             `json:"snooze_days,omitempty"`
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func derefStr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// MarshalJSON writes the facts with the names of FIELDS.md; unknown values are null.
func (f Facts) MarshalJSON() ([]byte, error) {
	j := factsJSON{
		Action:          f.Action,
		Situation:       f.Situation,
		SenderName:      strPtr(f.SenderName),
		BossName:        strPtr(f.BossName),
		BossEmail:       strPtr(f.BossEmail),
		Company:         strPtr(f.Company),
		Role:            strPtr(f.Role),
		LeftAgoDays:     f.LeftAgoDays,
		TenureYears:     f.TenureYears,
		Terms:           f.Terms,
		Reason:          strPtr(f.Reason),
		WrongfulSignals: f.WrongfulSignals,
		PositionFilled:  f.PositionFilled,
		Accomplishments: f.Accomplishments,
		Improvements:    f.Improvements,
		Questions:       f.Questions,
		NewJob:          f.NewJob,
		Position:        f.Position,
		Wants:           f.Wants,
		SnoozeDays:      f.SnoozeDays,
	}
	if f.Command != "" {
		c := f.Command
		j.Command = &c
	}
	if j.Situation == "" {
		j.Situation = SituationUnknown
	}
	if j.Terms == "" {
		j.Terms = TermsUnknown
	}
	if j.WrongfulSignals == nil {
		j.WrongfulSignals = []Signal{}
	}
	if j.Accomplishments == nil {
		j.Accomplishments = []string{}
	}
	if j.Improvements == nil {
		j.Improvements = []string{}
	}
	if j.Questions == nil {
		j.Questions = []Question{}
	}
	if j.Wants == nil {
		j.Wants = []Want{}
	}
	if j.NewJob == "" {
		j.NewJob = NewJobUnknown
	}
	if j.Position == "" {
		j.Position = PositionUnknown
	}
	// "&", "<" and ">" as they are: the facts are read by people and
	// scripts, not put into HTML.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(j); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// UnmarshalJSON reads facts written by MarshalJSON (or labels.json).
func (f *Facts) UnmarshalJSON(b []byte) error {
	var j factsJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*f = Facts{
		Action:          j.Action,
		Situation:       j.Situation,
		SenderName:      derefStr(j.SenderName),
		BossName:        derefStr(j.BossName),
		BossEmail:       derefStr(j.BossEmail),
		Company:         derefStr(j.Company),
		Role:            derefStr(j.Role),
		LeftAgoDays:     j.LeftAgoDays,
		TenureYears:     j.TenureYears,
		Terms:           j.Terms,
		Reason:          derefStr(j.Reason),
		WrongfulSignals: j.WrongfulSignals,
		PositionFilled:  j.PositionFilled,
		Accomplishments: j.Accomplishments,
		Improvements:    j.Improvements,
		Questions:       j.Questions,
		NewJob:          j.NewJob,
		Position:        j.Position,
		Wants:           j.Wants,
		SnoozeDays:      j.SnoozeDays,
	}
	if j.Command != nil {
		f.Command = *j.Command
	}
	return nil
}
