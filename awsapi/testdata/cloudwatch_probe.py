# Drives the stub CloudWatch of awsapi's tests with boto3 and prints what
# the client got as JSON. Arguments: the endpoint URL, and the protocol to
# force on botocore ("" keeps the one botocore picks from its model).
import base64
import datetime
import json
import sys

import boto3
import botocore
import botocore.config
import botocore.loaders

url, force = sys.argv[1], sys.argv[2]

if force:
    load = botocore.loaders.Loader.load_service_model

    def forced(self, service_name, type_name, api_version=None):
        model = load(self, service_name, type_name, api_version)
        if service_name == "cloudwatch" and type_name == "service-2":
            model["metadata"]["protocol"] = force
            model["metadata"]["protocols"] = [force]
        return model

    botocore.loaders.Loader.load_service_model = forced

c = boto3.client(
    "cloudwatch", endpoint_url=url, region_name="eu-west-1",
    aws_access_key_id="111122223333", aws_secret_access_key="secret",
    config=botocore.config.Config(retries={"max_attempts": 1}))
model = c.meta.service_model
protocol = getattr(model, "resolved_protocol", None) or model.protocol
out = {"botocore": botocore.__version__, "protocol": protocol}
dimension = [{"Name": "ConnectionId", "Value": "dxcon-fg5678gh"}]


def failure(e):
    return {"class": type(e).__name__, "code": e.response["Error"]["Code"],
            "message": e.response["Error"]["Message"],
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}


r = c.list_metrics(Namespace="AWS/DX", MetricName="ConnectionState", Dimensions=dimension)
out["list"] = {"metrics": r["Metrics"], "next": r.get("NextToken")}

start = datetime.datetime(2026, 3, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
end = start + datetime.timedelta(minutes=90, milliseconds=250)
r = c.get_metric_data(
    StartTime=start, EndTime=end, MaxDatapoints=1440,
    MetricDataQueries=[{"Id": "bps", "ReturnData": True, "MetricStat": {
        "Period": 300, "Stat": "Average",
        "Metric": {"Namespace": "AWS/DX", "MetricName": "ConnectionBpsEgress", "Dimensions": dimension}}}])
res = r["MetricDataResults"][0]
out["data"] = {"id": res["Id"], "label": res["Label"], "status": res["StatusCode"],
               "timestamps": [t.timestamp() for t in res["Timestamps"]], "values": res["Values"]}

alarm = dict(AlarmName="dx-down", Namespace="AWS/DX", MetricName="ConnectionState",
             Statistic="Minimum", ComparisonOperator="LessThanThreshold", Period=60,
             EvaluationPeriods=3, Threshold=0.5, ActionsEnabled=False, Dimensions=dimension,
             AlarmActions=["arn:aws:sns:eu-west-1:111122223333:ops"], Tags=[{"Key": "team", "Value": "net"}])
c.put_metric_alarm(**alarm)
try:
    c.put_metric_alarm(**dict(alarm, AlarmName="one-too-many"))
    out["limit"] = "no error"
except c.exceptions.LimitExceededFault as e:
    out["limit"] = failure(e)
try:
    c.list_metrics(NextToken="stale")
    out["token"] = "no error"
except c.exceptions.InvalidNextToken as e:
    out["token"] = failure(e)
try:
    c.describe_alarms()
    out["unknown"] = "no error"
except botocore.exceptions.ClientError as e:
    out["unknown"] = failure(e)
if protocol != "query":  # the stub's Query answers write a blob raw
    r = c.get_metric_widget_image(MetricWidget='{"metrics":[]}', OutputFormat="png")
    out["image"] = base64.b64encode(r["MetricWidgetImage"]).decode()
print(json.dumps(out))
