package awsapi

import (
	"github.com/dxsim/dxsim/cloudwatch"
)

// cloudwatchVersion is the CloudWatch API version the SDKs send.
const cloudwatchVersion = "2010-08-01"

// CloudWatch is the part of Amazon CloudWatch that follows Direct
// Connect's world (AWS/DX metrics, metric alarms and their tags), served
// by s over the AWS Query protocol (answers in <OpResponse><OpResult>,
// errors in <ErrorResponse>), signing name monitoring.
func CloudWatch(s *cloudwatch.Service) *API {
	return &API{
		Name:        "cloudwatch",
		Title:       "CloudWatch",
		SigningName: "monitoring",
		Protocol:    Query,
		Version:     cloudwatchVersion,
		Namespace:   "http://monitoring.amazonaws.com/doc/" + cloudwatchVersion + "/",
		Errors:      ErrorStyle{ServerFault: cloudwatch.InternalServiceError, Throttling: cloudwatch.Throttling, MessageKey: "message", AccessDenied: "AccessDenied"},
		Unknown: func(op, version string, served []string) error {
			return cloudwatch.UnknownOperation(op, version, served)
		},
		ops: cloudwatchOps(s),
	}
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
