package io.ringedge.media.srtp.internal;

/**
 * Per-SSRC SRTCP state (RFC 3711 §3.4, §3.3.2): the 31-bit index a sender puts on its next packet,
 * and the replay window a receiver keeps over the indices it authenticated.
 */
public final class RtcpStreamState {
    private static final int INDEX_MASK = 0x7FFF_FFFF;

    private int nextIndex;
    private final ReplayWindow replay = new ReplayWindow();

    /** Takes the index for the next protected packet. It wraps after 2^31 packets, by when a
     * session must have been re-keyed (§3.4); at 5 RTCP packets/s that is 13 years. */
    public int takeIndex() {
        int index = nextIndex;
        nextIndex = (nextIndex + 1) & INDEX_MASK;
        return index;
    }

    public boolean isFresh(int index) {
        return replay.isFresh(index);
    }

    public void accept(int index) {
        replay.accept(index);
    }
}
