package templates

import (
	_ "embed"
	htmltemplate "html/template"
	"regexp"
	"slices"
	"strings"
	texttemplate "text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"jobback/internal/wordfile"
)

// wordsTxt holds the word classes the helpers below read facts with
// (words.txt): each section is one of this file's variables.
//
//go:embed words.txt
var wordsTxt string

// words is words.txt, read.
var words = wordfile.MustParse("words.txt", wordsTxt)

// Data is the one value every template is filled from. The responder
// builds it from the parser's facts; an empty string means "not known",
// and templates show a missing fact in the letter as a visible
// [placeholder] with the fill function.
//
// More message kinds (issue 5: nudges, checklists, confirmations) use the
// same struct: they set Kind and the fields they need, and add their own
// fields below the "follow-ups" comment.
type Data struct {
	// Kind is the message kind: "advice" for the first reply.
	Kind string
	// Playbook is the advice chosen from the facts: "fired", "laid_off",
	// "quit", "wrongful" or "ask" (situation unknown or key facts missing).
	Playbook string
	// Situation is the parser's situation: fired, laid_off, quit, unknown.
	Situation string

	// Name is the writer's full name and FirstName the name to greet them by.
	Name      string
	FirstName string
	// Boss is the former manager's name as written ("Jane Smith",
	// "Mr. Patel"); BossShort is how to address them ("Jane",
	// "Mr. Patel").
	Boss      string
	BossShort string
	BossEmail string
	Company   string
	Role      string
	// RoleA is Role as it reads after "as": with "a" or "an" ("as a
	// support engineer"), or bare for a post there is one of ("as head
	// brewer").
	RoleA string
	// When says when they left, in words ("yesterday", "last week",
	// "about two months ago").
	When string
	// LetterWhen is the day the job ended as a letter says it ("on 27
	// November", "on November 27" in the US), or When when the message's
	// date is unknown: a letter may be sent days after the advice, and
	// "four days ago" would be stale by then (fresh-45's review).
	LetterWhen string
	// Ended is the day the job ended, when the message dates it to the
	// day; the zero time otherwise. By counts a deadline from it.
	Ended time.Time
	// LeftAgoDays is the number of days since they left, or -1.
	LeftAgoDays int
	// Tenure is how long they worked there, in words ("four years").
	Tenure string
	// Terms is how they left: good, bad or unknown.
	Terms string
	// Reason is why they were let go or why they quit, as they wrote it,
	// without a final full stop.
	Reason string
	// QuitReason is, for a writer who resigned, Reason when a letter to
	// the old boss can say it as it stands; "" for talk it cannot repeat
	// (the letter then says what kind of move it was).
	QuitReason string
	// ForOffer is "yes" when a writer who resigned left for a job offer
	// (their reason speaks of one).
	ForOffer string
	// Country is where the job most likely was ("us", "uk", "au", ...; the
	// parser's guess), or "": the deadlines a reply gives are that
	// country's.
	Country string
	// OtherLang is the language whose words the writer mixes into their
	// English ("de", "es", ...; the parser's Message.OtherLang), or "": the
	// reply says the letter may go in it.
	OtherLang string
	// Visa is true when their right to stay seems to hang on the job.
	Visa bool
	// Frontline is "yes" for a job on a shop floor, a kitchen or a site
	// (a line cook, a cashier, a picker), where a boss is more often texted
	// or seen than emailed (fresh-51's review: "Send it ... as a normal
	// email" to a fast-food manager).
	Frontline string
	// AppealTo is, for a fired writer given a right of appeal, the person
	// the appeal goes to as they told it ("to the area manager Sue
	// Kendrick"), when not the boss: the fired letter is then the appeal,
	// to them (fresh-51's review, ay36). AppealToShort is how it greets
	// them. Both "" otherwise.
	AppealTo, AppealToShort string
	// AppealToAsked is "yes" when AppealTo is not what the dismissal letter
	// says but the one person above the boss the writer asked about
	// sending the appeal to ("Do I write the appeal to Bev or go over her
	// head to the area manager, Gareth Pryce?", fresh-52's review, az02):
	// someone senior who was not part of the decision.
	AppealToAsked string
	// Above is, for a possibly unlawful dismissal at a place with no HR to
	// write to, the one person above the boss the writer asked about going
	// to ("or just ring the boss (Gary Barton, owns the place)"): the
	// neutral letter goes to them, not to a boss who may be the one
	// complained about (fresh-51's review, ay07). AboveShort is how the
	// letter greets them. Both "" otherwise.
	Above, AboveShort string
	// OthersAsked are the people other than the boss the writer named when
	// asking whom to approach ("Greg", "Mr. Okonkwo").
	OthersAsked []string
	// ReasonOwned is the fired letter's sentence that names what they did,
	// in the letter's words ("I know what went wrong: I was late too many
	// times."), or "" when the reason read is no whole reason.
	ReasonOwned string
	// Signals are the signs the termination may have been unlawful.
	Signals []Signal
	// PositionFilled is "yes", "no" or "" (not known).
	PositionFilled string
	// NewJob is whether they work elsewhere now: "has", "ended" (they took
	// one and it ended), "none" or "unknown".
	NewJob string
	// Position is what they know of their old job: "filled", "posted",
	// "recall_list", "open" or "unknown".
	Position string
	// Accomplishments are the contributions they mentioned, each starting
	// with a capital letter and without a final full stop.
	Accomplishments []string
	// Plan is the concrete improvement plan offered in a fired letter: the
	// writer's own steps (Improvements) when they gave some, else a stock
	// plan for the reason, ending with the offer of a weekly check-in.
	Plan []string
	// Improvements are what the writer has done since to fix the cause, as
	// full first-person sentences in a letter's register ("I have been
	// seeing a therapist every week."); empty when they gave none.
	Improvements []string
	// Missing lists the facts worth asking for, as "Key: value" lines.
	Missing []Field
	// Disputed is "yes" when the writer denies what they were blamed for:
	// the fired letter then takes responsibility only for what they own,
	// and admits nothing else.
	Disputed string
	// OwnedToo is, when Disputed, the act the writer owns besides what they
	// deny, as the letter's sentence ("I lost my temper."), or "".
	OwnedToo string
	// DeniedOwned is "yes" when the writer denies what they were blamed
	// for but owns a part of it ("I never took a cent, I'm just rubbish at
	// the cash up"): the fired letter owns the care ("I know the till was
	// short on my shift, and it was my responsibility to see that it could
	// not.") and admits nothing more (fresh-56's review, bd33).
	DeniedOwned string
	// ReasonOnWatch is "yes" when the reason already says it happened
	// while the writer was in charge ("on my shift"): the letter then does
	// not add "on my watch".
	ReasonOnWatch string
	// Cleared is, when Disputed, what was found since that clears the
	// writer, as a clause ("it was a double posting from the system
	// upgrade"), or "".
	Cleared string
	// LegalAsked is the writer's question whether what was done to them is
	// lawful, quoted, or "": for a possibly unlawful dismissal, the answers
	// take it up first (fresh-54's review).
	LegalAsked string
	// ComplaintDoubt is the writer's question whether a complaint they
	// made had anything to do with it, quoted (or our short wording): the
	// answers take it up when no sign of an unlawful dismissal was read.
	ComplaintDoubt string
	// AppealOffered is "yes" when the writer was given a right to appeal
	// ("within 21 days"): the answers send them through it, on time, not
	// round it.
	AppealOffered string
	// Decider is how to name the person the writer says made the decision,
	// when not the boss ("Craig Bellamy made the call"): whom to ask
	// points to them.
	Decider string
	// DecidedAbove is "yes" when the writer says the decision was not the
	// boss's own ("his hands were tied", "it came from Head Office"), or
	// names someone else who made it (Decider): the letter asks for the
	// boss's support rather than for them to reconsider.
	DecidedAbove string
	// HasHR is "yes" when the writer speaks of an HR department or a
	// personnel office: a letter after a complaint can go there.
	HasHR string
	// SignWords are the writer's own words that showed the first sign of an
	// unlawful dismissal ("I went to HR (Lorraine Feeney)"), quoted, for
	// the records to keep; "" when they were too long or not in the text.
	SignWords string
	// CleanRecord is "yes" when the writer says their record was clean
	// until it ended: a fired letter with no numbers to cite says so.
	CleanRecord string
	// Records are what the writer says they hold that shows what happened
	// ("the court papers", "your pay slips"): "keep records" names them.
	Records []string
	// Retired is "yes" when the job ended in a retirement they regret: the
	// quit letter and advice speak of retiring, and of part-time, relief or
	// advisory work as well as the old post.
	Retired string
	// Closed is "yes" when, after a lay-off, the workplace itself closed:
	// the letter and advice ask about other locations and roles, not about
	// the old position coming back.
	Closed string
	// Offered is "yes" when the writer tells that the boss said they would
	// have them back ("the door's open"): the letter reminds them of it,
	// and it counts in the writer's favour.
	Offered string
	// ReferenceOffered is "yes" when the boss offered a reference.
	ReferenceOffered string
	// Trouble is, for a writer still in the job (the at_risk playbook),
	// the trouble they speak of: "plan", "layoffs", "leaving", "leave", or
	// "" when not said; the advice then keeps only the step for it.
	Trouble string
	// OnBehalf is "yes" when the writer writes for someone else: the
	// advice speaks of "them", and the letter is a draft in that person's
	// name, not the writer's.
	OnBehalf string
	// BehalfName and BehalfWho are, when OnBehalf, the person's name and
	// what they are to the writer ("Emilio", "son"), or "" when not told;
	// BehalfHe, BehalfHim and BehalfHis are their pronouns ("he", "him",
	// "his"; "they", "them", "their" when not known).
	BehalfName, BehalfWho          string
	BehalfHe, BehalfHim, BehalfHis string
	// BehalfSelf is, when OnBehalf, the writer's question whether they
	// should reach the boss themselves ("would it help if I rang?"), or "".
	BehalfSelf string
	// Questions are what the writer asked, from the parser's closed list
	// (ok_to_ask, how_to_word, call_or_email, what_to_say, who_to_ask,
	// how_long_to_wait, chances, apply_to_posting, see_lawyer), in the
	// order asked; answers.txt answers each before the steps.
	Questions []string
	// AskedText is, per question in Questions, the writer's own words that
	// asked it (one line, short); Said quotes them over the answer.
	AskedText map[string]string
	// AskedWords is, per question in Questions, the sentence that asked it,
	// also when it asked more than one ("is it ok to text jan or should i
	// go out there in person": ok_to_ask and call_or_email).
	AskedWords map[string]string
	// AskedAll is every question the writer asked, of a known kind or not,
	// joined: WorriedAbout looks in it.
	AskedAll string
	// Wants are what the writer said they are after, from the parser's
	// closed list (job_back, other_role, reference, appeal, compensation,
	// advice); answers.txt answers the ones a letter alone does not
	// (appeal, compensation, other_role, reference).
	Wants []string

	// AssistantName and AssistantAddress are who the reply comes from.
	AssistantName    string
	AssistantAddress string
	// Subject is the subject of the message we answer.
	Subject string

	// Filled in by the renderer in this order: Letter (from
	// "letter_<playbook>.txt"), then Advice (from "advice_<playbook>.txt"),
	// then the whole reply ("advice.txt" and "advice.html").
	Letter        string
	LetterSubject string
	LetterFile    string
	MailtoURL     string
	Advice        string
	AdviceBlocks  []Block
	LetterBlocks  []Block

	// Follow-ups and confirmations (issue 5). Kind is one of the responder's
	// Kind constants ("nudge_send", "checkin", "confirm_snooze", ...); the
	// kind's own words come from "followup_<kind>.txt" and are laid out by
	// "followup.txt" and "followup.html".

	// Body is the kind's text, tidied, in the format of blocks.go, and
	// BodyBlocks its blocks for the HTML part.
	Body       string
	BodyBlocks []Block
	// Draft is a short letter for them to send (nudge_followup: one polite
	// follow-up), from "draft_followup.txt"; DraftSubject is its subject
	// line and DraftBlocks its blocks for the HTML part. "" when none.
	Draft        string
	DraftSubject string
	DraftBlocks  []Block
	// Until (confirm_snooze: when messages resume) and Next (confirm_sent:
	// when a follow-up is due if nothing is heard) are dates in words in
	// the person's zone ("Monday 30 November"), or "" when not known.
	Until string
	Next  string
	// Stoppable is true when the message reminds them they can reply STOP
	// (every kind but the confirmations of STOP and FORGET).
	Stoppable bool

	// Revised is true for an advice reply sent again after the person
	// corrected facts with "Key: value" lines; Corrected lists what they
	// corrected, in words ("your manager's name (Jane Smith)"), and the
	// advice opens with "advice_revised.txt".
	Revised   bool
	Corrected []string
}

