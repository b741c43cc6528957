package io.ringedge.bench.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringedge.bench.Percentiles;
import org.junit.jupiter.api.Test;

class StreamMeterTest {
    private static final long MS = 1_000_000;

    @Test
    void aFrameIsLateWhenItsTransitExceedsTheBestByMoreThanTheThreshold() {
        StreamMeter meter = new StreamMeter(8000, 20 * MS, null);
        long base = 5_000 * MS;
        meter.onPacket(0, 0, base + 3 * MS, -1);        // transit 3 ms
        meter.onPacket(1, 160, base + 20 * MS + 1 * MS, -1); // 1 ms: the new best
        meter.onPacket(2, 320, base + 40 * MS + 21 * MS, -1); // 21 ms: exactly 20 over the best, not late
        meter.onPacket(3, 480, base + 60 * MS + 22 * MS, -1); // 22 ms: late
        assertEquals(4, meter.received());
        assertEquals(1, meter.late());
        assertEquals(4, meter.expected());
    }

    @Test
    void sequenceGapsAreMissingFramesButDtxSilenceIsNot() {
        StreamMeter meter = new StreamMeter(48_000, 20 * MS, null);
        meter.onPacket(100, 0, 0, -1);
        meter.onPacket(101, 960, 20 * MS, -1);
        meter.onPacket(102, 960 * 50, 980 * MS, -1); // DTX: a second of silence sent as nothing
        meter.onPacket(105, 960 * 53, 1040 * MS, -1); // 103 and 104 lost
        meter.onPacket(104, 960 * 52, 1041 * MS, -1); // 104 after all, reordered and late
        assertEquals(6, meter.expected());
        assertEquals(5, meter.received());
        assertEquals(1, meter.late());
    }

    @Test
    void timestampsWrapAroundWithoutLookingLate() {
        StreamMeter meter = new StreamMeter(48_000, 20 * MS, null);
        long ts = 0xFFFF_FFFFL - 960 * 2 + 1;
        long now = 1_000 * MS;
        for (int i = 0; i < 10; i++) {
            meter.onPacket((65_530 + i) & 0xFFFF, ts & 0xFFFF_FFFFL, now, -1);
            ts += 960;
            now += 20 * MS;
        }
        assertEquals(10, meter.received());
        assertEquals(0, meter.late());
        assertEquals(10, meter.expected(), "sequence numbers wrap too");
    }

    @Test
    void stampedSendTimesGoToTheLatencyHistogram() {
        LatencyHistogram histogram = new LatencyHistogram();
        long[] before = histogram.snapshot();
        StreamMeter meter = new StreamMeter(8000, 20 * MS, histogram);
        for (int i = 0; i < 100; i++) {
            long sent = i * 20 * MS;
            meter.onPacket(i, 160L * i, sent + (i == 99 ? 5 * MS : 300_000), sent);
        }
        Percentiles p = LatencyHistogram.between(before, histogram.snapshot());
        assertEquals(100, p.count());
        assertEquals(0.31, p.p50(), 1e-9, "300 µs lands in the 300-310 µs bucket, reported at its top");
        assertEquals(0.31, p.p99(), 1e-9);
        assertEquals(5.01, p.max(), 1e-9);
    }

    @Test
    void stampRoundTripsAndUnstampedPayloadsCarryNone() {
        byte[] buf = new byte[172];
        BenchFrames.stamp(buf, 12, 123_456_789_012L);
        assertEquals(123_456_789_012L, BenchFrames.stampAt(buf, 12, 160));
        assertEquals(-1, BenchFrames.stampAt(new byte[172], 12, 160));
        assertEquals(-1, BenchFrames.stampAt(buf, 12, 11));
    }
}
