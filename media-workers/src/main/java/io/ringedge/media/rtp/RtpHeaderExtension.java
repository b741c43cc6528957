package io.ringedge.media.rtp;

/**
 * Finds an element in the RFC 8285 header extension of a checked RTP packet (e.g. the MID that
 * BUNDLE routes on, RFC 8843 §15.2, or the audio level of RFC 6464), without allocating: the
 * result packs value offset and length into a long, {@link #NOT_FOUND} when absent or malformed.
 */
public final class RtpHeaderExtension {
    public static final long NOT_FOUND = -1;
    /** §4.2: "defined by profile" value of the one-byte header form. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** §4.3: two-byte header form, the low 4 bits being application bits. */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    private RtpHeaderExtension() {
    }

    /**
     * Looks for element {@code id} in the packet at {@code offset}, which {@link RtpHeader#check}
     * or {@link RtpHeader#checkHeader} accepted.
     */
    public static long find(byte[] buf, int offset, int id) {
        if (!RtpHeader.hasExtension(buf, offset)) {
            return NOT_FOUND;
        }
        int extensionAt = offset + RtpHeader.FIXED_LENGTH + 4 * RtpHeader.csrcCount(buf, offset);
        int profile = RtpHeader.readUnsignedShort(buf, extensionAt);
        int at = extensionAt + 4;
        int end = at + 4 * RtpHeader.readUnsignedShort(buf, extensionAt + 2);
        if (profile == ONE_BYTE_PROFILE) {
            return findOneByte(buf, at, end, id);
        }
        if ((profile & 0xFFF0) == TWO_BYTE_PROFILE) {
            return findTwoByte(buf, at, end, id);
        }
        return NOT_FOUND;
    }

    public static int valueOffset(long found) {
        return (int) (found >>> 16);
    }

    public static int valueLength(long found) {
        return (int) (found & 0xFFFF);
    }

    /** §4.2: ID in the high nibble, length - 1 in the low; ID 0 is padding, ID 15 ends parsing. */
    private static long findOneByte(byte[] buf, int at, int end, int id) {
        while (at < end) {
            int elementId = (buf[at] & 0xF0) >>> 4;
            if (elementId == 0) {
                at++;
                continue;
            }
            if (elementId == 15) {
                return NOT_FOUND;
            }
            int length = (buf[at] & 0x0F) + 1;
            if (at + 1 + length > end) {
                return NOT_FOUND;
            }
            if (elementId == id) {
                return pack(at + 1, length);
            }
            at += 1 + length;
        }
        return NOT_FOUND;
    }

    /** §4.3: one octet ID, one octet length; ID 0 is a padding octet. */
    private static long findTwoByte(byte[] buf, int at, int end, int id) {
        while (at < end) {
            int elementId = buf[at] & 0xFF;
            if (elementId == 0) {
                at++;
                continue;
            }
            if (at + 2 > end) {
                return NOT_FOUND;
            }
            int length = buf[at + 1] & 0xFF;
            if (at + 2 + length > end) {
                return NOT_FOUND;
            }
            if (elementId == id) {
                return pack(at + 2, length);
            }
            at += 2 + length;
        }
        return NOT_FOUND;
    }

    private static long pack(int valueOffset, int length) {
        return ((long) valueOffset << 16) | length;
    }
}
