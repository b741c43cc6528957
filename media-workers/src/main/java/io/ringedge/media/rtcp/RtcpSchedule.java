package io.ringedge.media.rtcp;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When one leg sends its next RTCP report, after RFC 3550 §6.2 and §6.3.1 (the {@code rtcp_interval}
 * of Appendix A.7). Our legs are two-party: two members, and the session's RTCP bandwidth (5 % of
 * an audio stream's 64-80 kbit/s, §6.2) carries a ~100-octet compound every 0.2 s or so, far below
 * the minimum. So the deterministic interval is the minimum {@code Tmin} (halved before the first
 * report, §6.2), and the actual one is it times a random factor in [0.5, 1.5], divided by
 * e − 3/2 to compensate the timer reconsideration of §6.3.3 (A.7). Reconsideration itself changes
 * nothing with two members, so it is not done. One thread.
 */
public final class RtcpSchedule {
    /** e − 3/2: A.7's COMPENSATION. */
    private static final double COMPENSATION = Math.E - 1.5;

    private final long minimumNanos;
    private final RandomGenerator random;
    private long dueNanos;

    /** The first report is due {@code Tmin / 2} (randomised) after {@code nowNanos}. */
    public RtcpSchedule(Duration minimum, RandomGenerator random, long nowNanos) {
        if (minimum.isNegative() || minimum.isZero()) {
            throw new IllegalArgumentException("the minimum RTCP interval must be positive, was " + minimum);
        }
        this.minimumNanos = minimum.toNanos();
        this.random = random;
        this.dueNanos = nowNanos + interval(minimumNanos / 2);
    }

    /** Whether a report is due at {@code nowNanos}; if so, the next one is scheduled from now. */
    public boolean due(long nowNanos) {
        if (nowNanos - dueNanos < 0) {
            return false;
        }
        dueNanos = nowNanos + interval(minimumNanos);
        return true;
    }

    /** Nanoseconds until the next report (0 when overdue), for a thread that sleeps until then. */
    public long nanosUntilDue(long nowNanos) {
        return Math.max(0, dueNanos - nowNanos);
    }

    private long interval(long deterministic) {
        return (long) (deterministic * (0.5 + random.nextDouble()) / COMPENSATION);
    }
}
