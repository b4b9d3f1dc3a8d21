#!/usr/bin/env bash
# Runs the Ingest pipeline on this machine: builds it, starts the collector and the sensor simulator on
# loopback, and opens the live dashboard over them (their logs go to DATA/logs). Quitting the dashboard
# (q or Ctrl-C) stops everything gracefully.
#
#   ./run.sh                     run until you quit the dashboard
#   ./run.sh --duration 20       run headless for 20 s, streaming the logs; then print the dashboard's
#                                snapshot and the simulator's summary and exit
#   ./run.sh --sensors 1000      simulate 1,000 sensors (default: the Simulator:Sensors setting, 10)
#   ./run.sh --port 5001         listen on another port (default 5000)
#   ./run.sh --data DIR          keep the database in DIR (default ./data)
#   ./run.sh --fresh             start from an empty database (and an empty sensor spool)
#   ./run.sh --chaos             inject faults (Collector:Chaos and Simulator:Chaos turned on), to watch the
#                                pipeline ride them out: failed and slow commits, dropped acks, failed and slow
#                                calls from the sensors (the programs run in Development, for the demo keys)
#   ./run.sh --no-build          use the programs as last built
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

duration="" sensors="" port=5000 data="$root/data" fresh=0 build=1 chaos=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --sensors) sensors="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --chaos) chaos=1; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done
if [[ -n "$duration" && ! "$duration" =~ ^[0-9]+$ ]]; then
  echo "run.sh: --duration takes whole seconds, e.g. --duration 20" >&2; exit 2
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# Every program reads the shared settings file from the repository, so edits to it take effect live.
export INGEST_SETTINGS="$root/appsettings.json"
# The shared settings carry demo keys, which the collector accepts only in the Development environment.
export DOTNET_ENVIRONMENT=Development
# The build configuration to run; the tests set it to their own.
config="${INGEST_RUN_CONFIGURATION:-Release}"
bin() { echo "$root/$1/bin/$config/net10.0/$2.dll"; }

if [[ $build == 1 ]]; then
  echo "run.sh: building ($config)..."
  dotnet build "$root/Collector/Ingest.Collector.csproj" -c $config -nologo -v quiet -clp:ErrorsOnly
  dotnet build "$root/SensorSimulator/Ingest.SensorSimulator.csproj" -c $config -nologo -v quiet -clp:ErrorsOnly
  dotnet build "$root/Dashboard/Ingest.Dashboard.csproj" -c $config -nologo -v quiet -clp:ErrorsOnly
fi

mkdir -p "$data" "$data/logs"
collector_url="http://127.0.0.1:$port"
# Headless runs stream the logs to the terminal; live runs keep them in files behind the dashboard.
log_to() {
  if [[ -n "$duration" ]]; then sed -u "s/^/$1 | /"; else cat >> "$data/logs/$1.log"; fi
}
if [[ $fresh == 1 ]]; then rm -rf "$data"/ingest.db "$data"/ingest.db-wal "$data"/ingest.db-shm "$data"/spool; fi
run_dir=$(mktemp -d)
collector_pid="" simulator_pid=""

# The collector's CPU time and peak resident memory so far, from /proc.
collector_usage() {
  local ticks stat rss
  ticks=$(getconf CLK_TCK)
  stat=$(cut -d')' -f2- "/proc/$collector_pid/stat" 2>/dev/null) || { echo "run.sh: collector usage unavailable"; return; }
  rss=$(awk '/^VmHWM:/ {print $2}' "/proc/$collector_pid/status")
  awk -v s="$stat" -v t="$ticks" -v r="$rss" 'BEGIN { split(s, f, " "); printf "run.sh: collector used %.2f s CPU (user %.2f, system %.2f), peak memory %.0f MiB\n", (f[12]+f[13])/t, f[12]/t, f[13]/t, r/1024 }'
}

