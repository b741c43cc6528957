package io.ringedge.testkit.sipp;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs SIPp (the {@code sip-tester} package) as a child process. The binary is the one named by
 * system property {@value #BINARY_PROPERTY}, else {@code sipp} on PATH.
 *
 * <pre>{@code
 * SippResult r = Sipp.run(SippRun.uac(scenario, "127.0.0.1", edgePort)
 *         .withTransport(SippTransport.TCP).withService("+15551230001"));
 * assertTrue(r.succeeded(), r.describe());
 * }</pre>
 */
public final class Sipp {

    public static final String BINARY_PROPERTY = "ringedge.sipp.binary";

    private Sipp() {
    }

    public static Optional<Path> binary() {
        String configured = System.getProperty(BINARY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "sipp");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    public static boolean isInstalled() {
        return binary().isPresent();
    }

    /** Starts SIPp and returns at once (a UAS is usually started this way, then awaited). */
    public static SippProcess start(SippRun run) throws IOException {
        Path sipp = binary().orElseThrow(() -> new IOException(
                "sipp not found: install the sip-tester package or set -D" + BINARY_PROPERTY));
        return SippProcess.start(sipp, run);
    }

    /** Starts SIPp and waits for it to finish (killing it after the run's timeout). */
    public static SippResult run(SippRun run) throws IOException {
        try (SippProcess process = start(run)) {
            return process.awaitResult();
        }
    }
}
