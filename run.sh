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
#                                pipeline ride them out: upload streams ended after a committed batch, failed and
#                                slow commits, dropped acks, failed and slow calls from the sensors (some 60 faults
#                                in 15 s; the programs run in Development, for the demo keys)
#   ./run.sh --no-build          use the programs as last built
#   ./run.sh --postgres          store in PostgreSQL instead of SQLite: a local cluster in DATA/postgres (created on
#                                first use, stopped at the end), database "ingest"; needs PostgreSQL's server programs
#                                (as root, run.sh installs them with apt-get); a duration run also prints what is stored
#   ./run.sh --pg-port 55433     the cluster's port (default 55432)
#   ./run.sh --collectors 3      start 3 collectors on consecutive ports from --port (needs --postgres), logs
#                                DATA/logs/collector-1.log ...; the simulator and the dashboard get every address
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

duration="" sensors="" port=5000 data="$root/data" fresh=0 build=1 chaos=0 postgres=0 pg_port=55432 collectors=1
# Every option's value is checked here, before anything is built or started: one line saying what is wrong, exit 2.
usage_error() { echo "run.sh: $1" >&2; exit 2; }
# The value of option $1, which is $2 when there is one: not missing, not empty, not the next option.
value_of() {
  if [[ $3 -lt 2 || -z "$2" || "$2" == --* ]]; then usage_error "$1 needs a value, e.g. $1 $4 (see ./run.sh --help)"; fi
}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) value_of "$1" "${2-}" $# 20; duration="$2"; shift 2 ;;
    --sensors) value_of "$1" "${2-}" $# 100; sensors="$2"; shift 2 ;;
    --port) value_of "$1" "${2-}" $# 5001; port="$2"; shift 2 ;;
    --data) value_of "$1" "${2-}" $# ./data; data="$2"; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --chaos) chaos=1; shift ;;
    --no-build) build=0; shift ;;
    --postgres) postgres=1; shift ;;
    --pg-port) value_of "$1" "${2-}" $# 55433; pg_port="$2"; shift 2 ;;
    --collectors) value_of "$1" "${2-}" $# 3; collectors="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) usage_error "unknown option '$1' (see ./run.sh --help)" ;;
  esac
done
# A port number: 1 to 65535, written without leading zeros.
is_port() { [[ "$1" =~ ^[1-9][0-9]{0,4}$ ]] && (( $1 <= 65535 )); }
if [[ -n "$duration" && ! "$duration" =~ ^[1-9][0-9]{0,8}$ ]]; then
  usage_error "--duration takes whole seconds, 1 or more, e.g. --duration 20, not '$duration'"
fi
if [[ -n "$sensors" ]] && ! [[ "$sensors" =~ ^[1-9][0-9]{0,4}$ && $sensors -le 20000 ]]; then
  usage_error "--sensors takes a count from 1 to 20000, e.g. --sensors 100, not '$sensors'"
fi
if ! is_port "$port"; then
  usage_error "--port takes a port number from 1 to 65535, e.g. --port 5001, not '$port'"
fi
if [[ ! "$collectors" =~ ^[1-9][0-9]{0,2}$ ]]; then
  usage_error "--collectors takes a count from 1 to 999, e.g. --collectors 3, not '$collectors'"
fi
if (( port + collectors - 1 > 65535 )); then
  usage_error "--collectors $collectors from --port $port needs ports up to $((port + collectors - 1)); the last port is 65535"
fi
if [[ $collectors -gt 1 && $postgres == 0 ]]; then
  usage_error "--collectors $collectors needs --postgres: several collectors share one PostgreSQL database, not a SQLite file"
fi
if ! is_port "$pg_port"; then
  usage_error "--pg-port takes a port number from 1 to 65535, e.g. --pg-port 55433, not '$pg_port'"