// By returns the day that falls days after the job ended, as a letter
// writes a date ("2 October"; "October 2" in the US), for a deadline
// counted from the end; "" when the end is not known to the day, or when
// that day had passed by the message's date.
func (d Data) By(days int) string {
	if d.Ended.IsZero() || d.LeftAgoDays < 0 || d.LeftAgoDays > days {
		return ""
	}
	if d.Country == "us" {
		return d.Ended.AddDate(0, 0, days).Format("January 2")
	}
	return d.Ended.AddDate(0, 0, days).Format("2 January")
}

// Answered reports whether answers.txt has something to say: a question,
// or a want it answers.
// HasSignal reports whether the parser read sign s (a parser.Signal's
// name) of an unlawful dismissal: a deadline that only one kind of claim
// has is given only for it.
func (d Data) HasSignal(s string) bool {
	for _, x := range d.Signals {
		if x.Key == s {
			return true
		}
	}
	return false
}

// HasGround reports whether a sign the writer shows was over the given
// ground (see Signal.Ground).
func (d Data) HasGround(g string) bool {
	for _, x := range d.Signals {
		if x.Ground == g {
			return true
		}
	}
	return false
}

func (d Data) Answered() bool {
	if len(d.Questions) > 0 || d.BehalfSelf != "" || d.ComplaintDoubt != "" && d.Playbook != "wrongful" {
		return true
	}
	for _, w := range d.Wants {
		switch w {
		case "appeal", "compensation", "other_role", "reference":
			return true
		}
	}
	return false
}

