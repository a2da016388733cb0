package mailbox

// xoauth2Client is the client side of XOAUTH2, the SASL mechanism Google
// and Microsoft define for OAuth 2.0 bearer tokens over IMAP and SMTP: one
// message, "user=" name ^A "auth=Bearer " token ^A ^A. A refusal comes as a
// challenge holding a JSON error, answered with an empty response, after
// which the server says NO.
type xoauth2Client struct{ user, token string }

func (c xoauth2Client) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + c.user + "\x01auth=Bearer " + c.token + "\x01\x01"), nil
}

func (c xoauth2Client) Next(challenge []byte) ([]byte, error) {
	return []byte{}, nil
}
