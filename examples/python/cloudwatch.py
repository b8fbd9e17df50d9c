"""CloudWatch over dxsim with boto3: a connection's AWS/DX metrics, and an
alarm on its ConnectionState that goes to ALARM when its device goes down
and back to OK when it comes up.

    DXSIM_ENDPOINT=http://127.0.0.1:4599 python3 examples/python/cloudwatch.py

It stops the world's clock (manual mode), moves it through the admin API,
and puts the clock's mode back at the end. dxsim serves CloudWatch in each
protocol botocore sends: AWS JSON 1.0 (boto3 from 1.42 or so, whose model
lists it) and AWS Query (older boto3, such as Debian 12's 1.26). It checks
every answer and fails with an AssertionError when one is not what
CloudWatch would answer.
"""
import datetime
import json
import os
import urllib.request

import boto3
import botocore

endpoint = os.environ.get("DXSIM_ENDPOINT", "http://127.0.0.1:4599")
auth = dict(
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="111122223333",  # 12 digits: the account ID
    aws_secret_access_key="anything",
)
dc = boto3.client("directconnect", **auth)
cw = boto3.client("cloudwatch", **auth)
model = cw.meta.service_model
print("boto3", boto3.__version__, "botocore", botocore.__version__, "sends CloudWatch",
      getattr(model, "resolved_protocol", None) or model.protocol)


def admin(method, path, body=None):
    """Calls dxsim's admin API and answers its JSON."""
    req = urllib.request.Request(
        endpoint + path,
        method=method,
        data=None if method == "GET" else json.dumps(body or {}).encode(),
        headers={"Content-Type": "application/json"},
    )
    token = os.environ.get("DXSIM_ADMIN_TOKEN")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def moment(clock):
    return datetime.datetime.fromisoformat(clock["now"][:19] + "+00:00")


def advance(duration):
    return moment(admin("POST", "/_dxsim/clock/advance", {"duration": duration}))


def at(t):
    return t.strftime("%H:%M:%S")


# A manual clock on a whole minute, so that every minute below is whole.
before = admin("GET", "/_dxsim/clock")
now = moment(admin("PUT", "/_dxsim/clock", {"mode": "manual"}))  # whole seconds
now = now + datetime.timedelta(seconds=60 - now.second)
admin("PUT", "/_dxsim/clock", {"mode": "manual", "now": now.isoformat()})
start = now

conn = dc.create_connection(location="EqDC2", bandwidth="10Gbps", connectionName="watched")
cid = conn["connectionId"]
dc.describe_loa(connectionId=cid)  # orders the cross-connect
admin("POST", f"/_dxsim/provisioning/{cid}/complete")
described = dc.describe_connections(connectionId=cid)["connections"][0]
assert described["connectionState"] == "available", described["connectionState"]
device = described["awsDevice"]
dimensions = [{"Name": "ConnectionId", "Value": cid}]
now = advance("2m")

metrics = cw.list_metrics(Namespace="AWS/DX", Dimensions=dimensions)["Metrics"]
names = {m["MetricName"] for m in metrics}
print("metrics of", cid, sorted(names))
assert {"ConnectionState", "ConnectionBpsEgress", "ConnectionLightLevelRx"} <= names, names


def minima(since, until):
    """ConnectionState's Minimum by minute, with GetMetricStatistics."""
    points = cw.get_metric_statistics(
        Namespace="AWS/DX", MetricName="ConnectionState", Dimensions=dimensions,
        StartTime=since, EndTime=until, Period=60, Statistics=["Minimum", "SampleCount"],
    )["Datapoints"]
    assert all(p["SampleCount"] == 2 for p in points), points
    return [int(p["Minimum"]) for p in sorted(points, key=lambda p: p["Timestamp"])]


assert minima(start, now) == [1, 1], minima(start, now)

