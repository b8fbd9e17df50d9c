"""DxsimServer: finding, starting and stopping dxsim, its auth modes and
the environment it runs in."""

import datetime as dt
import os
import shutil
import socket
import stat
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from botocore.exceptions import ClientError

from dxsim import ACCOUNT, EPOCH, OTHER_ACCOUNT, AdminError, DxsimError, DxsimServer, World, find_binary
from dxsim import binary as binary_mod


def refused(endpoint_url):
    u = urlsplit(endpoint_url)
    try:
        socket.create_connection((u.hostname, u.port), timeout=2).close()
    except OSError:
        return True
    return False


def test_each_server_serves_on_a_port_of_its_own_and_stops():
    with DxsimServer() as a, DxsimServer() as b:
        assert a.endpoint_url != b.endpoint_url
        assert a.endpoint_url.startswith("http://127.0.0.1:")
        a.client("directconnect").create_connection(location="EqDC2", bandwidth="1Gbps", connectionName="only-a")
        assert [c["connectionName"] for c in a.client("directconnect").describe_connections()["connections"]] == ["only-a"]
        assert b.client("directconnect").describe_connections()["connections"] == []
        proc = a.process
    assert proc.returncode == 0, "dxsim did not stop on SIGTERM"
    assert refused(a.endpoint_url) and refused(b.endpoint_url)
    assert '"msg":"dxsim serving"' in a.log() and '"msg":"shutting down"' in a.log()


def test_a_dxsim_that_does_not_start_is_reported_with_its_log():
    server = DxsimServer(args=["--log-level", "nonsense"])
    with pytest.raises(DxsimError) as e:
        server.start()
    assert "exited with status" in str(e.value)
    assert 'level string "nonsense"' in str(e.value), "the error does not quote dxsim's log"
    assert server.process is None


