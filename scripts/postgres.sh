#!/usr/bin/env bash
# Local PostgreSQL clusters for the run command, the tests and the benchmark; no Docker needed.
#   postgres.sh install                 install the server from Debian's packages when it is missing
#   postgres.sh start DATADIR PORT      init (first time) and start a cluster on 127.0.0.1:PORT, trust auth, user postgres
#   postgres.sh stop DATADIR            stop it
#   postgres.sh destroy DATADIR         stop it and delete its folder (throwaway test clusters)
#   postgres.sh createdb PORT NAME      create database NAME on the cluster at 127.0.0.1:PORT unless it exists
#   postgres.sh reachable DATADIR       exit 0 when the server's user can reach DATADIR (as root, initdb runs as postgres)
set -euo pipefail

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# As root the server runs as the 'postgres' user (initdb refuses root); otherwise as whoever runs this.
# From /, so the server user is not told it "could not change directory" to an unreachable cwd.
as_server_user() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

install() {
  if [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ]; then return; fi
  echo "Installing PostgreSQL from Debian's packages…" >&2
  "$(dirname "$0")/apt-install.sh" postgresql
  # Debian's package starts a system cluster on 5432; ours are separate, so leave it alone.
}

# As root the data folder is chowned to postgres on start, so only its parent must be reachable (not e.g. under /root).
reachable() { as_server_user test -x "$(dirname "$(realpath -m "$1")")"; }

start() {
  local dir port=$2 bin
  dir=$(realpath -m "$1")
  bin=$(pg_bin)
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; chmod 700 "$dir"; fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_server_user "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
      || as_server_user "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --no-locale >"$dir.initdb.log" 2>&1 \
      || { cat "$dir.initdb.log" >&2; exit 1; }
    rm -f "$dir.initdb.log"
  fi
  if as_server_user "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then return; fi
  as_server_user "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start -o \
    "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=400 -c shared_buffers=256MB ${PG_EXTRA_OPTS:-}" >/dev/null \
    || { tail -n 30 "$dir/server.log" >&2; exit 1; }
}

stop() {
  local dir
  dir=$(realpath -m "$1")
  [ -f "$dir/postmaster.pid" ] || return 0
  as_server_user "$(pg_bin)/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null 2>&1 || true
}

destroy() { stop "$1"; rm -rf "$1"; }

createdb() {
  local port=$1 name=$2 psql
  psql="$(pg_bin)/psql -h 127.0.0.1 -p $port -U postgres -d postgres -qtA"
  [ "$($psql -c "SELECT 1 FROM pg_database WHERE datname = '$name'")" = "1" ] || $psql -c "CREATE DATABASE \"$name\"" >/dev/null
}

cmd=${1:-}; shift || true
case "$cmd" in
  install) install ;;
  start) start "$@" ;;
  stop) stop "$@" ;;
  destroy) destroy "$@" ;;
  createdb) createdb "$@" ;;
  reachable) reachable "$@" ;;
  *) echo "usage: postgres.sh install | start DATADIR PORT | stop DATADIR | destroy DATADIR | createdb PORT NAME | reachable DATADIR" >&2; exit 2 ;;
esac
