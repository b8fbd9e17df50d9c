package cloudwatch_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/dxsim/dxsim/cloudwatch"
	"github.com/dxsim/dxsim/dxsimtest"
)

// The metrics besides ConnectionState: traffic and its override, errors
// and light on a degraded or cut link.

func average(t testing.TB, dps []cloudwatch.Datapoint) float64 {
	t.Helper()
	if len(dps) != 1 || dps[0].Average == nil {
		t.Fatalf("want one datapoint with an Average, got %+v", dps)
	}
	return *dps[0].Average
}

func TestTrafficFollowsItsProfileAnOverrideAndTheLinkState(t *testing.T) {
	w := dxsimtest.Start(t)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	conn := readyConnection(t, w) // 1 Gbps
	start := w.Clock.Now()
	w.Clock.Advance(5 * time.Minute)
	profile := average(t, cw.stats(t, "ConnectionBpsEgress", conn, start, start.Add(5*time.Minute), 300, "Average"))
	// The profile carries 10% to 35% of capacity, shaped by the time of
	// day by at most ±60% and jittered by ±5%.
	if profile < 0.10*0.4*0.95*1e9 || profile > 0.35*1.6*1.05*1e9 {
		t.Errorf("profile egress %v bps is outside its formula's range", profile)
	}
	if again := average(t, cw.stats(t, "ConnectionBpsEgress", conn, start, start.Add(5*time.Minute), 300, "Average")); again != profile {
		t.Errorf("the profile is not deterministic: %v, then %v", profile, again)
	}

	// Saturated: 3 Gbps offered on a 1 Gbps port carries 1 Gbps and
	// discards the rest.
	over := w.Clock.Now()
	dxsimtest.Admin(t, w, "PUT", "/_dxsim/traffic/"+conn, `{"egressBps": 3e9, "ingressBps": 0}`)
	w.Clock.Advance(5 * time.Minute)
	if got := average(t, cw.stats(t, "ConnectionBpsEgress", conn, over, over.Add(5*time.Minute), 300, "Average")); got != 1e9 {
		t.Errorf("saturated egress %v bps, want the port's 1e9", got)
	}
	if got := average(t, cw.stats(t, "ConnectionBpsIngress", conn, over, over.Add(5*time.Minute), 300, "Average")); got != 0 {
		t.Errorf("idle ingress %v bps, want 0", got)
	}
	discards := average(t, cw.stats(t, "ConnectionDiscardsPpsEgress", conn, over, over.Add(5*time.Minute), 300, "Average"))
	pps := average(t, cw.stats(t, "ConnectionPpsEgress", conn, over, over.Add(5*time.Minute), 300, "Average"))
	if discards <= 0 || discards/pps < 1.99 || discards/pps > 2.01 {
		t.Errorf("discards %v pps against %v pps carried, want twice as many", discards, pps)
	}

	// Down, it carries nothing, whatever is offered.
	if err := w.LinkDown(ctx, conn); err != nil {
		t.Fatal(err)
	}
	downAt := w.Clock.Now()
	w.Clock.Advance(5 * time.Minute)
	if got := average(t, cw.stats(t, "ConnectionBpsEgress", conn, downAt, downAt.Add(5*time.Minute), 300, "Average")); got != 0 {
		t.Errorf("egress while down %v bps", got)
	}
	if err := w.LinkUp(ctx, conn); err != nil {
		t.Fatal(err)
	}
	// Cleared, the profile is back; the past keeps the override.
	dxsimtest.Admin(t, w, "DELETE", "/_dxsim/traffic/"+conn, "")
	back := w.Clock.Now()
	w.Clock.Advance(5 * time.Minute)
	if got := average(t, cw.stats(t, "ConnectionBpsEgress", conn, back, back.Add(5*time.Minute), 300, "Average")); got >= 1e9 || got <= 0 {
		t.Errorf("egress after the override %v bps", got)
	}
	if got := average(t, cw.stats(t, "ConnectionBpsEgress", conn, over, over.Add(5*time.Minute), 300, "Average")); got != 1e9 {
		t.Errorf("the override's past now reads %v bps", got)
	}
	if status, body := dxsimtest.AdminRaw(t, w, "PUT", "/_dxsim/traffic/dxcon-nothere", `{"egressBps": 1, "ingressBps": 1}`); status != http.StatusNotFound {
		t.Errorf("override of no connection: %d %s", status, body)
	}
	if status, body := dxsimtest.AdminRaw(t, w, "PUT", "/_dxsim/traffic/"+conn, `{"egressBps": -1, "ingressBps": 1}`); status != http.StatusBadRequest {
		t.Errorf("negative override: %d %s", status, body)
	}
}

