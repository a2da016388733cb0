package outbox

import (
	gomail "github.com/wneessen/go-mail"
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

// authOption is go-mail's option for mechanism mech (one of
// AuthMechanisms); unencrypted is tls: none, where go-mail sends a
// password with PLAIN or LOGIN only in their -NOENC forms.
//
// AuthAuto is go-mail's opportunistic AUTH with the preference PLAIN,
// LOGIN, CRAM-MD5: PLAIN and LOGIN work with any password store; a server
// may offer CRAM-MD5 and then fail it because it keeps only password
// hashes, so CRAM-MD5 comes last. A server that offers none of the three
// gets go-mail's own choice among what it offers (SCRAM first).
func authOption(mech string, unencrypted bool) gomail.Option {
	plain, login := gomail.SMTPAuthPlain, gomail.SMTPAuthLogin
	if unencrypted {
		plain, login = gomail.SMTPAuthPlainNoEnc, gomail.SMTPAuthLoginNoEnc
	}
	switch mech {
	case AuthPlain:
		return gomail.WithSMTPAuth(plain)
	case AuthLogin:
		return gomail.WithSMTPAuth(login)
	case AuthCRAMMD5:
		return gomail.WithSMTPAuth(gomail.SMTPAuthCramMD5)
	case AuthXOAUTH2:
		return gomail.WithSMTPAuth(gomail.SMTPAuthXOAUTH2)
	}
	return gomail.WithOpportunisticSMTPAuth(plain, login, gomail.SMTPAuthCramMD5)
}
