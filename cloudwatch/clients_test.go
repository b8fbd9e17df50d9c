package cloudwatch_test

// The service through the other clients users watch Direct Connect with:
// boto3 (examples/python/cloudwatch.py, under each Python with boto3 on
// this machine) and the aws CLI.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/dxsim/dxsim/dxsimtest"
)

// clientEnv is the environment of a Python client or the aws CLI: the
// test's, without the AWS and dxsim settings of whoever runs it, and with
// settings.
func clientEnv(settings ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "DXSIM_") {
			env = append(env, kv)
		}
	}
	return append(append(env, "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null"), settings...)
}

// TestBoto3ExampleWatchesAnAlarmThroughADeviceDown runs
// examples/python/cloudwatch.py, which asserts what it reads, against a
// fresh world under the python3 on PATH (boto3 1.43 sends AWS JSON 1.0)
// and Debian's /usr/bin/python3 (boto3 1.26 sends AWS Query).
func TestBoto3ExampleWatchesAnAlarmThroughADeviceDown(t *testing.T) {
	for _, python := range []string{"python3", "/usr/bin/python3"} {
		t.Run(strings.TrimPrefix(python, "/"), func(t *testing.T) {
			if err := exec.Command(python, "-c", "import boto3").Run(); err != nil {
				t.Skipf("%s with boto3 is not installed (Debian: apt-get install python3-boto3)", python)
			}
			w := dxsimtest.Start(t)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, python, "../examples/python/cloudwatch.py")
			cmd.Env = clientEnv("DXSIM_ENDPOINT=" + w.URL)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s examples/python/cloudwatch.py: %v\n%s", python, err, out)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if lines[len(lines)-1] != "ok" {
				t.Fatalf("the example did not finish:\n%s", out)
			}
			t.Logf("%s", lines[0]) // which boto3, and the protocol it sent
			if mode := dxsimtest.Admin(t, w, "GET", "/_dxsim/clock", ""); !bytes.Contains(mode, []byte(`"mode":"manual"`)) {
				t.Errorf("the example left the clock %s, want it as it found it", mode)
			}
		})
	}
}

// cliTime is a timestamp the aws CLI printed: as the wire had it with
// cli_timestamp_format none (v1's default), so epoch seconds after AWS
// JSON 1.0 or ISO 8601 after Query; ISO 8601 with iso8601 (v2's default).
type cliTime struct{ time.Time }

func (c *cliTime) UnmarshalJSON(b []byte) error {
	var seconds float64
	if err := json.Unmarshal(b, &seconds); err == nil {
		c.Time = time.UnixMilli(int64(seconds * 1000)).UTC()
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	t, err := time.Parse(time.RFC3339, s)
	c.Time = t
	return err
}

// awsCloudWatch runs `aws cloudwatch ARGS` as account 111122223333 in
// us-east-1 against w and decodes its JSON output into out (when not nil).
func awsCloudWatch(t *testing.T, w *dxsimtest.World, out any, args ...string) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "aws", append(append([]string{"cloudwatch"}, args...), "--endpoint-url", w.URL, "--region", dxsimtest.Region, "--output", "json")...)
	cmd.Env = clientEnv("AWS_ACCESS_KEY_ID="+dxsimtest.Account, "AWS_SECRET_ACCESS_KEY=secret", "AWS_MAX_ATTEMPTS=1", "AWS_PAGER=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return errors.New(strings.TrimSpace(stderr.String()))
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("aws cloudwatch %s printed %s: %v", args[0], b, err)
		}
	}
	return nil
}

