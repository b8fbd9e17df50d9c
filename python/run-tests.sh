#!/usr/bin/env bash
# Runs the dxsim Python package's tests (python/tests) and the pytest
# example (examples/python/test_failover.py) from the checkout, with the
# plugin loaded by -p, under every Python here that has boto3 and pytest:
#   - Debian's /usr/bin/python3 (python3-boto3 1.26, python3-pytest 7.x);
#   - the python3 first on PATH when it is another one, with its own boto3
#     (a newer one) and its own pytest, or else Debian's pytest lent to it
#     through PYTHONPATH (pytest and its dependencies are pure Python).
# dxsim is $DXSIM_BIN when set, else built once here from the checkout.
# Exits non-zero when any run fails or when no Python could run them.
set -euo pipefail
python_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$python_dir")
cd "$root"

if [ -z "${DXSIM_BIN:-}" ]; then
	bin=$(mktemp -d)
	trap 'rm -rf "$bin"' EXIT
	go build -o "$bin/dxsim" ./cmd/dxsim
	export DXSIM_BIN="$bin/dxsim"
fi

debian_site=/usr/lib/python3/dist-packages
# Debian's pytest and what it imports, for a Python that has boto3 only;
# and its wheel, which pip needs to build the package offline with a
# setuptools older than 70.1.
lent=$(mktemp -d)
trap 'rm -rf "$lent" ${bin:+"$bin"}' EXIT
for name in _pytest pytest py.py pluggy iniconfig attr attrs packaging exceptiongroup tomli wheel; do
	# the package and its metadata, where entry points (wheel's
	# bdist_wheel command) are found
	for entry in "$debian_site/$name" "$debian_site/$name"-*-info; do
		if [ -e "$entry" ]; then ln -s "$entry" "$lent/"; fi
	done
done

ran=0
run() { # run PYTHON [EXTRA_PYTHONPATH]
	local py=$1 extra=${2:-}
	local path="$python_dir${extra:+:$extra}"
	echo "== $(PYTHONPATH="$path" "$py" -c 'import sys, boto3, pytest; print(sys.executable, "Python", sys.version.split()[0], "boto3", boto3.__version__, "pytest", pytest.__version__)' 2>/dev/null || echo "$py")"
	PYTHONPATH="$path" "$py" -m pytest -p dxsim.pytest_plugin -p no:cacheprovider -q python/tests examples/python/test_failover.py
	ran=$((ran + 1))
}

has() { "$1" -c "import $2" 2>/dev/null; }

if [ -x /usr/bin/python3 ] && has /usr/bin/python3 boto3 && has /usr/bin/python3 pytest; then
	run /usr/bin/python3
fi
other=$(command -v python3 || true)
if [ -n "$other" ] && [ "$(readlink -f "$other")" != "$(readlink -f /usr/bin/python3)" ] && has "$other" boto3; then
	if has "$other" pytest; then
		run "$other"
	elif [ -e "$lent/pytest" ]; then
		run "$other" "$lent"
	fi
fi
if [ "$ran" -eq 0 ]; then
	echo "no Python with boto3 and pytest: apt-get install python3-boto3 python3-pytest" >&2
	exit 1
fi
