#!/usr/bin/env bash
# Memory per record of the sandbox's store. Usage: bench/run-memory.sh [N ...]  (default 100000)
# Builds the module's test classes, then runs the harness in its own JVM with -Xmx2g.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
./mvnw -B -q -pl simulators/freshsales-sim -am install -DskipTests
./mvnw -B -q -pl simulators/freshsales-sim test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$here/target/bench.classpath"
exec java -Xmx2g -XX:+UseG1GC -cp "$here/target/classes:$here/target/test-classes:$(cat "$here/target/bench.classpath")" \
  dev.ferry.sim.freshsales.bench.StoreMemoryHarness "${@:-100000}"
