"""Finding the dxsim binary: given, $DXSIM_BIN, `dxsim` on PATH, or built
with `go build` from the dxsim checkout this package sits in (or the
current directory is in)."""

import atexit
import os
import shutil
import subprocess
import tempfile
import threading

from .world import DxsimError

MODULE_LINE = "module github.com/dxsim/dxsim"

# How long a `go build` of dxsim may take: a cold build cache on a small
# machine needs minutes.
BUILD_TIMEOUT = 900

_built = {}
_build_lock = threading.Lock()


def find_binary(binary=None):
    """Return the path of a dxsim binary: binary (a path, or a name on
    PATH) when given, else $DXSIM_BIN, else `dxsim` on PATH, else one built
    once per process from the checkout with `go build ./cmd/dxsim`."""
    for source, value in (("binary", binary), ("DXSIM_BIN", os.environ.get("DXSIM_BIN"))):
        if value:
            if os.sep in value:
                path = value if os.path.isfile(value) and os.access(value, os.X_OK) else None
            else:
                path = shutil.which(value)
            if not path:
                raise DxsimError("%s names %r, which is not an executable file (or a command on PATH)" % (source, value))
            return path
    path = shutil.which("dxsim")
    if path:
        return path
    root = checkout_root()
    if root is None:
        raise DxsimError(
            "no dxsim binary: set DXSIM_BIN, put dxsim on PATH (go install github.com/dxsim/dxsim/cmd/dxsim), "
            "or run from a dxsim checkout with Go installed"
        )
    return build(root)


def checkout_root(starts=None):
    """The dxsim checkout (the directory of its go.mod) above this package
    or above the current directory, or None."""
    if starts is None:
        starts = [os.path.dirname(os.path.abspath(__file__)), os.getcwd()]
    for start in starts:
        d = os.path.abspath(start)
        while True:
            try:
                with open(os.path.join(d, "go.mod")) as f:
                    if f.readline().strip() == MODULE_LINE:
                        return d
            except OSError:
                pass
            parent = os.path.dirname(d)
            if parent == d:
                break
            d = parent
    return None


def build(root):
    """Build dxsim from the checkout at root once per process, into a
    temporary directory removed at exit; return the binary's path."""
    with _build_lock:
        if root in _built:
            return _built[root]
        go = shutil.which("go")
        if go is None:
            raise DxsimError(
                "no dxsim binary: set DXSIM_BIN or put dxsim on PATH; building it from the checkout %s needs Go on PATH" % root
            )
        out = tempfile.mkdtemp(prefix="dxsim-bin-")
        atexit.register(shutil.rmtree, out, True)
        path = os.path.join(out, "dxsim")
        try:
            proc = subprocess.run(
                [go, "build", "-o", path, "./cmd/dxsim"],
                cwd=root,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=BUILD_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise DxsimError("go build ./cmd/dxsim in %s took more than %d s" % (root, BUILD_TIMEOUT)) from None
        if proc.returncode != 0:
            raise DxsimError("go build ./cmd/dxsim in %s failed:\n%s" % (root, proc.stdout.decode("utf-8", "replace")))
        _built[root] = path
        return path
