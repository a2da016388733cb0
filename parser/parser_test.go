package parser

import (
	"errors"
	"fmt"
	"jobback/domain"
	"strings"
	"testing"
)

// msg builds a raw message with the given extra header lines and body.
func msg(headers, body string) []byte {
	h := "From: Amy Ross <amy@example.com>\r\nTo: help@jobback.example\r\nSubject: help\r\nDate: Mon, 23 Nov 2026 10:00:00 -0500\r\nMessage-ID: <t1@example.com>\r\n"
	if headers != "" {
		h += strings.ReplaceAll(strings.TrimRight(headers, "\n"), "\n", "\r\n") + "\r\n"
	}
	return []byte(h + "\r\n" + strings.ReplaceAll(body, "\n", "\r\n"))
}

func mustParse(t *testing.T, raw []byte) *Message {
	t.Helper()
	m, err := Parse(raw)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return m
}

func TestIgnoreRules(t *testing.T) {
	cases := []struct{ name, headers string }{
		{"auto-submitted", "Auto-Submitted: auto-replied"},
		{"auto-generated", "Auto-Submitted: auto-generated; owner-email=\"x@y\""},
		{"precedence bulk", "Precedence: bulk"},
		{"precedence list", "Precedence: list"},
		{"precedence junk", "Precedence: junk"},
		{"list-id", "List-Id: <x.lists.example.org>"},
		{"list-unsubscribe", "List-Unsubscribe: <mailto:u@example.org>"},
		{"suppress all", "X-Auto-Response-Suppress: All"},
		{"suppress oof", "X-Auto-Response-Suppress: DR, OOF"},
		{"x-autoreply", "X-Autoreply: yes"},
		{"x-autorespond", "X-Autorespond: vacation"},
		{"null return-path", "Return-Path: <>"},
		{"report", "Content-Type: multipart/report; report-type=delivery-status; boundary=b"},
		{"out of office subject", "Subject: Out of Office: back Monday"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw := msg(c.headers, "I was fired yesterday from Acme Corp.")
			if strings.HasPrefix(c.headers, "Subject:") {
				raw = []byte(strings.Replace(string(raw), "Subject: help\r\n", "", 1))
			}
			m := mustParse(t, raw)
			if m.Facts.Action != ActionIgnore || m.Envelope.IgnoreReason == "" {
				t.Fatalf("action %q (%q), want ignore", m.Facts.Action, m.Envelope.IgnoreReason)
			}
		})
	}
	for _, from := range []string{"MAILER-DAEMON@mx.example.org", "postmaster@example.org", "noreply@example.org",
		"no-reply@example.org", "donotreply@example.org", "owner-jobs@lists.example.org", "jobs-request@lists.example.org"} {
		t.Run(from, func(t *testing.T) {
			raw := []byte(strings.Replace(string(msg("", "I was fired.")), "Amy Ross <amy@example.com>", from, 1))
			if m := mustParse(t, raw); m.Facts.Action != ActionIgnore {
				t.Fatalf("action %q, want ignore", m.Facts.Action)
			}
		})
	}
	// "Auto-Submitted: no" is a person.
	if m := mustParse(t, msg("Auto-Submitted: no", "I was fired yesterday from Acme Corp.")); m.Facts.Action != ActionAdvise {
		t.Fatalf("Auto-Submitted: no gave %q", m.Facts.Action)
	}
}

func TestCommands(t *testing.T) {
	cases := []struct {
		body string
		cmd  domain.Command
		days int
	}{
		{"STOP", domain.CommandStop, 0},
		{"Stop.", domain.CommandStop, 0},
		{"Hi, STOP", domain.CommandStop, 0},
		{"unsubscribe", domain.CommandStop, 0},
		{"please stop emailing me", domain.CommandStop, 0},
		{"SENT", domain.CommandSent, 0},
		{"Yes, I sent it", domain.CommandSent, 0},
		{"I sent the letter this morning. Fingers crossed!", domain.CommandSent, 0},
		{"YES!!", domain.CommandYes, 0},
		{"They said yes! I start back Monday.", domain.CommandYes, 0},
		{"They're taking me back in two weeks!", domain.CommandYes, 0},
		{"She said yes!", domain.CommandYes, 0},
		{"No.", domain.CommandNo, 0},
		{"no luck, they went with someone else", domain.CommandNo, 0},
		{"They said no.", domain.CommandNo, 0},
		{"SNOOZE", domain.CommandSnooze, 0},
		{"SNOOZE 1w", domain.CommandSnooze, 7},
		{"snooze 3d", domain.CommandSnooze, 3},
		{"Snooze 2 weeks please", domain.CommandSnooze, 14},
		{"snooze a week please, I'm travelling until the 16th", domain.CommandSnooze, 7},
		{"I haven't sent it yet, snooze 1w", domain.CommandSnooze, 7},
		{"FORGET", domain.CommandForget, 0},
		{"Please delete my data. I don't want any more emails about this.", domain.CommandForget, 0},
		{"They said no. Please stop.", domain.CommandStop, 0},
	}
	for _, c := range cases {
		t.Run(c.body, func(t *testing.T) {
			m := mustParse(t, msg("", c.body+"\n\n-- \nAmy\n"))
			if m.Facts.Action != ActionCommand || m.Facts.Command != c.cmd || m.Facts.SnoozeDays != c.days {
				t.Fatalf("got %q %q %d, want command %q %d", m.Facts.Action, m.Facts.Command, m.Facts.SnoozeDays, c.cmd, c.days)
			}
		})
	}
	// Not commands: a story that contains the words, a command in quoted
	// text only, a command in the signature.
	notCommands := []string{
		"I was made redundant in August. The shift boss said he wants me back when the second shaft opens.", // an offer for later (fresh-33)
		"no idea what to do",
		"walked off the job yesterday at kessler logistics after my supervisor chewed me out. any chance they take me back or am i done",
		"I got laid off last week. Should I ask if they would take me back",
		"I can't stop thinking about it. I was fired last week from Acme Corp after six years as a driver and I want my job back more than anything, what should I do?",
		"Thanks for the advice.\n\nOn Mon, Nov 2, 2026 at 9:00 AM jobback <help@jobback.example> wrote:\n> Reply STOP to end these reminders.\n",
		"I was let go on Friday.\n\n-- \nSTOP the madness\n",
	}
	for _, body := range notCommands {
		if m := mustParse(t, msg("", body)); m.Facts.Action != ActionAdvise {
			t.Errorf("%q: action %q %q, want advise", body, m.Facts.Action, m.Facts.Command)
		}
	}
	// An empty body with the command in the subject.
	raw := []byte(strings.Replace(string(msg("", "")), "Subject: help", "Subject: Re: unsubscribe", 1))
	if m := mustParse(t, raw); m.Facts.Command != domain.CommandStop {
		t.Errorf("subject command: %q", m.Facts.Command)
	}
}

func TestNewText(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"gmail wrapped attribution", "My news.\n\nOn Mon, Nov 2, 2026 at 6:40 PM Sam Delacroix <\nsam@example.net> wrote:\n\n> old\n> older\n", "My news."},
		{"bottom posting", "On 11/8/26 8:00 AM, jobback wrote:\n> Hi\n> there\n\nsnooze a week\n", "snooze a week"},
		{"outlook block", "They said no.\n\nWalter\n\nFrom: jobback <help@jobback.example>\nSent: Monday, October 5, 2026 1:00 PM\nTo: Walter\nSubject: Checking in\n\nHi Walter, old text\n", "They said no.\n\nWalter"},
		{"original message", "Delete my data.\n\n-------- Original message --------\nFrom: jobback\nold\n", "Delete my data."},
		{"outlook separator", "New.\n-----Original Message-----\nFrom: x\n", "New."},
		{"signature", "Body line.\n\n-- \nAmy Ross\n(555) 010-0000\n", "Body line."},
		{"phone footer", "Short note.\n\nSent from my iPhone\n", "Short note."},
		{"outlook mobile footer", "Short note.\n\nGet Outlook for Android\n", "Short note."},
		{"forwarded", "See below.\n\n---------- Forwarded message ---------\nFrom: boss\nYou're fired.\n", "See below."},
		{"unprefixed quote after attribution", "Thanks!\n\nOn Tue, Oct 6, 2026, Sam <s@x> wrote:\nold words\n", "Thanks!"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, _ := newText(c.body)
			if got != c.want {
				t.Fatalf("newText = %q, want %q", got, c.want)
			}
		})
	}
}

func TestHTMLToText(t *testing.T) {
	in := `<html><head><style>p{color:red}</style><title>x</title></head><body><div>Hello &amp; welcome,</div><div><br></div>` +
		`<p>I was <b>fired</b>&nbsp;today.</p><ul><li>one</li><li>two</li></ul>` +
		`<div class="gmail_quote">On Mon, Sam wrote:<blockquote>old <i>words</i><blockquote>older</blockquote></blockquote></div>` +
		`<script>alert("x")</script></body></html>`
	got := htmlToText(in)
	for _, want := range []string{"Hello & welcome,", "I was fired today.", "- one", "- two", "> old words", "> > older"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	for _, bad := range []string{"color:red", "alert", "<b>"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q leaked into:\n%s", bad, got)
		}
	}
	// And through newText, the quote is gone.
	if nt, _ := newText(got); strings.Contains(nt, "old") || !strings.Contains(nt, "fired") {
		t.Errorf("newText(html) = %q", nt)
	}
}

func TestHeaders(t *testing.T) {
	raw := []byte("From: =?UTF-8?Q?Zo=C3=AB_Hartmann?= <Zoe@EXAMPLE.COM>\r\nReply-To: zoe.home@example.net\r\n" +
		"Subject: =?ISO-8859-1?Q?Renvoy=E9?= =?UTF-8?B?IOKAkyBoZWxw?=\r\nDate: Fri, 13 Nov 2026 11:22:08 +0100\r\n" +
		"Message-ID: <abc@example.com>\r\nIn-Reply-To: <p1@x>\r\nReferences: <p0@x> <p1@x>\r\n\r\nI resigned a month ago.\r\n")
	m := mustParse(t, raw)
	e := m.Envelope
	if e.FromName != "Zoë Hartmann" || e.FromAddress != "Zoe@example.com" || e.ReplyTo != "zoe.home@example.net" {
		t.Errorf("from/reply-to: %q %q %q", e.FromName, e.FromAddress, e.ReplyTo)
	}
	if e.Subject != "Renvoyé – help" {
		t.Errorf("subject %q", e.Subject)
	}
	if e.MessageID != "abc@example.com" || len(e.References) != 2 || len(e.InReplyTo) != 1 {
		t.Errorf("ids: %q %q %q", e.MessageID, e.References, e.InReplyTo)
	}
	if _, off := e.Date.Zone(); off != 3600 {
		t.Errorf("date offset %d", off)
	}
	if m.Facts.SenderName != "Zoë Hartmann" {
		t.Errorf("sender %q", m.Facts.SenderName)
	}
	// Encoded line breaks cannot reach a header we reuse.
	raw = []byte("From: =?UTF-8?Q?Evil=0D=0ABcc:_x@y?= <e@example.com>\r\nSubject: =?UTF-8?Q?hi=0D=0AX-Injected:_1?=\r\nDate: Fri, 13 Nov 2026 11:22:08 +0100\r\n\r\nhello\r\n")
	m = mustParse(t, raw)
	if strings.ContainsAny(m.Envelope.FromName+m.Envelope.Subject+m.Facts.SenderName, "\r\n") {
		t.Errorf("line break kept: %q %q", m.Envelope.FromName, m.Envelope.Subject)
	}
}

func TestFacts(t *testing.T) {
	type want struct {
		sit                 Situation
		boss, company, role string
		days                int // -1: null
		terms               Terms
		signals             string
	}
	cases := []struct {
		name, body string
		w          want
	}{
		{"let go, reported to", "Hi, Northwind let me go on the 3rd. I reported to Dana Whitfield.",
			want{SituationFired, "Dana Whitfield", "Northwind", "", 20, TermsUnknown, ""}},
		{"fortnight, honorific", "I was a receptionist at Glenview Dental until a fortnight ago, when the practice manager Mr. O'Leary fired me for being rude to a patient.",
			want{SituationFired, "Mr. O'Leary", "Glenview Dental", "receptionist", 14, TermsUnknown, ""}},
		{"notice, name in parentheses", "After 3 years with Northwind Traders I handed in my notice last Monday. Dana (my manager) was really nice about it and we parted on good terms.",
			want{SituationQuit, "Dana", "Northwind Traders", "", 7, TermsGood, ""}},
		{"employer in parentheses, months back", "My employer (Acme Ltd) made my position redundant a couple of months back. I was their bookkeeper. Dana Whitfield, who ran the team, cried.",
			want{SituationLaidOff, "Dana Whitfield", "Acme Ltd", "bookkeeper", 60, TermsUnknown, ""}},
		{"retaliation, numeric date", "I'm an electrician and worked for Bright Spark Electrical until 11/2 when my boss, Tom Hale, terminated me after I filed a complaint about unpaid overtime.",
			want{SituationFired, "Tom Hale", "Bright Spark Electrical", "electrician", 21, TermsUnknown, "retaliation"}},
		{"walked out", "Last Thursday I walked out of my shift at Rosewood Bakery after a screaming match with the owner, Marta Kowalski. I was the head baker there for 5 years.",
			want{SituationQuit, "Marta Kowalski", "Rosewood Bakery", "head baker", 4, TermsBad, ""}},
		{"key lines win", "I was fired.\n\nBoss: Jane Smith\nCompany: Acme Corp\nRole: forklift driver\nLeft: October 30\n",
			want{SituationFired, "Jane Smith", "Acme Corp", "forklift driver", 24, TermsUnknown, ""}},
		{"maternity leave", "While I was on maternity leave, Harbor Bank terminated my position as teller. My supervisor is Ann Lee.",
			want{SituationFired, "Ann Lee", "Harbor Bank", "teller", -1, TermsUnknown, "discrimination"}}, // maternity is discrimination (FIELDS.md)
		{"whistleblowing", "Two weeks ago I was dismissed from Greenfield Chemicals after I reported the waste dumping to the EPA. My manager, Carl Boyd, said it was about attendance.",
			want{SituationFired, "Carl Boyd", "Greenfield Chemicals", "", 14, TermsUnknown, "whistleblowing"}},
		{"nothing happened yet", "My boss keeps hinting I might be fired soon. What should I do?",
			want{SituationUnknown, "", "", "", -1, TermsUnknown, ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := mustParse(t, msg("", c.body)).Facts
			days := -1
			if f.LeftAgoDays != nil {
				days = *f.LeftAgoDays
			}
			var sig []string
			for _, s := range f.WrongfulSignals {
				sig = append(sig, string(s))
			}
			got := want{f.Situation, f.BossName, f.Company, f.Role, days, f.Terms, strings.Join(sig, ",")}
			if c.w.role == "" {
				got.role = "" // role not asserted
			}
			if got != c.w {
				t.Fatalf("got  %+v\nwant %+v", got, c.w)
			}
		})
	}
}

func TestNotAMessage(t *testing.T) {
	for _, in := range []string{"", "   \r\n", "just some words with no header\nat all\n", "\x00\x01\x02"} {
		m, err := Parse([]byte(in))
		if err == nil || m != nil || !errors.Is(err, ErrNotMessage) {
			t.Errorf("Parse(%q) = %v, %v; want ErrNotMessage", in, m, err)
		}
	}
}

func ExampleParse() {
	raw := []byte("From: Marcus Webb <marcus@example.com>\r\n" +
		"To: help@jobback.example\r\n" +
		"Subject: Fired over one mistake\r\n" +
		"Date: Wed, 4 Nov 2026 08:41:17 -0500\r\n" +
		"\r\n" +
		"I was fired last Thursday from Brightline Logistics, where I was a dispatch coordinator\r\n" +
		"for four years. My manager, Karen Oduya, said one mistake was enough.\r\n")
	m, err := Parse(raw)
	if err != nil {
		fmt.Println(err)
		return
	}
	f := m.Facts
	fmt.Println(f.Action, f.Situation, f.BossName, "/", f.Company, "/", f.Role, *f.LeftAgoDays, *f.TenureYears)
	// Output: advise fired Karen Oduya / Brightline Logistics / dispatch coordinator 6 4
}

func ExampleParse_command() {
	raw := []byte("From: Felicia Moreno <felicia@example.com>\r\nSubject: Re: Your letter\r\n" +
		"Date: Sat, 7 Nov 2026 10:02:33 -0500\r\n\r\nSTOP\r\n\r\nOn Thu, Nov 5, 2026 at 9:00 AM jobback <help@jobback.example> wrote:\r\n> Reply SENT when you have sent it.\r\n")
	m, _ := Parse(raw)
	fmt.Println(m.Facts.Action, m.Facts.Command)
	// Output: command stop
}

// TestKeysOnly: a reply made only of "Key: value" lines (no sentences)
// still gives its facts.
func TestKeysOnly(t *testing.T) {
	f := mustParse(t, msg("", "Boss: Jane Smith\nCompany: Acme Corp\nRole: driver\nLeft: 3 weeks ago\n")).Facts
	if f.Action != ActionAdvise || f.BossName != "Jane Smith" || f.Company != "Acme Corp" || f.Role != "driver" || f.LeftAgoDays == nil || *f.LeftAgoDays != 21 {
		t.Fatalf("facts = %+v", f)
	}
}

// TestCompanyForms covers the forms of an employer's name that
// company.txt and company.go read: a capitalised word for a site inside a
// name, suffixes, long names with one, bracketed suffixes, "by" after a
// bracket, Scots "fae", "of" after a team, a chain's location.
func TestCompanyForms(t *testing.T) {
	checkForms(t, "company", []form[string]{
		// (fresh-68) "resigned and joined X": X is the new employer
		{"I was working as Senior QA Engineer in Sarvani Infosolutions Pvt Ltd, Hyderabad for 4.5 years. On 5th August I have resigned and joined Quellbright Technologies for 40% hike.", "Sarvani Infosolutions Pvt Ltd"},
		// (fresh-63) a sales region is no firm; the firm the writer left to join is the new one
		{"I was the regional sales manager for the Mountain West at Pemberton-Klee Industrial Supply for 22 years. My position was eliminated on Halloween.", "Pemberton-Klee Industrial Supply"},
		{"For six and a half years I was a Senior Account Executive at Brightwell & Sons Insurance Agency in Hartford. I resigned on September 11 to join Halvorsen Risk Partners, a competitor.", "Brightwell & Sons Insurance Agency"},
		// (fresh-64's bl15) a shift between the title and "in"
		{"I was team leader on nights in Harrowgate Logistics for 5 years. I was laid off in September.", "Harrowgate Logistics"},
		// (fresh-64's bl24) "the car wash" is a kind of workplace, not its name
		{"yo so i got fird yesterday from the car wash for a no call no show", ""},
		// (fresh-63's bk23) a quarter is no firm
		{"I was disengaged by Crestwater Microfinance Bank Ltd three weeks ago, I was a Relationship Officer in the Ikeja branch for four years. The reason given is non-performance on my deposit target for Q3.", "Crestwater Microfinance Bank Ltd"},
		// (fresh-61's bi42) a chain and its branch before a pronoun; "from corporate" is head office
		{"hey so i got laid off friday from the kroger on dixie hwy they cut 6 of us overnight stockers said its a budget thing from corporate not performance", "kroger on dixie hwy"},
		// (fresh-58) a separation from a firm; the kind of place, then its name; a firm about to cut, in a rumour
		{"I am writing to seek your guidance concerning my recent separation from Halvorsen & Pike Insurance Group, where I served as Senior Claims Adjuster for eleven years. On August 31 I was informed that my position had been eliminated.", "Halvorsen & Pike Insurance Group"},
		{"I was a Team Leader in a BPO company, Apex Horizon Solutions in Ortigas, for 3 years already. Then on October 9 they called me to HR and said I am terminated.", "Apex Horizon Solutions"},
		{"I was at Druckerei Schäfer GmbH for 19 years. In spring I had an offer from a big packaging company, Verpackungswerk Nordbayern AG, and I resigned.", "Druckerei Schäfer GmbH"},
		{"Rumor is Tidewell Games is cutting 20% after the holidays. I'm a QA tester there, 8 months in. Should I start applying now or wait and see?", "Tidewell Games"},
		// (fresh-58) a chain after "quit"; one unknown lower-case word after "left", before the new job; a corner
		{"ok so i rage quit the starbucks on Pacific Ave tuesday night bc my shift sup sam yelled at me in front of customers", "starbucks on Pacific Ave"},
		{"I jumped ship and I regret it. Six weeks ago I left orbitflow, where I'd been a product designer for about 2.5 years, to take a senior title somewhere else.", "orbitflow"},
		{"I jumped ship and I regret it. Six weeks ago I left for a senior title, I joined brightloop.", ""},
		{"ok so like 2 weeks ago i quit the starbucks on elm & 3rd by texting my manager kayla that i was done", "starbucks on elm & 3rd"},
		// (fresh-56) a name before "course" is what the course is on
		{"I was admin executive at Lim Brothers Trading Pte Ltd for almost 4 years. This Monday my boss called me in and said I cannot continue already, today is last day. After this happened I signed up for the Excel and SAP course under SkillsFuture.", "Lim Brothers Trading Pte Ltd"},
		// (fresh-53) "@" for "at", texting
		{"ok so i got canned 2day. my mgr kevin said i was on my phone 2 much. worked @ the Best Buy on Route 9 for like half a year", "Best Buy on Route 9"},
		// (fresh-52) years told in Spanish before "in"; HR in the writer's language is no employer
		{"I work 12 años in Hartwell Foods in Garden City, Kansas. The 25 of September they close the plant and they laided off everybody.", "Hartwell Foods"},
		{"They close the plant and they laided off everybody. Who I need to talk to, Chuy or the office of Recursos Humanos?", ""},
		// (fresh-52) a chain named in lower case, with its branch, by writers of any case; not a friend's
		// workplace after the writer's own, nor "for target"
		{"got canned yesterday from the home depot on route 9. too many late clock ins.", "home depot on route 9"},
		{"Hey, so I resigned from my job at cvs on main st last week. I was a pharmacy tech.", "cvs on main st"},
		{"i quit my job at benedetti's bakery like 2 wks ago bc my friends all work at chipotle and they said i could get way more hrs there.", "benedetti's bakery"},
		{"I was sacked last month. They sacked me for target, two quarters running.", ""},
		// (fresh-51) the place named in a sentence of the parting other than the event's; not a few
		// lower-case words of another sentence ("from closing every night")
		{"ok so i walked off the job last night at chilis. our GM rico put me on 4 doubles. when i said smth about it he goes \"then leave\" so i literally took off my apron and left mid shift.", "chilis"},
		{"I was let go from the warehouse last week. i need this job back or at least not have it say terminated on my record.", ""},
		// (fresh-47) three lower-case words ending in a word of business after "the" are a name, not a kind of place
		{"i finished up at the royal oak hotel in ballarat a fortnight ago handed in my notice n did my two weeks proper like", "royal oak hotel"},
		// (fresh-46) "on night shift at": a word of work before the lower-case employer
		{"i was a picker on night shift at brightline logistics in the reno warehouse for 3 yrs. 2 weeks ago my supervisor calls me in and says im termnated.", "brightline logistics"},
		// (fresh-46) a time told after a chain's street ends the street; a unit, then "at" its institution
		{"hi i need some advise. i was termnated from the kroger on dixie hwy 3 weeks ago. he brought in a new assistant manager from the louisville store.", "kroger on dixie hwy"},
		{"I was research assistant in the Molecular Imaging Lab at Westbrook University for 2 years. The grant was not renewed and I was laid off.", "Westbrook University"},
		// (fresh-43) an acronym's shop of a chain: "at the CVS on Westheimer" (but "IT" alone is a department)
		{"I was working as pharmacy technician at the CVS on Westheimer in Houston for 2 years. I resigned on 9th November.", "CVS on Westheimer"},
		// (fresh-42) "Since 2 November I am working at", "Now I am working in": the job begun since
		{"Since 2 November I am working at Kranich Spedition as trainee. Before, I was 4 years dispatcher at Brenner Logistik GmbH. They have fired me in September.", "Brenner Logistik GmbH"},
		{"Now I am working in the Walgreens on Michigan Ave. Before, I was pharmacy technician in Cedar Crest Pharmacy for 2 years. I gave my resignation in the same day and I left.", "Cedar Crest Pharmacy"},
		// (fresh-41) a German word for severance and a weekday in the plural are no employer
		{"I was made redundant in October by Brandt Feinmechanik GmbH. We got the Abfindung after the Sozialplan.", "Brandt Feinmechanik GmbH"},
		// (fresh-39) "a job in X" is a job site; a province after a lower-case name; an employer's, then what of theirs
		{"I was a 2nd year apprentice sparky with Kowalczyk Electrical Pty Ltd out of Penrith. In August I did my shoulder on a job in Emu Plains and they let me go.", "Kowalczyk Electrical Pty Ltd"},
		{"hey so i got fird wed from my lift op job at powder ridge bc i let my roommates ride the chair w/o passes", "powder ridge"},
		{"I was let go last week. I was engaged as Company Stage Manager for Northern Lantern Opera's autumn tour on a fixed-term contract.", "Northern Lantern Opera"},
		{"I was the head of workshop at the Kestrel Playhouse in Norwich for eight years. The Arts Council cut our grant by a third and the board laid us off.", ""}, // not the funder
		// (fresh-31) an abbreviated suffix's full stop may end the sentence too; "Co., Ltd." and "& Co. Bakeries" go on
		{"I was laid off. For the last 11 years I worked for Atlantic Shelf Seafoods Ltd. Three weeks ago the owner called us all in.", "Atlantic Shelf Seafoods Ltd."},
		{"I was laid off last month from Sunwise Textile Co., Ltd. after six years.", "Sunwise Textile Co., Ltd."},
		// (fresh-30) the employer's plant with a word before "plant"; a course's subject; a ship and its company
		{"I got laid off from Corvane Automotive's Linwood stamping plant. Our last shift was Friday, September 25.", "Corvane Automotive"},
		{"I was laid off from Brückner Anlagenbau GmbH in August. Since October I am doing a course for Siemens TIA Portal at the IHK.", "Brückner Anlagenbau GmbH"},
		{"I worked as assistant pastry chef in the MV Aurelia Serena of Aurelia Seaways for 4 years. Last month they let me go.", "Aurelia Seaways"},
		{"I quit on Tuesday. I was assistant store manager at the Home Depot on Route 9 for 4 years.", "Home Depot on Route 9"},
		{"got fired yesterday from the chick-fil-a on westheimer bc i no call no showed saturday.", "chick-fil-a on westheimer"},
		{"hey so i got canned yesterday from the chipotle on university ave (termanated is the official word i guess lol).", "chipotle on university ave"},
		{"I was a teller at Zenora Bank Plc, Allen Avenue branch for 6 years. They dismissed me last week.", "Zenora Bank Plc, Allen Avenue branch"},
		{"I was a veterinary nurse at Ballinteer Veterinary Clinic for six years. I quit last week.", "Ballinteer Veterinary Clinic"},
		{"I was fired last week from the Paramus Store.", ""},
		{"For nine years I was Lab Manager for the Chemistry Department at Hollis State University. I was fired last month.", "Hollis State University"},
		{"I retired early this summer from the Marathon County Highway Department after 31 years.", "Marathon County Highway Department"},
		{"I worked at Yildiz Tekstil. Kerem called me and said I am dismissed because of the mistake with the Italian order.", "Yildiz Tekstil"},
		{"I was a dental nurse at Usk Valley Dental Practice. Then on the 17th he called me in, with Lorraine the practice manager sitting in, and said my post is redundant.", "Usk Valley Dental Practice"},
		{"For eleven years I served as Senior Policy Analyst in the Department of Housing and Community Development, County of Marlow. I was laid off last month.", "County of Marlow"},
		{"i was an apprentice sparky with Coastline Electrical, got let go last month. found another apprenticeship with a smaller mob out at Logan but its rubbish.", "Coastline Electrical"},
		{"I was the Program Coordinator for the First-Generation Scholars program at Halvorsen College for seven years. I was laid off last month.", "Halvorsen College"},
		{"I was working as a Customer Service Officer with Crestline Microfinance Bank Ltd for six years. Last week I was dismissed by the Branch Manager, Mrs. Okafor.", "Crestline Microfinance Bank Ltd"},
		{"I was a Year 4 class teacher at Holy Cross Catholic Primary School. I retired last month. Should I write to the Chair of Governors, Canon Patrick Hollis?", "Holy Cross Catholic Primary School"},
		{"I was laid off in July. I started at Coastal Lodges in September. It's fine, but it's not the same.\n\n-- \nThandiwe Mokoena\nGuest Relations Manager | Coastal Lodges", ""},
		{"I was made redundant in July from Calderbrook Borough Council. Since then I have been doing odd jobs at Fleece Brothers.\n\n-- \nGillian Mottram\nFormerly Parks Coordinator, Calderbrook Borough Council", "Calderbrook Borough Council"},
		{"I was process engineer at Pacific Rim Semiconductor, 5 years. I am laid off last week. Now I found a contract job at Lumatek Inc. in San Jose.", "Pacific Rim Semiconductor"},
		{"I was process engineer at Pacific Rim Semiconductor, 5 years. I am laid off last week. Now I find a contract job in Lumatek Inc. in San Jose.", "Pacific Rim Semiconductor"},
		{"I am working as shade matching chemist in Shree Ganesh Dyeing & Printing Mills Pvt Ltd since 12 years. I was terminated last week.", "Shree Ganesh Dyeing & Printing Mills Pvt Ltd"},
		{"I am optical engineer, before I work in Zhongshan Huarui Lighting Technology Co., Ltd. I was fired last week.", "Zhongshan Huarui Lighting Technology Co., Ltd."},
		{"I was made redundant by Vertex Lifts (Pty) Ltd last week.", "Vertex Lifts (Pty) Ltd"},
		{"For 11 years I was working as CNC machinist (Zerspanungsmechaniker) by Hartmann Feinmechanik GmbH. I was dismissed last week.", "Hartmann Feinmechanik GmbH"},
		{"I got the sack last Thursday fae Clydeside Coaches.", "Clydeside Coaches"},
		{"I was employed as a Senior Paralegal in the litigation group of Whitcombe Harrow LLP for two years. I was dismissed last week.", "Whitcombe Harrow LLP"},
		{"I've been suspended without pay from First Prairie Credit Union since last week.", "First Prairie Credit Union"},
		{"I did the books for Pacific Rim Import & Export LLC for 3 years. Two weeks ago Director Huang let me go.", "Pacific Rim Import & Export LLC"},
		{"I was an adjunct instructor until they let me go last week. Should I write to the Dean of Business?", ""},
		{"Last week he called me into the office with Lindiwe from the area office and said they're letting me go.", ""},
		{"I was research coordinator in the Laboratoire de neurosciences at Université Sainte-Marguerite until they let me go last week.", "Université Sainte-Marguerite"},
		{"I ran a press at the Ridgeway Plastics plant for 27 years until they laid me off last week.", "Ridgeway Plastics"},
		{"I was a maintenance fitter at Redbank Iron's Karlawinda site until I quit last week.", "Redbank Iron"},
		{"I was laid off on August 27 when they closed the Dollar General on Route 17.", "Dollar General on Route 17"},
		{"I was a shift lead at the Walgreens on Halsted for 4 years until they fired me last week.", "Walgreens on Halsted"},
		{"i worked at bean street coffee on king st for two years and i quit last month", "bean street coffee on king st"},
		{"I was a stock associate at Dunham's in the Eastgate Mall. They let me go last week.", "Dunham's in the Eastgate Mall"},
		{"I was a cashier at Kroger on Fifth Street until I quit on Friday.", "Kroger on Fifth Street"},
		{"I got fired from Tamarack Coffee Co. on Halloween.", "Tamarack Coffee Co."},
		{"I was a nurse at Ashgrove General Hospital. I was dismissed from Ashgrove General Hospital on 11/09/2026.", "Ashgrove General Hospital"},
		{"I was a cook at Sal's Pizzeria on Monday and Tuesday nights until they fired me last week.", "Sal's Pizzeria"},
		{"ok so this is embarrassing. i was a backend engineer at quillstack for about 2 years. on tuesday they fired me", "quillstack"},
		{"i got fired friday. i was a shift lead at the quikmart on main for like a year", "quikmart on main"},
		{"i quit last week. i was a line cook at the buffet for 3 yrs", ""},
		{"i got let go last week. our GM wrote me up in front of the whole crew for somthing the drive thru girl did", ""},
		{"i'm a library assistant for llanfair county council and i was made redundant last week", "llanfair county council"},
		{"i quit last week. i was a server at lola's kitchen & bar for two years", "lola's kitchen & bar"},
		{"so i got fird tuesday from the walgreens on cermak. my manager kevin called me in the back", "walgreens on cermak"},
		{"I was a teller at Northbridge & Calder Bank plc until they made me redundant last week.", "Northbridge & Calder Bank plc"},
		{"I was laid off last week from LogiMax Polska Sp. z o.o. after 6 years.", "LogiMax Polska Sp. z o.o"},
		{"I was made redundant last week. It was Fenwick Foods Ltd in Corby, I was production line operative for 4 years.", "Fenwick Foods Ltd"},
		{"I work 3 years and half in Tecnova Sistemas Ltda. They fired me last week.", "Tecnova Sistemas Ltda."},
	}, func(m *Message) string { return m.Facts.Company })
}

