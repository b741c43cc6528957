package io.ringedge.bench.control;

import io.ringedge.bench.ChildProcess;
import io.ringedge.bench.LoadAverage;
import io.ringedge.bench.Percentiles;
import io.ringedge.bench.WorkerProcess;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.media.control.MediaControlClient;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The media worker's control API under a call-like load: a real worker as its own process (the
 * runnable jar, against an embedded Redis for its registry), this process as the edge, calling it
 * through {@link MediaControlClient} with the edge's timeouts. Each step offers cycles (create,
 * answer, delete: what a call costs the control API) at a fixed rate and prints the requests/s
 * answered, latency p50/p99/max per request, requests over a second, and CPU per request in the
 * worker's JVM and in this one (the client; the driver's own share is small: one scheduling thread
 * and a virtual thread per cycle). The warm-up runs on a cold JIT and is reported as a step of its
 * own: that is where the wake benchmark saw multi-second answers. Run it with {@code bench/run-control.sh}.
 */
public final class ControlApiBenchmark {

    private static final Duration WORKER_START = Duration.ofSeconds(60);
    /** The edge's defaults ({@code edge.media.connect-timeout-ms}, {@code edge.media.request-timeout-ms}). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(2000);
    /** The media worker image's collector (infra/images/media-workers/Dockerfile). */
    private static final WorkerProcess WORKER = new WorkerProcess("bench-control-worker", 1_000, 20_000, 25_000,
            List.of("-XX:+UseZGC", "-Xms512m", "-Xmx512m"));

    private final ControlBenchOptions options;
    private final Path runDir;

    private ControlApiBenchmark(ControlBenchOptions options, Path runDir) {
        this.options = options;
        this.runDir = runDir;
    }

    public static void main(String[] args) throws Exception {
        ControlBenchOptions options;
        try {
            options = ControlBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ControlApiBenchmark: " + e.getMessage() + "\n" + ControlBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(options.workerJar())) {
            System.err.println("ControlApiBenchmark: no worker jar at " + options.workerJar().toAbsolutePath()
                    + " (mvn -Dmaven.test.skip=true package -pl media-workers,bench -am)");
            System.exit(2);
        }
        Path runDir = options.runsDir().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
                .toAbsolutePath();
        Files.createDirectories(runDir);
        System.exit(new ControlApiBenchmark(options, runDir).run());
    }

    private int run() throws Exception {
        int controlPort = WorkerProcess.freeControlPort();
        try (EmbeddedRedis redis = EmbeddedRedis.start();
             ChildProcess worker = WORKER.start(runDir, options.workerJar(), options.workerJvmArgs(), redis.uri(),
                     controlPort);
             DatagramSocket sink = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             MediaControlClient client = new MediaControlClient(CONNECT_TIMEOUT, REQUEST_TIMEOUT)) {
            Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "bench-stop-worker"));
            worker.awaitLine("media-worker: running", WORKER_START);
            URI url = URI.create("http://127.0.0.1:" + controlPort);
            System.out.println("worker up: " + url + " (pid " + worker.pid() + "); "
                    + (options.health() ? "cycles of GET /v1/health" : "cycles of PUT create, POST answer, DELETE")
                    + ", at most " + options.concurrency() + " in flight; load " + LoadAverage.read());
            ControlCycles cycles = new ControlCycles(client, url, sink.getLocalPort(), options.health(),
                    options.concurrency());
            List<String> rows = new ArrayList<>();
            rows.add(header());
            System.out.println(rows.get(0));
            if (!options.warmUp().isZero()) {
                rows.add(step("warm-up " + ControlBenchOptions.WARM_UP_RATE, ControlBenchOptions.WARM_UP_RATE,
                        options.warmUp(), cycles, worker));
            }
            for (int rate : options.rates()) {
                rows.add(step(Integer.toString(rate), rate, options.step(), cycles, worker));
            }
            String table = String.join("\n", rows);
            Files.writeString(runDir.resolve("results.md"), "# Control API benchmark\n\n" + table + "\n");
            System.out.println("(run folder " + runDir + ")");
            return 0;
        }
    }

    private String step(String label, int rate, Duration length, ControlCycles cycles, ChildProcess worker)
            throws InterruptedException {
        double loadBefore = LoadAverage.read();
        Duration workerBefore = worker.cpu();
        Duration selfBefore = WorkerProcess.benchCpu();
        ProcessCpu workerSplitBefore = ProcessCpu.of(worker.pid());
        ProcessCpu selfSplitBefore = ProcessCpu.of(ProcessHandle.current().pid());
        long start = System.nanoTime();
        ControlCycles.Window w = cycles.run(rate, length);
        double seconds = (System.nanoTime() - start) / 1e9;
        Duration workerCpu = worker.cpu().minus(workerBefore);
        Duration selfCpu = WorkerProcess.benchCpu().minus(selfBefore);
        ProcessCpu workerSplit = ProcessCpu.of(worker.pid()).minus(workerSplitBefore);
        ProcessCpu selfSplit = ProcessCpu.of(ProcessHandle.current().pid()).minus(selfSplitBefore);
        long requests = w.all().count();
        String row = String.format(Locale.ROOT,
                "| %s | %d | %d | %d | %d | %.0f | %s | %s | %s | %s | %d | %.0f | %.0f | %.1f / %.1f |",
                label, w.offered(), w.completed(), w.failed(), w.dropped(), requests / seconds, ms(w.create()),
                ms(w.answer()), ms(w.delete()), ms(w.all()), w.overOneSecond(),
                perRequest(workerCpu, requests), perRequest(selfCpu, requests), loadBefore, LoadAverage.read());
        System.out.println(row);
        System.out.println(String.format(Locale.ROOT, "  worker: %s; client: %s", split(workerSplit, requests),
                split(selfSplit, requests)));
        if (w.lastFailure() != null) {
            System.out.println("  last failure: " + w.lastFailure());
        }
        return row;
    }

    /** The kernel's share of the CPU and the context switches per request: thread hand-offs show here. */
    private static String split(ProcessCpu cpu, long requests) {
        long total = cpu.user().plus(cpu.system()).toNanos();
        return String.format(Locale.ROOT, "%.0f %% of CPU in the kernel, %.1f context switches/request",
                total == 0 ? Double.NaN : 100.0 * cpu.system().toNanos() / total,
                requests == 0 ? Double.NaN : (double) cpu.contextSwitches() / requests);
    }

    private static String header() {
        return "| cycles/s | offered | ok | failed | dropped | requests/s | create p50 / p99 / max ms | answer p50 / p99 / max ms "
                + "| delete p50 / p99 / max ms | all p50 / p99 / max ms | requests > 1 s | worker CPU µs/request "
                + "| client CPU µs/request | load before / after |\n"
                + "|---|---:|---:|---:|---:|---:|---|---|---|---|---:|---:|---:|---|";
    }

    private static String ms(Percentiles p) {
        return p.count() == 0 ? "-" : String.format(Locale.ROOT, "%.2f / %.1f / %.0f", p.p50(), p.p99(), p.max());
    }

    private static double perRequest(Duration cpu, long requests) {
        return requests == 0 ? Double.NaN : cpu.toNanos() / 1e3 / requests;
    }
}