// TestAwsCliWatchesAnAlarmThroughADeviceDown: the aws CLI reads
// ConnectionState across a device down and up, and an alarm on it goes to
// ALARM and back to OK.
func TestAwsCliWatchesAnAlarmThroughADeviceDown(t *testing.T) {
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("the aws CLI is not installed (pip install awscli, or Debian's awscli)")
	}
	if out, err := exec.Command("aws", "--version").CombinedOutput(); err == nil {
		t.Logf("%s", bytes.TrimSpace(out))
	}
	w := dxsimtest.Start(t)
	conn := readyConnection(t, w)
	device := aws.ToString(dxsimtest.DescribeConnection(t, w.Client(), &conn).AwsDevice)
	start := w.Clock.Now()
	dimension := "Name=ConnectionId,Value=" + conn
	iso := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }

	var metrics struct{ Metrics []struct{ MetricName string } }
	if err := awsCloudWatch(t, w, &metrics, "list-metrics", "--namespace", "AWS/DX", "--dimensions", dimension); err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(metrics.Metrics, func(m struct{ MetricName string }) bool { return m.MetricName == "ConnectionState" }) {
		t.Errorf("list-metrics: %+v", metrics)
	}

	w.Clock.Advance(2 * time.Minute)
	if err := awsCloudWatch(t, w, nil, "put-metric-alarm", "--alarm-name", "dx-down", "--namespace", "AWS/DX",
		"--metric-name", "ConnectionState", "--dimensions", dimension, "--statistic", "Minimum", "--period", "60",
		"--evaluation-periods", "1", "--datapoints-to-alarm", "1", "--threshold", "1", "--comparison-operator", "LessThanThreshold",
		"--alarm-actions", topic); err != nil {
		t.Fatal(err)
	}
	state := func() (string, time.Time) {
		t.Helper()
		var out struct {
			MetricAlarms []struct {
				StateValue                 string
				StateTransitionedTimestamp cliTime
			}
		}
		if err := awsCloudWatch(t, w, &out, "describe-alarms", "--alarm-names", "dx-down"); err != nil {
			t.Fatal(err)
		}
		if len(out.MetricAlarms) != 1 {
			t.Fatalf("describe-alarms: %+v", out)
		}
		return out.MetricAlarms[0].StateValue, out.MetricAlarms[0].StateTransitionedTimestamp.Time
	}
	wantState := func(want string, wantSince time.Time) {
		t.Helper()
		if got, since := state(); got != want || !since.Equal(wantSince) {
			t.Fatalf("describe-alarms: %s since %s, want %s since %s", got, since, want, wantSince)
		}
	}
	wantState("INSUFFICIENT_DATA", w.Clock.Now())
	w.Clock.Advance(time.Minute)
	wantState("OK", w.Clock.Now())

	down := w.Clock.Now()
	if err := w.LinkDown(ctx, device); err != nil {
		t.Fatal(err)
	}
	w.Clock.Advance(5 * time.Minute)
	wantState("ALARM", down.Add(time.Minute))
	back := w.Clock.Now()
	if err := w.LinkUp(ctx, device); err != nil {
		t.Fatal(err)
	}
	w.Clock.Advance(2 * time.Minute)
	wantState("OK", back.Add(time.Minute))

	var stats struct {
		Label      string
		Datapoints []struct {
			Timestamp cliTime
			Minimum   float64
		}
	}
	if err := awsCloudWatch(t, w, &stats, "get-metric-statistics", "--namespace", "AWS/DX", "--metric-name", "ConnectionState",
		"--dimensions", dimension, "--start-time", iso(start), "--end-time", iso(w.Clock.Now()), "--period", "60", "--statistics", "Minimum"); err != nil {
		t.Fatal(err)
	}
	got := map[int64]float64{}
	for _, d := range stats.Datapoints {
		got[d.Timestamp.Unix()] = d.Minimum
	}
	if len(got) != 10 {
		t.Errorf("get-metric-statistics: %d datapoints over 10 minutes: %+v", len(got), stats)
	}
	for m := start; m.Before(w.Clock.Now()); m = m.Add(time.Minute) {
		want := 1.0
		if !m.Before(down) && m.Before(back) {
			want = 0
		}
		if v, ok := got[m.Unix()]; !ok || v != want {
			t.Errorf("get-metric-statistics: ConnectionState at %s is %v (%v), want %v", m.Format(time.TimeOnly), v, ok, want)
		}
	}

	var history struct {
		AlarmHistoryItems []struct{ HistoryItemType, HistorySummary string }
	}
	if err := awsCloudWatch(t, w, &history, "describe-alarm-history", "--alarm-name", "dx-down", "--history-item-type", "StateUpdate",
		"--scan-by", "TimestampAscending"); err != nil {
		t.Fatal(err)
	}
	var transitions []string
	for _, h := range history.AlarmHistoryItems {
		transitions = append(transitions, h.HistorySummary)
	}
	if want := []string{"Alarm updated from INSUFFICIENT_DATA to OK", "Alarm updated from OK to ALARM", "Alarm updated from ALARM to OK"}; !slices.Equal(transitions, want) {
		t.Errorf("describe-alarm-history: %q, want %q", transitions, want)
	}

	err := awsCloudWatch(t, w, nil, "set-alarm-state", "--alarm-name", "nothere", "--state-value", "OK", "--state-reason", "test")
	if err == nil || !strings.Contains(err.Error(), "(ResourceNotFound)") || !strings.Contains(err.Error(), "nothere") {
		t.Errorf("set-alarm-state of no alarm: %v, want ResourceNotFound naming it", err)
	}
	if err := awsCloudWatch(t, w, nil, "delete-alarms", "--alarm-names", "dx-down"); err != nil {
		t.Fatal(err)
	}
}
