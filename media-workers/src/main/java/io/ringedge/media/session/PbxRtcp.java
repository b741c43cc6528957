package io.ringedge.media.session;

import io.ringedge.media.loop.FaultHandler;
import io.ringedge.media.loop.LoopTimer;
import io.ringedge.media.loop.MediaLoop;
import io.ringedge.media.rtcp.LegRtcp;
import io.ringedge.media.rtcp.NtpTime;
import io.ringedge.media.rtcp.RtcpSchedule;
import io.ringedge.media.rtp.MediaDemux;
import io.ringedge.media.rtp.PacketKind;
import io.ringedge.media.rtp.RtcpCheck;
import io.ringedge.media.rtp.RtpPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * RTCP on the PBX leg's own port (RFC 3550 §11), on the session's media loop: each datagram is
 * checked (and, with SDES, authenticated) and read at once into the leg's {@link LegRtcp}, stamped
 * with its arrival time so the RTT stays exact; a loop timer sends our report when
 * {@link RtcpSchedule} says.
 *
 * <p>Reports go where the PBX's valid RTCP comes from once it has sent some (symmetric RTCP,
 * RFC 4961), before that to the RTCP address of its SDP (RFC 3605 {@code a=rtcp}, or the RTP port
 * + 1). Only a datagram that parses as a compound moves them, so garbage cannot redirect them.
 */
final class PbxRtcp {
    private final MediaLoop loop;
    private final FaultHandler owner;
    private final DatagramChannel channel;
    private final SdesContexts sdes;
    private final LegCounters counters;
    private final RtcpSchedule schedule;
    private final LoopTimer reportTimer;
    private final byte[] received = new byte[RtpPacket.CAPACITY];
    private final byte[] report = new byte[LegRtcp.MAX_COMPOUND + SdesContexts.MAX_RTCP_OVERHEAD];
    private MediaLoop.Registration registration;
    /** Where reports go. */
    private InetSocketAddress target;
    private boolean open = true;

    /** @param sdes null for plain RTCP */
    PbxRtcp(MediaLoop loop, FaultHandler owner, DatagramChannel channel, InetSocketAddress sdpTarget,
            SdesContexts sdes, LegCounters counters, RtcpSchedule schedule) {
        this.loop = loop;
        this.owner = owner;
        this.channel = channel;
        this.target = sdpTarget;
        this.sdes = sdes;
        this.counters = counters;
        this.schedule = schedule;
        this.reportTimer = loop.timer(owner, this::onReportTimer);
    }

    /** The PBX's SDP named a new RTCP address mid-call: reports go there until its RTCP arrives from elsewhere. */
    void retarget(InetSocketAddress sdpTarget) {
        target = sdpTarget;
    }

    void start() {
        registration = loop.register(channel, owner, this::onReadable);
        long now = System.nanoTime();
        reportTimer.at(now + schedule.nanosUntilDue(now));
    }

    void stop() {
        open = false;
        reportTimer.cancel();
        if (registration != null) {
            registration.cancel();
        }
    }

    private void onReportTimer(long now) {
        if (schedule.due(now)) {
            sendReport(counters.rtcp(), now);
        }
        reportTimer.at(now + schedule.nanosUntilDue(now));
    }

    private void onReadable() {
        int length;
        try {
            length = loop.receive(channel, received, 0, received.length);
        } catch (IOException e) {
            stop(); // closed: the session is ending
            return;
        }
        if (length >= 0 && open) {
            onRtcp(length, loop.source());
        }
    }

    private void onRtcp(int length, InetSocketAddress from) {
        long arrivalNanos = System.nanoTime();
        if (MediaDemux.classify(received, 0, length) != PacketKind.RTCP) {
            counters.rtcpDropped();
            return;
        }
        if (sdes != null) {
            length = sdes.rtcpIn().unprotect(received, 0, length);
            if (length <= 0) {
                counters.rtcpDropped(); // authentication or replay failure, counted by the context too
                return;
            }
        }
        if (counters.rtcp().receive(received, 0, length, arrivalNanos / 1_000_000,
                NtpTime.fromUnixMillis(System.currentTimeMillis())) == RtcpCheck.VALID) {
            target = from;
            counters.rtcpReceived();
        } else {
            counters.dropped();
        }
    }

    private void sendReport(LegRtcp leg, long nowNanos) {
        int length = leg.writeCompound(report, 0, nowNanos / 1_000_000, NtpTime.fromUnixMillis(System.currentTimeMillis()));
        if (sdes != null) {
            length = sdes.rtcpOut().protect(report, 0, length);
            if (length < 0) {
                return;
            }
        }
        loop.send(channel, report, 0, length, target); // lost: the next interval brings a fresh report
    }
}
