"""A short dxsim tour with boto3: a LAG, its LOA, a Direct Connect gateway
listed through a paginator, and errors as botocore raises them.

    DXSIM_ENDPOINT=http://127.0.0.1:4599 python3 examples/python/tour.py

The endpoint is passed to the client, so boto3 older than 1.28 (which does
not read AWS_ENDPOINT_URL) works too.
"""
import os
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = os.environ.get("DXSIM_ENDPOINT", "http://127.0.0.1:4599")
dc = boto3.client(
    "directconnect",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="111122223333",  # 12 digits: the account ID
    aws_secret_access_key="anything",
)

lag = dc.create_lag(
    location="EqDC2",
    connectionsBandwidth="10Gbps",
    numberOfConnections=2,
    lagName="boto3-core",
)
members = [c["connectionId"] for c in lag["connections"]]
print("LAG", lag["lagId"], lag["lagState"], "members", members)
assert lag["lagState"] == "requested" and len(members) == 2

loa = dc.describe_loa(connectionId=lag["lagId"])
assert loa["loaContent"].startswith(b"%PDF-"), "the LOA is not a PDF"
print("LOA", len(loa["loaContent"]), "bytes of", loa["loaContentType"])

names = set()
for i in range(3):
    dc.create_direct_connect_gateway(directConnectGatewayName=f"boto3-gw-{i}", amazonSideAsn=64512 + i)
pages = dc.get_paginator("describe_direct_connect_gateways").paginate(PaginationConfig={"PageSize": 2})
count = 0
for page in pages:
    count += 1
    names.update(g["directConnectGatewayName"] for g in page["directConnectGateways"])
print("gateways", sorted(names), "in", count, "pages")
assert {"boto3-gw-0", "boto3-gw-1", "boto3-gw-2"} <= names and count >= 2

try:
    dc.create_connection(location="EqDC2", bandwidth="7Gbps", connectionName="odd")
    sys.exit("a 7Gbps connection was accepted")
except ClientError as e:
    err = e.response["Error"]
    print("refused:", err["Code"], "-", err["Message"])
    assert err["Code"] == "DirectConnectClientException"
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400

print("boto3 example: ok")
