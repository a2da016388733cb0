package daemon

// The operator's view (issue 16): a read-only status page at "/" on
// HTTPAddr, and the same as JSON at "/status.json" for scripts. It shows
// counts, ages and states only: what came in and what was done with it,
// the outbox, the follow-ups due, the mailbox connection, /healthz's
// problems and the last errors of the log. Never an address, a subject or
// a message: the errors are scrubbed as the log is (personHandler), and
// what is left that looks like an address (ours, a Message-ID) is cut to
// the part before the "@".

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"jobback/domain"
	"jobback/store"
)

const (
	// statusErrors is how many of the last errors the page shows.
	statusErrors = 20
	// statusFresh is how long one status is shown again before the store
	// is asked anew: counting the inbound messages reads every one of
	// them (store.SQLite.Status), and a page left open in many tabs
	// should not do it many times.
	statusFresh = 5 * time.Second
	// statusRefresh is how often the page reloads itself, in seconds.
	statusRefresh = 30
)

// statusReport is what the page and /status.json show.
type statusReport struct {
	Time     time.Time `json:"time"`
	Instance string    `json:"instance,omitempty"` // Options.Instance
	Healthy  bool      `json:"healthy"`            // /healthz would answer 200
	Problems []string  `json:"problems"`           // /healthz's problems, one line each
	Mailbox  struct {
		// State is "connected", "disconnected", or "unknown" (a source
		// that does not say, or none).
		State             string     `json:"state"`
		DisconnectedSince *time.Time `json:"disconnected_since,omitempty"`
		// Watching: this instance watches the mailbox. WatchedBy names
		// the instance that does, when several share a store that
		// records it (PostgreSQL); "" otherwise.
		Watching  bool   `json:"watching"`
		WatchedBy string `json:"watched_by,omitempty"`
	} `json:"mailbox"`
	DiskCheck struct {
		State string `json:"state"` // "passed", "failed" or "not run yet"
		Error string `json:"error,omitempty"`
	} `json:"disk_check"`
	// StoreError says why the counts below could not be read ("" when
	// they were).
	StoreError string `json:"store_error,omitempty"`
	Messages   struct {
		In            int            `json:"in"` // recorded since the store was made
		Answered      int            `json:"answered"`
		Ignored       int            `json:"ignored"`
		IgnoredByRule map[string]int `json:"ignored_by_rule"` // by rule family
		ByDecision    map[string]int `json:"by_decision"`     // every decision (domain.Decision)
	} `json:"messages"`
	Outbox struct {
		Queued       int        `json:"queued"` // due + later
		Due          int        `json:"due"`    // to send now, or being sent
		Later        int        `json:"later"`  // waiting for a later attempt (a retry, the hourly cap)
		Sent         int        `json:"sent"`
		Failed       int        `json:"failed"` // given up on
		OldestUnsent *time.Time `json:"oldest_unsent,omitempty"`
	} `json:"outbox"`
	Followups struct {
		// DueNext24h counts the pending follow-ups due before 24 hours
		// from Time, the overdue ones included.
		DueNext24h int `json:"due_next_24h"`
		Overdue    int `json:"overdue"` // due already and not yet handled
	} `json:"followups"`
	Errors      []loggedError `json:"errors"`       // the last ones, newest first
	ErrorsTotal int64         `json:"errors_total"` // since the start
}

// statusPage serves "/" and "/status.json".
type statusPage struct {
	d    *Daemon
	errs *errorRing

	mu   sync.Mutex // one status made at a time
	last *statusReport
	made time.Time // when last was made (the monotonic clock)
}

// handleStatus registers the status page and its JSON on mux, and starts
// keeping the last errors of the log for it (call it from Open only:
// keepErrors).
func (d *Daemon) handleStatus(mux *http.ServeMux) {
	p := &statusPage{d: d, errs: d.keepErrors(statusErrors)}
	mux.HandleFunc("GET /{$}", p.serveHTML)
	mux.HandleFunc("GET /status.json", p.serveJSON)
}

