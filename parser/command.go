package parser

import "strings"

// maxCommandWords: a reply longer than this is someone telling their story,
// not giving a command, even if a command word appears in it.
const maxCommandWords = 45

var (
	forgetPats = compileAll("forget", "forget me", "delete|erase|remove|wipe ~2 my|all ~2 data|information|info|details|records|record|emails|account|history|everything",
		"delete|erase ~2 everything", "delete me", "erase me")
	stopPats = compileAll("stop", "unsubscribe", "leave me alone", "take me off", "remove me", "no more emails|messages|reminders",
		"don't|do not ~3 email|write|contact|message me", "opt out", "opt-out")
	snoozePats = compileAll("snooze", "remind me later|again|in|next", "pause", "later please", "not yet ~3 remind")
	yesPats    = compileAll("yes", "said yes", "taking|take|took|having|hiring|hired|rehired|want|wants|offered ~2 me back",
		"got ~2 job|position|role back", "i'm going back", "i'm back", "rehired", "start back", "starting back",
		"they agreed", "she agreed", "he agreed", "offered me ~2 job|position|role", "great|good|wonderful|fantastic news",
		"wants|want|asked|invited me ~1 to come in|back|meet", "wants|want to meet|see me")
	noPats = compileAll("no", "said no", "turned me down", "won't|wouldn't|not ~2 take|taking|have me back", "will not ~2 take|have me back",
		"answer was|is no", "rejected", "declined", "no luck", "not interested", "filled the position|role|job",
		"they passed", "doesn't want me back", "don't want me back")
	sentPats = compileAll("sent", "i|i've|we|we've ?just|already|have|finally sent", "sent ~2 letter|email|it|them|him|her|message", "mailed|emailed|posted|delivered ~2 it|letter",
		"letter ~3 sent|gone|out", "done", "it's gone")
)

// detectCommand reads a short reply as a command: STOP, SENT, YES, NO,
// SNOOZE [duration], FORGET, in those words or in plain ones ("They said
// yes!", "Please delete my data"). Only the writer's new words count; a long
// message, or one that gives facts as "Key: value" lines, is not a command.
func detectCommand(t *text, hasKeys bool) (Command, int, bool) {
	if t.words == 0 || t.words > maxCommandWords || hasKeys {
		return "", 0, false
	}
	toks := t.toks
	type rule struct {
		ps   *patternSet
		cmd  Command
		pass int // 0: strong in any form; 1: phrases only; 2: single words only
	}
	// The order decides between two commands in one reply: forgetting,
	// stopping and snoozing win over anything else; then a phrase ("they
	// said no", "I sent it") wins over a bare word ("Yes, I sent it" is
	// SENT).
	rules := []rule{{forgetPats, CommandForget, 0}, {stopPats, CommandStop, 0}, {snoozePats, CommandSnooze, 0},
		{yesPats, CommandYes, 1}, {noPats, CommandNo, 1}, {sentPats, CommandSent, 1},
		{sentPats, CommandSent, 2}, {yesPats, CommandYes, 2}, {noPats, CommandNo, 2}}
	for _, r := range rules {
		for from := 0; from < len(toks); {
			a, e, p := find(toks, from, len(toks), r.ps)
			if a < 0 {
				break
			}
			from = a + 1
			single := len(p.slots) == 1
			if r.pass == 1 && single || r.pass == 2 && !single {
				continue
			}
			// A bare word counts only at the start of a sentence ("No." /
			// "Stop please"), not inside one ("no idea", "I can't stop
			// thinking").
			if single && a > 0 && toks[a-1].sent == toks[a].sent && !isGreeting(toks, a) &&
				toks[a].l != "snooze" && toks[a].l != "unsubscribe" {
				continue
			}
			if negatedBefore(toks, a, 3) && r.cmd != CommandNo {
				continue
			}
			if r.cmd == CommandNo && toks[a].l == "no" && a+1 < len(toks) && toks[a+1].sent == toks[a].sent && !toks[a+1].punct {
				// "no idea", "no news yet": not an answer
				switch toks[a+1].l {
				case "luck", "way":
				default:
					continue
				}
			}
			if r.cmd == CommandYes && toks[a].l == "yes" && a+1 < len(toks) && toks[a+1].sent == toks[a].sent && !toks[a+1].punct && toks[a+1].l != "they" && toks[a+1].l != "she" && toks[a+1].l != "he" && toks[a+1].l != "please" {
				continue
			}
			days := 0
			if r.cmd == CommandSnooze {
				days = snoozeDays(toks, e)
			}
			return r.cmd, days, true
		}
	}
	return "", 0, false
}

// isGreeting reports whether only a greeting or a name stands before toks[a]
// in its sentence ("Hi, STOP").
func isGreeting(toks []token, a int) bool {
	for k := a - 1; k >= 0 && toks[k].sent == toks[a].sent; k-- {
		switch toks[k].l {
		case "hi", "hello", "hey", ",", "please", "ok", "okay", "dear":
			continue
		}
		return false
	}
	return true
}

// snoozeDays reads the pause after SNOOZE: "1w", "3d", "2 weeks", "a week",
// "a month", "until the 16th" is not a duration and gives 0 (the default).
func snoozeDays(toks []token, i int) int {
	for k := i; k < len(toks) && k < i+4 && toks[k].sent == toks[i-1].sent; k++ {
		l := toks[k].l
		if l == "for" || l == "another" || l == "me" || l == "it" {
			continue
		}
		// "1w", "3d", "2m"
		if n := len(l); n >= 2 {
			if v, ok := numberAt(&token{l: l[:n-1]}); ok {
				switch l[n-1] {
				case 'd':
					return int(v)
				case 'w':
					return int(v * 7)
				case 'm':
					return int(v * 30)
				}
			}
		}
		if v, ok := numberAt(&toks[k]); ok && k+1 < len(toks) {
			if u, ok := unitDays[strings.TrimSuffix(toks[k+1].l, ",")]; ok {
				return int(v*u + 0.5)
			}
			continue
		}
		if u, ok := unitDays[l]; ok { // "snooze week"
			return int(u)
		}
		break
	}
	return 0
}