// TestBossFullName covers the fullest form of the boss's name the text
// gives: particles, the other half in brackets, a title said before a first
// name, a surname found after a first name elsewhere, and a firm that shares
// the boss's surname.
func TestBossFullName(t *testing.T) {
	checkForms(t, "boss", []form[string]{
		// (fresh-68) a name, then "he was my boss"; not "he is not my boss", nor a nickname in brackets
		{"I was a receptionist at Lakeview Dental, which Dr. Halvorsen owns. Last spring we got a new practice manager, Brent Coyle, and he was my boss for scheduling and everything. He fired me last week.", "Brent Coyle"},
		{"I was fired last week. My boss is the owner Mr. Dale Hutchins, his son Kyle is also working there but he is not my boss.", "Dale Hutchins"},
		// (fresh-68) "working for" a first name and surname; not a firm told elsewhere as a place
		{"I left Pemberton Rowe LLP two months ago after almost 6 years as a paralegal in their employment group, working for Gwen Calloway.", "Gwen Calloway"},
		{"I worked at the Panda Wok in Westgate Plaza as prep cook for 4 years. They let me go last week. I want to keep working for Panda Wok.", ""},
		// (fresh-68) "Ing." and "Lic." are dropped before a first name, kept before a surname alone
		{"I was laid off two weeks ago. My boss was Ing. Álvaro Núñez, the plant manager.", "Álvaro Núñez"},
		{"I was laid off two weeks ago. My boss, el Lic. Ramírez, told me it was a decision from corporate.", "Lic. Ramírez"},
		// (fresh-61) the full name, then the nickname in brackets after "thats"; the PM by title; a firm's
		// name in the plural is no person ("Kellermans, the owner's a decent bloke")
		{"Got canned Wednesday from Buckeye Cold Storage. I told my supervisor Rusty a bunch of times. Two weeks later Russell Dunmore (thats Rusty) says I'm done for insubordination.", "Russell Dunmore"},
		{"I was site supervisor for Kellerman Civil Pty Ltd, been with them 4 years. Back in September I raised with the PM, Lachlan Tully, that blokes were working in trenches with no shoring. A fortnight ago I got the boot. I actually liked working for Kellermans, the owner's a decent bloke, it's just Lachlan.", "Lachlan Tully"},
		{"I was the bookkeeper at Van Wyk & Dube Attorneys in Pretoria for 11 years. On the 3rd they fired me for coming in late. Our office manager Lindiwe warned me twice. Mr. Van Wyk signed the letter but it was Lindiwe I reported to every day.", "Lindiwe"},
		// (fresh-64's bl14) a name in brackets after the writer's title at a firm is no boss
		{"On October 30 I was told my position as Marketing Director at Coastal Palms Realty Group (Sarasota) was being eliminated. In the meeting my manager, Tiffani Orloff, who is the COO, said the company was going in a younger direction.", "Tiffani Orloff"},
		// (fresh-58) a Spanish school's "directora"
		{"I took the early retirement from Colegio San José de Calasanz in June, after 31 years as a mathematics teacher. The directora, Pilar Echeverría, made a very nice goodbye for me.", "Pilar Echeverría"},
		// (fresh-53) a title in lower case, a name, then "fird me", over someone who stood up for the writer
		{"I was a line cook at Hartwell & Stone Grill and chef Delgado fird me last friday. Tasha (sous chef) tried to stick up for me.", "chef Delgado"},
		// (fresh-52) a German title before the courtesy title and the name
		{"Since 3 years I work as design engineer by Kranz Metallbau GmbH. My boss was the Abteilungsleiter Herr Bäumler. On 30. October I got the Kündigung.", "Herr Bäumler"},
		{"I was a line cook at Whitfield's for 3 years. The owner Mr Whitfield hardly comes in. Last week my chef, Ramos, fired me.", "Ramos"},
		{"I was fired last week by the owner, Walt Kessler.", "Walt Kessler"},
		// (fresh-46) the person named with a title before the event in its sentence (a rule
		// that never ran before: it read a name after its honorific, which the loop skips)
		{"Mr. Pruitt from the office hired me two years ago. Last Friday Captain Lindqvist told me not to come back.", "Captain Lindqvist"},
		// (fresh-48) "as Principal Planning Officer" before the event is the writer's own title
		{"After 27 years with Ashby District Council, latterly as Principal Planning Officer, I took voluntary early retirement this summer. The Head of Planning, Mrs. Gillian Hale, was most gracious.", "Gillian Hale"},
		// (fresh-47) "DON" (director of nursing) is a title; a resident named before is no boss
		{"3 weeks ago I was terminited because of medication error, I gave the 2pm meds of Mr. Hollander to the wrong resident. Our DON Mrs. Carla Mendoza she call me to the office.", "Carla Mendoza"},
		// (fresh-46) a first name in lower case, then the full name in brackets
		{"I was Data Analyst in Nimbus Data Labs for 1 year. On Oct 2 my manager kevin (Kevin Zhou) tell me that our team is closed.", "Kevin Zhou"},
		// (fresh-46) a long aside in brackets that ends "she was my boss"
		{"I was let go from O'Connell & Byrne Solicitors on the 6th of November. Siobhán (Siobhán O'Connell, one of the two partners, she was my boss) said they couldn't carry three secretaries.", "Siobhán O'Connell"},
		// (fresh-46) a word no list knows before a capitalised name is a courtesy title, not the name
		{"i was forklift operator in Empacadora del Valle for 7 years. they close all the plant and laided off everybody. My supervisor don Ramiro Salinas he cry also.", "Ramiro Salinas"},
		{"I was let go last month from Crestview Bank Plc. My branch manager, Alhaji Musa Bello, told me.", "Musa Bello"}, // (fresh-41)
		// (fresh-44) "Superior Court" is no boss named Court
		{"I was a legal secretary at Harlan, Pryce & Doyle LLP. I served as a juror in Hartford Superior Court in September. I notified my supervisor, Ms. Patricia Voss, the same day.", "Patricia Voss"},
		// (fresh-42) "forman" for foreman; the owner named beside the writer's foreman yields
		{"i was a crew lead for Tri-County Roofing for 5 years. my forman Mike Sandoval starts chewing me out. i walked off. my buddy Chase says Ron (Ron Pettibone owns the company) asked about me.", "Mike Sandoval"},
		// (fresh-42) a Spanish article before the courtesy title: "My boss, la señora Patricia Ortega"
		{"They laided off all the housekeeping. The general manager, Don Ernesto Salgado, tell us in a meeting. My boss, la señora Patricia Ortega, the executive housekeeper, she cry when she call me.", "Patricia Ortega"},
		// (fresh-42) "my partner" is the writer's partner in life; an owner named before "(owns the place"
		{"I quit the nursery in August. My partner Callum says I was happier at Ashdown. My line manager there was Mrs Hallam, the SENCo.", "Mrs Hallam"},
		{"I was a mechanic at McAllister's Garage in Paisley for 8 year. Handed in my notice in July. Tam McAllister (owns the place, my gaffer) was gutted. My partner Leanne says I'm daft.", "Tam McAllister"},
		// (fresh-40) a supervisor who retired before the writer left is not the boss; "the SENCo" is a title
		{"I was laid off in October. My supervisor for 20 years was Lou Kaminski but he retired in June and the new shop foreman, Kyle Brandt, is maybe 34.", "Kyle Brandt"},
		{"I handed my notice in at Easter. Mr. Adeyemi, the SENCo who I worked under, was really kind about it.", "Mr. Adeyemi"},
		// (fresh-39) a job noun after the title, then a full name; the owner she went to is above him
		{"I was let go two weeks ago. I got waste down, which my boss, the head brewer Dante Reyes, bragged about. I told Dante and then went to the owner, Gail Whitford.", "Dante Reyes"},
		// (fresh-39) religious titles are dropped before a first name, two of them too
		{"I was dismissed last month. My line manager was the Rector, the Reverend Canon Margaret Ashby.", "Margaret Ashby"},
		{"I was let go in October. The head of the retreat house, Mother Anne Whitlock, is my boss.", "Anne Whitlock"},
		// (fresh-39) an Irish name with a particle, then "who's my boss"
		{"I got the sack on Friday the 9th from Ballymore Heritage Centre. The curator, Siobhán Ní Bhriain, who's my boss, called me in over a post I put up on Facebook.", "Siobhán Ní Bhriain"},
		// (fresh-38) "my sup reggie said"
		{"ok so i got laided off tues from fulcrum distribution. my sup reggie said volume is down n they cut 6 of us.", "reggie"},
		// (fresh-38) a military rank before a first name; the person they would "go direct to" is above the boss
		{"I resigned in August. My supervisor, Lt. Denise Crowder, tried to talk me into taking leave instead.", "Denise Crowder"},
		{"I was terminted last Nov 5. Our DOC, Ma'am Gretchen Moss, call me to the office. Is it ok to write to Ma'am Gretchen or I go direct to the administrator Sir Paul?", "Gretchen Moss"},
		// (fresh-37) a lower-case name, then "the" and a title; a managing broker
		{"i handed in my notice at the greggs back in october. i left on good terms shona the manager gave me a card and said id always be welcome back", "shona"},
		{"About a month ago I was laid off from Pruitt & Lange Realty. The managing broker, Gary Lange, told me my position was being eliminated.", "Gary Lange"},
		// (fresh-37) the author of a message forwarded "from my old boss"
		{"Quit three weeks ago, new place let me go after 10 days. Got this from my old boss last night - how do I answer without sounding desperate?\n\n---------- Forwarded message ---------\nFrom: Nate Ferris <nate@ferrislandscape.example.com>\nDate: Tue, Oct 27, 2026 at 8:14 PM\nSubject: checking in\n\nHey Omar, haven't filled your spot yet.\n\nNate", "Nate Ferris"},
		// (fresh-37) a VP is above the manager; a title without an article, then an honorific and a name
		{"My position was eliminated on September 25. My manager brian told me in a 15 minutes zoom. Our VP Priya Raman sent email to all people after.", "brian"},
		{"2 months ago I resigned. I resign because shift manager Mr. Doherty refuse my holidays. Maybe better to go to the HR or to the general manager, Mrs. Kavanagh?", "Mr. Doherty"},
		{"My manager Pieter van der Merwe fired me last week.", "Pieter van der Merwe"},
		{"My manager Pieter du Toit fired me last week.", "Pieter du Toit"},
		{"Dr. Naidoo, my supervisor, let me go last week. I'm not cross with Priya (Dr. Naidoo), she was gutted too.", "Dr. Priya Naidoo"},
		{"I quit last week and my manager miss Aoife was lovely about it. The head vet, Aoife Brennan, gave me a cake.", "Aoife Brennan"},
		{"My manager Rutherford let me go last week. The Harbour Master, Captain Iain Rutherford, gave a speech.", "Iain Rutherford"},
		{"My boss Mr. Solano fired me last week. I had worked at Solano Landscaping for years.", "Mr. Solano"},
		{"My boss Mr. Hadley fired me last week. Hadley Tool & Die was my life.", "Mr. Hadley"},
		// (fresh-30) a workplace after "at" is no first name; a nickname in brackets after the full name;
		// "reported to his son"; a foreman named after where he worked; a start-up that "ran out" runs nothing
		{"I am chocolatier at Maison Aubertin in Edinburgh. The chef, Monsieur Aubertin himself, is a tyrant. I quit last week.", "Monsieur Aubertin"},
		{"I was laid off on the 9th. I told my manager, Jen, that I'm pregnant. Jennifer Alcott (Jen) signed the letter herself.", "Jennifer Alcott"},
		{"I quit last month. I rode with Walt Bratton (he's the founder) for years, but I reported to his son Mike Bratton who runs the shop now.", "Mike Bratton"},
		{"I got fired on the 9th. Our foreman on the hospital job, Rick Solano, kept us on live panels. The owner Pete Brightwater didnt call me back.", "Rick Solano"},
		{"I quit Ostrander in May to join Pinecone Loop. Pinecone ran out of runway and shut down last Friday.", ""},
		{"I quit thursday. I walked out after Gaz the depot manager had a go at me.", "Gaz"},
		{"I worked 4 years as lab technician in the quality lab of Brauerei Hofstetter GmbH in Freising. Dr. Lindqvist, the lab head, let me go on Friday.", "Dr. Lindqvist"},
		{"I was research assistant in the laboratory of Professor Gregor Whitlock for 2 years. On 2 October the institute manager Mrs. Patel tell me the grant is cut, so they must end my contract.", "Professor Gregor Whitlock"},
		{"i got fird last tuesday. last winter i hurt my wrist in the head gate and they covered everything", ""},
		{"I quit last month. I was the manager of the kitchen and the owner's daughter, Hélène Lefèvre, runs it since her father Mr. Lefèvre retired.", "Hélène Lefèvre"},
		// (fresh-32) "reporting to" says who it was, beside a weak title; "reported directly to"; "Herrn"
		{"I've been the payroll officer at O'Driscoll & Keane for six years, reporting to Siobhán, the practice manager. Siobhán and one of the partners, Mr. Keane, made me redundant last week.", "Siobhán"},
		{"I was employed as a Paralegal. I reported directly to Ms. Renata Silva, Senior Associate. I served on a jury in the county Superior Court and was terminated.", "Renata Silva"},
		{"My position was eliminated in June. My boss, Dr. Brandt, fought for me. I don't know if I should first call Herrn Brandt.", "Dr. Brandt"},
		{"I was a paraprofessional at Hollis Creek Elementary. Principal Amundsen told me my contract would not be renewed.", "Principal Amundsen"},
		// (fresh-33) "to whom I reported", the nearest name before it; "who was my actual boss" beside a weak title;
		// a co-lead is no boss
		{"On 3 September I was informed by Mr. Conrad Ashby, Vice President of Commercial Lines, to whom I reported directly, that my position had been eliminated. I would write to the President, Ms. Lorraine Hale.", "Conrad Ashby"},
		{"I was let go last month by the Harbour Master, Captain Iain Rutherford, to whom I reported.", "Captain Iain Rutherford"},
		{"I quit three weeks ago. It's a small practice, two dentists and the office manager Denise Lutz who was my actual boss. Dr. Kessel owns the practice.", "Denise Lutz"},
		{"I got termnated last friday. Should I go over his head to the owner, Mr. Dahl? I don't want to make him look bad.", ""}, // the one above the boss (fresh-33)
		{"Should I write to the Vice President of Academic Affairs?\n\nSincerely,\nPaul", ""},
		{"i got fired last week. they already put a sous chef post up online", ""},
		{"i got fired last week and hes been my boss the whole time", ""},
		{"My boss is Ma'am Tess (Ms. Teresita Villanueva), she is the Finance Manager. She let me go last week.", "Teresita Villanueva"},
		{"My boss Gazza (Gary Whitlock, the works manager) was gutted when they made me redundant.", "Gary Whitlock"},
		{"My manager Amanda Price (Service Manager) fired me last week.", "Amanda Price"},
		{"I'm a dental hygienist. On Monday Becky, our office manager, sat me down with Dr. Vance and he fired me.", "Dr. Vance"},
		{"Our office manager, Trish, said I was let go last week.", "Trish"},
		{"The owner is Walt Kessler. My direct manager Tony Bianchi fired me last week.", "Tony Bianchi"},
		{"I should write to the Chief Circuit Judge, I think. I was let go last week.", ""},
		{"i got fired last week, my foreman was screamin at me all day", ""},
		{"i got laid off last week. my boss is hector he is a good guy", "hector"},
		{"They let us go last week. It was not about our work, Gary our shift manager said it many times. Should I ask Gary?", "Gary"},
		{"I resigned from Kessler Tool & Die in August. earl my foreman told me I'd always have a spot there.", "earl"},
		{"During my shift manager's leave I was fired.", ""},
		{"I gave Mike (Mike Sorensen, dispatch manager, my boss) the letter the same day. They fired me last week.", "Mike Sorensen"},
		{"i got laid off last week. my manager priya fought for us", "priya"},
		{"My supervisor, Deputy Clerk Deborah Ellison, gave me a lovely send-off when I retired.", "Deborah Ellison"},
		{"I was laid off last week. My SM Kim Truong cried when she told us.", "Kim Truong"},
		{"I was sous chef at the Meridian Grand Hotel for 4 years under Executive Chef Sanjay Mehra. I resigned last month.", "Sanjay Mehra"},
		{"I was fired last week after the jury summons. I told Bronwyn as soon as I got it. Do I go to Dr Tupou over Bronwyn's head?", "Bronwyn"},
		{"I was let go last month. My jefe directo is Rolando, he organize the groups.", "Rolando"},
		{"On the day 2 of this month my gestor, Fábio Cardoso, called me and said I am fired.", "Fábio Cardoso"},
		{"I was informed by letter from Dr Fiona MacAulay, Head of Collections and my line manager, that my post was no longer required. The Director, Professor Hamish Leitch, signed it.", "Dr Fiona MacAulay"},
		{"I was made redundant last week. My manager Pan Krzysztof Wróbel was sorry.", "Krzysztof Wróbel"},
		{"It was not for my work, my ploegleider Henk Visser said to me I am one of his best. They let me go last week.", "Henk Visser"},
		{"i got fired last week. my till was short and kayla my manager said shes sorry.", "kayla"},
		{"I quit last month. Gerry Quinn the transport manager was my gaffer the whole time. I shook hands with Gerry.", "Gerry Quinn"},
		{"I was let go last week. I told my supervisor, Tom Baker, like three times.", "Tom Baker"},
		{"I was fired last week. I told my office manager Crystal Dunn about the summons. Crystal and Dr. Reyes (the dentist who owns the practice) called me in.", "Crystal Dunn"},
		{"I was fired last week. Our office manager Jolene still texts me and says Dr. Lindqvist regrets it.", "Dr. Lindqvist"},
		{"I was let go last week. The problem is our practice manager Callum Reid. Dr. Anand, one of the vets, backed me up.", "Callum Reid"},
		{"I was let go last month. I reported to Simon Achterberg, one of the partners.", "Simon Achterberg"},
		{"I retired on June 30 from my position as Chief Operator of the plant. My superintendent, Marguerite Allard, gave me a send-off.", "Marguerite Allard"},
		{"I was fired last week. I told my foreman Tank (Robert Tillman) twice. Do I go over Tank's head to the owner?", "Robert Tillman"},
		{"We were laid off last week. My boss (Macca - Steve McAllister, the project manager) reckons they're bidding on more work.", "Steve McAllister"},
		{"Got the sack a fortnight ago. Gazza (the boss, Gary Thornton) called me in the next morning.", "Gary Thornton"},
		{"I quit last month. I drove coaches for Pritchard's. School runs, day trips, the Cheltenham races, the lot.", ""},
		{"They laid me off last week. Last week the plant manager, Ing. Ramírez, told us.", "Ing. Ramírez"},
		{"I was dismissed last week. I tell to the shift lead Ciarán, and he say ok ok. Then I wrote to my manager Mr. Doherty about it.", "Mr. Doherty"},
		{"I was laid off last week. New Front Office Manager Brandon Kessler came, he was my manager. Within one month he announced a restructuring.", "Brandon Kessler"},
		{"They closed the shop last month. My boss was always Signor Bellini (Franco, the father). The other shop is still open and Marco manages it.", "Franco Bellini"},
		{"I was let go last month. I reported to the plant manager, Anil Rao, for six years.", "Anil Rao"},
		{"I worked with Dr. Kaplan for almost 2 years. In August I quit, no notice. Agora estou trabalhando numa clínica em Somerville, the new boss Dr. Nguyen is ok but the team is so cold.", "Dr. Kaplan"},
		{"I was laid off last week. I worked in Prof. Whitman's laboratory at Northfield University. The lab manager Ms. Okafor also said same.", "Prof. Whitman"},
		// (fresh-57) the sous chef who "tried to stick up for me" is not the chef who decided; "My line manager,
		// Mr Aldous, spoke up for me" still is the boss
		{"so i got termnated last thursday from Bluewater Oyster Bar. Chef Lindqvist (Anders) said it was the 3rd time i came in late. the sous chef Marisol tried to stick up for me but he had made his mind up.", "Chef Anders Lindqvist"},
		{"I was dismissed last month. My line manager, Mr Aldous, spoke up for me at the hearing, but the decision was taken by the Head of Planning, Mrs Patricia Kerr.", "Mr Aldous"},
		// (fresh-55) "working directly for" names the boss; "His partner" is someone else's
		{"I was a litigation paralegal at Castellano & Birch LLP, working directly for Evan Birch. I was let go on Friday. Would it be ridiculous to ask Mr. Castellano, the other partner, to reconsider?", "Evan Birch"},
		{"So I got the sack from Flanagan's on the 8th. The manager, Ciarán Ó Dálaigh, said the till was down. His partner Siobhán does the rotas, would it be better going through her?", "Ciarán Ó Dálaigh"},
		{"I retired in July. I was given the most generous send-off by the Head Teacher, Mrs Bernadette Okonkwo, and by the staff.", "Bernadette Okonkwo"},
	}, func(m *Message) string { return m.Facts.BossName })
}

