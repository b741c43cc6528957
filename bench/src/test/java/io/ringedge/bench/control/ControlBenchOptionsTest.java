package io.ringedge.bench.control;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlBenchOptionsTest {

    @Test
    void defaultsAreCyclesAtThreeRatesAfterAWarmUp() {
        ControlBenchOptions options = ControlBenchOptions.parse();
        assertEquals(List.of(50, 100, 200), options.rates());
        assertEquals(Duration.ofSeconds(20), options.step());
        assertEquals(Duration.ofSeconds(30), options.warmUp());
        assertEquals(64, options.concurrency());
        assertFalse(options.health());
        assertEquals(Path.of("media-workers", "target", "media-workers.jar"), options.workerJar());
    }

    @Test
    void everyOptionIsRead() {
        ControlBenchOptions options = ControlBenchOptions.parse("--rates", "5,300", "--step-seconds", "10",
                "--warm-up-seconds", "0", "--concurrency", "8", "--requests", "health", "--worker-jar", "w.jar",
                "--runs-dir", "runs", "--worker-jvm-arg", "-XX:+UseZGC", "--worker-jvm-arg", "-Xmx256m");
        assertEquals(List.of(5, 300), options.rates());
        assertEquals(Duration.ofSeconds(10), options.step());
        assertTrue(options.warmUp().isZero());
        assertEquals(8, options.concurrency());
        assertTrue(options.health());
        assertEquals(Path.of("w.jar"), options.workerJar());
        assertEquals(Path.of("runs"), options.runsDir());
        assertEquals(List.of("-XX:+UseZGC", "-Xmx256m"), options.workerJvmArgs());
    }

    @Test
    void valuesOutOfBoundsAreRefusedNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ControlBenchOptions.parse("--rates", "0"))
                .getMessage().startsWith("--rates"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ControlBenchOptions.parse("--rates", "5000"))
                .getMessage().startsWith("--rates"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ControlBenchOptions.parse("--step-seconds", "0"))
                .getMessage().startsWith("--step-seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ControlBenchOptions.parse("--concurrency", "0"))
                .getMessage().startsWith("--concurrency"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ControlBenchOptions.parse("--requests", "all"))
                .getMessage().startsWith("--requests"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ControlBenchOptions.parse("--bogus", "1"))
                .getMessage().contains("--bogus"));
    }
}
