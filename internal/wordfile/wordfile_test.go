package wordfile

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	f, err := Parse("t.txt", `# a comment
lost my rag = lost my temper

[titles]
# other languages' titles
mr, mrs,  dr,
herr, store manager

[short]
thru = through
cuz = because
`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.List("titles"), []string{"mr", "mrs", "dr", "herr", "store manager"}; !reflect.DeepEqual(got, want) {
		t.Errorf("List(titles) = %q, want %q", got, want)
	}
	if s := f.Set("titles"); !s["store manager"] || !s["dr"] || s["mx"] || len(s) != 5 {
		t.Errorf("Set(titles) = %v", s)
	}
	if got, want := f.Map("short"), map[string]string{"thru": "through", "cuz": "because"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Map(short) = %v, want %v", got, want)
	}
	if got := f.Unused(); !reflect.DeepEqual(got, []string{""}) {
		t.Errorf("Unused() = %q, want the unnamed section only", got)
	}
	if got, want := f.Pairs(""), [][2]string{{"lost my rag", "lost my temper"}}; !reflect.DeepEqual(got, want) {
		t.Errorf(`Pairs("") = %q, want %q`, got, want)
	}
	if got := f.Unused(); len(got) != 0 {
		t.Errorf("Unused() = %q after every section was read", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"[a]\nx\n[a]\ny", "t.txt:3: section [a] given twice"},
		{"[a\nx", "t.txt:1: a section header"},
		{"[]\nx", "t.txt:1: a section header"},
		{"[a]\nx = y\nz", "t.txt:3: \"z\": plain entries in a section of pairs"},
		{"[a]\nz\nx = y", "t.txt:3:"},
		{"[a]\n = y", "t.txt:2:"},
		{"[a]\nx,, y", "t.txt:2: an empty entry"},
		{"[a]\nx, y,,", "t.txt:2: an empty entry"},
		{"[a]\n, y", "t.txt:2: an empty entry"},
	} {
		_, err := Parse("t.txt", tc.text)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "cannot read ") {
			t.Errorf("Parse(%q) = %v, want an error with %q", tc.text, err, tc.want)
		}
	}
}

func TestReaderOfTheWrongKind(t *testing.T) {
	f := MustParse("t.txt", "[pairs]\na = b\n[words]\nc, d\n")
	for name, read := range map[string]func(){
		"Set of pairs":    func() { f.Set("pairs") },
		"Map of entries":  func() { f.Map("words") },
		"missing section": func() { f.List("nope") },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			read()
		}()
	}
}
