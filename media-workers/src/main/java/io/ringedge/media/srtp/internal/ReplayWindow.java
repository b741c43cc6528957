package io.ringedge.media.srtp.internal;

/**
 * The sliding replay list of RFC 3711 §3.3.2: the highest index authenticated so far and a bitmap
 * of the {@value #SIZE} indices at and below it. 64 is the minimum the RFC allows (and libsrtp's
 * SRTCP size); at 50 packets/s it tolerates 1.28 s of reordering, far beyond any jitter buffer.
 *
 * <p>{@link #isFresh} is asked before authentication, {@link #accept} only after it succeeded,
 * so forged packets cannot move the window.
 */
public final class ReplayWindow {
    public static final int SIZE = 64;

    private long highest = -1;
    private long seen;

    /** Whether {@code index} has not been accepted and is not older than the window. */
    public boolean isFresh(long index) {
        if (index > highest) {
            return true;
        }
        long age = highest - index;
        return index >= 0 && age < SIZE && (seen & (1L << age)) == 0;
    }

    public void accept(long index) {
        if (index > highest) {
            long shift = index - highest;
            seen = shift >= SIZE ? 1L : (seen << shift) | 1L;
            highest = index;
        } else {
            seen |= 1L << (highest - index);
        }
    }

    public long highest() {
        return highest;
    }
}
