package io.ringedge.bench;

import io.ringedge.testkit.sipp.Sipp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Issue 2's signalling benchmark. Starts the whole system (the launcher jar, embedded Kafka and
 * Redis) in its own JVM, the {@link LoadDevices} in another, then SIPp as the PBX at each offered
 * rate in turn ({@code pbx-load} with a DID per call from an injection file; the device answers and
 * hangs up). Per step: SIPp's success count, and percentiles of INVITE→180 and INVITE→200 over every
 * call's own sample. Ends with the highest rate that kept 99.9 % success. Loopback only; every child
 * process is stopped at the end, on failure and on Ctrl-C. Run it with {@code bench/run-signalling.sh}.
 */
public final class SignallingBenchmark {

    static final Duration SYSTEM_START = Duration.ofSeconds(240);
    static final Duration PAUSE_BETWEEN_STEPS = Duration.ofSeconds(3);

    private final BenchOptions options;
    private final BenchRun run;

    private SignallingBenchmark(BenchOptions options, BenchRun run) {
        this.options = options;
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SignallingBenchmark: " + e.getMessage() + "\n" + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        checkPrerequisites("SignallingBenchmark", options);
        BenchRun run = BenchRun.create(options.runsDir());
        int status;
        try {
            status = new SignallingBenchmark(options, run).run();
        } catch (IOException | RuntimeException e) {
            System.err.println("SignallingBenchmark failed: " + e.getMessage() + "\n(logs in " + run.dir() + ")");
            status = 1;
        } finally {
            run.stopChildren();
        }
        System.exit(status);
    }

    /** SIPp installed and the launcher jar built, or exit 2 saying which is missing. */
    static void checkPrerequisites(String program, BenchOptions options) {
        if (!Sipp.isInstalled()) {
            System.err.println(program + ": sipp not found (apt-get install sip-tester)");
            System.exit(2);
        }
        if (!Files.isRegularFile(options.launcherJar())) {
            System.err.println(program + ": no launcher jar at " + options.launcherJar().toAbsolutePath()
                    + " (mvn -Dmaven.test.skip=true package -pl launcher,bench -am)");
            System.exit(2);
        }
    }

    private int run() throws IOException, InterruptedException {
        SystemConfigFile system = new SystemConfigFile(Ports.pick(), run.dir().resolve("kafka").toString(), options.devices(),
                "bench-" + UUID.randomUUID(), java.util.Optional.empty());
        Path config = run.write("system.yaml", system.yaml());
        Path csv = run.write("dids.csv", system.injectionCsv());
        Path scenario = run.copyResource("bench/bench-load.xml", "bench-load.xml");
        BenchRun.say("run folder " + run.dir() + "; load average " + LoadAverage.read());

        ChildProcess edge = startSystem(run, options, config);
        ChildProcess devices = run.startChild("load-devices", List.of(BenchRun.java(), "-Xms256m", "-Xmx768m",
                "-cp", BenchRun.absoluteClassPath(), LoadDevices.class.getName(),
                "--http-url", "http://127.0.0.1:" + system.ports().http(), "--api-key", system.adminApiKey(),
                "--devices", Integer.toString(options.devices()),
                "--answer-after-ms", Long.toString(options.answerAfter().toMillis()),
                "--hold-ms", Long.toString(options.hold().toMillis()),
                "--max-seconds", Long.toString(BenchOptions.MAX_TOTAL.multipliedBy(2).toSeconds())));
        BenchRun.say(devices.awaitLine(LoadDevices.READY, Duration.ofSeconds(60 + options.devices() / 10)));

        SippSteps steps = new SippSteps(scenario, csv, system.ports().sip(), run.dir().resolve("sipp"),
                options.answerAfter().plus(options.hold()), Duration.ZERO, edge, devices, run.sipp());
        StepResult warmUp = steps.run(BenchOptions.WARM_UP_RATE, options.warmUp());
        BenchRun.say("warm-up " + ResultTable.row(warmUp));

        List<StepResult> results = new ArrayList<>();
        BenchRun.say(ResultTable.header());
        for (int rate : options.rates()) {
            Thread.sleep(PAUSE_BETWEEN_STEPS.toMillis());
            StepResult step = steps.run(rate, options.step());
            results.add(step);
            BenchRun.say(ResultTable.row(step));
            if (!edge.isAlive() || !devices.isAlive()) {
                BenchRun.say("a child process died: system " + (edge.isAlive() ? "alive" : "DEAD") + ", load devices "
                        + (devices.isAlive() ? "alive" : "DEAD") + "; stopping");
                break;
            }
            if (!step.sustained() && options.stopOnFailure()) {
                BenchRun.say("below 99.9 % success at " + rate + " calls/s; stopping (--keep-going runs every step)");
                break;
            }
        }
        String report = "# signalling benchmark " + run.dir().getFileName() + "\n\n"
                + "devices " + options.devices() + ", answer after " + options.answerAfter().toMillis() + " ms, hold "
                + options.hold().toMillis() + " ms, steps of " + options.step().toSeconds() + " s\n\n"
                + "warm-up (" + BenchOptions.WARM_UP_RATE + " calls/s, " + options.warmUp().toSeconds() + " s):\n\n" + ResultTable.header() + "\n"
                + ResultTable.row(warmUp) + "\n\n" + ResultTable.table(results) + "\n" + ResultTable.conclusion(results) + "\n";
        run.write("results.md", report);
        BenchRun.say("\n" + ResultTable.table(results) + "\n" + ResultTable.conclusion(results));
        return 0;
    }

    /**
     * The system under test in its own JVM ({@code java -jar} the launcher with {@code config}),
     * every log at WARN; returns once it printed its banner.
     */
    static ChildProcess startSystem(BenchRun run, BenchOptions options, Path config) throws IOException, InterruptedException {
        Path log4j = run.copyResource("bench/log4j2-system.xml", "log4j2-system.xml");
        // G1's pause goal as `./ringedge start` and the images set it
        List<String> command = new ArrayList<>(List.of(BenchRun.java(), "-Xms1g", "-Xmx1g", "-XX:MaxGCPauseMillis=20",
                "-Dlog4j2.configurationFile=" + log4j));
        command.addAll(options.edgeJvmArgs());
        command.addAll(List.of("-jar", options.launcherJar().toAbsolutePath().toString(), "--config", config.toString()));
        ChildProcess system = run.startChild("system", command);
        BenchRun.say(system.awaitLine("Ringedge is running", SYSTEM_START));
        return system;
    }
}
