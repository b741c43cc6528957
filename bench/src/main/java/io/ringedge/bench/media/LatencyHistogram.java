package io.ringedge.bench.media;

import io.ringedge.bench.Percentiles;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latency samples from many receiving threads, counted into fixed buckets so a run of millions of
 * packets costs one atomic increment each and no memory growth: 10 µs buckets up to 20 ms, then
 * 1 ms buckets up to 2 s (anything longer lands in the last). Percentiles of a window are taken
 * from the difference of two {@link #snapshot}s.
 */
final class LatencyHistogram {
    private static final int FINE_BUCKETS = 2_000;
    private static final long FINE_NANOS = 10_000;
    private static final int COARSE_BUCKETS = 1_980;
    private static final long COARSE_NANOS = 1_000_000;
    private static final int BUCKETS = FINE_BUCKETS + COARSE_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        counts.incrementAndGet(bucket(Math.max(0, nanos)));
    }

    static int bucket(long nanos) {
        if (nanos < FINE_BUCKETS * FINE_NANOS) {
            return (int) (nanos / FINE_NANOS);
        }
        long coarse = (nanos - FINE_BUCKETS * FINE_NANOS) / COARSE_NANOS;
        return (int) Math.min(BUCKETS - 1, FINE_BUCKETS + coarse);
    }

    /** The upper edge of a bucket, in milliseconds: a percentile is reported as at most this. */
    static double upperMillis(int bucket) {
        long nanos = bucket < FINE_BUCKETS ? (bucket + 1) * FINE_NANOS
                : FINE_BUCKETS * FINE_NANOS + (bucket - FINE_BUCKETS + 1) * COARSE_NANOS;
        return nanos / 1e6;
    }

    long[] snapshot() {
        long[] copy = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
        }
        return copy;
    }

    /** Nearest-rank p50, p99 and max of the samples between two snapshots, to bucket resolution. */
    static Percentiles between(long[] before, long[] after) {
        long total = 0;
        long[] window = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            window[i] = after[i] - before[i];
            total += window[i];
        }
        if (total == 0) {
            return Percentiles.NONE;
        }
        int max = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (window[i] > 0) {
                max = i;
            }
        }
        return new Percentiles((int) Math.min(Integer.MAX_VALUE, total), upperMillis(rank(window, total, 50)),
                upperMillis(rank(window, total, 99)), upperMillis(max));
    }

    private static int rank(long[] window, long total, double p) {
        long rank = Math.max(1, (long) Math.ceil(p / 100 * total));
        long seen = 0;
        for (int i = 0; i < window.length; i++) {
            seen += window[i];
            if (seen >= rank) {
                return i;
            }
        }
        return window.length - 1;
    }
}
