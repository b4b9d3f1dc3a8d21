#!/usr/bin/env bash
# Measures the collector on this machine: for each run a fresh collector on fresh storage, driven by the
# load benchmark from the same machine. Reports, in one run, the naive pattern (one unary Write per
# reading), the transport ceiling (batches streamed into Sink.Discard, which only parses them) and the
# full pipeline (Ingestion.Upload: validation, dedupe, durable commit, aggregation, ack): readings/s and
# batches/s acknowledged, ack latency p50/p95/p99 per batch (from its write to the ack that covers it;
# per call for naive) and from stream completion to ack, collector CPU and peak memory; the ratios; a
# rate-limited full run at half the peak (of the median 1,000-reading full round) with short streams, for latency;
# the targets met or not. Each ceiling and full run is made --rounds times (default 3) per batch size,
# interleaved, each going first in turn (ceiling, full, full, ceiling, …) so that slow spells of the shared machine hit both, each on a
# fresh collector; the table, ratios, targets and half-load rate use the median round by readings/s (a real
# run; the lower middle for an even count, so odd counts are recommended) and list every round's figure. The
# naive run is made once: its target (200×) is far from the line. Prints the markdown table and writes
# bench-results/ (results.md, results.json, throughput.png, logs/). After each naive and full run it checks
# storage per sensor: sequences 1..n with no gap or duplicate, holding every acknowledged reading. Exit code 1
# when a run (any round) cannot support a verdict: it failed (e.g. the collector exited), had RPC errors,
# acknowledged nothing, failed its storage check, or (half load) reached under 95 % of its rate; such a run's
# targets say "not measured".
#
#   ./bench.sh                           defaults: 20 sensors, 10 s per run, batch sizes 10,100,1000, 3 rounds (20 runs, several minutes)
#   ./bench.sh --sensors 50 --seconds 30 --batch-sizes 100,1000,5000 --window-batches 50
#   ./bench.sh --rounds 5                five interleaved rounds of each ceiling and full run (--rounds 1: one each, as before)
#   ./bench.sh --patterns full,ceiling   only some patterns; --no-half-load skips the half-load run
#   ./bench.sh --half-load-window-batches 5   batches per stream of the half-load run (default 5)
#   ./bench.sh --postgres                also the PostgreSQL rows: full pipeline, 1,000-reading batches, one collector and two
#                                        collectors on one database, and a half-load run on one, beside SQLite in the same
#                                        rounds; the benchmark starts its own PostgreSQL cluster (same as --engines sqlite,postgres;
#                                        --collectors 1,2 chooses the rows). Needs PostgreSQL's server programs (as root: installed)
#   ./bench.sh --scale                   only the scale run: 10,000 sensors at 1 Hz with control streams open, 60 s
#                                        (--scale-sensors N, --scale-seconds T)
#   ./bench.sh --fleet 1000,5000,15000  only the fleet run: every sensor on its own connection (its own GrpcChannel), 1 Hz,
#                                        control stream open, at each size on a fresh collector; the sensors run in generator
#                                        processes of at most 5,000 (open files); writes fleet.md, fleet.json, fleet.png
#                                        (--fleet-seconds T, --fleet-connect-rate N, --tls: ECDSA P-256 certificate made for the run,
#                                        --collector-arg=--Collector:…=…, --collector-env NAME=VALUE)
#   ./bench.sh --fleet 15000 --fleet-restart   after the window, restart the collector (SIGTERM, same port and storage) with the
#                                        sensors running and measure the reconnect storm: stop time, until all are welcomed and
#                                        acknowledged again (at most 120 s), back at 10/30/60 s, errors, refusals, peak RSS, CPU
#   ./bench.sh --out DIR                 write the results into DIR (default bench-results)
#   ./bench.sh --storage-dir DIR         the collectors' storage (default DIR/storage under --out; its file
#                                        system type is reported: tmpfs makes fsync free)
#   ./bench.sh --no-build                use the programs as last built
#
# Every other option goes to the benchmark program; `./bench.sh --help` ends with its full list.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

build=1 help=0 args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --postgres) args+=(--engines sqlite,postgres) ;;
    -h|--help) help=1; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done

if [[ $help == 1 ]]; then
  sed -n '2,44p' "$0" | sed 's/^# \{0,1\}//'
  echo
fi

# Every sensor of a fleet run holds a socket (an open file) in the collector and in a generator process.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
benchmark="$root/bench/LoadBenchmark/bin/Release/net10.0/Ingest.LoadBenchmark.dll"

if [[ $build == 1 ]]; then
  echo "bench.sh: building (Release)..." >&2
  dotnet build "$root/Collector/Ingest.Collector.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  dotnet build "$root/bench/LoadBenchmark/Ingest.LoadBenchmark.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
fi

if [[ ! -f "$benchmark" ]]; then
  echo "bench.sh: $benchmark is not built; run without --no-build" >&2; exit 1
fi

# The benchmark finds the collector's Release build in this repository (--collector-dll overrides it).
exec dotnet "$benchmark" "${args[@]}"
