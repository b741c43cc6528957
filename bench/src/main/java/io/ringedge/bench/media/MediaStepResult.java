package io.ringedge.bench.media;

import io.ringedge.bench.Percentiles;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One concurrency step of the media benchmark.
 *
 * @param target        calls asked for
 * @param calls         calls up and talking during the window
 * @param setupFailures calls that failed to set up so far in the run
 * @param window        the measured time
 * @param expected      frames the worker sent in the window (both directions), by RTP sequence numbers
 * @param received      frames the generator received from the worker (both directions)
 * @param late          of those, frames more than 20 ms behind their stream's best transit
 * @param latency       pass-through only: send to receive through the worker (both directions)
 * @param generatorLag  how late the generator's own frame clocks ran (both)
 * @param workerCpu     CPU the worker process used in the window
 * @param generatorCpu  CPU the generator process (this one) used in the window
 * @param loadAverage   the machine's 1-minute load average at the window's end
 */
record MediaStepResult(int target, int calls, int setupFailures, Duration window, long expected, long received, long late,
                       Percentiles latency, Percentiles generatorLag, Duration workerCpu, Duration generatorCpu,
                       double loadAverage) {

    /** Issue 5's bar: fewer than 0.1 % of frames late beyond 20 ms. */
    static final double LATE_BAR = 0.001;

    /** Frames that never came count as late: a listener waited for them in vain. */
    long missing() {
        return Math.max(0, expected - received);
    }

    double lateRatio() {
        return expected == 0 ? 1 : (late + missing()) / (double) expected;
    }

    boolean sustained() {
        return calls == target && lateRatio() < LATE_BAR;
    }

    double workerCpuPercent() {
        return 100.0 * workerCpu.toNanos() / window.toNanos();
    }

    /** CPU per call, in percent of one core. */
    double workerCpuPercentPerCall() {
        return calls == 0 ? Double.NaN : workerCpuPercent() / calls;
    }

    /** Packets the worker sent per second of its CPU time: packets per second per core. */
    double packetsPerCoreSecond() {
        double cpuSeconds = workerCpu.toNanos() / 1e9;
        return cpuSeconds == 0 ? Double.NaN : received / cpuSeconds;
    }

    double generatorCpuPercent() {
        return 100.0 * generatorCpu.toNanos() / window.toNanos();
    }

    static String header() {
        return "| calls | up | setup failures | frames | late > 20 ms | missing | late+missing % | latency p50 / p99 / max ms "
                + "| worker CPU % | CPU %/call | pkts/s per core | generator CPU % | generator lag p99 ms | load avg |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    String row() {
        return String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %.3f%s | %s | %.0f | %.3f | %.0f | %.0f | %.2f | %.2f |",
                target, calls, setupFailures, received, late, missing(), 100 * lateRatio(), sustained() ? "" : " ✗",
                latency.count() == 0 ? "–" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f", latency.p50(), latency.p99(),
                        latency.max()),
                workerCpuPercent(), workerCpuPercentPerCall(), packetsPerCoreSecond(), generatorCpuPercent(),
                generatorLag.p99(), loadAverage);
    }

    static String table(List<MediaStepResult> steps) {
        StringBuilder t = new StringBuilder(header()).append('\n');
        steps.forEach(s -> t.append(s.row()).append('\n'));
        return t.toString();
    }

    static Optional<MediaStepResult> bestSustained(List<MediaStepResult> steps) {
        return steps.stream().filter(MediaStepResult::sustained).max((a, b) -> Integer.compare(a.calls, b.calls));
    }
}
