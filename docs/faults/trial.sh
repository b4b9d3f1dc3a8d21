#!/usr/bin/env bash
# Replays, against one built checkout of Ingest, the reproductions of the exactly-once trial (see
# docs/faults/exactly-once.md): a sensor restarted while its batches are still queued, rejected batches with lost
# acknowledgements, a simulator SIGKILLed twice, a tampered chunk and a truncated database. It prints one line
# of figures per reproduction. Run it against an older commit and against this one to compare them:
#
#   git worktree add --detach /tmp/ingest-old <commit> && (cd /tmp/ingest-old && dotnet build Ingest.sln -c Release)
#   docs/faults/trial.sh /tmp/ingest-old /tmp/trial-old
#   docs/faults/trial.sh . /tmp/trial-new --spool
#
# Needs sqlite3, python3 and faketime (apt-get install sqlite3 faketime). With --spool the simulator keeps a
# spool (Simulator:Spool:Path), which older checkouts do not know. TRIAL_STEPS="race killed" runs some of them
# (tampered needs killed's database).
set -euo pipefail
repo=$(cd "$1" && pwd); out=$2; spool=${3:-}
mkdir -p "$out"; out=$(cd "$out" && pwd)
collector="$repo/Collector/bin/Release/net10.0/Ingest.Collector.dll"
simulator="$repo/SensorSimulator/bin/Release/net10.0/Ingest.SensorSimulator.dll"
dashboard="$repo/Dashboard/bin/Release/net10.0/Ingest.Dashboard.dll"
export DOTNET_ENVIRONMENT=Development INGEST_SETTINGS="$repo/appsettings.json" DOTNET_NOLOGO=1
port=${TRIAL_PORT:-5710}
url="http://127.0.0.1:$port"
pids=()
trap 'for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done' EXIT

starts=0
start_collector() { # dir, extra settings...
  local dir=$1; shift
  starts=$((starts + 1)); collector_log="$dir/collector-$starts.log"
  dotnet "$collector" --Collector:Port=$port --Collector:Storage:Path="$dir/ingest.db" "$@" >"$collector_log" 2>&1 &
  collector_pid=$!; pids+=("$collector_pid")
  for _ in $(seq 1 300); do
    grep -q "listening on" "$collector_log" && return 0
    kill -0 "$collector_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  echo "trial: the collector did not start; see $collector_log" >&2; return 1
}
now_us() { echo $(( $(date +%s%N) / 1000 )); }
stop_collector() { kill -TERM "$collector_pid"; wait "$collector_pid" 2>/dev/null || true; }
spool_args() { [[ -n "$spool" ]] && echo "--Simulator:Spool:Path=$1/spool" || true; }
summary() { grep -E '^summary ' "$1" | tail -n 1; }
field() { sed -n "s/.* $2=\([0-9]*\).*/\1/p" <<<"$1"; }
resume_points() { # simulator log -> "sensor after" lines
  sed -n 's/.*Sensor \([^ ]*\) greeted collector [^;]*; resuming after sequence \([0-9]*\).*/\1 \2/p' "$1" | awk '!seen[$1]++'
}

# 1. A slow disk (every commit 3 s), 10 sensors; the simulator SIGKILLed after 15 s and started again at once.
race() {
  local dir="$out/race"; rm -rf "$dir"; mkdir -p "$dir"
  start_collector "$dir" --Collector:Chaos:Enabled=true --Collector:Chaos:Commit:LatencyRate=1 --Collector:Chaos:Commit:Latency=00:00:03
  dotnet "$simulator" --Simulator:CollectorAddress=$url --Simulator:Sensors=10 $(spool_args "$dir") >"$dir/simulator-1.log" 2>&1 &
  local first=$!; pids+=("$first"); sleep 15; kill -9 "$first"; wait "$first" 2>/dev/null || true
  local restarted; restarted=$(now_us)
  dotnet "$simulator" --Simulator:CollectorAddress=$url --Simulator:Sensors=10 --Simulator:Duration=00:00:10 \
    --Simulator:ShutdownTimeout=00:01:30 $(spool_args "$dir") \
    --Serilog:MinimumLevel:Override:Ingest.SensorSimulator.Sensors.SimulatedSensor=Debug >"$dir/simulator-2.log" 2>&1
  stop_collector
  # Every reading timestamped after the restart is the new process's (the killed one sampled none then).
  local line; line=$(summary "$dir/simulator-2.log")
  local recovered; recovered=$(field "$line" recovered); recovered=${recovered:-0}
  echo "race: new process acked=$(field "$line" acked) of which its own readings=$(( $(field "$line" acked) - recovered )) (the rest recovered from the killed one's spool), its readings stored=$(sqlite3 "$dir/ingest.db" "SELECT coalesce(sum(reading_count),0) FROM chunks WHERE first_time_us >= $restarted"), chunks holding both processes' sequences=$(sqlite3 "$dir/ingest.db" "SELECT count(*) FROM chunks WHERE first_time_us < $restarted AND last_time_us >= $restarted") ($line)"
}

