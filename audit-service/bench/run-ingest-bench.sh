#!/usr/bin/env bash
# Measures the audit service's ingest rate (outcomes/s into the ledger) on the local Kafka and PostgreSQL.
# Usage (from the repository root): audit-service/bench/run-ingest-bench.sh [--outcomes=N] [--baseline-outcomes=N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
bin/ferry infra up >/dev/null
eval "$(bin/ferry infra env)"
./mvnw -B -q -pl contracts,test-support install -DskipTests
./mvnw -B -q -f audit-service/pom.xml package -DskipTests
cd audit-service
../mvnw -B -q test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.ferry.audit.bench.IngestBench -Dexec.args="$*"
