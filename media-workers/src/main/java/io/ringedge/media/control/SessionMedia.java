package io.ringedge.media.control;

import io.ringedge.media.sdp.AgreedMedia;
import io.ringedge.media.sdp.WebRtcTransport;

import java.net.InetSocketAddress;

/**
 * The media resources of one session, from its creation to its deletion: the sockets of both
 * legs and what the offer advertises for them. This is the seam where the ICE/DTLS transport and
 * the media pipeline plug in ({@link #apply} hands them what both legs agreed).
 */
public interface SessionMedia extends AutoCloseable {

    /** Our device-facing transport: port, ICE credentials and candidates, DTLS fingerprint. */
    WebRtcTransport deviceTransport();

    /** Our PBX-facing RTP address as the PBX must see it (RTCP is on the next port, RFC 3550 §11). */
    InetSocketAddress pbxRtpAddress();

    /**
     * Starts carrying media as both legs agreed. Never throws for what the answer said: a failure
     * shows in {@link #status()}.
     */
    void apply(AgreedMedia agreed);

    /**
     * Carries on with what a mid-call offer/answer changed (after {@link #apply}): gates each
     * direction, restarts ICE, re-latches toward the PBX. Never throws for what the SDP said.
     */
    void update(MediaUpdate update);

    /** State, failure and live counters; callable from any thread. */
    MediaStatus status();

    /** {@code <cause>: <detail>} once the session failed, else null; cheap enough to poll often. */
    default String failure() {
        return status().failure();
    }

    /** Stops the media and releases the sockets. Idempotent. */
    @Override
    void close();
}
