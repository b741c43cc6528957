package io.ringedge.bench.media;

/**
 * When a generated call sends its next frame, and where that frame sits on the RTP timeline. Frames
 * go out every period on the call's own grid; a timer that ran late catches up by sending at once,
 * but after a stall of more than {@code maxBehind} periods the missed frames are skipped rather
 * than burst out. A skipped frame's time still passes on the RTP timeline (RFC 3550 §5.1: the
 * timestamp follows the sampling instant), so the next frame's timestamp jumps by the skipped
 * frames while its sequence number goes on by one (nothing was sent, so nothing was lost). Before,
 * the timestamp went on by one frame: every later frame of the call then looked that much later
 * than its stream's best transit, and one stall during a ramp made a call's every frame "late"
 * for the rest of the run, with the worker's latency still a millisecond. One thread writes.
 */
final class FrameSchedule {
    private final long period;
    private final long maxBehind;
    private long due;
    /** Read by the benchmark's counters on another thread. */
    private volatile long skipped;

    FrameSchedule(long firstDueNanos, long periodNanos, int maxBehindPeriods) {
        this.period = periodNanos;
        this.maxBehind = maxBehindPeriods * periodNanos;
        this.due = firstDueNanos;
    }

    /** The instant the next frame is due. */
    long due() {
        return due;
    }

    /** Frames skipped so far: add to a frame's count to place it on the RTP timeline. */
    long skipped() {
        return skipped;
    }

    /** The frame due at {@link #due()} went out at {@code nowNanos}; returns when the next is due. */
    long sent(long nowNanos) {
        due += period;
        long behind = nowNanos - due;
        if (behind > maxBehind) {
            long frames = behind / period;
            due += frames * period;
            skipped += frames;
        }
        return due;
    }
}