fi
if [[ -e "$data" && ! -d "$data" ]]; then
  usage_error "--data takes a directory, and $data is a file"
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
  # One quiet build of the three programs (a solution filter of them): errors show, nothing else does.
  if [[ -f "$root/Collector/obj/project.assets.json" && -f "$root/SensorSimulator/obj/project.assets.json" && -f "$root/Dashboard/obj/project.assets.json" ]]; then
    echo "run.sh: building the collector, simulator and dashboard ($config)..."
  else
    echo "run.sh: restoring packages and building the collector, simulator and dashboard ($config); the first build takes a minute or two..."
  fi
  build_dir=$(mktemp -d)
  trap 'rm -rf "$build_dir"' EXIT
  printf '{ "solution": { "path": "%s", "projects": [ "Collector\\\\Ingest.Collector.csproj", "SensorSimulator\\\\Ingest.SensorSimulator.csproj", "Dashboard\\\\Ingest.Dashboard.csproj" ] } }\n' \
    "$root/Ingest.sln" > "$build_dir/run.slnf"
  if ! dotnet msbuild "$build_dir/run.slnf" -restore -t:Build -p:Configuration="$config" -nologo -v:quiet -tl:off -clp:NoSummary; then
    rm -rf "$build_dir"; echo "run.sh: the build failed (the errors are above)" >&2; exit 1
  fi
  rm -rf "$build_dir"
fi

mkdir -p "$data" "$data/logs"
# Collector i (from 1) listens on port + i - 1; a single collector keeps the plain names (collector.log, "collector |").
collector_port() { echo $((port + $1 - 1)); }
collector_url() { echo "http://127.0.0.1:$(collector_port "$1")"; }
collector_name() { if [[ $collectors == 1 ]]; then echo collector; else echo "collector-$1"; fi; }
collector_url=$(collector_url 1)
# Headless runs stream the logs to the terminal; live runs keep them in files behind the dashboard.
log_to() {
  if [[ -n "$duration" ]]; then sed -u "s/^/$1 | /"; else cat >> "$data/logs/$1.log"; fi
}
if [[ $fresh == 1 ]]; then rm -rf "$data"/ingest.db "$data"/ingest.db-wal "$data"/ingest.db-shm "$data"/spool; fi
run_dir=$(mktemp -d)
collector_pids=() simulator_pid="" pg_started=0

# A collector's CPU time and peak resident memory so far, from /proc: collector_usage PID NAME.
collector_usage() {
  local ticks stat rss
  ticks=$(getconf CLK_TCK)
  stat=$(cut -d')' -f2- "/proc/$1/stat" 2>/dev/null) || { echo "run.sh: $2 usage unavailable"; return; }
  rss=$(awk '/^VmHWM:/ {print $2}' "/proc/$1/status")
  awk -v n="$2" -v s="$stat" -v t="$ticks" -v r="$rss" 'BEGIN { split(s, f, " "); printf "run.sh: %s used %.2f s CPU (user %.2f, system %.2f), peak memory %.0f MiB\n", n, (f[12]+f[13])/t, f[12]/t, f[13]/t, r/1024 }'
}

