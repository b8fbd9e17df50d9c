package awsapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dxsim/dxsim/dx"
)

// A CloudWatch-shaped API whose operations record their input and answer
// fixed outputs, to drive the three protocols with real clients. Its
// shapes are CloudWatch's, cut to the members the tests send; Query
// decodes only the string members (lists in Query are the service's own
// decoding).

type cwDimension struct {
	Name  string `json:"Name" xml:"Name"`
	Value string `json:"Value" xml:"Value"`
}

type cwListMetricsInput struct {
	Namespace      string        `json:"Namespace,omitempty" query:"Namespace"`
	MetricName     string        `json:"MetricName,omitempty" query:"MetricName"`
	Dimensions     []cwDimension `json:"Dimensions,omitempty"`
	NextToken      string        `json:"NextToken,omitempty" query:"NextToken"`
	RecentlyActive string        `json:"RecentlyActive,omitempty" query:"RecentlyActive"`
}

type cwMetric struct {
	Namespace  string        `json:"Namespace" xml:"Namespace"`
	MetricName string        `json:"MetricName" xml:"MetricName"`
	Dimensions []cwDimension `json:"Dimensions" xml:"Dimensions>member"`
}

type cwListMetricsOutput struct {
	Metrics   []cwMetric `json:"Metrics" xml:"Metrics>member"`
	NextToken *string    `json:"NextToken,omitempty" xml:"NextToken,omitempty"`
}

type cwMetricStat struct {
	Metric cwMetric `json:"Metric"`
	Period int32    `json:"Period"`
	Stat   string   `json:"Stat"`
}

type cwMetricDataQuery struct {
	ID         string        `json:"Id"`
	MetricStat *cwMetricStat `json:"MetricStat,omitempty"`
	ReturnData *bool         `json:"ReturnData,omitempty"`
}

type cwGetMetricDataInput struct {
	MetricDataQueries []cwMetricDataQuery `json:"MetricDataQueries"`
	StartTime         *dx.EpochTime       `json:"StartTime"`
	EndTime           *dx.EpochTime       `json:"EndTime"`
	MaxDatapoints     *int32              `json:"MaxDatapoints,omitempty"`
}

type cwMetricDataResult struct {
	ID         string         `json:"Id" xml:"Id"`
	Label      string         `json:"Label" xml:"Label"`
	Timestamps []dx.EpochTime `json:"Timestamps" xml:"Timestamps>member"`
	Values     []float64      `json:"Values" xml:"Values>member"`
	StatusCode string         `json:"StatusCode" xml:"StatusCode"`
}

type cwGetMetricDataOutput struct {
	MetricDataResults []cwMetricDataResult `json:"MetricDataResults" xml:"MetricDataResults>member"`
}

type cwTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

type cwPutMetricAlarmInput struct {
	AlarmName          string        `json:"AlarmName" query:"AlarmName"`
	Namespace          string        `json:"Namespace" query:"Namespace"`
	MetricName         string        `json:"MetricName" query:"MetricName"`
	Statistic          string        `json:"Statistic" query:"Statistic"`
	ComparisonOperator string        `json:"ComparisonOperator" query:"ComparisonOperator"`
	Dimensions         []cwDimension `json:"Dimensions"`
	Period             int32         `json:"Period"`
	EvaluationPeriods  int32         `json:"EvaluationPeriods"`
	Threshold          *float64      `json:"Threshold"`
	ActionsEnabled     *bool         `json:"ActionsEnabled"`
	AlarmActions       []string      `json:"AlarmActions"`
	Tags               []cwTag       `json:"Tags"`
}

type cwGetMetricWidgetImageInput struct {
	MetricWidget string `json:"MetricWidget" query:"MetricWidget"`
	OutputFormat string `json:"OutputFormat" query:"OutputFormat"`
}

type cwGetMetricWidgetImageOutput struct {
	MetricWidgetImage []byte `json:"MetricWidgetImage" xml:"MetricWidgetImage"`
}

// The fixed answers.
var (
	cwStart   = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	cwPNG     = []byte{0x89, 'P', 'N', 'G', 0, 0xff, 0x10}
	cwMetrics = cwListMetricsOutput{Metrics: []cwMetric{{
		Namespace: "AWS/DX", MetricName: "ConnectionState",
		Dimensions: []cwDimension{{Name: "ConnectionId", Value: "dxcon-fg5678gh"}},
	}}, NextToken: new("page-2")}
	cwData = cwGetMetricDataOutput{MetricDataResults: []cwMetricDataResult{{
		ID: "bps", Label: "ConnectionBpsEgress", StatusCode: "Complete",
		Timestamps: []dx.EpochTime{{Time: cwStart.Add(time.Minute)}, {Time: cwStart.Add(1500 * time.Millisecond)}},
		Values:     []float64{1.5e9, 0.25},
	}}}
)

