"""The pytest plugin: fixtures that run dxsim for a test session.

- dxsim_server: one `dxsim serve` process (session-scoped unless the ini
  option dxsim_scope says otherwise), on a free loopback port with an
  in-memory world and a manual clock; stopped when its scope ends.
- dxsim: the same server for one test, with the world emptied and the
  clock and settings put back before the test, and a check after it that
  dxsim is still running (its log is shown if not).

Installed (`pip install ./python`) it loads by itself; from a checkout,
`PYTHONPATH=python pytest -p dxsim.pytest_plugin` or
`pytest_plugins = ["dxsim.pytest_plugin"]` in a conftest.py.
"""

import pytest

from .server import DxsimServer
from .world import DxsimError

SCOPES = ("session", "package", "module", "class", "function")


def pytest_addoption(parser):
    group = parser.getgroup("dxsim", "dxsim, the AWS Direct Connect emulator")
    group.addoption(
        "--dxsim-bin",
        default=None,
        help="dxsim binary to run (default: $DXSIM_BIN, dxsim on PATH, or built from the checkout)",
    )
    parser.addini("dxsim_args", type="args", default=[], help="more `dxsim serve` flags for the dxsim_server fixture")
    parser.addini("dxsim_bin", default="", help="dxsim binary to run (--dxsim-bin wins)")
    parser.addini(
        "dxsim_scope",
        default="session",
        help="scope of the dxsim_server fixture: session (default: one process for the run), package, module, class or function",
    )


def _server_scope(fixture_name, config):
    scope = config.getini("dxsim_scope") or "session"
    if scope not in SCOPES:
        raise pytest.UsageError("dxsim_scope must be one of %s, not %r" % (", ".join(SCOPES), scope))
    return scope


@pytest.fixture(scope=_server_scope)
def dxsim_server(pytestconfig):
    """A running dxsim (DxsimServer), shared by the tests of its scope."""
    binary = pytestconfig.getoption("dxsim_bin") or pytestconfig.getini("dxsim_bin") or None
    server = DxsimServer(args=pytestconfig.getini("dxsim_args"), binary=binary)
    try:
        server.start()
    except DxsimError as e:
        pytest.fail("dxsim did not start: %s" % e, pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def dxsim(dxsim_server):
    """dxsim_server with an empty world, its clock manual at EPOCH and its
    settings as at start, for one test."""
    try:
        dxsim_server.check_running()
    except DxsimError as e:
        pytest.fail(str(e), pytrace=False)
    dxsim_server.reset_to_start()
    yield dxsim_server
    try:
        dxsim_server.check_running()
    except DxsimError as e:
        pytest.fail("during the test: %s" % e, pytrace=False)
