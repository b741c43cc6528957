#!/usr/bin/env bash
# Issue 5's media benchmark: builds the media worker and bench jars (tests skipped: this is not the
# test suite), then runs io.ringedge.bench.media.MediaBenchmark: a media worker process (against an
# embedded Redis) carrying calls whose both legs this process plays, in ascending concurrency steps.
# Every argument goes to MediaBenchmark, e.g.
#   bench/run-media.sh --mode transcode                         # 50..250 calls, 30 s each
#   bench/run-media.sh --mode pass-through                      # 250..2000 calls
#   bench/run-media.sh --mode transcode --calls 100,200 --step-seconds 10
#   bench/run-media.sh --mode pass-through --worker-jvm-arg -XX:StartFlightRecording=filename=worker.jfr,settings=profile
# Results: printed, and in bench/target/media-runs/<time>-<mode>/results.md with the worker's log.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-jdk.sh
find_jdk
if [ "${SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -Dmaven.test.skip=true package -pl media-workers,bench -am
fi
# The generator is the instrument: a collector pause in it delays both ends' frames of every call
# and the meter counts them as the worker's lateness. G1 paused it once per ~100 s for 35-150 ms
# (the young collection that copies the ramp's sessions, bench/RESULTS.md 2026-11-22); ZGC does not.
exec "$JAVA_HOME/bin/java" -XX:+UseZGC -Xms1g -Xmx1g -cp "bench/target/ringedge-bench.jar" io.ringedge.bench.media.MediaBenchmark "$@"
