package cloudwatch_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dxsim/dxsim/cloudwatch"
	"github.com/dxsim/dxsim/dxsimtest"
)

func TestPutMetricAlarmIsValidatedAsCloudWatchDoes(t *testing.T) {
	w := dxsimtest.Start(t)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	good := []string{"AlarmName", "a", "Namespace", "AWS/DX", "MetricName", "ConnectionState", "Statistic", "Minimum",
		"Period", "60", "EvaluationPeriods", "2", "Threshold", "1", "ComparisonOperator", "LessThanThreshold"}
	with := func(kv ...string) []string {
		out := append([]string{}, good...)
		for i := 0; i+1 < len(kv); i += 2 {
			replaced := false
			for j := 0; j+1 < len(out); j += 2 {
				if out[j] == kv[i] {
					out[j+1], replaced = kv[i+1], true
				}
			}
			if !replaced {
				out = append(out, kv[i], kv[i+1])
			}
		}
		return out
	}
	for _, c := range []struct {
		kv   []string
		code string
		part string
	}{
		{with("AlarmName", ""), cloudwatch.MissingParameter, "AlarmName"},
		{with("AlarmName", strings.Repeat("n", 256)), cloudwatch.ValidationError, "255"},
		{with("Period", "45"), cloudwatch.InvalidParameterValue, "multiple of 60"},
		{with("EvaluationPeriods", "0"), cloudwatch.InvalidParameterValue, "at least 1"},
		{with("Period", "86400", "EvaluationPeriods", "8"), cloudwatch.InvalidParameterCombination, "7 days"},
		{with("DatapointsToAlarm", "3"), cloudwatch.InvalidParameterValue, "EvaluationPeriods (2)"},
		{with("ComparisonOperator", "Bigger"), cloudwatch.InvalidParameterValue, "GreaterThanThreshold"},
		{with("ComparisonOperator", "LessThanLowerThreshold"), cloudwatch.InvalidParameterValue, "anomaly"},
		{with("TreatMissingData", "maybe"), cloudwatch.InvalidParameterValue, "notBreaching"},
		{with("ExtendedStatistic", "p99"), cloudwatch.InvalidParameterCombination, "mutually exclusive"},
		{with("AlarmActions.member.1", "not-an-arn"), cloudwatch.ValidationError, "Invalid arn syntax"},
		{with("Unit", "Furlongs"), cloudwatch.InvalidParameterValue, "Bits/Second"},
		{with("Tags.member.1.Key", "aws:x", "Tags.member.1.Value", "v"), cloudwatch.InvalidParameterValue, "reserved"},
		{with("Metrics.member.1.Id", "m1"), cloudwatch.InvalidParameterValue, "one metric"},
	} {
		wantError(t, cw.call("PutMetricAlarm", params(c.kv...), nil), http.StatusBadRequest, c.code, c.part)
	}
	var out cloudwatch.DescribeAlarmsOutput
	if err := cw.call("DescribeAlarms", nil, &out); err != nil || len(out.MetricAlarms) != 0 {
		t.Errorf("refused alarms were made: %+v %v", out, err)
	}
	wantError(t, cw.call("DescribeAlarms", params("AlarmNames.member.1", "a", "AlarmNamePrefix", "a"), nil), http.StatusBadRequest, cloudwatch.InvalidParameterCombination)
	wantError(t, cw.call("DescribeAlarms", params("MaxRecords", "101"), nil), http.StatusBadRequest, cloudwatch.InvalidParameterValue, "1 to 100")
	wantError(t, cw.call("SetAlarmState", params("AlarmName", "none", "StateValue", "ALARM", "StateReason", "test"), nil), http.StatusNotFound, cloudwatch.ResourceNotFound, "none")
	wantError(t, cw.call("SetAlarmState", params("AlarmName", "none", "StateValue", "ALARM", "StateReason", "test", "StateReasonData", "{"), nil), http.StatusBadRequest, cloudwatch.InvalidFormat)
}

