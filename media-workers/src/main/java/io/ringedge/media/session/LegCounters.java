package io.ringedge.media.session;

import io.ringedge.media.control.SessionStats;
import io.ringedge.media.rtcp.ReceptionStatistics;
import io.ringedge.media.rtp.RtpHeader;

/**
 * One leg's counters. The receive side (reception statistics, drops) is written only by the thread
 * that receives on the leg, the send side only by the thread that sends on it, so the packet path
 * takes no lock. The control API reads them from another thread: a live figure may lag a packet
 * or two behind, which is all a stats query needs. Only the time of the last RTP packet is
 * volatile, because the media-timeout watchdog acts on it.
 */
final class LegCounters {
    private final ReceptionStatistics reception;
    private volatile long lastRtpNanos;
    private long packetsSent;
    private long octetsSent;
    private long dropped;
    private long rtcpReceived;
    /** Its own field: on the PBX leg RTCP has its own thread, and each counter has one writer. */
    private long rtcpDropped;

    LegCounters(int clockRate, long nowNanos) {
        this.reception = new ReceptionStatistics(clockRate);
        this.lastRtpNanos = nowNanos;
    }

    /** A valid RTP packet from the leg, in {@code buf[0, length)}. */
    void received(byte[] buf, int length, long nowNanos) {
        reception.received(RtpHeader.ssrc(buf, 0), RtpHeader.sequenceNumber(buf, 0), RtpHeader.timestamp(buf, 0),
                RtpHeader.payloadLength(buf, 0, length), nowNanos / 1_000_000);
        lastRtpNanos = nowNanos;
    }

    /** An RTP packet we sent on the leg, with its payload octets (before protection). */
    void sent(int payloadOctets) {
        packetsSent++;
        octetsSent += payloadOctets;
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

    SessionStats.Media snapshot() {
        return new SessionStats.Media(reception.received(), reception.octets(),
                Math.max(0, reception.started() ? reception.cumulativeLost() : 0),
                Math.round(reception.jitterMs() * 100) / 100.0, packetsSent, octetsSent, dropped + rtcpDropped, rtcpReceived,
                null, null);
    }
}
