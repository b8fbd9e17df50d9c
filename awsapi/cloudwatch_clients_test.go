package awsapi

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"
)

// probeResult is what testdata/cloudwatch_probe.py printed.
type probeResult struct {
	Botocore, Protocol string
	List               struct {
		Metrics []cwMetric
		Next    string
	}
	Data struct {
		ID         string `json:"id"`
		Label      string
		Status     string
		Timestamps []float64
		Values     []float64
	}
	Limit, Token, Unknown json.RawMessage
	Image                 string
}

type probeFailure struct {
	Class, Code, Message string
	Status               int
}

// runProbe runs the boto3 probe with python against a fresh stub
// CloudWatch, forcing protocol force on botocore ("" forces none), and
// returns its result and the stubs.
func runProbe(t *testing.T, python, force string) (probeResult, *cwStubs) {
	t.Helper()
	if err := exec.Command(python, "-c", "import boto3").Run(); err != nil {
		t.Skipf("%s with boto3 is not installed (apt-get install python3-boto3)", python)
	}
	stubs, url := startCloudWatch(t, Identity{})
	return probe(t, python, "testdata/cloudwatch_probe.py", url, force), stubs
}

// probe runs a client's probe program and reads what it printed.
func probe(t *testing.T, name string, args ...string) probeResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	var res probeResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%s %v printed %q: %v", name, args, out, err)
	}
	return res
}

// checkProbe asserts what every boto3 (and the JavaScript SDK) gets
// whatever its protocol: the
// outputs as botocore's types, the modeled errors as their exception
// classes with the Query code, and the inputs decoded (all of them when
// full, the strings in Query).
func checkProbe(t *testing.T, res probeResult, stubs *cwStubs, wire string, full bool) {
	t.Helper()
	for _, w := range stubs.wiresSeen() {
		if w != wire {
			t.Errorf("the client (botocore %q) sent a request as %q, want %q", res.Botocore, w, wire)
		}
	}
	if m := res.List.Metrics; len(m) != 1 || m[0].MetricName != "ConnectionState" || len(m[0].Dimensions) != 1 ||
		m[0].Dimensions[0].Value != "dxcon-fg5678gh" || res.List.Next != "page-2" {
		t.Errorf("list_metrics answered %+v", res.List)
	}
	want := cwData.MetricDataResults[0]
	d := res.Data
	if d.ID != want.ID || d.Label != want.Label || d.Status != want.StatusCode || !slices.Equal(d.Values, want.Values) ||
		!slices.Equal(d.Timestamps, []float64{float64(want.Timestamps[0].UnixMilli()) / 1000, float64(want.Timestamps[1].UnixMilli()) / 1000}) {
		t.Errorf("get_metric_data answered %+v, want %+v", d, want)
	}
	for name, tc := range map[string]struct {
		raw                  json.RawMessage
		class, code, message string
	}{
		"put_metric_alarm over the limit": {res.Limit, "LimitExceededFault", "LimitExceeded", "The maximum number of alarms (5000) for account 111122223333 is reached"},
		"list_metrics with a stale token": {res.Token, "InvalidNextToken", "InvalidNextToken", `The next token "stale" is not one this API gave`},
	} {
		var f probeFailure
		if err := json.Unmarshal(tc.raw, &f); err != nil || f.Class != tc.class || f.Code != tc.code || f.Message != tc.message || f.Status != 400 {
			t.Errorf("%s: %s, want %s with code %s, 400, %q", name, tc.raw, tc.class, tc.code, tc.message)
		}
	}
	var unknown probeFailure
	if err := json.Unmarshal(res.Unknown, &unknown); err != nil || unknown.Code != "InvalidAction" || unknown.Status != 400 {
		t.Errorf("describe_alarms, which the stub does not serve: %s, want InvalidAction, 400", res.Unknown)
	}
	if len(stubs.got().list) == 0 || stubs.got().list[0].Namespace != "AWS/DX" || stubs.got().list[0].MetricName != "ConnectionState" {
		t.Fatalf("list_metrics got %+v", stubs.got().list)
	}
	if len(stubs.got().alarms) == 0 || stubs.got().alarms[0].AlarmName != "dx-down" || stubs.got().alarms[0].Statistic != "Minimum" {
		t.Fatalf("put_metric_alarm got %+v", stubs.got().alarms)
	}
	if !full {
		return
	}
	if l := stubs.got().list[0]; len(l.Dimensions) != 1 || l.Dimensions[0] != (cwDimension{"ConnectionId", "dxcon-fg5678gh"}) {
		t.Errorf("list_metrics got dimensions %+v", l.Dimensions)
	}
	g := stubs.got().data[0]
	// botocore writes timestamps in whole seconds (int(timegm(...))).
	end := cwStart.Add(90*time.Minute + 250*time.Millisecond)
	if g.StartTime == nil || !g.StartTime.Equal(cwStart) || g.EndTime == nil || !(g.EndTime.Equal(end) || g.EndTime.Equal(end.Truncate(time.Second))) ||
		len(g.MetricDataQueries) != 1 || g.MetricDataQueries[0].MetricStat == nil || g.MetricDataQueries[0].MetricStat.Period != 300 {
		t.Errorf("get_metric_data got %+v", g)
	}
	a := stubs.got().alarms[0]
	if a.Threshold == nil || *a.Threshold != 0.5 || a.Period != 60 || a.EvaluationPeriods != 3 || a.ActionsEnabled == nil || *a.ActionsEnabled ||
		len(a.Tags) != 1 || len(a.Dimensions) != 1 || len(a.AlarmActions) != 1 {
		t.Errorf("put_metric_alarm got %+v", a)
	}
	if img, err := base64.StdEncoding.DecodeString(res.Image); err != nil || !bytes.Equal(img, cwPNG) {
		t.Errorf("get_metric_widget_image answered %x (%v), want %x", img, err, cwPNG)
	}
}

