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
# The failures again at the end, with the first lines of their messages, so the tail of a long log names them.
if [ "$failed" -gt 0 ]; then
  echo "failed tests:"
  for trx in "$results"/*/*.trx; do
    awk '/<UnitTestResult .*outcome="Failed"/ { match($0, /testName="[^"]*"/); print "  " substr($0, RSTART + 10, RLENGTH - 11); failing = 1; shown = 0 }
         failing && /<Message>/ { inside = 1 }
         inside && shown < 12 { line = $0; gsub(/<\/?Message>|^ +/, "", line); print "    " line; shown++ }
         /<\/Message>/ { inside = 0; failing = 0 }' "$trx" | sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g'
  done
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit $status
