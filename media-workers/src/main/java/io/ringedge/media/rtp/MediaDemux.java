package io.ringedge.media.rtp;

/**
 * The first-byte demultiplexer of RFC 7983 §7, for the one port that carries STUN, DTLS and
 * SRTP/SRTCP of a BUNDLE group (RFC 8843):
 *
 * <pre>
 *                  +----------------+
 *                  |        [0..3] -+--> STUN
 *                  |      [16..19] -+--> ZRTP      (dropped: not offered)
 *      packet -->  |      [20..63] -+--> DTLS
 *                  |      [64..79] -+--> TURN      (dropped: no TURN channels here)
 *                  |    [128..191] -+--> RTP/RTCP  (split by RFC 5761 §4: PT 64..95 is RTCP)
 *                  +----------------+
 * </pre>
 *
 * A datagram is also dropped when it is shorter than the smallest valid message of its protocol
 * (STUN header 20, DTLS record header 13, RTCP header plus SSRC 8, RTP fixed header 12), so the
 * nodes after this one can rely on those octets being there.
 */
public final class MediaDemux {
    static final int STUN_MIN = 20;
    static final int DTLS_MIN = 13;
    static final int RTCP_MIN = 8;
    static final int RTP_MIN = RtpHeader.FIXED_LENGTH;

    private MediaDemux() {
    }

    public static PacketKind classify(byte[] buf, int offset, int length) {
        if (buf == null || offset < 0 || length <= 0 || offset + length > buf.length || offset + length < 0) {
            return PacketKind.TRUNCATED;
        }
        int first = buf[offset] & 0xFF;
        if (first <= 3) {
            return length >= STUN_MIN ? PacketKind.STUN : PacketKind.TRUNCATED;
        }
        if (first >= 20 && first <= 63) {
            return length >= DTLS_MIN ? PacketKind.DTLS : PacketKind.TRUNCATED;
        }
        if (first >= 128 && first <= 191) {
            if (length < 2) {
                return PacketKind.TRUNCATED;
            }
            // RFC 5761 §4: RTCP packet types 192..223 are RTP payload types 64..95 with the marker bit.
            int payloadType = buf[offset + 1] & 0x7F;
            if (payloadType >= 64 && payloadType <= 95) {
                return length >= RTCP_MIN ? PacketKind.RTCP : PacketKind.TRUNCATED;
            }
            return length >= RTP_MIN ? PacketKind.RTP : PacketKind.TRUNCATED;
        }
        return PacketKind.UNKNOWN;
    }
}