# Stops the simulator first, so that it flushes to a collector that is still there, then the collector.
stop() {
  trap - INT TERM
  for pid in $simulator_pid $collector_pid; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap 'echo; echo "run.sh: stopping..."; stop; print_summary; exit 130' INT TERM
trap 'rm -rf "$run_dir"' EXIT

# The simulator's summary line; its output reaches the file through tee, a moment after it exits.
print_summary() {
  local line=""
  for _ in $(seq 1 30); do
    line=$(grep -E '^summary ' "$run_dir/simulator.out" 2>/dev/null | tail -n 1 || true)
    [[ -n "$line" ]] && break
    sleep 0.1
  done
  [[ -n "$line" ]] && echo "$line"
  return 0
}

# The programs run in sessions of their own, so that Ctrl-C reaches only this script, which then stops
# them in order; the log prefixers ignore it, so that the last lines still reach the terminal.

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "run.sh: port $port is already in use (another collector?); stop it or pass --port" >&2; exit 1
fi

collector_args=(--Collector:Port="$port" --Collector:Storage:Path="$data/ingest.db")
# The sensors keep every sealed batch in a spool under the data directory until the collector has settled it, so that a
# simulator killed mid-run resends what it had not seen acknowledged when it starts again.
simulator_args=(--Simulator:CollectorAddress="$collector_url" --Simulator:Spool:Path="$data/spool")
if [[ $chaos == 1 ]]; then
  echo "run.sh: chaos on: the collector fails 2% of commits and slows 5%, drops 5% of acks after the commit;"
  echo "        the sensors' greets, uploads and control streams fail 5% of the time and are slowed 10%"
  collector_args+=(--Collector:Chaos:Enabled=true
    --Collector:Chaos:Commit:FaultRate=0.02 --Collector:Chaos:Commit:LatencyRate=0.05 --Collector:Chaos:Commit:Latency=00:00:00.200
    --Collector:Chaos:DropAckAfterCommitRate=0.05)
  simulator_args+=(--Simulator:Chaos:Enabled=true)
  for call in Greet Upload Connect; do
    simulator_args+=(--Simulator:Chaos:$call:FaultRate=0.05 --Simulator:Chaos:$call:LatencyRate=0.1 --Simulator:Chaos:$call:Latency=00:00:00.100)
  done
fi

setsid dotnet "$(bin Collector Ingest.Collector)" "${collector_args[@]}" \
  > >(trap '' INT; log_to collector) 2>&1 &
collector_pid=$!

# The simulator retries until the collector answers, but starting it on a listening port reads better.
for _ in $(seq 1 300); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  if ! kill -0 "$collector_pid" 2>/dev/null; then echo "run.sh: the collector did not start" >&2; stop; exit 1; fi
  sleep 0.1
done

[[ -n "$sensors" ]] && simulator_args+=(--Simulator:Sensors="$sensors")
[[ -n "$duration" ]] && simulator_args+=(--Simulator:Duration="$(printf '%d.%02d:%02d:%02d' $((duration/86400)) $((duration%86400/3600)) $((duration%3600/60)) $((duration%60)))")

setsid dotnet "$(bin SensorSimulator Ingest.SensorSimulator)" "${simulator_args[@]}" \
  > >(trap '' INT; tee "$run_dir/simulator.out" | log_to simulator) 2>&1 &
simulator_pid=$!

if [[ -n "$duration" ]]; then
  status=0
  wait "$simulator_pid" || status=$?
  simulator_pid=""
  echo "run.sh: the collector's view at the end (Dashboard --once):"
  dotnet "$(bin Dashboard Ingest.Dashboard)" --once --collector "$collector_url" --timeout 15s || echo "run.sh: the dashboard could not take a snapshot" >&2
  summary=$(print_summary)
  usage=$(collector_usage)
  stop
  echo "$usage"
  if [[ $status -ne 0 || -z "$summary" ]]; then echo "run.sh: the simulator exited with $status" >&2; exit $(( status == 0 ? 1 : status )); fi
  echo "$summary"
  exit 0
fi

echo "run.sh: collector on 127.0.0.1:$port, data in $data, logs in $data/logs; opening the dashboard (q quits)."
status=0
dotnet "$(bin Dashboard Ingest.Dashboard)" --collector "$collector_url" || status=$?
echo "run.sh: stopping..."
stop
print_summary
exit $status
