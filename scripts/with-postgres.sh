#!/bin/sh
# Run a command with a throwaway PostgreSQL cluster on a free local port, exported to it as
# MARSAD_TEST_POSTGRES_URL, and stop the cluster afterwards. Installs Debian's `postgresql`
# package when its binaries are missing. Fails loudly when no server can be started, so the
# PostgreSQL half of the test suite never silently skips.
#   scripts/with-postgres.sh .venv/bin/pytest -q
# A caller that already has a server sets MARSAD_TEST_POSTGRES_URL itself and we only run the command.
set -eu

if [ -n "${MARSAD_TEST_POSTGRES_URL:-}" ]; then
    exec "$@"
fi

die() { echo "with-postgres: $*" >&2; exit 1; }

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

BIN=$(pg_bindir)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
    [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and we are not root to install it (apt-get install postgresql)"
    echo "with-postgres: installing Debian's postgresql package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq postgresql >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq postgresql >/dev/null; } \
        || die "apt-get install postgresql failed"
    BIN=$(pg_bindir)
    [ -n "$BIN" ] && [ -x "$BIN/initdb" ] || die "postgresql installed but no initdb under /usr/lib/postgresql"
fi

# initdb refuses to run as root: run the server as the `postgres` user then.
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' user to run the server as"
    AS="runuser -u postgres --"
else
    AS=""
fi

DIR=$(mktemp -d /tmp/marsad-pg.XXXXXX)
chmod 755 "$DIR"
[ -z "$AS" ] || chown postgres "$DIR"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
    $AS "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap stop EXIT
trap 'exit 130' INT TERM

$AS "$BIN/initdb" -D "$DIR/data" -U marsad -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
# A test cluster: durability off for speed (it is deleted at the end of the run).
$AS "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$DIR/server.log" >&2; die "the PostgreSQL server did not start"; }
"$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U marsad marsad_test || die "createdb failed"

export MARSAD_TEST_POSTGRES_URL="postgresql://marsad@127.0.0.1:$PORT/marsad_test"
export MARSAD_REQUIRE_POSTGRES=1  # the suite fails, never skips, without this server
echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') at $MARSAD_TEST_POSTGRES_URL" >&2
rc=0
"$@" || rc=$?
exit $rc