// TestSituationForms covers situation.txt's readings of what happened: a
// named person's firing is theirs, not the writer's; not turning up for the
// last shifts is walking out; a firing for the loss of a client is a lay-off,
// and "not ready to retire" is no retirement.
func TestSituationForms(t *testing.T) {
	checkForms(t, "situation", []form[Situation]{
		// (fresh-64's bl50) the client stopped payments and the project is delayed
		{"10 days ago the project manager told me the client stopped payments and the project is delayed, so they have to terminate me and 3 other engineers from the same day.", SituationLaidOff},
		// (fresh-64) "decided to terminate my appointment"; "My position as ... ended on 30 November because the
		// grant that funded it ran out"
		{"Last Friday my regional manager called me inside his office and told me that the company has decided to terminate my appointment because I did not meet my target.", SituationFired},
		{"My position as research technician at the Te Awa Institute of Marine Science ended on 30 November because the grant that funded it ran out.", SituationLaidOff},
		// (fresh-62) "not one conversation about my performance" is no business reason; "Nothing happen to me yet"
		{"On Monday my team lead brought me into a room with HR and told me they were letting me go, that they needed someone more reliable on the team. Not one conversation about my performance before I went off.", SituationFired},
		{"Nothing happen to me yet but I quite worried. Two other banks did the same thing last year and half the RMs kena retrenched.", SituationUnknown},
		// (fresh-62) "outsourced" of someone else's set-up, in an aside; the writer's work outsourced
		{"On the 2nd, Dr. Pellegrino called me into his office and said I was being let go because my attitude has been a problem. In October I emailed the HR company the practice uses (they're outsourced, a lady named Corinne handles us).", SituationFired},
		{"In September my whole department was outsourced to a firm in Manila.", SituationLaidOff},
		// (fresh-61) right-sizing with 40 others; a project suspended two sentences before the last day, under the
		// subject "Notice of Early Termination"; a regulator that shut part of a site is no closure
		{"I was disengaged from Crestfield Microfinance Bank Ltd on 16th October alongside about 40 other staff due to what management called right-sizing.", SituationLaidOff},
		{"I put it in writing, nothing happened, so I rang SafeWork SA and they came out and shut that part of the site for three days. A fortnight ago Lachlan called me into the site office and said I was done. Got the boot on the spot.", SituationFired},
		// (fresh-60) a restructure proposed is not done
		{"We have been told there is a proposed restructure of Housing Services and my post may be deleted.", SituationUnknown},
		// (fresh-60) "this close to chucking it in": still in the job, thinking of leaving (read as trouble below)
		{"I'm a cellar hand at Tasman Ridge Vineyards, been there 3 years. I'm this close to chucking it in.", SituationUnknown},
		// (fresh-60) "I still work there" after a new job told is the new job's
		{"Three weeks ago I resigned from Tecnova in Campinas. A bank offered me 30% more salary and I accepted without thinking too much. The bank is a nightmare. I still work there but I am not sleeping well.", SituationQuit},
		// (fresh-59) a group "affected, including me"; separation pay given
		{"Last month our account was pulled out by the client and around 120 agents and 9 TLs were affected, including me.", SituationLaidOff},
		{"The client pulled the account and they closed our whole floor. They gave us separation pay, 1 month per year.", SituationLaidOff},
		// (fresh-59) told in the present; the boss who "moved on" and the writer who "left him short handed"
		{"Ten days later my supervisor Dwayne pulls me in. Then on October 30 he walks me out and says I'm not a fit.", SituationFired},
		{"Got summoned for jury duty. Went back Monday and Gary said he'd moved on, I left him short handed.", SituationUnknown},
		// (fresh-55) a final "t" for "d" in a learner's past tense; a misspelling one letter short of the ending
		{"I was terminatet from Lindqvist Cold Storage in Peterborough.", SituationFired},
		{"my boss terminatd me on friday.", SituationFired},
		// (fresh-67) a past tense without its "e" ("walkd": "walked", not "walks"), read by the lists of leaving
		// of their own accord too
		{"yo so i walkd off the job tuesday at Big Moe's BBQ on Colfax.", SituationQuit},
		// (fresh-69) on a plan, what most plans end in is no event
		{"Last week my OM put me on PIP for 30 days because my team AHT is high. Also what are my chances to pass, because I heard in our site most PIP ends with termination.", SituationUnknown},
		// (fresh-68) the client "pulled the pin" on the contract, and the firm stood the crew down: a lay-off
		{"I was a haul truck operator for Redgum Haulage Pty Ltd for 4 years. End of September the client pulled the pin on the contract and Redgum stood down the whole crew, about 60 of us.", SituationLaidOff},
		// (fresh-67) a plant closed, dated by its month
		{"I was working 12 years in Conservas Aldabe S.L. in Bermeo. The plant closed the 15 of October, they say because the company lost the contract with the big supermarket.", SituationLaidOff},
		// (fresh-67) restructuring in the writer's first language
		{"On 14 October they called me and three other people to a meeting and said that we were part of a \"reestruturação\" because the agency lost the account of a big bank client.", SituationLaidOff},
		{"Last Thursday he called me into the back office and said corporate decided I'm \"not a culture fit\" and took my key card.", SituationFired},
		{"I walked out mid-shift, took off my badge and left it on the counter.", SituationQuit},
		// (fresh-56, Singapore) "said I cannot continue already"
		{"This Monday my boss Mr Lim called me in and said I cannot continue already, today is last day.", SituationFired},
		// (fresh-57) a leave is no end; talk of cuts is a rumour; a client that "went bankrupt" is not the employer
		{"I'm a unit clerk at Bayshore Memorial. Some background: I was out on FMLA for knee surgery this summer and honestly they were great about it. Now they announced cuts to non-clinical roles.", SituationUnknown},
		{"I'm a loan officer at Ridgeway Credit Union and there's a lot of talk that we're merging with another credit union and cutting staff after the first of the year.", SituationUnknown},
		{"I'm on a PIP for retention. The retention thing is partly true, we lost two big shippers this summer, but one of them went bankrupt so I'm not sure what I was supposed to do about that.", SituationUnknown},
		// (fresh-56) a choice asked about is no event; "Nobody's said I'm sacked"
		{"I'm an ops executive at Merlion Freight Forwarding, been here 4 years. Got rumour they will retrench 20% before CNY. What would you do? Quit first or wait?", SituationUnknown},
		{"Since then I've had zero shifts. I've texted Fraser twice and he's left me on read. Nobody's said I'm sacked, nobody's said anything at all.", SituationUnknown},
		{"I quit last week. Was that stupid or not?", SituationQuit},
		// (fresh-56) the boss's "I'm done" and "don't bother coming to the site"
		{"Exactly one week later my foreman tells me I'm done, \"attitude problem\", don't bother coming to the site.", SituationFired},
		// (fresh-55) a learner's "renunciated"; a BPO's "floating" staff
		{"I worked 5 years in Panadería La Espiga. Two months ago I renunciated because I was very tired.", SituationQuit},
		{"Last Friday our OM said the client pulled out the account. HR said we are \"floating\" for 30 days and if there is a new account we will be first priority to call back.", SituationLaidOff},
		{"Tomasz call me to office and say I am finish, because my pick rate is too low.", SituationFired},
		// (fresh-54) 'my "numbers had dropped"': the writer's numbers, behind a quote, are no business reason
		{"My manager called me in and said they were letting me go because my \"numbers had dropped\".", SituationFired},
		// (fresh-54, Irish) a sentence that drops its "I" opens with the verb of leaving
		{"I was head barman in O'Donoghue's for five years. Monday night I lost the head. Chucked it in, basically, in the middle of a shift.", SituationQuit},
		// (fresh-53) a job not lost, "at least not yet"
		{"I am not writing because I have lost my job, at least not yet. I am a senior claims adjuster at Harrowgate Mutual Insurance.", SituationUnknown},
		// (fresh-53) "quit to open" a business is no draft left open; the verb after "hey so"
		{"I was sous-chef at Bistro Le Marché for 4 years. Two months ago I quit to open my own food truck with a friend.", SituationQuit},
		{"hey so got the boot from the crown & anchor hotel yest arvo. was doin bar there 18 months.", SituationFired},
		// (fresh-52) a terse closure with a day; a quit given as an example of what they might do, and as
		// someone else's advice
		{"Plant shut Friday after 14 years at Kilbride Foods. Gutted. Any point asking them to keep me in mind for the Cork site?", SituationLaidOff},
		{"I need to get this off my chest before I do something I regret, like quit on the spot. My partner says just quit, we'll manage.", SituationUnknown},
		// (fresh-52) a firing told in the present, as a story
		{"i was a nail tech at luxe nails & spa for like a year. then suddenly everything i do is wrong?? and on tuesday she fires me for attitude", SituationFired},
		// (fresh-51) a contract not renewed after an incident is a firing; a business reason in German
		// and English after a "termination"; a plant that shut down for good, told without "I", and
		// others who walked out of its last speech
		{"On September 18 the principal, Principal Garber, who supervises all of us aides, called me in and told me my contract would not be renewed after the incident in the cafeteria.", SituationFired},
		{"Three weeks ago I became my Kündigung (termination) from Lindner Umwelttechnik GmbH. The official reason is \"betriebsbedingt\", that means for business reasons.", SituationLaidOff},
		{"I was a millwright at Harcourt Stamping in Brantford for 22 years. The plant shut down for good on Friday October 30. Plant manager Bev Sutherland gave a little speech on the last day and half the guys walked out before she finished.", SituationLaidOff},
		{"Rumour is the plant shut down for good in the spring? I still work there, I'm scared.", SituationUnknown},
		// (fresh-50) terse writers drop the "I" and the "my" (a typo too); a doubt is no "nothing yet"
		{"Resgined from Pemberton Vets 2 months ago, big mistake. Can I ask for it back or is that mad?", SituationQuit},
		{"Position eliminated last week. Regional Sales Manager, 12 yrs at Dunmore Packaging.", SituationLaidOff},
		{"ok so i walked off the job last night and i already regret it. idk if i still have a job technically?? but prob not lol", SituationQuit},
		// (fresh-47) contracts finished for all, a position that ended because of a grant; a contract
		// ended in probation for mistakes is still a firing; an account pulled out is the business's
		{"I was front desk agent at Hotel Miramar for 2 years. On August 27 the hotel told all the reception team that they close for renovation and our contracts are finished.", SituationLaidOff},
		{"10 days ago the management told us the hotel will close for full renovation, and they finish the contracts of 90 staff, me including.", SituationLaidOff},
		{"A couple weeks back my position as program coordinator at Riverbend Youth Alliance ended because the grant that paid for it ran out.", SituationLaidOff},
		{"On 31 August my Teamleiter told me they end the contract in the Probezeit because I made too many mistakes in the offers.", SituationFired},
		{"Last August 28 our whole account was pulled out by the client so the company ended the contract of all agents in our account.", SituationLaidOff},
		// (fresh-47) a perfect done to "me" is the writer's: "my Meister, Herr Brandt, has fired me"
		{"I was working as car mechanic at Autohaus Keller GmbH. 10 days ago my Meister, Herr Brandt, has fired me.", SituationFired},
		// (fresh-45) the French word for apron, taken off in the rush
		{"Last Saturday, in the middle of the rush, my manager shouted at me. I was so tired, I took off my tablier, I put it on the counter and I left.", SituationQuit},
		// (fresh-44) "He tell me take off the apron and don't come back"
		{"Last tuesday Chef Ortega yell at me and I yell back. He tell me take off the apron and don't come back.", SituationFired},
		// (fresh-44) "texted my boss that I was done" is the writer's quit; funding withdrawn and "cost
		// optimization" are business reasons; "made me a very attractive offer ... I signed" a choice
		{"A fortnight ago I had a blue with the leading hand, went home and texted my boss Shane that I was done.", SituationQuit},
		{"I am writing about the early termination of my employment. On 25 September the director informed me that the client had withdrawn funding for the second phase and that my role would therefore end.", SituationLaidOff},
		{"HR informed that due to cost optimization they cannot keep bench. My last working day was 31st October.", SituationLaidOff},
		{"In spring a start-up from Munich made me a very attractive offer. I signed, and my last day there was 31 August.", SituationQuit},
		// (fresh-43) "position ... got cut"; a contract ended "citing shortage of funds"; "quit moping" is advice
		{"My youth worker position at Eastside Youth Hub got cut last month when the county grant ran out.", SituationLaidOff},
		{"On the 31st of August, after only 6 months, the company ended my contract, citing shortage of funds on the project.", SituationLaidOff},
		{"My wife said quit moping and write to them. They eliminated my position on the 20th for cost reductions.", SituationLaidOff},
		// (fresh-42) "I left ... to take a job at": a quit
		{"For 7 years I was herdsman at Miller Family Farms. I left right after the county fair this summer to take a job at the ethanol plant in town.", SituationQuit},
		// (fresh-42) the old manager, set off by commas, got walked out: his event, not the writer's
		{"My friend Jess texted me that my old manager, Curtis Rader, got walked out last week. I resigned on July 31 because I couldn't take it anymore.", SituationQuit},
		// (fresh-42) "they're ending my contract early"; a "termination clause" is no firing
		{"Last Thursday the PM rings me and says the client's pulled funding and they're ending my contract early, effective that day. Tegan reckons the \"project termination clause\" means they don't owe me notice.", SituationLaidOff},
		{"a couple weeks back i just couldnt do it anymore. i left a note in the office and didnt work my last shifts. my friend texted me yesterday that Brandon got fired for the same thing.", SituationQuit},
		{"Yesterday my coworker Kelly was fired. I am scared I am next.", SituationUnknown},
		{"Dante fired me yesterday.", SituationFired},
		// (fresh-41) "I'm leaving it in" is no quitting, nor a plan to "then retire"; "things weren't working out"
		{"I ain't quit yet but I'm about this close. 11 years as a crane operator at Bayou Cross Terminal.", SituationUnknown},
		{"I was a Medical Sales Representative with Crestline Pharma Nigeria Ltd for five good years before I was relieved of my appointment on 2nd November this year.", SituationFired},
		{"Last Friday the company tell me my position is cancel. I was accountant in Golden Bridge Trading Co., Ltd. for 2 year.", SituationLaidOff},
		{"I was Director of Music at St Columba's Parish Church for 17 years, and my post was cut when the congregation's giving fell.", SituationLaidOff},
		{"I got the email below from my manager on Monday. I'm leaving it in because I want someone outside the company to read it.", SituationUnknown},
		{"Then the Friday before Thanksgiving Sal called me into the back office and said things weren't working out. I'm 61. I had planned to work until 66 and then retire.", SituationFired},
		// (fresh-40) "and I was done"; "walked of the job"; "they don't need us anymore"; staff "disengaged"
		{"On the 11th my foreman and Stan called me into the trailer and told me I had a bad attitude and wasn't pulling my weight and I was done.", SituationFired},
		{"On Sept 4th I walked of the job site at lunch after my foreman chewed me out.", SituationQuit},
		{"Before 2 months the company told me and 5 other translators that they don't need us anymore because the clients now use machine translation.", SituationLaidOff},
		{"On the 2nd of this month about 30 staff were disengaged, me inclusive. They said it is purely a business decision and nothing to do with performance.", SituationLaidOff},
		// (fresh-39) "they will terminate me already" (Filipino English); a forwarded "Separation of employment";
		// others laid off before
		{"Then last September 28, my first day back, Ma'am Rhodora called me to the office and told me they will terminate me already.", SituationFired},
		{"my foreman arne keeps saying dont worry about it but he said that in 2023 too and then they laid off half the egg house. is it worth asking arne if im gonna be on the list?", SituationUnknown},
		// (fresh-38) a fixed-term job "finished early"; a "sack letter"; a quitter's "I leave with 2 days of notice";
		// "couldn't carry two full time guys"; layoffs that "would go by seniority" are not yet
		{"On 11 September the supervisor Mr. Doyle tell me there is no more work, the big job for the pharma plant is finished early, and we finish same day.", SituationLaidOff},
		{"On 4th September they gave me sack letter because of cash shortage in my till.", SituationFired},
		{"2 months ago another company offer me $6 more per hour and I leave with only 2 days of notice.", SituationQuit},
		{"About a month ago I was let go from Koenig Family Dairy. Gus sold off about half the herd and said he couldn't carry two full time guys anymore.", SituationLaidOff},
		{"Word is they're cutting 6 positions. I'm in the union and the steward says layoffs would go by seniority so I'm probably ok.", SituationUnknown},
		// (fresh-37) non-native and mixed-language forms; a rumour and a negation tell no event
		{"Me corrieron despues de lastimarme. When the doctor give me the release i go back to work and Ricky say there is no more work for me.", SituationFired},
		{"On 11 September my supervisor told me that from Monday they don't need me, because the client take less product now.", SituationLaidOff},
		{"I work 12 years in Fresh Valley Foods. The company close the plant the 31 of August, all the plant, 140 persons without job.", SituationLaidOff},
		{"Last Friday na-lay off ako sa Apex Global Contact Solutions. The whole account was dissolved.", SituationLaidOff},
		{"I'm not out of a job (yet) but I'm worried I'm heading there. My manager put me on a PIP.", SituationUnknown},
		{"Last week the big project was cancelled by the client and now everybody in office is talking that the company will make layoffs.", SituationUnknown},
		{"Then my manager said they were letting me go because of concerns about reliability. There was no warning, nothing in writing about my work.", SituationFired},
		// (fresh-33) a key holder's "opened and closed" is no closure; "fired because too many absences" is no
		// lay-off beside "no more work"; Scots "paid aff"
		{"i got fird from the dollar general last week my register was short twice\ni was key holder i opened and closed all the time", SituationFired},
		{"When I come back he say there is no more work for me, and on November 2 they give me the paper that I am fired because too many absences.", SituationFired},
		{"I wis a shift supervisor at McAllister's Bakeries for 22 year. Last Friday they shut the place, the whole plant, 140 of us paid aff.", SituationLaidOff},
		// (fresh-30)
		{"Last Friday my supervisor said they are \"retrenching\" us with immediate effect.", SituationLaidOff},
		{"Two months back I left and joined one fintech startup. When I submitted my papers he told me our doors are open.", SituationQuit},
		{"In September I had surgery and the doctor gave me 4 weeks of medical leave, I gave the papers to HR. I come back on Monday and my manager tell me that I am terminated.", SituationFired},
		{"I came back on Tuesday, November 17. He met me at the back door and said not to bother coming in, they'd gone a different direction. Before I left I cleaned my station.", SituationFired},
		{"I'm a line supervisor at Kinloch Seafoods. I'm about ready to chuck it in and go back on the boats with my uncle.", SituationUnknown},
		{"ok so this isnt a lost my job thing, not yet anyway. i'm a para at maple grove elementary and i'm honestly about to walk out.", SituationUnknown},
		{"On 30th September, the Senior Pastor called me to his office and told me the church has decided to disengage me.", SituationFired},
		{"Hi, quick general question, not about me. My buddy from my softball league got let go from his job at a car dealership and he's too proud to write so I'm asking for him.", SituationUnknown},
		{"I was a production line operative on the ready meals line for 4 years. Two weeks ago they let me go.", SituationFired},
		{"Then on the Wednesday after Labor Day he calls me in and says I am \"not a fit\", and that's it, I'm done. 22 years and they show me the door.", SituationFired},
		{"My question is general: does it ever work, to ask to come back after you are fired for something like this?", SituationUnknown},
		{"I did not lose my job. My question is general: if a person resigns and after some months regrets, do companies take them back?", SituationUnknown},
		{"On October 16th our GM called me into his office and said they were going in a different direction.", SituationFired},
		{"got canned from the call center yesterday for hanging up on customers. my sup keisha said it was my 3rd strike.", SituationFired},
		{"Hank Van Dijk sold out to a big outfit from Alberta and their new manager let the whole crew go on November 20.", SituationLaidOff},
		{"I just untied my apron and left in the middle of a Friday dinner rush.", SituationQuit},
		{"My director informed me in September that my term would not be extended owing to the 2026-27 budget reductions.", SituationLaidOff},
		{"I was let go on Monday from ledgerly at the end of my probation. I was a backend developer there for 6 months.", SituationFired},
		{"On 1st November the management handed over the full hospital pharmacy to an outside chain and all 6 pharmacists of the hospital were removed.", SituationLaidOff},
		{"Last Thursday Mr. Dale Thibodeaux call me in the office and say I am fire because I leave early too many time.", SituationFired},
		{"3 weeks ago the owner's son told all the seasonal people that the season is finished early, because the gas is too expensive.", SituationLaidOff},
		{"On October 3 we all signed off in Fujairah because the ship was sold.", SituationLaidOff},
		{"He said then maybe you should go. And I said fine, I go, I took my guitar and I left.", SituationQuit},
		{"In the summer they announced that we merge with a Swedish company. My last day was 30 September.", SituationLaidOff},
		{"They laid off about half the crews on Oct 9th because two subdivisions got put on hold.", SituationLaidOff},
		{"I was associated with Mehta Sarin & Associates for five years, and I was relieved from the Firm on 15 October after serving my notice period.", SituationQuit},
		{"I left the end of July for a director title at Whitcombe Advisory.", SituationQuit},
		{"I am sitting here with a resignation email open in drafts.", SituationUnknown},
		{"Every application asks why I left my last job. Then on Sep 25th Curtis said I was being let go.", SituationFired},
		{"Last month company has terminated around 40 employees due to loss of our US client project, myself also included.", SituationLaidOff},
		{"I was dismissed last week for a missed deadline, which contributed to the loss of the client.", SituationFired},
		{"I have given my notice in June because I got an offer from a startup.", SituationQuit},
		{"They gave me one month salary in lieu of notice when they fired me.", SituationFired},
		{"I am 64 and I am not ready to retire.", SituationUnknown},
		{"In August I got an offer from a startup and I accepted. My last day at Harbor Point was August 29. Now the startup ran out of money.", SituationQuit},
		{"Our manager said the company is losing a big client. I am not fired (still), but I am very stressed.", SituationUnknown},
		{"Four of us technicians got the termination in September with the legal notice period.", SituationLaidOff},
		{"I am an employer. One of my guys, Tomasz, worked for me 3 years, he quit angry because I did not give him a raise.", SituationUnknown},
		{"I have a sponsor, a retired mail carrier named Lou who doesn't let me get away with anything.", SituationUnknown},
		{"I work there 6 years, but a reorganisation is still possible of course.", SituationUnknown},
		{"I trained my own replacement before I left, but she quit after two weeks.", SituationQuit},
		{"Last August 28 our OM called all of us in the huddle and told us that the client pulled out so our whole account is closed and all of us are terminated.", SituationLaidOff},
		{"A cook I let go back in the summer just emailed asking for his job back.", SituationUnknown},
		{"Two days ago I lost my job at Bellavista Suites.", SituationFired},
		{"Got the arse a fortnight ago from Coastline Pools & Spas.", SituationFired},
		{"on friday they deactivate my account, email say account sharing detected and thats it.", SituationFired},
		{"That Thursday Britney from the agency calls me and says the site doesn't need me anymore.", SituationFired},
		{"I quite my job as volunteer coordinator at Tri-County Food Bank last month.", SituationQuit},
		{"This summer he sold the practice to SmileCo Dental Partners and retired, and last Friday the new regional manager told us our positions were eliminated.", SituationLaidOff},
		{"A fortnight ago today the yard boss, Shane Kellett, calls me over at smoko and tells me I'm done.", SituationFired},
		{"After 11 years at Meridian Trust Bank, on the 15th my role was \"impacted\" as part of a strategic realignment.", SituationLaidOff},
		{"Then last October 30 HR called us one by one and gave us the notice that our positions are redundant.", SituationLaidOff},
		{"I gave Chef B 6 weeks notice and my last day was 6/30.", SituationQuit},
		{"Until end of September I was Senior DevOps Engineer at Ostwind Software AG. My last day there was 30 September. My boss was the best. I changed to Cloudreef GmbH because of the salary.", SituationQuit},
		{"Company lost the big contract with the supermarket chain in summer and they say they must reduce the drivers from 30 to 18. I was one of the 12. My last day was 30.09.", SituationLaidOff},
		{"In the summer the practice was bought by a big group and they centralized all the insurance verification in Tampa. My last day was September 25.", SituationLaidOff},
		{"I ask demission (in Portuguese we say \"pedi demissão\") two weeks ago because my supervisor changed my schedule.", SituationQuit},
		{"On October 30 my position was eliminated together with 25 other people in finance.", SituationLaidOff},
		{"They called me in and said they'd \"decided to go a different direction\" because they needed someone reliable.", SituationFired},
	}, func(m *Message) Situation { return m.Facts.Situation })
	// (fresh-61's bi25) a clear business reason two sentences before the last day wins over the subject's
	// "Termination"
	if got := mustParse(t, msg("Fwd: Notice of Early Termination", "After 9 months they ended it because \"the project has been suspended\". My contract clearly says three months' notice. They gave me one week, and Friday the 16th was my last day.")).Facts.Situation; got != SituationLaidOff {
		t.Errorf("project suspended under a subject of termination: got %s, want laid_off", got)
	}
}

