package io.ringedge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark started (the system's JVM, the load devices' JVM), its output in a log
 * file. {@link #close()} stops it and everything it started (the embedded Redis server is the
 * system JVM's child): politely first, so the JVM's shutdown hooks run and a JFR recording is
 * written, then by force.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration POLITE_STOP = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ChildProcess start(String name, List<String> command, Path workDir, Path log) throws IOException {
        Files.writeString(log.resolveSibling(name + ".command.txt"), String.join(" ", command) + "\n");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        return new ChildProcess(name, p, log);
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Waits until a line of the log contains {@code marker}; returns that line. Fails when the
     * process exits first or {@code timeout} passes, quoting the log's end.
     */
    public String awaitLine(String marker, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines()) {
                if (line.contains(marker)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " before '" + marker + "':\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " did not print '" + marker + "' within " + timeout.toSeconds() + " s:\n" + tail());
            }
            Thread.sleep(200);
        }
    }

    /** CPU time used so far by this process and every process it started (zero where the OS does not tell). */
    public Duration cpu() {
        Duration own = process.info().totalCpuDuration().orElse(Duration.ZERO);
        return process.descendants().map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(own, Duration::plus);
    }

    /** Writes one line to the process's standard input: a go-ahead it waits for. */
    void tell(String line) throws IOException {
        process.outputWriter().write(line + "\n");
        process.outputWriter().flush();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String tail() throws IOException {
        List<String> lines = lines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private List<String> lines() throws IOException {
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList() : List.of();
    }

    @Override
    public void close() {
        // taken before the parent goes: once it is gone its children are re-parented and lost
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(POLITE_STOP.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println(name + " still running " + POLITE_STOP.toSeconds() + " s after SIGTERM: killing it");
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
