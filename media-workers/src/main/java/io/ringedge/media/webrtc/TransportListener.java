package io.ringedge.media.webrtc;

import io.ringedge.media.rtp.PacketKind;

/**
 * The session's side of a transport. {@code onMedia} runs on the transport's thread with a buffer
 * the transport reuses for the next packet: copy what must outlive the call, and do not block.
 * Events arrive one at a time, on the transport thread or the DTLS handshake thread.
 */
public interface TransportListener {
    /** A decrypted RTP ({@link PacketKind#RTP}) or RTCP ({@link PacketKind#RTCP}) packet. */
    void onMedia(byte[] buf, int offset, int length, PacketKind kind);

    void onEvent(TransportEvent event);

    /**
     * Whether {@link #onMediaClock} should run: a transcoding call produces a frame every 20 ms
     * whether packets arrive or not, and its decoder belongs to this thread. Asked once, when the
     * transport thread starts.
     */
    default boolean wantsMediaClock() {
        return false;
    }

    /**
     * Every {@link WebRtcTransport#MEDIA_CLOCK_MS} ms on the transport thread, if wanted, with the
     * tick's nominal instant on the clock's grid; a jump of more than one period means ticks were
     * skipped after a stall.
     */
    default void onMediaClock(long tickMs) {
    }

    /**
     * On the transport thread after every wake-up: each packet, each timer, and at least every
     * 50 ms. For work the session times itself on this thread, such as its RTCP reports; it must
     * be cheap when there is nothing to do.
     */
    default void onTransportTick(long nowNanos) {
    }
}
