package console_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/dxsim/dxsim/console"
	"github.com/dxsim/dxsim/dxsimtest"
)

// cloudWatch is aws-sdk-go-v2's CloudWatch client of account in region.
func cloudWatch(w *dxsimtest.World, account, region string) *cloudwatch.Client {
	return cloudwatch.NewFromConfig(w.AWSConfig(account, region))
}

// putAlarm makes an alarm on metric of the resources dims name: below
// threshold, by its minimum, one period of a minute.
func putAlarm(t *testing.T, cw *cloudwatch.Client, name, metric string, threshold float64, dims ...string) {
	t.Helper()
	in := &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String(name), Namespace: aws.String("AWS/DX"), MetricName: aws.String(metric),
		Statistic: types.StatisticMinimum, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(1), Threshold: aws.Float64(threshold),
		ComparisonOperator: types.ComparisonOperatorLessThanThreshold}
	for i := 0; i+1 < len(dims); i += 2 {
		in.Dimensions = append(in.Dimensions, types.Dimension{Name: aws.String(dims[i]), Value: aws.String(dims[i+1])})
	}
	if _, err := cw.PutMetricAlarm(context.Background(), in); err != nil {
		t.Fatalf("PutMetricAlarm %s: %v", name, err)
	}
}

// The world has the account's alarms in its Region as DescribeAlarms
// answers them, each on the resource it watches: an interface's metric
// (which names its connection too) is the interface's.
func TestWorldHasTheAlarmsOnTheResourcesTheyWatch(t *testing.T) {
	w := dxsimtest.Start(t)
	dc := w.Client()
	conn := dxsimtest.ReadyConnection(t, dc, "EqDC2", "1Gbps")
	vif := dxsimtest.CreatePublicVIF(t, dc, conn.ConnectionId, 101)
	w.Provision()
	cw := cloudWatch(w, dxsimtest.Account, dxsimtest.Region)
	putAlarm(t, cw, "conn-state", "ConnectionState", 1, "ConnectionId", *conn.ConnectionId)
	putAlarm(t, cw, "vif-egress", "VirtualInterfaceBpsEgress", 1e6, "ConnectionId", *conn.ConnectionId, "VirtualInterfaceId", *vif.VirtualInterfaceId)
	putAlarm(t, cloudWatch(w, dxsimtest.Account, "eu-west-2"), "elsewhere", "ConnectionState", 1, "ConnectionId", *conn.ConnectionId)
	putAlarm(t, cloudWatch(w, dxsimtest.OtherAccount, dxsimtest.Region), "theirs", "ConnectionState", 1, "ConnectionId", *conn.ConnectionId)
	w.Clock.Advance(2 * time.Minute)

	var world console.World
	resp, body := get(t, w.URL+"/console/api/world?account="+dxsimtest.Account+"&region="+dxsimtest.Region)
	if err := json.Unmarshal(body, &world); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("world answered %d %s (%v)", resp.StatusCode, body, err)
	}
	described, err := cw.DescribeAlarms(context.Background(), &cloudwatch.DescribeAlarmsInput{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"conn-state": *conn.ConnectionId, "vif-egress": *vif.VirtualInterfaceId}
	if len(world.Alarms) != len(want) || len(described.MetricAlarms) != len(want) {
		t.Fatalf("the world has %d alarms (%+v) and DescribeAlarms %d, want the account's %d in %s", len(world.Alarms), world.Alarms, len(described.MetricAlarms), len(want), dxsimtest.Region)
	}
	for i, a := range world.Alarms {
		d := described.MetricAlarms[i]
		if a.Record.AlarmName != *d.AlarmName || a.Record.AlarmArn != *d.AlarmArn || a.Record.StateValue != string(d.StateValue) || a.Record.MetricName != *d.MetricName {
			t.Errorf("the world's alarm %+v is not DescribeAlarms' %s (%s, %s)", a.Record, *d.AlarmName, *d.AlarmArn, d.StateValue)
		}
		if a.Resource != want[a.Record.AlarmName] {
			t.Errorf("alarm %s is on %q, want %s", a.Record.AlarmName, a.Resource, want[a.Record.AlarmName])
		}
	}
	if world.Alarms[0].Record.StateValue != "OK" {
		t.Errorf("conn-state on an available connection is %s, want OK", world.Alarms[0].Record.StateValue)
	}

	// The history of one alarm, newest first, as DescribeAlarmHistory
	// answers it.
	history := func(account, name string) (int, map[string]any) {
		t.Helper()
		resp, body := get(t, w.URL+"/console/api/alarm-history?account="+account+"&region="+dxsimtest.Region+"&name="+url.QueryEscape(name))
		var out map[string]any
		if err := json.Unmarshal(body, &out); err != nil {
			t.Fatalf("alarm-history answered %d %s", resp.StatusCode, body)
		}
		return resp.StatusCode, out
	}
	status, h := history(dxsimtest.Account, "conn-state")
	items, _ := h["AlarmHistoryItems"].([]any)
	if status != http.StatusOK || len(items) != 2 {
		t.Fatalf("conn-state's history answered %d %v, want its creation and its first transition", status, h)
	}
	first, last := items[1].(map[string]any), items[0].(map[string]any)
	if first["HistoryItemType"] != "ConfigurationUpdate" || last["HistoryItemType"] != "StateUpdate" ||
		!strings.Contains(last["HistorySummary"].(string), "INSUFFICIENT_DATA to OK") {
		t.Errorf("conn-state's history is %v, want it created, then INSUFFICIENT_DATA to OK, newest first", items)
	}
	// Another account's alarm of that name is not this account's.
	if status, h := history(dxsimtest.Account, "theirs"); status != http.StatusOK || len(h["AlarmHistoryItems"].([]any)) != 0 {
		t.Errorf("another account's alarm's history answered %d %v, want none", status, h)
	}
	if status, h := history(dxsimtest.Account, ""); status != http.StatusBadRequest || !strings.Contains(h["error"].(string), "name") {
		t.Errorf("a history without a name answered %d %v, want 400 saying name is needed", status, h)
	}
	if status, h := history(dxsimtest.Account, strings.Repeat("x", 300)); status != http.StatusBadRequest || !strings.Contains(h["error"].(string), "AlarmName") {
		t.Errorf("a history of a 300-character name answered %d %v, want 400 on AlarmName", status, h)
	}
}
