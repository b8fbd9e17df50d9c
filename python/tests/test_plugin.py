"""The pytest plugin as a user's test run sees it: each case runs pytest in
a process of its own (pytester) with the plugin loaded by -p."""

import json
import os
import textwrap

import pytest

pytest_plugins = ["pytester"]


def run(pytester, *args):
    return pytester.runpytest_subprocess("-p", "dxsim.pytest_plugin", *args)


# Records the pid of each test's dxsim, and after the session (its fixtures
# torn down) whether each is still running.
CONFTEST = """
import json, os

PIDS = []

def pytest_unconfigure(config):
    with open("after-session.json", "w") as f:
        json.dump({str(p): _alive(p) for p in PIDS}, f)

def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
"""


def test_one_process_for_the_session_and_a_fresh_world_for_each_test(pytester):
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(
        textwrap.dedent(
            """
            import conftest
            from dxsim import EPOCH

            def test_a_changes_the_world(dxsim):
                conftest.PIDS.append(dxsim.process.pid)
                dxsim.client("directconnect").create_connection(location="EqDC2", bandwidth="1Gbps", connectionName="a")
                dxsim.clock.advance("1h")
                dxsim.change_settings(customer_router="unconfigured")

            def test_b_sees_none_of_it(dxsim):
                conftest.PIDS.append(dxsim.process.pid)
                assert dxsim.client("directconnect").describe_connections()["connections"] == []
                assert dxsim.clock.now() == EPOCH
                assert dxsim.settings()["customerRouter"] == "configured"
            """
        )
    )
    result = run(pytester)
    result.assert_outcomes(passed=2)
    pids = json.loads((pytester.path / "after-session.json").read_text())
    assert len(pids) == 1, "the two tests did not share one dxsim: %s" % pids
    assert list(pids.values()) == [False], "dxsim still ran after the session"


def test_dxsim_scope_function_gives_each_test_its_own_process(pytester):
    pytester.makeini("[pytest]\ndxsim_scope = function\n")
    pytester.makepyfile(
        textwrap.dedent(
            """
            import os
            PIDS = []

            def test_a(dxsim_server):
                PIDS.append(dxsim_server.process.pid)

            def test_b(dxsim_server):
                assert dxsim_server.process.pid != PIDS[0]
                try:
                    os.kill(PIDS[0], 0)
                except ProcessLookupError:
                    return
                raise AssertionError("the first test's dxsim still runs")
            """
        )
    )
    run(pytester).assert_outcomes(passed=2)


def test_dxsim_args_reach_the_server(pytester):
    pytester.makeini("[pytest]\ndxsim_args = --partner-accounts 777788889999 --lags-per-region 1\n")
    pytester.makepyfile(
        textwrap.dedent(
            """
            import pytest
            from botocore.exceptions import ClientError

            def test_partner_and_quota(dxsim):
                partner = dxsim.client("directconnect", account="777788889999")
                partner.create_interconnect(interconnectName="ic", bandwidth="10Gbps", location="EqDC2")
                dc = dxsim.client("directconnect")
                dc.create_lag(location="EqDC2", connectionsBandwidth="10Gbps", numberOfConnections=1, lagName="one")
                with pytest.raises(ClientError):
                    dc.create_lag(location="EqDC2", connectionsBandwidth="10Gbps", numberOfConnections=1, lagName="two")
            """
        )
    )
    run(pytester).assert_outcomes(passed=1)


def test_a_dxsim_that_cannot_start_fails_the_test_with_its_log(pytester):
    pytester.makeini("[pytest]\ndxsim_args = --lags-per-region many\n")
    pytester.makepyfile("def test_x(dxsim):\n    pass\n")
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*dxsim did not start: dxsim exited with status*", "*lags-per-region*"])


def test_a_dxsim_that_dies_during_a_test_is_reported_with_its_log(pytester):
    pytester.makepyfile(
        textwrap.dedent(
            """
            import signal

            def test_kills_it(dxsim):
                dxsim.process.send_signal(signal.SIGKILL)
                dxsim.process.wait()
            """
        )
    )
    result = run(pytester)
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*during the test: dxsim exited with status -9; its log:*", "*dxsim serving*"])


def test_the_binary_option_wins(pytester, tmp_path):
    fake = tmp_path / "not-dxsim"
    fake.write_text("#!/bin/sh\necho 'this is not dxsim' >&2\nexit 3\n")
    fake.chmod(0o755)
    pytester.makepyfile("def test_x(dxsim):\n    pass\n")
    result = run(pytester, "--dxsim-bin", str(fake))
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*exited with status 3*", "*this is not dxsim*"])


def test_an_unknown_scope_is_a_usage_error(pytester):
    pytester.makeini("[pytest]\ndxsim_scope = forever\n")
    pytester.makepyfile("def test_x(dxsim):\n    pass\n")
    result = run(pytester)
    assert result.ret != 0
    assert "dxsim_scope must be one of" in result.stdout.str() + result.stderr.str()
