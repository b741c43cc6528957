package io.ringedge.testkit.sipp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A running SIPp. {@link #close()} kills it if it is still running. */
public final class SippProcess implements AutoCloseable {

    /** SIPp's own {@code -timeout} should end it; this is how much longer it may take before it is killed. */
    private static final Duration MIN_GRACE = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(SippProcess.class);
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final SippRun run;
    private final Path runDir;
    private final int localPort;
    private final Process process;
    private final long deadlineNanos;

    private SippProcess(SippRun run, Path runDir, int localPort, Process process) {
        this.run = run;
        this.runDir = runDir;
        this.localPort = localPort;
        this.process = process;
        this.deadlineNanos = System.nanoTime() + run.timeout().plus(grace(run.timeout())).toNanos();
    }

    /** 2 s plus a tenth of the timeout: a long run may need longer to write its final statistics. */
    static Duration grace(Duration timeout) {
        return MIN_GRACE.plus(timeout.dividedBy(10));
    }

    static SippProcess start(Path sipp, SippRun run) throws IOException {
        String name = run.scenario().getFileName().toString().replaceFirst("\\.xml$", "");
        Path runDir = run.runsDir().resolve(name + "-" + (run.isUac() ? "uac" : "uas") + "-"
                + LocalDateTime.now().format(STAMP) + "-" + RUNS.incrementAndGet()).toAbsolutePath();
        Files.createDirectories(runDir);
        int port = run.localPort() != 0 ? run.localPort() : FreePorts.udpAndTcp();
        List<String> command = command(sipp, run, runDir, port);
        Files.writeString(runDir.resolve("command.txt"), String.join(" ", command) + "\n");
        LOG.debug("starting {}", String.join(" ", command));
        Process process = new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true)
                .redirectOutput(runDir.resolve("stdout.log").toFile()).start();
        return new SippProcess(run, runDir, port, process);
    }

    private static List<String> command(Path sipp, SippRun run, Path runDir, int port) throws IOException {
        List<String> c = new ArrayList<>(List.of(sipp.toString(),
                "-sf", run.scenario().toAbsolutePath().toString(),
                "-i", "127.0.0.1",
                "-p", Integer.toString(port),
                "-mp", Integer.toString(run.mediaPort() > 0 ? run.mediaPort() : FreePorts.mediaPort()),
                "-t", run.transport().mode(),
                "-d", Long.toString(run.hold().toMillis()),
                "-timeout", run.timeout().toSeconds() + "s", "-timeout_error",
                "-nostdin",
                "-trace_err", "-error_file", runDir.resolve("errors.log").toString(),
                "-trace_stat", "-stf", runDir.resolve("stats.csv").toString(), "-fd", "1",
                "-trace_screen", "-screen_file", runDir.resolve("screen.log").toString(),
                "-trace_rtt", "-rtt_freq", "1"));
        if (run.isUac()) {
            c.addAll(List.of("-m", Integer.toString(run.calls()), "-r", String.format(Locale.ROOT, "%.3f", run.rate())));
        }
        if (run.traceMessages()) {
            c.addAll(List.of("-trace_msg", "-message_file", runDir.resolve("messages.log").toString()));
        }
        if (run.maxConcurrent() > 0) {
            c.addAll(List.of("-l", Integer.toString(run.maxConcurrent())));
        }
        if (run.service() != null) {
            c.addAll(List.of("-s", run.service()));
        }
        if (run.injectionFile() != null) {
            c.addAll(List.of("-inf", run.injectionFile().toAbsolutePath().toString()));
        }
        run.keys().forEach((k, v) -> c.addAll(List.of("-key", k, v)));
        run.variables().forEach((k, v) -> c.addAll(List.of("-set", k, v)));
        if (run.isUac()) {
            c.add(run.targetHost() + ":" + run.targetPort());
        }
        return c;
    }

    public int localPort() {
        return localPort;
    }

    public Path runDir() {
        return runDir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until SIPp holds its port (so a UAS can take calls), or fails if it exited first or
     * {@code timeout} passed.
     */
    public SippProcess awaitListening(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!FreePorts.inUse(localPort, run.transport())) {
            if (!process.isAlive()) {
                throw new IOException("SIPp exited with " + process.exitValue() + " before listening on "
                        + localPort + ": " + read(runDir.resolve("stdout.log")).strip());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("SIPp not listening on " + localPort + " after " + timeout.toMillis() + " ms");
            }
            sleep(20);
        }
        return this;
    }

    /**
     * Asks SIPp to finish its calls and exit (SIGUSR1, SIPp's graceful quit), then waits as
     * {@link #awaitResult()} does. This is how a UAS ends: it takes calls until stopped, because a
     * UAS that exited after its last call would close its TCP connection under a caller still in
     * its final pause, failing that call.
     */
    public SippResult stop() throws IOException {
        if (process.isAlive()) {
            try {
                Process signal = new ProcessBuilder("kill", "-USR1", Long.toString(process.pid()))
                        .redirectErrorStream(true).start();
                if (!signal.waitFor(5, TimeUnit.SECONDS)) {
                    signal.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping SIPp", e);
            }
        }
        return awaitResult();
    }

    /** Waits for the end (killing SIPp once its timeout plus a grace period has passed), then reads the traces. */
    public SippResult awaitResult() throws IOException {
        boolean timedOut = false;
        try {
            long left = deadlineNanos - System.nanoTime();
            if (!process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                LOG.warn("SIPp {} still running {} after its timeout: killing it", run.scenario().getFileName(),
                        grace(run.timeout()));
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IOException("interrupted while SIPp ran", e);
        }
        int exit = timedOut ? -1 : process.exitValue();
        return collect(exit, timedOut);
    }

    private SippResult collect(int exit, boolean timedOut) throws IOException {
        List<String> stats = lines(runDir.resolve("stats.csv"));
        String screen = read(runDir.resolve("screen.log"));
        long ok = SippStats.fromCsv(stats, "SuccessfulCall(C)")
                .orElse(SippStats.fromScreen(screen, "Successful call").orElse(exit == 0 ? run.calls() : -1));
        long failed = SippStats.fromCsv(stats, "FailedCall(C)")
                .orElse(SippStats.fromScreen(screen, "Failed call").orElse(exit == 0 ? 0 : -1));
        return new SippResult(run, runDir, exit, timedOut, ok, failed, read(runDir.resolve("messages.log")),
                read(runDir.resolve("errors.log")), screen, responseTimes());
    }

    /** {@code -trace_rtt} writes {@code <scenario>_<pid>_rtt.csv}; one file per run. */
    private Map<String, List<Double>> responseTimes() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("_rtt.csv")).toList()) {
                lines.addAll(lines(f));
            }
        }
        return SippStats.responseTimes(lines);
    }

    private void kill() {
        process.destroy();
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
    }

    /** UTF-8 with malformed bytes replaced: a trace must load even when a peer sent garbage. */
    private static String read(Path file) throws IOException {
        return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Kills SIPp if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
