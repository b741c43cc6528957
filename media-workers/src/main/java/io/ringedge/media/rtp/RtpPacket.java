package io.ringedge.media.rtp;

/**
 * A pooled, reusable datagram buffer holding one RTP packet at offset 0. Owned by one media thread
 * at a time; handed from node to node, then back to its {@link RtpPacketPool}.
 */
public final class RtpPacket {
    /** Large enough for any RTP packet on an Ethernet-MTU path, SRTP tag included. */
    public static final int CAPACITY = 1500;

    private final byte[] buffer = new byte[CAPACITY];
    private int length;

    public byte[] buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    public void setLength(int length) {
        this.length = java.util.Objects.checkIndex(length, CAPACITY + 1);
    }

    /** Copies a received datagram in; false if it does not fit. */
    public boolean fill(byte[] source, int offset, int count) {
        if (count < 0 || count > CAPACITY) {
            return false;
        }
        System.arraycopy(source, offset, buffer, 0, count);
        length = count;
        return true;
    }

    /** Only for a packet {@link RtpHeader#check} accepted. */
    public int payloadOffset() {
        return RtpHeader.headerLength(buffer, 0);
    }

    /** Only for a packet {@link RtpHeader#check} accepted. */
    public int payloadLength() {
        return RtpHeader.payloadLength(buffer, 0, length);
    }
}
