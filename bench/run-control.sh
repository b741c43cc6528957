#!/usr/bin/env bash
# The media worker's control API benchmark: builds the media worker and bench jars (tests skipped:
# this is not the test suite), then runs io.ringedge.bench.control.ControlApiBenchmark: a media
# worker process (against an embedded Redis) and this JVM as the edge's control client, driving
# create/answer/delete cycles at fixed rates; prints requests/s, latency p50/p99/max and CPU
# microseconds per request in the worker and in the client. Every argument goes to the benchmark, e.g.
#   bench/run-control.sh                                   # warm-up 30 s at 50 cycles/s, then 50,100,200 x 20 s
#   bench/run-control.sh --warm-up-seconds 0 --rates 100   # a cold JIT
#   bench/run-control.sh --requests health                 # GET /v1/health only: HTTP without session work
#   bench/run-control.sh --worker-jvm-arg -XX:StartFlightRecording=filename=worker.jfr,settings=profile
#   CLIENT_JVM_ARGS=-XX:StartFlightRecording=filename=client.jfr,settings=profile bench/run-control.sh
# Results: printed, and in bench/target/control-runs/<time>/results.md with the worker's log.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-jdk.sh
find_jdk
if [ "${SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -Dmaven.test.skip=true package -pl media-workers,bench -am
fi
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" -Xms256m -Xmx256m ${CLIENT_JVM_ARGS:-} -cp bench/target/ringedge-bench.jar \
  io.ringedge.bench.control.ControlApiBenchmark "$@"
