package io.ringedge.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchOptionsTest {

    @Test
    void defaultsAreTheIssuesSixtySecondSteps() {
        BenchOptions o = BenchOptions.parse();
        assertEquals(List.of(50, 100, 200, 300, 400), o.rates());
        assertEquals(Duration.ofSeconds(60), o.step());
        assertEquals(Duration.ofSeconds(90), o.warmUp());
        assertTrue(o.stopOnFailure());
    }

    @Test
    void parsesEveryOption() {
        BenchOptions o = BenchOptions.parse("--rates", "100, 300", "--step-seconds", "10", "--devices", "200",
                "--answer-after-ms", "0", "--hold-ms", "500", "--edge-jvm-arg", "-Xmx2g", "--keep-going", "--warm-up-seconds", "30");
        assertEquals(List.of(100, 300), o.rates());
        assertEquals(Duration.ofSeconds(10), o.step());
        assertEquals(200, o.devices());
        assertEquals(Duration.ZERO, o.answerAfter());
        assertEquals(Duration.ofMillis(500), o.hold());
        assertEquals(List.of("-Xmx2g"), o.edgeJvmArgs());
        assertEquals(Duration.ofSeconds(30), o.warmUp());
        assertFalse(o.stopOnFailure());
    }

    @Test
    void boundsNameTheOption() {
        assertMessage("--rates: each must be 1..1500, was 5000", "--rates", "100,5000");
        assertMessage("--step-seconds: must be 1..300, was 0", "--step-seconds", "0");
        assertMessage("--devices: must be 1..5000, was 0", "--devices", "0");
        assertMessage("--warm-up-seconds: must be 1..300, was 0", "--warm-up-seconds", "0");
        assertMessage("--hold-ms: must be a whole number, was 'x'", "--hold-ms", "x");
        assertMessage("unknown option --rate", "--rate", "100");
        assertMessage("--devices: needs a value", "--devices");
        assertMessage("--rates x --step-seconds: at most 40 minutes of steps, was 50",
                "--rates", "10,20,30,40,50,60,70,80,90,100", "--step-seconds", "300");
    }

    private static void assertMessage(String expected, String... args) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args)).getMessage());
    }
}
