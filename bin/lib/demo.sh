# shellcheck shell=bash
# `bin/ferry demo`: sourced by bin/ferry. Until the walking skeleton lands, it starts both sandboxes so a person can
# look at what the migration will read and write.
demo() {
  say "the full migration demo arrives with the walking-skeleton issue; starting the two sandboxes instead"
  (cd "$FERRY_ROOT" && mvnw -pl simulators/freshsales-sim,simulators/dentes-sim -am install -DskipTests)
  mkdir -p "$LOG_DIR"
  java -Dquarkus.http.port="$FERRY_FRESHSALES_SIM_PORT" -jar "$FERRY_ROOT/simulators/freshsales-sim/target/quarkus-app/quarkus-run.jar" > "$LOG_DIR/freshsales-sim.log" 2>&1 &
  local fs=$!
  java -Dquarkus.http.port="$FERRY_DENTES_SIM_PORT" -jar "$FERRY_ROOT/simulators/dentes-sim/target/quarkus-app/quarkus-run.jar" > "$LOG_DIR/dentes-sim.log" 2>&1 &
  local ds=$!
  trap 'kill $fs $ds 2>/dev/null' EXIT INT TERM
  wait_for_port "$FERRY_FRESHSALES_SIM_PORT" 60 "Freshsales sandbox" "$LOG_DIR/freshsales-sim.log"
  wait_for_port "$FERRY_DENTES_SIM_PORT" 60 "Dr.DENTES sandbox" "$LOG_DIR/dentes-sim.log"
  say "Freshsales sandbox: http://127.0.0.1:$FERRY_FRESHSALES_SIM_PORT/_sim/state"
  say "Dr.DENTES sandbox:  http://127.0.0.1:$FERRY_DENTES_SIM_PORT/_sim/stats"
  say "press Ctrl-C to stop both"
  wait
}
