package daemon

import (
	"context"
	"fmt"
	"jobback/domain"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type metrics struct {
	messages *prometheus.CounterVec
	sent     prometheus.Counter
	failures *prometheus.CounterVec
	latency  prometheus.Histogram
	// followups counts follow-ups by outcome: queued or stale.
	followups *prometheus.CounterVec
}

func newMetrics(reg *prometheus.Registry, st Outbox) (*metrics, error) {
	m := &metrics{
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jobback_messages_total",
			Help: "Inbound messages handled, by what was done with them.",
		}, []string{"action"}),
		sent: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "jobback_replies_sent_total",
			Help: "Replies accepted by the SMTP server.",
		}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jobback_send_failures_total",
			Help: "Failed SMTP sends, by kind (temporary: retried; permanent: given up).",
		}, []string{"kind"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "jobback_reply_latency_seconds",
			Help:    "Time from noticing a message to the SMTP server accepting its reply.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300, 3600},
		}),
		followups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jobback_followups_total",
			Help: "Scheduled follow-ups found due, by outcome (queued: handed to the outbox; stale: dropped as too late).",
		}, []string{"outcome"}),
	}
	m.followups.WithLabelValues("queued")
	m.followups.WithLabelValues("stale")
	depth := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "jobback_outbox_depth",
		Help: "Replies waiting to be sent (pending or being sent).",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		n, err := st.OutboxDepth(ctx)
		if err != nil {
			return -1
		}
		return float64(n)
	})
	for _, a := range []domain.Decision{domain.DecisionAnswered, domain.DecisionIgnored, domain.DecisionOwnAddress,
		domain.DecisionWindow, domain.DecisionCapped, domain.DecisionOversize, domain.DecisionTooOld, domain.DecisionCommand,
		domain.DecisionUnreadable, domain.DecisionNoSender, domain.DecisionHelp, domain.DecisionCopy, "duplicate"} {
		m.messages.WithLabelValues(string(a))
	}
	m.failures.WithLabelValues("temporary")
	m.failures.WithLabelValues("permanent")
	for _, c := range []prometheus.Collector{m.messages, m.sent, m.failures, m.latency, m.followups, depth,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("cannot register metrics: %w", err)
		}
	}
	return m, nil
}

func (d *Daemon) httpHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(d.o.Registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if problems := d.health(ctx); len(problems) > 0 {
			http.Error(w, strings.Join(problems, "\n"), http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
		if d.o.Watching != nil {
			// several instances share the store: say which one watches
			fmt.Fprintln(w, d.watchLine(ctx))
		}
	})
	mux.HandleFunc("/unsubscribe", d.serveUnsubscribe)
	d.handleStatus(mux) // GET / and /status.json: status.go
	return mux
}

// health returns what is wrong, one line each, or nothing: the store
// cannot be written (or read) or failed its last check on the disk
// (checkLoop), the IMAP connection has been down longer
// than HealthIMAPDown, or a message has waited in the outbox longer than
// HealthOutboxStuck.
func (d *Daemon) health(ctx context.Context) []string {
	var problems []string
	if err := d.o.Store.Ping(ctx); err != nil {
		problems = append(problems, "store: "+err.Error())
	} else if e, _ := d.diskErr.Load().(string); e != "" {
		problems = append(problems, "store: "+e)
	}
	now := d.o.Now()
	if cs := d.o.Source; cs != nil {
		if at := cs.DisconnectedSince(); !at.IsZero() && now.Sub(at) > d.o.HealthIMAPDown {
			problems = append(problems, fmt.Sprintf("imap: no connection for %s (limit %s)",
				now.Sub(at).Round(time.Second), d.o.HealthIMAPDown))
		}
	}
	if len(problems) == 0 || !strings.HasPrefix(problems[0], "store: ") {
		oldest, err := d.o.Store.OldestUnsent(ctx)
		switch {
		case err != nil:
			problems = append(problems, "outbox: "+err.Error())
		case !oldest.IsZero() && now.Sub(oldest) > d.o.HealthOutboxStuck:
			problems = append(problems, fmt.Sprintf("outbox: a message queued %s ago is not sent yet (limit %s)",
				now.Sub(oldest).Round(time.Second), d.o.HealthOutboxStuck))
		}
	}
	return problems
}

// checkLoop checks the store's file for damage at once and then every
// HealthCheckEvery until ctx is done, keeping the result for /healthz.
func (d *Daemon) checkLoop(ctx context.Context) {
	dc := d.o.Store
	for {
		err := dc.CheckDisk(ctx)
		if ctx.Err() != nil {
			return
		}
		msg := ""
		if err != nil {
			msg = err.Error()
			d.log.Error("the store's file failed its check", "err", err)
		}
		d.diskErr.Store(msg)
		if !sleepCtx(ctx, d.o.HealthCheckEvery) {
			return
		}
	}
}

// watchLine says which instance watches the mailbox: this one (named by
// Options.Instance), or, while this one stands by, the one the store names.
func (d *Daemon) watchLine(ctx context.Context) string {
	self := "this instance"
	if d.o.Instance != "" {
		self = "this instance (" + d.o.Instance + ")"
	}
	if on, _ := d.watching(); on {
		return "watching the mailbox: " + self
	}
	who, beat, err := d.o.Store.Watcher(ctx)
	switch {
	case err != nil:
		return "standing by: " + self + " does not watch the mailbox; cannot read which instance does: " + err.Error()
	case who == "":
		return "standing by: " + self + " does not watch the mailbox; no instance has taken it"
	}
	return fmt.Sprintf("standing by: %s does not watch the mailbox; %s does (alive %s ago)", self, who,
		d.o.Now().Sub(beat).Round(time.Second))
}

// watching reports whether this instance watches the mailbox (Options.Watching).
func (d *Daemon) watching() (bool, time.Time) {
	if d.o.Watching == nil {
		return true, time.Time{}
	}
	return d.o.Watching()
}
