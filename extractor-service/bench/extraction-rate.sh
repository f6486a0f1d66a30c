#!/usr/bin/env bash
# Measures the extractor's rate (records/s) on a generated practice served by the Dr.DENTES sandbox, against a
# baseline measured in the same run: the same pages read sequentially with curl, no Kafka, no PostgreSQL.
#
#   extractor-service/bench/extraction-rate.sh [patients] [max-concurrency]      (default 10000 4)
#
# Needs: `bin/ferry infra up`, the sandbox jar (./mvnw -B -q -pl simulators/dentes-sim -am install -DskipTests) and
# the extractor jar (./mvnw -B -f extractor-service/pom.xml package -DskipTests). Starts both on free loopback ports
# in a fresh schema of ferry_test, and stops what it started.
set -euo pipefail

PATIENTS=${1:-10000}
CONCURRENCY=${2:-4}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MODULE=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$MODULE/.." && pwd)
WORK=$MODULE/target/bench
SIM_JAR=$ROOT/simulators/dentes-sim/target/quarkus-app/quarkus-run.jar
EXTRACTOR_JAR=$MODULE/target/quarkus-app/quarkus-run.jar
TOKEN=dentes-sandbox-token
SCHEMA=extractor_bench_$RANDOM
PG_URL=${FERRY_PG_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/ferry_test}
PG_USER=${FERRY_PG_USER:-ferry}
export PGPASSWORD=${FERRY_PG_PASSWORD:-ferry}
KAFKA=${FERRY_KAFKA_BOOTSTRAP:-127.0.0.1:9092}

[[ -f $SIM_JAR ]] || { echo "missing $SIM_JAR" >&2; exit 1; }
[[ -f $EXTRACTOR_JAR ]] || { echo "missing $EXTRACTOR_JAR" >&2; exit 1; }
mkdir -p "$WORK"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
psql_bench() { psql -q -h 127.0.0.1 -U "$PG_USER" -d "${PG_URL##*/}" -c "$1" >/dev/null; }

SIM_PID="" EXT_PID=""
cleanup() {
  [[ -n $EXT_PID ]] && kill "$EXT_PID" 2>/dev/null && wait "$EXT_PID" 2>/dev/null || true
  [[ -n $SIM_PID ]] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null || true
  psql_bench "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" || true
}
trap cleanup EXIT

wait_ready() { # url pid what
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "$3 died" >&2; exit 1; }
    sleep 0.2
  done
  echo "$3 not ready" >&2; exit 1
}

SIM_PORT=$(free_port)
java -Xmx1g -Dquarkus.http.port="$SIM_PORT" -Ddentes-sim.generate.patients="$PATIENTS" \
  -Ddentes-sim.generate.dir="$WORK/generated-$PATIENTS-42" -Ddentes-sim.work-dir="$WORK/sim-work" \
  -jar "$SIM_JAR" >"$WORK/sim.log" 2>&1 &
SIM_PID=$!
wait_ready "http://127.0.0.1:$SIM_PORT/_sim/stats" "$SIM_PID" "sandbox"
RECORDS=$(curl -s "http://127.0.0.1:$SIM_PORT/_sim/stats" |
  jq '[.records.practitioners.total, .records.clinics.total, .records.patients.total] | add')

# Baseline: every page of the three resources, one after the other, with curl.
T0=$(now)
for r in practitioners clinics patients; do
  pages=$(curl -s -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$SIM_PORT/api/v1/$r?page=1&per_page=1&include_deleted=true" | jq '.meta.total / 200 | ceil')
  for p in $(seq 1 "$pages"); do
    curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" \
      "http://127.0.0.1:$SIM_PORT/api/v1/$r?page=$p&per_page=200&sort=updated_at&include_deleted=true"
  done
done
T1=$(now)
BASELINE=$(python3 -c "print(round($RECORDS / ($T1 - $T0)))")

psql_bench "CREATE SCHEMA $SCHEMA"
EXT_PORT=$(free_port)
java -Xmx512m -Dquarkus.http.port="$EXT_PORT" -Dkafka.bootstrap.servers="$KAFKA" \
  -Dquarkus.datasource.jdbc.url="$PG_URL" -Dquarkus.datasource.username="$PG_USER" \
  -Dquarkus.datasource.password="$PGPASSWORD" -Dquarkus.hibernate-orm.database.default-schema="$SCHEMA" \
  -Dquarkus.flyway.schemas="$SCHEMA" -Dferry.extractor.dentes.base-url="http://127.0.0.1:$SIM_PORT" \
  -Dferry.extractor.max-concurrency="$CONCURRENCY" -jar "$EXTRACTOR_JAR" >"$WORK/extractor.log" 2>&1 &
EXT_PID=$!
wait_ready "http://127.0.0.1:$EXT_PORT/q/health/ready" "$EXT_PID" "extractor"

# Two runs in the same extractor JVM: the first pays for class loading, JIT and Kafka metadata; the second is warm.
for ATTEMPT in cold warm; do
  RUN=$(curl -s -H 'Content-Type: application/json' -d '{"mode":"FULL"}' "http://127.0.0.1:$EXT_PORT/runs" | jq -r .runId)
  while :; do
    VIEW=$(curl -s "http://127.0.0.1:$EXT_PORT/runs/$RUN")
    STATE=$(jq -r .state <<<"$VIEW")
    [[ $STATE == COMPLETED ]] && break
    [[ $STATE == FAILED ]] && { echo "run failed: $(jq -r .failureReason <<<"$VIEW")" >&2; exit 1; }
    sleep 0.5
  done
  python3 - "$VIEW" "$BASELINE" "$PATIENTS" "$CONCURRENCY" "$ATTEMPT" <<'PY'
import json, sys
from datetime import datetime
view, baseline, patients, concurrency, attempt = (json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3],
                                                   sys.argv[4], sys.argv[5])
ts = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
run_s = ts(view["finishedAt"]) - ts(view["startedAt"])
total = sum(r["manifestCount"] for r in view["resources"])
p = next(r for r in view["resources"] if r["resource"] == "patients")
p_s = ts(p["finishedAt"]) - ts(p["startedAt"])
rate = total / run_s
if attempt == "cold":
    print(f"practice: {patients} patients, {total} records (practitioners+clinics+patients); "
          f"max-concurrency {concurrency}")
    print(f"baseline (curl, sequential, no Kafka/PG): {baseline} records/s")
print(f"{attempt} run (RunStarted .. ExtractionFinished): {run_s:.2f} s, {rate:.0f} records/s, "
      f"ratio to baseline {rate / baseline:.2f}; patients alone {p['manifestCount'] / p_s:.0f} records/s "
      f"({p_s:.2f} s)")
PY
done
