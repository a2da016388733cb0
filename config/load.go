package config

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// secretKeys are the keys whose value may stay unread until a command
// needs it: a command that does not log in must not fail for want of a
// password.
var secretKeys = []string{"imap.password", "smtp.password", "followups.unsubscribe_secret", "http.status_token", "store.dsn",
	// a file named through ${CREDENTIALS_DIRECTORY}, set only for the service
	"imap.password_file", "smtp.password_file", "followups.unsubscribe_secret_file", "store.dsn_file"}

// Need reports why the secrets of the named sections ("imap", "smtp",
// "followups") are missing, or nil. Commands that log in to a server (or
// sign links) call it for what they use.
func (c *Config) Need(sections ...string) error {
	var errs []error
	for _, k := range secretKeys {
		err := c.unset[k]
		if err == nil {
			continue
		}
		for _, sec := range sections {
			if strings.HasPrefix(k, sec+".") {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// LoadFile reads and validates the configuration file at path. Relative
// paths inside it (password_file, unsubscribe_secret_file, store.path,
// templates_dir) are relative
// to the working directory, not to the file.
func LoadFile(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read config: %w", err)
	}
	defer f.Close()
	c, err := ParseConfig(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// ParseConfig reads YAML from r on top of Default, expands ${ENV}
// references in string values, reads password and secret files, and
// validates the
// result. Unknown keys are an error. An empty document gives the defaults.
func ParseConfig(r io.Reader) (*Config, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("cannot read config: %w", err)
	}
	c := Default()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("cannot parse config: %w", err)
	}
	if len(root.Content) > 0 && !(root.Content[0].Kind == yaml.ScalarNode && root.Content[0].Tag == "!!null") {
		if err := checkKeys(root.Content[0], reflect.TypeOf(*c), "(top level)"); err != nil {
			return nil, err
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("cannot parse config: %w", err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, errors.New("cannot parse config: more than one YAML document")
	}
	if err := expandEnv(reflect.ValueOf(c).Elem(), "", c); err != nil {
		return nil, err
	}
	for _, sec := range []struct {
		key  string
		dst  *string
		file string
	}{
		{"imap.password", &c.IMAP.Password, c.IMAP.PasswordFile},
		{"smtp.password", &c.SMTP.Password, c.SMTP.PasswordFile},
		{"followups.unsubscribe_secret", &c.Followups.UnsubscribeSecret, c.Followups.UnsubscribeSecretFile},
		{"store.dsn", &c.Store.DSN, c.Store.DSNFile},
	} {
		if err := readSecret(sec.key, sec.dst, sec.file); err != nil {
			if !errors.Is(err, errSecretUnreadable) {
				return nil, err
			}
			c.setUnset(sec.key, err)
		}
	}
	if c.IMAP.roots, err = loadCAFile("imap.ca_file", c.IMAP.CAFile); err != nil {
		return nil, err
	}
	if c.SMTP.roots, err = loadCAFile("smtp.ca_file", c.SMTP.CAFile); err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// checkKeys reports the first key under n that t has no field for, or
// whose value does not fit its field, by its dotted path, so that these
// errors name the key like validation errors do.
func checkKeys(n *yaml.Node, t reflect.Type, path string) error {
	if t.Kind() != reflect.Struct {
		if err := n.Decode(reflect.New(t).Interface()); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s: must be a mapping of keys (line %d)", path, n.Line)
	}
	fields := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() {
			fields[strings.Split(f.Tag.Get("yaml"), ",")[0]] = f.Type
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		key := k
		if path != "(top level)" {
			key = path + "." + k
		}
		ft, ok := fields[k]
		if !ok {
			if near := nearest(k, fields); near != "" {
				return fmt.Errorf("%s: unknown key (line %d); did you mean %q?", key, n.Content[i].Line, near)
			}
			return fmt.Errorf("%s: unknown key (line %d)", key, n.Content[i].Line)
		}
		if err := checkKeys(n.Content[i+1], ft, key); err != nil {
			return err
		}
	}
	return nil
}

// nearest returns the key of fields closest to k by edit distance, if it
// is close enough to be a typo (at most 2 edits, and fewer than half of
// k's letters), else "".
func nearest(k string, fields map[string]reflect.Type) string {
	best, bestD := "", 3
	for f := range fields {
		if d := editDistance(strings.ToLower(k), f); d < bestD || (d == bestD && f < best) {
			best, bestD = f, d
		}
	}
	if best == "" || bestD > 2 || 2*bestD >= len(k) {
		return ""
	}
	return best
}

// editDistance is the optimal-string-alignment distance between a and b,
// in bytes: insertions, deletions, substitutions and swaps of two
// neighbours ("smpt" for "smtp") count one each.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// expandEnv replaces ${NAME} in every string field under v with the value
// of the environment variable NAME; "$${" stands for a literal "${". An
// unset variable is an error naming the key.
func expandEnv(v reflect.Value, path string, c *Config) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		key := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if path != "" {
			key = path + "." + key
		}
		fv := v.Field(i)
		switch fv.Kind() {
		case reflect.Struct:
			if err := expandEnv(fv, key, c); err != nil {
				return err
			}
		case reflect.String:
			s, err := expand(fv.String())
			var unset envUnset
			if errors.As(err, &unset) && slices.Contains(secretKeys, key) {
				// a secret: an error only for the commands that use it
				c.setUnset(key, fmt.Errorf("%s: %w", key, err))
				s, err = "", nil
			}
			if err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			fv.SetString(s)
		}
	}
	return nil
}

func expand(s string) (string, error) {
	if !strings.Contains(s, "$") {
		return s, nil
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		if i > 0 && s[i-1] == '$' { // "$${" is a literal "${"
			b.WriteString(s[:i-1])
			b.WriteString("${")
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return "", fmt.Errorf("unclosed ${ in %q", s[i:])
		}
		name := s[i+2 : i+end]
		if !validEnvName(name) {
			return "", fmt.Errorf("bad environment variable name %q", name)
		}
		val, ok := os.LookupEnv(name)
		if !ok {
			return "", envUnset(name)
		}
		b.WriteString(val)
		s = s[i+end+1:]
	}
}

// envUnset is expand's error for a variable that is not set.
type envUnset string

func (e envUnset) Error() string { return "environment variable " + string(e) + " is not set" }

// setUnset records why the secret at key is missing.
func (c *Config) setUnset(key string, err error) {
	if c.unset == nil {
		c.unset = map[string]error{}
	}
	c.unset[key] = err
}

func validEnvName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// loadCAFile returns the system's roots with the certificates of the PEM
// file added, or nil when file is empty.
func loadCAFile(key, file string) (*x509.CertPool, error) {
	if file == "" {
		return nil, nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", key, err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("%s: %s holds no PEM certificate", key, file)
	}
	return pool, nil
}

// errSecretUnreadable is readSecret's error for a file it cannot read.
var errSecretUnreadable = errors.New("cannot read")

// readSecret reads file, if set, into *secret; key is the secret's dotted
// key ("imap.password"), and the file's key is key+"_file".
func readSecret(key string, secret *string, file string) error {
	if file == "" {
		return nil
	}
	if *secret != "" {
		return fmt.Errorf("%s_file: set together with %s; use one", key, key)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("%s_file: %w: %w", key, errSecretUnreadable, err)
	}
	s := strings.TrimRight(string(b), "\r\n")
	if strings.ContainsAny(s, "\r\n") {
		return fmt.Errorf("%s_file: holds more than one line", key)
	}
	*secret = s
	return nil
}

// ReadToken reads an OAuth 2.0 access token from file: its first line,
// trimmed. `jobback run` calls it at every login.
func ReadToken(file string) (string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("cannot read the token: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	if t := strings.TrimSpace(line); t != "" {
		return t, nil
	}
	return "", fmt.Errorf("%s holds no token", file)
}
