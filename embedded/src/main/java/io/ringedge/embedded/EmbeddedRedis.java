package io.ringedge.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;


import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis server in a child process, for the one-machine default and for tests.
 *
 * <p>The server is the {@code redis-server} on {@code PATH} when there is one, else the Linux binary
 * shipped inside the {@code com.github.codemonstur:embedded-redis} jar (Redis 6.2), so a machine
 * with nothing but a JDK still gets a real server. Either way this class spawns and supervises the
 * process itself: one code path for arguments, readiness and shutdown. Persistence is off: Ringedge
 * keeps only rebuildable state in Redis (devices re-register), so a restart may start empty.
 */
public final class EmbeddedRedis implements AutoCloseable {

    /** Where the server binary comes from. */
    public enum Binary {
        /** {@code redis-server} on {@code PATH}, else the binary shipped in embedded-redis. */
        PATH_THEN_SHIPPED,
        /** Always the binary shipped in embedded-redis (tests force it to cover the fallback). */
        SHIPPED
    }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    /** Free-port races with parallel builds: another process may grab the port between probe and bind. */
    private static final int FREE_PORT_ATTEMPTS = 5;

    private final Process process;
    private final int port;
    private final Path executable;
    private final Path workDir;
    private final Thread shutdownHook;

    private EmbeddedRedis(Process process, int port, Path executable, Path workDir) {
        this.process = process;
        this.port = port;
        this.executable = executable;
        this.workDir = workDir;
        this.shutdownHook = new Thread(this::stopProcess, "embedded-redis-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server on a free loopback port. */
    public static EmbeddedRedis start() {
        return start(0);
    }

    /** Starts a server on {@code port}, or on a free port when {@code port} is 0. */
    public static EmbeddedRedis start(int port) {
        return start(port, Binary.PATH_THEN_SHIPPED);
    }

    /** Starts a server on {@code port} (0 = free port) from the given binary source. */
    public static EmbeddedRedis start(int port, Binary binary) {
        return start(port, binary, List.of());
    }

    /**
     * Starts a server with extra {@code redis-server} arguments after ours, e.g.
     * {@code --cluster-enabled yes} for a test cluster. Relative file names resolve in the
     * server's own working directory.
     */
    public static EmbeddedRedis start(int port, Binary binary, List<String> extraArguments) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Path executable = executableFor(binary);
        if (port != 0) {
            return spawn(executable, port, extraArguments);
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt++) {
            try {
                return spawn(executable, freePort(), extraArguments);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    /** {@code redis://127.0.0.1:PORT} */
    public String uri() {
        return "redis://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The server binary this instance runs. */
    public Path executable() {
        return executable;
    }

    /** Stops the server and deletes its working directory. Idempotent. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the JVM is exiting; the hook has run or is running
        }
    }

    private void stopProcess() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: redis-server exits at once with persistence off
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deleteRecursively(workDir);
    }

    private static EmbeddedRedis spawn(Path executable, int port, List<String> extraArguments) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("ringedge-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory for redis-server", e);
        }
        Path log = workDir.resolve("redis.log");
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--port", Integer.toString(port),
                "--bind", HOST,
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--dir", workDir.toString()));
        command.addAll(extraArguments);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            deleteRecursively(workDir);
            throw new UncheckedIOException("cannot run " + executable, e);
        }
        try {
            awaitPong(process, port, log);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            deleteRecursively(workDir);
            throw e;
        }
        LOG.info("Redis {} started on {}:{} (pid {})", executable, HOST, port, process.pid());
        return new EmbeddedRedis(process, port, executable, workDir);
    }

    /**
     * Ready means answering PING, from our own process: when the port is taken, another server
     * answers there while ours is exiting, so the reply must carry our pid ({@code INFO server}).
     */
    private static void awaitPong(Process process, int port, Path log) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with "
                        + process.exitValue() + ": " + tail(log));
            }
            if (answersPing(port, process.pid())) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for redis-server", e);
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                + READY_TIMEOUT + ": " + tail(log));
    }

    private static boolean answersPing(int port, long pid) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            // inline commands (RESP): one line each, replies in order
            out.write("PING\r\nINFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            if (!"+PONG".equals(in.readLine())) {
                return false; // e.g. -LOADING while the server starts
            }
            String ourPid = "process_id:" + pid;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.equals(ourPid)) {
                    return true;
                }
            }
            return false;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static Path executableFor(Binary binary) {
        if (binary == Binary.PATH_THEN_SHIPPED) {
            Path onPath = onPath("redis-server");
            if (onPath != null) {
                return onPath;
            }
            LOG.info("no redis-server on PATH; using the binary shipped in embedded-redis");
        }
        return ShippedBinary.PATH;
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}", dir, e);
        }
    }

    /**
     * The shipped binary, extracted once per JVM (lazily: a machine with redis-server on PATH never
     * pays for the 10 MB copy) into a directory removed when the JVM exits.
     */
    private static final class ShippedBinary {
        static final Path PATH = extract();

        private static Path extract() {
            try {
                Path dir = Files.createTempDirectory("ringedge-redis-bin-");
                Path binary = ExecutableProvider.newJarResourceProvider(dir::toFile).get().toPath();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir),
                        "embedded-redis-binary-cleanup"));
                return binary;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the redis-server shipped in embedded-redis", e);
            }
        }
    }
}
