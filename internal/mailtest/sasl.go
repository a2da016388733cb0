package mailtest

import (
	"crypto/hmac"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"strings"
)

// The server sides of the SASL mechanisms go-sasl has no server for.

// loginServer is AUTH LOGIN: it asks for the user name, then the password
// (draft-murchison-sasl-login-00).
type loginServer struct {
	check func(user, pass string) error
	step  int
	user  string
}

func (l *loginServer) Next(resp []byte) ([]byte, bool, error) {
	l.step++
	switch l.step {
	case 1:
		if len(resp) > 0 { // an initial response is the user name
			l.user = string(resp)
			l.step++
			return []byte("Password:"), false, nil
		}
		return []byte("Username:"), false, nil
	case 2:
		l.user = string(resp)
		return []byte("Password:"), false, nil
	default:
		return nil, true, l.check(l.user, string(resp))
	}
}

// cramServer is CRAM-MD5 (RFC 2195): a challenge, and
// "user hex(HMAC-MD5(secret, challenge))" back.
type cramServer struct {
	secret    string
	check     func(user, pass string) error
	challenge []byte
}

func (c *cramServer) Next(resp []byte) ([]byte, bool, error) {
	if c.challenge == nil {
		c.challenge = []byte("<1896.697170952@localhost>")
		return c.challenge, false, nil
	}
	user, digest, ok := strings.Cut(string(resp), " ")
	if !ok {
		return nil, true, errors.New("malformed CRAM-MD5 response")
	}
	mac := hmac.New(md5.New, []byte(c.secret))
	mac.Write(c.challenge)
	if !hmac.Equal([]byte(digest), []byte(hex.EncodeToString(mac.Sum(nil)))) {
		return nil, true, errBadAuth
	}
	return nil, true, c.check(user, c.secret)
}

// xoauth2Server is XOAUTH2: "user=" name ^A "auth=Bearer " token ^A ^A in
// one message; the token is checked as the password.
type xoauth2Server func(user, token string) error

func (f xoauth2Server) Next(resp []byte) ([]byte, bool, error) {
	fields := strings.Split(string(resp), "\x01")
	if len(fields) != 4 || !strings.HasPrefix(fields[0], "user=") || !strings.HasPrefix(fields[1], "auth=Bearer ") {
		return nil, true, errors.New("malformed XOAUTH2 response")
	}
	return nil, true, f(strings.TrimPrefix(fields[0], "user="), strings.TrimPrefix(fields[1], "auth=Bearer "))
}
