package io.ringedge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one signalling benchmark run does, from its command line. Every value is bounded so a typo
 * cannot start an hour-long or machine-filling run.
 *
 * @param rates         offered calls/s, one step each, in order (SIPp {@code -r})
 * @param step          how long each step offers calls
 * @param devices       load devices, one per user, each with its own DID
 * @param answerAfter   a device's 180 comes at once, its 200 this long after
 * @param hold          a device hangs up (BYE) this long after the ACK
 * @param launcherJar   the system under test: {@code launcher/target/ringedge-launcher.jar}
 * @param runsDir       where each run gets its own folder (configs, logs, SIPp traces, results)
 * @param warmUp        how long the system runs at {@link #WARM_UP_RATE} before the first measured
 *                      step, so the steps measure compiled code, not the JIT at work (reported, not judged)
 * @param edgeJvmArgs   extra JVM options for the system's JVM (e.g. a JFR recording)
 * @param stopOnFailure end the run at the first step under the success threshold
 */
public record BenchOptions(List<Integer> rates, Duration step, Duration warmUp, int devices, Duration answerAfter,
                           Duration hold, Path launcherJar, Path runsDir, List<String> edgeJvmArgs,
                           boolean stopOnFailure) {

    /** The flag that runs every step even after one missed its target. */
    public static final String KEEP_GOING = "--keep-going";
    static final int MAX_RATE = 1_500;
    static final int MAX_DEVICES = 5_000;
    static final Duration MAX_STEP = Duration.ofMinutes(5);
    /** SIPp's -m bound (SippRun.MAX_CALLS) caps rate x step. */
    static final int MAX_CALLS_PER_STEP = 100_000;
    /** The whole run's offered time, so a long rate list cannot keep the machine busy for hours. */
    static final Duration MAX_TOTAL = Duration.ofMinutes(40);
    /** The warm-up's rate: a third of the rates worth measuring, enough calls for the JIT to see every path. */
    static final int WARM_UP_RATE = 50;
    /**
     * Measured: after 10 s at 20 calls/s the first 60 s step at 100 calls/s still lost 3-25 % of its
     * calls while C2 compiled (15-20 % of the JVM's CPU); after 90 s at 50 calls/s steps start warm.
     */
    static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(90);
    static final Duration MAX_WARM_UP = Duration.ofMinutes(5);

    /**
     * What a benchmark runs when the command line does not say.
     *
     * @param program the driver's name, for the usage text
     * @param hold    the meaning of {@code --hold-ms} in this benchmark's scenario
     */
    record Defaults(String program, List<Integer> rates, int devices, long answerAfterMs, long holdMs, String hold) {
    }

    /** Issue 2: stepped rates to find the highest sustained one; the device hangs up. */
    static final Defaults SIGNALLING = new Defaults("SignallingBenchmark", List.of(50, 100, 200, 300, 400), 500, 20, 1_000,
            "the device hangs up this long after the ACK");
    /** Issue 3: the wake path at the 100 calls/s; the PBX hangs up. */
    static final Defaults WAKE = new Defaults("WakeBenchmark", List.of(100), 500, 20, 1_000,
            "the PBX hangs up this long after its ACK");

    public static final String USAGE = usage(SIGNALLING);

    static String usage(Defaults d) {
        return String.join("\n",
                "usage: " + d.program() + " [options]",
                "  --rates " + d.rates().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                        + "    offered calls/s per step (1.." + MAX_RATE + ")",
                "  --step-seconds 60             length of each step (1.." + MAX_STEP.toSeconds() + ")",
                "  --warm-up-seconds " + DEFAULT_WARM_UP.toSeconds() + "          unmeasured run at " + WARM_UP_RATE
                        + " calls/s before the first step, for the JIT (1.." + MAX_WARM_UP.toSeconds() + ")",
                "  --devices " + d.devices() + "                 devices (phones), one per user and DID (1.." + MAX_DEVICES + ")",
                "  --answer-after-ms " + d.answerAfterMs() + "          200 OK this long after the 180 (0..5000)",
                "  --hold-ms " + d.holdMs() + "                " + d.hold() + " (0..60000)",
                "  --launcher-jar launcher/target/ringedge-launcher.jar",
                "  --runs-dir bench/target/bench-runs",
                "  --edge-jvm-arg ARG            extra option for the system's JVM (repeatable), e.g.",
                "                                -XX:StartFlightRecording=filename=edge.jfr,settings=profile",
                "  --keep-going                  run every step even after one misses 99.9 % success");
    }

    public BenchOptions {
        rates = List.copyOf(rates);
        edgeJvmArgs = List.copyOf(edgeJvmArgs);
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("--rates: at least one rate");
        }
        for (int r : rates) {
            if (r < 1 || r > MAX_RATE) {
                throw new IllegalArgumentException("--rates: each must be 1.." + MAX_RATE + ", was " + r);
            }
            if ((long) r * step.toSeconds() > MAX_CALLS_PER_STEP) {
                throw new IllegalArgumentException("--rates x --step-seconds: at most " + MAX_CALLS_PER_STEP
                        + " calls per step, was " + r + " x " + step.toSeconds());
            }
        }
        if (step.toSeconds() < 1 || step.compareTo(MAX_STEP) > 0) {
            throw new IllegalArgumentException("--step-seconds: must be 1.." + MAX_STEP.toSeconds() + ", was " + step.toSeconds());
        }
        if (step.multipliedBy(rates.size()).compareTo(MAX_TOTAL) > 0) {
            throw new IllegalArgumentException("--rates x --step-seconds: at most " + MAX_TOTAL.toMinutes()
                    + " minutes of steps, was " + step.multipliedBy(rates.size()).toMinutes());
        }
        if (warmUp.toSeconds() < 1 || warmUp.compareTo(MAX_WARM_UP) > 0) {
            throw new IllegalArgumentException("--warm-up-seconds: must be 1.." + MAX_WARM_UP.toSeconds() + ", was "
                    + warmUp.toSeconds());
        }
        if (devices < 1 || devices > MAX_DEVICES) {
            throw new IllegalArgumentException("--devices: must be 1.." + MAX_DEVICES + ", was " + devices);
        }
        if (answerAfter.isNegative() || answerAfter.toMillis() > 5_000) {
            throw new IllegalArgumentException("--answer-after-ms: must be 0..5000, was " + answerAfter.toMillis());
        }
        if (hold.isNegative() || hold.toMillis() > 60_000) {
            throw new IllegalArgumentException("--hold-ms: must be 0..60000, was " + hold.toMillis());
        }
    }

    public static BenchOptions parse(String... args) {
        return parse(SIGNALLING, args);
    }

    static BenchOptions parse(Defaults defaults, String... args) {
        List<Integer> rates = defaults.rates();
        long stepSeconds = 60;
        long warmUpSeconds = DEFAULT_WARM_UP.toSeconds();
        int devices = defaults.devices();
        long answerAfterMs = defaults.answerAfterMs();
        long holdMs = defaults.holdMs();
        Path jar = Path.of("launcher", "target", "ringedge-launcher.jar");
        Path runs = Path.of("bench", "target", "bench-runs");
        List<String> jvmArgs = new ArrayList<>();
        CommandLine line = CommandLine.parse(args, Set.of(KEEP_GOING));
        for (CommandLine.Option option : line.options()) {
            String value = option.value();
            switch (option.name()) {
                case "--rates" -> rates = option.wholes();
                case "--step-seconds" -> stepSeconds = option.whole();
                case "--warm-up-seconds" -> warmUpSeconds = option.whole();
                case "--devices" -> devices = Math.toIntExact(option.whole());
                case "--answer-after-ms" -> answerAfterMs = option.whole();
                case "--hold-ms" -> holdMs = option.whole();
                case "--launcher-jar" -> jar = Path.of(value);
                case "--runs-dir" -> runs = Path.of(value);
                case "--edge-jvm-arg" -> jvmArgs.add(value);
                default -> throw option.unknown();
            }
        }
        return new BenchOptions(rates, Duration.ofSeconds(stepSeconds), Duration.ofSeconds(warmUpSeconds), devices,
                Duration.ofMillis(answerAfterMs),
                Duration.ofMillis(holdMs), jar, runs, jvmArgs, !line.flags().contains(KEEP_GOING));
    }
}
