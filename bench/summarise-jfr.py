#!/usr/bin/env python3
"""Where the system JVM's CPU went during a benchmark, from a JFR recording (--edge-jvm-arg
-XX:StartFlightRecording=filename=edge.jfr,settings=profile): execution samples by part of the
system (thread name), top frames, first Ringedge frame, and machine vs JVM CPU load.

usage: bench/summarise-jfr.py RUN_DIR/edge.jfr [HH:MM:SS start of the window, UTC [HH:MM:SS end]]
(the window keeps the JVM's start-up and its shutdown, when every device's WebSocket closes, out of a step's profile)
"""
import collections
import json
import statistics
import subprocess
import sys


def events(jfr, names):
    out = subprocess.run(["jfr", "print", "--json", "--events", names, jfr], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)["recording"]["events"]


def part(thread):
    # thread names of the parts in one standalone JVM (Kafka broker, Kafka clients, jain-sip, call sessions)
    if thread.startswith(("ringedge-events", "kafka-producer")):
        return "kafka clients (publisher, consumers)"
    if thread.startswith(("data-plane-kafka", "group-coordinator", "executor-", "kafka-", "quorum", "broker-",
                          "raft", "controller", "ExpirationReaper", "LogDirFailure", "transaction", "share-")):
        return "kafka broker (embedded)"
    if thread.startswith(("pool-AffinityJAIN", "NioSelector", "DefaultSipTimer", "MessageProcessorThread")) \
            or "UDPMessageChannel" in thread:
        return "jain-sip stack"
    if thread == "":
        return "virtual threads (call sessions)"
    if thread.startswith("lettuce"):
        return "redis client"
    return "other: " + thread.rstrip("0123456789-")


def frame(f):
    return f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]


def main():
    jfr = sys.argv[1]
    since = sys.argv[2] if len(sys.argv) > 2 else "00:00:00"
    until = sys.argv[3] if len(sys.argv) > 3 else "99:99:99"
    samples = [e for e in events(jfr, "jdk.ExecutionSample") if since <= e["values"]["startTime"][11:19] < until]
    parts, top, ours = collections.Counter(), collections.Counter(), collections.Counter()
    for e in samples:
        v = e["values"]
        parts[part(v["sampledThread"].get("javaName") or "")] += 1
        frames = v["stackTrace"]["frames"] if v["stackTrace"] else []
        if frames:
            top[frame(frames[0])] += 1
        first = next((frame(f) for f in frames if frame(f).startswith("io.ringedge")), None)
        if first:
            ours[first] += 1
    total = max(1, len(samples))
    print(f"{len(samples)} execution samples from {since} to {until}")
    print("\nby part of the system:")
    for k, n in parts.most_common():
        print(f"  {100 * n / total:5.1f} %  {k}")
    print("\ntop frames:")
    for k, n in top.most_common(15):
        print(f"  {100 * n / total:5.1f} %  {k}")
    print("\nfirst Ringedge frame on the stack:")
    for k, n in ours.most_common(12):
        print(f"  {100 * n / total:5.1f} %  {k}")
    cpu = [e["values"] for e in events(jfr, "jdk.CPULoad") if since <= e["values"]["startTime"][11:19] < until]
    if cpu:
        print(f"\nCPU load (share of all cores): this JVM {statistics.mean(c['jvmUser'] + c['jvmSystem'] for c in cpu):.2f}, "
              f"whole machine {statistics.mean(c['machineTotal'] for c in cpu):.2f}")


if __name__ == "__main__":
    main()
