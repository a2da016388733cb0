package msgid

import "testing"

func TestExtract(t *testing.T) {
	for in, want := range map[string]string{
		"<a@b.example>": "a@b.example", "  <a@b.example>  (comment)": "a@b.example", "a b": "a b",
		"": "", "<>": "", "<a@b": "<a@b", "a@b.example": "a@b.example",
	} {
		if got := Extract(in); got != want {
			t.Errorf("Extract(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSearchable(t *testing.T) {
	for id, ok := range map[string]bool{"a@b.example": true, "no-at-sign": true, "": false, "a b@x": false,
		"<a@b>": false, `a"b@x`: false, "a\\b@x": false, "a\tb@x": false, "a\x7fb@x": false} {
		if err := Searchable(id); (err == nil) != ok {
			t.Errorf("Searchable(%q) = %v, want ok %v", id, err, ok)
		}
	}
}

func TestWritable(t *testing.T) {
	for in, want := range map[string]string{"a@b.example": "a@b.example", " <a@b.example> ": "a@b.example",
		"no-at-sign": "", "a@b@c": "", "a b@x": "", "a,b@x": "", "a(b)@x": "", "é@x": "", "": ""} {
		if got := Writable(in); got != want {
			t.Errorf("Writable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExtractAll(t *testing.T) {
	got := ExtractAll("<a@x> junk <b c@x> <> <d@x")
	if len(got) != 1 || got[0] != "a@x" {
		t.Errorf("ExtractAll = %q", got)
	}
	got = ExtractAll(" <a@x>\r\n <b@x> (c) <e@x>")
	if len(got) != 3 || got[2] != "e@x" {
		t.Errorf("ExtractAll = %q", got)
	}
}