# Stops the simulator first, so that it flushes to collectors that are still there, then the collectors.
stop() {
  trap - INT TERM
  for pid in $simulator_pid "${collector_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap 'echo; echo "run.sh: stopping..."; stop; print_stored; print_summary; exit 130' INT TERM
trap 'stop_postgres; rm -rf "$run_dir"' EXIT

# --postgres: a local cluster in $data/postgres, run as the postgres user when this script runs as root (initdb and
# postgres refuse root), reached over TCP on 127.0.0.1 only, with fsync on.
pg_dir="$data/postgres" pg_log="$data/logs/postgres.log" pg_bin=""
pg_url="Host=127.0.0.1;Port=$pg_port;Database=ingest;Username=postgres"
as_postgres_cmd=()
if [[ $EUID == 0 ]]; then as_postgres_cmd=(runuser -u postgres --); fi
as_postgres() { "${as_postgres_cmd[@]}" "$@"; }
pg_psql() { "$pg_bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }
# PostgreSQL's server programs: pg_config's bindir, else the newest /usr/lib/postgresql/*/bin.
find_postgres() {
  local dir
  if dir=$(pg_config --bindir 2>/dev/null) && [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/psql" ]]; then echo "$dir"; return 0; fi
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/psql" ]]; then echo "$dir"; return 0; fi
  done
  return 1
}
start_postgres() {
  if ! pg_bin=$(find_postgres); then
    if [[ $EUID != 0 ]]; then
      echo "run.sh: --postgres needs PostgreSQL's server programs; install them: sudo apt-get update && sudo apt-get install -y postgresql" >&2; exit 1
    fi
    echo "run.sh: installing PostgreSQL (apt-get install -y postgresql)..."
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } || ! pg_bin=$(find_postgres); then
      echo "run.sh: could not install PostgreSQL; run: apt-get update && apt-get install -y postgresql" >&2; exit 1
    fi
  fi
  if [[ $EUID == 0 ]] && ! id -u postgres >/dev/null 2>&1; then
    useradd --system --user-group postgres || { echo "run.sh: PostgreSQL runs as the user postgres; create it: useradd --system --user-group postgres" >&2; exit 1; }
  fi
  mkdir -p "$pg_dir"
  touch "$pg_log"
  if [[ $EUID == 0 ]]; then chown postgres: "$pg_dir" "$pg_log"; fi
  chmod 700 "$pg_dir"
  if ! as_postgres test -w "$pg_dir"; then
    echo "run.sh: the postgres user cannot reach $pg_dir (the server runs as postgres); pass --data a directory it can reach, e.g. --data /var/tmp/ingest" >&2; exit 1
  fi
  # A cluster left running by an earlier run that was killed is stopped, so that it starts with this run's settings.
  if as_postgres "$pg_bin/pg_ctl" status -D "$pg_dir" >/dev/null 2>&1; then
    echo "run.sh: stopping the PostgreSQL server an earlier run left in $pg_dir"
    as_postgres "$pg_bin/pg_ctl" stop -D "$pg_dir" -m fast -w >/dev/null
  fi
  if [[ ! -s "$pg_dir/PG_VERSION" ]]; then
    echo "run.sh: creating a PostgreSQL cluster in $pg_dir"
    as_postgres "$pg_bin/initdb" -D "$pg_dir" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C --no-instructions >/dev/null
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; then
    echo "run.sh: port $pg_port is already in use (another PostgreSQL?); stop it or pass --pg-port" >&2; exit 1
  fi
  # Its own session, like the programs below, so that Ctrl-C reaches only this script.
  if ! setsid -w "${as_postgres_cmd[@]}" "$pg_bin/pg_ctl" start -D "$pg_dir" -l "$pg_log" -w -t 60 \
      -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=on -c max_connections=200 -c shared_buffers=128MB" >/dev/null; then
    echo "run.sh: PostgreSQL did not start; the end of $pg_log:" >&2; tail -n 20 "$pg_log" >&2; exit 1
  fi
  pg_started=1
  if [[ $fresh == 1 ]]; then pg_psql -d postgres -c "DROP DATABASE IF EXISTS ingest WITH (FORCE)"; fi
  if [[ -z "$(pg_psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'ingest'")" ]]; then
    pg_psql -d postgres -c "CREATE DATABASE ingest"
  fi
  echo "run.sh: PostgreSQL $("$pg_bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$pg_port, cluster in $pg_dir, database ingest"
}
stop_postgres() {
  if [[ $pg_started == 1 ]]; then
    pg_started=0
    as_postgres "$pg_bin/pg_ctl" stop -D "$pg_dir" -m fast -w >/dev/null || echo "run.sh: could not stop PostgreSQL in $pg_dir" >&2
  fi
}
# What the collectors stored, counted in the database, to compare with what the simulator saw acknowledged.
print_stored() {
  local counts
  [[ $pg_started == 1 ]] || return 0
  if counts=$(pg_psql -d ingest -F ' ' -c "SELECT count(*), coalesce(sum(reading_count), 0) FROM chunks" 2>&1); then
    echo "run.sh: stored in PostgreSQL: ${counts% *} batches, ${counts#* } readings"
  else
    echo "run.sh: could not count what PostgreSQL stored: ${counts%%$'\n'*}" >&2
  fi
}

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

# A collector that did not start: its one-line reason (the refusal it logs), and the run.sh option that fixes it.
not_started() {
  local name reason="" hint
  name=$(collector_name "$1")
  # Its output reaches the file through tee, a moment after it exits.
  for _ in $(seq 1 30); do
    reason=$(sed -n 's/^\[[0-9:]* FTL\] Collector refuses to start: //p' "$run_dir/$name.out" 2>/dev/null | head -n 1)
    [[ -n "$reason" ]] && break
    sleep 0.1
  done
  # Any other failure: the message of the first exception it logged, else its first error line.
  if [[ -z "$reason" ]]; then
    reason=$(sed -n 's/^[A-Za-z.]*Exception: //p' "$run_dir/$name.out" 2>/dev/null | head -n 1)
  fi
  if [[ -z "$reason" ]]; then
    reason=$(grep -m 1 -E '^\[[0-9:]* (FTL|ERR)\] ' "$run_dir/$name.out" 2>/dev/null | sed 's/^\[[0-9:]* [A-Z]*\] //') || true
  fi
  case "$reason" in
    *"Another collector is using the database"*) hint="use another --data, or stop the other collector" ;;
    *"is damaged"*) hint="recover the file as the collector says, or use another --data, or start from an empty database with --fresh (it deletes what is stored)" ;;
    *"address already in use"*|*"Failed to bind"*) hint="use another --port, or stop what listens on it" ;;
    *"cannot be opened"*) hint="check the PostgreSQL server on --pg-port $pg_port (its log: $pg_log)" ;;
    *) hint="its log: $data/logs/$name.log" ;;
  esac
  if [[ -n "$duration" ]]; then hint="${hint/its log: $data\/logs\/$name.log/its log is above}"; fi
  echo "run.sh: the $name did not start: ${reason:-it exited before it listened on port $(collector_port "$1")}" >&2
  echo "run.sh: $hint" >&2
}

