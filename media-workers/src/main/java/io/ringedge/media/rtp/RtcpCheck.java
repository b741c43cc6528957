package io.ringedge.media.rtp;

/** Verdict on an RTCP compound packet (RFC 3550 §6.1, Appendix A.2); all but VALID are dropped and counted. */
public enum RtcpCheck {
    VALID,
    /** Shorter than one 4-octet RTCP header, or outside the buffer. */
    TRUNCATED,
    /** A packet whose version is not 2. */
    BAD_VERSION,
    /** A packet type outside the RTCP range 192..223 (RFC 5761 §4). */
    NOT_RTCP,
    /** Packet lengths that overrun the datagram or do not add up to it. */
    BAD_LENGTH,
    /** Padding on a packet that is not the last, or a padding count that does not fit. */
    BAD_PADDING
}
