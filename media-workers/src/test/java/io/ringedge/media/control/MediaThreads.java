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
 * Names of the live media threads (virtual ones included, which {@code Thread.getAllStackTraces}
 * leaves out), read from the JVM's JSON thread dump.
 */
final class MediaThreads {
    private static final Pattern NAME = Pattern.compile("\"name\": \"((?:webrtc|pbx-rtp|pbx-rtcp)-\\d+)\"");

    private MediaThreads() {
    }

    static List<String> alive() throws IOException {
        Path dump = Files.createTempFile("threads", ".json");
        Files.delete(dump); // dumpThreads refuses to overwrite
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            Matcher m = NAME.matcher(Files.readString(dump));
            List<String> names = new java.util.ArrayList<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    /** Waits up to 3 s for every media thread to end. */
    static void assertNoneAlive() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        List<String> alive = alive();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            alive = alive();
        }
        if (!alive.isEmpty()) {
            throw new AssertionError("media threads still running: " + alive);
        }
    }
}