// TestSignalForms covers signals.txt's readings of signs said in ordinary
// words, and the words that are no sign.
func TestSignalForms(t *testing.T) {
	checkForms(t, "signals", []form[string]{
		// (fresh-66) a fear of starting over where "everyone seems to want someone younger": the job market
		{"I was terminated about a month ago for a billing error. I'm 52 and frankly scared to death of starting over somewhere new, everyone seems to want someone younger who already knows all the new software.", ""},
		// (fresh-65) a position cut during parental leave; not a return from it the writer says was handled well
		{"Since June I am in parental leave because my second daughter is born. Three weeks ago I got a letter that my position is cancelled because of a restructuring.", "discrimination"},
		{"I was made redundant in September. I came back from shared parental leave last year and they were brilliant about it, so I don't think there's anything dodgy going on, it's just money.", ""},
		// (fresh-64) a call advised, not made; an injury reported with its claim; a contract kept "exactly" with "no
		// complaint about that"; a fear of the job market beside young lads
		{"My doctor put me off work for three weeks after surgery and they let me go the week I came back. My sister says I should call the Ministry of Labour but I don't know.", "medical_leave"},
		{"I hurt my back lifting in September. I reported it the same night and filed the comp claim like the safety guy told me. Two weeks later they fired me.", "retaliation"},
		{"I was made redundant in October. In my contract are written three months of notice and they have kept this exactly. I have no complaint about that.", ""},
		{"I was laid off in October. Thing is I'm 57 and I'm scared stiff nobody is going to take on a bloke my age when there's young lads coming out of college who know all the new software.", ""},
		// (fresh-63) a call to a ministry; expired drugs relabelled, then a pharmacy council called; not a board
		// complained to after the end
		{"I was terminated on September 25. In early September I found that some of the pre-trip brake inspection logs were being signed off by guys who were not even on shift. So on September 11 I called the Ministry of Transportation and told them what I found.", "whistleblowing"},
		{"My appointment was terminated on Monday. Early this month I noticed that some cartons of drugs that expired since July were being repacked with new stickers. I also called the pharmacy council office in Yaba to ask what to do.", "whistleblowing"},
		{"I was fired in August. Something I should be honest about: after he let me go I was really upset and I filed a complaint with the state dental board about an expired autoclave test strip thing I'd seen months before.", ""},
		// (fresh-62) a call to the aged care complaints line; a colleague going on maternity leave, named by job
		{"I got the sack on the 16th. Back in September I rang the aged care complaints line because some of the obs charts were being filled in the next morning by someone who wasn't even on.", "whistleblowing"},
		{"I was laid off in October. I heard from a friend that a technician on the night shift is going on maternity leave in January. Can I ask for that replacement?", ""},
		// (fresh-61) whom the writer reported to is no report; a redundancy payment the appointment letter
		// provides for, "no such payment has been made"
		{"On the 3rd they fired me for coming in late. Mr. Van Wyk signed the letter but it was Lindiwe I reported to every day.", ""},
		{"My position was declared redundant on 31st August. I reported directly to the Finance Manager, Mr. Kojo Amponsah, who has always been supportive of my work.", ""},
		{"My position was declared redundant on 31st August. My appointment letter expressly provides for a redundancy payment of three months' salary for each year. To date, three weeks after my exit, no such payment has been made.", "contract"},
		{"I was fired on the 3rd. I reported to HR that the scaffold on site was unsafe.", "whistleblowing,retaliation"},
		// a writer let go who asks about a lawyer suspects a sign the rules do not read: its kind is that of the
		// first word of suspected_sign told (fresh-6's g48, fresh-25's o09); not one asked about, not when they
		// own what went wrong, not without the question, not at one's age (fresh-54's bb11)
		{"I was made redundant on the 2nd after 17 years. When you look at who went it was me and every other person over 55 on the shop floor. Should I see a solicitor?", "discrimination"},
		{"Last Friday Phil let me go because the work's dried up. I signed a 4 year training contract and I'm a year and a half in. Do I need to get a lawyer involved?", "contract"},
		{"I was made redundant on the 2nd after 17 years. When you look at who went it was me and every other person over 55 on the shop floor. What should I do now?", ""},
		{"I was dismissed in October. And should I involve a lawyer over the unpaid salary, or will that spoil everything?", ""},
		{"I was made redundant at the end of August. I'm 52 and terrified of being on the job market at my age. Is it worth talking to a lawyer?", ""},
		// (fresh-68) the writer's own letter of apology, after a safety training, reports nothing
		{"My boss dismissed me on 2 October because I did not report the damage to the company van. It is my fault. Since then I did a driving safety training and I wrote a letter to apologise, but I did not send it yet.", ""},
		// (fresh-67) severance agreed in an agreement and not paid
		{"The plant closed the 15 of October. In the agreement we signed in 2023 it say that if the plant close we receive 45 days per year worked. Now the company pay only 20 days. Should I talk to a lawyer?", "contract"},
		// (fresh-67) the youngest kept; a tip share short; an operation; checks skipped; names called and slaps
		{"On 30 September was my last day, they closed the whole group, 7 persons. From the 7 they kept two, the two youngest ones. I am 58. Should I go first to a lawyer?", "discrimination"},
		{"The kitchen tip share had been coming up way short for months. I put it all in writing. Nine days later Chef let me go for attitude. Should I be talking to a lawyer?", "retaliation"},
		{"In October I had a knee operation and I was off for 3 weeks. The morning I came back the owner dismissed me for low performance. Should I talk to a lawyer?", "medical_leave"},
		{"My supervisor told us to skip the dimension check when the line is busy. I wrote to the Quality Director. Three weeks later they fired me. Do I need a lawyer?", "whistleblowing"},
		{"I was terminated on August 28. The journeyman was calling me princess in front of the whole crew and slapping the back of my head. Do I need a lawyer for this?", "harassment"},
		// (fresh-60) severance paid as the contract says is no sign
		{"plant closed down friday everybody out 212 of us. union says its a full closure and they got us the severance thats in the contract so thats that i guess", ""},
		// (fresh-60) an email with the unpaid hours written out; a memo with the copies attached, a double payment
		// noticed before; union cards brought in; two over 55 let go; hours cut after HR saw the texts
		{"I was a dental assistant at Bright Smile for 2 years. We never got paid for working through lunch. In September I finally sent an email to Pam with my hours written out, like 40 lunches I wasn't paid for. Two weeks later he called me in and said I had a negative attitude and I was done.", "retaliation"},
		{"Early October I noticed that some fuel invoices were being paid two times, the same invoice numbers. On 9th October I wrote a memo to the MD, Alhaji Sani Bello, with all the copies attached. One week later my services were no longer required.", "whistleblowing"},
		{"This Monday she fire me. In October some people from the union come to talk to us. I bring the cards to the break room and I talk to the girls about it.", "retaliation"},
		{"I was terminated on October 30. In October two of us over 55 were let go. My numbers were not the problem.", "discrimination"},
		{"Todd would say things about what I was wearing and stand way too close behind my desk. In July I went to Marcy in HR and showed her the texts. After that my hours got cut from 40 to 28. On August 21 I walked out.", "retaliation,harassment"},
		// (fresh-59) an aside in brackets inside a phrase
		{"I was made redundant on the 4th of September. The thing is, my contract (I've dug it out of the loft) says three months' notice or pay in lieu, and the letter only gives me two weeks' pay.", "contract"},
		// (fresh-59) a tip pool reported to HR; "I'm expecting" told to a doctor by title; a refusal to enter
		// false invoices; bad brakes reported to the DOT line; the texts shown to the GM
		{"They let me go last Saturday for attitude. The tip-out hasn't added up for months. In September I went to Deb in HR with our notes and said I thought our GM was skimming off the pool. Three weeks later I got my first write-up ever.", "retaliation"},
		{"On August 27 Dr. Lindqvist told me I wasn't a culture fit anymore. In early June I told Dr. Lindqvist and our office manager Renee that I'm expecting (due in January).", "discrimination"},
		{"I noticed we were billing the insurers for full tear-offs when the work orders showed patch repairs. I told Frank I wouldn't be the one to submit them. On Nov 2 he let me go.", "whistleblowing"},
		{"Truck 14 had bad brakes. After the third time I called the state DOT line and they put the truck out of service. Nine days later they termnated me.", "whistleblowing"},
		{"Corey started texting me late at night. In August I finally told the GM, Lisa, and showed her the texts. On October 9 I was let go.", "retaliation,harassment"},
		// (fresh-58) a report to "the safety guy" of bad brakes; treatment told four sentences before it was
		// reported ("told her everything"); a leave the writer rules out, or after which the firm "were very
		// good to me"
		{"Two weeks ago I told the safety guy from corporate that the brakes on two of our forklifts were bad. On Monday he termnated me for attitude.", "whistleblowing"},
		{"Since August the bar manager, Kyle, started making comments about my body. Then it was his hand on my lower back every shift. I laughed it off for way too long. Then one night he followed me into the walk-in and I said no. On October 29th I went to Angela, the GM, and told her everything. A few days later my shifts got cut and then I was let go.", "retaliation,harassment"},
		{"I was laid off on October 20. Also I was on leave for 3 weeks in August for my wrist surgery, but the layoff is company-wide so I don't think it matters.", ""},
		{"I came back from maternity leave in the summer and the firm were very good to me, they let me do four days. But I was wrecked, so I chucked it in.", ""},
		// (fresh-56) wrongdoing noticed ("going missing", "not tallying") and a letter "explaining everything"; an
		// age cut told as "three of us ... over 55 and all three of us got the chop" and "the four oldest"; "what
		// are you wearing" at night; a county's summons and "sitting on a trial"
		{"Sometime in August I noticed that diesel was going missing from the trucks, the figures in the log book was not tallying with the fuel receipts. I did my own findings and I wrote a letter to the MD office explaining everything. Two weeks after, they called me to say my services are no longer required.", "whistleblowing"},
		{"I was retrenched last Friday. There were three of us in the branch over 55 and all three of us got the chop.", "discrimination"},
		{"On November 17th I was told my role was being eliminated. Four of us. The four of us were the four oldest people in the building.", "discrimination"},
		{"My TL used to message me on WhatsApp at night \"what are you wearing\". Then on 6th November HR called me and said my services are terminated.", "harassment"},
		// (fresh-56) a gallbladder out and a doctor who "signed me off"; a fixed contract's notice, unpaid
		{"In August I had to get my gallbladder out and the doctor signed me off for 6 weeks. Came back Monday 28th September. Then Thursday past the gaffer calls me in and says they're letting me go.", "medical_leave"},
		{"In May I signed contract for 12 months, fixed, and it is written in contract that if company finish it early they must give me one month notice. On 16 October shift manager Mr Dobbs tell us that 14 people from night shift are finish, the same night. There is only the days I worked, no notice pay, nothing.", "contract"},
		// (fresh-57) HR called about work off the clock; younger staff retained; a CDD with months still on it;
		// "seated on a criminal trial"
		{"At the end of September I called Marcus in HR because my store manager had been making us clock out and then finish the truck off the clock. Then on Monday she said my drawer was short and I was done.", "retaliation"},
		{"On September 1 my position was eliminated. All five adjusters in the unit who were over the age of 55 were let go, while the four younger adjusters were retained.", "discrimination"},
		{"I was project assistant on a fixed-term contract of 12 months which started in March. On 17 September my boss told me that my contract stops. So after six months it is finished, and there is still six months on the contract.", "contract"},
		{"In October I got a summons and ended up seated on a criminal trial that ran eleven business days. On Nov 2nd she told me they were letting me go.", "jury_duty"},
		// (fresh-56) organising in plain words: meeting to talk about pay, signing cards, asking to be recognised
		{"Over the summer a bunch of us started meeting after close to talk about pay and scheduling, and in September I was one of the people who signed cards and handed a letter to our store manager asking the owners to recognize us. On the 16th they terminated me for dress code violations.", "retaliation"},
		{"I was fired on Monday for being late. My coworkers signed a card for my birthday last week.", ""},
		// (fresh-56) a send-off card "signed by all the drivers" is no petition
		{"In August I jumped ship for a supervisor job. My ops manager was great about it, they even did a little send-off with a card signed by all the drivers.", ""},
		{"In October I got the summons from the county and ended up sitting on a trial for 8 working days. The day I came back he let me go.", "jury_duty"},
		// (fresh-55) a supervisor's theft told in plain words, then reported; the audit head; an age cut; a
		// complaint made after the firing; a union drive the writer never joined
		{"My supervisor has been removing diesel from our trucks and selling it. Any driver that refuse, he will give you bad route. In August I went to the Operations Manager and told her everything, I even showed her the fuel receipts. Monday last week I was sacked for insubordination.", "whistleblowing"},
		{"I was let go last week. Since July I noticed that some of the diesel we are buying is not entering the trucks. The receipts will show 600 litres but the tank gauge is showing 350. I gathered all the receipts and I showed it to the Head of Audit on 31st August.", "whistleblowing"},
		{"On August 28 our positions were eliminated. All four of us who were let go are over the age of 55; I am 61.", "discrimination"},
		{"I was let go on Halloween for being late. After he let me go I was really upset and I filed a complaint with the state dental board about an expired test strip.", ""},
		{"I resigned on the 23rd of October. There was a union drive at the site over the summer, a lot of the lads were signing up. I never joined and it's got nothing to do with me leaving.", ""},
		// (fresh-55) an injury put in the accident book against the manager's word, then a firing; a night
		// manager's advances turned down, then a firing told by the key card taken
		{"On 2 October I had accident, pallet hit my shoulder. On 5 October I write in accident book myself and give copy to HR. On 7 October Tomasz call me to office and say I am finish.", "retaliation"},
		// (fresh-55) a severance letter "says" and the payslip "has nothing"; a "limited" contract of 2 years
		// ended at "only 11 months"
		{"I was retrenched on the 30th of October together with 11 others. But the letter they gave us says one week's pay for every completed year of service, and the payslip we got this month has nothing.", "contract"},
		{"My contract is limited, 2 years, started October last year. One month ago my manager told me the company lost the tender so they must finish my contract. I finished only 11 months.", "contract"},
		{"Back in August my manager started asking me to get drinks after shift, commenting on how my uniform fit. I kept saying no nicely. Last Thursday he said corporate decided I'm not a culture fit and took my key card.", "harassment"},
		// (fresh-54) a union gone to after the firing, which could not help, is no union activity
		{"They sacked me over the missing stock. I went to the union people but they told me they cannot do anything for me because I am on management cadre.", ""},
		// (fresh-54) a surgeon's leave, then a firing two days back
		{"In August my surgeon put me on leave for three weeks. I came back on a Monday. On the Wednesday my manager said they were letting me go.", "medical_leave"},
		// (fresh-54) jury service allowed ("ok, no problem"), then held against them
		{"In October I receive the letter for the jury duty. I show the letter to Chef Ramos and he say ok, no problem. When I come back, Chef Ramos tell me I am not reliable and they don't need me.", "jury_duty"},
		// (fresh-53) unpaid time taken to HR, then a firing; a contract's severance and "What did I get? One
		// week."; others' talk of a union the writer stayed out of
		{"I was termnated last Friday. Since the summer they been having us clock out at 5 and then stay and finish loading the trucks. No pay for that. In mid September I took it to HR.", "retaliation"},
		{"I was retrenched last month. My employment contract says very clearly that if my position is made redundant I get two months' salary as severance. What did I get? One week.", "contract"},
		{"I am worried about layoffs. There has also been talk among some of the younger adjusters about organizing a union; I have stayed out of it.", ""},
		// (fresh-52) a report to the German statutory accident insurer about broken fume extraction; "you can
		// understand my condition" is how they are placed, not a health condition
		{"In September I saw that in the welding hall the extraction system for the fumes is broken since months. Then at 12. October I wrote it to the Berufsgenossenschaft (this is the insurance for work accidents here) and they made an inspection. On 30. October I got the Kündigung.", "whistleblowing"},
		{"I was sacked on 3rd November. I have been at home since then with nothing doing. We have three children in school, so you can understand my condition.", ""},
		// (fresh-51) a colleague's maternity leave; a payment not in line with the contract; an email to HR
		// asking if unpaid work was legal, then a firing; what "he wanted" said of the team is still a sign
		{"I'm a payroll administrator at McLeish & Grant. She's dumped the whole client list on me since Jenny went on maternity leave in the summer.", ""},
		{"I was made redundant on 18 September. My contract says three months' notice. They've paid me one month in lieu. It isn't in line with my contract though, is it?", "contract"},
		{"Everybody grumbled but nobody said anything official. In early September I finally sent an email to Marcus in HR asking if that was legal, because I'd added it up and it was like 6 hours a week I wasn't getting paid for. Then on September 18 they let me go.", "retaliation"},
		{"I was retrenched on 31 August after 19 years. Me (58), Gail (61) and Rashid (57) were let go. The new Head of Claims stood up and said he wanted \"fresh energy\" in the team.", "discrimination"},
		{"I quit in July after three years as a lifeguard. Walked out with my whistle still round my neck lol.", ""},
		{"I quit my travel nursing job last month. In September my dad had a stroke and I need to be home.", ""},
		// (fresh-46) a term of the contract, then "received only two weeks' pay"
		{"Until 25 September I was employed as Senior Financial Analyst. On that date I was informed that my role was redundant. However, my employment contract provides for three months' salary in lieu of notice. To date I have received only two weeks' pay and the statutory minimum.", "contract"},
		// (fresh-48) "what is owed to me" and "my reporting manager" are no complaint made; a question of what
		// to do now is none either; a report to a safety reporting inbox still is
		{"I was dismissed in October. And should I involve a lawyer over the unpaid salary, or will that spoil everything? I want my job back but I also need what is owed to me.", ""},
		{"I was terminated last week. Salary for October also not paid yet. My reporting manager at Nexora was Sandeep Kulkarni.", ""},
		{"I was fired on the 9th. The lockout tags were missing on the press. So in late September I wrote it up and sent it to the Director of Maintenance, Mr. Pruitt, with a copy to the company's safety reporting inbox.", "whistleblowing"},
		// (fresh-15, read again after fresh-48) a complaint is the writer's only in a sentence of theirs: "the airline complained"
		{"I was fired last week. In the video you can see me throwing 2 bags because we are in delay and supervisor was shouting hurry hurry. The video went viral on Instagram and the airline complained.", ""},
		// (fresh-48) "my employment letter clearly states" is a contract's word
		{"My appointment has been terminated with immediate effect. However, my employment letter clearly states that either party shall give one month notice or pay one month salary in lieu. Up till today they have not paid the one month salary.", "contract"},
		// (fresh-48) harassment told two sentences before it was complained of ("I already complain to ... HR")
		{"They terminate me 3 weeks ago. Our night auditor Faisal is always touching my shoulder and my waist. Many times I tell him stop. In September I already complain to Sir Raymond and also to HR, I give them the screenshots.", "retaliation,harassment"},
		// (fresh-50) a mental health condition had for years, told to the manager three sentences on (a quit
		// over it counts); one never told is none
		{"Last week I resigned from my job. Background: I've had generalized anxiety disorder and depression since college. It's been well managed for years. This summer my meds stopped working. I went to my manager, Heather, with a doctor's note and asked if I could start later for therapy appointments.", "discrimination"},
		{"I got fired on Friday for my numbers. What they don't know is that I've had really bad anxiety since the spring and I've been hiding it, I never told them.", ""},
		// (fresh-48) "we were told" is told, not telling: no report, even beside an authority's name
		{"I was let go in October. The centre runs on a mix of HSE and county council money and in September we were told the council grant for the youth programme wasn't being renewed.", ""},
		// (fresh-50) asking after unpaid notice pay once the job has ended is a claim, not a complaint the dismissal answered
		{"They terminated my appointment on 30 October. My contract clearly states one month notice or pay in lieu. Till today they have not paid the one month. When I asked the Admin/HR, Mr. Bello, he said management is looking into it.", "contract"},
		// (fresh-50) a customer's formal complaint is about the writer's work; a son's surgery is no leave of theirs
		{"Until 31 August I was employed as Quality Engineer. On this day my employment was terminated. A part of the batch was out of tolerance and the customer made a formal complaint (8D report).", ""},
		{"I was fired on Friday for attendance. I had ONE occurrence this year and that was for my son's surgery and I had a doctor's note. I came back the next day.", ""},
		// (fresh-49) a complaint only advised ("I should make a complaint"); someone else's report; the writer
		// taking the reason as fair; a hazard report put in is still one
		{"I was let go in October. My contract says four weeks notice and they paid me one. My da says I should make a complaint to the WRC about the unpaid wages.", "contract"},
		{"I was dismissed last month. Mr. Tunde Bakare from internal audit did the investigation and the report said negligence, not fraud.", ""},
		{"I was laid off in August. They went by who was quickest on the new routing software and I'm a bit of a dinosaur with that, so fair enough, I get it.", ""},
		{"I was fired on Monday. The week before, I put in a hazard report because the service brakes on truck 14 were fading on the ramp.", "whistleblowing"},
		// (fresh-49) a works council being set up; an enterprise agreement's pay, "paid me the bare minimum"
		{"Last Thursday my Meister gave me the Kündigung. About two weeks before, some colleagues and I started to talk about making a Betriebsrat (works council).", "retaliation"},
		{"Six weeks ago they made me redundant. Our enterprise agreement says redundancy pay is 2 weeks per year of service. What they actually paid me was the bare minimum, which is a fair whack less.", "contract"},
		// (fresh-48) a report to a food control office; "both under thirty" hired; union talk before the
		// selection; a contract's closure pay "only" partly paid
		{"Two weeks ago I got the Kündigung. Products stayed over 12 degrees for hours. So in September I informed the food control office of the Landkreis. They came to inspect on 2 October.", "whistleblowing"},
		{"I was informed that my employment was terminated. I am sixty-one years of age. The two accountants hired this year are both under thirty.", "discrimination"},
		{"On 18 September they make me redundant. In summer me and my colleague Tomasz start to speak with the GMB union because of the cold. Now they choose exactly me and Tomasz.", "retaliation"},
		{"In July they tell us the plant is closing. My last day was August 28. When I sign my contract it says if there is a closing we get two weeks of pay for every year. For me it is 22 weeks. But they only pay 2 weeks for everybody.", "contract"},
		// (fresh-47) an injury with a workers' comp claim is the claim's sign alone; a writer who quit over
		// harassment they complained of was not let go for complaining (unless treated worse after it)
		{"hey so i got canned tuesday i was a crew lead there 5 yrs hurt my back in august filed workers comp like the office told me to doc put me on light duty then 2 weeks later my foreman says they dont need me", "retaliation"},
		{"I resigned last month. My team lead kept making comments about my body. I complained to HR about the harassment and nothing happened, so I quit.", "harassment"},
		{"I resigned last month. My team lead kept making comments about my body. I went to HR and after that he start to give me the worst schedules, so I quit.", "retaliation,harassment"},
		// (fresh-46) others counted off sick are not the writer's leave; the writer's own still is
		{"I got the sack a fortnight ago. We had a nightmare Saturday service, two chefs off sick, and the head chef had a go at me.", ""},
		{"I got the sack a fortnight ago. I was off sick for two weeks with my back and they sacked me the day I came back.", "medical_leave"},
		{"I was terminated last week. We're a union carrier and the union has filed a grievance on my behalf.", ""},
		{"I was laid off 3 days ago. I'm 58. all 4 of us cut from our team were over 50, the 2 kept are under 30", "discrimination"},
		{"I was fired on the 11th. In August I hurt my hand. I ask Mr. Bart Jensen, the herd manager, for the workers comp papers.", "retaliation"},
		{"I was fired on the 9th. In August two emergency exits were blocked with pallets. So on September 1 I called the state safety office and they came to inspect.", "whistleblowing"},
		{"I quit 3 weeks ago after a fight with the pastor. My wife Juliana is 6 months pregnant with our second baby.", ""},
		// (fresh-43) "my girl is pregnant": his partner; "so no hard feelings there": the writer rules it out
		{"i walked off the job friday night. my girl is pregnant and i cant be out of work right now", ""},
		{"When the state grant wasn't renewed they laid me off. My contract said the position depended on the grant, so no hard feelings there, it is what it is.", ""},
		// (fresh-43) a mental health diagnosis told to the manager, then let go; a diagnosis alone is no sign
		{"In October I finally got diagnosed with generalized anxiety disorder. On November 3 I told my manager, Jenna, and asked if I could work from home two days a week. On November 20 she said I was being let go.", "discrimination"},
		{"I was fired in November for missing deadlines. In October I finally got diagnosed with ADHD and I'm on medication now.", ""},
		// (fresh-45) billing for work never done, noticed; the findings "sent it to the owner" two sentences on
		{"In September I noticed that our office manager was billing property owners for maintenance work that was never done. A couple of thousand a month. I put together what I found and sent it to the owner of the company. Two weeks later she let me go.", "whistleblowing"},
		// (fresh-45) "said hey, I think we're owed overtime": a complaint about pay, then let go
		{"Two weeks later they let me go. For months we worked through lunch and those hours were never on our checks. On October 29th I finally went to Tammy and said hey, I think we're owed overtime, here's my list.", "retaliation"},
		// (fresh-45) "that had nothing to do with any of this": the writer rules the leave out
		{"I was fired last week after a row with a customer. I was off sick with my back for a bit in the spring but that had nothing to do with any of this, to be clear.", ""},
		// (fresh-44) an interviewer's question at another job is no sign
		{"I was let go in August. I've applied to 40 jobs and gotten two callbacks. One of them asked if I was \"comfortable working with a young team\" which, fine, I am.", ""},
		// (fresh-44) their own account "flagged by Compliance" is no report of wrongdoing
		{"On 30th October I was termnated because of an account I opened without complete KYC documents. He did not bring it and the account was later flagged by Compliance. I accept that I did not follow the laid down procedure.", ""},
		// (fresh-43) harassment told without the word: messages late at night, "sweetheart", a waist held
		{"I resigned in October. Since June my supervisor was sending me messages late in the night, calling me sweetheart. One time in the stock room he held my waist and I pushed his hand.", "harassment"},
		// (fresh-43) a state or county office told of a hazard; a hedge is no question
		{"They fire me two weeks after. In August they spray the field next to us with the workers still inside. I call the county agriculture office to report it.", "whistleblowing"},
		{"On the 16th they said my position was being eliminated. Oh and I don't know if this matters at all but back in August I called the state OSHA line about the ammonia leak in the engine room.", "whistleblowing"},
		// (fresh-43) "no problem for 2 years" tells how it was before, no denial
		{"They fire me last month. The new supervisor don't like when we pray in the break. Before him the old supervisor give us the small room for pray 5 minutes, no problem for 2 years.", "discrimination"},
		// (fresh-43) pay that "stopped" showing up, then "emailed HR" about it
		{"I was let go on the 24th. Back in August a bunch of us stopped getting paid for the time over 40. I asked my supervisor Rick about it twice and he said talk to HR. So on the 22nd I finally emailed HR with screenshots of my hours. Two days later Rick calls me in.", "retaliation"},
		// (fresh-42) "but that's not really why": the writer rules it out
		{"I quit in March and regret it. Mr van Wyk will perhaps think I am too old, and I would understand.", ""},
		{"I quit the nursery in August. We left on good terms, they got me a card and J drew me a dinosaur.", ""},
		{"I left in the summer to take a job at the ethanol plant. There's union talk at the plant right now and everybody's on edge, but that's not really why, I just miss the cows.", ""},
		// (fresh-41) the leave told in the sentences after the sickness; an injury claimed on workers' comp is
		// the claim's sign; one sick day is no leave
		{"I was let go on the 20th. This fall I finally had my hip replaced. Sal approved the time, six weeks, with the doctor's forms. I came back on November 2nd.", "medical_leave"},
		{"I was fired on the 9th. In August I hurt my back lifting a box and I made the injury claim with the workers comp. The doctor give me two weeks light duty. I come back to work after.", "retaliation"},
		{"I was fired after jury duty. The only days I missed all year were the jury days and one sick day in the spring with a doctor's note.", "jury_duty"},
		// (fresh-41) the boss's words quoted are no denial by the writer: "he said "no problem, civic duty.""
		{"I was on a jury from October 5 to October 16. I gave Phil the paperwork the day I got it and he said \"no problem, civic duty.\" I came back on the 19th and one week later I'm fired.", "jury_duty"},
		// (fresh-41) "gone outside the chain"; hours added "after the fact", then raised; "we need young people";
		// a father's new baby is no sign
		{"On October 14th my supervisor fired me for insubordination. She was furious that I'd \"gone outside the chain\" when I told the inspector the latch was sticking.", "whistleblowing"},
		{"I was let go on October 16. In mid-September I noticed that hours were being added to several client matters after the fact. I raised this in writing with the managing partner.", "whistleblowing"},
		{"I was dismissed last month. In the meeting the plant manager said: We need young people who learn the new machines fast.", "discrimination"},
		{"I was sacked for swearing at a customer. I hadn't been sleeping properly for months with the new baby.", ""},
		// (fresh-40) the writer's own errors flagged by an audit; a contract paid as it said; an old grievance fixed fairly
		{"I was dismissed on Tuesday from my role as Risk Analyst after an internal audit flagged two reports I signed off without checking properly.", ""},
		{"On 31 July they made me redundant. No dramas with how they did it, my contract said 4 weeks notice and they paid that plus the redundancy, fair's fair.", ""},
		{"I quit in August. I did get a grievance settled a couple years back about overtime, we're not union but they fixed it fair, so I don't think they hold grudges there.", ""},
		// (fresh-39) money that did not match, raised in writing; "the younger ones pick it up quicker"
		{"On October 2 my services were no longer required. In early September I noticed that several deposits did not match the counting sheets. I raised this in writing with Pastor Lindqvist.", "whistleblowing"},
		{"I was terminated on September 30. I am 63. He said we need drivers who can keep up with the new tablet system and the younger ones pick it up quicker.", "discrimination"},
		// (fresh-38) union people met; "wrote me sick"; comments about a hijab; a day of sick leave, severance paid out
		// and a question about ringing ACAS are no signs
		{"3 weeks ago they lay off me and 4 other compañeras. In September some of us start to talk with people from the union and we had two meetings.", "retaliation"},
		{"I was fired on 26 October, the morning I came back to work. In August I was sick with a burnout and he wrote me sick for 6 weeks.", "medical_leave"},
		{"I resign from my job 3 weeks ago. From the first day the office manager make comments about my hijab.", "discrimination,harassment"},
		{"I was dismissed for failing probation the week after I served on a jury. Apart from jury service I had taken one day of sick leave.", "jury_duty"},
		{"I was made redundant in October. To be fair they paid out the 8 weeks' severance that's in my contract.", ""},
		{"I was dismissed last week after two months signed off with stress. Should I be ringing ACAS or a solicitor before I send it?", "medical_leave"},
		// (fresh-37) wrongdoing the writer noticed, then "raised it"; union talk with colleagues; workers comp
		// papers without an article; "this isn't a union thing"
		{"I was dismissed on 16th October. In September I noticed that some vendor invoices were inflated. I raised it with Mr. Obi first and he told me to leave it.", "whistleblowing"},
		{"On 9 October they tell me I am redundant. In September I was talking with colleagues about the union (GMB).", "retaliation"},
		{"I was let go 3 weeks ago. In August i fall from a ladder and hurt my back. My wife help me to fill the papers for workers comp.", "retaliation"},
		{"Last Wednesday I chucked it in after a blue with the project manager. I'm in the CFMEU but this isn't a union thing or anything.", ""},
		{"I was fired last week for speeding tickets. They always treated me like family, even gave me time for Jummah every Friday no problem.", ""},
		{"they fired me friday. union rep says we can grieve it. is it ok to call ray while the grievance is going on", ""},
		// (fresh-30) a fixed-term contract or a collective agreement is a term, a sign only when broken: cut
		// short before an end still ahead, or less paid than it says
		{"I was laid off last week. My fixed-term contract ended on 31 August as planned, the grant was not renewed.", ""},
		{"Got laid off Sept 18. The union steward says we're on the recall list under the collective agreement for 12 months.", ""},
		{"I was laid off on 31 October. I had a fixed-term contract from April 2025 to March 2027, signed by the director.", "contract"},
		{"I was laid off last month. They told me that my contract will end early, with one month notice.", "contract"},
		{"I was laid off last week. Last month my contract finished and they did not give me new contract because the company sold the ship.", ""},
		{"I was fired last week. I filed a written complaint in 2023 about the piano. It was resolved and I do not believe it has any bearing on this.", ""},
		// (fresh-31) the union's grievance over the firing itself; a counsellor through the mental health plan;
		// the new job's contract; a contract signed until a month still ahead; a business's contract
		{"Last Thursday they fired me. Our union rep Sal says a grievance probably won't go anywhere because of the phone.", ""},
		{"Over the summer I kept finding cracked twistlocks on the carriers. Nothing happened, so on the 18th of August I rang the Maritime and Coastguard Agency and reported it. Two weeks later I was dismissed.", "whistleblowing"},
		{"I got the sack last week. I've got a counsellor now through the mental health plan, first session was yesterday.", ""},
		{"About 3 months ago I resigned to take a travel contract. My current contract runs through January and I'm not going to break it.", ""},
		{"On Friday the broker phoned me and said they don't need me anymore. My contract was signed until end of December.", "contract"},
		{"I was laid off on 30.09. Now I see on their Facebook that Becker won a new contract with a DIY store chain from 1 December!", ""},
		{"I got the sack last week. Three weeks before, nothing happened about the short staffing, so I rang the council's safeguarding line and told them.", "whistleblowing"},
		{"I was made redundant last month. My contract says I am entitled to two weeks' pay for every year of service. HR told us we would only be getting statutory for now.", "contract"},
		{"I was made redundant last month. I am 58, and I am not a dinosaur, whatever head office thinks.", ""},
		{"I was made redundant last month. My manager said the business needs fresh legs.", "discrimination"},
		{"Over the summer I found that restricted grant money had been moved to cover operating costs. I raised it with the CFO twice. Three weeks later my position was eliminated.", "whistleblowing"},
		{"In September I hurt my shoulder, the line was short-staffed. I reported it and saw the doctor. They let me go last week.", ""},
		{"Three weeks back I came off a ladder and busted my wrist. The boss wasn't happy about the claim. He sacked me on Friday.", "retaliation"},
		{"I was dismissed last week. On 29th September I returned to work following six weeks' absence, certified by my GP, for treatment of a kidney infection.", "medical_leave"},
		{"They retrenched 12 of us last month. In August some of us started talking about joining NUM because the overtime was not being paid right.", "retaliation"},
		{"I quit last month. Since I came back I have started grief counselling through my GP.", ""},
		{"I was laid off last month. Severance was actually better than my contract said (8 weeks instead of 4) so no complaints there.", ""},
		{"I quit my job at the warehouse two weeks ago. i need this job man my girlfriend is pregnant.", ""},
		{"I am on sick leave since September for a back surgery, my doctor says I can go back in January. My manager texted that they may need to replace me.", ""},
		{"I retired in June. I don't want my old route back full time, those 4am starts are for the younger guys.", ""},
		{"I was made redundant last month. I wish to be clear that I hold no grievance regarding the manner in which this was handled.", ""},
		{"I quit last month. My contract says four weeks notice and I gave none, so I'm not expecting any favours.", ""},
		{"I was laid off last week. Daniela is pregnant, she goes on leave in January, so maybe they will need somebody to cover?", ""},
		{"I was laid off last week. My boss is Mrs. Adeyemi, the operations head, and she is on maternity leave since June.", ""},
		{"I was laid off last week. I was on maternity leave when they did it.", "discrimination"},
		{"I was let go last month. They said they want someone younger with more energy.", "discrimination"},
		{"I was made redundant last month. In my contract (clause 14.2) it says clearly: after 2 years of service the notice period is 3 months, or pay in lieu of it. They paid me one month only.", "contract"},
		{"I was terminated last month. As per my appointment letter, one month notice or one month salary in lieu of notice is there. Till date nothing is paid.", "contract"},
		{"I was laid off last month. My contract was a good one and they paid everything in full.", ""},
		{"I quit last month. I don't want to look like I'm expecting special treatment.", ""},
		{"I quit last month. In June I told Mr. Roche (the senior partner), that I was expecting.", "discrimination"},
		{"I was laid off last month. The severance was what they promised.", ""},
		{"I was laid off last month. I placed 212 young people in jobs or apprenticeships in 8 years.", ""},
		{"I was laid off last month. also my teammate who's on mat leave kept her job, good for her honestly.", ""},
		{"I was fired last week. In August I rang the regional council about the effluent and they came out.", "whistleblowing"},
		{"My contract is 2 years. They terminated it last month but they did not give the one month notice salary that is written in our contract.", "contract"},
		{"I got fired last week. Then he says, and I quote, \"we need young blokes who can keep up\".", "discrimination"},
		{"I was let go last month. From June my team lead started making comments about my dressing and in September I complained to the POSH committee.", "retaliation,harassment"},
		// (fresh-32) a writer who quit: harassment, not retaliation for reporting it, and no leave; a complaint
		// about parking; a severance the handbook set; "everything was fine" before a claim; a report to
		// those who police wrongdoing inside the employer
		{"I quit two weeks ago. My supervisor made comments about how I looked and stood way too close. In August I reported it to HR.", "harassment"},
		{"I resigned six weeks ago. I did a burnout recovery program through my union's wellness thing, 4 sessions.", ""},
		{"I was laid off in August. I filed a formal complaint in 2024 regarding the allocation of staff parking.", ""},
		{"I was laid off last month. They gave me 8 weeks severance, which is what the handbook says.", ""},
		{"I was dismissed on 30 October. I told my line manager that I was pregnant at the start of October. Up to then everything was fine.", "discrimination"},
		{"I was sacked on the 2nd. In September some loans were approved to customers that does not exist, so I wrote to the internal control unit in Lagos.", "whistleblowing"},
		// (fresh-33) a union brought in; papers for a workers' comp claim; an environmental violation
		// reported; a contract's remaining months not paid; concerns raised with a monitoring officer; a quit
		// after harassment, treated worse after reporting it
		{"On Monday I got walked out. About 3 weeks ago me and a couple guys started passing out flyers about getting a union in.", "retaliation"},
		{"I was fired on November 2. In October I hurt my back, I told my supervisor and the office give me the papers for the workers comp.", "retaliation"},
		{"I was dismissed on October 12. The Chief ordered to bypass the oily water separator and pump the bilge overboard. This is very serious violation, so I sent email to the company DPA to report it. They paid only until sign off, not the remaining 5 months of my contract.", "whistleblowing,contract"},
		{"I was dismissed on 16th October. In late September I raised concerns in writing with the Council's Monitoring Officer, that a contractor was invoicing for repairs which had never been carried out.", "whistleblowing"},
		{"I quit last month. My supervisor made comments about my body. I reported it to HR in July. He just got colder and gave all the good accounts to the other reps.", "retaliation,harassment"},
	}, func(m *Message) string { return joined(m.Facts.WrongfulSignals) })
}

