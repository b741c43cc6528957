package io.ringedge.media.rtp;

/**
 * Validates and walks an RTCP compound packet (RFC 3550 §6.1) in a caller-owned buffer. A reusable
 * cursor: {@link #reset} checks the whole datagram once, then {@link #next} steps through its
 * packets, with no allocation.
 *
 * <p>Unlike Appendix A.2, the first packet need not be SR or RR: WebRTC negotiates reduced-size
 * RTCP (RFC 5506 §3.1, {@code a=rtcp-rsize}), where a lone feedback packet is legal.
 */
public final class RtcpCompound {
    public static final int HEADER = 4;
    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** RFC 4585 §6.1: transport-layer feedback (NACK). */
    public static final int RTPFB = 205;
    /** RFC 4585 §6.1: payload-specific feedback (PLI, FIR). */
    public static final int PSFB = 206;
    /** RFC 3611: extended reports. */
    public static final int XR = 207;

    private byte[] buf;
    private int end;
    private int next;
    private int at = -1;
    private int length;

    /** Checks the compound packet in {@code buf[offset, offset + length)} and positions before its first packet. */
    public RtcpCheck reset(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.at = -1;
        this.next = offset;
        this.end = offset;
        RtcpCheck check = check(buf, offset, length);
        if (check == RtcpCheck.VALID) {
            this.end = offset + length;
        }
        return check;
    }

    /** Moves to the next packet; false at the end (or if {@link #reset} did not return VALID). */
    public boolean next() {
        if (next >= end) {
            return false;
        }
        at = next;
        length = 4 * (RtpHeader.readUnsignedShort(buf, at + 2) + 1);
        next = at + length;
        return true;
    }

    public int packetType() {
        return buf[at + 1] & 0xFF;
    }

    /** The 5-bit count field: report blocks (SR, RR), chunks (SDES), sources (BYE), or FMT (feedback). */
    public int count() {
        return buf[at] & 0x1F;
    }

    public int packetOffset() {
        return at;
    }

    /** Length of the current packet in octets, padding included. */
    public int packetLength() {
        return length;
    }

    /** The SSRC after the header (sender of SR/RR/feedback, first source of SDES/BYE); 0 if absent. */
    public int ssrc() {
        return length >= 8 ? RtpHeader.readInt(buf, at + 4) : 0;
    }

    static RtcpCheck check(byte[] buf, int offset, int length) {
        if (buf == null || offset < 0 || length < HEADER || offset + length > buf.length || offset + length < 0) {
            return RtcpCheck.TRUNCATED;
        }
        int end = offset + length;
        int at = offset;
        while (at < end) {
            if (at + HEADER > end) {
                return RtcpCheck.BAD_LENGTH;
            }
            if ((buf[at] & 0xC0) != 0x80) {
                return RtcpCheck.BAD_VERSION;
            }
            int type = buf[at + 1] & 0xFF;
            if (type < 192 || type > 223) {
                return RtcpCheck.NOT_RTCP;
            }
            int packetLength = 4 * (RtpHeader.readUnsignedShort(buf, at + 2) + 1);
            if (at + packetLength > end) {
                return RtcpCheck.BAD_LENGTH;
            }
            if ((buf[at] & 0x20) != 0) {
                // §6.4.1: only the last packet of a compound may be padded.
                int padding = buf[at + packetLength - 1] & 0xFF;
                if (at + packetLength != end || padding == 0 || padding > packetLength - HEADER) {
                    return RtcpCheck.BAD_PADDING;
                }
            }
            at += packetLength;
        }
        return RtcpCheck.VALID;
    }
}
