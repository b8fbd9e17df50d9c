// Drives the stub CloudWatch of awsapi's tests with the JavaScript v3 SDK
// and prints what the client got as JSON. Arguments: the endpoint URL, and
// the protocol to send ("" for the client's own, AWS JSON 1.0; "cbor";
// "query").
import { AwsSmithyRpcV2CborProtocol, AwsQueryProtocol } from "@aws-sdk/core/protocols";
import {
  CloudWatchClient, ListMetricsCommand, GetMetricDataCommand, PutMetricAlarmCommand,
  GetMetricWidgetImageCommand, DescribeAlarmsCommand, LimitExceededFault, InvalidNextToken,
} from "@aws-sdk/client-cloudwatch";

const protocol = { cbor: AwsSmithyRpcV2CborProtocol, query: AwsQueryProtocol }[process.argv[3]];
const c = new CloudWatchClient({
  endpoint: process.argv[2], region: "eu-west-1", maxAttempts: 1, ...(protocol && { protocol }),
  credentials: { accessKeyId: "111122223333", secretAccessKey: "secret" },
});
const dimension = [{ Name: "ConnectionId", Value: "dxcon-fg5678gh" }];
const failure = (e, cls) => ({
  // A Query-compatible error has its Query code in Code; name is its class.
  class: cls && e instanceof cls ? cls.name : e.constructor.name, code: e.Code ?? e.name,
  message: e.message, status: e.$metadata?.httpStatusCode,
});
const out = {};

let r = await c.send(new ListMetricsCommand({ Namespace: "AWS/DX", MetricName: "ConnectionState", Dimensions: dimension }));
out.list = { metrics: r.Metrics, next: r.NextToken };

const start = new Date(Date.UTC(2026, 2, 1, 12, 0, 0));
r = await c.send(new GetMetricDataCommand({
  StartTime: start, EndTime: new Date(start.getTime() + 90 * 60000 + 250), MaxDatapoints: 1440,
  MetricDataQueries: [{ Id: "bps", ReturnData: true, MetricStat: { Period: 300, Stat: "Average",
    Metric: { Namespace: "AWS/DX", MetricName: "ConnectionBpsEgress", Dimensions: dimension } } }],
}));
const res = r.MetricDataResults[0];
out.data = { id: res.Id, label: res.Label, status: res.StatusCode,
  timestamps: res.Timestamps.map((t) => t.getTime() / 1000), values: res.Values };

const alarm = { AlarmName: "dx-down", Namespace: "AWS/DX", MetricName: "ConnectionState",
  Statistic: "Minimum", ComparisonOperator: "LessThanThreshold", Period: 60, EvaluationPeriods: 3,
  Threshold: 0.5, ActionsEnabled: false, Dimensions: dimension,
  AlarmActions: ["arn:aws:sns:eu-west-1:111122223333:ops"], Tags: [{ Key: "team", Value: "net" }] };
await c.send(new PutMetricAlarmCommand(alarm));
try {
  await c.send(new PutMetricAlarmCommand({ ...alarm, AlarmName: "one-too-many" }));
  out.limit = "no error";
} catch (e) { out.limit = failure(e, LimitExceededFault); }
try {
  await c.send(new ListMetricsCommand({ NextToken: "stale" }));
  out.token = "no error";
} catch (e) { out.token = failure(e, InvalidNextToken); }
try {
  await c.send(new DescribeAlarmsCommand({}));
  out.unknown = "no error";
} catch (e) { out.unknown = failure(e); }
if (process.argv[3] !== "query") { // the stub's Query answers write a blob raw
  r = await c.send(new GetMetricWidgetImageCommand({ MetricWidget: '{"metrics":[]}', OutputFormat: "png" }));
  out.image = Buffer.from(r.MetricWidgetImage).toString("base64");
}
console.log(JSON.stringify(out));