// TestTermsForms covers terms.txt's readings of how they parted.
func TestTermsForms(t *testing.T) {
	checkForms(t, "terms", []form[Terms]{
		// (fresh-69) come back anytime, in good relation, glad to see me back
		{"Last month 28th I resign. My manager, Mr. Zhao, when I leave he said to me \"if you want come back, you can tell me anytime\".", TermsGood},
		{"On 1 September my boss said my position is eliminated. She was very sorry. We are in good relation.", TermsGood},
		{"My position was made redundant on 16 October. Mr. Keogh assured me that he would be glad to see me back should an opportunity arise.", TermsGood},
		// (fresh-68) a going-away party, a braai for us, a home here always, no bad blood, classy about it
		{"i quit my job at dunmore family dental like 2 months ago. i gave them 2 weeks notice and they even threw me a little going away party", TermsGood},
		{"I was retrenched at the end of September. Sipho organised a braai for us on the last Friday which was lekker.", TermsGood},
		{"I left Pemberton Rowe LLP two months ago. When I left, Gwen said \"you'll always have a home here,\" and she meant it.", TermsGood},
		{"I was let go a fortnight ago. Niamh has since given me a cracking recommendation, so no bad blood at all.", TermsGood},
		{"I was laid off on the 2nd with the whole team. My lead Mathieu was really classy about it.", TermsGood},
		// (fresh-61) notice not rendered; a row and things said on both sides; a cordial parting with a luncheon;
		// "all very civilised" and the pub on the last day; a very good Arbeitszeugnis; not "took me out back"
		{"I resigned last Oct 1. I did not render my 30 days notice, I just left after he did it again.", TermsBad},
		{"I got the sack from Muldoon's Bar back in August. Fergal caught me drinking on shift. There was a bit of a row, I said things, he said things, I'd say the whole street heard us.", TermsBad},
		{"At the end of June I retired from Hollister-Vance Mutual after thirty-one years. The parting was entirely cordial; there was a luncheon.", TermsGood},
		{"I was made redundant three weeks ago. It was all very civilised. My line manager was gutted, he took us all to the pub on my last day.", TermsGood},
		{"My contract was not extended because the funding ended. Nobody did anything wrong, my boss was very correct and also sad about it, and he wrote me a very good Arbeitszeugnis.", TermsGood},
		{"Last Friday I overslept and didn't call in. When I got there at 3 she took me out back by the dumpsters and told me not to come back.", TermsUnknown},
		// (fresh-60) a reference hoped for is no parting told
		{"They terminated me last week for the wrong drawing revision. If cannot go back, at least I hope he can give me good reference letter.", TermsUnknown},
		// (fresh-59) a hug told in a learner's present; things left warmly; the writer yelling at the boss
		{"I was laid off last Friday with 30% of the people. My supervisor Linda tell me my work is very good. She hug me and cry a little bit.", TermsGood},
		{"I got RIF'd on the 13th. My manager was genuinely upset when she told me, and we left things really warmly.", TermsGood},
		{"i got fird yesterday. i kinda yelled at her and said some stuff i shouldnt of", TermsBad},
		// (fresh-58) busy is no parting; what the writer would not repeat is
		{"I was let go the Monday I came back from jury duty. I'm not even that mad at Lou, he was slammed while I was out.", TermsUnknown},
		{"He said you're not the head chef. I said something I won't repeat here about where he could put his tongs. Then he told me not to bother coming in Monday.", TermsBad},
		{"I was fired last week. Vince grabbed my waist in the pit and said stuff I wont repeat here.", TermsUnknown},
		// (fresh-57) a question without its "?" tells nothing of the parting
		{"I was fired after going to a union meeting. do I need a lawyer for this. is there any way to get back in there or did I burn that bridge just by going to a meeting", TermsUnknown},
		// (fresh-55) "give him a bell" is the boss's offer only after an "if": the writer's own plan to ring is not
		{"A fortnight ago I chucked in my job after a blue with my foreman. I told him where he could stick it, in front of the whole crew. Missus reckons I should swallow my pride and give him a bell.", TermsBad},
		{"I handed in my notice five weeks ago. Steve was sound about it, said if it doesn't work out give him a bell.", TermsGood},
		{"Two months ago I renunciated because I was very tired. Doña Carmen was sad but she understand, she give me a hug and said \"mija, esta es tu casa\".", TermsGood},
		// (fresh-54) "told him exactly what I thought of the place on my way out"
		{"A fortnight ago I got the sack. I didn't take it well and told him exactly what I thought of the place on my way out, which I regret more than anything.", TermsBad},
		// (fresh-53) a cordial parting and a door not to be considered closed; "if I hear something I tell
		// you"; not "the exit was not cordial"
		{"I was dismissed in October. Our parting was cordial. She told me that, should circumstances change, she would not wish me to consider the door closed.", TermsGood},
		{"3 weeks ago I was made redundant. My shift manager was Darren, he is good man, he said me \"Tomek, if I hear something I tell you\".", TermsGood},
		{"I was dismissed in October. The exit was not cordial.", TermsUnknown},
		// (fresh-52) "pretty chill abt it"; a boss who "calls me first" when money comes back; a round bought
		// for the crew; the writer's own "asking him to have me back" is no offer
		{"chef ramos told me not to come back last sunday. he was pretty chill abt it tho, said he liked my work and maybe down the line.", TermsGood},
		{"In August my position was eliminated. Mme Gagnon cried more than me when she told me, and she said the day there is money again she calls me first.", TermsGood},
		{"Got made redundant last Thursday. Nothing personal, my boss Shane was as gutted as we were and shouted us all a beer at the pub.", TermsGood},
		{"he said give me your keys and dont come back. do you think theres any point asking him to have me back or is that me done", TermsUnknown},
		// (fresh-52) "not my finest moment" of an outburst at a customer told just before
		{"I got the sack last Thursday. A customer was screaming at one of our lads, and I lost my rag and swore at her. Not my finest moment.", TermsUnknown},
		// (fresh-51) the boss's "you're done" told to the writer; "no notice" after a comma is not denied by
		// the "not" before it; the kindness of one who gives the news is no good parting
		{"Last Thursday he pulls me aside at smoko and tells me I'm done, reckons I've got a bad attitude.", TermsUnknown},
		{"I resigned on October 2, I just send email to store manager and not go back, no notice, because I cannot stand it anymore.", TermsBad},
		{"I was fired last week. My nurse manager, Lorraine Whitfield, was kind about it but said the decision came from above her.", TermsUnknown},
		// (fresh-48) the boss's own "if" and "maybe" before an offer to have them back; a lovely party when they left
		{"I was laid off last month. My manager Ms. Liu said it is not because my work is bad. She said if business become better I am welcome to come back.", TermsGood},
		{"My contract ended 31 August. Professor Hollander is very kind, he say it is not my problem, and when the new grant come, maybe January, he will hire me again.", TermsGood},
		{"I retired at the end of last school year after 27 years, and we had a lovely party in the gym with the fourth graders singing.", TermsGood},
		{"I was laid off in June. I hope maybe they will hire me again.", TermsUnknown},
		// (fresh-45) "give her a shout if anything came up", a retirement party; notice not served, "left in annoyance"
		{"I was made redundant in August. My manager Niamh was gas. She said to give her a shout if anything came up.", TermsGood},
		{"I retired in June. Principal Garber gave a lovely speech at my retirement party.", TermsGood},
		{"On 14th August I tendered my resignation with immediate effect. I left in annoyance and did not serve the one-month notice.", TermsBad},
		// (fresh-42) good: a place kept for them, a handshake, a promise to ask for them or call them first;
		// bad: a voice raised, "gobbed off", "in a strop", quitting by text
		{"I handed in my notice in July to go self employed. Tam was gutted but he gave me a bottle and said there would always be a ramp for me if it didnt work out.", TermsGood},
		{"About one month ago was my last day, the owner close for renovation. When I leave he shake my hand and say thank you for 12 years.", TermsGood},
		{"On the 15th my area manager phoned me and said my contract is finished because we lost the tender. She said if they get a new site she will ask for me.", TermsGood},
		{"I was laid off in August. My Schichtleiter told me at the end that when the orders are coming back, they will call first the people from Halle 2.", TermsGood},
		{"Before 3 weeks we had big argument about the schedule. I talked very loud to him in front of the customers, and I gave my resignation in the same day and I left.", TermsBad},
		{"I got the sack a fortnight ago after I turned up still half cut and then gobbed off at him in front of the KP.", TermsBad},
		{"quit at the care home friday in a strop after the senior had a go at me. manager wont answer my texts", TermsBad},
		{"i quit my job 2 weeks ago. the director was on me about my phone and i got mad and just texted her i wasnt coming back", TermsBad},
		// (fresh-30) someone else was nice about it; an old complaint resolved amicably
		{"i got fird last tuesday from hoekstra dairy. his wife marieke does the payroll she was nice about it and gave me my last check same day.", TermsUnknown},
		{"I was fired three weeks ago. Since then I apologized to Hector (the dishwasher) in person. He was cool about it actually.", TermsUnknown},
		{"My manager Dave let me go on Friday. He was really nice about it.", TermsGood},
		// (fresh-40) "she'd love to have me back"; "i kinda cussed her out"
		{"They made my role redundant in October. My manager was very sad about it, she said that she'd love to have me back.", TermsGood},
		{"i got fired from quikroute yesterday. i kinda cussed her out on the phone which prob didnt help lol", TermsBad},
		// (fresh-38) a question about a burnt bridge tells nothing; "it wasnae a bad leaving"; a pan thrown at the firing
		{"I was dismissed last week. Is there any chance of getting my job back, or have I burnt that bridge?", TermsUnknown},
		{"I handed my notice in in September. I'm forwarding you the email my old manager sent so you can see it wasnae a bad leaving.", TermsGood},
		{"I got fired the Saturday before Halloween for getting into it with the dishwasher. I threw a sheet pan and it hit the wall right next to his head.", TermsBad},
		// (fresh-37) an insult, "stick the job", "quit in the middle of the shift"
		{"i was termnated tuesday. i kind of lost it and called him a hypocrite in front of the bussers. not my proudest moment", TermsBad},
		{"I got the sack a fortnight ago. I said a few things to him on the way out I shouldn't have. Told him to stick the job.", TermsBad},
		{"On 26 of September I quit in the middle of the shift. My boss screamed with me on the phone.", TermsBad},
		{"I was let go in October. I filed a complaint in 2023 about the piano. It was resolved amicably.", TermsUnknown},
		{"I quit in July. Julien was disappointed but super nice about it, and he said « la porte est toujours ouverte ».", TermsGood},
		{"I give two weeks notice in August. We said goodbye in a friendly way.", TermsGood},
		{"Last Saturday I quit. I took off my apron, left it on the bar and leave.", TermsBad},
		{"I was fired last week. I didn't argue, I turned in my badge and walked out to my truck.", TermsUnknown},
		{"They fired me. Four days after that I was walked out by security.", TermsUnknown},
		{"I quit last week. I walked out in the middle of my shift.", TermsBad},
		{"I quit last week. I just didn't show up for my shifts.", TermsBad},
		{"I quit last week and I was fairly rude to my manager on the way out.", TermsBad},
		{"I quit last month. Jess was sad but she said \"you are always welcome here Lu\", we did a little goodbye with pão de queijo.", TermsGood},
		{"I resigned in August. We say goodbye with hugs and she told me \"Rosa, anything you need, you call me\".", TermsGood},
		{"Walked off the job Monday at Lindqvist Print & Sign after my boss chewed me out in front of a customer over a misprint.", TermsBad},
		{"I was fired last week. The customer was screaming abuse at her, and when he turned on me I lost it and told him what I thought.", TermsUnknown},
		{"I quit last week. She was really understanding about it and said to call her anytime.", TermsGood},
		{"I quit last month. When I left Maureen said \"you'll always have a place here\" and the girls did me a cake and a card.", TermsGood},
		{"I got fired last week after I talked back to him in front of the whole line.", TermsBad},
		{"I quit on Friday. I wrote a very rude email to my manager and crewing and signed off.", TermsBad},
		{"I quit last week. Do you think they would always have a place for me?", TermsUnknown},
		{"My last day was 30.09., they laid off 12 drivers. Herr Wolff told me: if we have a new customer, you are first I call.", TermsGood},
		{"I was fired in June. A student threw a chair and I grabbed his arm, and I raised my voice at him.", TermsUnknown}, // (fresh-32)
		// (fresh-33) doors open; a boss who wants them back
		{"I was laid off last month. My manager told me personally that it was not performance related and that doors are always open for me.", TermsGood},
		{"I was made redundant in August. The shift boss said he wants me back when the second shaft opens.", TermsGood},
	}, func(m *Message) Terms { return m.Facts.Terms })
}

// TestLeftAgoForms covers when.go's readings of when the job ended.
func TestLeftAgoForms(t *testing.T) {
	cases := []struct {
		body string
		want int // -1: null
	}{
		{"My first day back Mike called me in with Angela from HR and said they were letting me go.", -1},
		// (fresh-68) "on 16th" with no "the" and no month, then who acted; not "the target on 5th now", a street
		{"On Monday 12th October one of our trucks got to Ibadan with 40 cartons short. I answered the query and apologised but on 16th they handed me dismissal letter.", 7},
		{"hiii ok so i quit last week. im stocking overnight at the target on 5th now w my friend", 7},
		// (fresh-65) "until two weeks ago I was": a count back from the day of the message; not a cash till
		{"I'm 58 years old and until two weeks ago I was the office manager at Brightline Dental Partners. Last year the practice was bought by Dr. Kyle Brennan. He called me in on a Monday and told me my position was being eliminated.", 14},
		{"Yesterday Mr. Okonkwo told me that they have sacked me. The shortage was discovered in my till two weeks ago.", 1},
		// (fresh-60) the ending told before in other words dates the one chosen
		{"Three weeks ago I was let go from Halvorsen Seed & Supply after 19 years as a territory manager. We got a new regional director in the spring. From day one he had no use for me. In one meeting he said the company was going in a younger direction. My numbers were fine, I grew my territory every year. When they let me go, HR said it was a restructure.", 21},
		// (fresh-60) "On the 21" and who acted; a resignation dated only "in the spring" (a later email is not it)
		{"I came back from surgery on the 17th. On the 21 she called me and said I am fired because the clients are complaining.", 2},
		{"I handed in my notice in the spring because Mum needed me. Last week I emailed Dr Marsh just to catch up.", -1},
		// (fresh-59) a story told step by step, dated four sentences before the event
		{"i was a CNA at Maple Grove for 2 years. on the 9th we were down to me and one other aide. the nurse told me i had to stay over into days again. i said no i cant and she said if i leave its abandonment. i left anyway. clocked out, put my badge on the desk and walked out.", 14},
		// (fresh-59) "Since 3 weeks I resign" (a count after "since"), not "since months"
		{"I was working as night auditor for 2 years. Since 3 weeks I resign because the manager changed my shift.", 21},
		{"I was let go. Since months he make problems for me.", -1},
		// (fresh-58) the last day at the new job a writer left for is not when they left the old one
		{"I was Procurement Officer in Al Noor Facilities Management LLC for 3 years. In July I resigned because a new company offered me more salary and a car. The new company (Gulfstar Trading) closed my department after only two months and my last day there was 30 October.", -1},
		// (fresh-58) "Hallowe'en"; a clause of its own after "and I" ("should not say" guards nothing in it)
		{"I handed in my notice in September because I was burnt out. My last shift was on Hallowe'en.", 23},
		{"On 6 of november I had a very big discussion with my boss. She blamed me in front of all the team and I said some things I should not say and I asked for my demissão the same day.", 17},
		// (fresh-58) a date told again in words after it; a term still to run is no end; "That was ..." dates
		// the event before it
		{"Then on Monday the 9th, two weeks ago today, she called me in and said I was being let go.", 14},
		{"I was working in Dunmore Joinery Ltd as CNC operator, I have fixed contract for 12 months, from March until end of February next year. On 2 November the manager tell me my contract is finish.", 21},
		{"I got summoned for jury duty and served 8 days on a trial at the end of October. The Monday I came back, my GM pulled me into the office and said they couldn't count on me and I was done. That was November 9th.", 14},
		// (fresh-53) "after quiting like that?" points back at what was told, and its time is not the event's
		{"Saturday I walked off the job in the middle of my shift. I need the money bad, rent is due the 1st. Can I even ask for my job back after quiting like that?", 2},
		// (fresh-55) "After they terminatd me" points back at the event told before, with its time
		{"About a month ago I got let go from Red Mesa Roofing. Wade called me in the next morning. After they terminatd me I wrote HR a long, ugly email about Wade and the software. I want my job back.", 30},
		// (fresh-55) "terminatet" misspells "terminated" (a final t for d), and "say I am finish" is the firing, with its date
		{"I was terminatet from Lindqvist Cold Storage. On 2 October I had accident. On 16 November Tomasz call me to office and say I am finish, because my pick rate is too low.", 7},
		{"On October 13, a Tuesday, after he yelled at me again, I told him I had enough and quit.", 41},
		{"I was let go three weeks back.", 21},
		// (fresh-46) a quit dated by its month alone: the next job's end is not the day they left; a leaving word dates it
		{"Back in August I resigned to do travel nursing because the money was double. Well, my 13 week contract in Phoenix ended last week.", -1},
		{"In October I just chucked it in and handed in my notice. I finished up five weeks ago.", 35},
		// (fresh-46) "one Thursday afternoon" is some Thursday, not the last; the end told before it counts
		{"Until about a month ago I was a claims adjuster there. Then one Thursday afternoon HR told me my position was being eliminated.", 30},
		// (fresh-44) a texter's "2day"; Irish "I'm after losing my job a fortnight ago" (not "leave it till Christmas")
		{"got fired 2day from the chipotle on 14th st", 0},
		{"Sacked from the bar. I'm after losing my job a fortnight ago. My mam says leave it till Christmas but I can't wait that long.", 14},
		// (fresh-42) "The following Monday": the first Monday after the date told before
		{"I came back on Monday the 2nd of November. The following Monday Orla brought me into the meeting room and told me they'd decided to let me go.", 14},
		// (fresh-42) "monday and she ..." is a day; "Tuesday and Thursday evenings" a schedule
		{"i did jury duty for a week. came back monday and she pulls me in the office and says theyre letting me go.", 7},
		{"I was fired last month. I used to work Tuesday and Thursday evenings.", 30},
		{"My post was cut when the giving fell off a cliff. My last Sunday at the console was the 25th of October.", 29}, // (fresh-41) not "last Sunday"
		// (fresh-38) "the Friday past", "last nite", a short weekday right after the event's word
		{"I work 6 years for Hutchins Roofing LLC. Then the Friday past he call me and say don't come back.", 3},
		{"ok so i got fird last nite from the dunkin on route 9", 1},
		{"ok so i got laided off tues from fulcrum distribution", 6},
		// (fresh-37) a sentence that tells when the job began is not when it ended
		{"I am writing regarding the early termination of my fixed-term contract. On May 1, 2026, I commenced a twelve-month contract with the Board. On October 23, 2026, I was informed by letter that my contract would be terminated.", 31},
		{"I was working as dispatcher at Brenner Logistik GmbH. On 30.09. my boss has given me the Kündigung.", 54},
		{"I was made redundant by the parish. My last Sunday was June 28th.", 148},
		{"I was fired after 3.5 years.", -1},
		{"I was dismissed. On 04/11/2026 I was called to the office and they told me I am dismissed.", 19},
		{"I was told my position is eliminated effective December 20, and I am laid off.", -1},
		{"I was laid off. My last Sunday of August I played the organ for the last time.", -1},
		{"I resigned effective immediately on the Friday before Labor Day.", 80},
		{"I quit my job the Monday after Easter.", 231},
		{"So on Thanksgiving Monday I walked off the job.", 42},                                                             // Canada's: 12 October 2026 (fresh-30's ad17)
		{"Last month 13th, the manager tell me I am laid off.", 41},                                                         // 13 October (fresh-31's ae16)
		{"On the 18th of August I rang the agency. Two weeks later, on the 4th of September, my manager dismissed me.", 80}, // the date, not 18 August + 14 (fresh-31's ae04)
		{"I handed my notice in at Easter and left on the 17th of July.", 129},
		{"I quit on 2026/3/31.", 237},
		{"I was fired on 2026.11.03.", 20},
		{"Hace un mes me quitaron del trabajo en el hotel. They cut 8 housekeepers.", 30},
		{"Fui despedido há duas semanas.", 14},
		{"El 20 de noviembre Travis me dijo que estoy despedido. I am fired because I come late 2 times.", 3},
		{"Before 10 days I resigned from my job.", 10}, // Indian and Gulf English (fresh-33)
		{"i got layed off frm the call centre last wk, like 40 of us", 7},
		{"I resigned last week and I gave before 2 weeks notice.", 7}, // a length, not a time ago
		{"For five and a half years, until Friday, October 16, I was employed as a Paralegal. On September 28 I began serving on a jury. The trial concluded on October 9. Four days later they terminated me.", 38}, // (fresh-32)
		{"I was laid off on 10-09-2026.", 45},
		{"I was fired the Tuesday after Heroes Day.", -1},
		// (fresh-32) the day before a holiday; the US Thanksgiving; a last working day
		{"i got fed up and quit the day after halloween.", 22},     // 1 November 2026
		{"My last day was the Friday before Thanksgiving.", 3},     // 20 November 2026, the US one
		{"i got fed up and quit the day before thanksgiving.", -1}, // 25 November 2026: still ahead
		{"I was laid off in June. My last working day was 30 September.", 54},
		{"I had surgery in October. Came back Monday Nov 9. That Thursday the agency calls me and says the site doesn't need me anymore.", 11},
		{"Ich habe gekündigt, I quit. Mein letzter Tag war der 30. September.", 54},
		{"I was fired el viernes pasado.", 3},
		{"I was let go vendredi dernier, after nine years.", 3},
		{"I quit letzten Freitag.", 3},
		{"I was fired on 2 octombrie.", 52},
		{"My boss Domingo fired me.", -1},
		{"I write to seek your guidance regarding my recent dismissal from Harrowgate & Pell. On 29th September I returned to work following six weeks' absence. On Friday 6th November I was called to a meeting with Mr Fenwick. I was informed that I was being dismissed with immediate effect.", 17},
	}
	for _, c := range cases {
		got := -1
		if d := mustParse(t, msg("", c.body)).Facts.LeftAgoDays; d != nil {
			got = *d
		}
		if got != c.want {
			t.Errorf("%q:\n got %d days, want %d", c.body, got, c.want)
		}
	}
}

// TestStillEmployedForms: a writer who still has the job, in the words of
// fresh-30, is read as still employed, with the trouble they fear.
func TestStillEmployedForms(t *testing.T) {
	checkForms(t, "trouble", []form[string]{
		{"I'm a branch assistant at the library. There's a lot of talk that the fiscal court is going to cut our budget in January and close one or two branches.", "layoffs"},
		{"I'm a cellar hand at Tasman Ridge Vineyards, been there 3 years. I'm this close to chucking it in.", "leaving"}, // (fresh-60)
		{"not sure you help with this since i still have a job but here goes. my manager kevin told me privately not to worry.", "yes"},
		{"I was laid off last week after the council cut our budget.", "no"},
		{"I'm not fired (yet) but I feel like it's coming. Last Tuesday my manager put me on a 60-day performance improvement plan. I was laid off from my previous job in 2024.", "plan"}, // (fresh-32)
	}, func(m *Message) string {
		switch {
		case !m.StillEmployed:
			return "no"
		case m.Trouble != "":
			return m.Trouble
		}
		return "yes"
	})
}

