package parser

// understand fills m.Facts from the envelope and the body.
func understand(m *Message, body string) {
	m.Facts.Action = ActionAdvise
	if m.Envelope.IgnoreReason != "" {
		m.Facts.Action = ActionIgnore
	}
	m.Facts.Situation = SituationUnknown
	m.Facts.Terms = TermsUnknown
	m.Facts.SenderName = m.Envelope.FromName
}
