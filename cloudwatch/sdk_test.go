package cloudwatch_test

// The service through aws-sdk-go-v2's cloudwatch client, as a user's Go
// code calls it: the client sends Smithy RPC v2 CBOR (from v1.53.0), and
// every answer and error reaches it as its own types.

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// wireLog records the Smithy-Protocol header of each request a client
// sends ("" for AWS Query and JSON).
type wireLog struct {
	next cloudwatch.HTTPClient
	mu   sync.Mutex
	seen []string
}

func (l *wireLog) Do(r *http.Request) (*http.Response, error) {
	l.mu.Lock()
	l.seen = append(l.seen, r.Header.Get("Smithy-Protocol"))
	l.mu.Unlock()
	return l.next.Do(r)
}

// sdkClient is dxsimtest's CloudWatch client of account in the test Region;
// when the test ends, it checks that every request went as RPC v2 CBOR.
func sdkClient(t *testing.T, w *dxsimtest.World, account string) *cloudwatch.Client {
	t.Helper()
	log := &wireLog{}
	c := cloudwatch.New(w.CloudWatchFor(account, dxsimtest.Region).Options(), func(o *cloudwatch.Options) {
		log.next = o.HTTPClient
		o.HTTPClient = log
	})
	t.Cleanup(func() {
		log.mu.Lock()
		defer log.mu.Unlock()
		if len(log.seen) == 0 {
			t.Error("the client sent nothing")
		}
		for _, p := range log.seen {
			if p != "rpc-v2-cbor" {
				t.Errorf("the client sent a request with Smithy-Protocol %q, want rpc-v2-cbor", p)
			}
		}
	})
	return c
}

func stateMetric(conn string) *types.Metric {
	return &types.Metric{Namespace: aws.String("AWS/DX"), MetricName: aws.String("ConnectionState"),
		Dimensions: []types.Dimension{{Name: aws.String("ConnectionId"), Value: aws.String(conn)}}}
}

func stateAlarm(name, conn string) *cloudwatch.PutMetricAlarmInput {
	m := stateMetric(conn)
	return &cloudwatch.PutMetricAlarmInput{
		AlarmName: aws.String(name), Namespace: m.Namespace, MetricName: m.MetricName, Dimensions: m.Dimensions,
		Statistic: types.StatisticMinimum, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(1), DatapointsToAlarm: aws.Int32(1),
		Threshold: aws.Float64(1), ComparisonOperator: types.ComparisonOperatorLessThanThreshold,
		AlarmActions: []string{topic}, OKActions: []string{topic},
	}
}

func sdkAlarm(t *testing.T, cw *cloudwatch.Client, name string) types.MetricAlarm {
	t.Helper()
	out, err := cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{name}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.MetricAlarms) != 1 {
		t.Fatalf("DescribeAlarms %s: %d alarms", name, len(out.MetricAlarms))
	}
	return out.MetricAlarms[0]
}

func wantSDKState(t *testing.T, a types.MetricAlarm, state types.StateValue, since time.Time) {
	t.Helper()
	if a.StateValue != state || !aws.ToTime(a.StateTransitionedTimestamp).Equal(since) {
		t.Fatalf("alarm %s is %s since %s (%s), want %s since %s", aws.ToString(a.AlarmName), a.StateValue,
			aws.ToTime(a.StateTransitionedTimestamp), aws.ToString(a.StateReason), state, since)
	}
}

// minutesOfState reads ConnectionState's Minimum by minute (in Unix
// seconds) with GetMetricStatistics.
func minutesOfState(t *testing.T, cw *cloudwatch.Client, conn string, from, to time.Time) map[int64]float64 {
	t.Helper()
	m := stateMetric(conn)
	out, err := cw.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{
		Namespace: m.Namespace, MetricName: m.MetricName, Dimensions: m.Dimensions,
		StartTime: aws.Time(from), EndTime: aws.Time(to), Period: aws.Int32(60),
		Statistics: []types.Statistic{types.StatisticMinimum, types.StatisticSampleCount},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]float64{}
	for _, d := range out.Datapoints {
		if aws.ToFloat64(d.SampleCount) != 2 || d.Unit != types.StandardUnitNone {
			t.Errorf("datapoint at %s: %v samples, unit %q; want 2, None", aws.ToTime(d.Timestamp), aws.ToFloat64(d.SampleCount), d.Unit)
		}
		got[aws.ToTime(d.Timestamp).Unix()] = aws.ToFloat64(d.Minimum)
	}
	return got
}

