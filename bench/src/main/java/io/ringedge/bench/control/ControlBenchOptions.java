package io.ringedge.bench.control;

import io.ringedge.bench.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one control API benchmark run does, from its command line. Every value is bounded so a
 * typo cannot start an hour-long or machine-filling run.
 *
 * @param rates         offered cycles/s, one step each, in order; a cycle is what a call costs the
 *                      control API: create (PUT), answer (POST), delete (DELETE), or one
 *                      {@code GET /v1/health} with {@code --requests health}
 * @param step          how long each step offers cycles
 * @param warmUp        cycles at {@link #WARM_UP_RATE} before the first step, reported as a step of
 *                      its own (a cold JIT is part of what is measured), zero: none
 * @param concurrency   cycles in flight at most; a cycle due while that many are in flight is
 *                      counted as dropped, never queued (the offered rate stays fixed)
 * @param health        cycles of one health request each: the HTTP exchange without session work
 * @param workerJar     the worker under test: {@code media-workers/target/media-workers.jar}
 * @param runsDir       where each run gets its own folder (worker config and log, results)
 * @param workerJvmArgs extra JVM options for the worker's JVM (e.g. a JFR recording)
 */
record ControlBenchOptions(List<Integer> rates, Duration step, Duration warmUp, int concurrency, boolean health,
                           Path workerJar, Path runsDir, List<String> workerJvmArgs) {

    static final int WARM_UP_RATE = 50;
    static final int MAX_RATE = 2_000;
    static final int MAX_CONCURRENCY = 1_000;
    static final Duration MAX_STEP = Duration.ofMinutes(5);

    static final String USAGE = """
            usage: ControlApiBenchmark [--rates 50,100,200] [--step-seconds 20] [--warm-up-seconds 30]
                                       [--concurrency 64] [--requests cycle|health]
                                       [--worker-jar media-workers/target/media-workers.jar]
                                       [--runs-dir bench/target/control-runs] [--worker-jvm-arg ARG]...""";

    ControlBenchOptions {
        if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 1 || r > MAX_RATE)) {
            throw new IllegalArgumentException("--rates: each 1.." + MAX_RATE + " cycles/s, was " + rates);
        }
        if (step.isZero() || step.compareTo(MAX_STEP) > 0) {
            throw new IllegalArgumentException("--step-seconds: 1.." + MAX_STEP.toSeconds() + ", was " + step.toSeconds());
        }
        if (warmUp.compareTo(MAX_STEP) > 0) {
            throw new IllegalArgumentException("--warm-up-seconds: 0.." + MAX_STEP.toSeconds() + ", was " + warmUp.toSeconds());
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("--concurrency: 1.." + MAX_CONCURRENCY + ", was " + concurrency);
        }
        rates = List.copyOf(rates);
        workerJvmArgs = List.copyOf(workerJvmArgs);
    }

    static ControlBenchOptions parse(String... args) {
        List<Integer> rates = List.of(50, 100, 200);
        long stepSeconds = 20;
        long warmUpSeconds = 30;
        int concurrency = 64;
        boolean health = false;
        Path jar = Path.of("media-workers", "target", "media-workers.jar");
        Path runs = Path.of("bench", "target", "control-runs");
        List<String> jvmArgs = new ArrayList<>();
        for (CommandLine.Option option : CommandLine.parse(args, Set.of()).options()) {
            switch (option.name()) {
                case "--rates" -> rates = option.wholes();
                case "--step-seconds" -> stepSeconds = option.whole();
                case "--warm-up-seconds" -> warmUpSeconds = option.whole();
                case "--concurrency" -> concurrency = Math.toIntExact(option.whole());
                case "--requests" -> health = switch (option.value()) {
                    case "cycle" -> false;
                    case "health" -> true;
                    default -> throw new IllegalArgumentException("--requests: cycle or health, was '" + option.value() + "'");
                };
                case "--worker-jar" -> jar = Path.of(option.value());
                case "--runs-dir" -> runs = Path.of(option.value());
                case "--worker-jvm-arg" -> jvmArgs.add(option.value());
                default -> throw option.unknown();
            }
        }
        return new ControlBenchOptions(rates, Duration.ofSeconds(stepSeconds), Duration.ofSeconds(warmUpSeconds),
                concurrency, health, jar, runs, jvmArgs);
    }
}
