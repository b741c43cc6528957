package io.ringedge.testkit.sipp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a SIPp run ended.
 *
 * @param exitCode        SIPp's exit status (see {@link #exitMeaning}); -1 when it had to be killed
 * @param timedOut        the process outlived its timeout and was killed
 * @param successfulCalls from {@code -trace_stat} (else the screen dump, else all calls when the exit
 *                        code is 0); -1 when unknown
 * @param failedCalls     likewise; -1 when unknown
 * @param messageLog      the {@code -trace_msg} log: every message sent and received
 * @param errorLog        the {@code -trace_err} log: unexpected messages and aborted calls
 * @param responseTimes   per rtd name, every {@code -trace_rtt} sample in milliseconds
 */
public record SippResult(SippRun run, Path runDir, int exitCode, boolean timedOut, long successfulCalls,
                         long failedCalls, String messageLog, String errorLog, String screen,
                         Map<String, List<Double>> responseTimes) {

    /** Every call succeeded: SIPp exited 0 on its own. */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    public List<SippTrace.Entry> messages() {
        return SippTrace.parse(messageLog);
    }

    /** Every sample of that rtd, in milliseconds, in the order SIPp wrote them. */
    public List<Double> responseTimes(String rtd) {
        return responseTimes.getOrDefault(rtd, List.of());
    }

    /** SIPp's documented exit codes. */
    public static String exitMeaning(int code) {
        return switch (code) {
            case 0 -> "all calls successful";
            case 1 -> "at least one call failed";
            case 97 -> "exit on internal command";
            case 99 -> "normal exit without calls processed";
            case 255 -> "fatal error (see the run directory's stdout.log)";
            case 254 -> "fatal error binding a socket";
            case -1 -> "killed after the timeout";
            default -> "unknown exit code";
        };
    }

    /** A summary for assertion messages: outcome, counts, the error log's start, where the traces are. */
    public String describe() {
        String errors = errorLog.isBlank() ? "" : "\nerrors.log:\n" + errorLog.lines().limit(40)
                .reduce((a, b) -> a + "\n" + b).orElse("");
        return "SIPp " + run.scenario().getFileName() + " exit " + exitCode + " (" + exitMeaning(exitCode) + ")"
                + (timedOut ? ", TIMED OUT" : "") + ", successful " + successfulCalls + ", failed " + failedCalls
                + ", traces in " + runDir.toAbsolutePath() + errors;
    }
}
