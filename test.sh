#!/usr/bin/env bash
# Builds Ingest and runs every test: unit, in-process gRPC, and end-to-end with the real programs on
# loopback. Needs only the .NET 10 SDK. Results (TRX) go to artifacts/test-results.
#
#   ./test.sh                        everything
#   ./test.sh --filter Category!=E2E  any `dotnet test` options pass through
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
results="$PWD/artifacts/test-results"
rm -rf "$results"

status=0
dotnet test Ingest.sln -c Release --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

# One closing line over all test projects, counted from the TRX files.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [[ -e "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
