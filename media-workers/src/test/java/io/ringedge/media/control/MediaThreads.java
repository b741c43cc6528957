package io.ringedge.media.control;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the live media threads (the media loops, the loopback browser's, and the virtual DTLS
 * threads, which {@code Thread.getAllStackTraces} leaves out), read from the JVM's JSON thread dump.
 */
final class MediaThreads {
    /** A session's own threads (its DTLS handshake's), and the loopback browser's. */
    private static final Pattern SESSION = Pattern.compile("\"name\": \"(loopback-browser|dtls-(?:client|server|close))\"");
    /** The worker's media loops as well: they end with the worker. */
    private static final Pattern ANY = Pattern.compile("\"name\": \"(media-io-\\d+|loopback-browser|dtls-(?:client|server|close))\"");

    private MediaThreads() {
    }

    static List<String> alive(Pattern pattern) throws IOException {
        Path dump = Files.createTempFile("threads", ".json");
        Files.delete(dump); // dumpThreads refuses to overwrite
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            Matcher m = pattern.matcher(Files.readString(dump));
            List<String> names = new java.util.ArrayList<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    /** Waits up to 3 s for every media thread, the worker's loops included, to end. */
    static void assertNoneAlive() throws IOException, InterruptedException {
        assertNoneAlive(ANY);
    }

    /** Waits up to 3 s for the threads of ended sessions to end; the worker's loops go on. */
    static void assertNoSessionThreads() throws IOException, InterruptedException {
        assertNoneAlive(SESSION);
    }

    private static void assertNoneAlive(Pattern names) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        List<String> alive = alive(names);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            alive = alive(names);
        }
        if (!alive.isEmpty()) {
            throw new AssertionError("media threads still running: " + alive);
        }
    }
}
