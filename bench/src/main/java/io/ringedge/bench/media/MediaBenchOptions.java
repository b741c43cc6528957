package io.ringedge.bench.media;

import io.ringedge.bench.BenchOptions;
import io.ringedge.bench.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one media benchmark run does, from its command line; every value bounded so a typo cannot
 * start an hour-long or machine-filling run.
 *
 * @param transcoded    Opus on the device leg (the worker transcodes), else PCMU on both (pass-through)
 * @param steps         concurrent calls per step, ascending
 * @param step          how long each step is measured, once its calls are up
 * @param setupRate     new calls per second while ramping up to a step
 * @param workerJar     the worker under test: {@code media-workers/target/media-workers.jar}
 * @param runsDir       where each run gets its own folder (worker config and log, results)
 * @param workerJvmArgs extra JVM options for the worker (e.g. a JFR recording)
 * @param stopOnFailure end the run at the first step over 0.1 % late frames
 * @param warmUpCalls   calls that run, unmeasured, before the first step, so both JVMs compile the media path
 * @param warmUp        how long they run: at 20 s both JVMs' C2 compilers still took ~20 % of a core each
 *                      in the first windows (2026-11-21 23:30), CPU the loops then lacked
 */
public record MediaBenchOptions(boolean transcoded, List<Integer> steps, Duration step, int setupRate, Path workerJar,
                                Path runsDir, List<String> workerJvmArgs, boolean stopOnFailure, int warmUpCalls,
                                Duration warmUp) {

    static final int MAX_CALLS = 4_000;
    static final Duration MAX_STEP = Duration.ofMinutes(5);
    static final Duration MAX_WARM_UP = Duration.ofMinutes(10);
    static final int DEFAULT_WARM_UP_CALLS = 20;

    public static final String USAGE = String.join("\n",
            "usage: MediaBenchmark [options]",
            "  --mode transcode|pass-through  Opus<->PCMU with SRTP on the device leg, or PCMU both sides",
            "  --calls 50,100,150,200,250     concurrent calls per step, ascending (1.." + MAX_CALLS + ")",
            "  --step-seconds 30              measured length of each step (1.." + MAX_STEP.toSeconds() + ")",
            "  --setup-rate 40                new calls per second while ramping (1..500)",
            "  --worker-jar media-workers/target/media-workers.jar",
            "  --runs-dir bench/target/media-runs",
            "  --worker-jvm-arg ARG           extra option for the worker's JVM (repeatable), e.g.",
            "                                 -XX:StartFlightRecording=filename=worker.jfr,settings=profile",
            "  --warm-up-calls 20             calls run unmeasured before the first step (1..first step)",
            "  --warm-up-seconds 20           how long they run first, for the JIT (0..600)",
            "  --keep-going                   run every step even after one misses the 0.1 % bar");

    public MediaBenchOptions {
        steps = List.copyOf(steps);
        workerJvmArgs = List.copyOf(workerJvmArgs);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("--calls: at least one step");
        }
        int previous = 0;
        for (int calls : steps) {
            if (calls < 1 || calls > MAX_CALLS) {
                throw new IllegalArgumentException("--calls: each must be 1.." + MAX_CALLS + ", was " + calls);
            }
            if (calls <= previous) {
                throw new IllegalArgumentException("--calls: steps must ascend, was " + steps);
            }
            previous = calls;
        }
        if (step.toSeconds() < 1 || step.compareTo(MAX_STEP) > 0) {
            throw new IllegalArgumentException("--step-seconds: must be 1.." + MAX_STEP.toSeconds() + ", was " + step.toSeconds());
        }
        if (setupRate < 1 || setupRate > 500) {
            throw new IllegalArgumentException("--setup-rate: must be 1..500, was " + setupRate);
        }
        if (warmUpCalls < 1 || warmUpCalls > steps.get(0)) {
            throw new IllegalArgumentException("--warm-up-calls: must be 1.." + steps.get(0) + " (the first step), was "
                    + warmUpCalls);
        }
        if (warmUp.isNegative() || warmUp.compareTo(MAX_WARM_UP) > 0) {
            throw new IllegalArgumentException("--warm-up-seconds: must be 0.." + MAX_WARM_UP.toSeconds() + ", was "
                    + warmUp.toSeconds());
        }
    }

    int maxCalls() {
        return steps.get(steps.size() - 1);
    }

    public static MediaBenchOptions parse(String... args) {
        boolean transcoded = true;
        List<Integer> steps = null;
        long stepSeconds = 30;
        int setupRate = 40;
        Path jar = Path.of("media-workers", "target", "media-workers.jar");
        Path runs = Path.of("bench", "target", "media-runs");
        List<String> jvmArgs = new ArrayList<>();
        Integer warmUpCalls = null;
        long warmUpSeconds = 20;
        CommandLine line = CommandLine.parse(args, Set.of(BenchOptions.KEEP_GOING));
        for (CommandLine.Option option : line.options()) {
            String value = option.value();
            switch (option.name()) {
                case "--mode" -> transcoded = switch (value) {
                    case "transcode" -> true;
                    case "pass-through" -> false;
                    default -> throw new IllegalArgumentException("--mode: transcode or pass-through, was '" + value + "'");
                };
                case "--calls" -> steps = option.wholes();
                case "--step-seconds" -> stepSeconds = option.whole();
                case "--setup-rate" -> setupRate = Math.toIntExact(option.whole());
                case "--worker-jar" -> jar = Path.of(value);
                case "--runs-dir" -> runs = Path.of(value);
                case "--worker-jvm-arg" -> jvmArgs.add(value);
                case "--warm-up-calls" -> warmUpCalls = Math.toIntExact(option.whole());
                case "--warm-up-seconds" -> warmUpSeconds = option.whole();
                default -> throw option.unknown();
            }
        }
        if (steps == null) {
            steps = transcoded ? List.of(50, 100, 150, 200, 250) : List.of(250, 500, 1000, 1500, 2000);
        }
        return new MediaBenchOptions(transcoded, steps, Duration.ofSeconds(stepSeconds), setupRate, jar, runs, jvmArgs,
                !line.flags().contains(BenchOptions.KEEP_GOING),
                warmUpCalls != null ? warmUpCalls : Math.min(DEFAULT_WARM_UP_CALLS, steps.get(0)),
                Duration.ofSeconds(warmUpSeconds));
    }
}
