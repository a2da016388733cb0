module jobback

go 1.26.8

require (
	github.com/emersion/go-message v0.18.2 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)
