package io.ringedge.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RFC 3550 §6.2/§6.3.1 timing with a 5 s minimum, stepped with a clock passed in. */
class RtcpScheduleTest {
    private static final long SECOND = 1_000_000_000L;
    /** A.7: [0.5, 1.5] x Td / (e - 3/2). */
    private static final double LOW = 0.5 / (Math.E - 1.5);
    private static final double HIGH = 1.5 / (Math.E - 1.5);

    @Test
    void firstReportAfterHalfTheMinimumThenEveryMinimumRandomised() {
        long minMean = Long.MAX_VALUE;
        long maxMean = 0;
        SplittableRandom random = new SplittableRandom(42);
        for (int run = 0; run < 200; run++) {
            RtcpSchedule schedule = new RtcpSchedule(Duration.ofSeconds(5), random, 0);
            long first = schedule.nanosUntilDue(0);
            assertTrue(first >= 2.5 * LOW * SECOND && first <= 2.5 * HIGH * SECOND, "first after " + first);
            assertFalse(schedule.due(first - 1));
            assertTrue(schedule.due(first));
            long sum = 0;
            long now = first;
            for (int i = 0; i < 50; i++) {
                long gap = schedule.nanosUntilDue(now);
                assertTrue(gap >= 5 * LOW * SECOND && gap <= 5 * HIGH * SECOND, "gap " + gap);
                now += gap;
                assertTrue(schedule.due(now));
                sum += gap;
            }
            minMean = Math.min(minMean, sum / 50);
            maxMean = Math.max(maxMean, sum / 50);
        }
        // The mean interval is Td / (e - 3/2) = 4.1 s: randomised, not fixed.
        assertTrue(minMean > 3.4 * SECOND && maxMean < 4.9 * SECOND, minMean + ".." + maxMean);
        assertTrue(maxMean - minMean > 0.1 * SECOND, "intervals vary between runs");
    }

    @Test
    void aMissedReportIsSentAtOnceAndTheNextIsScheduledFromThen() {
        RtcpSchedule schedule = new RtcpSchedule(Duration.ofSeconds(5), new SplittableRandom(1), 0);
        long late = 60 * SECOND;
        assertTrue(schedule.due(late));
        assertTrue(schedule.nanosUntilDue(late) >= 5 * LOW * SECOND, "no burst of catch-up reports");
        assertFalse(schedule.due(late + 1));
    }

    @Test
    void minimumMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RtcpSchedule(Duration.ZERO, new SplittableRandom(), 0));
    }
}
