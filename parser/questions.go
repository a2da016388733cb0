package parser

import "strings"

// questionWords are the lists that find what the writer asks us
// (questions.txt). A phrase counts only in a question: a sentence that ends
// with "?", or one that a question lead opens ("I wonder whether", "should I").
type questionWords struct {
	Lead           *List `list:"question_lead"` // should i, is it, i wonder, not sure whether ...
	OKToAsk        *List `list:"q_ok_to_ask"`
	HowToWord      *List `list:"q_how_to_word"`
	CallOrEmail    *List `list:"q_call_or_email"`
	WhatToSay      *List `list:"q_what_to_say"`
	WhoToAsk       *List `list:"q_who_to_ask"`
	HowLongToWait  *List `list:"q_how_long_to_wait"`
	Chances        *List `list:"q_chances"`
	ApplyToPosting *List `list:"q_apply_to_posting"`
	SeeLawyer      *List `list:"q_see_lawyer"`
}

// questions lists what the writer asks, from the closed list of Question.
func (r *reader) questions() []Question {
	toks, v := r.t.toks, &r.v.Question
	kinds := []struct {
		l *List
		q Question
	}{{v.OKToAsk, QuestionOKToAsk}, {v.HowToWord, QuestionHowToWord}, {v.CallOrEmail, QuestionCallOrEmail},
		{v.WhatToSay, QuestionWhatToSay}, {v.WhoToAsk, QuestionWhoToAsk}, {v.HowLongToWait, QuestionHowLongToWait},
		{v.Chances, QuestionChances}, {v.ApplyToPosting, QuestionApplyToPosting}, {v.SeeLawyer, QuestionSeeLawyer}}
	var out []Question
	for _, s := range r.t.sents {
		if !r.asks(s) {
			continue
		}
		for _, k := range kinds {
			if m := r.find(k.l, toks, s[0], s[1]); m.ok() && !has(out, k.q) {
				out = append(out, k.q)
				if r.asked == nil {
					r.asked = map[Question]string{}
				}
				q := joinToks(toks, s[0], s[1])
				if toks[s[1]-1].ask {
					q += "?" // the question mark is no token
				}
				r.asked[k.q] = askedText(q)
				r.state("questions", finding{value: string(k.q), from: m.Start, to: m.End, rule: matched("questions: in a question", m), strength: Strong})
			}
		}
	}
	return out
}

// asks reports whether a sentence is a question: it ends with "?", or a
// question lead opens it ("should I ...", "I wonder if ...").
func (r *reader) asks(s [2]int) bool {
	toks := r.t.toks
	if s[1] > s[0] && toks[s[1]-1].ask {
		return true
	}
	m := r.find(r.v.Question.Lead, toks, s[0], s[1])
	return m.ok() && m.Start <= s[0]+3
}

func has[T comparable](list []T, x T) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// askedText is a question as the reply quotes it back: on one line, without
// a list marker, and at most about 110 characters (cut at a word, with an
// ellipsis, keeping the question mark).
func askedText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimLeft(s, "-–•*·> ")
	if n := len(s); n > 2 && s[0] >= '1' && s[0] <= '9' && (s[1] == '.' || s[1] == ')') {
		s = strings.TrimSpace(s[2:])
	}
	const max = 110
	if len(s) > max {
		cut := strings.LastIndex(s[:max], " ")
		if cut < max/2 {
			cut = max
		}
		s = strings.TrimRight(s[:cut], " ,;:") + " …?"
	}
	return s
}
