package io.ringedge.media.rtcp;

/**
 * What we know about one stream we receive, kept as RFC 3550 Appendix A does it, so our receiver
 * report blocks say what any RTP stack would: the extended highest sequence number and source
 * restart detection of A.1, expected and lost packets and the fraction lost per interval of A.3,
 * and the interarrival jitter estimate of §6.4.1 / A.8. Plus what a report block needs from the
 * sender's last SR (LSR, and its arrival time for DLSR). No allocation; one media thread.
 */
public final class ReceptionStatistics {
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private final int clockRate;
    private boolean started;
    private int ssrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq = -1;
    private long received;
    private long octets;
    private long expectedPrior;
    private long receivedPrior;
    private long transit;
    private boolean hasTransit;
    /** Jitter in timestamp units, times 16, as A.8 keeps it to avoid fractions. */
    private long jitterTimes16;
    private long lastSrMiddle;
    private long lastSrArrivalMs;
    private boolean hasSr;
    private int lastFraction;

    public ReceptionStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    /** Records a received packet: its header fields, payload octets and arrival time. */
    public void received(int ssrc, int sequence, long rtpTimestamp, int payloadOctets, long arrivalMs) {
        if (!started || ssrc != this.ssrc) {
            restart(ssrc, sequence);
        } else if (!updateSequence(sequence)) {
            return;
        }
        received++;
        octets += payloadOctets;
        // A.8: transit in timestamp units; D is its change; J += (|D| - J) / 16.
        long arrival = arrivalMs * clockRate / 1000;
        long newTransit = arrival - rtpTimestamp;
        if (hasTransit) {
            long d = Math.abs((int) (newTransit - transit));
            jitterTimes16 += d - ((jitterTimes16 + 8) >> 4);
        }
        transit = newTransit;
        hasTransit = true;
    }

    /** A.1 update_seq: false for a packet that looks like garbage and is not counted. */
    private boolean updateSequence(int sequence) {
        int delta = (sequence - maxSeq) & 0xFFFF;
        if (delta < MAX_DROPOUT) {
            if (sequence < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = sequence;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            // A big jump: believe it only if the next packet follows it (the source restarted).
            if (sequence == badSeq) {
                restart(ssrc, sequence);
                return true;
            }
            badSeq = (sequence + 1) & 0xFFFF;
            return false;
        }
        return true;
    }

    private void restart(int ssrc, int sequence) {
        started = true;
        this.ssrc = ssrc;
        maxSeq = sequence;
        baseSeq = sequence;
        cycles = 0;
        badSeq = -1;
        received = 0;
        octets = 0;
        expectedPrior = 0;
        receivedPrior = 0;
        hasTransit = false;
        jitterTimes16 = 0;
    }

    /** Records the sender report of this source: its NTP timestamp, and when it arrived (for DLSR). */
    public void senderReport(long ntpTimestamp, long arrivalMs) {
        lastSrMiddle = NtpTime.middle(ntpTimestamp);
        lastSrArrivalMs = arrivalMs;
        hasSr = true;
    }

    public boolean started() {
        return started;
    }

    public int ssrc() {
        return ssrc;
    }

    public long received() {
        return received;
    }

    public long octets() {
        return octets;
    }

    /** A.3: the extended highest sequence number received. */
    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    /** A.3: expected minus received; negative when duplicates arrive. */
    public long cumulativeLost() {
        return expected() - received;
    }

    private long expected() {
        return extendedHighestSequence() - baseSeq + 1;
    }

    /** Interarrival jitter in timestamp units (§6.4.1). */
    public long jitter() {
        return jitterTimes16 >> 4;
    }

    public double jitterMs() {
        return (jitterTimes16 / 16.0) * 1000 / clockRate;
    }

    /** The fraction lost in the last report block written, 0..255 (A.3). */
    public int lastFractionLost() {
        return lastFraction;
    }

    /**
     * Writes a 24-octet report block (§6.4.1) about this source at {@code at}, and starts a new
     * interval for the fraction lost (A.3).
     */
    public void writeReportBlock(byte[] buf, int at, long nowMs) {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        lastFraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        // The cumulative count is a signed 24-bit field: clamp rather than wrap.
        long lost = Math.max(-0x80_0000, Math.min(0x7F_FFFF, cumulativeLost()));
        RtcpWriter.writeInt(buf, at, ssrc);
        RtcpWriter.writeInt(buf, at + 4, (lastFraction << 24) | (int) (lost & 0xFF_FFFF));
        RtcpWriter.writeInt(buf, at + 8, (int) extendedHighestSequence());
        RtcpWriter.writeInt(buf, at + 12, (int) jitter());
        RtcpWriter.writeInt(buf, at + 16, hasSr ? (int) lastSrMiddle : 0);
        RtcpWriter.writeInt(buf, at + 20, hasSr ? (int) NtpTime.millisToShort(nowMs - lastSrArrivalMs) : 0);
    }
}
