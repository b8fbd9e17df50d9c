"""A failover test as a user of the dxsim pytest plugin writes it: two
connections in two locations, each with a private virtual interface to one
Direct Connect gateway; a location goes dark, and the code under test must
see which path still carries traffic. Then a LAG whose minimum links no
longer hold.

    pip install ./python                # once: the plugin loads by itself
    pytest examples/python/test_failover.py

or from a checkout, without installing:

    PYTHONPATH=python pytest -p dxsim.pytest_plugin examples/python/test_failover.py

The `dxsim` fixture is a dxsim with an empty world and a stopped clock
(2026-01-01T00:00:00Z) for each test; dxsim.clock.advance moves it.
"""

import pytest

ACCOUNT = "111122223333"


# --- the code under test: a user's own automation -----------------------


def healthy_paths(dc, gateway_id):
    """The virtual interfaces on gateway_id that can carry traffic now:
    available, with every BGP session up."""
    vifs = dc.describe_virtual_interfaces()["virtualInterfaces"]
    return sorted(
        v["virtualInterfaceName"]
        for v in vifs
        if v["directConnectGatewayId"] == gateway_id
        and v["virtualInterfaceState"] == "available"
        and all(p["bgpStatus"] == "up" for p in v["bgpPeers"])
    )


# --- the tests --------------------------------------------------------------


@pytest.fixture
def dc(dxsim):
    return dxsim.client("directconnect", account=ACCOUNT, region="us-east-1")


def path(dc, gateway_id, location, name, vlan):
    """A 10 Gbps connection at location with a private interface named name."""
    conn = dc.create_connection(location=location, bandwidth="10Gbps", connectionName=name)
    dc.describe_loa(connectionId=conn["connectionId"])  # the LOA download orders the cross-connect
    dc.create_private_virtual_interface(
        connectionId=conn["connectionId"],
        newPrivateVirtualInterface={
            "virtualInterfaceName": name,
            "vlan": vlan,
            "asn": 65000,
            "directConnectGatewayId": gateway_id,
        },
    )
    return conn


def test_traffic_fails_over_when_a_location_goes_dark(dxsim, dc):
    gw = dc.create_direct_connect_gateway(directConnectGatewayName="core", amazonSideAsn=64600)
    gw_id = gw["directConnectGateway"]["directConnectGatewayId"]
    path(dc, gw_id, "EqDC2", "primary", 101)
    path(dc, gw_id, "CSVA1", "secondary", 102)
    assert healthy_paths(dc, gw_id) == []  # nothing is provisioned yet
    dxsim.provision()  # cross-connects, then interfaces and BGP, in simulated time
    assert healthy_paths(dc, gw_id) == ["primary", "secondary"]

    outage = dxsim.clock.now()
    dxsim.link_down("EqDC2")  # every device of the location
    dxsim.clock.advance("5m")
    assert healthy_paths(dc, gw_id) == ["secondary"]
    sessions = dxsim.events(resource_type="bgp-session", since=outage)
    assert [(e["newState"], e["cause"]) for e in sessions] == [("down", "fault: location EqDC2 down")]

    dxsim.link_up("EqDC2")
    dxsim.clock.advance("1m")
    assert healthy_paths(dc, gw_id) == ["primary", "secondary"]


def test_a_lag_below_its_minimum_links_takes_its_interface_down(dxsim, dc):
    gw = dc.create_direct_connect_gateway(directConnectGatewayName="core", amazonSideAsn=64600)
    gw_id = gw["directConnectGateway"]["directConnectGatewayId"]
    lag = dc.create_lag(location="EqDC2", connectionsBandwidth="10Gbps", numberOfConnections=2, lagName="core")
    dc.describe_loa(connectionId=lag["lagId"])
    dc.update_lag(lagId=lag["lagId"], minimumLinks=2)
    dc.create_private_virtual_interface(
        connectionId=lag["lagId"],
        newPrivateVirtualInterface={"virtualInterfaceName": "lag", "vlan": 200, "asn": 65000, "directConnectGatewayId": gw_id},
    )
    dxsim.provision()
    assert healthy_paths(dc, gw_id) == ["lag"]

    member = lag["connections"][0]["connectionId"]
    dxsim.link_down(member)  # one fibre of two
    dxsim.clock.advance("30s")
    assert dc.describe_lags(lagId=lag["lagId"])["lags"][0]["lagState"] == "down"
    assert healthy_paths(dc, gw_id) == []

    dxsim.link_up(member)
    dxsim.clock.advance("30s")
    assert dc.describe_lags(lagId=lag["lagId"])["lags"][0]["lagState"] == "available"
    assert healthy_paths(dc, gw_id) == ["lag"]
