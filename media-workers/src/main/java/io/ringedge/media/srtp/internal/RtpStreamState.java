package io.ringedge.media.srtp.internal;

/**
 * Per-SSRC SRTP state (RFC 3711 §3.2.1, §3.3.1): rollover counter, highest sequence number
 * s_l, and the replay window. Created from the first authenticated packet, whose sequence number
 * initialises s_l with a ROC of 0.
 */
public final class RtpStreamState {
    private static final int HALF = 1 << 15;

    private int roc;
    private int highestSequence;
    private final ReplayWindow replay = new ReplayWindow();

    public RtpStreamState(int firstSequence) {
        this.highestSequence = firstSequence;
    }

    /**
     * The 48-bit packet index i = 2^16 * v + SEQ, with v guessed from s_l and ROC as in
     * Appendix A: a sequence number far behind s_l is from the next roll, one far ahead of it from
     * the previous. Negative when the guess is a roll before the first (the packet predates the
     * stream as seen here).
     */
    public long estimateIndex(int sequence) {
        long v = roc;
        if (highestSequence < HALF) {
            if (sequence - highestSequence > HALF) {
                v = roc - 1L;
            }
        } else if (highestSequence - HALF > sequence) {
            v = roc + 1L;
        }
        return v < 0 ? -1 : (v << 16) | sequence;
    }

    /** Whether {@code index} passes the replay check (§3.3.2). */
    public boolean isFresh(long index) {
        return replay.isFresh(index);
    }

    /** Records an authenticated (or, when sending, protected) index: §3.3.1 update of ROC and s_l. */
    public void accept(long index) {
        int v = (int) (index >>> 16);
        int sequence = (int) (index & 0xFFFF);
        if (v == roc + 1) {
            roc = v;
            highestSequence = sequence;
        } else if (v == roc && sequence > highestSequence) {
            highestSequence = sequence;
        }
        replay.accept(index);
    }

    public int rolloverCounter() {
        return roc;
    }

    public int highestSequence() {
        return highestSequence;
    }
}
