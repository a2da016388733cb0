package parser

import "strings"

// placeWords are the lists that tell where the writer works (country.txt).
type placeWords struct {
	Country *List `list:"country"`   // "acas = uk", "fair work = au": words of one country's work life
	Visa    *List `list:"visa_word"` // visa, work permit: the right to stay depends on a job
	VisaNot *List `list:"visa_not"`  // never came, was refused: after the visa word, a move that never happened
	// "£ = uk": a sign of money that names one country
	Currency *List `list:"currency_sign"`
	// "I am from": the place after it is where the writer comes from
	Origin *List `list:"place_origin"`
	// "ich = de", "gracias = es": everyday words of another language the
	// writer mixes in
	Language *List `list:"language_word"`
}

// otherLanguage returns the language ("de", "es", "pt", "fr", "it", "nl",
// "pl") whose everyday words the writer mixes into their own text, three
// times or more and more than any other ("Ich verstehe das einfach nicht",
// "Meu marido acha que eu devo processar"), or "". A reply suggests the
// letter may go in that language (fresh-65's to fresh-67's reviews: English
// letters to German, Spanish and Québec bosses).
func (r *reader) otherLanguage() string {
	n := map[string]int{}
	for i := range r.t.toks {
		if c, ok := r.v.Place.Language.val(&r.t.toks[i]); ok {
			n[c]++
		}
	}
	best := ""
	for c, k := range n {
		if k >= 3 && (best == "" || k > n[best] || k == n[best] && c < best) {
			best = c
		}
	}
	for c, k := range n {
		if c != best && best != "" && k == n[best] {
			return "" // a tie: words two languages share
		}
	}
	return best
}

// visa reports whether the writer speaks of their own visa or permit: a
// visa word in a sentence of theirs ("my visa depends on this job"), not
// one told only of someone else.
func (r *reader) visa() bool {
	toks := r.t.toks
	for from := 0; from < len(toks); {
		m := r.find(r.v.Place.Visa, toks, from, len(toks))
		if !m.ok() {
			return false
		}
		s := r.t.sents[toks[m.Start].sent]
		// (not "the agency turned out to be scam, my visa never came": a
		// move abroad that never happened, fresh-72's bt03)
		// ("my visa is on grace period only": "my" speaks for the writer
		// too, fresh-73's bu39)
		if (r.in(r.v.Situation.FirstCore, toks, s[0], s[1]) || m.Start > s[0] && r.v.Common.My.has(&toks[m.Start-1])) && !r.in(r.v.Place.VisaNot, toks, m.End, s[1]) {
			return true
		}
		from = m.End
	}
	return false
}

// country guesses the country of the job from the words of the writer's
// own text: its laws' bodies, its money, its places ("ACAS", "£",
// "Kalgoorlie"; not a place the writer comes from). The most named wins,
// of two named as often the one nearer the event; a tie left, or none, is
// "". Without a
// word, a Date in the offsets of the continental US (UTC-4 to -10) says
// "us", of eastern Australia (+10, +11) "au", of New Zealand (+12, +13)
// "nz". A reply uses it for the deadlines of that country's law.
func (r *reader) country() string {
	toks, l := r.t.toks, r.v.Place.Country
	n := map[string]int{}
	near := map[string]int{} // each country's word nearest the event, in words
	seen := func(c string, at int) {
		n[c]++
		d := at - r.ev.at
		if d < 0 {
			d = -d
		}
		if old, ok := near[c]; !ok || d < old {
			near[c] = d
		}
	}
	for i := range toks {
		// money as they write it: "£2,000", "₹40,000", "A$900"
		if c, ok := r.v.Place.Currency.value(strings.ToLower(currencySign(toks[i].s))); ok {
			seen(c, i)
		}
	}
	for from := 0; from < len(toks); {
		m := r.find(l, toks, from, len(toks))
		if !m.ok() {
			break
		}
		// (not where they come from: "I am from Spain (Málaga)")
		if !r.in(r.v.Place.Origin, toks, max(m.Start-5, r.t.sents[toks[m.Start].sent][0]), m.Start) {
			seen(m.Pattern.val, m.Start)
		}
		from = m.End
	}
	// the most named wins; of two named as often, the one told nearer the
	// event ("... at the depot in Leeds ... my family is in Kraków",
	// fresh-46's at14), unless the event is not known
	best, tie := "", false
	for c, k := range n {
		switch {
		case best == "" || k > n[best] || k == n[best] && r.ev.at >= 0 && near[c] < near[best]:
			best, tie = c, false
		case k == n[best] && c != best && (r.ev.at < 0 || near[c] == near[best]):
			tie = true
		}
	}
	if best != "" && !tie {
		return best
	}
	if best != "" || r.m.Envelope.Date.IsZero() {
		return ""
	}
	switch _, off := r.m.Envelope.Date.Zone(); {
	case off <= -4*3600 && off >= -10*3600 && off%3600 == 0:
		return "us"
	case off >= 9*3600+1800 && off <= 11*3600 && off%1800 == 0:
		return "au" // (Adelaide's and Darwin's half hours too)
	case off == 12*3600 || off == 13*3600:
		return "nz"
	}
	return ""
}

// currencySign is what stands before the first digit of a word of money
// ("£" of "£2,000", "A$" of "A$900"), or "" for a word that holds none.
func currencySign(w string) string {
	for k := 0; k < len(w) && k < 4; k++ {
		if isDigit(w[k]) {
			return w[:k]
		}
	}
	return ""
}
