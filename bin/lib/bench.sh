# shellcheck shell=bash
# `bin/ferry bench [--patients N] [--replicas 1|2|4] [--calls-per-hour H] [--time-scale S] ...`: sourced by bin/ferry.
# Issue 13's bench: brings up the local Kafka and PostgreSQL, packages Ferry and the bench (no install), runs a
# generated practice through both sandboxes and the four services on a compressed clock and prints one table (written
# to --out as bench-table.md); stops the infrastructure it brought up. Heavy: on a shared machine run it alone.
bench() {
  local started_kafka=no started_pg=no
  pid_alive "$(kafka_pid)" || started_kafka=yes
  [[ -f $STATE_DIR/postgres.started ]] || started_pg=yes
  infra up
  [[ $started_pg == yes && ! -f $STATE_DIR/postgres.started ]] && started_pg=no
  say "packaging Ferry and the bench (./mvnw -pl bench -am package -DskipTests)"
  (cd "$FERRY_ROOT" && mvnw -pl bench -am package -DskipTests)
  local rc=0
  eval "$(infra_env)"
  export FERRY_DEMO_JDBC_URL="jdbc:postgresql://127.0.0.1:$FERRY_PG_PORT/ferry"
  java -Dferry.root="$FERRY_ROOT" -cp "$FERRY_ROOT/bench/target/ferry-bench-0.1.0-SNAPSHOT.jar:$FERRY_ROOT/bench/target/lib/*" \
    dev.ferry.bench.BenchCommand "$@" || rc=$?
  [[ $started_kafka == yes ]] && kafka_down
  [[ $started_pg == yes ]] && pg_down
  return $rc
}
