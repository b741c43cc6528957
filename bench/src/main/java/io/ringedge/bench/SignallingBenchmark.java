package io.ringedge.bench;

import io.ringedge.testkit.sipp.Sipp;
import io.ringedge.testkit.sipp.SippProcess;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippRun;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Issue 2's signalling benchmark. Starts the whole system (the launcher jar, embedded Kafka and
 * Redis) in its own JVM, the {@link LoadDevices} in another, then SIPp as the PBX at each offered
 * rate in turn ({@code pbx-load} with a DID per call from an injection file; the device answers and
 * hangs up). Per step: SIPp's success count, and percentiles of INVITE→180 and INVITE→200 over every
 * call's own sample. Ends with the highest rate that kept 99.9 % success. Loopback only; every child
 * process is stopped at the end, on failure and on Ctrl-C. Run it with {@code bench/run-signalling.sh}.
 */
public final class SignallingBenchmark {

    private static final Duration SYSTEM_START = Duration.ofSeconds(240);
    private static final Duration PAUSE_BETWEEN_STEPS = Duration.ofSeconds(3);
    /** JIT and connection warm-up before the first measured step, reported but not judged. */
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final int WARM_UP_RATE = 20;

    private final BenchOptions options;
    private final Path runDir;
    private final Deque<ChildProcess> children = new ArrayDeque<>();
    /** The step's SIPp, so Ctrl-C stops it too instead of leaving it to its own timeout. */
    private final AtomicReference<SippProcess> sipp = new AtomicReference<>();

    private SignallingBenchmark(BenchOptions options, Path runDir) {
        this.options = options;
        this.runDir = runDir;
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
        if (!Sipp.isInstalled()) {
            System.err.println("SignallingBenchmark: sipp not found (apt-get install sip-tester)");
            System.exit(2);
        }
        if (!Files.isRegularFile(options.launcherJar())) {
            System.err.println("SignallingBenchmark: no launcher jar at " + options.launcherJar().toAbsolutePath()
                    + " (mvn -Dmaven.test.skip=true package -pl launcher,bench -am)");
            System.exit(2);
        }
        Path runDir = options.runsDir().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
                .toAbsolutePath();
        Files.createDirectories(runDir);
        SignallingBenchmark bench = new SignallingBenchmark(options, runDir);
        Thread stopChildren = new Thread(bench::stopChildren, "bench-stop-children");
        Runtime.getRuntime().addShutdownHook(stopChildren);
        int status;
        try {
            status = bench.run();
        } catch (IOException | RuntimeException e) {
            System.err.println("SignallingBenchmark failed: " + e.getMessage() + "\n(logs in " + runDir + ")");
            status = 1;
        } finally {
            bench.stopChildren();
        }
        System.exit(status);
    }

