package io.ringedge.bench.media;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.ringedge.bench.ChildProcess;
import io.ringedge.bench.LoadAverage;
import io.ringedge.bench.WorkerProcess;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.media.MediaConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 5's media benchmark. Starts a media worker as its own process (the runnable jar, against
 * an embedded Redis for its registry), then this process plays both legs of calls through it, as
 * the load generator: the PBX side plain RTP PCMU, the device side a real ICE + DTLS-SRTP peer
 * (our own WebRTC transport) with Opus (the worker transcodes) or PCMU (pass-through). Concurrency
 * rises in steps; each step measures frames late beyond 20 ms, pass-through latency through the
 * worker, and the worker's CPU. Loopback only; the worker and Redis stop at the end, on failure
 * and on Ctrl-C. Run it with {@code bench/run-media.sh}.
 */
public final class MediaBenchmark {
    private static final Duration WORKER_START = Duration.ofSeconds(60);
    /** After a ramp, before measuring: DTLS handshakes done, jitter buffers settled. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration LATE_BEYOND = Duration.ofMillis(20);
    private static final int WORKER_PBX_PORTS = 10_000;
    private static final int WORKER_DEVICE_PORTS = 20_000;
    private static final List<String> WORKER_HEAP = List.of("-Xms1g", "-Xmx1g");
    private static final int GENERATOR_DEVICE_PORTS = 26_000;

    private final MediaBenchOptions options;
    private final Path runDir;

    private MediaBenchmark(MediaBenchOptions options, Path runDir) {
        this.options = options;
        this.runDir = runDir;
    }

    public static void main(String[] args) throws Exception {
        MediaBenchOptions options;
        try {
            options = MediaBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("MediaBenchmark: " + e.getMessage() + "\n" + MediaBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(options.workerJar())) {
            System.err.println("MediaBenchmark: no worker jar at " + options.workerJar().toAbsolutePath()
                    + " (mvn -Dmaven.test.skip=true package -pl media-workers,bench -am)");
            System.exit(2);
        }
        Path runDir = options.runsDir().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + (options.transcoded() ? "-transcode" : "-pass-through")).toAbsolutePath();
        Files.createDirectories(runDir);
        System.exit(new MediaBenchmark(options, runDir).run());
    }

    private int run() throws Exception {
        int capacity = options.maxCalls() + 50;
        int controlPort = WorkerProcess.freeControlPort();
        try (EmbeddedRedis redis = EmbeddedRedis.start();
             ChildProcess worker = new WorkerProcess("bench-worker", capacity, WORKER_PBX_PORTS, WORKER_DEVICE_PORTS,
                     WORKER_HEAP).start(runDir, options.workerJar(), options.workerJvmArgs(), redis.uri(), controlPort)) {
            Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "bench-stop-worker"));
            worker.awaitLine("media-worker: running", WORKER_START);
            URI controlUrl = URI.create("http://127.0.0.1:" + controlPort);
            System.out.println("worker up: " + controlUrl + " (pid " + worker.pid() + "), mode "
                    + (options.transcoded() ? "transcode (Opus <-> PCMU, SRTP on the device leg)" : "pass-through (PCMU, SRTP <-> RTP)"));
            List<MediaStepResult> results = new ArrayList<>();
            try (MediaLoad load = new MediaLoad(controlUrl, options.transcoded(), generatorConfig(capacity), LATE_BEYOND)) {
                int warmUp = options.warmUpCalls();
                System.out.println("warm-up: " + warmUp + " calls for " + options.warmUp().toSeconds() + " s (JIT), not measured");
                load.rampTo(warmUp, options.setupRate());
                Thread.sleep(options.warmUp().toMillis());
                System.out.println(MediaStepResult.header());
                for (int target : options.steps()) {
                    MediaStepResult step = step(load, worker, target);
                    results.add(step);
                    System.out.println(step.row());
                    System.out.println("  worker's stats of one call: " + load.sampleStats());
                    if (load.lastFailure() != null) {
                        System.out.println("  last set-up failure: " + load.lastFailure());
                    }
                    if (options.stopOnFailure() && !step.sustained()) {
                        break;
                    }
                }
            }
            report(results);
            return 0;
        }
    }

    private MediaStepResult step(MediaLoad load, ChildProcess worker, int target) throws InterruptedException {
        load.rampTo(target, options.setupRate());
        Thread.sleep(SETTLE.toMillis());
        MediaLoad.Counters before = load.counters();
        Duration workerBefore = worker.cpu();
        Duration selfBefore = WorkerProcess.benchCpu();
        MachineCpu machineBefore = MachineCpu.read();
        Thread.sleep(options.step().toMillis());
        MachineCpu machineAfter = MachineCpu.read();
        MediaLoad.Counters after = load.counters();
        System.out.println(directions(before, after) + "; calls whose device leg broke: " + load.brokenCalls()
                + "; frames the generator skipped a second behind: " + (after.skippedFrames() - before.skippedFrames())
                + " in the window, " + after.skippedFrames() + " in all; "
                + machineAfter.since(machineBefore, Runtime.getRuntime().availableProcessors()));
        Duration workerCpu = worker.cpu().minus(workerBefore);
        Duration selfCpu = WorkerProcess.benchCpu().minus(selfBefore);
        long[] lagBefore = before.lag();
        long[] lagAfter = after.lag();
        return new MediaStepResult(target, after.calls(), load.failures(), Duration.ofNanos(after.nanos() - before.nanos()),
                after.expectedAtPbx() - before.expectedAtPbx() + after.expectedAtDevice() - before.expectedAtDevice(),
                after.atPbx() - before.atPbx() + after.atDevice() - before.atDevice(),
                after.lateAtPbx() - before.lateAtPbx() + after.lateAtDevice() - before.lateAtDevice(),
                LatencyHistogram.between(before.latency(), after.latency()), LatencyHistogram.between(lagBefore, lagAfter),
                workerCpu, selfCpu, LoadAverage.read());
    }

    /** The window's frames per direction: a stalled clock or a broken leg shows on one side. */
    private static String directions(MediaLoad.Counters before, MediaLoad.Counters after) {
        return String.format(Locale.ROOT, "  to the PBX: %d frames, %d late, %d missing; to the device: %d frames, %d late, %d missing",
                after.atPbx() - before.atPbx(), after.lateAtPbx() - before.lateAtPbx(),
                Math.max(0, after.expectedAtPbx() - before.expectedAtPbx() - (after.atPbx() - before.atPbx())),
                after.atDevice() - before.atDevice(), after.lateAtDevice() - before.lateAtDevice(),
                Math.max(0, after.expectedAtDevice() - before.expectedAtDevice() - (after.atDevice() - before.atDevice())));
    }