# The programs run in sessions of their own, so that Ctrl-C reaches only this script, which then stops
# them in order; the log prefixers ignore it, so that the last lines still reach the terminal.

for i in $(seq 1 "$collectors"); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$(collector_port "$i")") 2>/dev/null; then
    echo "run.sh: port $(collector_port "$i") is already in use (another collector?); stop it or pass --port" >&2; exit 1
  fi
done

[[ $postgres == 1 ]] && start_postgres

if [[ $postgres == 1 ]]; then
  collector_args=(--Collector:Storage:Engine=Postgres --Collector:Storage:ConnectionString="$pg_url")
else
  collector_args=(--Collector:Storage:Path="$data/ingest.db")
fi
# The sensors keep every sealed batch in a spool under the data directory until the collector has settled it, so that a
# simulator killed mid-run resends what it had not seen acknowledged when it starts again.
simulator_args=(--Simulator:Spool:Path="$data/spool")
dashboard_args=()
if [[ $collectors == 1 ]]; then
  simulator_args+=(--Simulator:CollectorAddress="$collector_url")
else
  # Every sensor is given every collector; when one goes away, its sensors move to the others.
  for i in $(seq 1 "$collectors"); do simulator_args+=("--Simulator:CollectorAddresses:$((i - 1))=$(collector_url "$i")"); done
