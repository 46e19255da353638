#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on 127.0.0.1 for the test suite and print its URL on stdout.
# Uses Debian's postgresql packages (apt-get install postgresql); idempotent: reuses a running cluster in $DIR.
# Usage: export SPEARWATCH_TEST_DATABASE_URL=$(bash scripts/test-postgres.sh [dir] [port])
set -euo pipefail
DIR=${1:-/tmp/spearwatch-pg}
PORT=${2:-54329}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$BIN" ]; then
  echo "PostgreSQL server binaries not found: apt-get install postgresql" >&2
  exit 1
fi
URL="postgres://spearwatch:spearwatch@127.0.0.1:$PORT/spearwatch_test"
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ -f "$DIR/data/postmaster.pid" ] && as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  echo "$URL"
  exit 0
fi
mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
if [ ! -f "$DIR/data/PG_VERSION" ]; then
  as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
fi
as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
  || { cat "$DIR/server.log" >&2; exit 1; }
psql_() { as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_ -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname='spearwatch'")" != 1 ]; then
  psql_ -d postgres -c "CREATE ROLE spearwatch LOGIN PASSWORD 'spearwatch' SUPERUSER" >/dev/null
fi
if [ "$(psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname='spearwatch_test'")" != 1 ]; then
  psql_ -d postgres -c "CREATE DATABASE spearwatch_test OWNER spearwatch" >/dev/null
fi
echo "$URL"