    private int run() throws IOException, InterruptedException {
        SystemConfigFile system = new SystemConfigFile(Ports.pick(), runDir.resolve("kafka").toString(), options.devices(),
                "bench-" + UUID.randomUUID());
        Path config = write("system.yaml", system.yaml());
        Path csv = write("dids.csv", system.injectionCsv());
        Path log4j = copyResource("bench/log4j2-system.xml", "log4j2-system.xml");
        Path scenario = copyResource("bench/bench-load.xml", "bench-load.xml");
        say("run folder " + runDir + "; load average " + LoadAverage.read());

        List<String> systemCommand = new ArrayList<>(List.of(java(), "-Xms1g", "-Xmx1g",
                "-Dlog4j2.configurationFile=" + log4j));
        systemCommand.addAll(options.edgeJvmArgs());
        systemCommand.addAll(List.of("-jar", options.launcherJar().toAbsolutePath().toString(), "--config", config.toString()));
        ChildProcess edge = startChild("system", systemCommand);
        say(edge.awaitLine("Ringedge is running", SYSTEM_START));

        ChildProcess devices = startChild("load-devices", List.of(java(), "-Xms256m", "-Xmx768m",
                "-cp", absoluteClassPath(), LoadDevices.class.getName(),
                "--http-url", "http://127.0.0.1:" + system.ports().http(), "--api-key", system.adminApiKey(),
                "--devices", Integer.toString(options.devices()),
                "--answer-after-ms", Long.toString(options.answerAfter().toMillis()),
                "--hold-ms", Long.toString(options.hold().toMillis()),
                "--max-seconds", Long.toString(BenchOptions.MAX_TOTAL.multipliedBy(2).toSeconds())));
        say(devices.awaitLine(LoadDevices.READY, Duration.ofSeconds(60 + options.devices() / 10)));

        StepRunner steps = new StepRunner(scenario, csv, system.ports().sip(), runDir.resolve("sipp"),
                options.answerAfter().plus(options.hold()), edge, devices, sipp);
        StepResult warmUp = steps.run(WARM_UP_RATE, WARM_UP);
        say("warm-up " + ResultTable.row(warmUp));

        List<StepResult> results = new ArrayList<>();
        say(ResultTable.header());
        for (int rate : options.rates()) {
            Thread.sleep(PAUSE_BETWEEN_STEPS.toMillis());
            StepResult step = steps.run(rate, options.step());
            results.add(step);
            say(ResultTable.row(step));
            if (!edge.isAlive() || !devices.isAlive()) {
                say("a child process died: system " + (edge.isAlive() ? "alive" : "DEAD") + ", load devices "
                        + (devices.isAlive() ? "alive" : "DEAD") + "; stopping");
                break;
            }
            if (!step.sustained() && options.stopOnFailure()) {
                say("below 99.9 % success at " + rate + " calls/s; stopping (--keep-going runs every step)");
                break;
            }
        }
        String report = "# signalling benchmark " + runDir.getFileName() + "\n\n"
                + "devices " + options.devices() + ", answer after " + options.answerAfter().toMillis() + " ms, hold "
                + options.hold().toMillis() + " ms, steps of " + options.step().toSeconds() + " s\n\n"
                + "warm-up (" + WARM_UP_RATE + " calls/s, " + WARM_UP.toSeconds() + " s):\n\n" + ResultTable.header() + "\n"
                + ResultTable.row(warmUp) + "\n\n" + ResultTable.table(results) + "\n" + ResultTable.conclusion(results) + "\n";
        write("results.md", report);
        say("\n" + ResultTable.table(results) + "\n" + ResultTable.conclusion(results));
        return 0;
    }

    /** One SIPp run per step, the DIDs dialled in turn from the injection file. */
    private record StepRunner(Path scenario, Path dids, int edgeSipPort, Path sippRuns, Duration callLength,
                              ChildProcess system, ChildProcess devices, AtomicReference<SippProcess> current) {

        StepResult run(int rate, Duration length) throws IOException {
            int calls = Math.toIntExact(rate * length.toSeconds());
            // room for every call the rate can have in progress, so -l never throttles the offered rate
            int concurrent = Math.min(SippRun.MAX_CALLS, Math.toIntExact(rate * (callLength.toSeconds() + 10)));
            SippRun run = SippRun.uac(scenario, "127.0.0.1", edgeSipPort).withInjectionFile(dids).withRate(rate)
                    .withCalls(calls).withMaxConcurrent(concurrent).withoutMessageTrace().withRunsDir(sippRuns)
                    .withTimeout(length.plus(callLength).plusSeconds(30));
            Duration systemCpu = system.cpu();
            Duration devicesCpu = devices.cpu();
            long start = System.nanoTime();
            SippResult r;
            try (SippProcess process = Sipp.start(run)) {
                current.set(process);
                r = process.awaitResult();
            } finally {
                current.set(null);
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            systemCpu = system.cpu().minus(systemCpu);
            devicesCpu = devices.cpu().minus(devicesCpu);
            return new StepResult(rate, calls, r.successfulCalls(), r.failedCalls(), wall,
                    Percentiles.of(r.responseTimes("ringing")), Percentiles.of(r.responseTimes("answered")),
                    r.runDir().toString(), LoadAverage.read(), systemCpu, devicesCpu);
        }
    }

    private ChildProcess startChild(String name, List<String> command) throws IOException {
        ChildProcess child = ChildProcess.start(name, command, runDir, runDir.resolve(name + ".log"));
        synchronized (children) {
            children.push(child);
        }
        say("started " + name + " (pid " + child.pid() + ")");
        return child;
    }

    /** Newest first: the devices go before the system they are attached to. Safe to call twice. */
    private void stopChildren() {
        SippProcess running = sipp.getAndSet(null);
        if (running != null) {
            running.close();
        }
        while (true) {
            ChildProcess child;
            synchronized (children) {
                child = children.poll();
            }
            if (child == null) {
                return;
            }
            child.close();
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(runDir.resolve(name), content);
    }

    private Path copyResource(String resource, String name) throws IOException {
        try (InputStream in = SignallingBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " missing from the bench jar");
            }
            Path target = runDir.resolve(name);
            Files.write(target, in.readAllBytes());
            return target;
        }
    }

    /** This JVM's class path made absolute: the child runs in the run folder. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
