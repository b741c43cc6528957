package io.ringedge.media.dtls;

/** Why a DTLS-SRTP handshake did not give us SRTP keys. */
public enum DtlsFailure {
    /** The peer's certificate does not hash to its SDP {@code a=fingerprint} (RFC 8122 §5), or it sent none. */
    FINGERPRINT_MISMATCH,
    /** No SRTP protection profile in common, or the peer ignored {@code use_srtp} (RFC 5764 §4.1.1). */
    NO_COMMON_SRTP_PROFILE,
    /** The peer sent a fatal alert. */
    ALERT_RECEIVED,
    /** The handshake did not finish in the configured time (lost flights, silent peer). */
    TIMEOUT,
    /** Anything else the DTLS stack refused (bad messages, unsupported versions or suites). */
    PROTOCOL_ERROR,
    /** {@link DtlsEndpoint#close()} before the handshake finished. */
    CLOSED
}