// TestCloudWatchBoto3: the image's boto3 (1.43: botocore picks AWS JSON 1.0
// of the model's protocols), and the same botocore made to send RPC v2
// CBOR (as the aws CLI v2 does, which lists it first) and Query.
func TestCloudWatchBoto3(t *testing.T) {
	for _, tc := range []struct{ force, protocol, wire string }{
		{"", "json", "json application/x-amz-json-1.0"},
		{"smithy-rpc-v2-cbor", "smithy-rpc-v2-cbor", "cbor rpc-v2-cbor"},
		{"query", "query", "query"},
	} {
		t.Run(tc.protocol, func(t *testing.T) {
			res, stubs := runProbe(t, "python3", tc.force)
			if tc.force == "" && res.Protocol != "json" {
				t.Skipf("botocore %s picks %s for CloudWatch, not json (a botocore before CloudWatch's JSON)", res.Botocore, res.Protocol)
			}
			if res.Protocol != tc.protocol {
				t.Fatalf("botocore %s used %s, want %s", res.Botocore, res.Protocol, tc.protocol)
			}
			checkProbe(t, res, stubs, tc.wire, tc.protocol != "query")
		})
	}
}

// TestCloudWatchDebianBoto3: Debian's boto3 (1.26, botocore 1.29), whose
// model knows CloudWatch in Query only.
func TestCloudWatchDebianBoto3(t *testing.T) {
	res, stubs := runProbe(t, "/usr/bin/python3", "")
	if res.Protocol != "query" {
		t.Skipf("Debian's botocore %s sends %s, not query: TestCloudWatchBoto3 covers it", res.Botocore, res.Protocol)
	}
	checkProbe(t, res, stubs, "query", false)
}

// TestCloudWatchAwsCli: the aws CLI lists metrics and reports an error's
// Query code, in the protocol its botocore picks.
func TestCloudWatchAwsCli(t *testing.T) {
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("the aws CLI is not installed")
	}
	stubs, url := startCloudWatch(t, Identity{})
	run := func(args ...string) ([]byte, string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "aws", append([]string{"cloudwatch"}, append(args, "--endpoint-url", url, "--region", "ap-southeast-2", "--output", "json")...)...)
		cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID=111122223333", "AWS_SECRET_ACCESS_KEY=secret", "AWS_CONFIG_FILE=/dev/null",
			"AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_MAX_ATTEMPTS=1", "AWS_PAGER=")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		return out, stderr.String(), err
	}
	out, stderr, err := run("list-metrics", "--namespace", "AWS/DX", "--metric-name", "ConnectionState", "--no-paginate")
	if err != nil {
		t.Fatalf("aws cloudwatch list-metrics: %v\n%s", err, stderr)
	}
	var lm cwListMetricsOutput
	if err := json.Unmarshal(out, &lm); err != nil || len(lm.Metrics) != 1 || lm.Metrics[0].Dimensions[0].Value != "dxcon-fg5678gh" {
		t.Errorf("aws cloudwatch list-metrics printed %s (%v)", out, err)
	}
	if got := stubs.got().callers[0]; got.Account != "111122223333" || got.Region != "ap-southeast-2" || stubs.got().list[0].Namespace != "AWS/DX" {
		t.Errorf("list-metrics ran for %+v with %+v", got, stubs.got().list[0])
	}
	_, stderr, err = run("put-metric-alarm", "--alarm-name", "one-too-many", "--namespace", "AWS/DX", "--metric-name", "ConnectionState",
		"--statistic", "Minimum", "--comparison-operator", "LessThanThreshold", "--period", "60", "--evaluation-periods", "1", "--threshold", "0.5")
	var exit *exec.ExitError
	if !errors.As(err, &exit) || !strings.Contains(stderr, "(LimitExceeded)") || !strings.Contains(stderr, "The maximum number of alarms (5000)") {
		t.Errorf("aws cloudwatch put-metric-alarm over the limit: %v\n%s\nwant the LimitExceeded error", err, stderr)
	}
	if len(stubs.got().alarms) != 1 || stubs.got().alarms[0].Statistic != "Minimum" {
		t.Errorf("put-metric-alarm got %+v", stubs.got().alarms)
	}
	t.Logf("the aws CLI sent %v", stubs.wiresSeen())
}

// TestCloudWatchJavaScriptSDK: the JavaScript v3 SDK's
// @aws-sdk/client-cloudwatch, which sends AWS JSON 1.0, and made to send
// its RPC v2 CBOR and Query protocols (testdata/node pins it; `npm ci`
// there installs it).
func TestCloudWatchJavaScriptSDK(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed")
	}
	if _, err := os.Stat("testdata/node/node_modules/@aws-sdk/client-cloudwatch"); err != nil {
		t.Skip("the JavaScript SDK is not installed: run npm ci in awsapi/testdata/node")
	}
	for _, tc := range []struct{ protocol, wire string }{
		{"", "json application/x-amz-json-1.0"},
		{"cbor", "cbor rpc-v2-cbor"},
		{"query", "query"},
	} {
		t.Run(cmp.Or(tc.protocol, "own"), func(t *testing.T) {
			stubs, url := startCloudWatch(t, Identity{})
			res := probe(t, "node", "testdata/node/probe.mjs", url, tc.protocol)
			checkProbe(t, res, stubs, tc.wire, tc.protocol != "query")
		})
	}
}