func TestADegradedLinkCountsErrorsAndACutFibreReadsNoLight(t *testing.T) {
	w := dxsimtest.Start(t)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	conn := readyConnection(t, w)
	rx := func(from time.Time) float64 {
		t.Helper()
		p := params("Namespace", "AWS/DX", "MetricName", "ConnectionLightLevelRx", "Dimensions.member.1.Name", "ConnectionId", "Dimensions.member.1.Value", conn,
			"Dimensions.member.2.Name", "OpticalLaneNumber", "Dimensions.member.2.Value", "1",
			"StartTime", ts(from), "EndTime", ts(from.Add(time.Minute)), "Period", "60", "Statistics.member.1", "Average")
		var out cloudwatch.GetMetricStatisticsOutput
		if err := cw.call("GetMetricStatistics", p, &out); err != nil {
			t.Fatal(err)
		}
		return average(t, out.Datapoints)
	}
	healthy := w.Clock.Now()
	w.Clock.Advance(time.Minute)
	dxsimtest.Admin(t, w, "POST", "/_dxsim/links/"+conn+"/degrade", "")
	degraded := w.Clock.Now()
	w.Clock.Advance(2 * time.Minute)
	errs := cw.stats(t, "ConnectionErrorCount", conn, healthy, degraded.Add(2*time.Minute), 60, "Sum")
	if len(errs) != 3 || *errs[0].Sum != 0 || *errs[1].Sum <= 0 || *errs[2].Sum <= 0 {
		t.Errorf("errors before and while degraded: %+v", errs)
	}
	if state := cw.stats(t, "ConnectionState", conn, degraded, degraded.Add(2*time.Minute), 60, "Minimum"); len(state) != 2 || *state[1].Minimum != 1 {
		t.Errorf("a degraded link is down: %+v", state)
	}
	if d := rx(healthy) - rx(degraded); d < 8.99 || d > 9.01 {
		t.Errorf("received light dropped %v dB on a degraded link, want 9", d)
	}
	dxsimtest.Admin(t, w, "POST", "/_dxsim/links/"+conn+"/repair", "")
	if err := w.LinkDown(ctx, conn); err != nil {
		t.Fatal(err)
	}
	cut := w.Clock.Now()
	w.Clock.Advance(time.Minute)
	if got := rx(cut); got != -40 {
		t.Errorf("received light on a cut fibre %v dBm, want -40", got)
	}
	if errs := cw.stats(t, "ConnectionErrorCount", conn, cut, cut.Add(time.Minute), 60, "Sum"); len(errs) != 1 || *errs[0].Sum != 0 {
		t.Errorf("errors on a repaired, cut link: %+v", errs)
	}
	if status, _ := dxsimtest.AdminRaw(t, w, "POST", "/_dxsim/links/"+conn+"/repair", ""); status != http.StatusConflict {
		t.Errorf("repairing a healthy link answered %d", status)
	}
}

