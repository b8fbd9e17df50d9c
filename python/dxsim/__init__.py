"""dxsim for Python tests: run the dxsim AWS Direct Connect emulator, get
boto3 clients pointed at it, and drive its simulated world (clock, links,
BGP sessions, provisioning, events) over its admin API.

    from dxsim import DxsimServer

    with DxsimServer() as world:
        dc = world.client("directconnect", account="111122223333")
        ...
        world.clock.advance("30s")

The pytest plugin (dxsim.pytest_plugin) gives the same as fixtures.
"""

from .binary import find_binary
from .server import DxsimServer
from .world import ACCOUNT, EPOCH, OTHER_ACCOUNT, REGION, AdminError, Clock, DxsimError, World

__all__ = [
    "ACCOUNT",
    "EPOCH",
    "OTHER_ACCOUNT",
    "REGION",
    "AdminError",
    "Clock",
    "DxsimError",
    "DxsimServer",
    "World",
    "find_binary",
]
