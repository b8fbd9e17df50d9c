"""The world's controls over the admin API, through the dxsim fixture."""

import datetime as dt
import json

import pytest

from dxsim import EPOCH, AdminError


def connection(dc, name="primary", location="EqDC2"):
    """A dedicated connection whose LOA was downloaded: it provisions as
    the clock moves."""
    conn = dc.create_connection(location=location, bandwidth="10Gbps", connectionName=name)
    dc.describe_loa(connectionId=conn["connectionId"])
    return conn["connectionId"]


def state(dc, conn_id):
    return dc.describe_connections(connectionId=conn_id)["connections"][0]["connectionState"]


def vif_on(dc, conn_id):
    gw = dc.create_direct_connect_gateway(directConnectGatewayName="core", amazonSideAsn=64600)
    vif = dc.create_private_virtual_interface(
        connectionId=conn_id,
        newPrivateVirtualInterface={
            "virtualInterfaceName": "to-vpc",
            "vlan": 100,
            "asn": 65000,
            "directConnectGatewayId": gw["directConnectGateway"]["directConnectGatewayId"],
        },
    )
    return vif["virtualInterfaceId"]


def vif_state(dc, vif_id):
    v = dc.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"][0]
    return v["virtualInterfaceState"], v["bgpPeers"][0]["bgpStatus"], v["bgpPeers"][0]["bgpPeerId"]


def test_each_test_starts_on_a_manual_clock_at_the_epoch(dxsim):
    assert dxsim.clock.state() == {"now": "2026-01-01T00:00:00Z", "mode": "manual", "factor": 1}
    assert dxsim.clock.now() == EPOCH


def test_the_clock_advances_and_switches(dxsim):
    dxsim.clock.advance("90s")
    dxsim.clock.advance(dt.timedelta(minutes=1))
    dxsim.clock.advance(30)
    assert dxsim.clock.now() == EPOCH + dt.timedelta(minutes=3)
    dxsim.clock.set_time(dt.datetime(2027, 6, 1, 12, 0))
    assert dxsim.clock.state()["now"] == "2027-06-01T12:00:00Z"
    assert dxsim.clock.set("scaled", factor=60)["factor"] == 60
    assert dxsim.clock.set("real")["mode"] == "real"
    with pytest.raises(AdminError) as e:
        dxsim.clock.advance("-1h")
    assert e.value.status == 400 and "only moves forward" in e.value.message


def test_provision_makes_a_downloaded_connection_available(dxsim):
    dc = dxsim.client("directconnect")
    conn = connection(dc)
    assert state(dc, conn) == "requested"
    dxsim.clock.advance("10s")
    assert state(dc, conn) == "pending"
    dxsim.provision()
    assert state(dc, conn) == "available"


def test_link_down_and_up_cascade_to_the_lag(dxsim):
    dc = dxsim.client("directconnect")
    lag = dc.create_lag(location="EqDC2", connectionsBandwidth="10Gbps", numberOfConnections=2, lagName="core")
    dc.describe_loa(connectionId=lag["lagId"])
    dxsim.provision()
    members = [c["connectionId"] for c in lag["connections"]]
    fault = dxsim.link_down(members[0])
    assert (fault["target"], fault["kind"]) == (members[0], "connection")
    assert state(dc, members[0]) == "down"
    assert dc.describe_lags(lagId=lag["lagId"])["lags"][0]["lagState"] == "available"
    dxsim.clock.advance("1m")
    assert dxsim.link_down(lag["awsDevice"])["kind"] == "device"
    assert dc.describe_lags(lagId=lag["lagId"])["lags"][0]["lagState"] == "down"
    dxsim.clock.advance("1m")
    dxsim.link_up(lag["awsDevice"])
    dxsim.link_up(members[0])
    assert dc.describe_lags(lagId=lag["lagId"])["lags"][0]["lagState"] == "available"
    faults = dxsim.links()
    assert sorted(f["target"] for f in faults) == sorted([members[0], lag["awsDevice"]])
    assert all(f.get("until") for f in faults), "an ended fault has no until"
    with pytest.raises(AdminError) as e:
        dxsim.link_up(members[0])
    assert e.value.status == 409
    with pytest.raises(AdminError) as e:
        dxsim.link_down("dxcon-nothere")
    assert e.value.status == 404 and "dxcon-nothere" in e.value.message


