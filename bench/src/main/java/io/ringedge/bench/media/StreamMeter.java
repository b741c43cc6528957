package io.ringedge.bench.media;

/**
 * What arrives of one RTP stream out of the worker: packets, and frames late by more than the
 * threshold. A frame's lateness is its transit time (arrival minus its RTP timestamp on the
 * media clock) over the smallest transit seen on the stream: the delay variation of RFC 3550
 * §6.4.1's jitter, taken per frame rather than smoothed. The worker sends every frame on a 20 ms
 * clock, so a frame more than 20 ms behind the stream's best is one a listener's jitter buffer
 * would have had to wait for. Frames that never came are counted from gaps in the sequence
 * numbers (RFC 3550 A.3's expected minus received), not from the clock, because an Opus encoder in
 * DTX rightly sends nothing in silence. Optionally each packet's send time, which the generator wrote into
 * the payload in pass-through, gives the latency through the worker. One receiving thread writes;
 * the benchmark reads counters as they stand (monotonic, so differences make windows).
 */
final class StreamMeter {
    private final int clockRate;
    private final long lateNanos;
    private final LatencyHistogram latency;
    private boolean started;
    private long lastTimestamp;
    private long extendedTimestamp;
    private long minTransit = Long.MAX_VALUE;
    private int firstSequence;
    private int lastSequence;
    private long sequenceCycles;
    private volatile long expected;
    private volatile long received;
    private volatile long late;

    /** @param latency where pass-through latencies go; null when payloads carry no send time */
    StreamMeter(int clockRate, long lateNanos, LatencyHistogram latency) {
        this.clockRate = clockRate;
        this.lateNanos = lateNanos;
        this.latency = latency;
    }

    /** A packet with RTP sequence number and timestamp {@code timestamp} arrived at {@code nowNanos}; {@code sentNanos} is -1 if unknown. */
    void onPacket(int sequence, long timestamp, long nowNanos, long sentNanos) {
        if (!started) {
            started = true;
            lastTimestamp = timestamp;
            extendedTimestamp = timestamp;
            firstSequence = sequence;
            lastSequence = sequence;
        } else {
            // 32-bit timestamps wrap; the signed difference keeps a reordered packet behind
            extendedTimestamp += (int) (timestamp - lastTimestamp);
            lastTimestamp = timestamp;
            if ((short) (sequence - lastSequence) > 0) {
                if (sequence < lastSequence) {
                    sequenceCycles += 1 << 16;
                }
                lastSequence = sequence;
            }
        }
        expected = sequenceCycles + lastSequence - firstSequence + 1;
        long transit = nowNanos - extendedTimestamp * 1_000_000_000L / clockRate;
        if (transit < minTransit) {
            minTransit = transit;
        }
        long lateness = transit - minTransit;
        received++;
        if (lateness > lateNanos) {
            late++;
        }
        if (sentNanos >= 0 && latency != null) {
            latency.record(nowNanos - sentNanos);
        }
    }

    long received() {
        return received;
    }

    long late() {
        return late;
    }

    /** Frames the worker sent on the stream so far, by sequence number. */
    long expected() {
        return expected;
    }
}
