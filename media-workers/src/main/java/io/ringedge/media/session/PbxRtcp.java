package io.ringedge.media.session;

import io.ringedge.media.rtcp.LegRtcp;
import io.ringedge.media.rtcp.NtpTime;
import io.ringedge.media.rtcp.RtcpSchedule;
import io.ringedge.media.rtp.MediaDemux;
import io.ringedge.media.rtp.PacketKind;
import io.ringedge.media.rtp.RtcpCheck;
import io.ringedge.media.rtp.RtpPacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * RTCP on the PBX leg's own port (RFC 3550 §11). A virtual thread only receives: it checks (and,
 * with SDES, authenticates) each datagram and hands a copy over, stamped with its arrival time so
 * the RTT stays exact. Everything else runs on the leg's RTP thread through {@link #service}: it
 * reads what arrived into the leg's {@link LegRtcp} (which that thread owns, beside the reception
 * statistics it feeds) and sends our report when {@link RtcpSchedule} says. RTCP is a few packets
 * every few seconds, so the copies and the small queue cost nothing that matters.
 *
 * <p>Reports go where the PBX's valid RTCP comes from once it has sent some (symmetric RTCP,
 * RFC 4961), before that to the RTCP address of its SDP (RFC 3605 {@code a=rtcp}, or the RTP port
 * + 1). Only a datagram that parses as a compound moves them, so garbage cannot redirect them.
 */
final class PbxRtcp {
    /** RTCP datagrams waiting for the RTP thread; more than this in 20 ms is a flood, and dropped. */
    private static final int QUEUE = 16;

    private record Received(byte[] datagram, InetSocketAddress source, long arrivalMs, long arrivalNtp) {
    }

    private final DatagramSocket socket;
    private final SdesContexts sdes;
    private final LegCounters counters;
    private final RtcpSchedule schedule;
    private final BlockingQueue<Received> inbox = new ArrayBlockingQueue<>(QUEUE);
    private final byte[] report = new byte[LegRtcp.MAX_COMPOUND + SdesContexts.MAX_RTCP_OVERHEAD];
    private final DatagramPacket reportPacket = new DatagramPacket(report, 0);
    /** Where reports go: the RTP thread's, but a mid-call offer may move it. */
    private volatile InetSocketAddress target;
    private volatile boolean open = true;
    private Thread thread;

    /** @param sdes null for plain RTCP */
    PbxRtcp(DatagramSocket socket, InetSocketAddress sdpTarget, SdesContexts sdes, LegCounters counters,
            RtcpSchedule schedule) {
        this.socket = socket;
        this.target = sdpTarget;
        this.sdes = sdes;
        this.counters = counters;
        this.schedule = schedule;
    }

    /** The PBX's SDP named a new RTCP address mid-call: reports go there until its RTCP arrives from elsewhere. */
    void retarget(InetSocketAddress sdpTarget) {
        target = sdpTarget;
    }

    void start() {
        thread = Thread.ofVirtual().name("pbx-rtcp-" + socket.getLocalPort()).start(this::receive);
    }

    /** On the RTP thread: reads what arrived, and sends our report if one is due. */
    void service(long nowNanos) {
        LegRtcp leg = counters.rtcp();
        for (Received r = inbox.poll(); r != null; r = inbox.poll()) {
            if (leg.receive(r.datagram(), 0, r.datagram().length, r.arrivalMs(), r.arrivalNtp()) == RtcpCheck.VALID) {
                target = r.source();
                counters.rtcpReceived();
            } else {
                counters.dropped(); // the RTP thread's own drop counter: each counter has one writer
            }
        }
        if (schedule.due(nowNanos)) {
            sendReport(leg, nowNanos);
        }
    }

    /** How long the RTP thread may sleep before {@link #service} has a report to send. */
    long nanosUntilDue(long nowNanos) {
        return schedule.nanosUntilDue(nowNanos);
    }

    private void sendReport(LegRtcp leg, long nowNanos) {
        int length = leg.writeCompound(report, 0, nowNanos / 1_000_000, NtpTime.fromUnixMillis(System.currentTimeMillis()));
        if (sdes != null) {
            length = sdes.rtcpOut().protect(report, 0, length);
            if (length < 0) {
                return;
            }
        }
        try {
            reportPacket.setData(report, 0, length);
            reportPacket.setSocketAddress(target);
            socket.send(reportPacket);
        } catch (IOException e) {
            // closing, or the host refused: the next interval brings a fresh report
        }
    }

    private void receive() {
        byte[] buf = new byte[RtpPacket.CAPACITY];
        DatagramPacket datagram = new DatagramPacket(buf, buf.length);
        while (open) {
            try {
                datagram.setLength(buf.length);
                socket.receive(datagram);
            } catch (IOException e) {
                return; // closed
            }
            long arrivalNanos = System.nanoTime();
            long ntp = NtpTime.fromUnixMillis(System.currentTimeMillis());
            int length = datagram.getLength();
            if (MediaDemux.classify(buf, 0, length) != PacketKind.RTCP) {
                counters.rtcpDropped();
                continue;
            }
            if (sdes != null) {
                length = sdes.rtcpIn().unprotect(buf, 0, length);
                if (length <= 0) {
                    counters.rtcpDropped(); // authentication or replay failure, counted by the context too
                    continue;
                }
            }
            if (!inbox.offer(new Received(Arrays.copyOf(buf, length), (InetSocketAddress) datagram.getSocketAddress(),
                    arrivalNanos / 1_000_000, ntp))) {
                counters.rtcpDropped();
            }
        }
    }

    /** The socket is closed by the leg; this waits for the receiving thread to notice. */
    void stop() {
        open = false;
        PbxLeg.join(thread);
    }
}