// ToHR reports whether the letter goes to HR rather than to the boss: a
// possibly unlawful dismissal after a complaint, a report or harassment,
// where the boss may be the one complained about, or after discrimination
// or a medical leave, where the boss's own words or decision are what is in
// question (fresh-46's review: "you were gone a long time"), at a workplace
// whose HR the writer speaks of. A request for the written reason and the
// personnel file is HR's to answer anyway.
func (d Data) ToHR() bool {
	// (a small firm whose owner runs the crews has no HR to write to:
	// fresh-37's and fresh-38's reviews)
	if d.Playbook != "wrongful" || d.HasHR == "" {
		return false
	}
	for _, s := range d.Signals {
		switch s.Key {
		case "harassment", "retaliation", "whistleblowing", "discrimination", "medical_leave":
			return true
		}
	}
	return false
}

// aboveSignals are the signs after which the boss may be the one in
// question and someone above is not: a firing after a complaint, a claim or
// a report. (Not after discrimination, a medical leave or harassment, where
// the one above may be the one who said it: "Mr Webb, the director, made a
// comment", fresh-12's q07.)
var aboveSignals = map[string]bool{"retaliation": true, "whistleblowing": true}

// LetterAbove reports whether, with no HR to write to, the letter goes to
// the person above the boss the writer asked about (Above).
func (d Data) LetterAbove() bool {
	if d.Playbook != "wrongful" || d.ToHR() || d.Above == "" {
		return false
	}
	for _, s := range d.Signals {
		if aboveSignals[s.Key] {
			return true
		}
	}
	return false
}

