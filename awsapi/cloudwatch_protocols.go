package awsapi

import (
	"github.com/dxsim/dxsim/dx"
)

// Amazon CloudWatch is served in all three protocols its clients send, and
// a client sees the same answers and error codes in each:
//
//   - Smithy RPC v2 CBOR (POST /service/GraniteServiceVersion20100801/operation/<Op>,
//     Smithy-Protocol: rpc-v2-cbor, X-Amzn-Query-Mode: true): aws-sdk-go-v2's
//     service/cloudwatch from v1.53.0 (its CHANGELOG: "two additional
//     protocols ... replacing ... AWSQuery"; serializers.go, and from the
//     schema-serde releases rpcv2.NewCBOR in api_client.go), and the aws
//     CLI v2 once its botocore lists smithy-rpc-v2-cbor first in
//     PRIORITY_ORDERED_SUPPORTED_PROTOCOLS.
//   - AWS JSON 1.0, not 1.1 (X-Amz-Target: GraniteServiceVersion20100801.<Op>,
//     Content-Type application/x-amz-json-1.0, X-Amzn-Query-Mode: true):
//     boto3 and the aws CLI v1 on a botocore whose model lists (1.43:
//     "protocols": ["smithy-rpc-v2-cbor", "json", "query"] with "jsonVersion":
//     "1.0"), as they pick the first of their own PRIORITY_ORDERED_SUPPORTED_PROTOCOLS
//     ("json" before "smithy-rpc-v2-cbor"); and the JavaScript v3 SDK's
//     @aws-sdk/client-cloudwatch (AwsJson1_0Protocol, awsQueryCompatible).
//   - AWS Query (a form POST with Action and Version=2010-08-01, answered in
//     XML): every older client, aws-sdk-go-v2 before v1.53.0, botocore
//     before the model listed "protocols" (Debian's boto3 1.26 with botocore
//     1.29), the aws CLI v2 whose botocore's model does not, and the
//     JavaScript v3 SDK before it moved to JSON.
//
// The service is Query-compatible (awsQueryCompatible): JSON and CBOR
// errors name the error shape in __type and the Query code in header
// x-amzn-query-error, which aws-sdk-go-v2, botocore and the JavaScript SDK
// report as the error's code. CloudWatch's operations therefore return
// errors with their Query codes (cloudWatchErrors), in every protocol.

const cloudWatchVersion = "2010-08-01"

// cloudWatchErrors are CloudWatch's modeled errors: each Query code (the
// model's awsQueryError code, what an operation returns as dx.Error's Type)
// and its error shape.
var cloudWatchErrors = map[string]ErrorShape{
	"ConcurrentModificationException": {Name: "ConcurrentModificationException"},
	"ConflictException":               {Name: "ConflictException", MessageKey: "Message"},
	"InternalServiceError":            {Name: "InternalServiceFault", MessageKey: "Message"},
	"InvalidFormat":                   {Name: "InvalidFormatFault"},
	"InvalidNextToken":                {Name: "InvalidNextToken"},
	"InvalidParameterCombination":     {Name: "InvalidParameterCombinationException"},
	"InvalidParameterInput":           {Name: "DashboardInvalidInputError"},
	"InvalidParameterValue":           {Name: "InvalidParameterValueException"},
	"LimitExceeded":                   {Name: "LimitExceededFault"},
	"LimitExceededException":          {Name: "LimitExceededException"},
	"MissingParameter":                {Name: "MissingRequiredParameterException"},
	"ResourceNotFound":                {Name: "ResourceNotFound"},
	"ResourceNotFoundException":       {Name: "ResourceNotFoundException"},
}

// cloudWatch is Amazon CloudWatch's API (signing name monitoring) with
// ops, its table of operations, in AWS Query, AWS JSON 1.0 and Smithy RPC
// v2 CBOR. Each operation's input and output are Go structs whose `json`
// tags name the members (JSON and CBOR) and whose `query` and `xml` tags
// name them in Query; timestamps are dx.EpochTime (any struct that is
// just an embedded time.Time is one to CBOR). The service's table file,
// cloudwatch.go, fills it in:
//
//	func CloudWatch(s *cloudwatch.Service) *API {
//		return cloudWatch(map[string]operation{
//			"ListMetrics":    op(s.ListMetrics),
//			"PutMetricAlarm": op(s.PutMetricAlarm),
//			...
//		})
//	}
func cloudWatch(ops map[string]operation) *API {
	return &API{
		Name:        "cloudwatch",
		Title:       "CloudWatch",
		SigningName: "monitoring",
		Protocol:    Query,
		Also:        []Protocol{JSON10, RPCv2CBOR},
		Version:     cloudWatchVersion,
		Namespace:   "http://monitoring.amazonaws.com/doc/" + cloudWatchVersion + "/",
		Target:      "GraniteServiceVersion20100801.",
		Service:     "com.amazonaws.cloudwatch#GraniteServiceVersion20100801",
		QueryErrors: cloudWatchErrors,
		Errors:      ErrorStyle{ServerFault: "InternalServiceError", Throttling: "Throttling", MessageKey: "message", AccessDenied: "AccessDenied"},
		Unknown: func(op, _ string, served []string) error {
			return dx.TypedErrorf("InvalidAction", "Could not find operation %s for version %s; dxsim's CloudWatch serves %v", op, cloudWatchVersion, served)
		},
		ops: ops,
	}
}
