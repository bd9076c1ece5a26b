#!/usr/bin/env bash
# Runs every test: unit, integration (real app over a throwaway PostgreSQL cluster the tests start) and
# browser (headless Chromium). Installs PostgreSQL, Redis (for the multi-instance tests) and Chromium from Debian's
# packages when missing.
set -euo pipefail
cd "$(dirname "$0")"

scripts/postgres.sh install
scripts/redis.sh install
scripts/chromium.sh
dotnet build Integrations.sln -c Release -warnaserror --nologo -v quiet

results="$PWD/TestResults"
rm -rf "$results"
status=0
# One results folder per test project, so no two TRX files can collide.
for project in tests/*/*.csproj; do
  grep -q 'Microsoft.NET.Test.Sdk' "$project" || continue
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --nologo --results-directory "$results/$name" \
    --logger "trx" --logger "console;verbosity=normal" "$@" || status=$?
done

# One closing line that any reader understands, summed over every test assembly.
passed=0; failed=0; skipped=0
for trx in "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  n() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(n passed))); failed=$((failed + $(n failed)))
  skipped=$((skipped + $(n total) - $(n executed)))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit $status
