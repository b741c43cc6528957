package io.ringedge.media.rtcp;

/**
 * What we sent on one leg, for the sender info of our SRs (RFC 3550 §6.4.1): packet and payload
 * octet counts, and the last RTP timestamp with its wall-clock time, from which the SR's RTP
 * timestamp is extrapolated to the SR's own NTP time.
 */
public final class SenderStatistics {
    private final int clockRate;
    private long packets;
    private long octets;
    private long lastRtpTimestamp;
    private long lastSentMs;
    private boolean sent;

    public SenderStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    public void sent(long rtpTimestamp, int payloadOctets, long nowMs) {
        packets++;
        octets += payloadOctets;
        lastRtpTimestamp = rtpTimestamp;
        lastSentMs = nowMs;
        sent = true;
    }

    /** Whether we have sent media on this leg; one that has not reports with an RR, not an SR (§6.4). */
    public boolean hasSent() {
        return sent;
    }

    public long packets() {
        return packets;
    }

    public long octets() {
        return octets;
    }

    /** §6.4.1: the RTP timestamp corresponding to {@code nowMs}, on the media clock. */
    public long rtpTimestampAt(long nowMs) {
        return (lastRtpTimestamp + (nowMs - lastSentMs) * clockRate / 1000) & 0xFFFF_FFFFL;
    }
}