def test_a_bgp_session_is_held_down_and_released(dxsim):
    dc = dxsim.client("directconnect")
    conn = connection(dc)
    vif = vif_on(dc, conn)
    dxsim.provision()
    assert vif_state(dc, vif)[:2] == ("available", "up")
    peer = vif_state(dc, vif)[2]
    assert dxsim.set_bgp_status(peer, "down")["kind"] == "bgp-peer"
    assert vif_state(dc, vif)[:2] == ("available", "down")
    dxsim.clock.advance("1m")
    dxsim.set_bgp_status(peer, "up")
    assert vif_state(dc, vif)[:2] == ("available", "up")
    with pytest.raises(AdminError) as e:
        dxsim.set_bgp_status(peer, "sideways")
    assert e.value.status == 400


def test_provisioning_stalls_and_completes(dxsim):
    dc = dxsim.client("directconnect")
    conn = connection(dc, "stuck")
    assert dxsim.stall_provisioning(conn) == [{"id": conn, "state": "requested"}]
    dxsim.clock.advance("24h")
    assert state(dc, conn) == "requested"
    assert dxsim.complete_provisioning(conn) == [{"id": conn, "state": "available"}]
    with pytest.raises(AdminError) as e:
        dxsim.complete_provisioning(conn)
    assert e.value.status == 409


def test_events_are_filtered(dxsim):
    dc = dxsim.client("directconnect")
    conn = connection(dc)
    other = connection(dc, "secondary")
    dxsim.provision()
    since = dxsim.clock.now()
    dxsim.link_down(conn)
    dxsim.clock.advance("1m")
    mine = dxsim.events(resource=conn)
    assert [(e["oldState"], e["newState"]) for e in mine] == [
        ("", "requested"),
        ("requested", "pending"),
        ("pending", "available"),
        ("available", "down"),
    ]
    assert mine[-1]["cause"] == "fault: connection %s down" % conn
    assert [e["resource"] for e in dxsim.events(since=since)] == [conn]
    assert len(dxsim.events(resource_type="connection")) == 7  # three steps each, and the fault
    assert dxsim.events(resource_type="connection", limit=1) == [mine[-1]]
    assert [e["resource"] for e in dxsim.events(resource=other, until=since)] == [other] * 3
    assert dxsim.events(account="999999999999") == []


def test_settings_change_and_return_before_the_next_test(dxsim):
    before = dxsim.settings()
    assert (before["autoCrossConnect"], before["customerRouter"]) == (False, "configured")
    after = dxsim.change_settings(auto_cross_connect=True, customer_router="unconfigured")
    assert (after["autoCrossConnect"], after["customerRouter"]) == (True, "unconfigured")
    dxsim.clock.advance("1h")
    dxsim.client("directconnect").create_connection(location="EqDC2", bandwidth="1Gbps", connectionName="left")
    dxsim.reset_to_start()
    assert dxsim.settings() == before
    assert dxsim.clock.now() == EPOCH
    assert dxsim.client("directconnect").describe_connections()["connections"] == []


def test_reset_empties_the_world_and_keeps_the_clock(dxsim):
    dc = dxsim.client("directconnect")
    connection(dc)
    dxsim.clock.advance("1h")
    assert dxsim.reset() == {"status": "reset"}
    assert dc.describe_connections()["connections"] == []
    assert dxsim.events() == []
    assert dxsim.clock.now() == EPOCH + dt.timedelta(hours=1)


def test_an_export_imports_again(dxsim):
    dc = dxsim.client("directconnect")
    conn = connection(dc)
    dxsim.provision()
    world = dxsim.export()
    assert json.loads(world)["format"] == "dxsim-world/1"
    dxsim.reset()
    dxsim.clock.advance("1h")
    assert dxsim.import_world(world)["status"] == "imported"
    assert state(dc, conn) == "available"
    assert dxsim.clock.now() == EPOCH + dt.timedelta(seconds=85)


def test_purge_counts_what_it_removed(dxsim):
    dc = dxsim.client("directconnect")
    conn = dc.create_connection(location="EqDC2", bandwidth="1Gbps", connectionName="gone")["connectionId"]
    dc.delete_connection(connectionId=conn)
    assert dxsim.purge() == 0
    dxsim.clock.advance("25h")
    # Moving the clock purges too; nothing is left to remove.
    assert dxsim.purge() == 0
    assert dc.describe_connections()["connections"] == []


def test_a_refusal_carries_the_status_and_dxsims_words(dxsim):
    with pytest.raises(AdminError) as e:
        dxsim.admin("GET", "/_dxsim/nothing")
    assert e.value.status == 404 and "not an admin endpoint" in e.value.message
    assert "GET /_dxsim/nothing: 404" in str(e.value)
