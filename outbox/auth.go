package outbox

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wneessen/go-mail/smtp"
)

// SMTP AUTH mechanisms of SMTPOptions.Auth (RFC 4954).
const (
	AuthAuto    = "auto"     // the first of PLAIN, LOGIN, CRAM-MD5 the server offers
	AuthPlain   = "plain"    // RFC 4616
	AuthLogin   = "login"    // draft-murchison-sasl-login; Microsoft 365 and older servers
	AuthCRAMMD5 = "cram-md5" // RFC 2195
	AuthXOAUTH2 = "xoauth2"  // OAuth 2.0 access token (Gmail, Microsoft 365): SMTPOptions.Token
)

// AuthMechanisms lists the values SMTPOptions.Auth takes.
var AuthMechanisms = []string{AuthAuto, AuthPlain, AuthLogin, AuthCRAMMD5, AuthXOAUTH2}

// autoOrder is the preference of AuthAuto: PLAIN and LOGIN work with any
// password store; a server may offer CRAM-MD5 and then fail it because it
// keeps only password hashes, so CRAM-MD5 comes last.
var autoOrder = []string{"PLAIN", "LOGIN", "CRAM-MD5"}

// pickAuth is an smtp.Auth that chooses its mechanism in Start, when the
// server's EHLO list of mechanisms is known, and then hands the exchange
// to go-mail's implementation of that mechanism.
type pickAuth struct {
	mech       string // one of the Auth* constants
	user, pass string
	host       string                 // the server name go-mail checks PLAIN and LOGIN against
	allowUnenc bool                   // tls: none, which the configuration allowed
	token      func() (string, error) // for XOAUTH2, called at each login
	cur        smtp.Auth
}

func (a *pickAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	offered := make([]string, len(server.Auth))
	for i, m := range server.Auth {
		offered[i] = strings.ToUpper(m)
	}
	want := autoOrder
	if a.mech != AuthAuto {
		want = []string{strings.ToUpper(a.mech)}
	}
	chosen := ""
	for _, m := range want {
		if slices.Contains(offered, m) {
			chosen = m
			break
		}
	}
	if chosen == "" {
		if len(offered) == 0 {
			return "", nil, fmt.Errorf("cannot log in: the server offers no AUTH, but smtp.username is set")
		}
		return "", nil, fmt.Errorf("cannot log in: the server offers AUTH %s, smtp.auth %s wants %s",
			strings.Join(offered, " "), a.mech, strings.Join(want, " or "))
	}
	switch chosen {
	case "PLAIN":
		a.cur = smtp.PlainAuth("", a.user, a.pass, a.host, a.allowUnenc)
	case "LOGIN":
		a.cur = smtp.LoginAuth(a.user, a.pass, a.host, a.allowUnenc)
	case "CRAM-MD5":
		a.cur = smtp.CRAMMD5Auth(a.user, a.pass)
	case "XOAUTH2":
		if !server.TLS && !a.allowUnenc {
			return "", nil, smtp.ErrUnencrypted
		}
		token, err := a.token()
		if err != nil {
			return "", nil, fmt.Errorf("cannot log in: cannot read the OAuth 2.0 token: %w", err)
		}
		a.cur = smtp.XOAuth2Auth(a.user, token)
	}
	return a.cur.Start(server)
}

func (a *pickAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	return a.cur.Next(fromServer, more)
}
