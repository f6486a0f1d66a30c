#!/usr/bin/env bash
# Measures the Dr.DENTES sandbox on a ~2M-record practice: start-up (index build) time, heap after load, RSS, and
# page-serving throughput (bench/PageBench.java). Run from the repository root after building both modules:
#   ./mvnw -B -q -pl simulators/dentes-sim -am install -DskipTests
#   bash simulators/dentes-sim/bench/run-bench.sh [xmx] [patients]
# Defaults: -Xmx512m, 190000 patients (about 2.0M records). Only the sandbox process it started is stopped.
set -euo pipefail
XMX="${1:-512m}"
PATIENTS="${2:-190000}"
PORT="${BENCH_PORT:-8093}"
SECONDS_PER_CASE="${BENCH_SECONDS:-15}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
DATA="${BENCH_DATA:-${TMPDIR:-/tmp}/dentes-bench-$PATIENTS}"
GEN_JAR="$ROOT/simulators/dentes-datagen/target/ferry-dentes-datagen-0.1.0-SNAPSHOT.jar"
SIM_JAR="$ROOT/simulators/dentes-sim/target/quarkus-app/quarkus-run.jar"

if [ ! -f "$DATA/manifest.json" ]; then
  echo "generating $PATIENTS patients into $DATA"
  java -Xmx256m -jar "$GEN_JAR" --patients "$PATIENTS" --seed 42 --out "$DATA"
fi
RECORDS=$(python3 -c "import json,sys; print(sum(json.load(open('$DATA/manifest.json'))['counts'].values()))")
echo "dataset: $DATA ($RECORDS records, $(du -sh "$DATA" | cut -f1) on disk)"

START=$(date +%s.%N)
java -Xmx"$XMX" -Dquarkus.http.port="$PORT" -Ddentes-sim.dataset.path="$DATA" -jar "$SIM_JAR" > "$HERE/.sim-bench.log" 2>&1 &
SIM_PID=$!
trap 'kill $SIM_PID 2>/dev/null || true; wait $SIM_PID 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; do
  if ! kill -0 $SIM_PID 2>/dev/null; then echo "sandbox died:"; tail -20 "$HERE/.sim-bench.log"; exit 1; fi
  sleep 0.5
done
READY=$(date +%s.%N)
echo "ready after $(python3 -c "print(round($READY-$START,1))") s with -Xmx$XMX"
curl -s "http://127.0.0.1:$PORT/_sim/stats" | python3 -c "import json,sys; j=json.load(sys.stdin)['jvm']; print('heap used after load: %.0f MB of max %.0f MB' % (j['heap_used_bytes']/1e6, j['heap_max_bytes']/1e6))"
jcmd $SIM_PID GC.run > /dev/null 2>&1 || true
curl -s "http://127.0.0.1:$PORT/_sim/stats" | python3 -c "import json,sys; j=json.load(sys.stdin)['jvm']; print('heap used after a full GC: %.0f MB' % (j['heap_used_bytes']/1e6))"
java "$HERE/PageBench.java" "http://127.0.0.1:$PORT" "$SECONDS_PER_CASE"
echo "RSS of the sandbox: $(grep VmHWM /proc/$SIM_PID/status | awk '{print $2/1024 " MB (peak)"}')"
for run in first second; do
  curl -s -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/_sim/mutations" \
    -d '{"create":{"patients":1000},"modify":{"appointments":5000},"delete":{"clinical-notes":500}}' \
    -o /dev/null -w "mutation batch, $run (1000 creates, 5000 modifies, 500 deletes): %{time_total} s\n"
done
