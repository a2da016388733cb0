package eval

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	cases := []struct {
		field, got, want string
		o                Outcome
	}{
		{"boss_name", `"Jane Smith"`, `"jane  smith"`, Right},
		{"boss_name", `"Mr. Emeka Okonkwo"`, `"Emeka Okonkwo"`, Right},     // a title in front is not part of the name
		{"boss_name", `"Dre Hélène Bouchard"`, `"Hélène Bouchard"`, Right}, // French "Docteure", as "Dra." is Spanish "Doctora"
		{"boss_name", `"Anneke"`, `"Anneke de Vries"`, Partial},
		{"boss_name", `null`, `"Anneke de Vries"`, Blank},
		{"boss_name", `"Gavin"`, `"Declan Flanagan"`, Wrong},
		{"boss_name", `"Gavin"`, `null`, Wrong},
		{"boss_name", `null`, `null`, Right},
		{"company", `"Acme"`, `"Acme Freight Lines"`, Partial},
		{"company", `"Acme Freight Lines Inc"`, `"Acme Freight Lines"`, Wrong}, // longer is not a part
		{"company", `"O'Brien & Sons"`, `"OBrien & Sons"`, Right},
		{"company", `"Walgreens on Halsted"`, `"Walgreens"`, Right}, // a chain's location after the employer
		{"company", `"MedVine Pharmacy, Allen Avenue"`, `"MedVine Pharmacy"`, Right},
		{"company", `"Zenora Bank Plc, Allen Avenue branch"`, `"Zenora Bank Plc"`, Right},
		{"company", `"Walgreens on Halsted"`, `"Walgreens on Cermak"`, Wrong}, // another shop
		{"company", `"Walgreens Halsted"`, `"Walgreens"`, Wrong},
		{"sender_name", `"Travis Duckett"`, `"Travis"`, Right},
		{"left_ago_days", `30`, `33`, Right},
		{"left_ago_days", `7`, `9`, Right},
		{"left_ago_days", `7`, `10`, Wrong},
		{"left_ago_days", `null`, `10`, Blank},
		{"left_ago_days", `3`, `null`, Wrong},
		{"tenure_years", `2`, `2.2`, Right},
		{"situation", `"unknown"`, `"fired"`, Blank},
		{"situation", `"quit"`, `"fired"`, Wrong},
		{"situation", `"fired"`, `"unknown"`, Wrong},
		{"wrongful_signals", `["retaliation"]`, `["retaliation","harassment"]`, Blank},
		{"wrongful_signals", `["retaliation","contract"]`, `["retaliation"]`, Wrong},
		{"wrongful_signals", `[]`, `[]`, Right},
		{"questions", `["chances"]`, `["chances"]`, Right},
		{"position_filled", `true`, `false`, Wrong},
		{"position_filled", `null`, `false`, Blank},
		{"reason", `"late too often"`, `"lateness"`, Right}, // free text: only whether it is given
		{"reason", `"late too often"`, `null`, Wrong},
		{"accomplishments", `[]`, `["grew sales 30%"]`, Blank},
	}
	for _, c := range cases {
		if o := Compare(c.field, json.RawMessage(c.got), json.RawMessage(c.want)); o != c.o {
			t.Errorf("Compare(%s, %s, %s) = %s, want %s", c.field, c.got, c.want, o, c.o)
		}
	}
}

// TestDir scores a folder of two messages whose labels are partly wrong on
// purpose, and checks every count and the report's text.
func TestDir(t *testing.T) {
	r, err := Dir("testdata/set")
	if err != nil {
		t.Fatal(err)
	}
	if r.Messages != 2 || len(r.Errors) != 0 {
		t.Fatalf("messages %d, errors %v", r.Messages, r.Errors)
	}
	want := map[string]Score{
		"situation":        {Field: "situation", Right: 1, Wrong: 1}, // m2 is a resignation, labelled laid_off
		"boss_name":        {Field: "boss_name", Right: 1, Blank: 1}, // "Tom Hale" is "Mr. Tom Hale"; m2 names no boss
		"company":          {Field: "company", Partial: 1, Wrong: 1}, // "Acme Freight" is part of the label; m2's label is null
		"left_ago_days":    {Field: "left_ago_days", Right: 2},       // 7 and 14 against 7 and 13
		"role":             {Field: "role", Right: 1},                // only m1 is labelled
		"sender_name":      {Field: "sender_name", Right: 2},         // labels "Dee" and "Kim Lee"; the parser gives the From names, which FIELDS allows
		"wrongful_signals": {Field: "wrongful_signals", Right: 1, Blank: 1},
	}
	for f, w := range want {
		s, ok := r.Score(f)
		if !ok {
			t.Errorf("%s not scored", f)
			continue
		}
		if s != w {
			t.Errorf("%s: %+v, want %+v", f, s, w)
		}
	}
	if _, ok := r.Score("tenure_years"); ok {
		t.Error("tenure_years scored though no label has it")
	}
	if r.SignalsShown != 1 || r.SignalsFound != 0 {
		t.Errorf("signals shown %d found %d, want 1 and 0", r.SignalsShown, r.SignalsFound)
	}
	var b strings.Builder
	if err := r.Write(&b, true, false); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, s := range []string{"testdata/set: 2 messages", "wrong   m2.eml situation = \"quit\", want \"laid_off\"", "found in 0 of the 1 messages"} {
		if !strings.Contains(out, s) {
			t.Errorf("report lacks %q:\n%s", s, out)
		}
	}
	if strings.Contains(out, "\nblank   ") {
		t.Errorf("report lists blanks without misses=true:\n%s", out)
	}
}