// TestAccomplishmentForms covers accomplishments.txt: the writer's own
// contributions with a number, not the employer's cuts nor praise.
func TestAccomplishmentForms(t *testing.T) {
	checkForms(t, "accomplishments", []form[string]{
		// (fresh-64's review) a level the writer held or moved, told by a marker before its number; money
		// they found; not a passive done to them, nor a time after "at"
		{"I was made redundant. I got the downtime on the bottling line down by about 30% over two years.", "got the downtime on the bottling line down by about 30%"},
		{"I was let go. I kept the planer line running at 98% uptime three years straight.", "kept the planer line running at 98% uptime"},
		{"I was let go. Back in 2019 I found the board $40,000 a year in savings on the boiler retrofit.", "found the board $40,000"},
		{"I was let go. I fixed the rejected claims and we got back around $60,000 in one year.", "got back around $60,000"},
		{"I was fired. I got written up three times in a month.", ""},
		{"I was fired. I got in at 7 every day and I kept at it.", ""},
		// (fresh-67) a backlog cleared; not a passive ("cleared by my surgeon"), but "by myself" is the writer's
		{"I was sacked. Before this issue I was the one who cleared the 3-year backlog of unreconciled accounts (over 1,100 entries) in 2024.", "cleared the 3-year backlog of unreconciled accounts (over 1,100 entries) in 2024"},
		{"I was let go after my knee surgery. I was cleared by my surgeon, light duty for two weeks.", ""},
		// (fresh-67) a date counts nothing ("closed the 15 of October" was listed as an achievement in a letter); a
		// rank of a year does; money in a currency written with a letter, with its magnitude
		{"I was let go. The plant closed the 15 of October, they say because the company lost the contract.", ""},
		{"I was let go. I had the best inspection score of the whole chain in 2024.", "the best inspection score of the whole chain in 2024"},
		{"I was made redundant. Last year I brought in R4.2 million in new business.", "brought in R4.2 million in new business"},
		// (fresh-64's review) a measure of the writer's that changed for the better: with "my" or "our", or after
		// the writer's deed; a fall only for a measure that is better low; not their rent
		{"I was let go. My class's reading scores went up 18 points on the spring benchmark.", "My class's reading scores went up 18 points"},
		{"I was let go. I rebuilt the whole checkout flow last spring and conversion went up 18%, so I think she meant it.", "rebuilt the whole checkout flow last spring and conversion went up 18%"},
		{"I was let go. When I redid the route board our late-delivery rate dropped by about 20%.", "redid the route board our late-delivery rate dropped by about 20%"},
		{"I was let go. Our sales dropped 30% so they cut the team.", ""},
		{"I was let go and my rent just went up $150.", ""},
		// (fresh-62) "hitting" and "push" with a number just after; a count of zero; "my team had 94% CSAT"; not "zero
		// tolerance", nor "hitting numbers" with a count of years later
		{"i got fired last week. my numbers were good too, i was hitting like 118% of rate most weeks and i had zero mispicks in august.", "hitting like 118% of rate most weeks|zero mispicks in august"},
		{"I was fired on Monday. My performance as TL was good, my team had 94% CSAT for 6 months straight.", "my team had 94% CSAT for 6 months straight"},
		{"I got fired Saturday. Zero tolerance, out the gate same day.", ""},
		{"I got fired Saturday. Always hitting numbers never had a complaint in 11 years.", ""},
		// (fresh-59) a target the writer is "supposed to hit" is no contribution
		{"I'm on a PIP. Mostly it's my referral numbers, we're supposed to hit 12 product referrals a month and I've been sitting around 7.", ""},
		// (fresh-58) a writer who does not punctuate opens a clause with each "i"; a number after "aisle" names it
		{"so my manager jen put me on a pip today everybody says nobody survives a pip there i closed 212 claims last quarter which is more than half the team but she says my notes are sloppy", "closed 212 claims last quarter"},
		{"ok so i got fired for safety stuff even tho i noticed the racking in aisle 40 was bent bad like leaning", ""},
		// (fresh-57's review) a fall told before a later verb of contribution; counts in words; a rise ends
		// at the number it comes to, with what that counts, or with how the writer brought it about
		{"I was made redundant last month. I know the kit inside out, and I got the plate remake rate down from about 6% to under 2%, which Mr Pritchard always brought up at reviews.", "got the plate remake rate down from about 6% to under 2%"},
		{"I was made redundant on the 30th. I got the month-end close down from eight working days to five while I was there, so I know I can do it.", "got the month-end close down from eight working days to five while I was there"},
		{"I was laid off last week. I automated our regression suite; regression time came down from 3 days to 6 hours. Client also appreciated this.", "regression time came down from 3 days to 6 hours"},
		{"I was let go last week. We went from 8 to 14 dentals a week, last year was our best.", "We went from 8 to 14 dentals a week"},
		{"I was let go last week. Our win rate went from 18% to 26% after I redid the pricing templates, and then they cut sales.", "Our win rate went from 18% to 26% after I redid the pricing templates"},
		// (fresh-42) an injury story, "half cut" (drunk), and the writer's verb kept before what fell
		{"hey so i got canned tuesday. back in aug i tweaked my back lifting a bundle of 12 footers on the hospital job.", ""},
		{"I got the sack a fortnight ago. I turned up for Friday dinner service still half cut from the night before.", ""},
		{"I was fired last week. I got our claim denial rate from about 18% down to 6%.", "got our claim denial rate from about 18% down to 6%"},
		{"They termnated me. Before I got hurt I hit 112% of rate 8 months straight.", "hit 112% of rate 8 months straight"},
		// (fresh-43) a time counted without an accident
		{"I was dismissed on the 28th. In 11 years I never had an accident, not one.", "11 years without an accident"},
		{"I got let go last month. Before this my crew went over 700 days without a lost time injury.", "over 700 days without a lost time injury"},
		// (fresh-41) a count against the writer: "Me 3 lates in a month"
		{"hey so i got fird last thursday. i was a line cook there 2 years. chef ramos told me 3 lates in a month and your done", ""},
		// (fresh-39) a writer who does not punctuate: no run-on of 25 words and more is one achievement (the
		// years without an accident are read apart since fresh-43)
		{"hello i was a bus driver for the pine ridge school district for 11 years route 7 out past the reservoir never had one accident and they let me go last tuesday because a parent took a video of me on my phone at a stop sign im 61 and i dont know who hires a 61 year old driver with a firing on his record havent found nothing since i put my phone in the glove box now every time i get in the truck even just to go to town i would like to drive again for them even as a sub or on the activity trips how do i ask for that", "11 years without an accident"},
		// (fresh-33) a fall the writer brought about; a rate above its goal; a clause of its own after ", I"
		{"I was fired last week. When we changed the ticket system I got our times down from around 18 minutes to 12.", "got our times down from around 18 minutes to 12"},
		{"I was fired last week. My rates when I was stowing were 340 an hour when the goal was 280, I have the screenshots.", "My rates when I was stowing were 340 an hour when the goal was 280"},
		{"I was fired last week. I trained like 6 of the new guys, I ran the grill on Friday nights by myself when Marcus quit.", "trained like 6 of the new guys"},
		{"I was laid off last week. During my time in post I reduced the outstanding repairs backlog on the estates from approximately 1,400 jobs to fewer than 600, and I had no disciplinary record.", "reduced the outstanding repairs backlog on the estates from approximately 1,400 jobs to fewer than 600"},
		{"I was dismissed on October 12. Last contract I repaired the main purifier with the 2nd engineer and we saved 3 days off-hire.", "saved 3 days off-hire"},
		// (fresh-32) an award named by the words before it
		{"I was fired last week. I automated around 1,200 test cases, and I got the Star Performer award in 2024.", "automated around 1,200 test cases|the Star Performer award in 2024"},
		{"They let me go last week. During my time with the firm I reduced the month-end close from nine working days to five.", "reduced the month-end close from nine working days to five"},
		{"I was laid off last week. Right before school started, the district cut 14 para positions because of the budget.", ""},
		{"I was laid off last week. Our director announced that the province is cutting our core funding by 20% starting in April.", ""},
		{"I was fired last week. My team leader told me I am one of the best on the line.", ""},
		{"I was laid off last week. In these 4 years I have automated around 1,200 test cases.", "automated around 1,200 test cases"},
		{"I was laid off last week. My team had the highest CSAT for 8 straight months, 94%.", "the highest CSAT for 8 straight months, 94%"},
		{"I retired in June. During my tenure I oversaw the replacement of 46 miles of aging cast-iron main.", "oversaw the replacement of 46 miles of aging cast-iron main"},
		{"I was laid off last week. On top of that, my employment contract guarantees 12 months severance for layoffs.", ""},
		{"I quit last week. I've been a PA for 6 years, I know you don't post from set, I've yelled at day players for doing it.", ""},
		// (fresh-31) a rise told with "from" and "to" and no verb of contribution; not a fall
		{"I was let go last week. Our NPS went from 31 to 58 in my first year.", "Our NPS went from 31 to 58 in my first year"},
		{"I was let go last week. My hours went from 40 to 28 before that.", ""},
		{"I was terminated on Monday. My performance was always good, my CSAT was 94% and I got Star Performer award in Q1.", "my CSAT was 94%"},
		{"i got fired tuesday. i trained probably 10 new people theres already a now hiring sign in the window lol is it even worth asking her to let me come back", "trained probably 10 new people"},
		{"I was made redundant in August. Last year I priced £6.2m of successful tenders, including the Lydney school extension.", "priced £6.2m of successful tenders, including the Lydney school extension"},
		{"I was let go last week. I served on a jury for 2 weeks in September and taught for 22 years.", ""},
	}, func(m *Message) string { return strings.Join(m.Facts.Accomplishments, "|") })
}

// TestRoleForms covers role.txt's readings of the writer's job title: a
// verb and what it is done to is no title.
func TestRoleForms(t *testing.T) {
	checkForms(t, "role", []form[string]{
		// (fresh-66) the title after "as" in a sentence about working there wins over who the writer is now; not
		// where they started
		{"My name is Chukwuemeka Obi, I am a civil engineer based in Abuja. I was employed by Crestwater Construction Ltd as site supervisor on a two-year fixed contract. They let me go last week.", "site supervisor"},
		{"Hello, I am international student in Toronto, I work part time at the Boba Bliss on Spadina as shift supervisor for 1 year and half. Last Friday my manager fired me.", "shift supervisor"},
		{"I worked at Spar Rondebosch for three years, started as a packer and I've been till supervisor since last year. They fired me last week.", "till supervisor"},
		// (fresh-66) a title in brackets after "my position"; not a new job's "Big title (Head of Data)"
		{"I was let go from Northbridge Credit Union on October 16. My position (Member Services Representative at the Orillia branch) was eliminated as part of a restructuring.", "Member Services Representative"},
		{"I quit Halden Analytics in June as a Senior Data Analyst to join a startup. Big title (Head of Data), equity, the lot. It folded last week.", "Senior Data Analyst"},
		// (fresh-63) the boss who became VP is no title of the writer's
		{"I was the regional sales manager for the Mountain West at Pemberton-Klee Industrial Supply for 22 years. On Halloween I got an email from my boss, Brayden Cole, who became VP of Sales this summer. My position was eliminated.", "regional sales manager"},
		// (fresh-61) "for two years" before the title; a time after it ("the last 4"); captain
		{"I was for two years project coordinator at Grünfeld Umwelttechnik GmbH in Freiburg. They laid me off last week.", "project coordinator"},
		{"I worked banquets at the Bellweather Grand Hotel for 9 years, I was a banquet captain the last 4. On October 30 they laid me off.", "banquet captain"},
		// (fresh-60) the title at the job they went to is not the one they left
		{"I quit Bäckerei Hölzl in August after a row with the owner. Now I work in a drugstore as sales assistant and it is okay.", ""},
		// (fresh-59) a question word after "like" is no title
		{"I quit in September. The title is great, but the culture is toxic and the work is nothing like what was described.", ""},
		// (fresh-54) the work after "doing"
		{"hey so i got fird last friday from Lakeview Auto Parts. i was doing counter sales there for 3 years.", "counter sales"},
		// (fresh-55) an amount of work after "doing" is no title
		{"So I got the sack from Flanagan's on the 8th. Oh yeah I'm doing a few shifts in a café in Rathmines.", ""},
		// (fresh-54) a barman
		{"I was head barman in O'Donoghue's on Dame Street for five years. I quit on Monday.", "head barman"},
		// (fresh-51) a comparison is no title; a lower-case title ends at its noun before what was done in it
		{"Sorry, my English is not perfect, I am more comfortable in French but I will try. I quit on Tuesday.", ""},
		{"I retired in the spring from Clearwater County Public Works after 28 years. The last twelve I was a road maintenance supervisor running a crew of nine.", "road maintenance supervisor"},
		{"I'm a senior planning officer at Fenwick District Council. I was made redundant last week.", "senior planning officer"},
		// (fresh-47) the position another company offered is the new job's, not the one they left
		{"I am pharmacist, I worked in Al Noor Pharmacy in Deira for 6 years. 2 months ago I resgined because another company offered me more salary and the position of branch in-charge.", "pharmacist"},
		// (fresh-46) "I did the books for the company": a thing done, not a title
		{"I was working 3 years in Al Noor Trading LLC in Dubai, I did the books for the company. 2 months ago I resigned.", ""},
		// (fresh-45) a title with its level after it, after "my title was"
		{"They let me go in October. I was many times best picker in the warehouse, I work there 3 years as picker.", "picker"},
		{"I was let go last month. Officially my title was Accounting Clerk II but really I did the books for all three dealerships.", "Accounting Clerk II"},
		{"hey so i got fird from my apprenticeship at Black Lantern Tattoo on wednesday. i was his apprentice for 6 months", "apprentice"}, // (fresh-39)
		{"Last Monday the company tell me my position is cut. I am work in Sunrise Precision Parts in Fremont for 8 years.", ""},           // (fresh-40) "I am work": a verb
		// (fresh-38) the last title held, told by a non-native writer; a lower-case title ends before "of a"
		{"I got fired the Friday past. I work 6 years for Hutchins Roofing LLC in San Antonio, the last 3 like foreman of a crew of 5 guys.", "foreman"},
		{"I was laid off 6 weeks ago. First I was picker, then last 3 years I was team leader on the picking, with 12 pickers under me.", "team leader"},
		{"I quit 2 months ago. I was working 5 years with Silva Brothers Painting, I was painter and the last 2 years the foreman of one crew.", "foreman"},
		// (fresh-37) a title with "&" in it
		{"I was made redundant from Tallowood Shire Council. 11 years as Parks & Gardens Team Leader.", "Parks & Gardens Team Leader"},
		{"I got let go on Friday. I've been the paint & hardware department supervisor at the Home Hardware in Orillia for about 9 years.", "paint & hardware department supervisor"},
		{"I was Senior Software Engineer – Payments Platform at Finlo for four years until they let me go last week.", "Senior Software Engineer – Payments Platform"},
		{"I was Associate Director, Client Onboarding & KYC Operations at Harwell Bank until I was made redundant last month.", "Associate Director, Client Onboarding & KYC Operations"},
		{"I worked as Store Manager, Tesco Extra in Leeds until they let me go last week.", "Store Manager"},
		{"I work in Riverside General Hospital as patient transporter. Last week my supervisor gave me a final written warning. I am very afraid, in Ukraine I was engineer, here I start from zero.", "patient transporter"},
		{"got canned yesterday from pruitt brothers construction, been a carpenter there 3 yrs.", "carpenter"},
		{"hi there i was a roustabout on the ardvreck alpha platform. got let go last week", "roustabout"},
		// (fresh-32) a level after the noun; the years before the title; a trade by its ending
		{"I worked in Lumora Bio Inc. as Research Associate II, 2 years and half. I was laid off in September.", "Research Associate II"},
		{"I was 11 years project engineer at Kühn & Söhne Maschinenbau GmbH. In June they told me my position is eliminated.", "project engineer"},
		{"On June 30 I retired from the Water Authority after thirty-one years, the last twelve as Senior Hydrologist.", "Senior Hydrologist"},
		// (fresh-33) trades ending in -ator and -tender; a title ends at "within"
		{"I was fired on November 2. I work 8 años at Brightwater Orchards, I was the irrigator, also I drive tractor.", "irrigator"},
		{"I was dismissed last month. I was employed by Whitcombe & Hale, most recently in the position of Senior Underwriter within the Commercial Lines division.", "Senior Underwriter"},
		{"Until the end of the summer term I was a Year 4 class teacher at Holy Cross Primary School. I retired early in July.", ""},
		{"I was laid off last month. I've been cleaning schools for Northstar Janitorial Services for 9 years.", ""},
		{"I was let go last week. I was the morning drive host at KXRT for six years.", "morning drive host"},
		{"I was laid off last month. I was a marketing manager at Acme Corp.", "marketing manager"},
		{"I was let go on Friday. I was not a bad worker.", ""},
		{"I was made redundant in August after 11 years.", ""},
	}, func(m *Message) string { return m.Facts.Role })
}

// TestWantForms covers wants.txt: what the writer is after, on clear words.
func TestWantForms(t *testing.T) {
	checkForms(t, "wants", []form[string]{
		{"I was fired last week. I just want my job back.", "job_back"},
		{"I'm still in the job but on a PIP. I want to keep my job, I don't want to have to ask for it back later.", ""}, // still employed (fresh-33)
		{"I was laid off last month. Instead of the buyout, can I ask to go part time, or move to the laundry?", "other_role"},
		{"I was fired last week. Should I send legal notice through an advocate for the dues?", "compensation"},
		{"I was laid off in October. Is there any point contacting them now to say I'd take a role at the Dublin base instead?", "other_role"},
		{"I quit last year and I worked part-time there.", ""},
	}, func(m *Message) string {
		var w []string
		for _, x := range m.Facts.Wants {
			w = append(w, string(x))
		}
		return strings.Join(w, ",")
	})
}

// TestReasonForms covers reason.txt: a reason is a phrase that says why,
// not a fragment of another clause or of someone else's words, and a phrase
// cut off mid-clause is cut again where it can be.
func TestReasonForms(t *testing.T) {
	checkForms(t, "reason", []form[string]{
		// (fresh-68) what the boss said about who decided is no reason
		{"On 16th they handed me dismissal letter. My oga, Mr. Tunde Bakare, the operations manager, he said the matter is out of his hand, that it is the MD that gave the instruction.", ""},
		// (fresh-67) a reason cut short by its length does not end on "during"; "fell through" is whole
		{"I was sacked on Friday 2nd October. The reason they gave is that I did not catch a double payment of ₦4.2 million to a vendor during month-end reconciliation.", "I did not catch a double payment of ₦4.2 million to a vendor"},
		// (fresh-60) what the boss said will come is no reason
		{"I was laid off last month when the client pulled the account. Our OM Sir Jomar said they will put us on the list to be call back if they get new account.", "the client pulled the account"},
		// (fresh-58) "over the summer" is when; "because winter is slow" why
		{"I handed in my notice at Pemberton Dental Practice over the summer and my last day was 28 August.", ""},
		{"He sat me down and said my position was being eliminated because winter is slow and we're restructuring.", "winter is slow"},
		// (fresh-51) the reason told first, "they said" after; the firm's finding; the act owned before the
		// label given to it; a test failed, told without "I"; (fresh-50) the ute used on the weekend, a payment
		// processed before its check
		{"got canned yesterday from the wendy's on route 9. too many late clock ins they said. manager told me dont bother coming back", "too many late clock ins"},
		{"On that date I was summarily dismissed following a disciplinary hearing. The firm's finding was that I had breached its data-handling policy by forwarding a client workbook to my personal email account in order to finish a reconciliation at home.", "I had breached its data-handling policy by forwarding a client workbook"},
		{"Got the sack on Tuesday from Hollis & Webb Ltd. Gross misconduct, they're calling it. Basically a trade customer was giving me grief and I lost it and told him to f*** off in front of the whole counter.", "I lost it"},
		{"Got the sack on Tuesday from Hollis and Webb. Gross misconduct, they're calling it.", "Gross misconduct"},
		{"Got the boot from Coastline Civil Pty Ltd a couple of weeks back. Rocked up to site after a big weekend and blew over on the random breath test.", "blew over on the random breath test"},
		{"I got the boot from Harbour Tiles & Stone on the 9th. Yeah I used the ute on the weekend to help my sister move house. I know it was dumb.", "I used the ute on the weekend to help my sister move house"},
		{"On 13th November they sacked me. I processed part of it before the verification from legal came back.", "I processed part of it before the verification from legal came back"},
		// (fresh-49) "said thats it": the end told, no reason; the drawer that was short is
		{"hey so i got canned yesterday from the starbucks on grand ave. my drawer was short 3 times this month, like $20 $40 and $15, and my manager kevin said thats it its corporate policy.", "drawer was short 3 times this month"},
		// (fresh-48) "reason:" then the words after the colon; a run-on ends where someone starts to speak
		{"I was dismissed in probation on 2 October, reason: I made a mistake in a drawing for a customer in Austria.", "I made a mistake in a drawing for a customer in Austria"},
		{"got fired yesterday from the cvs on elm st for being on my phone at the register my manager kevin said it was my third time i was a cashier there", "being on my phone at the register"},
		// (fresh-47) "The offence is that ...": the reason follows
		{"Yesterday my branch manager called me to his office and handed me dismissal letter. The offence is that on Tuesday I used the company bike to carry my brother's goods to Ojota after close of work.", "on Tuesday I used the company bike to carry my brother's goods to Ojota"},
		// (fresh-47) "over the phone" is how it was told; the writer's own fault two sentences before is the reason
		{"I was sous chef at the Crown & Anchor. A couple of weeks back I lost my rag with one of the front of house lads over a sent-back steak and it turned into a proper shouting match. Chef sent me home and rang the next morning to say don't bother coming back. Got the sack over the phone, basically.", "I lost my rag with one of the front of house lads"},
		// (fresh-46) cut by length after a number whose unit follows: the number and its preposition go too
		{"On 28th August my manager told me my services are terminated. Reason they told is the production release failure in July where the payment module went down for 6 hours and the client escalated.", "the production release failure in July where the payment module went down"},
		// (fresh-31) what the job was for is no reason; "after the 3rd time" is when; an aside in brackets is left out
		{"I was fired last week. I was service technician for conveyor systems (Servicetechniker im Außendienst) for 6 years.", ""},
		{"I got fired on Friday after the 3rd time I was late.", ""},
		// the words she said are no reason; what the writer says they did is (fresh-34)
		{"i got fird 2 weeks ago. i overslept again and she said dont bother coming in so yeah thats on me", "i overslept again"},
		{"I got the sack last Thursday. I was a commis chef there. The long and the short of it is I was late three times in a fortnight.", "I was late three times in a fortnight"},
		{"Shane let me go after I took the work ute down to Wollongong on the weekend without asking and scraped it.", "I took the work ute down to Wollongong on the weekend without asking"},
		{"I was fired in March. The reason is, I have made an error in a drawing, the tolerance was wrong.", "I have made an error in a drawing"},
		// misconduct in the writer's own words, by class
		// (fresh-39) friends let through, a piece done at home, a post put up, call-outs missed, a video call on duty
		{"hey so i got fird wed from my lift op job. i let my roommates ride the chair w/o passes like 3 times.", "i let my roommates ride the chair w/o passes like 3 times"},
		{"hey so i got fird from my apprenticeship on wednesday. my mentor found out i did a little piece on my cousin at home w my own machine", "i did a little piece on my cousin at home w my own machine"},
		{"I got the sack on Friday the 9th. The curator called me in over a post I put up on Facebook.", "a post I put up on Facebook"},
		{"I got the sack a fortnight ago. I missed two night call-outs in October because I'd drink taken and couldn't drive.", "I missed two night call-outs in October because I'd drink taken"},
		{"I got the sack last Thursday. I'd rocked up late three times in a month and the last time I missed a Saturday dinner.", "rocked up late three times in a month"},
		{"A couple weeks back the terminal manager fired me. I backed into a pole at a customer's dock, my third preventable in 12 months.", "I backed into a pole at a customer's dock"},
		{"I was let go three weeks ago. Siobhán, the practice manager (she's who I answered to), said it was down to the VAT return I messed up for one of our bigger clients – I put a figure in the wrong period.", "the VAT return I messed up for one of our bigger clients"},
		{"ok so i got fird last nite. basically i no call no showed thurs bc my car died", "no call no showed thurs bc my car died"},
		{"Got the boot Tuesday arvo. Skipper caught me on my phone while we were coming into the wharf, which yeah fair enough.", "caught me on my phone while we were coming into the wharf"},
		{"I was let go last week. I borrowed the firm's van without asking to move my sister's flat.", "I borrowed the firm's van without asking to move my sister's flat"},
		{"They sacked me on Monday. My till was short 3 times in a month.", "till was short 3 times in a month"},
		{"I was fired in June. Honestly I showed up hungover to the Saturday market.", "I showed up hungover to the Saturday market"},
		{"I was fired in June. I broke my wrist at home in May and damaged my knee.", ""}, // an injury is not misconduct
		{"I was laid off in May. I made a mistake once, years ago, nothing since.", ""},   // a lay-off's reason is the business's
		{"I was fired last month. I hit 68% of my quota.", ""},
		{"I resigned in June because a startup (Kitefin AI) offered me 20% more salary.", "a startup offered me 20% more salary"},
		{"hey so i got canned yesterday. my manager brittany said i was late too many times which ok fair.", "i was late too many times"},
		{"I resigned in August because a fintech startup, PayPinas, offered me almost double salary.", "a fintech startup, PayPinas, offered me almost double salary"},
		{"I gave my notice in May because I got an offer from a startup, Lumora GmbH, as Head of Content. More money.", "I got an offer from a startup"},
		{"I was a paralegal at Hartley & Vane LLP for just over three years until they fired me.", ""},
		{"I was fired last week. I said some bad words also.", ""},
		{"I was relieved from the firm after serving my notice period.", ""},
		{"I was fired last week for being late too many times.", "being late too many times"},
		{"They laid us off last week. My supervisor Rodrigo was very sad too, he said is not because of our work.", ""},
		{"I was fired last week for not following instructions.", "not following instructions"},
		{"I quit last week. When I told my manager she said she'd look into it.", ""},
		{"They laid off the night shift last month. Réjean said he'd call us back if the work comes back after the holidays.", ""},
		{"They fired me last week because of a shortage of N340,000 in my till which was discovered during the end of the month audit by the head office team.", "a shortage of N340,000 in my till"},
	}, func(m *Message) string { return m.Facts.Reason })
}

