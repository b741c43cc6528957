package io.ringedge.media.rtcp;

import io.ringedge.media.rtp.RtcpCheck;
import io.ringedge.media.rtp.RtcpCompound;
import java.nio.charset.StandardCharsets;

/**
 * RTCP state of one leg: what we send, what we receive, and what the far end reports about us.
 * Reads incoming compounds (SR sender info, report blocks about our SSRC) and writes our reports;
 * computes the round-trip time of RFC 3550 §6.4.1 from LSR and DLSR. One media thread; the
 * walker is reused, so reading allocates nothing.
 */
public final class LegRtcp {
    /** The longest {@link #writeCompound}: SR with one block (52), SDES with a 255-octet CNAME (264). */
    public static final int MAX_COMPOUND = 52 + 264;

    /** SDES CNAME item type (RFC 3550 §6.5.1). */
    private static final int CNAME = 1;

    private final int ourSsrc;
    private final int clockRate;
    private final byte[] cname;
    private final SenderStatistics sender;
    private final ReceptionStatistics reception;
    private final RtcpCompound walker = new RtcpCompound();

    private double rttMs = -1;
    private int remoteFractionLost;
    private long remoteCumulativeLost;
    private double remoteJitterMs;
    private long malformed;

    public LegRtcp(int ourSsrc, int clockRate) {
        this(ourSsrc, clockRate, "");
    }

    /**
     * @param cname our canonical name for {@link #writeCompound}: RFC 7022 §4.2 wants a random one
     *              per session (at most 255 octets of US-ASCII, §6.5.1)
     */
    public LegRtcp(int ourSsrc, int clockRate, String cname) {
        byte[] ascii = cname.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > 255) {
            throw new IllegalArgumentException("a CNAME has at most 255 octets, was " + ascii.length);
        }
        this.ourSsrc = ourSsrc;
        this.clockRate = clockRate;
        this.cname = ascii;
        this.sender = new SenderStatistics(clockRate);
        this.reception = new ReceptionStatistics(clockRate);
    }

    public SenderStatistics sender() {
        return sender;
    }

    public ReceptionStatistics reception() {
        return reception;
    }

    /** Reads a received RTCP compound; {@code ntpNow} is our clock at arrival, for the RTT. */
    public RtcpCheck receive(byte[] buf, int offset, int length, long nowMs, long ntpNow) {
        RtcpCheck check = walker.reset(buf, offset, length);
        if (check != RtcpCheck.VALID) {
            malformed++;
            return check;
        }
        while (walker.next()) {
            int type = walker.packetType();
            if (type != RtcpCompound.SR && type != RtcpCompound.RR) {
                continue;
            }
            int at = walker.packetOffset();
            int blocksAt = at + 8;
            if (type == RtcpCompound.SR) {
                if (walker.packetLength() < 28) {
                    malformed++;
                    continue;
                }
                long ntp = (RtcpWriter.readUnsignedInt(buf, at + 8) << 32) | RtcpWriter.readUnsignedInt(buf, at + 12);
                reception.senderReport(ntp, nowMs);
                blocksAt = at + 28;
            }
            for (int i = 0; i < walker.count() && blocksAt + 24 * (i + 1) <= at + walker.packetLength(); i++) {
                reportBlock(buf, blocksAt + 24 * i, ntpNow);
            }
        }
        return check;
    }

    /** A report block about our stream: the far end's view of loss and jitter, and our RTT. */
    private void reportBlock(byte[] buf, int at, long ntpNow) {
        if ((int) RtcpWriter.readUnsignedInt(buf, at) != ourSsrc) {
            return;
        }
        remoteFractionLost = buf[at + 4] & 0xFF;
        int lost = (int) RtcpWriter.readUnsignedInt(buf, at + 4) & 0xFF_FFFF;
        remoteCumulativeLost = (lost << 8) >> 8;
        remoteJitterMs = RtcpWriter.readUnsignedInt(buf, at + 12) * 1000.0 / clockRate;
        long lsr = RtcpWriter.readUnsignedInt(buf, at + 16);
        long dlsr = RtcpWriter.readUnsignedInt(buf, at + 20);
        if (lsr != 0) {
            // §6.4.1: RTT = A - LSR - DLSR, all in 1/65536 s, modulo 2^32.
            long rtt = (NtpTime.middle(ntpNow) - lsr - dlsr) & 0xFFFF_FFFFL;
            if (rtt < 0x8000_0000L) {
                rttMs = NtpTime.shortToMillis(rtt);
            }
        }
    }

    /** Writes our SR or RR into {@code buf[at..]}; returns its length. */
    public int writeReport(byte[] buf, int at, long nowMs, long ntpNow) {
        return RtcpWriter.writeReport(buf, at, ourSsrc, sender, reception, nowMs, ntpNow);
    }

    /**
     * Writes the compound packet we send every interval (RFC 3550 §6.1): our SR or RR, then an SDES
     * with our CNAME, which every compound must carry. Returns its length (at most
     * {@link #MAX_COMPOUND}).
     */
    public int writeCompound(byte[] buf, int at, long nowMs, long ntpNow) {
        int report = writeReport(buf, at, nowMs, ntpNow);
        int sdes = at + report;
        // chunk: SSRC, CNAME item (type, length, text), then at least one null octet ending the
        // item list and padding the chunk to a 32-bit boundary (§6.5)
        int chunk = 4 + 2 + cname.length;
        int padded = (chunk + 4) & ~3;
        int length = 4 + padded;
        buf[sdes] = (byte) (0x80 | 1);
        buf[sdes + 1] = (byte) RtcpCompound.SDES;
        int words = length / 4 - 1;
        buf[sdes + 2] = (byte) (words >>> 8);
        buf[sdes + 3] = (byte) words;
        RtcpWriter.writeInt(buf, sdes + 4, ourSsrc);
        buf[sdes + 8] = CNAME;
        buf[sdes + 9] = (byte) cname.length;
        System.arraycopy(cname, 0, buf, sdes + 10, cname.length);
        for (int i = sdes + 4 + chunk; i < sdes + length; i++) {
            buf[i] = 0;
        }
        return report + length;
    }

    public int ssrc() {
        return ourSsrc;
    }

    /** Round-trip time from the last report block with an LSR, or -1 if none yet. */
    public double rttMs() {
        return rttMs;
    }

    public int remoteFractionLost() {
        return remoteFractionLost;
    }

    public long remoteCumulativeLost() {
        return remoteCumulativeLost;
    }

    public double remoteJitterMs() {
        return remoteJitterMs;
    }

    public long malformed() {
        return malformed;
    }
}