    private void report(List<MediaStepResult> results) throws IOException {
        String verdict = MediaStepResult.bestSustained(results).map(best -> String.format(Locale.ROOT,
                        "most concurrent calls with < 0.1 %% of frames late beyond 20 ms: %d (%.3f %% late or missing), "
                                + "worker CPU %.3f %% of a core per call%s",
                        best.calls(), 100 * best.lateRatio(), best.workerCpuPercentPerCall(),
                        best.latency().count() == 0 ? "" : String.format(Locale.ROOT,
                                ", latency through the worker p99 %.2f ms, %.0f packets/s per core",
                                best.latency().p99(), best.packetsPerCoreSecond())))
                .orElse("no step kept late frames under 0.1 %");
        String table = MediaStepResult.table(results);
        System.out.println("\n" + table + "\n" + verdict);
        Files.writeString(runDir.resolve("results.md"), "# Media benchmark, "
                + (options.transcoded() ? "transcode" : "pass-through") + "\n\n" + table + "\n" + verdict + "\n");
        System.out.println("(run folder " + runDir + ")");
    }

    /** The generator's own transports: a device port range of its own, default ICE/DTLS timers. */
    private static MediaConfig generatorConfig(int capacity) {
        return MediaConfig.from(Config.just(ConfigSources.create(Map.of(
                MediaConfig.WORKER_ID, "bench-generator",
                MediaConfig.BIND_ADDRESS, "127.0.0.1",
                MediaConfig.PBX_PORT_RANGE, "45000-45001",
                MediaConfig.DEVICE_PORT_RANGE, GENERATOR_DEVICE_PORTS + "-" + (GENERATOR_DEVICE_PORTS + capacity + 99),
                MediaConfig.CONTROL_PORT, "0",
                MediaConfig.CAPACITY, "1"))));
    }

}