// SeriousReason reports whether the reason read is one employers rarely
// reverse (gross misconduct, theft, a failed drug or breath test, a
// zero-tolerance rule): words of serious_reason in words.txt.
func (d Data) SeriousReason() bool {
	return containsAny(" "+strings.ToLower(d.Reason)+" ", seriousReason)
}

// containsAny reports whether s holds any of the words (lower case, as
// parts of words too: "approv" in "approval").
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// seriousReason are the words of a reason employers rarely reverse.
var seriousReason = words.List("serious_reason")

// InFavour lists, in words, what the writer told that speaks for taking
// them back (for the answer on their chances): their years there, what
// they achieved, what they have already changed, a good parting.
func (d Data) InFavour() []string {
	var out []string
	if d.Tenure != "" {
		out = append(out, d.Tenure+" there")
	}
	if len(d.Accomplishments) > 0 {
		out = append(out, "what you achieved there")
	}
	if len(d.Improvements) > 0 {
		out = append(out, "what you have already changed since")
	}
	if d.Terms == "good" {
		out = append(out, "a good parting")
	}
	if d.Offered != "" {
		who := "your manager"
		if d.BossShort != "" {
			who = d.BossShort
		}
		out = append(out, who+"'s word that you would be welcome back")
	}
	return out
}

// ReasonIsAct reports whether the reason is told as the writer's own act
// ("I signed the delivery notes").
func (d Data) ReasonIsAct() bool { return strings.HasPrefix(d.Reason, "I ") }

// Holds reports whether one of the records the writer says they hold
// speaks of any of the words ("doctor"): the advice then does not tell
// them to keep it as if it were new.
func (d Data) Holds(words ...string) bool {
	for _, r := range d.Records {
		if containsAny(strings.ToLower(r), words) {
			return true
		}
	}
	return false
}