name = f"{cid}-down"
cw.put_metric_alarm(
    AlarmName=name,
    Namespace="AWS/DX",
    MetricName="ConnectionState",
    Dimensions=dimensions,
    Statistic="Minimum",
    Period=60,
    EvaluationPeriods=1,
    DatapointsToAlarm=1,
    Threshold=1,
    ComparisonOperator="LessThanThreshold",
    AlarmActions=["arn:aws:sns:us-east-1:111122223333:network-oncall"],
)


def alarm():
    a = cw.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]
    return a["StateValue"], a["StateUpdatedTimestamp"]


state, since = alarm()
print("new alarm:", state)
assert state == "INSUFFICIENT_DATA", state
now = advance("1m")
state, since = alarm()
print("a minute later:", state, "since", at(since))
assert (state, since) == ("OK", now), (state, since)

down = now
admin("POST", f"/_dxsim/links/{device}/down")
now = advance("5m")
state, since = alarm()
print(f"device {device} down at {at(down)}; five minutes later:", state, "since", at(since))
assert (state, since) == ("ALARM", down + datetime.timedelta(minutes=1)), (state, since)

# GetMetricData reads the same minutes, newest first: 5 down, 3 up.
result = cw.get_metric_data(
    StartTime=start, EndTime=now,
    MetricDataQueries=[{"Id": "state", "MetricStat": {
        "Metric": {"Namespace": "AWS/DX", "MetricName": "ConnectionState", "Dimensions": dimensions},
        "Period": 60, "Stat": "Minimum"}}],
)["MetricDataResults"][0]
print("ConnectionState by minute, newest first:", [int(v) for v in result["Values"]])
assert result["StatusCode"] == "Complete" and result["Values"] == [0.0] * 5 + [1.0] * 3, result
assert result["Timestamps"][0] == now - datetime.timedelta(minutes=1), result["Timestamps"]

back = now
admin("POST", f"/_dxsim/links/{device}/up")
now = advance("2m")
state, since = alarm()
print(f"device up at {at(back)}; two minutes later:", state, "since", at(since))
assert (state, since) == ("OK", back + datetime.timedelta(minutes=1)), (state, since)
assert minima(start, now) == [1] * 3 + [0] * 5 + [1] * 2, minima(start, now)

history = cw.describe_alarm_history(AlarmName=name, ScanBy="TimestampAscending")["AlarmHistoryItems"]
for item in history:
    print(at(item["Timestamp"]), item["HistoryItemType"], item["HistorySummary"])
transitions = [i["HistorySummary"] for i in history if i["HistoryItemType"] == "StateUpdate"]
assert transitions == [
    "Alarm updated from INSUFFICIENT_DATA to OK",
    "Alarm updated from OK to ALARM",
    "Alarm updated from ALARM to OK",
], transitions
assert [i["HistoryItemType"] for i in history].count("Action") == 1, history  # the ALARM action only

# Errors are botocore's modeled exceptions, with CloudWatch's codes.
try:
    cw.set_alarm_state(AlarmName="no-such-alarm", StateValue="OK", StateReason="test")
    raise AssertionError("SetAlarmState of no alarm succeeded")
except cw.exceptions.ResourceNotFound as e:
    print("SetAlarmState of no alarm:", e.response["Error"]["Code"])
    assert e.response["Error"]["Code"] == "ResourceNotFound"
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404
try:
    cw.put_metric_alarm(AlarmName="bad", Namespace="AWS/DX", MetricName="ConnectionState", Statistic="Minimum",
                        Period=45, EvaluationPeriods=1, Threshold=1, ComparisonOperator="LessThanThreshold")
    raise AssertionError("PutMetricAlarm with Period 45 succeeded")
except cw.exceptions.InvalidParameterValueException as e:
    print("PutMetricAlarm with Period 45:", e.response["Error"]["Code"], "-", e.response["Error"]["Message"])
    assert e.response["Error"]["Code"] == "InvalidParameterValue"

cw.delete_alarms(AlarmNames=[name])
assert cw.describe_alarms(AlarmNames=[name])["MetricAlarms"] == []
dc.delete_connection(connectionId=cid)
admin("PUT", "/_dxsim/clock", {"mode": before["mode"], "factor": before.get("factor", 0)})
print("ok")
