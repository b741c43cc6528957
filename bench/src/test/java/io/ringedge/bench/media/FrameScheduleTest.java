package io.ringedge.bench.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameScheduleTest {
    private static final long MS = 1_000_000;

    @Test
    void aLateTimerCatchesUpFrameByFrameWithinTheLimit() {
        FrameSchedule schedule = new FrameSchedule(1_000 * MS, 20 * MS, 50);
        assertEquals(1_020 * MS, schedule.sent(1_000 * MS));
        assertEquals(1_040 * MS, schedule.sent(1_500 * MS)); // 480 ms behind: sends the next at once, no skip
        assertEquals(0, schedule.skipped());
    }

    @Test
    void aStallBeyondTheLimitSkipsFramesAndTheirTimePassesOnTheRtpTimeline() {
        FrameSchedule schedule = new FrameSchedule(1_000 * MS, 20 * MS, 50);
        schedule.sent(1_000 * MS);
        long next = schedule.sent(3_030 * MS); // the frame due at 1,020 ms went out at 3,030: 2 s behind
        assertEquals(99, schedule.skipped());
        assertEquals(3_020 * MS, next); // back on the call's grid, less than a frame behind
        // the frames sent so far (2) plus those skipped place the next one at its instant on the timeline
        assertEquals(next - 1_000 * MS, (2 + schedule.skipped()) * 20 * MS);
    }

    @Test
    void withSkippedFramesOnTheTimelineTheMeterSeesNoLatenessAfterAStall() {
        StreamMeter meter = new StreamMeter(8000, 20 * MS, null);
        FrameSchedule schedule = new FrameSchedule(0, 20 * MS, 50);
        int frame = 0;
        long now = 0;
        for (; frame < 10; frame++) { // on time
            meter.onPacket(frame, 160L * (frame + schedule.skipped()), now + MS, -1);
            now = schedule.sent(now);
        }
        now += 2_000 * MS; // the generator stalls for 2 s
        for (int i = 0; i < 10; i++, frame++) {
            meter.onPacket(frame, 160L * (frame + schedule.skipped()), now + MS, -1);
            now = Math.max(now, schedule.sent(now));
        }
        assertEquals(20, meter.received());
        assertEquals(1, meter.late()); // only the frame sent at the end of the stall itself
        assertEquals(20, meter.expected());
    }
}
