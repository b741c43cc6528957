package io.ringedge.bench.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaBenchOptionsTest {
    @Test
    void defaultsFollowTheIssuesTargets() {
        MediaBenchOptions transcode = MediaBenchOptions.parse();
        assertTrue(transcode.transcoded());
        assertEquals(List.of(50, 100, 150, 200, 250), transcode.steps());
        MediaBenchOptions passThrough = MediaBenchOptions.parse("--mode", "pass-through");
        assertFalse(passThrough.transcoded());
        assertEquals(2000, passThrough.steps().get(passThrough.steps().size() - 1));
    }

    @Test
    void optionsAreReadAndBounded() {
        MediaBenchOptions o = MediaBenchOptions.parse("--calls", "10, 20", "--step-seconds", "5", "--setup-rate", "8",
                "--worker-jvm-arg", "-Xlog:gc", "--keep-going");
        assertEquals(List.of(10, 20), o.steps());
        assertEquals(Duration.ofSeconds(5), o.step());
        assertEquals(8, o.setupRate());
        assertEquals(List.of("-Xlog:gc"), o.workerJvmArgs());
        assertFalse(o.stopOnFailure());
        assertThrows(IllegalArgumentException.class, () -> MediaBenchOptions.parse("--calls", "20,10"));
        assertThrows(IllegalArgumentException.class, () -> MediaBenchOptions.parse("--calls", "5000"));
        assertThrows(IllegalArgumentException.class, () -> MediaBenchOptions.parse("--mode", "fast"));
        assertThrows(IllegalArgumentException.class, () -> MediaBenchOptions.parse("--step-seconds", "0"));
        assertThrows(IllegalArgumentException.class, () -> MediaBenchOptions.parse("--calls"));
    }

    @Test
    void theWarmUpDefaultsToTwentyCallsForTwentySecondsAndIsBoundedByTheFirstStep() {
        MediaBenchOptions defaults = MediaBenchOptions.parse("--calls", "10,50");
        assertEquals(10, defaults.warmUpCalls());
        assertEquals(Duration.ofSeconds(20), defaults.warmUp());
        MediaBenchOptions o = MediaBenchOptions.parse("--calls", "300,500", "--warm-up-calls", "300", "--warm-up-seconds", "90");
        assertEquals(300, o.warmUpCalls());
        assertEquals(Duration.ofSeconds(90), o.warmUp());
        assertThrows(IllegalArgumentException.class, () -> MediaBenchOptions.parse("--calls", "300", "--warm-up-calls", "301"));
        assertThrows(IllegalArgumentException.class, () -> MediaBenchOptions.parse("--warm-up-seconds", "601"));
    }

    @Test
    void missingFramesCountAsLate() {
        MediaStepResult step = new MediaStepResult(10, 10, 0, Duration.ofSeconds(10), 10_000, 9_990, 0,
                io.ringedge.bench.Percentiles.NONE, io.ringedge.bench.Percentiles.NONE, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1);
        assertEquals(10, step.missing());
        assertEquals(0.001, step.lateRatio(), 1e-12);
        assertFalse(step.sustained(), "0.1 % is not fewer than 0.1 %");
        assertEquals(1.0, step.workerCpuPercentPerCall(), 1e-9);
    }
}