// Lawyer is what people where the job was call an employment lawyer:
// "employment attorney" in the US, "employment solicitor" in the UK and
// Ireland, "employment lawyer" elsewhere.
func (d Data) Lawyer() string {
	switch d.Country {
	case "us":
		return "employment attorney"
	case "uk", "ie":
		return "employment solicitor"
	}
	return "employment lawyer"
}

// LetterLanguage is the name of the language the writer mixes into their
// English ("German" for "de"), or "" (words.txt, language_names).
func (d Data) LetterLanguage() string { return languageNames[d.OtherLang] }

var languageNames = words.Map("language_names")

// Wanted reports whether the writer said they are after w ("appeal").
func (d Data) Wanted(w string) bool { return slices.Contains(d.Wants, w) }

// Said is the writer's own question of kind q in quotation marks, to head
// its answer, or fallback (our wording of it) when their words are not
// known.
func (d Data) Said(q, fallback string) string {
	if t := d.AskedText[q]; t != "" {
		return "“" + t + "”"
	}
	return fallback
}

// WaitRule is the length of a wait the writer asks about as a rule ("do i
// gotta wait 90 days like they say": "90 days"), or "": the answer then
// speaks of a rehire rule, not only of letting feelings settle (fresh-42's
// review).
func (d Data) WaitRule() string {
	return waitRule.FindString(d.AskedWords["how_long_to_wait"])
}

var waitRule = regexp.MustCompile(`\b[0-9]{1,3} ?(days|weeks|months|day|week|month)\b`)

// AskedAbout reports whether the writer's own question of kind q has one of
// words in it ("ring or text?" for call_or_email and "text"): an answer can
// then speak of the means they named.
func (d Data) AskedAbout(q string, words ...string) bool {
	return hasWord(d.AskedWords[q], words...)
}

// hasWord reports whether text has one of words in it as a whole word (or
// words), whatever the case.
func hasWord(text string, words ...string) bool {
	t := " " + strings.ToLower(text) + " "
	for _, w := range words {
		for _, sep := range []string{" ", ",", "?", "!", "."} {
			if strings.Contains(t, " "+w+sep) {
				return true
			}
		}
	}
	return false
}

// WorriedAbout reports whether any question of the writer's has one of
// words in it, whatever its kind: "Is it tacky to go after your own old
// job a week after being cut?" asked beside "Should I apply to the
// posting?" (fresh-59's review: "is it tacky?" left unanswered).
func (d Data) WorriedAbout(words ...string) bool {
	return hasWord(d.AskedAll, words...)
}

// WorriedFlaky reports whether the writer worries, in a question, about
// looking unstable or flaky (words.txt, flaky_words): an answer says first
// why it won't look so.
func (d Data) WorriedFlaky() bool { return d.WorriedAbout(flakyWords...) }

// flakyWords are the words of a worry of looking unstable.
var flakyWords = words.List("flaky_words")

// AskedToText reports whether the writer's own question of kind q speaks
// of a text message ("ring or text?", "WhatsApp or email?"): the answer and
// the steps then speak of a text, not of an email.
func (d Data) AskedToText(q string) bool {
	return d.AskedAbout(q, "text", "texting", "whatsapp", "msg", "message", "sms")
}

// ContractOnly reports whether the only sign of an unlawful ending is a
// contract not kept (notice pay, severance, a fixed term cut short): the
// letter then asks for what the contract says they are owed, not for a
// reason they most often have already.
func (d Data) ContractOnly() bool {
	return len(d.Signals) == 1 && d.Signals[0].Key == "contract"
}

// Asked reports whether the writer asked q, a name from the parser's
// closed list of questions ("apply_to_posting").
func (d Data) Asked(q string) bool { return slices.Contains(d.Questions, q) }

// Signal is one sign of an unlawful termination, in words.
type Signal struct {
	Key    string // the parser's name: "retaliation", ...
	Text   string // a phrase for the advice
	Ground string // what the writer's words say it was over, if known: "union", "claim", "pay", "complaint" (retaliation); "safety", "fraud" (whistleblowing); "pregnancy", "age" ... (discrimination)
}

// Field is one fact to ask for as a "Key: value" line.
type Field struct {
	Key  string // "Boss", "Company", ... (the parser reads these keys)
	Hint string // shown after the colon in brackets, which the parser ignores
}

