package io.ringedge.media.session;

import io.ringedge.media.control.SessionStats;
import io.ringedge.media.rtcp.CodecImpairment;
import io.ringedge.media.rtcp.LegRtcp;
import io.ringedge.media.rtcp.LegStats;
import io.ringedge.media.rtp.RtpHeader;

/**
 * One leg's counters and RTCP state. Everything here (reception and sender statistics, drops,
 * the RTCP we receive and the reports we write, the stats snapshot) runs on the session's media
 * loop, so the packet path takes no lock and no fence.
 */
final class LegCounters {
    private final LegRtcp rtcp;
    private final CodecImpairment codec;
    private long lastRtpNanos;
    private long dropped;
    private long rtcpReceived;
    /** Its own field: on the PBX leg RTCP has its own thread, and each counter has one writer. */
    private long rtcpDropped;

    /** @param ssrc the SSRC we send on the leg, which the far end's report blocks name */
    LegCounters(int ssrc, int clockRate, CodecImpairment codec, String cname, long nowNanos) {
        this.rtcp = new LegRtcp(ssrc, clockRate, cname);
        this.codec = codec;
        this.lastRtpNanos = nowNanos;
    }

    /** A valid RTP packet from the leg, in {@code buf[0, length)}. */
    void received(byte[] buf, int length, long nowNanos) {
        rtcp.reception().received(RtpHeader.ssrc(buf, 0), RtpHeader.sequenceNumber(buf, 0),
                RtpHeader.timestamp(buf, 0), RtpHeader.payloadLength(buf, 0, length), nowNanos / 1_000_000);
        lastRtpNanos = nowNanos;
    }

    /** An RTP packet we sent on the leg: its RTP timestamp and payload octets (before protection). */
    void sent(long rtpTimestamp, int payloadOctets, long nowNanos) {
        rtcp.sender().sent(rtpTimestamp, payloadOctets, nowNanos / 1_000_000);
    }

    /** The leg's RTCP: for the receiving thread only. */
    LegRtcp rtcp() {
        return rtcp;
    }

    void dropped() {
        dropped++;
    }

    void rtcpDropped() {
        rtcpDropped++;
    }

    void rtcpReceived() {
        rtcpReceived++;
    }

    /** Time since the last RTP packet (or since media was expected, if none came yet). */
    long silentNanos(long nowNanos) {
        return nowNanos - lastRtpNanos;
    }

    /** Interarrival jitter of what the leg sends us, in milliseconds. */
    double jitterMs() {
        return rtcp.reception().jitterMs();
    }

    /**
     * The leg's figures now. RTT and MOS stay null until a report block about our stream came back
     * with an LSR (RFC 3550 §6.4.1): the E-model needs the delay, and a MOS without it would claim
     * more than we know. {@code playoutDelayMs} is the jitter-buffer delay the listener waits
     * through, added to half the RTT as the one-way delay.
     */
    SessionStats.Media snapshot(double playoutDelayMs) {
        var reception = rtcp.reception();
        double rtt = rtcp.rttMs();
        Double rttMs = null;
        Double mos = null;
        if (rtt >= 0) {
            rttMs = round(rtt);
            mos = round(LegStats.of(rtcp, codec, playoutDelayMs).mos());
        }
        return new SessionStats.Media(reception.received(), reception.octets(),
                Math.max(0, reception.started() ? reception.cumulativeLost() : 0), round(reception.jitterMs()),
                rtcp.sender().packets(), rtcp.sender().octets(), dropped + rtcpDropped, rtcpReceived, rttMs, mos);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
