#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: initialises a cluster under the run
# folder (<run dir>/postgres), starts it on a free port on 127.0.0.1, creates a database, runs
# the command with RXCHAIN_DATABASE_URL pointing at it, then stops the server and removes the
# cluster — also when the command fails. Uses Debian's PostgreSQL binaries, installing the
# `postgresql` package when they are missing (CI runs as root).
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
[ $# -gt 0 ] || die "usage: $0 COMMAND [ARGS...]"

pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  command -v initdb >/dev/null && dirname "$(readlink -f "$(command -v initdb)")"
  return 0
}

PG_BIN=$(pg_bin)
if [ -z "$PG_BIN" ]; then
  [ "$(id -u)" = 0 ] || die "PostgreSQL's initdb is missing; install Debian's postgresql package"
  log "installing PostgreSQL (Debian package postgresql)"
  # Binaries only: no system cluster created and started on port 5432 by the package.
  mkdir -p /etc/postgresql-common
  grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf ||
    echo 'create_main_cluster = false' >>/etc/postgresql-common/createcluster.conf
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(pg_bin)
  [ -n "$PG_BIN" ] || die "postgresql installed but initdb not found"
fi

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
as_owner() { "$@"; }
PG_DIR="$RUN_DIR/postgres"
rm -rf "$PG_DIR"
mkdir -p "$PG_DIR"
if [ "$(id -u)" = 0 ]; then
  owner=postgres
  id "$owner" >/dev/null 2>&1 || owner=nobody
  chown "$owner" "$PG_DIR"
  as_owner() { runuser -u "$owner" -- "$@"; }
fi

port=""
for candidate in $(seq 25432 25531); do
  if [ -z "$(ss -Hltn "sport = :$candidate")" ]; then port=$candidate; break; fi
done
[ -n "$port" ] || die "no free port in 25432-25531 for PostgreSQL"

stop_server() {
  local rc=$?
  as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  [ $rc -eq 0 ] || { echo "--- PostgreSQL log ---" >&2; tail -20 "$PG_DIR/postgres.log" >&2 2>/dev/null || true; }
  rm -rf "$PG_DIR"
  exit $rc
}
trap stop_server EXIT

as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U rxchain --auth=trust --no-sync -E UTF8 --locale=C >/dev/null
as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $PG_DIR" start >/dev/null
as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U rxchain rxchain_read_model
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (cluster $PG_DIR)"

RXCHAIN_DATABASE_URL="postgres://rxchain@127.0.0.1:$port/rxchain_read_model" "$@"
