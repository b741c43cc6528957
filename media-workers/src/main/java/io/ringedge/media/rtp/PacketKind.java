package io.ringedge.media.rtp;

/** What a datagram on a shared media port is, by RFC 7983 §7 (as extended by RFC 5761 §4). */
public enum PacketKind {
    STUN,
    DTLS,
    RTP,
    RTCP,
    /** Its first byte names a protocol, but it is too short to be one. */
    TRUNCATED,
    /** Its first byte is in no range we serve (ZRTP, TURN channels, garbage). */
    UNKNOWN;

    /** Whether the demultiplexer drops it (and counts it). */
    public boolean dropped() {
        return this == TRUNCATED || this == UNKNOWN;
    }
}