func TestDeleteSetStateActionsTagsAndAlarmsForMetric(t *testing.T) {
	w := dxsimtest.Start(t)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	conn := readyConnection(t, w)
	cw.putStateAlarm(t, "a1", conn, "Tags.member.1.Key", "team", "Tags.member.1.Value", "net")
	cw.putStateAlarm(t, "a2", conn, "ActionsEnabled", "false")
	w.Clock.Advance(time.Minute)

	// SetAlarmState holds until the next evaluation, and attempts actions.
	set := w.Clock.Now()
	if err := cw.call("SetAlarmState", params("AlarmName", "a1", "StateValue", "ALARM", "StateReason", "testing the pager"), nil); err != nil {
		t.Fatal(err)
	}
	a := cw.alarm(t, "a1")
	wantState(t, a, cloudwatch.StateAlarm, set)
	if a.StateReason != "testing the pager" {
		t.Errorf("reason %q", a.StateReason)
	}
	w.Clock.Advance(time.Minute)
	wantState(t, cw.alarm(t, "a1"), cloudwatch.StateOK, set.Add(time.Minute))

	// Disabled actions are not attempted; enabled ones are.
	if err := w.LinkDown(ctx, conn); err != nil {
		t.Fatal(err)
	}
	w.Clock.Advance(2 * time.Minute)
	// a1 notified of OK, ALARM (set), OK, ALARM (down).
	for name, want := range map[string]int{"a1": 4, "a2": 0} {
		if got := len(cw.history(t, "AlarmName", name, "HistoryItemType", "Action")); got != want {
			t.Errorf("%s attempted %d actions, want %d", name, got, want)
		}
	}
	if err := cw.call("EnableAlarmActions", params("AlarmNames.member.1", "a2", "AlarmNames.member.2", "nothere"), nil); err != nil {
		t.Fatal(err)
	}
	if !cw.alarm(t, "a2").ActionsEnabled {
		t.Error("EnableAlarmActions left actions off")
	}

	var forMetric cloudwatch.DescribeAlarmsForMetricOutput
	if err := cw.call("DescribeAlarmsForMetric", params("Namespace", "AWS/DX", "MetricName", "ConnectionState",
		"Dimensions.member.1.Name", "ConnectionId", "Dimensions.member.1.Value", conn), &forMetric); err != nil {
		t.Fatal(err)
	}
	if len(forMetric.MetricAlarms) != 2 || forMetric.MetricAlarms[0].StateValue != cloudwatch.StateAlarm {
		t.Errorf("alarms for the metric: %+v", forMetric.MetricAlarms)
	}
	var byState cloudwatch.DescribeAlarmsOutput
	if err := cw.call("DescribeAlarms", params("StateValue", "ALARM", "MaxRecords", "1"), &byState); err != nil {
		t.Fatal(err)
	}
	if len(byState.MetricAlarms) != 1 || byState.NextToken == "" {
		t.Errorf("first page of alarms in ALARM: %+v", byState)
	}
	if err := cw.call("DescribeAlarms", params("StateValue", "ALARM", "MaxRecords", "1", "NextToken", byState.NextToken), &byState); err != nil {
		t.Fatal(err)
	}
	if len(byState.MetricAlarms) != 1 || byState.MetricAlarms[0].AlarmName != "a2" || byState.NextToken != "" {
		t.Errorf("second page: %+v", byState)
	}

	// Tags.
	arn := cw.alarm(t, "a1").AlarmArn
	if err := cw.call("TagResource", params("ResourceARN", arn, "Tags.member.1.Key", "env", "Tags.member.1.Value", "lab"), nil); err != nil {
		t.Fatal(err)
	}
	if err := cw.call("UntagResource", params("ResourceARN", arn, "TagKeys.member.1", "team"), nil); err != nil {
		t.Fatal(err)
	}
	var tags cloudwatch.ListTagsForResourceOutput
	if err := cw.call("ListTagsForResource", params("ResourceARN", arn), &tags); err != nil {
		t.Fatal(err)
	}
	if len(tags.Tags) != 1 || tags.Tags[0] != (cloudwatch.Tag{Key: "env", Value: "lab"}) {
		t.Errorf("tags %+v", tags.Tags)
	}
	other := cwClient(w, dxsimtest.OtherAccount, dxsimtest.Region)
	wantError(t, other.call("ListTagsForResource", params("ResourceARN", arn), nil), http.StatusNotFound, cloudwatch.ResourceNotFoundException)

	// DeleteAlarms deletes all named, or none if one is missing.
	wantError(t, cw.call("DeleteAlarms", params("AlarmNames.member.1", "a1", "AlarmNames.member.2", "nothere"), nil), http.StatusNotFound, cloudwatch.ResourceNotFound, "nothere")
	if err := cw.call("DeleteAlarms", params("AlarmNames.member.1", "a1", "AlarmNames.member.2", "a2"), nil); err != nil {
		t.Fatal(err)
	}
	var left cloudwatch.DescribeAlarmsOutput
	if err := cw.call("DescribeAlarms", nil, &left); err != nil || len(left.MetricAlarms) != 0 {
		t.Errorf("after DeleteAlarms: %+v %v", left, err)
	}
	if h := cw.history(t); len(h) != 0 {
		t.Errorf("deleted alarms left %d history items", len(h))
	}
	export := string(dxsimtest.Admin(t, w, "GET", "/_dxsim/export", ""))
	if strings.Contains(export, `"cw-alarm"`) {
		t.Error("deleted alarms are still in the store")
	}
}

func TestTreatMissingData(t *testing.T) {
	w := dxsimtest.Start(t)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	// No such connection: every period is missing.
	for name, want := range map[string]string{"missing": cloudwatch.StateInsufficientData, "breaching": cloudwatch.StateAlarm,
		"notBreaching": cloudwatch.StateOK, "ignore": cloudwatch.StateInsufficientData} {
		cw.putStateAlarm(t, name, "dxcon-fgabcdef", "TreatMissingData", name)
		w.Clock.Advance(2 * time.Minute)
		if got := cw.alarm(t, name).StateValue; got != want {
			t.Errorf("TreatMissingData %s: %s, want %s", name, got, want)
		}
	}
}
