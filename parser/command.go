package parser

import (
	"jobback/domain"
	"strings"
)

// maxCommandWords: a reply longer than this is someone telling their story,
// not giving a command, even if a command word appears in it.
const maxCommandWords = 45

// commandWords are the lists that read a short reply as a command
// (command.txt).
type commandWords struct {
	Forget     *List `list:"command_forget"`
	Stop       *List `list:"command_stop"`
	Snooze     *List `list:"command_snooze"`
	Yes        *List `list:"command_yes"`
	No         *List `list:"command_no"`
	Sent       *List `list:"command_sent"`
	Greeting   *List `list:"command_greeting"`   // hi, hello, please: may stand before a bare command word
	NoAnswer   *List `list:"command_no_after"`   // "no luck", "no way": "no" followed by these is an answer
	YesAnswer  *List `list:"command_yes_after"`  // "yes they did", "yes please"
	Anywhere   *List `list:"command_anywhere"`   // snooze, unsubscribe: count inside a sentence too
	SnoozeSkip *List `list:"snooze_skip"`        // for, another, me, it: before the length
	NoWord     *List `list:"command_no_word"`    // no
	YesWord    *List `list:"command_yes_word"`   // yes
	Later      *List `list:"command_yes_later"`  // when, if, once: "wants me back when the shaft opens" is no answer yet
	SnoozeUnit *List `list:"snooze_unit_letter"` // d = 1, w = 7, m = 30: "snooze 2w"
}

// detectCommand reads a short reply as a command: STOP, SENT, YES, NO,
// SNOOZE [duration], FORGET, in those words or in plain ones ("They said
// yes!", "Please delete my data"). Only the writer's new words count; a long
// message, or one that gives facts as "Key: value" lines, is not a command.
func (r *reader) detectCommand(t *text, hasKeys bool) (domain.Command, int, bool) {
	if t.words == 0 || t.words > maxCommandWords || hasKeys {
		return "", 0, false
	}
	toks, v := t.toks, &r.v.Command
	type rule struct {
		l    *List
		cmd  domain.Command
		pass int // 0: strong in any form; 1: phrases only; 2: single words only
	}
	// The order decides between two commands in one reply: forgetting,
	// stopping and snoozing win over anything else; then a phrase ("they
	// said no", "I sent it") wins over a bare word ("Yes, I sent it" is
	// SENT).
	rules := []rule{{v.Forget, domain.CommandForget, 0}, {v.Stop, domain.CommandStop, 0}, {v.Snooze, domain.CommandSnooze, 0},
		{v.Yes, domain.CommandYes, 1}, {v.No, domain.CommandNo, 1}, {v.Sent, domain.CommandSent, 1},
		{v.Sent, domain.CommandSent, 2}, {v.Yes, domain.CommandYes, 2}, {v.No, domain.CommandNo, 2}}
	for _, ru := range rules {
		for from := 0; from < len(toks); {
			m := r.find(ru.l, toks, from, len(toks))
			if !m.ok() {
				break
			}
			a := m.Start
			from = a + 1
			single := len(m.Pattern.slots) == 1
			if ru.pass == 1 && single || ru.pass == 2 && !single {
				continue
			}
			// A bare word counts only at the start of a sentence ("No." /
			// "Stop please"), not inside one ("no idea", "I can't stop
			// thinking").
			if single && a > 0 && toks[a-1].sent == toks[a].sent && !r.isGreeting(toks, a) && !v.Anywhere.has(&toks[a]) {
				continue
			}
			if r.negatedBefore(toks, a, 3) && ru.cmd != domain.CommandNo {
				continue
			}
			// "Any chance she'd take me back if I went in?": a question or a
			// wish about an answer is not the answer
			if (ru.cmd == domain.CommandYes || ru.cmd == domain.CommandNo || ru.cmd == domain.CommandSent) && !single && r.questionOrGuarded(toks, a) {
				continue
			}
			// "he wants me back when the second shaft opens": an offer for
			// later, not the answer
			if ru.cmd == domain.CommandYes && !single && r.in(v.Later, toks, m.End, min(m.End+2, len(toks))) {
				continue
			}
			if ru.cmd == domain.CommandNo && v.NoWord.has(&toks[a]) && a+1 < len(toks) && toks[a+1].sent == toks[a].sent && !toks[a+1].punct && !v.NoAnswer.has(&toks[a+1]) {
				continue // "no idea", "no news yet": not an answer
			}
			if ru.cmd == domain.CommandYes && v.YesWord.has(&toks[a]) && a+1 < len(toks) && toks[a+1].sent == toks[a].sent && !toks[a+1].punct && !v.YesAnswer.has(&toks[a+1]) {
				continue
			}
			days := 0
			if ru.cmd == domain.CommandSnooze {
				days = r.snoozeDays(toks, m.End)
			}
			r.evi = append(r.evi, Evidence{Field: "command", Value: string(ru.cmd), Words: joinToks(toks, m.Start, m.End), Rule: "command: " + ru.l.Name + " (" + ru.l.Source + ")", Strength: Strong, Stated: true})
			return ru.cmd, days, true
		}
	}
	return "", 0, false
}

