package io.ringedge.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The benchmark's answer: one Markdown table row per step, then the highest sustained rate. */
final class ResultTable {

    /** Issue 2's latency bar for INVITE to 180, milliseconds. */
    static final double RINGING_P99_TARGET_MS = 20;

    private ResultTable() {
    }

    static String header() {
        return "| offered calls/s | calls | successful | failed | success % | wall s | INVITE→180 p50 / p99 / max ms "
                + "| INVITE→200 p50 / p99 / max ms | load avg (1 min) | CPU ms/call system / devices |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    static String row(StepResult s) {
        return String.format(Locale.ROOT, "| %d | %d | %d | %d | %.2f%s | %.1f | %s | %s | %.2f | %.2f / %.2f |",
                s.offeredRate(), s.calls(), s.successful(), s.failed(), 100 * s.successRatio(), s.sustained() ? "" : " ✗",
                s.wall().toMillis() / 1000.0, times(s.ringing()), times(s.answered()), s.loadAverage(),
                s.cpuMillisPerCall(s.systemCpu()), s.cpuMillisPerCall(s.devicesCpu()));
    }

    static String table(List<StepResult> steps) {
        StringBuilder t = new StringBuilder(header()).append('\n');
        steps.forEach(s -> t.append(row(s)).append('\n'));
        return t.toString();
    }

    /** The highest offered rate whose step kept at least 99.9 % success, if any did. */
    static Optional<StepResult> bestSustained(List<StepResult> steps) {
        return steps.stream().filter(StepResult::sustained)
                .max((a, b) -> Integer.compare(a.offeredRate(), b.offeredRate()));
    }

    static String conclusion(List<StepResult> steps) {
        return bestSustained(steps).map(best -> String.format(Locale.ROOT,
                        "highest sustained rate: %d calls/s (%.2f %% success), INVITE→180 p50 %.1f ms p99 %.1f ms (target ≤ %.0f ms: %s), "
                                + "INVITE→200 p50 %.1f ms p99 %.1f ms",
                        best.offeredRate(), 100 * best.successRatio(), best.ringing().p50(), best.ringing().p99(),
                        RINGING_P99_TARGET_MS, best.ringing().p99() <= RINGING_P99_TARGET_MS ? "met" : "MISSED",
                        best.answered().p50(), best.answered().p99()))
                .orElse("no step sustained 99.9 % success");
    }

    static String times(Percentiles p) {
        return p.count() == 0 ? "–" : String.format(Locale.ROOT, "%.1f / %.1f / %.1f", p.p50(), p.p99(), p.max());
    }
}
