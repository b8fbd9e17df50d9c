package awsapi

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
)

// cwClient is an aws-sdk-go-v2 CloudWatch client of url, signing with key
// (a 12-digit key is the account) and secret in region, without retries;
// proto, when not nil, replaces the client's own protocol (RPC v2 CBOR).
func cwClient(url, key, secret, region string, proto smithyhttp.ClientProtocol) *cloudwatch.Client {
	cfg := aws.Config{
		Region:           region,
		Credentials:      credentials.NewStaticCredentialsProvider(key, secret, ""),
		RetryMaxAttempts: 1,
	}
	return cloudwatch.NewFromConfig(cfg, func(o *cloudwatch.Options) {
		o.BaseEndpoint = aws.String(url)
		if proto != nil {
			o.Protocol = proto
		}
	})
}

// cwProtocols are the protocols aws-sdk-go-v2's CloudWatch client can send:
// its own (RPC v2 CBOR, since v1.53.0), AWS JSON 1.0 as boto3 and the JS
// SDK send it, and AWS Query as older releases do. full is whether the
// stub decodes every member the test sends and answers blobs as the
// protocol wants them (Query: strings only; encoding/xml writes a []byte
// raw, not in base64). In Query, the SDK reports a modeled error's code as
// its shape's name (it takes the Query code to find the shape); in JSON
// and CBOR as the Query code of header x-amzn-query-error.
var cwProtocols = []struct {
	name  string
	proto smithyhttp.ClientProtocol
	wire  string
	full  bool
}{
	{"RPCv2CBOR", nil, "cbor rpc-v2-cbor", true},
	{"JSON10", awsjson.New10(schemas.GraniteServiceVersion20100801), "json application/x-amz-json-1.0", true},
	{"Query", awsquery.New(schemas.GraniteServiceVersion20100801), "query", false},
}

// code is the code the SDK reports for a modeled error of Query code
// query and shape shape.
func code(full bool, query, shape string) string {
	if full {
		return query
	}
	return shape
}