// isGreeting reports whether only a greeting or a name stands before toks[a]
// in its sentence ("Hi, STOP").
func (r *reader) isGreeting(toks []token, a int) bool {
	for k := a - 1; k >= 0 && toks[k].sent == toks[a].sent; k-- {
		if toks[k].l == "," || r.v.Command.Greeting.has(&toks[k]) {
			continue
		}
		return false
	}
	return true
}

// snoozeDays reads the pause after SNOOZE: "1w", "3d", "2 weeks", "a week",
// "a month"; "until the 16th" is not a duration and gives 0 (the default).
func (r *reader) snoozeDays(toks []token, i int) int {
	for k := i; k < len(toks) && k < i+4 && toks[k].sent == toks[i-1].sent; k++ {
		l := toks[k].l
		if r.v.Command.SnoozeSkip.has(&toks[k]) {
			continue
		}
		// "1w", "3d", "2m"
		if n := len(l); n >= 2 {
			if x, ok := r.numberAt(&token{l: l[:n-1], id: noID, alt: noID, fix: noID, mem: &r.lx.zeroRow}); ok {
				if u, ok := r.v.Command.SnoozeUnit.value(l[n-1:]); ok {
					if d, ok := atoi(u); ok {
						return int(x * float64(d))
					}
				}
			}
		}
		if x, ok := r.numberAt(&toks[k]); ok && k+1 < len(toks) {
			unit := toks[k+1]
			unit.l = strings.TrimSuffix(unit.l, ",")
			if u, ok := r.intVal(r.v.When.Unit, &toks[k+1]); ok {
				return int(x*float64(u) + 0.5)
			}
			continue
		}
		if u, ok := r.intVal(r.v.When.Unit, &toks[k]); ok { // "snooze week"
			return u
		}
		break
	}
	return 0
}

func atoi(s string) (int, bool) {
	n := 0
	if s == "" {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// questionOrGuarded reports whether toks[a] stands in a question, or after
// a word that makes what follows a wish or a condition ("if", "she'd").
func (r *reader) questionOrGuarded(toks []token, a int) bool {
	sent := toks[a].sent
	for k := a; k < len(toks) && toks[k].sent == sent; k++ {
		if toks[k].ask {
			return true
		}
	}
	// "any chance they take me back or am i done", with no question mark
	from := a
	for from > 0 && toks[from-1].sent == sent {
		from--
	}
	if m := r.find(r.v.Question.Chances, toks, from, a+1); m.ok() {
		return true
	}
	if m := r.find(r.v.Question.Lead, toks, from, a); m.ok() && m.Start <= from+3 {
		return true // "should i ask if they'd take me back"
	}
	for k := a - 1; k >= 0 && k >= a-4 && toks[k].sent == sent; k-- {
		if r.v.Situation.Guard.has(&toks[k]) {
			return true
		}
	}
	return false
}
