package io.ringedge.media.rtcp;

import io.ringedge.media.rtp.RtcpCompound;

/**
 * Builds our SR or RR (RFC 3550 §6.4.1, §6.4.2) for one leg into a caller-owned buffer: an SR when
 * we sent media since the last report, else an RR, with one report block when we receive a source.
 * SDES, required in a compound packet by §6.1, is added by the caller's transport.
 */
public final class RtcpWriter {
    private static final int SENDER_INFO = 20;
    private static final int REPORT_BLOCK = 24;

    private RtcpWriter() {
    }

    /** Writes the report at {@code buf[at..]} and returns its length. */
    public static int writeReport(byte[] buf, int at, int ourSsrc, SenderStatistics sender,
                                  ReceptionStatistics reception, long nowMs, long ntpNow) {
        boolean isSender = sender.hasSent();
        int blocks = reception.started() ? 1 : 0;
        int length = 8 + (isSender ? SENDER_INFO : 0) + blocks * REPORT_BLOCK;
        buf[at] = (byte) (0x80 | blocks);
        buf[at + 1] = (byte) (isSender ? RtcpCompound.SR : RtcpCompound.RR);
        int words = length / 4 - 1;
        buf[at + 2] = (byte) (words >>> 8);
        buf[at + 3] = (byte) words;
        writeInt(buf, at + 4, ourSsrc);
        int next = at + 8;
        if (isSender) {
            writeInt(buf, next, (int) (ntpNow >>> 32));
            writeInt(buf, next + 4, (int) ntpNow);
            writeInt(buf, next + 8, (int) sender.rtpTimestampAt(nowMs));
            writeInt(buf, next + 12, (int) sender.packets());
            writeInt(buf, next + 16, (int) sender.octets());
            next += SENDER_INFO;
        }
        if (blocks == 1) {
            reception.writeReportBlock(buf, next, nowMs);
        }
        return length;
    }

    static void writeInt(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }

    static long readUnsignedInt(byte[] buf, int at) {
        return (((buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF))
                & 0xFFFF_FFFFL;
    }
}
