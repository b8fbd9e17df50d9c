"""`pip install ./python` registers the plugin: pytest in that environment
loads it by itself (the pytest11 entry point), and -p beside it does not
load it twice."""

import os
import shutil
import subprocess
import venv

import pytest

from dxsim import find_binary

PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

USER_TEST = """
import os

def test_the_installed_plugin_serves(dxsim):
    # dxsim here is the fixture; the package is the installed one.
    import dxsim as package
    assert os.environ["VIRTUAL_ENV_DIR"] in package.__file__
    assert dxsim.client("sts").get_caller_identity()["Account"] == "111122223333"
"""


def offline_build_missing():
    """What pip lacks to build the package without an index, or None."""
    try:
        import setuptools
    except ImportError:
        return "setuptools"
    version = tuple(int(p) for p in setuptools.__version__.split(".")[:2] if p.isdigit())
    if version < (61,):
        return "setuptools 61 or later (this is %s)" % setuptools.__version__
    if version < (70, 1):
        try:
            import wheel  # noqa: F401  (setuptools before 70.1 builds wheels with it)
        except ImportError:
            return "wheel, which setuptools %s needs to build a wheel" % setuptools.__version__
    return None


def test_pip_install_registers_the_plugin(tmp_path):
    missing = offline_build_missing()
    if missing:
        pytest.skip("pip cannot build the package without an index here: it needs " + missing)
    # Build from a copy: pip's in-tree build would leave build/ and
    # dxsim.egg-info/ in the checkout.
    src = tmp_path / "src"
    shutil.copytree(PACKAGE, src, ignore=shutil.ignore_patterns("tests", "build", "*.egg-info", "__pycache__", ".*"))
    env_dir = tmp_path / "venv"
    # The venv sees this Python's boto3 and pytest; setuptools too, so that
    # pip builds without reaching an index.
    venv.create(env_dir, system_site_packages=True, with_pip=True)
    py = str(env_dir / "bin" / "python")
    pip = subprocess.run(
        [py, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-index", str(src)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=300,
    )
    assert pip.returncode == 0, pip.stdout.decode()

    work = tmp_path / "user"
    work.mkdir()
    (work / "test_user.py").write_text(USER_TEST)
    # Outside the checkout, dxsim comes from DXSIM_BIN.
    env = dict(os.environ, VIRTUAL_ENV_DIR=str(env_dir), DXSIM_BIN=find_binary())
    # Only what this run lent to Python (a pytest), not the checkout's package.
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and os.path.abspath(p) != PACKAGE
    )
    for extra in ([], ["-p", "dxsim.pytest_plugin"]):
        run = subprocess.run(
            [py, "-m", "pytest", "-q", "-p", "no:cacheprovider"] + extra,
            cwd=str(work),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=300,
        )
        out = run.stdout.decode()
        assert run.returncode == 0, out
        assert "1 passed" in out, out
