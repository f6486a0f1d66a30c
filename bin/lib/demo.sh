# shellcheck shell=bash
# `bin/ferry demo [--patients N] [--dataset DIR] [--out DIR] ...`: sourced by bin/ferry.
# Brings up the local Kafka and PostgreSQL, builds the applications, runs the migration through the CLI (which
# starts both sandboxes and the four services, prints progress and the reconciliation, writes the output folder and
# stops what it started), then stops the infrastructure it brought up. Exits non-zero if any record is unaccounted for.
demo() {
  local started_kafka=no started_pg=no
  pid_alive "$(kafka_pid)" || started_kafka=yes
  [[ -f $STATE_DIR/postgres.started ]] || started_pg=yes
  infra up
  [[ $started_pg == yes && ! -f $STATE_DIR/postgres.started ]] && started_pg=no
  say "building Ferry (./mvnw install -DskipTests; the first build downloads dependencies)"
  (cd "$FERRY_ROOT" && mvnw install -DskipTests)
  local rc=0
  eval "$(infra_env)"
  export FERRY_DEMO_JDBC_URL="jdbc:postgresql://127.0.0.1:$FERRY_PG_PORT/ferry"
  java -Dferry.root="$FERRY_ROOT" -cp "$FERRY_ROOT/cli/target/ferry-cli-0.1.0-SNAPSHOT.jar:$FERRY_ROOT/cli/target/lib/*" \
    dev.ferry.cli.FerryCli demo "$@" || rc=$?
  [[ $started_kafka == yes ]] && kafka_down
  [[ $started_pg == yes ]] && pg_down
  return $rc
}