// TestCloudWatchGoSDKInEveryProtocol: the same CloudWatch API answers the
// Go SDK in each protocol it can send: inputs arrive decoded (strings,
// integers, doubles, booleans, timestamps, lists of structures), outputs
// reach the client as its types (timestamps, doubles, blobs, lists), and
// errors as the modeled error types with the Query code, at their status.
func TestCloudWatchGoSDKInEveryProtocol(t *testing.T) {
	for _, p := range cwProtocols {
		t.Run(p.name, func(t *testing.T) {
			stubs, url := startCloudWatch(t, Identity{DefaultAccount: "000000000000"})
			c := cwClient(url, "111122223333", "secret", "eu-west-1", p.proto)
			ctx := context.Background()
			defer func() {
				for _, w := range stubs.wiresSeen() {
					if w != p.wire {
						t.Errorf("a request was sent as %q, want %q", w, p.wire)
					}
				}
			}()

			lm, err := c.ListMetrics(ctx, &cloudwatch.ListMetricsInput{
				Namespace: aws.String("AWS/DX"), MetricName: aws.String("ConnectionState"),
				Dimensions: []types.DimensionFilter{{Name: aws.String("ConnectionId"), Value: aws.String("dxcon-fg5678gh")}},
			})
			if err != nil {
				t.Fatalf("ListMetrics: %v", err)
			}
			if len(lm.Metrics) != 1 || aws.ToString(lm.Metrics[0].MetricName) != "ConnectionState" || aws.ToString(lm.Metrics[0].Namespace) != "AWS/DX" ||
				len(lm.Metrics[0].Dimensions) != 1 || aws.ToString(lm.Metrics[0].Dimensions[0].Value) != "dxcon-fg5678gh" || aws.ToString(lm.NextToken) != "page-2" {
				t.Errorf("ListMetrics answered %+v", lm)
			}
			in := stubs.got().list[0]
			if in.Namespace != "AWS/DX" || in.MetricName != "ConnectionState" {
				t.Errorf("ListMetrics got %+v", in)
			}
			if p.full && (len(in.Dimensions) != 1 || in.Dimensions[0] != (cwDimension{"ConnectionId", "dxcon-fg5678gh"})) {
				t.Errorf("ListMetrics got dimensions %+v", in.Dimensions)
			}
			if got := stubs.got().callers[0]; got.Account != "111122223333" || got.Region != "eu-west-1" {
				t.Errorf("the caller is %+v, want account 111122223333 in eu-west-1", got)
			}

			start, end := cwStart, cwStart.Add(90*time.Minute+250*time.Millisecond)
			gd, err := c.GetMetricData(ctx, &cloudwatch.GetMetricDataInput{
				StartTime: &start, EndTime: &end, MaxDatapoints: aws.Int32(1440),
				MetricDataQueries: []types.MetricDataQuery{{
					Id: aws.String("bps"), ReturnData: aws.Bool(true),
					MetricStat: &types.MetricStat{Period: aws.Int32(300), Stat: aws.String("Average"),
						Metric: &types.Metric{Namespace: aws.String("AWS/DX"), MetricName: aws.String("ConnectionBpsEgress"),
							Dimensions: []types.Dimension{{Name: aws.String("ConnectionId"), Value: aws.String("dxcon-fg5678gh")}}}},
				}},
			})
			if err != nil {
				t.Fatalf("GetMetricData: %v", err)
			}
			want := cwData.MetricDataResults[0]
			if len(gd.MetricDataResults) != 1 {
				t.Fatalf("GetMetricData answered %+v", gd)
			}
			r := gd.MetricDataResults[0]
			if aws.ToString(r.Id) != want.ID || aws.ToString(r.Label) != want.Label || string(r.StatusCode) != want.StatusCode ||
				!slices.Equal(r.Values, want.Values) || len(r.Timestamps) != 2 ||
				!r.Timestamps[0].Equal(want.Timestamps[0].Time) || !r.Timestamps[1].Equal(want.Timestamps[1].Time) {
				t.Errorf("GetMetricData answered %+v, want %+v", r, want)
			}
			if p.full {
				d := stubs.got().data[0]
				if d.StartTime == nil || !d.StartTime.Equal(start) || d.EndTime == nil || !d.EndTime.Equal(end) ||
					d.MaxDatapoints == nil || *d.MaxDatapoints != 1440 || len(d.MetricDataQueries) != 1 {
					t.Fatalf("GetMetricData got %+v", d)
				}
				q := d.MetricDataQueries[0]
				if q.ID != "bps" || q.ReturnData == nil || !*q.ReturnData || q.MetricStat == nil || q.MetricStat.Period != 300 ||
					q.MetricStat.Stat != "Average" || q.MetricStat.Metric.MetricName != "ConnectionBpsEgress" ||
					len(q.MetricStat.Metric.Dimensions) != 1 || q.MetricStat.Metric.Dimensions[0].Value != "dxcon-fg5678gh" {
					t.Errorf("GetMetricData got query %+v (stat %+v)", q, q.MetricStat)
				}
			}

			alarm := &cloudwatch.PutMetricAlarmInput{
				AlarmName: aws.String("dx-down"), Namespace: aws.String("AWS/DX"), MetricName: aws.String("ConnectionState"),
				Statistic: types.StatisticMinimum, ComparisonOperator: types.ComparisonOperatorLessThanThreshold,
				Period: aws.Int32(60), EvaluationPeriods: aws.Int32(3), Threshold: aws.Float64(0.5), ActionsEnabled: aws.Bool(false),
				Dimensions:   []types.Dimension{{Name: aws.String("ConnectionId"), Value: aws.String("dxcon-fg5678gh")}},
				AlarmActions: []string{"arn:aws:sns:eu-west-1:111122223333:ops"},
				Tags:         []types.Tag{{Key: aws.String("team"), Value: aws.String("net")}},
			}
			if _, err := c.PutMetricAlarm(ctx, alarm); err != nil {
				t.Fatalf("PutMetricAlarm: %v", err)
			}
			a := stubs.got().alarms[0]
			if a.AlarmName != "dx-down" || a.Statistic != "Minimum" || a.ComparisonOperator != "LessThanThreshold" {
				t.Errorf("PutMetricAlarm got %+v", a)
			}
			if p.full && (a.Period != 60 || a.EvaluationPeriods != 3 || a.Threshold == nil || *a.Threshold != 0.5 ||
				a.ActionsEnabled == nil || *a.ActionsEnabled || len(a.Dimensions) != 1 ||
				!slices.Equal(a.AlarmActions, alarm.AlarmActions) || len(a.Tags) != 1 || a.Tags[0] != (cwTag{"team", "net"})) {
				t.Errorf("PutMetricAlarm got %+v", a)
			}

			alarm.AlarmName = aws.String("one-too-many")
			_, err = c.PutMetricAlarm(ctx, alarm)
			var limit *types.LimitExceededFault
			if !errors.As(err, &limit) || limit.ErrorCode() != code(p.full, "LimitExceeded", "LimitExceededFault") ||
				limit.ErrorMessage() != "The maximum number of alarms (5000) for account 111122223333 is reached" || statusOf(err) != 400 {
				t.Errorf("PutMetricAlarm over the limit: %v (status %d), want LimitExceededFault with code LimitExceeded, 400", err, statusOf(err))
			}
			_, err = c.ListMetrics(ctx, &cloudwatch.ListMetricsInput{NextToken: aws.String("stale")})
			var token *types.InvalidNextToken
			if !errors.As(err, &token) || token.ErrorCode() != "InvalidNextToken" || statusOf(err) != 400 {
				t.Errorf("ListMetrics with a stale token: %v, want InvalidNextToken, 400", err)
			}
			alarm.AlarmName = aws.String("boom")
			_, err = c.PutMetricAlarm(ctx, alarm)
			var fault *types.InternalServiceFault
			if !errors.As(err, &fault) || fault.ErrorCode() != code(p.full, "InternalServiceError", "InternalServiceFault") || statusOf(err) != 500 || fault.ErrorMessage() == "" {
				t.Errorf("a panicking operation: %v (status %d), want InternalServiceFault with code InternalServiceError and a message, 500", err, statusOf(err))
			}

			if !p.full {
				return
			}
			img, err := c.GetMetricWidgetImage(ctx, &cloudwatch.GetMetricWidgetImageInput{MetricWidget: aws.String(`{"metrics":[]}`), OutputFormat: aws.String("png")})
			if err != nil || !bytes.Equal(img.MetricWidgetImage, cwPNG) {
				t.Errorf("GetMetricWidgetImage: %v %x, want %x", err, img, cwPNG)
			}
			if w := stubs.got().widgets[0]; w.MetricWidget != `{"metrics":[]}` || w.OutputFormat != "png" {
				t.Errorf("GetMetricWidgetImage got %+v", w)
			}
		})
	}
}

