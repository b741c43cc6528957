package io.ringedge.media.srtp.internal;

/**
 * The sliding replay list of RFC 3711 §3.3.2: the highest index authenticated so far and a
 * {@value #SIZE}-bit map of the indices at and below it. The RFC's minimum is 64; 128 is libsrtp's
 * default (the browser's side), and at 50 packets/s it absorbs 2.5 s of reordering.
 *
 * <p>{@link #isFresh} is asked before authentication, {@link #accept} only after it succeeded,
 * so forged packets cannot move the window.
 */
public final class ReplayWindow {
    public static final int SIZE = 128;

    private long highest = -1;
    /** Bit a set: index {@code highest - a} was accepted, for ages 0..63. */
    private long recent;
    /** The same for ages 64..127 (bit a - 64). */
    private long older;

    /** Whether {@code index} has not been accepted and is not older than the window. */
    public boolean isFresh(long index) {
        if (index > highest) {
            return true;
        }
        long age = highest - index;
        if (index < 0 || age >= SIZE) {
            return false;
        }
        return age < 64 ? (recent & (1L << age)) == 0 : (older & (1L << (age - 64))) == 0;
    }

    public void accept(long index) {
        if (index > highest) {
            long shift = index - highest;
            if (shift >= SIZE) {
                older = 0;
                recent = 1L;
            } else if (shift >= 64) {
                older = recent << (shift - 64);
                recent = 1L;
            } else {
                // Java masks shift counts, so 1..63 keeps both shifts well-defined.
                older = (older << shift) | (recent >>> (64 - shift));
                recent = (recent << shift) | 1L;
            }
            highest = index;
        } else {
            long age = highest - index;
            if (age < 64) {
                recent |= 1L << age;
            } else if (age < SIZE) {
                older |= 1L << (age - 64);
            }
        }
    }

    public long highest() {
        return highest;
    }
}