# 2. Every batch rejected (the simulator's clock 10 min fast), 30 % of acks dropped after the commit.
rejected() {
  local dir="$out/rejected"; rm -rf "$dir"; mkdir -p "$dir"
  start_collector "$dir" --Collector:Chaos:Enabled=true --Collector:Chaos:DropAckAfterCommitRate=0.3
  faketime -f +10m dotnet "$simulator" --Simulator:CollectorAddress=$url --Simulator:Sensors=10 --Simulator:Duration=00:00:20 \
    --Simulator:UploadWindowDuration=00:00:01 $(spool_args "$dir") >"$dir/simulator.log" 2>&1
  stop_collector
  local line; line=$(summary "$dir/simulator.log")
  echo "rejected: acked=$(field "$line" acked), stored=$(sqlite3 "$dir/ingest.db" 'SELECT coalesce(sum(reading_count),0) FROM chunks'), rejected readings recorded=$(sqlite3 "$dir/ingest.db" 'SELECT coalesce(sum(reading_count),0) FROM rejects') ($line)"
}

# 3. 100 sensors; the simulator SIGKILLed at 10 s and again 10 s after its restart; a third runs 10 s and drains.
# Lost at a kill: per sensor, the readings it sampled (one every 10 ms) after its last stored one and before the kill.
killed() {
  local dir="$out/killed"; rm -rf "$dir"; mkdir -p "$dir"
  start_collector "$dir"
  local run pid kills=()
  for run in 1 2; do
    dotnet "$simulator" --Simulator:CollectorAddress=$url --Simulator:Sensors=100 $(spool_args "$dir") >"$dir/simulator-$run.log" 2>&1 &
    pid=$!; pids+=("$pid"); sleep 10; kills+=("$(now_us)"); kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  done
  dotnet "$simulator" --Simulator:CollectorAddress=$url --Simulator:Sensors=100 --Simulator:Duration=00:00:10 $(spool_args "$dir") >"$dir/simulator-3.log" 2>&1
  stop_collector
  local lost
  lost=$(python3 - "$dir/ingest.db" "${kills[@]}" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
lost = []
for kill in map(int, sys.argv[2:]):
    readings = 0
    for sensor, last in db.execute("SELECT sensor_id, max(last_time_us) FROM chunks WHERE last_time_us < ? GROUP BY sensor_id", (kill,)):
        readings += max(0, (kill - last) // 10_000)
    lost.append(readings)
print(" and ".join(f"{n:,}" for n in lost))
PY
)
  echo "killed: readings sampled before each kill and never stored=$lost, gaps recorded=$(sqlite3 "$dir/ingest.db" 'SELECT count(*) || " (" || coalesce(sum(last_sequence-first_sequence+1),0) || " batches)" FROM gaps') ($(summary "$dir/simulator-3.log"))"
}

# 4. One bit flipped in a stored chunk's values, then exported; and the database with its last half page cut off.
tampered() {
  local dir="$out/killed" sensor
  sensor=$(sqlite3 "$dir/ingest.db" "SELECT sensor_id FROM chunks ORDER BY sensor_id LIMIT 1")
  start_collector "$dir"
  dotnet "$dashboard" export --sensor "$sensor" --from -1h --collector $url --out "$dir/before.csv" >/dev/null 2>&1 || true
  stop_collector
  python3 - "$dir/ingest.db" "$sensor" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
seq, blob = db.execute("SELECT sequence, readings FROM chunks WHERE sensor_id=? ORDER BY sequence LIMIT 1", (sys.argv[2],)).fetchone()
blob = bytearray(blob); blob[-1] ^= 0x01
db.execute("UPDATE chunks SET readings=? WHERE sensor_id=? AND sequence=?", (bytes(blob), sys.argv[2], seq)); db.commit()
PY
  start_collector "$dir"
  local code=0
  dotnet "$dashboard" export --sensor "$sensor" --from -1h --collector $url --out "$dir/after.csv" >"$dir/export.log" 2>&1 || code=$?
  stop_collector
  local changed; changed=$(diff "$dir/before.csv" "$dir/after.csv" 2>/dev/null | grep -c '^>' || true)
  echo "tampered: export exit=$code, rows differing from before the flip=$changed, message=$(tail -n 1 "$dir/export.log")"

  cp "$dir/ingest.db" "$dir/truncated.db"; rm -f "$dir"/ingest.db-wal "$dir"/ingest.db-shm
  local page size; page=$(sqlite3 "$dir/truncated.db" 'PRAGMA page_size'); size=$(stat -c %s "$dir/truncated.db")
  truncate -s $((size - page / 2)) "$dir/truncated.db"
  local tdir="$out/truncated"; rm -rf "$tdir"; mkdir -p "$tdir"; mv "$dir/truncated.db" "$tdir/ingest.db"
  if start_collector "$tdir" 2>/dev/null; then
    echo "truncated: the collector started and listens"; stop_collector
  else
    echo "truncated: the collector refused to start: $(grep -m1 -iE 'damaged|corrupt|malformed' "$collector_log" || tail -n 1 "$collector_log")"
  fi
}

for step in ${TRIAL_STEPS:-race rejected killed tampered}; do "$step"; done
