package cloudwatch_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dxsim/dxsim/dxsimtest"
)

// FuzzQuery sends CloudWatch operations form bodies of any content: each
// is answered, never with a server fault.
func FuzzQuery(f *testing.F) {
	ops := []string{"ListMetrics", "GetMetricStatistics", "GetMetricData", "PutMetricAlarm", "DescribeAlarms", "DescribeAlarmsForMetric",
		"DeleteAlarms", "DescribeAlarmHistory", "SetAlarmState", "EnableAlarmActions", "DisableAlarmActions", "TagResource", "UntagResource", "ListTagsForResource"}
	w := dxsimtest.Start(f)
	conn := readyConnection(f, w)
	w.Clock.Advance(10 * time.Minute)
	now := w.Clock.Now()
	seeds := []string{
		"",
		"Namespace=AWS/DX&MetricName=ConnectionState&Dimensions.member.1.Name=ConnectionId&Dimensions.member.1.Value=$CONN&StartTime=" + ts(now.Add(-time.Hour)) + "&EndTime=" + ts(now) + "&Period=60&Statistics.member.1=Average&ExtendedStatistics.member.1=p99",
		"MetricDataQueries.member.1.Id=m&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS/DX&MetricDataQueries.member.1.MetricStat.Metric.MetricName=ConnectionLightLevelRx&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=ConnectionId&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=$CONN&MetricDataQueries.member.1.MetricStat.Period=1&MetricDataQueries.member.1.MetricStat.Stat=p0&StartTime=0&EndTime=99999999999&MaxDatapoints=1",
		"AlarmName=a&Namespace=AWS/DX&MetricName=ConnectionState&Dimensions.member.1.Name=ConnectionId&Dimensions.member.1.Value=$CONN&Statistic=Minimum&Period=10&EvaluationPeriods=60480&Threshold=-1e308&ComparisonOperator=LessThanThreshold&TreatMissingData=breaching&AlarmActions.member.1=arn:aws:sns:x:y:z",
		"AlarmNames.member.1=a&AlarmNamePrefix=&StateValue=ALARM&MaxRecords=1&NextToken=YQ",
		"AlarmName=a&StateValue=OK&StateReason=r&StateReasonData={}",
		"ResourceARN=arn:aws:cloudwatch:us-east-1:111122223333:alarm:a&Tags.member.1.Key=k&Tags.member.1.Value=v&TagKeys.member.1=k",
		"Dimensions.member.1.Name=ConnectionId&Dimensions.member.1.Value=$CONN&RecentlyActive=PT3H&NextToken=Y3w",
	}
	for i := range ops {
		for _, s := range seeds {
			f.Add(uint8(i), s)
		}
	}
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	f.Fuzz(func(t *testing.T, op uint8, body string) {
		form, err := url.ParseQuery(strings.ReplaceAll(body, "$CONN", conn))
		if err != nil {
			return
		}
		form.Del("Action")
		form.Del("Version")
		if err := cw.call(ops[int(op)%len(ops)], form, nil); err != nil {
			if e, ok := err.(*apiError); !ok || e.Status >= 500 || e.Code == "" {
				t.Fatalf("%s %q: %v", ops[int(op)%len(ops)], body, err)
			}
		}
	})
}
