#!/usr/bin/env bash
# Issue 2's signalling benchmark: builds the launcher and the bench jars (tests skipped: this is
# not the test suite), then runs SIPp at stepped fixed rates through a whole system on this machine.
# Every argument goes to SignallingBenchmark, e.g.
#   bench/run-signalling.sh                                  # 50,100,200,300,400 calls/s, 60 s each
#   bench/run-signalling.sh --rates 100,200,300 --step-seconds 10
#   bench/run-signalling.sh --rates 300 --edge-jvm-arg -XX:StartFlightRecording=filename=edge.jfr,settings=profile
# Results: printed, and in bench/target/bench-runs/<time>/results.md with every log and SIPp trace.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-jdk.sh
find_jdk
if ! command -v sipp >/dev/null; then
  echo "run-signalling: sipp not found (apt-get install sip-tester)" >&2
  exit 2
fi
if [ "${SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -Dmaven.test.skip=true package -pl launcher,bench -am
fi
exec "$JAVA_HOME/bin/java" -Xmx256m -jar bench/target/ringedge-bench.jar "$@"
