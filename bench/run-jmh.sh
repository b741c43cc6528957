#!/usr/bin/env bash
# Issue 5's microbenchmarks (JMH): per-packet SRTP protect/unprotect and per-frame Opus
# encode/decode with the worker's settings. Builds the bench jar (tests skipped), then runs JMH's
# own runner; every argument goes to it, e.g.
#   bench/run-jmh.sh                        # all of io.ringedge.bench.jmh
#   bench/run-jmh.sh SrtpBenchmark -f 1 -wi 2 -i 3
#   bench/run-jmh.sh OpusBenchmark -prof gc
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-jdk.sh
find_jdk
if [ "${SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -Dmaven.test.skip=true package -pl media-workers,bench -am
fi
if [ $# -eq 0 ]; then
  set -- 'io\.ringedge\.bench\.jmh\..*'
fi
exec "$JAVA_HOME/bin/java" -cp "bench/target/ringedge-bench.jar" org.openjdk.jmh.Main "$@"
