package cloudwatch_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/dxsim/dxsim/cloudwatch"
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dxsimtest"
)

const topic = "arn:aws:sns:us-east-1:111122223333:dx-alerts"

// putStateAlarm puts an alarm on conn's ConnectionState < 1 for 1 of 1
// periods of 60 s, notifying topic on ALARM and OK.
func (c *queryClient) putStateAlarm(t testing.TB, name, conn string, extra ...string) {
	t.Helper()
	p := params("AlarmName", name, "Namespace", "AWS/DX", "MetricName", "ConnectionState",
		"Dimensions.member.1.Name", "ConnectionId", "Dimensions.member.1.Value", conn,
		"Statistic", "Minimum", "Period", "60", "EvaluationPeriods", "1", "Threshold", "1",
		"ComparisonOperator", "LessThanThreshold", "AlarmActions.member.1", topic, "OKActions.member.1", topic)
	for i := 0; i+1 < len(extra); i += 2 {
		p.Set(extra[i], extra[i+1])
	}
	if err := c.call("PutMetricAlarm", p, nil); err != nil {
		t.Fatal(err)
	}
}

func (c *queryClient) alarm(t testing.TB, name string) cloudwatch.MetricAlarm {
	t.Helper()
	var out cloudwatch.DescribeAlarmsOutput
	if err := c.call("DescribeAlarms", params("AlarmNames.member.1", name), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.MetricAlarms) != 1 {
		t.Fatalf("DescribeAlarms %s: %+v", name, out)
	}
	return out.MetricAlarms[0]
}

func (c *queryClient) history(t testing.TB, kv ...string) []cloudwatch.AlarmHistoryItem {
	t.Helper()
	var out cloudwatch.DescribeAlarmHistoryOutput
	if err := c.call("DescribeAlarmHistory", params(kv...), &out); err != nil {
		t.Fatal(err)
	}
	return out.AlarmHistoryItems
}

func wantState(t testing.TB, a cloudwatch.MetricAlarm, state string, since time.Time) {
	t.Helper()
	if a.StateValue != state || !a.StateTransitionedTimestamp.Equal(since) {
		t.Fatalf("alarm %s is %s since %s (%s), want %s since %s", a.AlarmName, a.StateValue, a.StateTransitionedTimestamp, a.StateReason, state, since)
	}
}

