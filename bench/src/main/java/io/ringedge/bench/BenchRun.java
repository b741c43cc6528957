package io.ringedge.bench;

import io.ringedge.testkit.sipp.SippProcess;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * What every benchmark driver does around its measurement: a run folder of its own
 * ({@code <runs-dir>/<time>/}) for configs, logs and results, and the child processes it starts
 * (JVMs, SIPp), all stopped at the end, on failure and on Ctrl-C, newest first.
 */
final class BenchRun {

    private final Path dir;
    private final Deque<ChildProcess> children = new ArrayDeque<>();
    /** The step's SIPp, so Ctrl-C stops it too instead of leaving it to its own timeout. */
    private final AtomicReference<SippProcess> sipp = new AtomicReference<>();

    private BenchRun(Path dir) {
        this.dir = dir;
    }

    /** A fresh folder under {@code runsDir}, and a shutdown hook that stops whatever is still running. */
    static BenchRun create(Path runsDir) throws IOException {
        Path dir = runsDir.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
                .toAbsolutePath();
        Files.createDirectories(dir);
        BenchRun run = new BenchRun(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(run::stopChildren, "bench-stop-children"));
        return run;
    }

    Path dir() {
        return dir;
    }

    AtomicReference<SippProcess> sipp() {
        return sipp;
    }

    ChildProcess startChild(String name, List<String> command) throws IOException {
        ChildProcess child = ChildProcess.start(name, command, dir, dir.resolve(name + ".log"));
        synchronized (children) {
            children.push(child);
        }
        say("started " + name + " (pid " + child.pid() + ")");
        return child;
    }

    /** Newest first: the devices go before the system they are attached to. Safe to call twice. */
    void stopChildren() {
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

    Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    Path copyResource(String resource, String name) throws IOException {
        try (InputStream in = BenchRun.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " missing from the bench jar");
            }
            Path target = dir.resolve(name);
            Files.write(target, in.readAllBytes());
            return target;
        }
    }

    /** This JVM's class path made absolute: a child runs in the run folder. */
    static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void say(String line) {
        System.out.println(line);
    }
}