fi
for i in $(seq 1 "$collectors"); do dashboard_args+=(--collector "$(collector_url "$i")"); done
if [[ $chaos == 1 ]]; then
  # Rates apply per batch and per commit where they can: a rate per upload window or per greeting gives a handful of
  # faults in a short run (10 sensors send about 10 batches a second, but open only 2 upload windows a second). Each
  # sensor still sees only a fault or two in 15 s: three failures in a row open its circuit breaker, and the backoff then
  # outlasts the end-of-run flush.
  echo "run.sh: chaos on: the collector ends the upload stream after 5% of batches (they are committed), fails 2% of commits"
  echo "        and slows half of them by 50 ms, drops 5% of acks after the commit; the sensors' greets, uploads and control"
  echo "        streams fail 5% of the time and are slowed 10%"
  collector_args+=(--Collector:Chaos:Enabled=true --Collector:Chaos:AbortStreamRate=0.05
    --Collector:Chaos:Commit:FaultRate=0.02 --Collector:Chaos:Commit:LatencyRate=0.5 --Collector:Chaos:Commit:Latency=00:00:00.050
    --Collector:Chaos:DropAckAfterCommitRate=0.05)
  simulator_args+=(--Simulator:Chaos:Enabled=true)
  for call in Greet Upload Connect; do
    simulator_args+=("--Simulator:Chaos:$call:FaultRate=0.05" "--Simulator:Chaos:$call:LatencyRate=0.1" "--Simulator:Chaos:$call:Latency=00:00:00.100")
  done
fi

for i in $(seq 1 "$collectors"); do
  name=$(collector_name "$i")
  # A collector serves its Prometheus metrics 4464 above its gRPC port: 9464 for the default 5000, and apart for
  # every other --port and collector, so that runs side by side do not collide (docs/metrics.md); none past 65535.
  metrics_port=$(( $(collector_port "$i") + 4464 ))
  if (( metrics_port <= 65535 )); then metrics_args=(--Collector:Metrics:PrometheusPort="$metrics_port")
  else metrics_args=(--Collector:Metrics:PrometheusEnabled=false); fi
  setsid dotnet "$(bin Collector Ingest.Collector)" --Collector:Port="$(collector_port "$i")" \
    "${metrics_args[@]}" "${collector_args[@]}" \
    > >(trap '' INT; tee "$run_dir/$name.out" | log_to "$name") 2>&1 &
  collector_pids+=($!)
done

# The simulator retries until the collectors answer, but starting it on listening ports reads better.
for i in $(seq 1 "$collectors"); do
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$(collector_port "$i")") 2>/dev/null; then break; fi
    if ! kill -0 "${collector_pids[$((i - 1))]}" 2>/dev/null; then
      not_started "$i"; stop; exit 1
    fi
    sleep 0.1
  done
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
  if [[ $collectors == 1 ]]; then
    echo "run.sh: the collector's view at the end (Dashboard --once):"
  else
    echo "run.sh: the collectors' view at the end (Dashboard --once):"
  fi
  dotnet "$(bin Dashboard Ingest.Dashboard)" --once "${dashboard_args[@]}" --timeout 15s || echo "run.sh: the dashboard could not take a snapshot" >&2
  summary=$(print_summary)
  usage=""
  for i in $(seq 1 "$collectors"); do usage+=$(collector_usage "${collector_pids[$((i - 1))]}" "$(collector_name "$i")")$'\n'; done
  stop
  printf '%s' "$usage"
  print_stored
  stop_postgres
  if [[ $status -ne 0 || -z "$summary" ]]; then echo "run.sh: the simulator exited with $status" >&2; exit $(( status == 0 ? 1 : status )); fi
  echo "$summary"
  exit 0
fi

if [[ $collectors == 1 ]]; then
  echo "run.sh: collector on 127.0.0.1:$port, data in $data, logs in $data/logs; opening the dashboard (q quits)."
else
  echo "run.sh: $collectors collectors on 127.0.0.1:$port-$(collector_port "$collectors") (pids ${collector_pids[*]}; kill one and its sensors move to the others),"
  echo "        data in $data, logs in $data/logs; opening the dashboard (q quits)."
fi
status=0
dotnet "$(bin Dashboard Ingest.Dashboard)" "${dashboard_args[@]}" || status=$?
echo "run.sh: stopping..."
stop
print_stored
print_summary
exit $status