// cwStubs are the operations; each records what it was given and by whom.
type cwStubs struct {
	mu      sync.Mutex
	callers []dx.Caller
	list    []cwListMetricsInput
	data    []cwGetMetricDataInput
	alarms  []cwPutMetricAlarmInput
	widgets []cwGetMetricWidgetImageInput
	wires   []string // each request's protocol, by its shape
}

// wireOf names the protocol a request's shape shows.
func wireOf(r *http.Request) string {
	switch {
	case r.Header.Get("X-Amz-Target") != "":
		return "json " + r.Header.Get("Content-Type")
	case strings.HasPrefix(r.URL.Path, "/service/"):
		return "cbor " + r.Header.Get("Smithy-Protocol")
	case strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded"):
		return "query"
	}
	return "other"
}

// cwGot is what the stubs were given so far.
type cwGot struct {
	callers []dx.Caller
	list    []cwListMetricsInput
	data    []cwGetMetricDataInput
	alarms  []cwPutMetricAlarmInput
	widgets []cwGetMetricWidgetImageInput
}

// got is what the stubs were given so far: the server's goroutines write
// it, and a client in another process is no synchronisation the race
// detector sees.
func (s *cwStubs) got() cwGot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cwGot{slices.Clone(s.callers), slices.Clone(s.list), slices.Clone(s.data), slices.Clone(s.alarms), slices.Clone(s.widgets)}
}

// wiresSeen are the protocols of the requests served so far.
func (s *cwStubs) wiresSeen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.wires)
}

func (s *cwStubs) record(c dx.Caller, add func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.callers = append(s.callers, c)
	add()
}

func (s *cwStubs) ListMetrics(_ context.Context, c dx.Caller, in *cwListMetricsInput) (*cwListMetricsOutput, error) {
	s.record(c, func() { s.list = append(s.list, *in) })
	if strings.HasPrefix(in.NextToken, "stale") {
		return nil, dx.TypedErrorf("InvalidNextToken", "The next token %q is not one this API gave", in.NextToken)
	}
	out := cwMetrics
	return &out, nil
}

func (s *cwStubs) GetMetricData(_ context.Context, c dx.Caller, in *cwGetMetricDataInput) (*cwGetMetricDataOutput, error) {
	s.record(c, func() { s.data = append(s.data, *in) })
	out := cwData
	return &out, nil
}

func (s *cwStubs) PutMetricAlarm(_ context.Context, c dx.Caller, in *cwPutMetricAlarmInput) (*struct{}, error) {
	s.record(c, func() { s.alarms = append(s.alarms, *in) })
	if in.AlarmName == "one-too-many" {
		return nil, dx.TypedErrorf("LimitExceeded", "The maximum number of alarms (5000) for account %s is reached", c.Account)
	}
	if in.AlarmName == "boom" {
		panic("a stub's panic")
	}
	return &struct{}{}, nil
}

func (s *cwStubs) GetMetricWidgetImage(_ context.Context, c dx.Caller, in *cwGetMetricWidgetImageInput) (*cwGetMetricWidgetImageOutput, error) {
	s.record(c, func() { s.widgets = append(s.widgets, *in) })
	return &cwGetMetricWidgetImageOutput{MetricWidgetImage: cwPNG}, nil
}

// startCloudWatch serves the stub CloudWatch beside Direct Connect (the
// fallback) with id, and returns the stubs and the endpoint.
func startCloudWatch(t *testing.T, id Identity) (*cwStubs, string) {
	t.Helper()
	s := &cwStubs{}
	api := cloudWatch(map[string]operation{
		"ListMetrics":          op(s.ListMetrics),
		"GetMetricData":        op(s.GetMetricData),
		"PutMetricAlarm":       op(s.PutMetricAlarm),
		"GetMetricWidgetImage": op(s.GetMetricWidgetImage),
	})
	f := New(id, nil, DirectConnect(nil), api)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.wires = append(s.wires, wireOf(r))
		s.mu.Unlock()
		f.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return s, srv.URL
}
