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
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dxsim/dxsim/store"
)

// EventLog is the part of the service the resource gauge reads: the
// world's resources counted by resource type (the event log's) and
// current state.
type EventLog interface {
	ResourceStates(ctx context.Context) (map[[2]string]int, error)
}

// Metrics holds dxsim's collectors in a registry of its own.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	retries  prometheus.Counter
	batches  prometheus.Histogram
}

// New returns the metrics of a world whose resources world's event log
// tells. The AWS front end tells it of requests (ObserveRequest).
func New(world EventLog) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dxsim_requests_total",
			Help: "AWS API requests by service, operation and HTTP status (499: the client closed the connection before the answer).",
		}, []string{"service", "operation", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "dxsim_request_duration_seconds",
			Help:    "Time to answer an AWS API request, by service and operation.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 2.5, 12), // 100µs to ~2.4s
		}, []string{"service", "operation"}),
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

// ObserveRequest counts and times one AWS API request (the front end's
// awsapi.RequestObserver).
func (m *Metrics) ObserveRequest(service, operation string, status int, took time.Duration) {
	m.requests.WithLabelValues(service, operation, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(service, operation).Observe(took.Seconds())
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