// TestQuestionForms covers questions.txt: what the writer asks.
func TestQuestionForms(t *testing.T) {
	cases := []struct{ body, want string }{
		{"I was fired last week. Should I write to Stéphane or to Mme Tremblay at HR?", "who_to_ask"},
		// (fresh-67) whether people survive a plan asks the chances
		{"My manager put me on a 60 day PIP this morning. Do people actually survive these or is it just paperwork before they fire you", "chances"},
		// (fresh-66) a numbered question opened by "Kindly tell", without "?"
		{"I resigned in August. 3. Kindly tell what are the chances they will take me back.", "chances"},
		// (fresh-62) "What I'd like to know is whether ..." opens a question; going for an advertised vacancy
		{"I was made redundant on the 3rd. What I'd like to know is whether it's sensible to go for the vacancy they've just advertised for a Project Estimator in the Leeds office.", "apply_to_posting"},
		// (fresh-61) a question told as what the writer wonders, after "also"
		{"On October 2 my creative director let me go. But I'm also wondering whether I should talk to an attorney first.", "see_lawyer"},
		// (fresh-60) WhatsApp or formal mail; a letter or fronting up; the personnel department; ok to go back and ask
		{"I resigned in August. Is it correct to message Srinivasan sir directly on WhatsApp or should I send formal mail?", "call_or_email"},
		{"I got the sack a month ago. And how would you put it to him, a letter or just front up?", "call_or_email"},
		{"I was let go in October. And should I write a letter to Herr Baumgärtner or better to the personnel department (Frau Schäfer)?", "who_to_ask"},
		{"I got fired for attendance points. Do you think its even ok to go back and ask?", "ok_to_ask"},
		// (fresh-59) how applying would look
		{"I was made redundant in October. They have posted a similar role in Leeds. Would it be cheeky to apply for it?", "apply_to_posting"},
		{"I was laid off last week and my role is reposted. Is it tacky to go after your own old job a week after being cut?", "apply_to_posting"},
		// (fresh-58) a text or going in person; whether an approach would be appropriate; knowing if one can
		// contact; talking to the manager's boss
		{"i got fired last friday. is it dumb to text him and ask for another shot or should I just go in there in person?", "call_or_email"},
		{"I was made redundant last month. I would be grateful for your view on whether an approach to Mr. Oyelaran would be appropriate and, if so, how soon.", "ok_to_ask"},
		{"I resigned in July. Please I need to know if I can contact Mr. Khalid and how to write to him without to lose my face.", "ok_to_ask"},
		{"so my manager dana put me on a pip today. should i start looking now or is there a way to talk to her boss about it without making it worse", "who_to_ask"},
		// (fresh-56) whom to ask in other words: sorting it out with the boss himself, whether contacting someone
		// would help, going through HR, being the one to reach out
		{"I was retrenched last Friday. Do I need a lawyer, or can I sort this out with Johan himself?", "who_to_ask"},
		{"I was let go on Monday. And would it help to contact Dr Mabaso when she is back?", "who_to_ask"},
		{"I was let go in June. Should I write to Mr. Oduya directly, or ought I to go through the school board's human resources office?", "who_to_ask"},
		// (fresh-51) ringing the owner instead; how asking would look, in more words
		{"I was sacked last week. Should I be seeing a lawyer, or just ring the boss (Gary Barton, owns the place) and have it out man to man?", "who_to_ask"},
		{"I quit in August. Would it be tacky to ask Rhonda about coming back?", "ok_to_ask"},
		{"Got the boot a couple of weeks back. And would I be better off ringing him or sending an email?", "call_or_email"},
		{"so i got fird last friday. I want to ask for my job back but I dont know if I should just show up or text kevin or go to the owner Rosie herself.", "who_to_ask"},
		// (fresh-50) whether to apologise first is how to word it; a letter or personally is how to get in touch
		{"I got the sack last week. Should I ring him or put it in a letter? Do I apologise first or just ask?", "how_to_word"},
		{"I was dismissed in October. And is it better in a letter or personally?", "call_or_email"},
		// (fresh-47) "would a letter be better than just turning up": how to get in touch
		{"I got the sack two weeks ago. And if I do, would a letter be better than just turning up at the back door after lunch service?", "call_or_email"},
		// (fresh-44 to fresh-47) how asking would look; whether they would take them back
		{"I was laid off last month. should i apply to it? or is it weird to msg kevin about it first?", "ok_to_ask"},
		{"I was laid off in August. Would it be cheeky to get in touch with Declan at all?", "ok_to_ask"},
		{"I resigned 2 months ago. My question is, can I write her email to ask about it, or is it not polite?", "ok_to_ask"},
		{"I was fired 10 days ago. Do you think I can ask Herr Brandt for a second chance?", "ok_to_ask"},
		{"I was fired last week. And is possible they give me the job back after this, or is finish?", "chances"},
		{"I was let go on Friday. I know I was rude to the guest. Do you think is possible?", "chances"},
		// (fresh-43) more forms of the same questions
		{"I was laid off last month. I've been thinking about calling Doug directly, or should I go through Gary? Do I even have a shot?", "who_to_ask"},
		{"I was laid off last month. I've been thinking about calling Doug directly, or should I go through Gary? Do I even have a shot?", "chances"},
		{"I got the sack in August. And would I write to Declan or to Siobhán, and what in God's name do I say about why?", "what_to_say"},
		{"I resgined last week. How I must write it? Or better I wait some weeks when he is less angry?", "how_long_to_wait"},
		{"I was fired last month. I've already seen my job up on Indeed - would it be daft to just apply for it?", "apply_to_posting"},
		{"I was laid off three weeks ago. LinkedIn message or email?", "call_or_email"},
		{"i got sacked friday. should i front up at the yard or ring stretch first?", "call_or_email"},
		// (fresh-42) "Is there any point me just applying", "do i gotta wait 90 days", "is it worth writing to Gaz"
		{"I got the arse last week. There's already an ad up on Seek for night fill. Is there any point me just applying for it like nothing happened?", "apply_to_posting"},
		{"i got termed friday. is there any way to get back on or do i gotta wait 90 days like they say", "how_long_to_wait"},
		{"I got the sack a fortnight ago. Is it worth writing to Gaz to say sorry, or would that just wind him up more?", "ok_to_ask"},
		// (fresh-37) "better to write to the site manager" asks whom, not how; (fresh-18) "maybe better to write?" asks how
		{"I got sacked last week. Would it be better to write to the site manager to ask for another chance, or have a word with Gaz first?", "who_to_ask"},
		{"I resigned last month. My English on phone is not so good so maybe better to write?", "call_or_email"},
		{"I was dismissed last week. My questions: should I write to Herr Böhm or better direct to the Geschäftsführerin, Frau Hartmann?", "who_to_ask"},
		{"I got the sack last week. Do I just ring Davo or is it better to go through the office?", "who_to_ask"},
		{"I retired in June. Should I approach Eleanor directly, or would it be more appropriate to go through Professor Haddad?", "who_to_ask"},
		{"I was let go last week. Would it be cheeky to ring Mr Dunne back and ask? Or go to Fergal?", "who_to_ask"},
		{"I was fired last week. Should I ask Mrs Adeyemi or go direct to Chief Okafor who is the owner?", "who_to_ask"},
		{"I was let go last week. Can I ask my manager directly if my position is safe, or is it better to go through HR?", "who_to_ask"},
		{"I was fired last week. Is it proper for me to go and beg for my job back?", "ok_to_ask"},
		// (fresh-32) an inverted question with no "?", which is no "take me back" command either
		{"got canned from the home depot yesterday. is there any way they take me back or am i done", "chances"},
		// (fresh-33) a lawyer asked about in Spanish; "rock up"; "I want to know if" opens a question
		{"Me despidieron el 2 de noviembre. ¿Necesito un abogado?", "see_lawyer"},
		{"I got the sack last week. Should I ring Gav or just rock up at the yard?", "call_or_email"},
		{"I was fired on the 20th. Also I want to know if I need a lawyer (abogado) and if I have chance to win something", "see_lawyer"},
		{"i rage quit on slack last week. is there any coming back from that??", "chances"},
		{"I was laid off last month. How would you suggest I phrase such a request?", "how_to_word"},
		{"I was laid off in October. Would it be out of line to call Gary every couple weeks to ask how it's looking?", "ok_to_ask"},
		{"I got the sack last week. Should I leave it a few weeks first so it doesn't look like I haven't taken it seriously?", "how_long_to_wait"},
		{"I was laid off in October. Is it pushy to call Marc now, or should I wait till after Christmas?", "how_long_to_wait"},
		{"I was made redundant in September. Should I apply through the website, or would it be better to ask Rhonda to put in a word for me?", "who_to_ask"},
		{"I was fired last week. Would it be completely out of order to write to Gillian?", "ok_to_ask"},
		{"I was let go last week. Do I even have a shot here?", "chances"},
		{"I was laid off last week. Is it normal for people to get rehired after redundancy?", "chances"},
		{"i quit last week. u think he'd even take me back??", "chances"},
		{"i got fired last week. do i just show up and apologize or is that gonna make it worse?", "ok_to_ask"},
		{"I was dismissed last week. Is possible to ask them?", "ok_to_ask"},
		{"I was let go last month. Or is it a bit off to reapply to the mob that just let you go?", "apply_to_posting"},
		{"I quit last month. Can I send her message on WhatsApp to ask to come back?", "ok_to_ask"},
		{"I was fired last week. Should I call or just show up?", "call_or_email"},
		{"I quit last month. Should I message Sunita directly on WhatsApp or send a proper email?", "call_or_email"},
		{"I was terminated last week. Is it better to call Mr. Hollis and ask again, or to write him?", "call_or_email"},
		{"I was terminated last week. And what is chance they take me back?", "chances"},
		{"I was fired last week. Realistically, do they ever rehire after a no-call/no-show termination?", "chances"},
		{"I quit last month. What I say about the new company, is it bad for me?", "what_to_say"},
		{"I resigned two months back. Should I directly call Iyer sir or mail is better?", "call_or_email"},
		{"I got the boot last week. Should I just front up and talk to Trev or send him something written?", "call_or_email"},
		{"i got fired tuesday i trained 10 new people theres a now hiring sign in the window lol is it even worth asking her to let me come back or is it over do i have any chance at all", "chances"},
		{"I quit in September. When should I reach out to him again?", "how_long_to_wait"},
	}
	for _, c := range cases {
		var got []string
		for _, q := range mustParse(t, msg("", c.body)).Facts.Questions {
			got = append(got, string(q))
		}
		if !strings.Contains(","+strings.Join(got, ",")+",", ","+c.want+",") {
			t.Errorf("%q:\n got %v, want %s among them", c.body, got, c.want)
		}
	}
}

// TestQuestionNotWait: "when they ask" is their asking, not a question of
// when to reach out (fresh-30's ad38).
func TestQuestionNotWait(t *testing.T) {
	for _, q := range mustParse(t, msg("", "I resigned two months back. What to say when they ask why I left the startup so fast?")).Facts.Questions {
		if q == QuestionHowLongToWait {
			t.Errorf("read as how long to wait")
		}
	}
}

// TestDecidedAbove: a boss whose hands were tied did not decide alone
// (fresh-38).
func TestDecidedAbove(t *testing.T) {
	for body, want := range map[string]bool{
		"On 4th September they gave me sack letter. My Branch Manager told me his hands are tied, that the decision came from Head Office.": true,
		"I was let go last week. Mrs. Adeyemi said the decision came from Regional office.":                                                 true,
		"I was let go last week. My manager Dave made the call himself and he was right to.":                                                false,
	} {
		if got := mustParse(t, msg("", body)).DecidedAbove; got != want {
			t.Errorf("%q: decided above %v, want %v", body, got, want)
		}
	}
}

// TestQuestionNotHow: "better to write to the site manager" asks whom to
// write to, not whether to write or call (fresh-37).
func TestQuestionNotHow(t *testing.T) {
	for _, q := range mustParse(t, msg("", "I got sacked last week. Would it be better to write to the site manager to ask for another chance, or have a word with Gaz first?")).Facts.Questions {
		if q == QuestionCallOrEmail {
			t.Errorf("read as call or email")
		}
	}
}

// TestQuestionNotWho: asking whether or how to reach one person is not
// asking whom to reach.
func TestQuestionNotWho(t *testing.T) {
	for _, body := range []string{
		"I was fired last week. Should I call Khalid directly?",
		"I was laid off last week. Should I email Carol first, before I apply?",
		"I was let go last week. Can I ask Siobhán if there's anything going, even part-time or in the back office?",
	} {
		for _, q := range mustParse(t, msg("", body)).Facts.Questions {
			if q == QuestionWhoToAsk {
				t.Errorf("%q: read as asking whom to reach", body)
			}
		}
	}
}

// TestOnBehalf: a writer who writes for someone else is told apart.
func TestOnBehalf(t *testing.T) {
	for body, want := range map[string]bool{
		"I am writing on behalf of my younger brother Arjun. He was fired last week.": true,
		"Asking for a friend. Can you get your job back after quitting?":              true,
		"This isn't about me, it's about my younger sister Marisol.":                  true,
		"I'm writing for my husband, he would never write himself.":                   true,
		"I was fired last week and my brother says I should write to you.":            false,
		"I am writing for advice. My manager fired me last week.":                     false,
	} {
		if got := mustParse(t, msg("", body)).OnBehalf; got != want {
			t.Errorf("%q: OnBehalf %v, want %v", body, got, want)
		}
	}
	// the subject says it (fresh-61's bi43: "Asking on behalf of my son")
	if m := mustParse(t, msg("Asking on behalf of my son", "He got the sack from his job in a garage about three weeks ago. Would it be better for him to ring the owner?")); !m.OnBehalf || m.Facts.Situation != SituationUnknown || m.BehalfSituation != SituationFired {
		t.Errorf("on behalf in the subject: OnBehalf %v, situation %s, behalf %s", m.OnBehalf, m.Facts.Situation, m.BehalfSituation)
	}
}

// TestBehalfSituation: for a writer who writes for someone else, what
// happened to that person is read apart from the writer's own situation,
// which stays unknown.
func TestBehalfSituation(t *testing.T) {
	for body, want := range map[string]Situation{
		"I want to ask a question for my friend Ah Kang, so I write for him. Not long ago the owner fire him because he argue with the new chef.": SituationFired,
		"I am writing on behalf of my sister. She was laid off in March.":                                                                         SituationLaidOff,
		"I'm writing for my husband. He quit in a temper and he regrets it.":                                                                      SituationQuit,
		"I am writing about my husband, Rui, not about me. In the restructuring last month his whole department was cut.":                         SituationLaidOff,
		"Mi a write fi mi cousin Tashana. Couple weeks ago the sous chef say she was taking food home and dem let her go same day.":               SituationFired,
		"My grandson Callum is 19 and he got the sack from his work a wee while ago. Is it done nowadays to ask for your job back?":               SituationFired,
		"My manager fired him last week, my coworker Dan. I am scared.":                                                                           "",
		// (fresh-61's bi43) "it's about my son"
		"I hope you don't mind me writing, it's about my son Oisín, he's 19. He got the sack from his job in a garage about three weeks ago.": SituationFired,
	} {
		m := mustParse(t, msg("", body))
		if m.BehalfSituation != want || m.OnBehalf != (want != "") || m.OnBehalf && m.Facts.Situation != SituationUnknown {
			t.Errorf("%q: behalf %q (own %q), want %q", body, m.BehalfSituation, m.Facts.Situation, want)
		}
	}
}

// TestDisputed: a writer who denies what they were blamed for is told apart.
func TestDisputed(t *testing.T) {
	for body, want := range map[string]bool{
		"They fired me over a till shortage. I did not steal any money, but I did not count the till properly.":                                                 true,
		"I was fired last week. They falsely accused me of harassment.":                                                                                         true,
		"I was fired last week for being late. It was my fault and I know it.":                                                                                  false,
		"I got sacked over my till. When Mandy did the meeting I didn't take it well and I walked out.":                                                         false, // (fresh-43)
		"They fired me over till shortages. I did not steal any money, it was carelessness.":                                                                    false, // (fresh-44)
		"got fired for the drawer being short. i didnt take nothing i swear but i know i should of counted it":                                                  false,
		"hey so i got canned yesterday. my drawer was short 3 times this month. i didnt steal anything i swear i just suck at counting when its slammed at 7am": false, // (fresh-49)
		"I got the sack on Saturday. The till was short again. I swear I never took a cent. I think I was just rushing the counts at the end of the night.":     false, // (fresh-50)
		"I was terminated in October after a medication error. My license is fine, the board didn't take any action.":                                           false, // (fresh-50)
		"I got the sack on Saturday. The till was short again. I didn't take it well and slammed the door.":                                                     false,
	} {
		if got := mustParse(t, msg("", body)).Disputed; got != want {
			t.Errorf("%q: Disputed %v, want %v", body, got, want)
		}
	}
}

// TestPledges: what the writer promises to do if taken back, when the
// sentence says it is about going back; not a wish, a capability, or a
// promise that names no change.
func TestPledges(t *testing.T) {
	checkForms(t, "pledges", []form[string]{
		{"i got fird last friday. ive been reading up on cash handling and i would do every count with two people if they gave me a chance.", "do every count with two people"},
		{"Got the sack Saturday. I'd do the cash up with someone else watching, whatever they want.", "do the cash up with someone else watching"},
		{"I was fired last week. From now on I will double-check every order before it leaves the dock.", "double-check every order before it leaves the dock"},
		{"I was fired last week. If they took me back I would honestly go back tomorrow.", ""},
		{"I was fired last week. I'd do anything to get it back if they gave me a chance.", ""},
		{"I was fired last week. I can work full duty now if they let me back.", ""},
		{"I was fired last week. I would like to ask for my job back. Should I?", ""},
	}, func(m *Message) string { return strings.Join(m.Pledges, "|") })
}

// TestKeptOut: what the writer asks not to be mentioned, in the writer's
// own words, but not what someone else did not talk about.
func TestKeptOut(t *testing.T) {
	checkForms(t, "kept out", []form[string]{
		{"i got termnated last thursday. since then ive been to 4 AA meetings. i dont want to mention AA if thats weird", "aa"},
		{"I was let go in May. I really don't want to talk about the panic attacks in the letter.", "panic attacks"},
		{"I was laid off. They did not talk about paying the rest of the contract, nothing.", ""},
	}, func(m *Message) string { return strings.Join(m.KeptOut, "|") })
}

// TestDeniedOwned: a denial that owns a part in the same breath ("I never
// took a cent in my life, I'm just rubbish at the cash up", fresh-56) is
// neither a plain denial nor a plain admission; "I didn't take it well" in
// the next sentence is how they took the news and takes nothing back.
func TestDeniedOwned(t *testing.T) {
	for body, want := range map[string]bool{
		"Got the sack Saturday night after my shift. The till was down €60 twice. I never took a cent in my life, I'm just rubbish at the cash up when its mental busy.\n\nI'll be honest I didnt take it well.": true,
		"They fired me over till shortages. I did not steal any money, it was carelessness.":                                                                                                                     true,
		"I got the sack on Saturday. The till was short again. I swear I never took a cent. I think I was just rushing the counts at the end of the night.":                                                      true,
		// (fresh-61's bi39) the part owned told before the denial, in its sentence
		"I was sacked last week. The reason they gave is a shortage in my till that I did not report on time. I am not denying that I delayed the report, I was trying to trace it first which was a mistake, but I did not take the money.": true,
		"I was fired last week. They falsely accused me of harassment.":                                     false,
		"I got the sack on Saturday. The till was short again. I didn't take it well and slammed the door.": false,
		"I was fired last week for being late. It was my fault and I know it.":                              false,
	} {
		if m := mustParse(t, msg("", body)); m.DeniedOwned != want || want && m.Disputed {
			t.Errorf("%q: DeniedOwned %v, Disputed %v; want %v", body, m.DeniedOwned, m.Disputed, want)
		}
	}
}

// TestCleared: a writer cleared since the firing ("traced ... to the system
// upgrade") disputes it, and the clause that clears them is kept for the
// letter, not words of theirs in the first person (fresh-51's ay38).
func TestCleared(t *testing.T) {
	for body, want := range map[string]string{
		"On 13th November my appointment was terminated. The issue was a shortage in my till. Last week one of my colleagues in operations called me that they have traced the difference, it was a double posting from the system upgrade, not from my till at all.": "it was a double posting from the system upgrade",
		"I was fired last month over a shortage in my drawer. Now my old supervisor told me the money was never missing, it was counted twice.":                                                                                                                       "",
	} {
		m := mustParse(t, msg("", body))
		if !m.Disputed || m.Cleared != want {
			t.Errorf("%q: Disputed %v, Cleared %q, want true and %q", body, m.Disputed, m.Cleared, want)
		}
	}
}

// TestRetired: a resignation that was a retirement is told apart.
func TestRetired(t *testing.T) {
	for body, want := range map[string]bool{
		"After 27 years I retired on June 30 of this year from my position as Chief Operator. I miss it.": true,
		"In the spring I took early retirement. Now I would like to go back part-time.":                   true,
		"I resigned last month because of the commute. I regret it.":                                      false,
		"I was fired last week. My boss is retiring next year.":                                           false,
	} {
		if got := mustParse(t, msg("", body)).Retired; got != want {
			t.Errorf("%q: Retired %v, want %v", body, got, want)
		}
	}
}

// form is one case of the tests of the forms a fact is written in: a
// message's body and what the parser should read from it.
type form[T comparable] struct {
	body string
	want T
}

// checkForms parses each case's body and compares what get reads from it.
func checkForms[T comparable](t *testing.T, what string, cases []form[T], get func(*Message) T) {
	t.Helper()
	for _, c := range cases {
		if got := get(mustParse(t, msg("", c.body))); got != c.want {
			t.Errorf("%q:\n got %s %v, want %v", c.body, what, got, c.want)
		}
	}
}

// TestAskedPeopleAndFollowUp: whom a question of whom to ask names,
// people by title too ("the CNO"), and a short question after it that asks
// nothing of its own is part of it ("Can I do both?"), as fresh-34 wrote.
func TestAskedPeopleAndFollowUp(t *testing.T) {
	m := mustParse(t, msg("", "I was fired two weeks after my claim. Should I talk to a lawyer first or try to talk to the CNO? Can I do both?"))
	if got := strings.Join(m.AskedPeople, ","); got != "the CNO" {
		t.Errorf("asked people %q, want the CNO", got)
	}
	if got := m.Asked[QuestionWhoToAsk]; !strings.HasSuffix(got, "Can I do both?") {
		t.Errorf("who_to_ask asked as %q, want it to end with the follow-up", got)
	}
	m = mustParse(t, msg("", "I was fired last week. Is it ok to ask for my job back? Should I call or email him?"))
	if got := m.Asked[QuestionOKToAsk]; strings.Contains(got, "call") {
		t.Errorf("ok_to_ask asked as %q: a question of its own is no follow-up", got)
	}
	m = mustParse(t, msg("", "i got fird 2 wks ago. do i email kevin or go over his head to the site manager?"))
	if got := strings.Join(m.AskedPeople, ","); got != "the site manager" {
		t.Errorf("asked people %q, want the site manager", got)
	}
}

// TestDecider: the person the writer says made the decision, before or
// after the words for it (fresh-34, fresh-35), and not a city.
func TestDecider(t *testing.T) {
	checkMessage(t, "decider", func(m *Message) string { return m.Decider }, map[string]string{
		"I got sacked a fortnight ago. My department manager, Leanne, was on my side, but the store manager Craig Bellamy made the call.":                                             "Craig Bellamy",
		"I was fired last month. My nurse manager, Dana Whitcomb, was decent about it. But the decision came from above her, from the director of nursing, Dr. Lois Fenwick, and HR.": "Dr. Lois Fenwick",
		"I was laid off last month. The decision came from Osaka, my manager said.":                                                                                                   "",
		"I was fired last week by my manager Tom Hale.": "",
		// (fresh-42) a title before the honorific and the name; "signed by"
		"They fired me last month. My team leader Matthias Vogt had two conversations with me before, and then in September the Geschäftsführerin Frau Schiller decided it.":   "Frau Schiller",
		"I was fired last month. My branch manager, Mr. Obi, handed me a letter, but by then the letter had already been signed by the Regional Head, Alhaja Bello, in Lagos.": "Alhaja Bello",
	})
}

// TestComplaintDoubtAndAppeal: a question whether a complaint had anything
// to do with it, and a right of appeal the writer was given (fresh-34,
// fresh-35).
func TestComplaintDoubtAndAppeal(t *testing.T) {
	m := mustParse(t, msg("", "I got the sack last Thursday for being late. I did complain a while back about the staff meals. That wouldn't have anything to do with it, would it?"))
	if !strings.Contains(m.ComplaintDoubt, "anything to do with it") {
		t.Errorf("complaint doubt %q", m.ComplaintDoubt)
	}
	if m := mustParse(t, msg("", "I was fired last week. It had nothing to do with my work, they said.")); m.ComplaintDoubt != "" {
		t.Errorf("no complaint, yet a doubt: %q", m.ComplaintDoubt)
	}
	if m := mustParse(t, msg("", "I was dismissed for gross misconduct. I have been given the right to appeal within 21 days of the dismissal letter.")); !m.AppealOffered {
		t.Error("a right of appeal not read")
	}
	if m := mustParse(t, msg("", "I was dismissed last week. Can I appeal?")); m.AppealOffered {
		t.Error("a question about appealing read as a right given")
	}
	// whom the appeal goes to, as told (fresh-51's ay36); a title is no name (fresh-22's f05)
	for body, want := range map[string]string{
		"I got the sack on Tuesday. The letter says I can appeal within 5 working days, to the area manager Sue Kendrick.":                   "Sue Kendrick",
		"I was dismissed last week. I have the right to appeal to Mr. Hale by Friday.":                                                       "Mr. Hale",
		"I was dismissed last week. The letter seh mi can appeal within 14 days to the Senior Medical Officer.":                              "",
		"I was dismissed last week. I have the right to appeal to HR by Friday.":                                                             "",
		"I got the sack last Thursday. The letter says I've got 7 days to appeal.":                                                           "", // (fresh-52) offered, to no one named
		"I was dismissed in October. I ask whether I ought to appeal the decision internally, as the letter permits within twenty-one days.": "", // (fresh-53)
	} {
		if m := mustParse(t, msg("", body)); !m.AppealOffered || m.AppealTo != want {
			t.Errorf("%q: appeal offered %v, to %q, want to %q", body, m.AppealOffered, m.AppealTo, want)
		}
	}
}

// joined is the signals as one comma-separated string.
func joined(signals []Signal) string {
	out := make([]string, len(signals))
	for i, s := range signals {
		out[i] = string(s)
	}
	return strings.Join(out, ",")
}

// TestBossEmailOne: a boss's address is one mailbox or none (issue 15,
// finding 10: two addresses joined by ">, " were stored).
func TestBossEmailOne(t *testing.T) {
	for in, want := range map[string]string{
		"dana@acme.example":                        "dana@acme.example",
		"dana@acme.example>, victim@third.example": "",
		"dana@acme.example, victim@third.example":  "",
		"Dana <dana@acme.example>":                 "dana@acme.example",
		"not an address @":                         "",
	} {
		if got := oneAddress(in); got != want {
			t.Errorf("oneAddress(%q) = %q, want %q", in, got, want)
		}
	}
	m := mustParse(t, msg("", "I was fired last week.\n\nBoss email: dana@acme.example>, victim@third.example\n"))
	if m.Facts.BossEmail != "" {
		t.Errorf("Boss email line with two addresses stored %q", m.Facts.BossEmail)
	}
}

// TestPositionForms covers position.txt: what the writer knows of the old
// job, and the old employer's postings told without "my job".
func TestPositionForms(t *testing.T) {
	checkForms(t, "position", []form[Position]{
		// (fresh-69) a post on Facebook that is hiring; not the post through which the writer found us
		{"I was let go in September. Yesterday I saw she put a post on Instagram looking for an assistant.", PositionPosted},
		{"I was let go in September. I found your service through a post on Facebook, hope this is the right place.", PositionUnknown},
		// (fresh-67) a post seen on the council's jobs page; not one the writer says is not their old job, nor one they
		// have not seen
		{"I was made redundant at the end of July. This week I spotted on the council's jobs page a new post called \"Green Spaces Coordinator\".", PositionPosted},
		{"My position was eliminated in July. Now I have seen on their website that they are searching a \"Key Account Manager Osteuropa\". It is not exactly my old job but it is very similar.", PositionUnknown},
		{"I resigned in August. I have not seen any posting for my old job, maybe she covers it with the other tech.", PositionUnknown},
		// (fresh-66) an opening at another branch is not the writer's old job; "their careers site" is a website
		{"I was let go from Northbridge Credit Union on October 16. I just saw Northbridge posted a Lending Officer job at their Barrie branch.", PositionUnknown},
		{"I was let go in October. I see St. Columba's has my old line posted on their careers site.", PositionPosted},
		// (fresh-66) after a resignation, "my role is also gone" at the startup is the new job's, not the old one filled
		{"I resigned from Sundaram Infotech in August to join a startup. Now the startup has done layoffs and my role is also gone, last week only they informed.", PositionUnknown},
		// (fresh-64's bl37) "my replacement starts next week"
		{"I resigned in September for a job offer abroad. Ma'am Tess said before my replacement starts next week daw.", PositionFilled},
		// (fresh-63) openings posted on the old unit; the careers page's openings; a "Now hiring" sign; "my position
		// was posted"; hiring again for the same account; not "saw in their website that they are hiring"
		{"I resigned in August. I checked the hospital website and they have 3 night shift RN openings posted on my old unit.", PositionPosted},
		{"I was fired a month ago. Now they have a sign in the window \"Now hiring line cooks\".", PositionPosted},
		{"I was let go in October. I understand my position was posted on the local bar association's job board last week.", PositionPosted},
		{"I quit in July. I saw in Jobstreet that Bluecoast is hiring Team Leaders again for the same account.", PositionPosted},
		{"I was let go in May. I saw in their website that they are hiring.", PositionUnknown},
		// (fresh-43, fresh-59) a listing "showing open on Naukri", its words in brackets skipped; not "up on site"
		{"I jumped ship in May. Now I saw that my old position (SDE-3, same team) is showing open on Naukri and on their careers page.", PositionPosted},
		{"I quit the crew in June. The new foreman was already up on site by Monday.", PositionUnknown},
		// (fresh-60) the one who replaced them has left again
		{"I quit in June after a row with the owner. I heard from a colleague that the new branch manager already left after four weeks.", PositionOpen},
		// (fresh-58) "haven't found anyone to replace me": open, not filled
		{"I quit in August. One of the nurses told me they still haven't found anyone to replace me.", PositionOpen},
		// (fresh-55, fresh-56) a listing seen on a job board, one that is their job in other words, the same job
		// re-advertised; not "It is not exactly my old job"
		{"I was let go in October. Now I see on Indeed that the clinic is searching a hygienist, full time, permanent.", PositionPosted},
		{"I was made redundant last month. My old team is already posting a \"Platform Engineer\" req that looks a lot like my job.", PositionPosted},
		{"My role was eliminated in October. Now the same job's been re-advertised under a different title.", PositionPosted},
		{"I was laid off in October. They posted a new role last week. It is not exactly my old job though.", PositionUnknown},
		// (fresh-30) a guess after the news is about something else
		{"I quit six weeks ago. I've heard through a friend that my old role has been filled by an internal hire, but there might be a new Head of Content post in the new year.", PositionFilled},
		{"I quit six weeks ago. I think my old role has been filled.", PositionUnknown},
		{"I was laid off last month. Last week I saw a posting on their careers page for a Leasing Operations Lead.", PositionPosted},
		{"I quit in March. I seen they already posted my job on Indeed.", PositionPosted},
		// (fresh-37) someone in the job, said many ways; a post advertised on the site, an ad put in
		{"I quit in August. My buddy who still works there says they already brought in a guy from the Capital Grille to take my spot.", PositionFilled},
		{"I was let go in September. Two weeks later they hired a 26-year-old coordinator who is doing everything I did.", PositionFilled},
		{"On 9 October they tell me I am redundant. And now they use agency people on my place, 4 new agency workers on nights.", PositionFilled},
		{"I was made redundant in June. Last week they advertised an Open Space Coordinator on the council website.", PositionPosted},
		{"I quit in May. Kelly put an ad in Facebook for a dental assistant.", PositionPosted},
		{"I was let go last month. jess in the department office told me unofficially they havent posted the job yet", PositionUnknown}, // (fresh-39)
		{"I got the sack last Thursday. They've already put a backpacker on the grill from what Jonno told me so I know my spot's gone.", PositionFilled},
		{"I was made redundant in September. Now they have posted the same opening on Naukri. Should I apply to the posting?", PositionPosted},
		{"I was fired last week. I've been applying everywhere and I saw a posting at another bakery.", PositionUnknown},
		{"I was laid off in July. They're hiring a sous chef now, I think.", PositionUnknown},
		{"I was let go last week. They still haven't filled my position.", PositionOpen},
		{"I was laid off in September. They hired a young fellow, Mr. Tran, to replace me.", PositionFilled},
		{"I got fired last week. And now they got a new kid in my bay, started Monday.", PositionFilled},
		{"I was fired last week. They put a target on my back.", PositionUnknown},
	}, func(m *Message) Position { return m.Facts.Position })
}