def test_stop_kills_a_dxsim_that_ignores_sigterm(tmp_path, monkeypatch):
    fake = tmp_path / "dxsim"
    fake.write_text(
        "#!/bin/sh\ntrap '' TERM\n"
        "echo '{\"msg\":\"dxsim serving\",\"addr\":\"127.0.0.1:9\"}'\n"
        "while :; do sleep 0.1; done\n"
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr("dxsim.server.STOP_TIMEOUT", 0.5)
    monkeypatch.setattr(DxsimServer, "settings", lambda self: {})  # nothing answers at port 9
    server = DxsimServer(binary=str(fake), clock=None).start()
    assert server.running()
    assert server.stop() == -9, "the process was not killed"
    assert server.process is None


def test_the_binary_is_found_given_then_dxsim_bin_then_on_path(tmp_path, monkeypatch):
    given, env_bin, on_path = (tmp_path / d for d in ("given", "env", "path"))
    for d in (given, env_bin, on_path):
        d.mkdir()
        exe = d / "dxsim"
        exe.write_text("#!/bin/sh\n")
        exe.chmod(0o755)
    monkeypatch.setenv("PATH", str(on_path))
    monkeypatch.setenv("DXSIM_BIN", str(env_bin / "dxsim"))
    assert find_binary(str(given / "dxsim")) == str(given / "dxsim")
    assert find_binary() == str(env_bin / "dxsim")
    monkeypatch.delenv("DXSIM_BIN")
    assert find_binary() == str(on_path / "dxsim")
    monkeypatch.setenv("DXSIM_BIN", str(tmp_path / "missing"))
    with pytest.raises(DxsimError, match="DXSIM_BIN"):
        find_binary()


def test_without_a_binary_it_is_built_from_the_checkout(monkeypatch):
    go = shutil.which("go")
    assert go, "these tests need Go, to build dxsim from the checkout"
    assert binary_mod.checkout_root() is not None
    monkeypatch.delenv("DXSIM_BIN", raising=False)
    monkeypatch.setenv("PATH", os.path.dirname(go))
    assert shutil.which("dxsim") is None
    path = find_binary()
    assert "dxsim-bin-" in path
    assert find_binary() == path, "a second call built it again"
    with DxsimServer(binary=path) as w:
        assert w.client("sts").get_caller_identity()["Account"] == ACCOUNT


def test_outside_a_checkout_without_a_binary_the_error_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.delenv("DXSIM_BIN", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(binary_mod, "checkout_root", lambda starts=None: None)
    with pytest.raises(DxsimError, match="DXSIM_BIN"):
        find_binary()


def test_dxsim_variables_of_the_environment_do_not_reach_the_world(monkeypatch, tmp_path):
    monkeypatch.setenv("DXSIM_DATA", str(tmp_path / "not-this.db"))
    monkeypatch.setenv("DXSIM_AUTH", "strict")
    monkeypatch.setenv("DXSIM_PENDING_DELAY", "99h")
    with DxsimServer() as w:
        assert w.client("sts").get_caller_identity()["Account"] == ACCOUNT
        assert '"data":":memory:"' in w.log()
    assert not (tmp_path / "not-this.db").exists()


def test_args_reach_dxsim_and_set_the_delays_provision_advances():
    with DxsimServer(args=["--partner-accounts", "777788889999", "--pending-delay=1h"]) as w:
        ic = w.client("directconnect", account="777788889999").create_interconnect(
            interconnectName="ic", bandwidth="10Gbps", location="EqDC2"
        )
        assert ic["interconnectState"] == "requested"
        w.provision()
        assert w.clock.now() - EPOCH == dt.timedelta(hours=1, seconds=65)


def test_the_admin_token_is_required_and_sent():
    with DxsimServer(admin_token="s3cret-token") as w:
        w.clock.advance("1m")  # carries the token
        assert w.events() == []
        with pytest.raises(AdminError) as e:
            World(w.endpoint_url).reset()
        assert e.value.status == 401
        req = urllib.request.Request(w.endpoint_url + "/_dxsim/clock")
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.build_opener(urllib.request.ProxyHandler({})).open(req)
        assert e.value.code == 401


def test_the_admin_token_comes_from_dxsim_admin_token(monkeypatch):
    monkeypatch.setenv("DXSIM_ADMIN_TOKEN", "from-the-environment")
    with DxsimServer() as w:
        assert w.admin_token == "from-the-environment"
        assert '"adminToken":true' in w.log()
        with pytest.raises(AdminError) as e:
            World(w.endpoint_url, admin_token="wrong").clock.state()
        assert e.value.status == 401


def test_strict_auth_signs_with_a_key_of_each_account():
    with DxsimServer(auth="strict") as w:
        assert w.client("sts").get_caller_identity()["Account"] == ACCOUNT
        assert w.client("sts", account=OTHER_ACCOUNT).get_caller_identity()["Account"] == OTHER_ACCOUNT
        with pytest.raises(DxsimError, match="no access key of account 999999999999"):
            w.client("sts", account="999999999999")
        # The open mode's way of signing, with the account as the key, is refused.
        forged = World(w.endpoint_url).client("directconnect")
        with pytest.raises(ClientError) as e:
            forged.describe_connections()
        assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_strict_auth_with_a_credentials_file_of_ones_own(tmp_path):
    creds = tmp_path / "creds.json"
    creds.write_text(
        '{"credentials": [{"accessKeyId": "AKIDTEAM", "secretAccessKey": "team-secret", "account": "210987654321"}]}'
    )
    with DxsimServer(args=["--auth", "strict", "--credentials", str(creds)]) as w:
        assert w.access_key("210987654321") == ("AKIDTEAM", "team-secret", None)
        assert w.client("sts", account="210987654321").get_caller_identity()["Account"] == "210987654321"


def test_clients_sign_as_their_account_and_region():
    with DxsimServer() as w:
        dc = w.client("directconnect", account=OTHER_ACCOUNT, region="eu-west-1")
        conn = dc.create_connection(location="TCSH", bandwidth="1Gbps", connectionName="dublin")
        assert (conn["ownerAccount"], conn["region"]) == (OTHER_ACCOUNT, "eu-west-1")
        assert w.client("directconnect", region="eu-west-1").describe_connections()["connections"] == []


def test_before_start_nothing_is_sent_anywhere():
    server = DxsimServer()
    with pytest.raises(DxsimError, match="not started"):
        server.client("directconnect")
    with pytest.raises(DxsimError, match="not started"):
        server.reset()
