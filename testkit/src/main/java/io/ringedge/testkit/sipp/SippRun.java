package io.ringedge.testkit.sipp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One SIPp run, validated and bounded: at most {@link #MAX_CALLS} calls, {@link #MAX_RATE} calls/s,
 * {@link #MAX_TIMEOUT} in all. Build with {@link #uac} (SIPp calls a target, the PBX role) or
 * {@link #uas} (SIPp answers on a local port), then the {@code with...} methods.
 *
 * @param scenario   the scenario XML ({@code -sf})
 * @param targetHost host SIPp sends to; null for a UAS
 * @param targetPort port SIPp sends to; 0 for a UAS
 * @param localPort  SIPp's own port ({@code -p}); 0 picks a free one
 * @param transport  {@code -t u1} or {@code -t t1}
 * @param calls      a UAC's calls before exiting ({@code -m}); a UAS takes calls until
 *                   {@link SippProcess#stop()}
 * @param rate       new calls per second ({@code -r}); ignored by a UAS
 * @param service    Request-URI user part, the DID ({@code -s}); null keeps SIPp's default
 * @param hold       the scenarios' {@code <pause/>} length ({@code -d})
 * @param timeout    SIPp's global timeout ({@code -timeout}, a failure with {@code -timeout_error});
 *                   the process is killed a little after it
 * @param keys       {@code -key name value}: {@code [name]} in the scenario
 * @param variables  {@code -set name value}: {@code [$name]} in the scenario
 * @param runsDir    parent of the per-run directory holding every trace file
 * @param maxConcurrent most calls at once ({@code -l}); 0 leaves SIPp's default
 * @param traceMessages write the {@code -trace_msg} log; a long benchmark turns it off (it slows SIPp
 *                   and fills the disk)
 * @param injectionFile {@code -inf}: a CSV whose lines feed {@code [field0]}, {@code [field1]}... of
 *                   successive calls (e.g. a different DID per call, which {@code -s} cannot do);
 *                   null for none
 * @param mediaPort  {@code -mp}: SIPp's RTP port, which {@code [media_port]} names in a scenario and
 *                   {@code play_pcap_audio} sends from (a scenario may name {@code [media_port+4]}
 *                   for a port SIPp leaves free, e.g. for the test's own RTP socket); 0 for a
 *                   free one
 */
public record SippRun(Path scenario, String targetHost, int targetPort, int localPort, SippTransport transport,
                      int calls, double rate, String service, Duration hold, Duration timeout,
                      Map<String, String> keys, Map<String, String> variables, Path runsDir,
                      int maxConcurrent, boolean traceMessages, Path injectionFile, int mediaPort) {

    public static final int MAX_CALLS = 100_000;
    public static final double MAX_RATE = 2_000;
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(15);

    public SippRun {
        Objects.requireNonNull(scenario, "scenario");
        if (!Files.isRegularFile(scenario)) {
            throw new IllegalArgumentException("no SIPp scenario file at " + scenario.toAbsolutePath());
        }
        if (targetHost != null && (targetPort < 1 || targetPort > 65535)) {
            throw new IllegalArgumentException("target port must be 1..65535, was " + targetPort);
        }
        if (localPort < 0 || localPort > 65535) {
            throw new IllegalArgumentException("local port must be 0..65535, was " + localPort);
        }
        Objects.requireNonNull(transport, "transport");
        if (calls < 1 || calls > MAX_CALLS) {
            throw new IllegalArgumentException("calls must be 1.." + MAX_CALLS + ", was " + calls);
        }
        if (!(rate > 0) || rate > MAX_RATE) {
            throw new IllegalArgumentException("rate must be in (0, " + MAX_RATE + "] calls/s, was " + rate);
        }
        Objects.requireNonNull(hold, "hold");
        if (hold.isNegative()) {
            throw new IllegalArgumentException("hold must not be negative, was " + hold);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.toSeconds() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be 1 s.." + MAX_TIMEOUT + ", was " + timeout);
        }
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        Objects.requireNonNull(runsDir, "runsDir");
        if (maxConcurrent < 0 || maxConcurrent > MAX_CALLS) {
            throw new IllegalArgumentException("maxConcurrent must be 0.." + MAX_CALLS + ", was " + maxConcurrent);
        }
        if (injectionFile != null && !Files.isRegularFile(injectionFile)) {
            throw new IllegalArgumentException("no SIPp injection file at " + injectionFile.toAbsolutePath());
        }
        if (mediaPort < 0 || mediaPort > 65535) {
            throw new IllegalArgumentException("media port must be 0..65535, was " + mediaPort);
        }
    }

    /** SIPp as the calling PBX: one call, 10 calls/s, no hold, 30 s timeout, runs under target/sipp-runs. */
    public static SippRun uac(Path scenario, String targetHost, int targetPort) {
        Objects.requireNonNull(targetHost, "targetHost");
        return new SippRun(scenario, targetHost, targetPort, 0, SippTransport.UDP, 1, 10, null, Duration.ZERO,
                Duration.ofSeconds(30), Map.of(), Map.of(), defaultRunsDir(), 0, true, null, 0);
    }

    /** SIPp answering calls on {@code localPort} (0: a free one, see {@link SippProcess#localPort()}). */
    public static SippRun uas(Path scenario, int localPort) {
        return new SippRun(scenario, null, 0, localPort, SippTransport.UDP, 1, 10, null, Duration.ZERO,
                Duration.ofSeconds(30), Map.of(), Map.of(), defaultRunsDir(), 0, true, null, 0);
    }

    private static Path defaultRunsDir() {
        return Path.of("target", "sipp-runs");
    }

    public boolean isUac() {
        return targetHost != null;
    }

    public SippRun withTransport(SippTransport t) {
        return new SippRun(scenario, targetHost, targetPort, localPort, t, calls, rate, service, hold, timeout, keys, variables, runsDir, maxConcurrent, traceMessages, injectionFile, mediaPort);
    }

    public SippRun withCalls(int n) {
        return new SippRun(scenario, targetHost, targetPort, localPort, transport, n, rate, service, hold, timeout, keys, variables, runsDir, maxConcurrent, traceMessages, injectionFile, mediaPort);
    }

    public SippRun withRate(double callsPerSecond) {
        return new SippRun(scenario, targetHost, targetPort, localPort, transport, calls, callsPerSecond, service, hold, timeout, keys, variables, runsDir, maxConcurrent, traceMessages, injectionFile, mediaPort);
    }

    /** The DID dialled: the Request-URI user part. */
    public SippRun withService(String did) {
        return new SippRun(scenario, targetHost, targetPort, localPort, transport, calls, rate, did, hold, timeout, keys, variables, runsDir, maxConcurrent, traceMessages, injectionFile, mediaPort);
    }

    public SippRun withHold(Duration d) {
        return new SippRun(scenario, targetHost, targetPort, localPort, transport, calls, rate, service, d, timeout, keys, variables, runsDir, maxConcurrent, traceMessages, injectionFile, mediaPort);
    }

    public SippRun withTimeout(Duration d) {
        return new SippRun(scenario, targetHost, targetPort, localPort, transport, calls, rate, service, hold, d, keys, variables, runsDir, maxConcurrent, traceMessages, injectionFile, mediaPort);
    }

    public SippRun withLocalPort(int port) {
        return new SippRun(scenario, targetHost, targetPort, port, transport, calls, rate, service, hold, timeout, keys, variables, runsDir, maxConcurrent, traceMessages, injectionFile, mediaPort);
    }

    public SippRun withKey(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(keys);
        copy.put(name, value);
        return new SippRun(scenario, targetHost, targetPort, localPort, transport, calls, rate, service, hold, timeout, copy, variables, runsDir, maxConcurrent, traceMessages, injectionFile, mediaPort);
    }

    public SippRun withVariable(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(variables);
        copy.put(name, value);
        return new SippRun(scenario, targetHost, targetPort, localPort, transport, calls, rate, service, hold, timeout, keys, copy, runsDir, maxConcurrent, traceMessages, injectionFile, mediaPort);
    }

    public SippRun withRunsDir(Path dir) {
        return new SippRun(scenario, targetHost, targetPort, localPort, transport, calls, rate, service, hold, timeout, keys, variables, dir, maxConcurrent, traceMessages, injectionFile, mediaPort);
    }

    public SippRun withMaxConcurrent(int limit) {
        return new SippRun(scenario, targetHost, targetPort, localPort, transport, calls, rate, service, hold, timeout, keys, variables, runsDir, limit, traceMessages, injectionFile, mediaPort);
    }

    public SippRun withoutMessageTrace() {
        return new SippRun(scenario, targetHost, targetPort, localPort, transport, calls, rate, service, hold, timeout, keys, variables, runsDir, maxConcurrent, false, injectionFile, mediaPort);
    }

    /** SIPp's RTP port ({@code -mp}); 0 for a free one. */
    public SippRun withMediaPort(int port) {
        return new SippRun(scenario, targetHost, targetPort, localPort, transport, calls, rate, service, hold, timeout, keys, variables, runsDir, maxConcurrent, traceMessages, injectionFile, port);
    }

    public SippRun withInjectionFile(Path csv) {
        return new SippRun(scenario, targetHost, targetPort, localPort, transport, calls, rate, service, hold, timeout, keys, variables, runsDir, maxConcurrent, traceMessages, csv, mediaPort);
    }
}