var funcs = map[string]any{
	"fill":           fill,
	"join":           joinWords,
	"joinLower":      joinLower,
	"upper1":         upperFirst,
	"because":        because,
	"firm":           firm,
	"ask":            func(f Field) string { return f.Key + ": " + f.Hint },
	"signals":        signalTexts,
	"hasPlaceholder": func(s string) bool { return strings.Contains(s, "[") },
	// list and add build a list in a template, for join
	"list": func(s ...string) []string { return s },
	"add":  func(l []string, s ...string) []string { return append(l[:len(l):len(l)], s...) },
	// inc numbers the sections a template shows only sometimes
	"inc": func(n int) int { return n + 1 },
}

func signalTexts(s []Signal) string {
	t := make([]string, len(s))
	for i, x := range s {
		t[i] = x.Text
	}
	return joinWords(t)
}

var textFuncs = texttemplate.FuncMap(funcs)
var htmlFuncs = htmltemplate.FuncMap(funcs)

// fill returns v, or "[hint]" when v is empty: a missing fact stays visible
// in the letter for the writer to fill in.
func fill(v, hint string) string {
	if strings.TrimSpace(v) != "" {
		return v
	}
	return "[" + hint + "]"
}

// joinWords joins with commas and a final "and".
func joinWords(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// joinLower is joinWords for items written to open a line ("Got our claim
// denial rate down ...") put inside a sentence: each item's first letter
// lower-cased, unless the word is an acronym or a name ("CSAT", "Star
// Performer award" keep theirs).
func joinLower(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it
		w, _, _ := strings.Cut(it, " ")
		r, n := utf8.DecodeRuneInString(w)
		if n == 0 || !unicode.IsUpper(r) || strings.IndexFunc(w[n:], unicode.IsUpper) >= 0 || !lowerFirstWords[strings.ToLower(w)] {
			continue
		}
		out[i] = string(unicode.ToLower(r)) + it[n:]
	}
	return joinWords(out)
}

// lowerFirstWords are first words of a contribution that are no name:
// verbs and determiners ("Got", "Set up", "Our", "The").
var lowerFirstWords = words.Set("lower_first_words")

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// clauseStarts are first words that make a reason a whole clause ("I
// wanted to try freelancing", "our grant ran out").
var clauseStarts = words.Set("clause_starts")

// determiners start a clause when a verb follows ("our grant ran out") and
// a noun phrase otherwise ("a better offer").
var determiners = words.Set("determiners")

// finiteVerbs are common verbs that make a phrase a clause.
var finiteVerbs = words.Set("finite_verbs")

// IsFiniteVerb reports whether w (lower case) is one of the common verbs
// that make a reason a clause ("my drawer came up short") rather than a
// noun phrase ("attendance issues").
func IsFiniteVerb(w string) bool { return finiteVerbs[w] }

func hasFiniteVerb(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if finiteVerbs[strings.Trim(w, ",.;:")] {
			return true
		}
	}
	return false
}

// because turns a reason into a phrase that follows "I left" or "I was let
// go": "to join a startup" for a bare verb, "because I wanted to ..." for a
// clause, "because of performance issues" for the rest.
func because(reason string) string {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return ""
	}
	first := strings.ToLower(strings.Fields(reason)[0])
	first = strings.Trim(first, ",.;:")
	switch {
	case strings.HasPrefix(strings.ToLower(reason), "to "):
		return reason
	case strings.HasPrefix(strings.ToLower(reason), "because "):
		return reason
	case clauseStarts[first]:
		return "because " + reason
	case determiners[first]:
		if hasFiniteVerb(reason) {
			return "because " + reason
		}
		return "because of " + reason
	case strings.HasSuffix(first, "ing"):
		return "because of " + reason
	case bareVerbs[first]:
		return "to " + reason
	case r0(reason) && hasFiniteVerb(reason):
		// A name starts a clause ("Harmon shut down the shift").
		return "because " + reason
	}
	return "because of " + reason
}

func r0(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// bareVerbs start an infinitive reason: "join a startup", "be closer to".
var bareVerbs = words.Set("bare_verbs")

// BareVerb reports whether w (lower case) opens an infinitive reason,
// which "because" turns into "to join a startup".
func BareVerb(w string) bool { return bareVerbs[w] }

// firm is an employer's name without the location a writer gave with it:
// "Sportsline Outlet on Route 9" is "Sportsline Outlet" where the sentence
// speaks of the company ("Sportsline Outlet's careers page"), not the shop.
func firm(company string) string {
	for _, sep := range []string{" on ", " in ", " at "} {
		if i := strings.Index(company, sep); i > 0 {
			return company[:i]
		}
	}
	return company
}
