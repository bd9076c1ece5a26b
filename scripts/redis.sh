#!/usr/bin/env bash
# Local Redis servers for the tests, the benchmark and the run command's multi-instance set-up; no Docker needed.
#   redis.sh install              install redis-server from Debian's packages when it is missing
#   redis.sh start DATADIR PORT   start a throwaway server on 127.0.0.1:PORT (no persistence), files in DATADIR
#   redis.sh stop DATADIR         stop it
#   redis.sh destroy DATADIR      stop it and delete its folder
set -euo pipefail

server() { command -v redis-server || ls /usr/bin/redis-server 2>/dev/null || true; }

install() {
  if [ -n "$(server)" ]; then return; fi
  echo "Installing Redis from Debian's packages…" >&2
  # --no-install-recommends: no system service beyond the package's own; ours are separate.
  "$(dirname "$0")/apt-install.sh" --no-install-recommends redis-server
}

start() {
  local dir port=$2
  dir=$(realpath -m "$1")
  mkdir -p "$dir"
  if [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then return; fi
  "$(server)" --bind 127.0.0.1 --port "$port" --dir "$dir" --save '' --appendonly no --protected-mode yes \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 1 100); do
    if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then return; fi
    sleep 0.1
  done
  tail -n 20 "$dir/redis.log" >&2; exit 1
}

stop() {
  local dir
  dir=$(realpath -m "$1")
  [ -f "$dir/redis.pid" ] || return 0
  kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  rm -f "$dir/redis.pid"
}

destroy() { stop "$1"; rm -rf "$1"; }

cmd=${1:-}; shift || true
case "$cmd" in
  install) install ;;
  start) start "$@" ;;
  stop) stop "$@" ;;
  destroy) destroy "$@" ;;
  *) echo "usage: redis.sh install | start DATADIR PORT | stop DATADIR | destroy DATADIR" >&2; exit 2 ;;
esac