func TestAlarmOnConnectionStateFollowsADeviceDownAndUp(t *testing.T) {
	w := dxsimtest.Start(t)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	conn := readyConnection(t, w)
	device := aws.ToString(dxsimtest.DescribeConnection(t, w.Client(), &conn).AwsDevice)

	created := w.Clock.Now()
	cw.putStateAlarm(t, "dx-down", conn)
	a := cw.alarm(t, "dx-down")
	wantState(t, a, cloudwatch.StateInsufficientData, created)
	if a.StateReason != "Unchecked: Initial alarm creation" || a.AlarmArn != "arn:aws:cloudwatch:us-east-1:111122223333:alarm:dx-down" || !a.ActionsEnabled {
		t.Errorf("new alarm: %+v", a)
	}

	w.Clock.Advance(time.Minute)
	wantState(t, cw.alarm(t, "dx-down"), cloudwatch.StateOK, created.Add(time.Minute))

	w.Clock.Advance(time.Minute)
	down := w.Clock.Now()
	if err := w.LinkDown(ctx, device); err != nil {
		t.Fatal(err)
	}
	w.Clock.Advance(5 * time.Minute)
	a = cw.alarm(t, "dx-down")
	wantState(t, a, cloudwatch.StateAlarm, down.Add(time.Minute))
	if !strings.Contains(a.StateReason, "1 out of the last 1 datapoints [0.0 (") || !strings.Contains(a.StateReason, "was less than the threshold (1.0)") {
		t.Errorf("ALARM reason: %s", a.StateReason)
	}

	w.Clock.Advance(30 * time.Second)
	upAt := w.Clock.Now()
	if err := w.LinkUp(ctx, device); err != nil {
		t.Fatal(err)
	}
	w.Clock.Advance(3 * time.Minute)
	// The minute the device came back in is half down: its minimum is 0,
	// so the alarm is OK from the minute after the first whole minute up.
	wantState(t, cw.alarm(t, "dx-down"), cloudwatch.StateOK, upAt.Truncate(time.Minute).Add(2*time.Minute))

	var transitions, actions []string
	items := cw.history(t, "AlarmName", "dx-down", "ScanBy", "TimestampAscending")
	for _, h := range items {
		switch h.HistoryItemType {
		case cloudwatch.HistoryState:
			transitions = append(transitions, h.HistorySummary)
		case cloudwatch.HistoryAction:
			if !strings.Contains(h.HistorySummary, topic) {
				t.Errorf("action %q does not name the topic", h.HistorySummary)
			}
			actions = append(actions, h.Timestamp.Format(time.TimeOnly))
		}
	}
	want := []string{"Alarm updated from INSUFFICIENT_DATA to OK", "Alarm updated from OK to ALARM", "Alarm updated from ALARM to OK"}
	if !slices.Equal(transitions, want) {
		t.Errorf("transitions %q, want %q", transitions, want)
	}
	if len(actions) != 3 {
		t.Errorf("actions attempted at %v, want one per transition", actions)
	}
	if items[0].HistoryItemType != cloudwatch.HistoryConfiguration || items[0].HistorySummary != `Alarm "dx-down" created` {
		t.Errorf("first item: %+v", items[0])
	}
	// Newest first by default.
	if d := cw.history(t, "AlarmName", "dx-down", "MaxRecords", "1"); len(d) != 1 || d[0].Timestamp.Before(items[len(items)-1].Timestamp.Time) {
		t.Errorf("newest item %+v", d)
	}

	events, err := w.Events(ctx, core.EventFilter{ResourceType: "cloudwatch-alarm"})
	if err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, e := range events {
		states = append(states, e.OldState+">"+e.NewState)
	}
	if want := []string{">INSUFFICIENT_DATA", "INSUFFICIENT_DATA>OK", "OK>ALARM", "ALARM>OK"}; !slices.Equal(states, want) {
		t.Errorf("event log %q, want %q", states, want)
	}

	// The connection's own events include its alarm's.
	mine, err := w.Events(ctx, core.EventFilter{Resource: conn})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range mine {
		if e.ResourceType == "cloudwatch-alarm" {
			n++
		}
	}
	if n != len(events) {
		t.Errorf("the events of %s include %d of its alarm's %d", conn, n, len(events))
	}
}

func TestAdvancingTheClockEvaluatesAlarms(t *testing.T) {
	w := dxsimtest.Start(t)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	conn := readyConnection(t, w)
	cw.putStateAlarm(t, "dx-down", conn)
	if err := w.LinkDown(ctx, conn); err != nil {
		t.Fatal(err)
	}
	down := w.Clock.Now()
	dxsimtest.Admin(t, w, "POST", "/_dxsim/clock/advance", `{"duration": "5m"}`)
	// The advance evaluated and saved the transitions: the event log has
	// them, and so does the export of the world.
	events, err := w.Events(ctx, core.EventFilter{ResourceType: "cloudwatch-alarm"})
	if err != nil {
		t.Fatal(err)
	}
	// Down from its first evaluation: straight from INSUFFICIENT_DATA.
	if len(events) != 2 || events[1].OldState != "INSUFFICIENT_DATA" || events[1].NewState != "ALARM" || !events[1].Time.Equal(down.Add(time.Minute)) {
		t.Fatalf("events %+v", events)
	}
	export := string(dxsimtest.Admin(t, w, "GET", "/_dxsim/export", ""))
	if !strings.Contains(export, `Alarm updated from INSUFFICIENT_DATA to ALARM`) {
		t.Errorf("the export lacks the saved transition")
	}
	wantState(t, cw.alarm(t, "dx-down"), cloudwatch.StateAlarm, down.Add(time.Minute))
}
