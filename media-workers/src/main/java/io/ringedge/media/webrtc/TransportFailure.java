package io.ringedge.media.webrtc;

/** Why a WebRTC transport stopped carrying media; the session ends the call with it as the cause. */
public enum TransportFailure {
    /** ICE found no working pair in time (RFC 8445 §8.1: the check list failed). */
    ICE_FAILED,
    /** The DTLS handshake failed (fingerprint mismatch, no common SRTP profile, timeout...). */
    DTLS_FAILED,
    /** The peer ended DTLS (close_notify or a fatal alert) after the handshake. */
    DTLS_CLOSED,
    /** The socket failed under us. */
    SOCKET_ERROR,
    /**
     * The session's media code threw on the transport's media loop (a bug, or a codec library's
     * assertion). The transport stops, so the call ends now with this cause rather than lingering
     * without consent until a media timeout names the wrong leg; the loop serves its other
     * sessions on.
     */
    INTERNAL_ERROR
}
