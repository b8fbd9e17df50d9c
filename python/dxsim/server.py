"""A dxsim process of one's own: `dxsim serve` on a free loopback port with
an in-memory world, stopped reliably (terminate, wait, kill)."""

import json
import os
import secrets
import shutil
import subprocess
import tempfile
import time
import weakref

from .binary import find_binary
from .world import ACCOUNT, EPOCH, OTHER_ACCOUNT, PROVISIONING_DELAYS, DxsimError, World

# How long dxsim has to stop after SIGTERM (it gives requests under way up
# to 10 s) before it is killed.
STOP_TIMEOUT = 15


class DxsimServer(World):
    """`dxsim serve --listen 127.0.0.1:0 --data :memory:` and the World it
    serves. Use it as a context manager, or call start() and stop().

    args are more `dxsim serve` flags (["--partner-accounts",
    "777788889999"]); they come after the fixture's own, so --data may
    name a file instead. binary is the dxsim to run (see find_binary).
    admin_token (default $DXSIM_ADMIN_TOKEN, or --admin-token in args) is
    given to dxsim and sent with every admin request. auth="strict" (or
    --auth strict in args) verifies every signature: unless args give
    --credentials, a credentials file is made with one access key for each
    of accounts. clock="manual" (the default, as in the Go package
    dxsimtest) stops the clock at EPOCH, so that tests move time
    themselves and never wait; "real" lets it run; None leaves it as dxsim
    started. env adds to the environment of the process, which is this
    one's without its DXSIM_ variables, so that none of them changes the
    world the fixture describes.
    """

    def __init__(
        self,
        args=(),
        binary=None,
        admin_token=None,
        auth=None,
        accounts=(ACCOUNT, OTHER_ACCOUNT),
        clock="manual",
        start_timeout=60.0,
        env=None,
    ):
        self.args = [str(a) for a in args]
        self.binary = binary
        self.auth = auth or _flag(self.args, "auth") or "open"
        self.accounts = list(accounts)
        self.start_clock = clock
        self.start_timeout = start_timeout
        self.extra_env = dict(env or {})
        token = admin_token or _flag(self.args, "admin-token") or os.environ.get("DXSIM_ADMIN_TOKEN")
        delays = {name: _flag(self.args, name) for name in PROVISIONING_DELAYS if _flag(self.args, name)}
        super().__init__("", admin_token=token, delays=delays)  # its address is known once it serves
        self.process = None
        self.start_settings = None
        self._dir = None
        self._log_path = None
        self._final_log = ""
        self._finalizer = None

    # --- the process ---------------------------------------------------

    def start(self):
        """Start dxsim and wait until it serves; on failure raise
        DxsimError with its log."""
        if self.process is not None:
            raise DxsimError("this dxsim is already started")
        binary = find_binary(self.binary)
        self._dir = tempfile.mkdtemp(prefix="dxsim-")
        self._log_path = os.path.join(self._dir, "dxsim.log")
        cmd = [binary, "serve", "--listen", "127.0.0.1:0", "--data", ":memory:"]
        if self.admin_token:
            cmd += ["--admin-token", self.admin_token]
        if self.auth == "strict":
            cmd += ["--auth", "strict"]
            cmd += self._credentials_args()
        cmd += self.args
        env = {k: v for k, v in os.environ.items() if not k.startswith("DXSIM_")}
        env.update(self.extra_env)
        with open(self._log_path, "wb") as log:
            self.process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env)
        self._finalizer = weakref.finalize(self, _end, self.process, self._dir)
        try:
            addr = self._wait_serving()
        except BaseException:
            self.stop()
            raise
        self.endpoint_url = "http://" + addr
        if self.start_clock == "manual":
            self.clock.set_time(EPOCH, mode="manual", factor=1)
        elif self.start_clock is not None:
            self.clock.set(self.start_clock)
        self.start_settings = self.settings()
        return self

    def _credentials_args(self):
        given = _flag(self.args, "credentials")
        if given:
            with open(given) as f:
                self.credentials = json.load(f)["credentials"]
            return []
        self.credentials = [
            {"accessKeyId": "AKIA" + account, "secretAccessKey": secrets.token_hex(20), "account": account}
            for account in self.accounts
        ]
        path = os.path.join(self._dir, "credentials.json")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump({"credentials": self.credentials}, f)
        return ["--credentials", path]

    def _wait_serving(self):
        deadline = time.monotonic() + self.start_timeout
        while True:
            for line in self.log().splitlines():
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if isinstance(rec, dict) and rec.get("msg") == "dxsim serving" and rec.get("addr"):
                    return rec["addr"]
            code = self.process.poll()
            if code is not None:
                raise DxsimError("dxsim exited with status %d before serving; its log:\n%s" % (code, self.log()))
            if time.monotonic() > deadline:
                raise DxsimError("dxsim did not serve within %g s; its log:\n%s" % (self.start_timeout, self.log()))
            time.sleep(0.05)

    def log(self):
        """What dxsim wrote to stdout and stderr so far (kept after stop)."""
        if self._log_path and os.path.exists(self._log_path):
            with open(self._log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        return self._final_log

    def running(self):
        """True while the process runs."""
        return self.process is not None and self.process.poll() is None

    def check_running(self):
        """Raise DxsimError with dxsim's log if the process has ended."""
        if self.process is None:
            raise DxsimError("dxsim is not started")
        code = self.process.poll()
        if code is not None:
            raise DxsimError("dxsim exited with status %d; its log:\n%s" % (code, self.log()))

    def stop(self):
        """Stop dxsim: SIGTERM, wait, then SIGKILL; return its exit status."""
        if self.process is None:
            return None
        if self._finalizer is not None:
            self._finalizer.detach()
        code = _end(self.process, None)
        self._final_log = self.log()
        shutil.rmtree(self._dir, ignore_errors=True)
        self._log_path = None
        self.process = None
        return code

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # --- between tests ---------------------------------------------------

    def reset_to_start(self):
        """Empty the world and put the clock and the settings back where
        start() left them: what the dxsim fixture does before each test."""
        self.reset()
        if self.start_clock == "manual":
            self.clock.set_time(EPOCH, mode="manual", factor=1)
        elif self.start_clock is not None:
            self.clock.set(self.start_clock)
        if self.start_settings is not None:
            self.change_settings(
                auto_cross_connect=self.start_settings.get("autoCrossConnect"),
                customer_router=self.start_settings.get("customerRouter"),
            )


def _end(process, directory):
    """Terminate process (kill it if it will not stop) and remove directory."""
    try:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return process.returncode
    finally:
        if directory:
            shutil.rmtree(directory, ignore_errors=True)


def _flag(args, name):
    """The last value of the Go flag name in args (-name V, --name V,
    -name=V, --name=V), or None."""
    value = None
    for i, a in enumerate(args):
        for prefix in ("--", "-"):
            if a == prefix + name and i + 1 < len(args):
                value = args[i + 1]
            elif a.startswith(prefix + name + "="):
                value = a[len(prefix + name) + 1 :]
    return value
