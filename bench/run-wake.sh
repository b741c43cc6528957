#!/usr/bin/env bash
# Issue 3's wake-path benchmark: builds the launcher and the bench jars (tests skipped: this is
# not the test suite), then runs SIPp through a whole system on this machine at calls that each
# wake a sleeping phone (mock FCM/APNs and simulated phones in their own JVM).
# Every argument goes to WakeBenchmark, e.g.
#   bench/run-wake.sh                                  # 100 calls/s for 60 s to 500 phones
#   bench/run-wake.sh --rates 50 --step-seconds 10
#   bench/run-wake.sh --edge-jvm-arg -XX:StartFlightRecording=filename=edge.jfr,settings=profile
# Results: printed, and in bench/target/bench-runs/<time>/results.md with every log, the phones'
# own log of each wake (phone-wakes.csv) and SIPp's traces.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-jdk.sh
find_jdk
if ! command -v sipp >/dev/null; then
  echo "run-wake: sipp not found (apt-get install sip-tester)" >&2
  exit 2
fi
if [ "${SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -Dmaven.test.skip=true package -pl launcher,bench -am
fi
exec "$JAVA_HOME/bin/java" -Xmx512m -cp bench/target/ringedge-bench.jar io.ringedge.bench.WakeBenchmark "$@"
