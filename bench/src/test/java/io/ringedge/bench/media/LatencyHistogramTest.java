package io.ringedge.bench.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ringedge.bench.Percentiles;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void bucketsAreFineUpTo20MsThenCoarseAndCapped() {
        assertEquals(0, LatencyHistogram.bucket(0));
        assertEquals(0, LatencyHistogram.bucket(9_999));
        assertEquals(1, LatencyHistogram.bucket(10_000));
        assertEquals(1_999, LatencyHistogram.bucket(19_999_999));
        assertEquals(2_000, LatencyHistogram.bucket(20_000_000));
        assertEquals(2_001, LatencyHistogram.bucket(21_000_000));
        assertEquals(3_979, LatencyHistogram.bucket(3_600_000_000_000L), "an hour lands in the last bucket");
        assertEquals(0.01, LatencyHistogram.upperMillis(0), 1e-12);
        assertEquals(21.0, LatencyHistogram.upperMillis(2_000), 1e-12);
    }

    @Test
    void percentilesOfAWindowIgnoreWhatCameBefore() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(50_000_000); // before the window
        long[] before = h.snapshot();
        for (int i = 1; i <= 1000; i++) {
            h.record(i * 1_000L); // 1..1000 µs
        }
        Percentiles p = LatencyHistogram.between(before, h.snapshot());
        assertEquals(1000, p.count());
        assertEquals(0.51, p.p50(), 1e-9, "nearest rank 500 is 500 µs: bucket 500-510 µs, reported at its top");
        assertEquals(0.99, p.p99(), 0.011);
        assertEquals(1.01, p.max(), 1e-9);
        assertSame(Percentiles.NONE, LatencyHistogram.between(before, before));
    }
}
