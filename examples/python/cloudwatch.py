"""CloudWatch over dxsim with boto3: a connection's AWS/DX metrics, and an
alarm on ConnectionState that goes to ALARM when its device goes down.

    DXSIM_ENDPOINT=http://127.0.0.1:4599 python3 examples/python/cloudwatch.py

It stops the world's clock (manual mode) and moves it through the admin
API. dxsim serves CloudWatch over the AWS Query protocol, which botocore
sent before its CloudWatch model moved to Smithy RPC v2 CBOR: Debian's
python3-boto3 (1.26) works.
"""
import datetime
import json
import os
import urllib.request

import boto3
from botocore.exceptions import ClientError

endpoint = os.environ.get("DXSIM_ENDPOINT", "http://127.0.0.1:4599")
auth = dict(
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="111122223333",  # 12 digits: the account ID
    aws_secret_access_key="anything",
)
dc = boto3.client("directconnect", **auth)
cw = boto3.client("cloudwatch", **auth)


def admin(method, path, body=None):
    """Calls dxsim's admin API and answers its JSON."""
    req = urllib.request.Request(
        endpoint + path,
        method=method,
        data=json.dumps(body or {}).encode(),
        headers={"Content-Type": "application/json"},
    )
    token = os.environ.get("DXSIM_ADMIN_TOKEN")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def advance(duration):
    return datetime.datetime.fromisoformat(
        admin("POST", "/_dxsim/clock/advance", {"duration": duration})["now"][:19] + "+00:00"
    )


admin("PUT", "/_dxsim/clock", {"mode": "manual"})
conn = dc.create_connection(location="EqDC2", bandwidth="10Gbps", connectionName="watched")
cid = conn["connectionId"]
dc.describe_loa(connectionId=cid)  # orders the cross-connect
advance("2m")
device = dc.describe_connections(connectionId=cid)["connections"][0]["awsDevice"]

metrics = cw.list_metrics(Namespace="AWS/DX", Dimensions=[{"Name": "ConnectionId", "Value": cid}])["Metrics"]
print("metrics of", cid, sorted({m["MetricName"] for m in metrics}))
assert {"ConnectionState", "ConnectionBpsEgress", "ConnectionLightLevelRx"} <= {m["MetricName"] for m in metrics}

cw.put_metric_alarm(
    AlarmName=f"{cid}-down",
    Namespace="AWS/DX",
    MetricName="ConnectionState",
    Dimensions=[{"Name": "ConnectionId", "Value": cid}],
    Statistic="Minimum",
    Period=60,
    EvaluationPeriods=1,
    Threshold=1,
    ComparisonOperator="LessThanThreshold",
    AlarmActions=["arn:aws:sns:us-east-1:111122223333:network-oncall"],
)
state = lambda: cw.describe_alarms(AlarmNames=[f"{cid}-down"])["MetricAlarms"][0]["StateValue"]
print("new alarm:", state())
advance("1m")
print("a minute later:", state())
assert state() == "OK"

admin("POST", f"/_dxsim/links/{device}/down")
now = advance("5m")
print("device down, five minutes later:", state())
assert state() == "ALARM"

stats = cw.get_metric_statistics(
    Namespace="AWS/DX",
    MetricName="ConnectionState",
    Dimensions=[{"Name": "ConnectionId", "Value": cid}],
    StartTime=now - datetime.timedelta(minutes=8),
    EndTime=now,
    Period=60,
    Statistics=["Minimum"],
)
print("ConnectionState by minute:", [int(d["Minimum"]) for d in sorted(stats["Datapoints"], key=lambda d: d["Timestamp"])])

for item in cw.describe_alarm_history(AlarmName=f"{cid}-down", ScanBy="TimestampAscending")["AlarmHistoryItems"]:
    print(item["Timestamp"].strftime("%H:%M:%S"), item["HistoryItemType"], item["HistorySummary"])

admin("POST", f"/_dxsim/links/{device}/up")
try:
    cw.set_alarm_state(AlarmName="no-such-alarm", StateValue="OK", StateReason="test")
except ClientError as e:
    print("SetAlarmState of no alarm:", e.response["Error"]["Code"])
    assert e.response["Error"]["Code"] == "ResourceNotFound"
cw.delete_alarms(AlarmNames=[f"{cid}-down"])
dc.delete_connection(connectionId=cid)
print("ok")