// TestCloudWatchGoSDKUnknownOperation: an operation the API does not serve
// is a 400 InvalidAction in every protocol, not the fallback's error.
func TestCloudWatchGoSDKUnknownOperation(t *testing.T) {
	for _, p := range cwProtocols {
		t.Run(p.name, func(t *testing.T) {
			_, url := startCloudWatch(t, Identity{})
			c := cwClient(url, "111122223333", "secret", "us-east-1", p.proto)
			_, err := c.DescribeAlarms(context.Background(), &cloudwatch.DescribeAlarmsInput{})
			var ae smithy.APIError
			if !errors.As(err, &ae) || ae.ErrorCode() != "InvalidAction" || statusOf(err) != 400 {
				t.Errorf("DescribeAlarms: %v, want InvalidAction, 400", err)
			}
		})
	}
}

// TestCloudWatchStrictSigV4: strict mode verifies the signature of every
// protocol's requests over its own path and body, and takes the account
// from the key.
func TestCloudWatchStrictSigV4(t *testing.T) {
	cred := Credential{AccessKeyID: "AKIACLOUDWATCHTEST01", SecretAccessKey: "cloudwatch-secret", Account: "444455556666"}
	id := Identity{Mode: AuthStrict, Credentials: map[string]Credential{cred.AccessKeyID: cred}}
	for _, p := range cwProtocols {
		t.Run(p.name, func(t *testing.T) {
			stubs, url := startCloudWatch(t, id)
			in := &cloudwatch.ListMetricsInput{Namespace: aws.String("AWS/DX")}
			if _, err := cwClient(url, cred.AccessKeyID, cred.SecretAccessKey, "us-west-2", p.proto).ListMetrics(context.Background(), in); err != nil {
				t.Fatalf("signed with the right secret: %v", err)
			}
			if got := stubs.got().callers[0]; got.Account != cred.Account || got.Region != "us-west-2" {
				t.Errorf("the caller is %+v, want %s in us-west-2", got, cred.Account)
			}
			_, err := cwClient(url, cred.AccessKeyID, "wrong", "us-west-2", p.proto).ListMetrics(context.Background(), in)
			var ae smithy.APIError
			if !errors.As(err, &ae) || ae.ErrorCode() != InvalidSignatureError || statusOf(err) != 403 {
				t.Errorf("signed with a wrong secret: %v, want %s, 403", err, InvalidSignatureError)
			}
			if len(stubs.got().list) != 1 {
				t.Errorf("the operation ran %d times, want once (for the right secret only)", len(stubs.got().list))
			}
		})
	}
}

// statusOf is the HTTP status of an SDK error, or 0.
func statusOf(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}
