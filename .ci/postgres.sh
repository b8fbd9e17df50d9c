# Sourced by .ci/run: start_postgres starts a PostgreSQL server of its own,
# in a temporary directory, as an unprivileged user, on a free loopback
# port, and exports DXSIM_TEST_POSTGRES; it stops when the shell exits.
start_postgres() {
	local bin dir port user=postgres
	bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
	id -u "$user" >/dev/null 2>&1 || { user=dxsimpg; useradd --system --no-create-home "$user"; }
	dir=$(mktemp -d /tmp/dxsim-pg.XXXXXX)
	chown "$user" "$dir"
	runuser -u "$user" -- "$bin/initdb" -D "$dir/data" -U dxsim --auth=trust -E UTF8 >"$dir/initdb.log"
	for _ in 1 2 3 4 5; do
		port=$((20000 + RANDOM % 30000))
		if runuser -u "$user" -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
			-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null; then
			break
		fi
		port=
	done
	[ -n "$port" ] || { cat "$dir/server.log"; return 1; }
	PG_STOP="runuser -u $user -- $bin/pg_ctl -D $dir/data -m fast stop; rm -rf $dir"
	trap 'eval "$PG_STOP" >/dev/null' EXIT
	"$bin/createdb" -h 127.0.0.1 -p "$port" -U dxsim dxsim
	export DXSIM_TEST_POSTGRES="postgres://dxsim@127.0.0.1:$port/dxsim?sslmode=disable"
	echo "PostgreSQL $("$bin/postgres" --version) at $DXSIM_TEST_POSTGRES"
}
