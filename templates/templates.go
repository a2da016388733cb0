// Package templates holds every word jobback sends: the advice for each
// playbook, the draft letters, and the layout of the reply in plain text
// and HTML. The files are embedded with embed.FS and parsed once by Load;
// a folder given to Load replaces them file by file.
//
// Files ending in .txt.tmpl are text/template files and are parsed into
// one text set; files ending in .html.tmpl are html/template files and are
// parsed into one HTML set, so that nothing a writer sends can inject
// markup. All of them are filled from one typed value, Data.
//
// Naming: a message kind K (today "advice"; later "nudge", "checklist",
// "confirm") has a text template "K.txt" and an HTML template "K.html".
// The advice reply also uses "advice_P" and "letter_P" for each playbook P.
package templates

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	texttemplate "text/template"
)

//go:embed *.tmpl
var embedded embed.FS

const (
	textSuffix = ".txt.tmpl"
	htmlSuffix = ".html.tmpl"
)

// Set is the parsed templates. It is safe for concurrent use.
type Set struct {
	text *texttemplate.Template
	html *htmltemplate.Template
	// Files lists the files that were parsed, and where each came from
	// ("embedded" or the override path).
	Files map[string]string
}

// Load parses the embedded templates once. If dir is not empty, a file
// in dir with the same name as an embedded one replaces it, and other
// *.txt.tmpl and *.html.tmpl files in dir are added.
func Load(dir string) (*Set, error) {
	files := map[string][]byte{}
	from := map[string]string{}
	entries, err := fs.ReadDir(embedded, ".")
	if err != nil {
		return nil, fmt.Errorf("cannot list embedded templates: %w", err)
	}
	for _, e := range entries {
		b, err := embedded.ReadFile(e.Name())
		if err != nil {
			return nil, fmt.Errorf("cannot read embedded template %s: %w", e.Name(), err)
		}
		files[e.Name()] = b
		from[e.Name()] = "embedded"
	}
	if dir != "" {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("cannot read templates_dir: %w", err)
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !(strings.HasSuffix(name, textSuffix) || strings.HasSuffix(name, htmlSuffix)) {
				continue
			}
			p := filepath.Join(dir, name)
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("cannot read template: %w", err)
			}
			files[name] = b
			from[name] = p
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)

	s := &Set{
		text:  texttemplate.New("").Funcs(textFuncs).Option("missingkey=error"),
		html:  htmltemplate.New("").Funcs(htmlFuncs).Option("missingkey=error"),
		Files: from,
	}
	for _, n := range names {
		var err error
		switch {
		case strings.HasSuffix(n, textSuffix):
			_, err = s.text.New(strings.TrimSuffix(n, ".tmpl")).Parse(string(files[n]))
		case strings.HasSuffix(n, htmlSuffix):
			_, err = s.html.New(strings.TrimSuffix(n, ".tmpl")).Parse(string(files[n]))
		}
		if err != nil {
			return nil, fmt.Errorf("cannot parse template %s (%s): %w", n, from[n], err)
		}
	}
	return s, nil
}

// Has reports whether a text template or HTML template of that name exists.
func (s *Set) Has(name string) bool {
	if strings.HasSuffix(name, ".html") {
		return s.html.Lookup(name) != nil
	}
	return s.text.Lookup(name) != nil
}

// Text executes the text template name with data.
func (s *Set) Text(name string, data *Data) (string, error) {
	var b bytes.Buffer
	b.Grow(4096)
	if err := s.text.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("cannot fill template %s: %w", name, err)
	}
	return b.String(), nil
}

// HTML executes the HTML template name with data.
func (s *Set) HTML(name string, data *Data) (string, error) {
	var b bytes.Buffer
	b.Grow(8192)
	if err := s.html.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("cannot fill template %s: %w", name, err)
	}
	return b.String(), nil
}
