#!/usr/bin/env bash
# Runs the playbooks against the dxsim at $DXSIM_ENDPOINT (default
# http://127.0.0.1:4599), each under a time limit ($DXSIM_ANSIBLE_TIMEOUT
# seconds, default 300) so that a module waiting out a long wait_timeout
# cannot hang the run. Runs every playbook, then exits 1 if any failed.
# Extra arguments go to every ansible-playbook (e.g. -v).
set -uo pipefail
cd "$(dirname "$0")"
export DXSIM_ENDPOINT=${DXSIM_ENDPOINT:-http://127.0.0.1:4599}
limit=${DXSIM_ANSIBLE_TIMEOUT:-300}
# The plays run on the implicit localhost; no inventory is needed.
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
export ANSIBLE_NOCOLOR=${ANSIBLE_NOCOLOR:-1}

ansible-playbook --version | head -1
# The modules wait for states that follow dxsim's clock, so it must run: a
# manual clock (which the Go example leaves) would hold them until their
# time limits. An admin API that does not answer (a token is needed, say)
# skips the check.
mode=$(python3 - "$DXSIM_ENDPOINT" <<'PY' 2>/dev/null
import json, os, sys, urllib.request
req = urllib.request.Request(sys.argv[1].rstrip("/") + "/_dxsim/clock")
if os.environ.get("DXSIM_ADMIN_TOKEN"):
    req.add_header("Authorization", "Bearer " + os.environ["DXSIM_ADMIN_TOKEN"])
print(json.load(urllib.request.urlopen(req, timeout=10))["mode"])
PY
)
if [ "$mode" = manual ]; then
	echo "dxsim's clock at $DXSIM_ENDPOINT is manual; run it with: dxsim admin clock set real" >&2
	exit 1
fi
failed=()
for playbook in connection.yml lag.yml gateway.yml; do
	start=$SECONDS
	timeout --kill-after=10 "$limit" ansible-playbook "$@" "$playbook"
	rc=$?
	took=$((SECONDS - start))
	if [ $rc -eq 0 ]; then
		echo "== $playbook passed in ${took} s"
	else
		[ $rc -eq 124 ] && echo "== $playbook timed out after ${limit} s"
		echo "== $playbook FAILED (status $rc) after ${took} s"
		failed+=("$playbook")
	fi
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "failed: ${failed[*]}"
	exit 1
fi
echo "all playbooks passed"
