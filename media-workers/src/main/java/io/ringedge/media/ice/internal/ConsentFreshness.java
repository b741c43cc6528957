package io.ringedge.media.ice.internal;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * RFC 7675 consent for the selected pair: a Binding request every interval, randomised to
 * 0.8..1.2 times it (§5.1, so that sessions started together do not check in lock-step); consent
 * holds while authenticated answers keep coming, and is lost after {@code timeout} without one.
 * Remembers the last few transaction ids so only answers to our own checks count.
 */
public final class ConsentFreshness {
    private static final int REMEMBERED = 8;

    private final long intervalNanos;
    private final long timeoutNanos;
    private final RandomGenerator random;
    private final byte[][] outstanding = new byte[REMEMBERED][];
    private int nextSlot;
    private long lastConsentNanos;
    private long nextCheckNanos;

    public ConsentFreshness(long intervalNanos, long timeoutNanos, RandomGenerator random) {
        this.intervalNanos = intervalNanos;
        this.timeoutNanos = timeoutNanos;
        this.random = random;
    }

    /** Consent is granted by the check that validated the pair just selected. */
    public void granted(long now) {
        lastConsentNanos = now;
        nextCheckNanos = now + jittered();
    }

    public boolean due(long now) {
        return now - nextCheckNanos >= 0;
    }

    public void sent(byte[] transactionId, long now) {
        outstanding[nextSlot] = transactionId;
        nextSlot = (nextSlot + 1) % REMEMBERED;
        nextCheckNanos = now + jittered();
    }

    /** Whether {@code transactionId} was one of our consent checks; if so, consent is refreshed. */
    public boolean answered(byte[] transactionId, long now) {
        for (int i = 0; i < REMEMBERED; i++) {
            if (outstanding[i] != null && Arrays.equals(outstanding[i], transactionId)) {
                outstanding[i] = null;
                lastConsentNanos = now;
                return true;
            }
        }
        return false;
    }

    public boolean expired(long now) {
        return now - lastConsentNanos >= timeoutNanos;
    }

    public long silenceNanos(long now) {
        return now - lastConsentNanos;
    }

    public long nextDeadline() {
        return Math.min(nextCheckNanos, lastConsentNanos + timeoutNanos);
    }

    private long jittered() {
        return (long) (intervalNanos * (0.8 + 0.4 * random.nextDouble()));
    }
}
