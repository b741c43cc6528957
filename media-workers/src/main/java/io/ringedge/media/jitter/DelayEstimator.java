package io.ringedge.media.jitter;

/**
 * Learns the playout delay the network needs from the last {@value #WINDOW} arrivals. For each
 * packet the transit time is arrival time minus media time (the D of RFC 3550 §6.4.1 before
 * differencing); the fastest transit in the window is the path's base delay, and the slowest
 * transit above it is the jitter to absorb. A peak rather than RFC 3550's smoothed mean because a
 * buffer sized to the mean drops every packet above it.
 */
final class DelayEstimator {
    /** About two seconds of 20 ms packets: long enough to remember a burst, short enough to shrink after one. */
    static final int WINDOW = 100;

    private final long[] transits = new long[WINDOW];
    private int count;
    private int next;
    private long minTransit;
    private long peakJitter;

    void reset() {
        count = 0;
        next = 0;
    }

    /** Records one arrival, both times in milliseconds. */
    void add(long arrivalMs, long mediaMs) {
        transits[next] = arrivalMs - mediaMs;
        next = (next + 1) % WINDOW;
        count = Math.min(count + 1, WINDOW);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, transits[i]);
            max = Math.max(max, transits[i]);
        }
        minTransit = min;
        peakJitter = max - min;
    }

    /** Arrival time minus media time of the fastest packet in the window. */
    long minTransit() {
        return minTransit;
    }

    /** How much later than the fastest packet the slowest one arrived, in ms. */
    long peakJitter() {
        return peakJitter;
    }
}
