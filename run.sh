#!/usr/bin/env bash
# Runs Sentinel Integrations on http://localhost:8080. Without ConnectionStrings__Sentinel it starts (and
# reuses) a local PostgreSQL cluster under .data/postgres.
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${ConnectionStrings__Sentinel:-}" ]; then
  scripts/postgres.sh install
  port=${SENTINEL_PG_PORT:-55432}
  data="$PWD/.data/postgres"
  mkdir -p "$data"
  if ! scripts/postgres.sh reachable "$data"; then
    # As root, when the repository sits where the postgres user cannot reach (e.g. under /root): keep the cluster in its home.
    data="/var/lib/postgresql/sentinel-$(pwd | sha1sum | cut -c1-12)"
  fi
  scripts/postgres.sh start "$data" "$port"
  scripts/postgres.sh createdb "$port" sentinel
  echo "PostgreSQL: 127.0.0.1:$port, data in $data" >&2
  export ConnectionStrings__Sentinel="Host=127.0.0.1;Port=$port;Username=postgres;Database=sentinel"
fi

# The young-generation budget the Dockerfile sets too (src/Integrations.Web/Runtime.props says why).
export DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x2000000}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:8080}
# This is the development command: no HSTS, and a Data Protection key ring without a certificate is allowed.
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
exec dotnet run --project src/Integrations.Web -c Release -- "$@"
