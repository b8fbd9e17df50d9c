package awsapi

import (
	"github.com/dxsim/dxsim/cloudwatch"
)

// CloudWatch is the part of Amazon CloudWatch that follows Direct
// Connect's world (AWS/DX metrics, metric alarms and their tags), served
// by s in each protocol its clients send (cloudwatch_protocols.go): AWS
// Query, AWS JSON 1.0 and Smithy RPC v2 CBOR, signing name monitoring.
func CloudWatch(s *cloudwatch.Service) *API {
	api := cloudWatch(cloudwatchOps(s))
	api.Unknown = cloudwatch.UnknownOperation
	return api
}

func cloudwatchOps(s *cloudwatch.Service) map[string]operation {
	return map[string]operation{
		"ListMetrics":         op(s.ListMetrics),
		"GetMetricStatistics": op(s.GetMetricStatistics),
		"GetMetricData":       op(s.GetMetricData),

		"PutMetricAlarm":          op(s.PutMetricAlarm),
		"DescribeAlarms":          op(s.DescribeAlarms),
		"DescribeAlarmsForMetric": op(s.DescribeAlarmsForMetric),
		"DeleteAlarms":            op(s.DeleteAlarms),
		"DescribeAlarmHistory":    op(s.DescribeAlarmHistory),
		"SetAlarmState":           op(s.SetAlarmState),
		"EnableAlarmActions":      op(s.EnableAlarmActions),
		"DisableAlarmActions":     op(s.DisableAlarmActions),

		"TagResource":         op(s.TagResource),
		"UntagResource":       op(s.UntagResource),
		"ListTagsForResource": op(s.ListTagsForResource),
	}
}
