package io.ringedge.media.rtcp;

import io.ringedge.media.rtp.RtcpCheck;
import io.ringedge.media.rtp.RtcpCompound;

/**
 * RTCP state of one leg: what we send, what we receive, and what the far end reports about us.
 * Reads incoming compounds (SR sender info, report blocks about our SSRC) and writes our reports;
 * computes the round-trip time of RFC 3550 §6.4.1 from LSR and DLSR. One media thread; the
 * walker is reused, so reading allocates nothing.
 */
public final class LegRtcp {
    private final int ourSsrc;
    private final int clockRate;
    private final SenderStatistics sender;
    private final ReceptionStatistics reception;
    private final RtcpCompound walker = new RtcpCompound();

    private double rttMs = -1;
    private int remoteFractionLost;
    private long remoteCumulativeLost;
    private double remoteJitterMs;
    private long malformed;

    public LegRtcp(int ourSsrc, int clockRate) {
        this.ourSsrc = ourSsrc;
        this.clockRate = clockRate;
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
