#!/usr/bin/env bash
# Adds an EF Core migration for the whole model: scripts/add-migration.sh NAME
# (dotnet-ef builds the real host, which only needs a connection string to exist, not to answer.)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
ConnectionStrings__Sentinel="Host=127.0.0.1;Database=design_time" \
  dotnet ef migrations add "$1" --project src/Integrations.Web --startup-project src/Integrations.Web -o Migrations
