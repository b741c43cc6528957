package io.ringedge.media.dtls;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An {@code openssl} command whose output lines a test waits for; killed on close. */
final class OpensslProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    /**
     * @param keepStdinOpen s_server quits at end of input, so it gets a pipe we never write to;
     *                      s_client gets {@code -ign_eof} and /dev/null
     */
    OpensslProcess(List<String> command, boolean keepStdinOpen) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!keepStdinOpen) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        process = builder.start();
        Thread.ofVirtual().name("openssl-output").start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        });
    }

    static boolean available() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The first line starting (after spaces) with {@code prefix}, without the prefix. */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("openssl printed no '" + prefix + "' in " + timeout + "; it said:\n"
                        + String.join("\n", seen));
            }
            seen.add(line);
            if (line.strip().startsWith(prefix)) {
                return line.strip().substring(prefix.length()).strip();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