// statusAllowed reports whether r may see the status: a client on the
// loopback interface whose request no proxy forwarded (a proxy on the same
// host, in front of /unsubscribe, would make everyone loopback), or any
// client that shows StatusToken, as "Authorization: Bearer TOKEN" or
// "?token=TOKEN".
func (d *Daemon) statusAllowed(r *http.Request) bool {
	if tok := d.o.StatusToken; tok != "" {
		var bearer string
		if scheme, t, ok := strings.Cut(r.Header.Get("Authorization"), " "); ok && strings.EqualFold(scheme, "Bearer") {
			bearer = strings.TrimSpace(t)
		}
		// Hashed first: the comparison then takes as long whatever the
		// length of the guess.
		want := sha256.Sum256([]byte(tok))
		for _, given := range []string{bearer, r.URL.Query().Get("token")} {
			got := sha256.Sum256([]byte(given))
			if given != "" && subtle.ConstantTimeCompare(got[:], want[:]) == 1 {
				return true
			}
		}
	}
	for _, h := range []string{"Forwarded", "X-Forwarded-For", "X-Real-Ip"} {
		if r.Header.Get(h) != "" {
			return false
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// guard sets the headers of every answer and refuses a client that may
// not see the status (403); it reports whether to go on.
func (p *statusPage) guard(w http.ResponseWriter, r *http.Request) bool {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	if !p.d.statusAllowed(r) {
		http.Error(w, "forbidden: the status is shown to loopback clients, or with the status token", http.StatusForbidden)
		return false
	}
	return true
}

func (p *statusPage) serveJSON(w http.ResponseWriter, r *http.Request) {
	if !p.guard(w, r) {
		return
	}
	b, err := json.MarshalIndent(p.report(r.Context()), "", "  ")
	if err != nil {
		http.Error(w, "cannot write the status: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(append(b, '\n'))
}

func (p *statusPage) serveHTML(w http.ResponseWriter, r *http.Request) {
	if !p.guard(w, r) {
		return
	}
	var b strings.Builder
	if err := statusTmpl.Execute(&b, newStatusView(p.report(r.Context()))); err != nil {
		p.d.log.Error("cannot write the status page", "err", err)
		http.Error(w, "cannot write the status page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, b.String())
}

// report returns the status, made anew when the last one is older than
// statusFresh. A client that goes away does not cut it short: others may
// be shown it.
func (p *statusPage) report(ctx context.Context) *statusReport {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last != nil && time.Since(p.made) < statusFresh {
		return p.last
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	p.last, p.made = p.d.status(ctx, p.errs), time.Now()
	return p.last
}

// status makes the status. A part that cannot be read is said so in it.
func (d *Daemon) status(ctx context.Context, errs *errorRing) *statusReport {
	now := d.o.Now()
	rep := &statusReport{Time: now.UTC(), Instance: d.o.Instance}
	hctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	rep.Problems = d.health(hctx)
	cancel()
	for i, s := range rep.Problems {
		rep.Problems[i] = d.names.redact(s)
	}
	if rep.Problems == nil {
		rep.Problems = []string{}
	}
	rep.Healthy = len(rep.Problems) == 0

	rep.Mailbox.State = "unknown"
	if cs := d.o.Source; cs != nil {
		rep.Mailbox.State = "connected"
		if at := cs.DisconnectedSince(); !at.IsZero() {
			at = at.UTC()
			rep.Mailbox.State, rep.Mailbox.DisconnectedSince = "disconnected", &at
		}
	}
	rep.Mailbox.Watching, _ = d.watching()
	if who, _, err := d.o.Store.Watcher(ctx); err == nil {
		rep.Mailbox.WatchedBy = who
	}
	if !rep.Mailbox.Watching {
		rep.Mailbox.State = "standing by"
	}
	switch e, ok := d.diskErr.Load().(string); {
	case !ok:
		rep.DiskCheck.State = "not run yet"
	case e == "":
		rep.DiskCheck.State = "passed"
	default:
		rep.DiskCheck.State, rep.DiskCheck.Error = "failed", d.names.redact(e)
	}

	m := &rep.Messages
	m.IgnoredByRule, m.ByDecision = map[string]int{}, map[string]int{}
	var st store.Status
	if got, err := d.o.Store.Status(ctx, now); err != nil {
		rep.StoreError = d.names.redact(err.Error())
	} else {
		st = got
	}
	m.In, m.Answered, m.Ignored = st.Inbound, st.Decisions[domain.DecisionAnswered], st.Decisions[domain.DecisionIgnored]
	for k, n := range st.Decisions {
		m.ByDecision[string(k)] = n
	}
	for k, n := range st.Ignored {
		m.IgnoredByRule[k] = n
	}
	o := &rep.Outbox
	o.Due, o.Later, o.Sent, o.Failed = st.Outbox.Due, st.Outbox.Later, st.Outbox.Sent, st.Outbox.Failed
	o.Queued = o.Due + o.Later
	if !st.OldestUnsent.IsZero() {
		at := st.OldestUnsent.UTC()
		o.OldestUnsent = &at
	}
	rep.Followups.DueNext24h, rep.Followups.Overdue = st.FollowupsDue, st.FollowupsOverdue
	rep.Errors, rep.ErrorsTotal = errs.list()
	return rep
}

//go:embed status.html.tmpl
var statusHTML string

var statusTmpl = template.Must(template.New("status").Funcs(template.FuncMap{"n": thousands}).Parse(statusHTML))

// thousands writes n with a comma between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// statusView is a statusReport as the page shows it.
type statusView struct {
	R         *statusReport
	Refresh   int
	Now       string
	Mailbox   string
	MailboxOK bool
	DiskOK    bool
	Oldest    string // the oldest unsent message's age; "" if none
	Rules     []statusCount
	Others    []statusCount // the decisions other than answered and ignored
	Errors    []statusError
}

type statusCount struct {
	Name, Label string // Name "": the label says it
	N           int
}

type statusError struct {
	Time, Ago, Level, Text string
}

// decisionLabels says what each decision means, in the page's order.
var decisionLabels = []struct {
	d     domain.Decision
	label string
}{
	{domain.DecisionCommand, "Commands obeyed"},
	{domain.DecisionHelp, "Help sent"},
	{domain.DecisionWindow, "Already advised (window)"},
	{domain.DecisionCapped, "Over the hourly cap"},
	{domain.DecisionOwnAddress, "From or to our own address"},
	{domain.DecisionNoSender, "No usable From"},
	{domain.DecisionTooOld, "Too old"},
	{domain.DecisionOversize, "Too big"},
	{domain.DecisionUnreadable, "Unreadable"},
}

// ruleLabels glosses the rule families of parser/rules/screen.txt and
// parser.Screen.
var ruleLabels = map[string]string{
	"auto":            "automatic replies",
	"bulk":            "bulk mail",
	"list":            "mailing lists",
	"loop":            "mail loops",
	"bounce":          "bounces",
	"report":          "reports",
	"system":          "no-reply and system senders",
	"spam":            "marked as spam",
	"dmarc":           "DMARC failed",
	"unaddressed":     "not addressed to us",
	store.FamilyOther: "no rule named",
}

func newStatusView(r *statusReport) statusView {
	v := statusView{R: r, Refresh: statusRefresh, Now: r.Time.Format("2006-01-02 15:04:05 UTC")}
	ago := func(t time.Time) string { return age(r.Time.Sub(t)) }
	switch r.Mailbox.State {
	case "connected":
		v.Mailbox, v.MailboxOK = "connected", true
	case "disconnected":
		v.Mailbox = "disconnected for " + ago(*r.Mailbox.DisconnectedSince)
	case "standing by":
		// Not this instance's to watch: another one does, which is well.
		v.Mailbox, v.MailboxOK = "standing by: watched by another instance", true
		if r.Mailbox.WatchedBy != "" {
			v.Mailbox = "standing by: watched by " + r.Mailbox.WatchedBy
		}
	default:
		v.Mailbox = "unknown"
	}
	if r.Mailbox.Watching && r.Instance != "" {
		v.Mailbox += " (this instance, " + r.Instance + ", watches it)"
	}
	v.DiskOK = r.DiskCheck.State != "failed"
	if r.Outbox.OldestUnsent != nil {
		v.Oldest = ago(*r.Outbox.OldestUnsent)
	}
	for name, n := range r.Messages.IgnoredByRule {
		c := statusCount{Name: name, Label: ruleLabels[name], N: n}
		switch {
		case name == store.FamilyOther:
			c.Name = "" // the label says it
		case c.Label == "":
			c.Label, c.Name = name, ""
		}
		v.Rules = append(v.Rules, c)
	}
	slices.SortFunc(v.Rules, func(a, b statusCount) int {
		if a.N != b.N {
			return b.N - a.N
		}
		return strings.Compare(a.Name, b.Name)
	})
	known := map[string]bool{string(domain.DecisionAnswered): true, string(domain.DecisionIgnored): true}
	for _, dl := range decisionLabels {
		known[string(dl.d)] = true
		if n := r.Messages.ByDecision[string(dl.d)]; n > 0 {
			v.Others = append(v.Others, statusCount{Name: string(dl.d), Label: dl.label, N: n})
		}
	}
	var unknown []statusCount
	for name, n := range r.Messages.ByDecision {
		if !known[name] {
			unknown = append(unknown, statusCount{Name: name, Label: name, N: n})
		}
	}
	slices.SortFunc(unknown, func(a, b statusCount) int { return strings.Compare(a.Name, b.Name) })
	v.Others = append(v.Others, unknown...)
	for _, e := range r.Errors {
		v.Errors = append(v.Errors, statusError{Time: e.Time.Format("2006-01-02 15:04:05"), Ago: ago(e.Time),
			Level: e.Level, Text: e.Text})
	}
	return v
}

// age writes a duration as the page shows it: "45 s", "12 min", "3 h 5 min", "2 d 4 h".
func age(d time.Duration) string {
	switch {
	case d < 0:
		return "0 s"
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h %d min", int(d/time.Hour), int(d%time.Hour/time.Minute))
	default:
		return fmt.Sprintf("%d d %d h", int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour))
	}
}
