package io.ringedge.media.session;

import io.ringedge.media.BoundPorts;
import io.ringedge.media.loop.FaultHandler;
import io.ringedge.media.loop.MediaLoop;
import io.ringedge.media.rtcp.RtcpSchedule;
import io.ringedge.media.rtp.MediaDemux;
import io.ringedge.media.rtp.PacketKind;
import io.ringedge.media.rtp.RtpCheck;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.rtp.RtpPacket;
import io.ringedge.media.rtp.RtpPacketPool;
import io.ringedge.media.webrtc.WebRtcTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

/**
 * The PBX-facing leg: RTP on the even port, RTCP on the odd one (RFC 3550 §11), plain or SDES-SRTP
 * (RFC 4568). It lives on the session's media loop: the loop reads both channels, RTP into the
 * leg's packet pool and on, through {@link Receiver}, into the PBX-to-device direction; RTCP into
 * {@link PbxRtcp}, which also sends the leg's reports on a loop timer.
 *
 * <p>Symmetric RTP (RFC 4961 §2 for the idea): a PBX behind NAT receives where it sends from, not
 * where its SDP says. We send to the SDP address until a valid packet arrives, then to the packet's
 * source. Once latched, a new source takes over only after the latched one has been quiet for
 * {@link #RELATCH_QUIET} (a NAT rebinding); until then packets from elsewhere are dropped, so a
 * stray or forged packet can neither steal nor pollute a live stream.
 */
final class PbxLeg {
    /** What the leg hands on, on the loop; the packet is the leg's to release. */
    interface Receiver {
        void onPbxRtp(RtpPacket packet, long nowMs);
    }

    static final Duration RELATCH_QUIET = Duration.ofMillis(500);

    private final MediaLoop loop;
    private final FaultHandler owner;
    private final DatagramChannel rtp;
    private final PbxRtcp rtcp;
    private final RtpPacketPool pool;
    private final SdesContexts sdes;
    private final LegCounters counters;
    private final Receiver receiver;
    private MediaLoop.Registration registration;
    private InetSocketAddress target;
    private boolean open = true;
    /** Written on the loop when the leg first latches; read by stats queries, which also run there. */
    private boolean latched;
    private long lastFromTargetNanos;

    /**
     * @param sdes           null for plain RTP
     * @param sdpRtcpTarget  where the PBX's SDP says it receives RTCP
     * @param rtcpSchedule   when our reports go out
     * @param owner          answers for a fault in the leg's code or the session's
     */
    PbxLeg(MediaLoop loop, FaultHandler owner, BoundPorts ports, InetSocketAddress sdpTarget,
           InetSocketAddress sdpRtcpTarget, SdesContexts sdes, RtpPacketPool pool, LegCounters counters,
           RtcpSchedule rtcpSchedule, Receiver receiver) {
        this.loop = loop;
        this.owner = owner;
        this.rtp = ports.channels().get(0);
        this.rtcp = new PbxRtcp(loop, owner, ports.channels().get(1), sdpRtcpTarget, sdes, counters, rtcpSchedule);
        this.target = sdpTarget;
        this.sdes = sdes;
        this.pool = pool;
        this.counters = counters;
        this.receiver = receiver;
    }

    /** Starts reading both ports and timing the reports. Loop thread. */
    void start() {
        registration = loop.register(rtp, owner, this::onReadable);
        rtcp.start();
    }

    /** Protects (SDES) and sends an RTP packet toward the PBX; the caller keeps the packet. Loop thread. */
    void send(RtpPacket packet) {
        byte[] buf = packet.buffer();
        int length = packet.length();
        if (!open || length + SdesContexts.MAX_OVERHEAD > RtpPacket.CAPACITY) {
            return;
        }
        counters.sent(RtpHeader.timestamp(buf, 0), RtpHeader.payloadLength(buf, 0, length), System.nanoTime());
        if (sdes != null) {
            length = sdes.rtpOut().protect(buf, 0, length);
            if (length < 0) {
                return;
            }
        }
        loop.send(rtp, buf, 0, length, target); // a refused or full socket loses the packet: media is lossy anyway
    }

    /**
     * The PBX's SDP moved its media mid-call (RFC 3264 §8.3.1): send to the new address, and latch
     * afresh to wherever its packets now come from, as at the start of the call.
     */
    void retarget(InetSocketAddress sdpTarget, InetSocketAddress sdpRtcpTarget) {
        latched = false;
        target = sdpTarget;
        rtcp.retarget(sdpRtcpTarget);
    }

    /** Where PBX media comes from, once latched; null before. */
    InetSocketAddress latchedSource() {
        return latched ? target : null;
    }

    private void onReadable() {
        RtpPacket packet = pool.acquire();
        if (packet == null || !open) {
            return; // every packet in flight: the next pass reads it
        }
        try {
            int received = loop.receive(rtp, packet.buffer(), 0, RtpPacket.CAPACITY - WebRtcTransport.MAX_SEND_OVERHEAD);
            if (received >= 0) {
                onRtp(packet, received, loop.source());
            }
        } catch (IOException e) {
            stop(); // closed under us: the session is ending
        } finally {
            pool.release(packet);
        }
    }

    private void onRtp(RtpPacket packet, int received, InetSocketAddress from) {
        byte[] buf = packet.buffer();
        if (MediaDemux.classify(buf, 0, received) != PacketKind.RTP) {
            counters.dropped(); // garbage, or RTCP where it does not belong
            return;
        }
        int length = sdes == null ? received : sdes.rtpIn().unprotect(buf, 0, received);
        if (length <= 0 || RtpHeader.check(buf, 0, length) != RtpCheck.VALID) {
            counters.dropped(); // SRTP authentication or replay failures are also counted by the context
            return;
        }
        long now = System.nanoTime();
        if (!latch(from.getAddress(), from.getPort(), now)) {
            counters.dropped();
            return;
        }
        packet.setLength(length);
        counters.received(buf, length, now);
        receiver.onPbxRtp(packet, now / 1_000_000);
    }

    /**
     * Whether to take a packet from this source, latching to it if so: the first source, or a new
     * one once the latched source has been quiet; anything else is a stray (or an attack) and dropped.
     */
    private boolean latch(InetAddress address, int port, long now) {
        InetSocketAddress current = target;
        boolean fromTarget = current.getPort() == port && address.equals(current.getAddress());
        if (!fromTarget) {
            if (latched && now - lastFromTargetNanos <= RELATCH_QUIET.toNanos()) {
                return false;
            }
            target = new InetSocketAddress(address, port);
            latched = true;
        }
        lastFromTargetNanos = now;
        return true;
    }

    /** Stops reading and reporting; the ports are closed by the session. Loop thread; idempotent. */
    void stop() {
        open = false;
        if (registration != null) {
            registration.cancel();
        }
        rtcp.stop();
    }
}
