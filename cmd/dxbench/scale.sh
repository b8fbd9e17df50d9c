#!/usr/bin/env bash
# The scale benchmarks of the README: for each world size, a fresh dxsim on
# DATA (a SQLite file path or a postgres:// URL), seeded with that many
# stored connections (one account holding min(N, 10000)), then every
# operation driven for DURATION by CLIENTS clients. The quotas, the import
# size and the deadlines are raised so that a world of 1,000,000
# connections can be seeded through one import.
#   cmd/dxbench/scale.sh DATA [SIZES...]     e.g. scale.sh /tmp/bench.db 1000 10000
set -euo pipefail
data=$1; shift
sizes=${*:-1000 10000 100000 1000000}
clients=${CLIENTS:-8} duration=${DURATION:-5s}
dir=$(mktemp -d)
go build -o "$dir/dxsim" ./cmd/dxsim
go build -o "$dir/dxbench" ./cmd/dxbench
"$dir/dxbench" catalog >"$dir/locations.json"
port=$((20000 + RANDOM % 30000))
for n in $sizes; do
	case $data in postgres://* | postgresql://*) ;; *) rm -f "$data" "$data-wal" "$data-shm" ;; esac
	"$dir/dxsim" serve --listen 127.0.0.1:$port --data "$data" --locations "$dir/locations.json" \
		--connections-per-location 100000000 --lags-per-region 100000000 --max-import-mib 4096 --read-timeout 30m --write-timeout 30m --request-timeout 30m --log-level warn 2>"$dir/dxsim.log" &
	pid=$!
	trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
	until curl -sf http://127.0.0.1:$port/health >/dev/null 2>&1; do
		kill -0 $pid 2>/dev/null || { cat "$dir/dxsim.log" >&2; exit 1; }
		sleep 0.1
	done
	echo "== $n stored connections, data $data"
	"$dir/dxbench" seed -endpoint http://127.0.0.1:$port -connections "$n" -accounts $((n / 100 + 1)) -big 10000
	grep -E 'VmRSS|VmHWM' /proc/$pid/status | tr -s ' \t' ' ' | paste -sd ' ' | sed 's/^/after import: /'
	"$dir/dxbench" run -endpoint http://127.0.0.1:$port -clients "$clients" -duration "$duration" -pid $pid
	kill $pid; wait $pid || true
done
rm -rf "$dir"
