// Package metrics exposes dxsim's Prometheus metrics on GET /metrics:
// requests of the AWS API by operation and status, their latency per
// operation, the world's resources by kind and state, and the store's
// transaction retries and commit batch sizes when the store reports them
// (store.Observable). It reads the world through a small interface
// (EventLog) that the operator's controls satisfy.
package metrics

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dxsim/dxsim/store"
)

// targetPrefix is the service name of Direct Connect's X-Amz-Target values.
const targetPrefix = "OvertureService."

// unknownOperation labels requests that name no served operation, so that
// a client cannot grow the label set.
const unknownOperation = "unknown"

// EventLog is the part of the service the resource gauge reads: the
// world's resources counted by resource type (the event log's) and
// current state.
type EventLog interface {
	ResourceStates(ctx context.Context) (map[[2]string]int, error)
}

// Metrics holds dxsim's collectors in a registry of its own.
type Metrics struct {
	reg        *prometheus.Registry
	operations map[string]bool
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	retries    prometheus.Counter
	batches    prometheus.Histogram
}

// New returns the metrics of a world whose API serves operations and whose
// resources world's event log tells.
func New(world EventLog, operations []string) *Metrics {
	m := &Metrics{
		reg:        prometheus.NewRegistry(),
		operations: make(map[string]bool, len(operations)),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dxsim_requests_total",
			Help: "AWS API requests by operation and HTTP status.",
		}, []string{"operation", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "dxsim_request_duration_seconds",
			Help:    "Time to answer an AWS API request, by operation.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 2.5, 12), // 100µs to ~2.4s
		}, []string{"operation"}),
		retries: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dxsim_store_tx_retries_total",
			Help: "Store transactions run again after a conflict.",
		}),
		batches: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "dxsim_store_commit_batch_size",
			Help:    "Transactions written by one store commit.",
			Buckets: prometheus.ExponentialBuckets(1, 2, 8), // 1 to 128
		}),
	}
	for _, op := range operations {
		m.operations[op] = true
	}
	m.reg.MustRegister(m.requests, m.latency, resources{world},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveStore registers the store metrics and returns the Observer that
// feeds them, for a store.Observable.
func (m *Metrics) ObserveStore() store.Observer {
	m.reg.MustRegister(m.retries, m.batches)
	return storeObserver{m}
}

type storeObserver struct{ m *Metrics }

func (o storeObserver) TxRetried()        { o.m.retries.Inc() }
func (o storeObserver) CommitBatch(n int) { o.m.batches.Observe(float64(n)) }

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Instrument counts and times the AWS API requests next serves.
func (m *Metrics) Instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		op, _ := strings.CutPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
		if !m.operations[op] {
			op = unknownOperation
		}
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			m.requests.WithLabelValues(op, strconv.Itoa(sw.status)).Inc()
			m.latency.WithLabelValues(op).Observe(time.Since(start).Seconds())
		}()
		next.ServeHTTP(sw, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// resources is a gauge of the world's resources by kind and state, counted
// when scraped by a walk over the world that keeps only the counts.
type resources struct{ world EventLog }

var resourcesDesc = prometheus.NewDesc("dxsim_resources",
	"Resources of the world by kind (the event log's resource types) and current state, over all accounts and Regions.",
	[]string{"kind", "state"}, nil)

func (c resources) Describe(ch chan<- *prometheus.Desc) { ch <- resourcesDesc }

func (c resources) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	counts, err := c.world.ResourceStates(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(resourcesDesc, err)
		return
	}
	for k, n := range counts {
		ch <- prometheus.MustNewConstMetric(resourcesDesc, prometheus.GaugeValue, float64(n), k[0], k[1])
	}
}