func TestListMetricsAndIsolation(t *testing.T) {
	w := dxsimtest.Start(t)
	conn := readyConnection(t, w)
	big := aws.ToString(dxsimtest.ReadyConnection(t, w.Client(), "EqDC2", "100Gbps").ConnectionId)
	w.Provision()
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	var out cloudwatch.ListMetricsOutput
	if err := cw.call("ListMetrics", params("Namespace", "AWS/DX", "Dimensions.member.1.Name", "ConnectionId", "Dimensions.member.1.Value", big), &out); err != nil {
		t.Fatal(err)
	}
	lanes := 0
	for _, m := range out.Metrics {
		if m.MetricName == "ConnectionLightLevelTx" {
			lanes++
		}
		if m.Dimensions[0].Value != big {
			t.Errorf("filtered list holds %+v", m)
		}
	}
	if lanes != 4 {
		t.Errorf("a 100 Gbps connection has %d Tx lanes listed, want 4", lanes)
	}
	if err := cw.call("ListMetrics", params("MetricName", "ConnectionState"), &out); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range out.Metrics {
		ids = append(ids, m.Dimensions[0].Value)
	}
	slices.Sort(ids)
	want := []string{big, conn}
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Errorf("ConnectionState listed for %v, want %v", ids, want)
	}

	// Another account, or the same account in another Region, sees
	// neither the metrics nor the datapoints.
	for _, other := range []*queryClient{cwClient(w, dxsimtest.OtherAccount, dxsimtest.Region), cwClient(w, dxsimtest.Account, "eu-west-1")} {
		if err := other.call("ListMetrics", params("Namespace", "AWS/DX"), &out); err != nil || len(out.Metrics) != 0 {
			t.Errorf("%s in %s lists %d metrics (%v)", other.account, other.region, len(out.Metrics), err)
		}
		if dps := other.stats(t, "ConnectionState", conn, dxsimtest.Epoch, w.Clock.Now(), 60, "Average"); len(dps) != 0 {
			t.Errorf("%s in %s reads %d datapoints of %s", other.account, other.region, len(dps), conn)
		}
		if err := other.call("PutMetricAlarm", params("AlarmName", "mine", "Namespace", "AWS/DX", "MetricName", "ConnectionState",
			"Statistic", "Minimum", "Period", "60", "EvaluationPeriods", "1", "Threshold", "1", "ComparisonOperator", "LessThanThreshold"), nil); err != nil {
			t.Fatal(err)
		}
	}
	var alarms cloudwatch.DescribeAlarmsOutput
	if err := cw.call("DescribeAlarms", nil, &alarms); err != nil || len(alarms.MetricAlarms) != 0 {
		t.Errorf("the account sees %d alarms of others (%v)", len(alarms.MetricAlarms), err)
	}
}

func TestGetMetricDataAnswersStatisticsAndPercentilesAndPages(t *testing.T) {
	w := dxsimtest.Start(t)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	conn := readyConnection(t, w)
	start := w.Clock.Now()
	w.Clock.Advance(10 * time.Minute)
	q := func(i int, id, metric, stat string) []string {
		p := "MetricDataQueries.member." + itoa(i) + "."
		return []string{p + "Id", id, p + "MetricStat.Metric.Namespace", "AWS/DX", p + "MetricStat.Metric.MetricName", metric,
			p + "MetricStat.Metric.Dimensions.member.1.Name", "ConnectionId", p + "MetricStat.Metric.Dimensions.member.1.Value", conn,
			p + "MetricStat.Period", "60", p + "MetricStat.Stat", stat}
	}
	kv := append(append(q(1, "state", "ConnectionState", "Minimum"), q(2, "p99", "ConnectionBpsIngress", "p99")...), "StartTime", ts(start), "EndTime", ts(start.Add(10*time.Minute)))
	var out cloudwatch.GetMetricDataOutput
	if err := cw.call("GetMetricData", params(kv...), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.MetricDataResults) != 2 || len(out.MetricDataResults[0].Values) != 10 || out.MetricDataResults[0].StatusCode != "Complete" || out.NextToken != "" {
		t.Fatalf("answer %+v", out)
	}
	state, p99 := out.MetricDataResults[0], out.MetricDataResults[1]
	if !state.Timestamps[0].After(state.Timestamps[1].Time) || state.Values[0] != 1 || state.Label != "ConnectionState" {
		t.Errorf("state result (newest first) %+v", state)
	}
	avg := average(t, cw.stats(t, "ConnectionBpsIngress", conn, start.Add(9*time.Minute), start.Add(10*time.Minute), 60, "Maximum", "Average"))
	if p99.Values[0] < avg {
		t.Errorf("p99 %v below the average %v", p99.Values[0], avg)
	}

	// Four datapoints a page: pages go on with NextToken.
	kv = append(kv, "MaxDatapoints", "4", "ScanBy", "TimestampAscending")
	var got []float64
	token := ""
	for pages := 0; pages < 10; pages++ {
		p := params(kv...)
		if token != "" {
			p.Set("NextToken", token)
		}
		if err := cw.call("GetMetricData", p, &out); err != nil {
			t.Fatal(err)
		}
		for _, r := range out.MetricDataResults {
			got = append(got, r.Values...)
		}
		if token = out.NextToken; token == "" {
			break
		}
	}
	if len(got) != 20 {
		t.Errorf("pages held %d datapoints, want 20", len(got))
	}
}