// TestNewJobForms covers newjob.txt: whether the writer has a job now.
func TestNewJobForms(t *testing.T) {
	checkForms(t, "new_job", []form[NewJob]{
		// (fresh-65) after a resignation, the writer let go again: the job they went to ended; not a lay-off
		// before it
		{"ok so i resgined from my job at Sunrise Dental Group in august bc a friend got me into a better job at a call center. well the call center let like half of us go last week lol. so now i got nothing", NewJobEnded},
		{"I resigned from Sundaram Infotech in August to join a startup. Now the startup has done layoffs and my role is also gone, last week only they informed.", NewJobEnded},
		{"They let me go in March after the audit. I was a bookkeeper there for six years.", NewJobUnknown},
		{"I was laid off in September. Currently I am not having any job.", NewJobNone},
		{"Two months back I left and joined one fintech startup. But the startup has shut down operations last Friday only.", NewJobEnded},
		{"I was laid off in June. I'm 49 and I have been applying everywhere.", NewJobNone},
		{"i quit last week. now i have no work and rent is due", NewJobNone},
		{"I was laid off in June. I'm on EI while I look.", NewJobUnknown},
		// (fresh-62's bj43) a title and a firm in the signature of someone who left; a title alone says nothing
		{"In June I handed in my notice at Kloofnek Veterinary Clinic. Now I'm miserable.\n\nThanks so much\nRenée\n\n-- \nRenée du Plessis\nTerritory Representative\nVeldpaw Nutrition (Pty) Ltd\n", NewJobHas},
		{"In June I handed in my notice at Kloofnek Veterinary Clinic. Now I'm miserable.\n\n-- \nRenée du Plessis\nVeterinary Nurse\n", NewJobUnknown},
	}, func(m *Message) NewJob { return m.Facts.NewJob })
}

// TestClosed: after a lay-off, the workplace itself closed.
func TestClosed(t *testing.T) {
	for body, want := range map[string]bool{
		"I was laid off in October when they shut down the plant for good.":                  true,
		"The company went bust in September and all of us were let go.":                      true,
		"I was laid off last month. The store is still open, they just cut the night shift.": false,
		"I quit in August, and the startup I joined went under last week.":                   false,
		// (fresh-63's bk34) "our whole hall was closed"
		"I was made redundant from Glenbrannoch Distillers Ltd. They've moved all the bottling down to the new plant near Glasgow and our whole hall was closed, 31 of us went.": true,
	} {
		if got := mustParse(t, msg("", body)).Closed; got != want {
			t.Errorf("%q: closed %v, want %v", body, got, want)
		}
	}
}

// TestLegalAsked: the writer's question whether what was done is lawful
// (fresh-53's and fresh-54's reviews: "'Is this even allowed?' not answered
// plainly"), not the word "legal" told in passing.
func TestLegalAsked(t *testing.T) {
	checkForms(t, "legal asked", []form[string]{
		{"He let me go right after my jury duty. Is what he did even allowed?", "Is what he did even allowed?"},
		{"I was fired after I complained to HR. I talked to our legal team before, they were nice.", ""},
	}, func(m *Message) string { return m.LegalAsked })
}

// TestReferenceOffered: the boss offered a reference (fresh-52's review:
// "ask whether they would be a reference" after one was offered).
func TestReferenceOffered(t *testing.T) {
	checkForms(t, "reference offered", []form[bool]{
		{"I was laid off last month. He told me he'd be a reference any time.", true},
		{"I was laid off last month. Priya has offered to be a referee.", true},
		// (fresh-57's review) a longer gap before the word; a recommendation written
		{"I was made redundant on the 30th. Priya said she'd give me a glowing reference whenever I need one.", true},
		{"I was laid off three weeks ago. We left on really good terms, Priya even wrote me a LinkedIn recommendation the same week.", true},
		{"I was laid off three weeks ago. Should I ask her to write me a recommendation?", false},
		{"I was laid off last month. Would she give me a reference?", false},
		{"I was fired last month. I need a reference for my next job.", false},
	}, func(m *Message) bool { return m.ReferenceOffered })
}

// TestOffered: the boss said they would have the writer back.
func TestOffered(t *testing.T) {
	for body, want := range map[string]bool{
		"I quit in August. Gareth said the door's open if it doesn't work out.":             true,
		"I was laid off last month. Anand told me I am the first one he will call.":         true,
		"I quit in August. I hope the door is still open.":                                  false,
		"I quit in August. Would she take me back anytime, do you think?":                   false,
		"I was laid off last month. Nobody said anything about bringing me back.":           false,
		"I was let go in October. At the end he said to me the door is not closed forever.": true, // (fresh-52) fired too
	} {
		if got := mustParse(t, msg("", body)).Offered; got != want {
			t.Errorf("%q: offered %v, want %v", body, got, want)
		}
	}
}

// TestImprovementForms covers improvements.txt: what the writer has done
// since to fix the cause.
func TestImprovementForms(t *testing.T) {
	checkForms(t, "improvements", []form[string]{
		// (fresh-58) a different truck, the phone in the boot, a belt done, a course being done; not a car payment
		{"I was late like 4 times because my truck kept dying on me. I got a different truck now so thats fixed.", "got a different truck now so thats fixed"},
		{"I was sacked for using my phone while driving. Since then the phone goes in the boot every time I drive.", "phone goes in the boot every time I drive"},
		{"I was made redundant in August. Since then I've done a Lean Six Sigma Yellow Belt.", "I've done a Lean Six Sigma Yellow Belt"},
		{"I resigned in September. Also I am doing since two weeks a course for CAD programming at the IHK.", "I am doing since two weeks a course for CAD programming at the IHK"},
		{"I got fired last week. I have rent and a car payment due.", ""},
		// (fresh-52) "after this incident" opens what they did since; a course taken "now"; not one in an aside
		{"On 15th September I was terminated from my services. After this incident I have prepared one validation checklist for every report.", "I have prepared one validation checklist for every report"},
		{"On 15th September I was terminated from my services. I am now doing SQL advanced certification from online.", "I am now doing SQL advanced certification from online"},
		{"I am working as veterinary nurse assistant (not registered yet, I am doing the course) in Brookside Vets. I quit last Thursday.", ""},
		// (fresh-43) "I have since completed ...", "I now maintain ... in a docketing system"
		{"I was dismissed on 2 October for a missed filing. I have since completed a 16-hour continuing education course on practice management.", "I have since completed a 16-hour continuing education course on practice management"},
		{"I was dismissed on 2 October for a missed filing. I now maintain every deadline in a docketing system with two independent reminders.", "I now maintain every deadline in a docketing system with two independent reminders"},
		{"I was fired last week for no-showing. I've bought a plug-in alarm clock so I'm not relying on my phone.", "I've bought a plug-in alarm clock so I'm not relying on my phone"},
		{"I was fired for being late. My sister has agreed to call me before every early shift.", "My sister has agreed to call me before every early shift"},
		{"i got fired for being late. i got a car note due the 15th so im kinda freaking out", ""},
		// (fresh-30) two steps in one sentence; a clause about someone else ends the step
		{"I was fired on the 23rd. Since then I've been off the grog completely (11 days now), I've been going to AA in Aitkenvale twice a week.", "been off the grog completely (11 days now)|I've been going to AA in Aitkenvale twice a week"},
		{"i got fird last tuesday. since then i bought a old wind up alarm clock and a battery one and my cousin says i can stay at his place", "bought a old wind up alarm clock and a battery one"},
		{"I was let go last week. After this incident I have done the ISTQB Advanced Test Analyst course online.", "I have done the ISTQB Advanced Test Analyst course online"},
	}, func(m *Message) string { return strings.Join(m.Facts.Improvements, "|") })
}

func TestNewJobForms2(t *testing.T) {
	checkForms(t, "new_job", []form[NewJob]{
		{"I handed in my notice three weeks ago. I start in Brightwater Insurance on Monday and I already know I've made a mistake.", NewJobHas},
		{"I quit in September. I resumed at the new place and by the fourth week they said they cannot pay salaries. I have since stopped going.", NewJobEnded},
		{"I quit last month. And what on earth do I tell the new place?", NewJobHas},
	}, func(m *Message) NewJob { return m.Facts.NewJob })
}

func TestImprovementForms2(t *testing.T) {
	checkForms(t, "improvements", []form[string]{
		{"I was fired last week for drinking. The week after I went to my first AA meeting and I've been going 4 times a week since. 23 days sober today.", "went to my first AA meeting and I've been going 4 times a week since"},
		{"I was fired last month. I even did one Excel course online over the weekends.", "I even did one Excel course online over the weekends"},
		{"I was dismissed in June. I got an alternative teaching certificate since.", ""},
		// (fresh-50) a course without its "I"; a control list made for themselves; a new list that is a result, not a step
		{"Got the sack after the second prang in the ute. Been doing a defensive driving course since. Worth asking him to take me back?", "Been doing a defensive driving course since"},
		{"I was dismissed in October after a duplicate payment. Since then I have made myself a control list for every payment run.", "I have made myself a control list for every payment run"},
		// (fresh-49) a course joined since, anger videos and a padre, the car fixed (the writer's own, not a son's)
		{"I was terminated on 28th August. Since the incident I have joined one online GST practitioner certification course.", "I have joined one online GST practitioner certification course"},
		{"I was fired in October. Now I am watching videos for control the anger.", "watching videos for control the anger"},
		{"i got fird yesterday. i was late a few times but i got the car fixed now so that wont happen again", "i got the car fixed now so that wont happen again"},
		{"I'm writing on behalf of my son. He got let go from his first real job. He's got the car fixed now.", ""},
		// (fresh-49's review) a run-on step ends where the writer goes on to ask
		{"i got fird yesterday. i was late a few times but i got the car fixed now so that wont happen again is it weird to text him and ask for my job back", "i got the car fixed now so that wont happen again"},
		// (fresh-38) the drink given up "on the head", a counsellor booked, new glasses, a side contract closed and
		// the money returned; someone else returning money is not the writer's step
		{"I got the sack last Thursday. Since then I've knocked the drinking on the head on work nights.", "knocked the drinking on the head on work nights"},
		{"I was fired two weeks ago. I think my eyes had gotten worse. Got new glasses since and my DOT medical renewed fine.", "Got new glasses since and my DOT medical renewed fine"},
		{"I was terminated on 13th November. Since then I have closed the freelance contract and returned the payment of the last month also.", "closed the freelance contract and returned the payment of the last month also"},
		{"I was let go in November. The roofer has since returned the money, thank heavens.", ""},
		{"I was sacked for swearing at a customer. I registered for Six Sigma Green Belt course.", "registered for Six Sigma Green Belt course"}, // (fresh-41)
		// (fresh-39) the post taken down, an apology written, the phone put away
		{"I got the sack on Friday the 9th over a post. I've taken it down since.", "taken it down since"},
		{"I was terminated by my employer last Sept 18. Now I put my phone in my bag every time I am working.", "put my phone in my bag every time I am working"},
	}, func(m *Message) string { return strings.Join(m.Facts.Improvements, "|") })
}

func TestDisputedNegated(t *testing.T) {
	for body, want := range map[string]bool{
		"I was fired last week. I did not steal any money, it was the other cashier.":                     true,
		"I was fired last week. I'm not going to pretend I'm innocent. I did release that payment early.": false,
	} {
		if got := mustParse(t, msg("", body)).Disputed; got != want {
			t.Errorf("%q: disputed %v, want %v", body, got, want)
		}
	}
	if got := mustParse(t, msg("", "I quit because of like a year of night shifts with no break.")).Facts.Reason; got != "" {
		t.Errorf("a length of time read as a reason: %q", got)
	}
}

// TestTenureSince: "since 2019" gives the years of service, but not when
// it is said of someone else or of how often (fresh-31's ae41 and ae51).
func TestTenureSince(t *testing.T) {
	checkForms(t, "tenure", []form[float64]{
		{"I was let go last week. I have worked at Harlow Mills since 2019.", 7},
		// (fresh-61's bi49) the count in words, then in figures in brackets
		{"Until recently I was employed as an Accounts Officer with Volta Cocoa Processing Company Limited, a position I held for six (6) years. My position was declared redundant. I recovered receivables that had been outstanding for over a year.", 6},
		// (fresh-46) a career, then the part of it at a workplace named after it; but not a site of the employer named before
		{"I've been an RN for 19 years, the last 11 of them at St. Agnes Regional Medical Center. I was terminated last week.", 11},
		{"I retired in June after 31 years of teaching, the last 19 of them as a third grade teacher at Maple Hollow Elementary.", 19},
		{"I was terminated on October 6 from Prairie Gold Cooperative, where I had worked for 11 years, the last six as maintenance lead at the Aurora plant.", 11},
		{"I took early retirement from Vaalkop Platinum after 27 years, the last 11 of them as shift boss at No. 3 shaft.", 27},
		{"I was dismissed in probation on 30 September. I have worked 12 years in accounting before, but never with SAP.", -1},
		{"Got canned yesterday from Lakeside Toyota. 19 years on the sales floor. Salesman of the month 9 times since 2019.", 19},
		// (fresh-32) the length of a contract is not the service; a day told by another day is no guard
		{"I was laid off last week. I had a fixed-term contract for 12 months with the council. I worked there almost six months.", 0.5},
		{"I was laid off from Calloway Printing Company on the Friday before Labor Day after 31 years as a press operator.", 31},
		// (fresh-33) numbers with a hyphen; a time in a place yields to the time at the job
		{"I was laid off last week. For twenty-six years I was employed by Whitcombe & Hale Assurance Company.", 26},
		{"I resigned 10 days ago. I am Mohamed from Egypt, working in Dubai since 8 years. I was accountant in Al Noor Trading LLC for 4 years.", 4},
		{"I was fired last month. I am working as barista in Cork since 2 and half years.", 2.5},
		// (fresh-32) counts and units in the languages writers mix in
		{"I was congédié - fired - about a month ago from Studio Bélanger, where I was graphic designer for 2 ans et demi.", 2.5},
		{"Fui demitida na sexta passada da Casa Albuquerque Joias. Eu era consultora de vendas, trabalhei lá seis anos e meio.", 6.5},
		// (fresh-38) the length of a contract is not the time served
		{"I was laid off on 11 September. I had fixed contract 12 months with Kerrigan Engineering Ltd. I work there 6 months, never problem.", 0.5},
		// (fresh-37) "3 months back" is when they left
		{"I left Sharma Infotech Pvt Ltd 3 months back after working there for 4 years as Senior Software Engineer.", 4},
	}, func(m *Message) float64 {
		if m.Facts.TenureYears == nil {
			return -1
		}
		return *m.Facts.TenureYears
	})
}

// TestCountry: where the job was, from the writer's words, money or the
// Date's offset, read when a reply will speak of the law.
func TestCountry(t *testing.T) {
	checkMessage(t, "country", func(m *Message) string { return m.Country }, map[string]string{
		"I was sacked last Thursday, a week after I reported the faulty brakes to the regulator. I'm in Kalgoorlie.":                  "au",
		"I was dismissed last week, two weeks after I raised a grievance about my manager. I'm owed £2,000.":                          "uk",
		"I was fired last week after I complained to HR about my supervisor.":                                                         "us", // the Date's -0500
		"I was fired last week for being late.":                                                                                       "",   // no sign, no lawyer asked: not read
		"I was assistant store manager at the Canadian Tire on Kingsway in Burnaby. I was fired right after my jury duty.":            "ca", // (fresh-38)
		"I worked at Northern Pines Home Hardware for five years. He let me go right after my jury duty. Huntsville is a small town.": "ca", // (fresh-53)
		// (fresh-66) a German firm, title and town; South African slang; a British regulator, not a US Date
		"I was 12 years CNC machinist at Brenner Metallbau GmbH in Ulm. Herr Vogt let me go last week. Should I see a lawyer?": "de",
		"Eish, I was fired last week, two days after I complained to HR about my supervisor.":                                  "za",
		"I was sacked ten days after I reported the brakes to the DVSA. Should I see a solicitor?":                             "uk",
		// (fresh-69) Spain and the Philippines by their cities; not where the writer comes from; of two places named
		// once each, the one nearer the event
		"I was front desk agent in a hotel in Málaga 4 years. They fired me after I came back from sick leave. Should I talk to a lawyer?": "es",
		"I was team lead at a BPO in Pasay. They terminated me after I complained to HR. Do I need a lawyer?":                              "ph",
		"I write from Brighton, I am from Málaga. I was fired after I complained to HR about my manager. Should I see a solicitor?":        "us", // the Date's -0500, not Málaga
		"I was made redundant from a warehouse in Leeds after my complaint to HR. My family is back in Kraków. Should I see a lawyer?":     "uk",
	})
}

// checkMessage parses each body (a message of msg's, with its Date) and
// checks one thing the Message tells of it, named what in a failure.
func checkMessage[T comparable](t *testing.T, what string, get func(*Message) T, cases map[string]T) {
	t.Helper()
	for body, want := range cases {
		if got := get(mustParse(t, msg("", body))); got != want {
			t.Errorf("%q: %s %v, want %v", body, what, got, want)
		}
	}
}

// TestOtherLang: the language whose everyday words the writer mixes into
// their English, three times or more; not one or two words, nor English.
func TestOtherLang(t *testing.T) {
	checkMessage(t, "other language", func(m *Message) string { return m.OtherLang }, map[string]string{
		"I was 11 years design engineer at Hollmann GmbH. Ich verstehe das einfach nicht. My position was eliminated in September. Mit freundlichen Grüßen": "de",
		"Hola, I was fired last week from the taqueria. Pero I did nothing wrong. Gracias":                                                                  "es",
		"I was fired last week for being late. Thanks for any help.":                                                                                        "",
		"Bonjour, I was laid off in October.":                                                                                                               "",
	})
}

// TestVisa: the writer's own visa, not someone else's.
func TestVisa(t *testing.T) {
	checkMessage(t, "visa", func(m *Message) bool { return m.Visa }, map[string]bool{
		"I was laid off on 16 October. My visa depends on this job and I am very worried.": true,
		"I was laid off last week. My cousin is on a work visa at the same company.":       false,
		"I was fired last week for being late.":                                            false,
	})
}

// TestOwnEarlierMessage: an earlier message of the writer's own, quoted
// below what they add, is their words too (fresh-42: "Sorry, I sent the
// first email too fast"); someone else's is not, and what is true now (a
// new job) is told by the new words.
func TestOwnEarlierMessage(t *testing.T) {
	own := "Sorry, one more thing: is it ok to write to Fernanda?\n\nOn Mon, 16 Nov 2026 at 09:10, Amy Ross <amy@example.com> wrote:\n> I worked three years as marketing analyst in Alvorada Digital.\n> I resigned on 28 August because my boyfriend got a job in Lisbon.\n> My new job at Onda Criativa is fine.\n"
	m := mustParse(t, msg("", own))
	if f := m.Facts; f.Situation != SituationQuit || f.Company != "Alvorada Digital" || f.Role != "marketing analyst" {
		t.Errorf("own earlier message: situation %q, company %q, role %q; want quit, Alvorada Digital, marketing analyst", f.Situation, f.Company, f.Role)
	}
	other := strings.ReplaceAll(own, "Amy Ross <amy@example.com>", "Bea Lund <bea@example.net>")
	if f := mustParse(t, msg("", other)).Facts; f.Situation != SituationUnknown || f.Company != "" {
		t.Errorf("someone else's message: situation %q, company %q; want unknown and none", f.Situation, f.Company)
	}
	// (the old words' "I have a new job" may be stale: fresh-24's l45 and
	// fresh-28's ab19 wrote again when it had ended)
	if nj := mustParse(t, msg("", own)).Facts.NewJob; nj == NewJobHas {
		t.Errorf("a new job told only in the earlier message: %q, want it not read as now", nj)
	}
}

// TestSubjectInjuryClaim: an injury named in the subject of a writer whose
// body tells a workers' comp claim is the claim's sign, retaliation, not a
// medical leave too (fresh-42's ap37).
func TestSubjectInjuryClaim(t *testing.T) {
	raw := "From: Ty Ross <ty@example.com>\r\nTo: help@jobback.example\r\nSubject: got canned after i got hurt\r\nDate: Mon, 23 Nov 2026 10:00:00 -0500\r\n\r\n" +
		"hey so i got canned tuesday. back in aug i tweaked my back on the job, went to urgent care, they did the workers comp paperwork and i was on light duty like 3 wks."
	m := mustParse(t, []byte(raw))
	if got := fmt.Sprint(m.Facts.WrongfulSignals); got != "[retaliation]" {
		t.Errorf("signals %s, want [retaliation]", got)
	}
}

// TestRecords: what a writer with a sign of an unlawful dismissal says
// they hold, named as a reply names it; nothing said to be missing, and
// nothing for a writer with no sign (fresh-42's review).
func TestRecords(t *testing.T) {
	for body, want := range map[string]string{
		"I was fired the Monday after jury duty. I have the summons and seven good evaluations.": "the court papers|your reviews",
		"I was fired the Monday after jury duty. I have no proof, just my pay stubs.":            "your pay slips",
		"I was fired for being late. I have my pay stubs.":                                       "",
	} {
		if got := strings.Join(mustParse(t, msg("", body)).Records, "|"); got != want {
			t.Errorf("%q: records %q, want %q", body, got, want)
		}
	}
}

// TestCleanRecord: a record without blame until the end, in the forms
// fresh-41 and fresh-42's writers used; a write-up they had is not one.
func TestCleanRecord(t *testing.T) {
	for body, want := range map[string]bool{
		"I was fired last week for one mistake. In two years I never had a single write-up.": true,
		"got fird tuesday, never had a problem before that":                                  true,
		"I was let go last week. I have never been in trouble there.":                        true,
		"I was fired last week. I had two write-ups for being late.":                         false,
	} {
		if got := mustParse(t, msg("", body)).CleanRecord; got != want {
			t.Errorf("%q: clean record %v, want %v", body, got, want)
		}
	}
}

// TestNotAsked: no step from a question ("Should I mention I've paid the
// money back ...?"), and no person from an oath ("what in God's name do I
// say"): fresh-43's review found both pasted into replies.
func TestNotAsked(t *testing.T) {
	m := mustParse(t, msg("", "I was sacked last week over the till. I've done a free cash handling course. Should I mention I've paid the money back or will that look like I'm admitting something?"))
	for _, s := range m.Facts.Improvements {
		if strings.Contains(s, "mention") {
			t.Errorf("a step from a question: %q", s)
		}
	}
	m = mustParse(t, msg("", "I quit last month. Do I write to Declan or to Siobhán, and what in God's name do I say about why?"))
	for _, p := range m.AskedPeople {
		if strings.HasPrefix(p, "God") {
			t.Errorf("asked people %q", m.AskedPeople)
		}
	}
}

// TestAskedTitleThenName: "the director Mr. Sharma" is one person to ask,
// named (fresh-43's review: "go to the director and Mr. Sharma").
func TestAskedTitleThenName(t *testing.T) {
	for _, body := range []string{
		"I was dismissed last week. Whom should I write, Mr. Kulkarni or directly to the director Mr. Sharma?",
		"I got sacked last week. Or should I go over her head to Graham, the area manager?",
	} {
		for _, p := range mustParse(t, msg("", body)).AskedPeople {
			if strings.HasPrefix(p, "the ") {
				t.Errorf("%q: asked people %q", body, p)
			}
		}
	}
}

// TestReasonNotSign: "fired right after jury duty" tells when, and the
// sign itself, not the employer's reason (fresh-43's review); a quitter's
// reason may be the harassment itself.
func TestReasonNotSign(t *testing.T) {
	if r := mustParse(t, msg("", "so I got fird right after jury duty. I gave Sal the summons the day I got it.")).Facts.Reason; r != "" {
		t.Errorf("reason %q, want none", r)
	}
	if r := mustParse(t, msg("", "I quit last month because the manager was always making comments about my body.")).Facts.Reason; r == "" {
		t.Error("a quitter's reason, the harassment, not read")
	}
}

// TestLeftApprox: a time read as a span of weeks or more is not a day, so
// a letter does not turn it into a date (fresh-47's review: "a couple of
// weeks back" became "on 14 October").
func TestLeftApprox(t *testing.T) {
	for body, want := range map[string]bool{
		"A couple of weeks back I got the sack.": true,
		"I was let go 3 weeks ago.":              true,
		"I got the sack last Friday.":            false,
		"I was fired on the 9th.":                false,
		"I was let go 2 days ago.":               false,
		"I got fired yesterday.":                 false,
	} {
		m := mustParse(t, msg("", body))
		if m.Facts.LeftAgoDays == nil {
			t.Errorf("%q: no time read", body)
			continue
		}
		if m.LeftApprox != want {
			t.Errorf("%q: LeftApprox %v, want %v", body, m.LeftApprox, want)
		}
	}
}

// TestSubjectTellsThenAsks: a subject that tells the event in the past and
// then asks ("furlough turned into redundancy - what now?") gives the
// situation, though the body tells of no event in the first person (a
// subject that only names a topic and asks, "Voluntary redundancy - should
// I?", still does not over a body of trouble: fresh-40's an64) (fresh-48).
func TestSubjectTellsThenAsks(t *testing.T) {
	body := "I've been events coordinator at the Harbourside Hotel for five years. Back in June they put the whole events team on furlough. We were told it was temporary.\n\nLast Friday it was made official: redundant. If the events side ever opens up again, how do I make sure I'm first in line?"
	for subject, want := range map[string]Situation{
		"furlough turned into redundancy - what now?": SituationLaidOff,
		// (fresh-67) "laid" is a past told
		"Laid off due to project funding cut - what to do?": SituationLaidOff,
	} {
		raw := []byte(strings.Replace(string(msg("", body)), "Subject: help", "Subject: "+subject, 1))
		if got := mustParse(t, raw).Facts.Situation; got != want {
			t.Errorf("%q: situation %s, want %s", subject, got, want)
		}
	}
}

// TestSubjectFiredBusinessReason: a subject that reads as a firing ("contract
// not renewed") over a text that tells no event but a clear business reason
// is a lay-off (fresh-66's bn29); over a text without one, a firing.
func TestSubjectFiredBusinessReason(t *testing.T) {
	for body, want := range map[string]Situation{
		"I was a youth worker with the council on a 12 month contract, and it finished on the 30th of September. Then the state youth funding got cut in the budget and they couldn't renew anyone on the team.": SituationLaidOff,
		"I was a youth worker with the council on a 12 month contract, and it finished on the 30th of September. My coordinator said my attendance was the problem.":                                             SituationFired,
	} {
		raw := []byte(strings.Replace(string(msg("", body)), "Subject: help", "Subject: contract not renewed - council job", 1))
		if got := mustParse(t, raw).Facts.Situation; got != want {
			t.Errorf("%q: situation %s, want %s", body, got, want)
		}
	}
}

// TestBlackFriday: a holiday told as days after another ("11-thu-4+1", the
// day after US Thanksgiving) dates the event (fresh-63's bk46: "So on Black
// Friday I walked off the job", written on Saturday 5 December 2026).
func TestBlackFriday(t *testing.T) {
	if d, ok := holidayDate("11-thu-4+1", 2026); !ok || d.Format("2006-01-02") != "2026-11-27" {
		t.Errorf("Black Friday 2026: %v %v", d, ok)
	}
	raw := "From: Dakota Rinaldi <d@example.com>\r\nTo: help@jobback.example\r\nSubject: I walked out\r\nDate: Sat, 05 Dec 2026 17:20:44 -0500\r\nMessage-ID: <bf1@example.com>\r\n\r\nSo on Black Friday I walked off the job at the Home Depot on Route 9.\r\n"
	if d := mustParse(t, []byte(raw)).Facts.LeftAgoDays; d == nil || *d != 8 {
		t.Errorf("left ago %v, want 8", d)
	}
}
