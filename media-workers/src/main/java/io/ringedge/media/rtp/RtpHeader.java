package io.ringedge.media.rtp;

/**
 * Reads the fixed RTP header of RFC 3550 §5.1 in place, from a caller-owned buffer: no copies, no
 * allocation, so every packet on the media path can be inspected.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The accessors assume {@link #check} accepted the packet; {@link #check} never reads beyond
 * {@code length}.
 */
public final class RtpHeader {
    /** Fixed part of the header, RFC 3550 §5.1. */
    public static final int FIXED_LENGTH = 12;
    public static final int VERSION = 2;

    private RtpHeader() {
    }

    /**
     * Validates the header structure (RFC 3550 §5.1, §5.3.1, and the padding rule of §5.1) and
     * returns its verdict; {@link RtpCheck#VALID} means {@link #headerLength} and the accessors are
     * safe to use on this packet.
     */
    public static RtpCheck check(byte[] buf, int offset, int length) {
        return check(buf, offset, length, true);
    }

    /**
     * Like {@link #check} but ignores the padding octet: in an SRTP packet (RFC 3711 §3.1) the
     * padding is encrypted and the authentication tag follows it, so only the header can be checked
     * before the packet is authenticated.
     */
    public static RtpCheck checkHeader(byte[] buf, int offset, int length) {
        return check(buf, offset, length, false);
    }

    private static RtpCheck check(byte[] buf, int offset, int length, boolean checkPadding) {
        if (offset < 0 || length < 0 || offset + length > buf.length || length < FIXED_LENGTH) {
            return RtpCheck.TRUNCATED;
        }
        if (version(buf, offset) != VERSION) {
            return RtpCheck.BAD_VERSION;
        }
        int csrcEnd = FIXED_LENGTH + 4 * csrcCount(buf, offset);
        if (csrcEnd > length) {
            return RtpCheck.CSRC_TRUNCATED;
        }
        int headerEnd = csrcEnd;
        if (hasExtension(buf, offset)) {
            // §5.3.1: 16-bit profile-defined field, then the extension length in 32-bit words.
            if (csrcEnd + 4 > length) {
                return RtpCheck.EXTENSION_TRUNCATED;
            }
            headerEnd = csrcEnd + 4 + 4 * readUnsignedShort(buf, offset + csrcEnd + 2);
            if (headerEnd > length) {
                return RtpCheck.EXTENSION_TRUNCATED;
            }
        }
        if (checkPadding && hasPadding(buf, offset)) {
            // §5.1: the last octet counts the padding, itself included; it must fit the payload.
            int padding = buf[offset + length - 1] & 0xFF;
            if (padding == 0 || headerEnd + padding > length) {
                return RtpCheck.BAD_PADDING;
            }
        }
        return RtpCheck.VALID;
    }

    /** Length of fixed header, CSRC list and header extension; only for a {@link RtpCheck#VALID} packet. */
    public static int headerLength(byte[] buf, int offset) {
        int length = FIXED_LENGTH + 4 * csrcCount(buf, offset);
        if (hasExtension(buf, offset)) {
            length += 4 + 4 * readUnsignedShort(buf, offset + length + 2);
        }
        return length;
    }

    /** Payload length, without header and padding; only for a {@link RtpCheck#VALID} packet. */
    public static int payloadLength(byte[] buf, int offset, int length) {
        int padding = hasPadding(buf, offset) ? buf[offset + length - 1] & 0xFF : 0;
        return length - headerLength(buf, offset) - padding;
    }

    public static int version(byte[] buf, int offset) {
        return (buf[offset] & 0xC0) >>> 6;
    }

    public static boolean hasPadding(byte[] buf, int offset) {
        return (buf[offset] & 0x20) != 0;
    }

    public static boolean hasExtension(byte[] buf, int offset) {
        return (buf[offset] & 0x10) != 0;
    }

    public static int csrcCount(byte[] buf, int offset) {
        return buf[offset] & 0x0F;
    }

    public static boolean marker(byte[] buf, int offset) {
        return (buf[offset + 1] & 0x80) != 0;
    }

    public static int payloadType(byte[] buf, int offset) {
        return buf[offset + 1] & 0x7F;
    }

    public static int sequenceNumber(byte[] buf, int offset) {
        return readUnsignedShort(buf, offset + 2);
    }

    /** The RTP timestamp as an unsigned 32-bit value. */
    public static long timestamp(byte[] buf, int offset) {
        return readInt(buf, offset + 4) & 0xFFFF_FFFFL;
    }

    /** The SSRC as raw 32 bits (compare as int; print with {@link Integer#toUnsignedString}). */
    public static int ssrc(byte[] buf, int offset) {
        return readInt(buf, offset + 8);
    }

    /** The {@code index}th CSRC; only for a {@link RtpCheck#VALID} packet and index < CC. */
    public static int csrc(byte[] buf, int offset, int index) {
        return readInt(buf, offset + FIXED_LENGTH + 4 * index);
    }

    /** Profile-defined 16 bits of the header extension (0xBEDE for RFC 8285 one-byte headers). */
    public static int extensionProfile(byte[] buf, int offset) {
        return readUnsignedShort(buf, offset + FIXED_LENGTH + 4 * csrcCount(buf, offset));
    }

    public static void setSequenceNumber(byte[] buf, int offset, int sequence) {
        buf[offset + 2] = (byte) (sequence >>> 8);
        buf[offset + 3] = (byte) sequence;
    }

    public static void setMarker(byte[] buf, int offset, boolean marker) {
        buf[offset + 1] = (byte) ((buf[offset + 1] & 0x7F) | (marker ? 0x80 : 0));
    }

    public static void setTimestamp(byte[] buf, int offset, long timestamp) {
        writeInt(buf, offset + 4, (int) timestamp);
    }

    /** Writes a fixed 12-octet header with no padding, extension or CSRCs (RFC 3550 §5.1). */
    public static void writeFixed(byte[] buf, int offset, boolean marker, int payloadType, int sequence,
                                  long timestamp, int ssrc) {
        buf[offset] = (byte) (VERSION << 6);
        buf[offset + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        setSequenceNumber(buf, offset, sequence);
        setTimestamp(buf, offset, timestamp);
        setSsrc(buf, offset, ssrc);
    }

    public static void setPayloadType(byte[] buf, int offset, int payloadType) {
        buf[offset + 1] = (byte) ((buf[offset + 1] & 0x80) | (payloadType & 0x7F));
    }

    public static void setSsrc(byte[] buf, int offset, int ssrc) {
        writeInt(buf, offset + 8, ssrc);
    }

    static int readUnsignedShort(byte[] buf, int at) {
        return ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
    }

    static int readInt(byte[] buf, int at) {
        return ((buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF);
    }

    static void writeInt(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }
}