func TestMetricQueriesAreValidatedAsCloudWatchDoes(t *testing.T) {
	w := dxsimtest.Start(t)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	now := w.Clock.Now()
	base := []string{"Namespace", "AWS/DX", "MetricName", "ConnectionState", "StartTime", ts(now.Add(-time.Hour)), "EndTime", ts(now)}
	for _, c := range []struct {
		kv     []string
		code   string
		reason string
	}{
		{[]string{"Namespace", "AWS/DX"}, cloudwatch.MissingParameter, "MetricName"},
		{append(base, "Period", "60"), cloudwatch.InvalidParameterCombination, "Statistics and ExtendedStatistics"},
		{append(base, "Period", "45", "Statistics.member.1", "Average"), cloudwatch.InvalidParameterValue, "multiple of 60"},
		{append(base, "Period", "1", "Statistics.member.1", "Average"), cloudwatch.InvalidParameterCombination, "exceeds the limit of 1440"},
		{append(base, "Period", "60", "Statistics.member.1", "Mean"), cloudwatch.InvalidParameterValue, "Mean"},
		{append(base, "Period", "60", "ExtendedStatistics.member.1", "p101"), cloudwatch.InvalidParameterValue, "percentile"},
		{[]string{"Namespace", "AWS/DX", "MetricName", "ConnectionState", "StartTime", ts(now), "EndTime", ts(now.Add(-time.Hour)), "Period", "60", "Statistics.member.1", "Average"}, cloudwatch.InvalidParameterValue, "StartTime must be less than"},
	} {
		wantError(t, cw.call("GetMetricStatistics", params(c.kv...), nil), http.StatusBadRequest, c.code, c.reason)
	}
	wantError(t, cw.call("GetMetricData", params("StartTime", ts(now.Add(-time.Hour)), "EndTime", ts(now)), nil), http.StatusBadRequest, cloudwatch.MissingParameter, "MetricDataQueries")
	wantError(t, cw.call("GetMetricData", params("StartTime", ts(now.Add(-time.Hour)), "EndTime", ts(now),
		"MetricDataQueries.member.1.Id", "Bad", "MetricDataQueries.member.1.Expression", "m1*2"), nil), http.StatusBadRequest, cloudwatch.InvalidParameterValue, "Id")
	wantError(t, cw.call("GetMetricData", params("StartTime", ts(now.Add(-time.Hour)), "EndTime", ts(now),
		"MetricDataQueries.member.1.Id", "e1", "MetricDataQueries.member.1.Expression", "m1*2"), nil), http.StatusBadRequest, cloudwatch.InvalidParameterValue, "metric math")
	wantError(t, cw.call("ListMetrics", params("RecentlyActive", "PT1H"), nil), http.StatusBadRequest, cloudwatch.InvalidParameterValue, "PT3H")
	wantError(t, cw.call("ListMetrics", params("NextToken", "garbage!"), nil), http.StatusBadRequest, cloudwatch.InvalidNextToken)
	wantError(t, cw.call("PutDashboard", nil, nil), http.StatusBadRequest, cloudwatch.InvalidAction, "PutDashboard")
	// A metric of another namespace, or one AWS/DX does not have, has no
	// datapoints: not an error.
	var out cloudwatch.GetMetricStatisticsOutput
	if err := cw.call("GetMetricStatistics", params("Namespace", "AWS/EC2", "MetricName", "CPUUtilization", "StartTime", ts(now.Add(-time.Hour)), "EndTime", ts(now), "Period", "60", "Statistics.member.1", "Average"), &out); err != nil || len(out.Datapoints) != 0 {
		t.Errorf("another namespace: %+v %v", out, err)
	}
}
