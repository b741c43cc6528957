package io.ringedge.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The wake benchmark's answer: per step one summary row, then where the time of each interval goes. */
final class WakeReport {

    /** One step: what SIPp saw, and the wake path on the edge's side of it. */
    record Step(String name, StepResult sipp, WakeStats wake) {
    }

    private WakeReport() {
    }

    static String header() {
        return "| step | calls | success % | offered on edge | to a phone still awake | to asleep phones: answered % "
                + "| pushes accepted / failed | attaches | INVITEs to woken phones "
                + "| INVITE→push accepted p50 / p99 / max ms | REGISTER→INVITE sent p50 / p99 / max ms "
                + "| SIPp INVITE→200 p50 / p99 / max ms | load avg (1 min) | CPU ms/call system / phones |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    static String row(Step s) {
        StepResult r = s.sipp();
        WakeStats w = s.wake();
        return String.format(Locale.ROOT,
                "| %s | %d | %.2f%s | %d | %d | %d: %.2f | %d / %d | %d | %d | %s | %s | %s | %.2f | %.2f / %.2f |",
                s.name(), r.calls(), 100 * r.successRatio(), r.sustained() ? "" : " ✗", w.calls(), w.awake(), w.asleep(),
                100 * w.asleepAnsweredRatio(), w.pushes(), w.failed(),
                w.attaches(), w.invites(), ResultTable.times(w.inviteToPush()), ResultTable.times(w.registerToInvite()),
                ResultTable.times(r.answered()), r.loadAverage(), r.cpuMillisPerCall(r.systemCpu()),
                r.cpuMillisPerCall(r.devicesCpu()));
    }

    static String breakdown(Step s) {
        StringBuilder t = new StringBuilder("| " + s.name() + ": interval | samples | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Percentiles> e : s.wake().intervals().entrySet()) {
            Percentiles p = e.getValue();
            t.append(String.format(Locale.ROOT, "| %s | %d | %s |%n", e.getKey(), p.count(),
                    p.count() == 0 ? "– | – | –" : String.format(Locale.ROOT, "%.3f | %.3f | %.3f", p.p50(), p.p99(), p.max())));
        }
        return t.toString();
    }

    /** Each measured step against the two bars. */
    static String verdict(List<Step> steps) {
        StringBuilder v = new StringBuilder();
        for (Step s : steps) {
            Percentiles push = s.wake().inviteToPush();
            Percentiles attach = s.wake().registerToInvite();
            v.append(String.format(Locale.ROOT, "%s: p99 INVITE→push accepted %.2f ms (target ≤ %.0f ms: %s), "
                            + "p99 REGISTER→INVITE sent %.2f ms (target ≤ %.0f ms: %s), success %.2f %%, "
                            + "calls to asleep phones answered %.2f %% (%d calls to a phone still awake not counted)%n",
                    s.name(), push.p99(), WakeStats.INVITE_TO_PUSH_P99_TARGET_MS,
                    met(push, WakeStats.INVITE_TO_PUSH_P99_TARGET_MS), attach.p99(),
                    WakeStats.REGISTER_TO_INVITE_P99_TARGET_MS, met(attach, WakeStats.REGISTER_TO_INVITE_P99_TARGET_MS),
                    100 * s.sipp().successRatio(), 100 * s.wake().asleepAnsweredRatio(), s.wake().awake()));
        }
        return v.toString();
    }

    private static String met(Percentiles p, double target) {
        return p.count() == 0 ? "NO SAMPLES" : p.p99() <= target ? "met" : "MISSED";
    }
}
