package io.ringedge.testkit.sipp;

import io.ringedge.testkit.sip.SipRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SippRunnerTest {

    private static final Path ANSWER = SippScenarios.resolve(SippScenarios.ANSWER_PBX_BYE);

    @Test
    void runsAreBounded() {
        SippRun ok = SippRun.uac(ANSWER, "127.0.0.1", 5060);
        assertThrows(IllegalArgumentException.class, () -> ok.withCalls(0));
        assertThrows(IllegalArgumentException.class, () -> ok.withCalls(SippRun.MAX_CALLS + 1));
        assertThrows(IllegalArgumentException.class, () -> ok.withRate(0));
        assertThrows(IllegalArgumentException.class, () -> ok.withRate(SippRun.MAX_RATE + 1));
        assertThrows(IllegalArgumentException.class, () -> ok.withTimeout(Duration.ofMillis(10)));
        assertThrows(IllegalArgumentException.class, () -> ok.withTimeout(Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> ok.withHold(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> ok.withMaxConcurrent(-1));
        assertThrows(IllegalArgumentException.class, () -> ok.withMediaPort(-1));
        assertThrows(IllegalArgumentException.class, () -> ok.withMediaPort(65536));
        assertThrows(IllegalArgumentException.class, () -> SippRun.uac(ANSWER, "127.0.0.1", 0));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SippRun.uac(Path.of("nope.xml"), "127.0.0.1", 5060));
        assertTrue(missing.getMessage().contains("nope.xml"));
    }

    @Test
    void parsesSippMessageTraces() {
        String log = """
                ----------------------------------------------- 2026-11-21 08:48:12.348992
                UDP message received [60] bytes :

                INVITE sip:1@127.0.0.1:5060 SIP/2.0\r
                Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1-1-0\r
                Content-Length: 0\r
                \r

                ----------------------------------------------- 2026-11-21 08:48:12.349134
                TCP message sent (20 bytes):

                SIP/2.0 100 Trying\r
                Content-Length: 0\r
                \r

                ----------------------------------------------- 2026-11-21 08:48:12.349200
                UDP message received [5] bytes :

                hello
                """;
        List<SippTrace.Entry> entries = SippTrace.parse(log);
        assertEquals(3, entries.size());
        assertTrue(entries.get(0).isRequest("INVITE"));
        assertFalse(entries.get(0).sent());
        assertEquals("z9hG4bK-1-1-0", ((SipRequest) entries.get(0).message()).topVia().branch().orElseThrow());
        assertTrue(entries.get(1).isResponse(100));
        assertTrue(entries.get(1).sent());
        assertEquals("TCP", entries.get(1).transport());
        assertEquals("2026-11-21 08:48:12.349134", entries.get(1).time());
        assertNull(entries.get(2).message(), "garbage is kept as text, not dropped");
    }

    @Test
    void readsCallCountsFromStatsOrScreen() {
        List<String> csv = List.of("StartTime;SuccessfulCall(P);SuccessfulCall(C);FailedCall(C);",
                "x;0;0;0;", "y;2;7;1;");
        assertEquals(7, SippStats.fromCsv(csv, "SuccessfulCall(C)").orElseThrow());
        assertEquals(1, SippStats.fromCsv(csv, "FailedCall(C)").orElseThrow());
        assertTrue(SippStats.fromCsv(List.of("only a header"), "FailedCall(C)").isEmpty());
        String screen = "  Successful call        |        0                  |        3\n"
                + "  Failed call            |        1                  |        2\n";
        assertEquals(3, SippStats.fromScreen(screen, "Successful call").orElseThrow());
        assertEquals(2, SippStats.fromScreen(screen, "Failed call").orElseThrow());
    }

    @Test
    void readsResponseTimesIncludingFractionalMilliseconds() {
        var times = SippStats.responseTimes(List.of("Date_ms;response_time_ms;rtd_no", "112.001;0;ringing",
                "116.001;8;answered", "508.002;4.001;answered", "garbage"));
        assertEquals(List.of(0.0), times.get("ringing"));
        assertEquals(List.of(8.0, 4.001), times.get("answered"));
    }

    @Test
    void aUasThatIsNeverStoppedEndsAtItsTimeoutAsAFailure(@TempDir Path runs) throws IOException {
        assumeTrue(Sipp.isInstalled(), "sipp not on PATH (apt-get install sip-tester)");
        try (SippProcess uas = Sipp.start(SippRun.uas(SippScenarios.resolve("uas-answer.xml"), 0)
                .withTimeout(Duration.ofSeconds(1)).withRunsDir(runs))) {
            uas.awaitListening(Duration.ofSeconds(5));
            SippResult result = uas.awaitResult();
            assertFalse(result.succeeded(), result.describe());
            assertFalse(result.timedOut(), "SIPp's own -timeout ended it, not the kill");
            assertTrue(Files.isRegularFile(result.runDir().resolve("command.txt")));
            assertTrue(result.runDir().startsWith(runs));
        }
    }

    @Test
    void benchmarkRunsSkipTheMessageTraceButKeepResponseTimes(@TempDir Path runs) throws IOException {
        assumeTrue(Sipp.isInstalled(), "sipp not on PATH (apt-get install sip-tester)");
        try (SippProcess uas = Sipp.start(SippRun.uas(SippScenarios.resolve("uas-answer.xml"), 0).withRunsDir(runs))) {
            uas.awaitListening(Duration.ofSeconds(5));
            SippResult pbx = Sipp.run(SippRun.uac(SippScenarios.resolve(SippScenarios.LOAD_PBX_BYE), "127.0.0.1",
                    uas.localPort()).withCalls(10).withRate(50).withMaxConcurrent(5).withHold(Duration.ofMillis(20))
                    .withoutMessageTrace().withRunsDir(runs));
            assertTrue(pbx.succeeded(), pbx.describe());
            assertEquals(10, pbx.successfulCalls());
            assertEquals("", pbx.messageLog());
            assertEquals(10, pbx.responseTimes("ringing").size());
            String command = Files.readString(pbx.runDir().resolve("command.txt"));
            assertTrue(command.contains(" -l 5 ") && !command.contains("-trace_msg"), command);
            assertTrue(uas.stop().succeeded());
        }
    }

    @Test
    void aSippThatHangsIsKilledAfterItsTimeout(@TempDir Path dir) throws IOException {
        // a stand-in that ignores -timeout; exec so the killed process is the sleeper itself
        Path hanging = dir.resolve("sipp");
        Files.writeString(hanging, "#!/bin/sh\nexec sleep 30\n");
        assertTrue(hanging.toFile().setExecutable(true));
        String before = System.getProperty(Sipp.BINARY_PROPERTY);
        System.setProperty(Sipp.BINARY_PROPERTY, hanging.toString());
        try {
            long start = System.nanoTime();
            SippResult result = Sipp.run(SippRun.uac(ANSWER, "127.0.0.1", 5060)
                    .withTimeout(Duration.ofSeconds(1)).withRunsDir(dir.resolve("runs")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(result.timedOut());
            assertEquals(-1, result.exitCode());
            assertFalse(result.succeeded());
            assertTrue(took.compareTo(Duration.ofSeconds(1).plus(SippProcess.grace(Duration.ofSeconds(1)))) >= 0, took.toString());
            assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "killed, not waited for: " + took);
        } finally {
            restore(before);
        }
    }

    @Test
    void aMissingBinaryIsAClearError() {
        String before = System.getProperty(Sipp.BINARY_PROPERTY);
        System.setProperty(Sipp.BINARY_PROPERTY, "/nonexistent/sipp");
        try {
            assertFalse(Sipp.isInstalled());
            IOException e = assertThrows(IOException.class, () -> Sipp.run(SippRun.uac(ANSWER, "127.0.0.1", 5060)));
            assertTrue(e.getMessage().contains("sip-tester"), e.getMessage());
        } finally {
            restore(before);
        }
    }

    private static void restore(String binary) {
        if (binary == null) {
            System.clearProperty(Sipp.BINARY_PROPERTY);
        } else {
            System.setProperty(Sipp.BINARY_PROPERTY, binary);
        }
    }
}
