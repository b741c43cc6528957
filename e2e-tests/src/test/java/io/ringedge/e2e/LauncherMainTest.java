package io.ringedge.e2e;

import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.launcher.RingedgeMain;
import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.CallState;
import io.ringedge.testkit.CallTimeline;
import io.ringedge.testkit.DeviceSettings;
import io.ringedge.testkit.TestDevice;
import io.ringedge.testkit.sipp.Sipp;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippRun;
import io.ringedge.testkit.sipp.SippScenarios;
import io.ringedge.testkit.sipp.SippTransport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's real {@code main} ({@code ./ringedge start}) in a JVM of its own, configured the
 * way an operator does it ({@code --config FILE} and {@code -Dkey=value}): it comes up, serves a
 * call, and stops within 10 s of SIGTERM, taking its Redis child process with it.
 */
class LauncherMainTest {

    static final Duration STARTUP = Duration.ofSeconds(90);
    static final Duration STOP = Duration.ofSeconds(10);
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ADMIN_KEY = "launcher-test-admin-key";

    @Test
    void mainStartsServesACallAndStopsOnSigterm() throws Exception {
        Path dir = Files.createTempDirectory("ringedge-main-");
        Path config = dir.resolve("ringedge.yaml");
        Files.writeString(config, E2eSystem.connectionsYaml("edge-main"));
        Path out = dir.resolve("stdout.log");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path")));
        E2eSystem.overrides(dir, 2).forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dedge.http.admin-api-key=" + ADMIN_KEY);
        command.addAll(List.of(RingedgeMain.class.getName(), "--config", config.toString()));
        Process main = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            String banner = awaitOutput(main, out, "ringedge: running");
            int pbxPort = port(banner, "SIP for PBXs\\s+udp/tcp 127\\.0\\.0\\.1:(\\d+)");
            int wsPort = port(banner, "SIP for devices\\s+ws://127\\.0\\.0\\.1:(\\d+)");
            int httpPort = port(banner, "HTTP API\\s+http://127\\.0\\.0\\.1:(\\d+)");
            Matcher kafka = Pattern.compile("Kafka\\s+(127\\.0\\.0\\.1:\\d+)").matcher(banner);
            assertTrue(kafka.find(), banner);

            E2eSystem.Line line = E2eSystem.line(0);
            String token = E2eSystem.mintToken(httpPort, ADMIN_KEY, line.user(), "main-dev");
            try (TestDevice phone = TestDevice.connect(DeviceSettings.of(URI.create("ws://127.0.0.1:" + wsPort),
                    line.user(), E2eSystem.DOMAIN, token))) {
                assertEquals(200, phone.register().status());
                phone.onInvite(CallBehaviour.answer(Duration.ofMillis(100)));
                SippResult pbx = Sipp.run(SippRun.uac(SippScenarios.resolve(SippScenarios.ANSWER_PBX_BYE), "127.0.0.1", pbxPort)
                        .withTransport(SippTransport.UDP).withService(line.did()).withHold(Duration.ofMillis(200))
                        .withTimeout(Duration.ofSeconds(15)));
                assertTrue(pbx.succeeded(), pbx.describe());
                phone.awaitCall(WAIT).awaitState(CallState.TERMINATED, WAIT);
                String callId = CallOffers.callId(kafka.group(1), line.did(), WAIT);
                CallTimeline timeline = CallTimeline.untilEnded(kafka.group(1), callId, WAIT);
                SippCallTest.assertSequence(SippCallTest.ANSWERED, timeline);
                SippCallTest.assertEnded(timeline, EndCause.CALLER_HANGUP, 200);
            }

            List<ProcessHandle> children = main.descendants().toList();
            assertTrue(children.stream().anyMatch(p -> p.info().command().orElse("").contains("redis")),
                    "the embedded Redis runs as a child: " + children.stream().map(p -> p.info().command().orElse("?")).toList());
            long sigterm = System.nanoTime();
            main.destroy(); // SIGTERM
            boolean exited = main.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(exited, () -> "still running " + STOP.toSeconds() + " s after SIGTERM; threads: "
                    + threadDump(main) + "\n" + tail(out));
            System.out.printf("launcher exited %d ms after SIGTERM%n", (System.nanoTime() - sigterm) / 1_000_000);
            assertEquals(143, main.exitValue(), () -> "exit status after SIGTERM (128 + 15):\n" + tail(out));
            assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "child processes left behind");
        } finally {
            if (main.isAlive()) {
                main.destroyForcibly();
                main.waitFor(5, TimeUnit.SECONDS);
            }
            E2eSystem.deleteTree(dir);
        }
    }

    private static String awaitOutput(Process main, Path out, String marker) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            String text = Files.exists(out) ? Files.readString(out) : "";
            if (text.contains(marker)) {
                return text;
            }
            if (!main.isAlive()) {
                throw new AssertionError("the launcher exited with " + main.exitValue() + " before '" + marker + "':\n" + text);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + marker + "' within " + STARTUP.toSeconds() + " s:\n" + text);
            }
            Thread.sleep(200);
        }
    }

    private static int port(String banner, String regex) {
        Matcher m = Pattern.compile(regex).matcher(banner);
        if (!m.find()) {
            throw new AssertionError("no match for " + regex + " in:\n" + banner);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Where the child's threads are (jcmd Thread.print), saved under target/ for whoever reads the failure. */
    private static String threadDump(Process main) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path dump = Path.of("target", "launcher-threads-" + main.pid() + ".txt").toAbsolutePath();
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(main.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            p.waitFor(10, TimeUnit.SECONDS);
            return dump.toString();
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String tail(Path out) {
        try {
            return tailOf(out);
        } catch (IOException e) {
            return "(cannot read " + out + ": " + e.getMessage() + ")";
        }
    }

    private static String tailOf(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