func TestGoSDKWatchesConnectionStateAndAnAlarmThroughADeviceDown(t *testing.T) {
	w := dxsimtest.Start(t)
	cw := sdkClient(t, w, dxsimtest.Account)
	conn := readyConnection(t, w)
	device := aws.ToString(dxsimtest.DescribeConnection(t, w.Client(), &conn).AwsDevice)
	up := w.Clock.Now()
	w.Clock.Advance(2 * time.Minute)

	if got := minutesOfState(t, cw, conn, up, w.Clock.Now()); len(got) != 2 || got[up.Unix()] != 1 || got[up.Unix()+60] != 1 {
		t.Fatalf("ConnectionState of an available connection, by minute: %v", got)
	}

	created := w.Clock.Now()
	if _, err := cw.PutMetricAlarm(ctx, stateAlarm("dx-down", conn)); err != nil {
		t.Fatal(err)
	}
	a := sdkAlarm(t, cw, "dx-down")
	wantSDKState(t, a, types.StateValueInsufficientData, created)
	if aws.ToString(a.AlarmArn) != "arn:aws:cloudwatch:us-east-1:111122223333:alarm:dx-down" || !aws.ToBool(a.ActionsEnabled) ||
		aws.ToFloat64(a.Threshold) != 1 || a.ComparisonOperator != types.ComparisonOperatorLessThanThreshold || !slices.Equal(a.AlarmActions, []string{topic}) {
		t.Errorf("new alarm: %+v", a)
	}
	w.Clock.Advance(time.Minute)
	wantSDKState(t, sdkAlarm(t, cw, "dx-down"), types.StateValueOk, created.Add(time.Minute))

	down := w.Clock.Now()
	if err := w.LinkDown(ctx, device); err != nil {
		t.Fatal(err)
	}
	w.Clock.Advance(5 * time.Minute)
	a = sdkAlarm(t, cw, "dx-down")
	wantSDKState(t, a, types.StateValueAlarm, down.Add(time.Minute))
	if r := aws.ToString(a.StateReason); !strings.Contains(r, "1 out of the last 1 datapoints [0.0 (") || !strings.Contains(r, "was less than the threshold (1.0)") {
		t.Errorf("ALARM reason: %s", r)
	}

	// GetMetricData reads the same minutes, newest first.
	data, err := cw.GetMetricData(ctx, &cloudwatch.GetMetricDataInput{
		StartTime: aws.Time(up), EndTime: aws.Time(w.Clock.Now()),
		MetricDataQueries: []types.MetricDataQuery{{Id: aws.String("state"), MetricStat: &types.MetricStat{
			Metric: stateMetric(conn), Period: aws.Int32(60), Stat: aws.String("Minimum")}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := data.MetricDataResults
	if len(r) != 1 || aws.ToString(r[0].Id) != "state" || r[0].StatusCode != types.StatusCodeComplete || len(r[0].Values) != 8 || len(r[0].Timestamps) != 8 {
		t.Fatalf("GetMetricData answered %+v", r)
	}
	for i, at := range r[0].Timestamps {
		want := 1.0
		if !at.Before(down) {
			want = 0
		}
		if r[0].Values[i] != want || (i > 0 && !at.Before(r[0].Timestamps[i-1])) {
			t.Errorf("GetMetricData: %v at %s (item %d), want %v, newest first", r[0].Values[i], at, i, want)
		}
	}

	if err := w.LinkUp(ctx, device); err != nil {
		t.Fatal(err)
	}
	back := w.Clock.Now()
	w.Clock.Advance(2 * time.Minute)
	wantSDKState(t, sdkAlarm(t, cw, "dx-down"), types.StateValueOk, back.Add(time.Minute))
	states := minutesOfState(t, cw, conn, up, w.Clock.Now())
	for m := up; m.Before(w.Clock.Now()); m = m.Add(time.Minute) {
		want := 1.0
		if !m.Before(down) && m.Before(back) {
			want = 0
		}
		if got, ok := states[m.Unix()]; !ok || got != want {
			t.Errorf("ConnectionState at %s: %v (%v), want %v", m.Format(time.TimeOnly), got, ok, want)
		}
	}

	// The history: created, then each transition and its notification.
	var transitions []string
	actions := 0
	p := cloudwatch.NewDescribeAlarmHistoryPaginator(cw, &cloudwatch.DescribeAlarmHistoryInput{
		AlarmName: aws.String("dx-down"), ScanBy: types.ScanByTimestampAscending, MaxRecords: aws.Int32(2)})
	var items []types.AlarmHistoryItem
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, page.AlarmHistoryItems...)
	}
	for _, h := range items {
		switch h.HistoryItemType {
		case types.HistoryItemTypeStateUpdate:
			transitions = append(transitions, aws.ToString(h.HistorySummary))
			if !strings.Contains(aws.ToString(h.HistoryData), `"newState"`) {
				t.Errorf("StateUpdate without its states: %s", aws.ToString(h.HistoryData))
			}
		case types.HistoryItemTypeAction:
			actions++
		}
	}
	want := []string{"Alarm updated from INSUFFICIENT_DATA to OK", "Alarm updated from OK to ALARM", "Alarm updated from ALARM to OK"}
	if !slices.Equal(transitions, want) || actions != 3 {
		t.Errorf("history: transitions %q and %d actions, want %q and 3", transitions, actions, want)
	}
	if len(items) == 0 || items[0].HistoryItemType != types.HistoryItemTypeConfigurationUpdate || aws.ToString(items[0].HistorySummary) != `Alarm "dx-down" created` {
		t.Errorf("first history item: %+v", items)
	}
	only, err := cw.DescribeAlarmHistory(ctx, &cloudwatch.DescribeAlarmHistoryInput{
		AlarmName: aws.String("dx-down"), HistoryItemType: types.HistoryItemTypeStateUpdate, MaxRecords: aws.Int32(1)})
	if err != nil || len(only.AlarmHistoryItems) != 1 || aws.ToString(only.AlarmHistoryItems[0].HistorySummary) != want[2] || only.NextToken == nil {
		t.Errorf("newest StateUpdate: %+v (%v)", only, err)
	}
}

func TestGoSDKServesEveryOperation(t *testing.T) {
	w := dxsimtest.Start(t, func(c *server.Config) { c.Service.ConnectionsPerLocation = 100 })
	cw := sdkClient(t, w, dxsimtest.Account)
	conn := readyConnection(t, w)

	// ListMetrics pages: 500 metrics a page, the paginator follows.
	dc := w.Client()
	for i := range 60 {
		if _, err := dc.CreateConnection(ctx, &directconnect.CreateConnectionInput{
			Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps"), ConnectionName: aws.String(fmt.Sprint("c", i))}); err != nil {
			t.Fatal(err)
		}
	}
	var metrics []types.Metric
	pages := 0
	lm := cloudwatch.NewListMetricsPaginator(cw, &cloudwatch.ListMetricsInput{Namespace: aws.String("AWS/DX")})
	for lm.HasMorePages() {
		page, err := lm.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Metrics) > 500 {
			t.Errorf("a page of %d metrics", len(page.Metrics))
		}
		metrics = append(metrics, page.Metrics...)
		pages++
	}
	states := map[string]bool{}
	for _, m := range metrics {
		if aws.ToString(m.MetricName) == "ConnectionState" {
			states[aws.ToString(m.Dimensions[0].Value)] = true
		}
	}
	if pages < 2 || len(states) != 61 || !states[conn] {
		t.Errorf("ListMetrics: %d metrics on %d pages, ConnectionState of %d connections; want several pages and 61", len(metrics), pages, len(states))
	}

	for _, name := range []string{"a1", "a2"} {
		in := stateAlarm(name, conn)
		in.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("net")}}
		if _, err := cw.PutMetricAlarm(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	w.Clock.Advance(time.Minute)
	m := stateMetric(conn)
	forMetric, err := cw.DescribeAlarmsForMetric(ctx, &cloudwatch.DescribeAlarmsForMetricInput{
		Namespace: m.Namespace, MetricName: m.MetricName, Dimensions: m.Dimensions})
	if err != nil {
		t.Fatal(err)
	}
	if len(forMetric.MetricAlarms) != 2 || forMetric.MetricAlarms[0].StateValue != types.StateValueOk {
		t.Errorf("DescribeAlarmsForMetric: %+v", forMetric.MetricAlarms)
	}

	// SetAlarmState holds until the next evaluation.
	set := w.Clock.Now()
	if _, err := cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("a1"),
		StateValue: types.StateValueAlarm, StateReason: aws.String("testing the pager")}); err != nil {
		t.Fatal(err)
	}
	a := sdkAlarm(t, cw, "a1")
	wantSDKState(t, a, types.StateValueAlarm, set)
	if aws.ToString(a.StateReason) != "testing the pager" {
		t.Errorf("reason %q", aws.ToString(a.StateReason))
	}
	w.Clock.Advance(time.Minute)
	wantSDKState(t, sdkAlarm(t, cw, "a1"), types.StateValueOk, set.Add(time.Minute))

	if _, err := cw.DisableAlarmActions(ctx, &cloudwatch.DisableAlarmActionsInput{AlarmNames: []string{"a1", "a2"}}); err != nil {
		t.Fatal(err)
	}
	if aws.ToBool(sdkAlarm(t, cw, "a2").ActionsEnabled) {
		t.Error("DisableAlarmActions left actions on")
	}
	if _, err := cw.EnableAlarmActions(ctx, &cloudwatch.EnableAlarmActionsInput{AlarmNames: []string{"a2"}}); err != nil {
		t.Fatal(err)
	}
	if !aws.ToBool(sdkAlarm(t, cw, "a2").ActionsEnabled) || aws.ToBool(sdkAlarm(t, cw, "a1").ActionsEnabled) {
		t.Error("EnableAlarmActions of a2: want a2's actions on and a1's off")
	}

	arn := sdkAlarm(t, cw, "a1").AlarmArn
	if _, err := cw.TagResource(ctx, &cloudwatch.TagResourceInput{ResourceARN: arn,
		Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("lab")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := cw.UntagResource(ctx, &cloudwatch.UntagResourceInput{ResourceARN: arn, TagKeys: []string{"team"}}); err != nil {
		t.Fatal(err)
	}
	tags, err := cw.ListTagsForResource(ctx, &cloudwatch.ListTagsForResourceInput{ResourceARN: arn})
	if err != nil {
		t.Fatal(err)
	}
	if len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Key) != "env" || aws.ToString(tags.Tags[0].Value) != "lab" {
		t.Errorf("tags %+v", tags.Tags)
	}

	// Errors arrive as the SDK's modeled types, with the Query codes.
	_, err = cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("nothere"),
		StateValue: types.StateValueAlarm, StateReason: aws.String("test")})
	var notFound *types.ResourceNotFound
	if !errors.As(err, &notFound) {
		t.Errorf("SetAlarmState of no alarm: %T %v, want *types.ResourceNotFound", err, err)
	}
	dxsimtest.WantError(t, err, "ResourceNotFound", "nothere")
	_, err = cw.ListTagsForResource(ctx, &cloudwatch.ListTagsForResourceInput{ResourceARN: aws.String("arn:aws:cloudwatch:us-east-1:111122223333:alarm:nothere")})
	var noResource *types.ResourceNotFoundException
	if !errors.As(err, &noResource) {
		t.Errorf("ListTagsForResource of no alarm: %T %v, want *types.ResourceNotFoundException", err, err)
	}
	dxsimtest.WantError(t, err, "ResourceNotFoundException")
	bad := stateAlarm("bad", conn)
	bad.Period = aws.Int32(45)
	_, err = cw.PutMetricAlarm(ctx, bad)
	var invalid *types.InvalidParameterValueException
	if !errors.As(err, &invalid) {
		t.Errorf("PutMetricAlarm with Period 45: %T %v, want *types.InvalidParameterValueException", err, err)
	}
	dxsimtest.WantError(t, err, "InvalidParameterValue", "Period")
	_, err = cw.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{Namespace: m.Namespace, MetricName: m.MetricName,
		StartTime: aws.Time(set), EndTime: aws.Time(w.Clock.Now()), Period: aws.Int32(60)})
	var combination *types.InvalidParameterCombinationException
	if !errors.As(err, &combination) {
		t.Errorf("GetMetricStatistics without statistics: %T %v, want *types.InvalidParameterCombinationException", err, err)
	}
	dxsimtest.WantError(t, err, "InvalidParameterCombination", "Statistics")
	_, err = cw.ListMetrics(ctx, &cloudwatch.ListMetricsInput{NextToken: aws.String("garbage!")})
	var token *types.InvalidNextToken
	if !errors.As(err, &token) {
		t.Errorf("ListMetrics with a forged token: %T %v, want *types.InvalidNextToken", err, err)
	}
	dxsimtest.WantError(t, err, "InvalidNextToken")
	_, err = cw.PutDashboard(ctx, &cloudwatch.PutDashboardInput{DashboardName: aws.String("d"), DashboardBody: aws.String("{}")})
	dxsimtest.WantError(t, err, "InvalidAction", "PutDashboard")

	// DeleteAlarms deletes all named, or none if one is missing.
	_, err = cw.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{"a1", "nothere"}})
	dxsimtest.WantError(t, err, "ResourceNotFound", "nothere")
	if _, err := cw.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{"a1", "a2"}}); err != nil {
		t.Fatal(err)
	}
	left, err := cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
	if err != nil || len(left.MetricAlarms) != 0 {
		t.Errorf("after DeleteAlarms: %+v %v", left, err)
	}
}
