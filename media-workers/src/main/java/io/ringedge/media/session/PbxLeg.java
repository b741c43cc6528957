package io.ringedge.media.session;

import io.ringedge.media.BoundPorts;
import io.ringedge.media.rtcp.RtcpSchedule;
import io.ringedge.media.rtp.MediaDemux;
import io.ringedge.media.rtp.PacketKind;
import io.ringedge.media.rtp.RtpCheck;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.rtp.RtpPacket;
import io.ringedge.media.rtp.RtpPacketPool;
import io.ringedge.media.webrtc.WebRtcTransport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The PBX-facing leg: RTP on the even port, RTCP on the odd one (RFC 3550 §11), plain or SDES-SRTP
 * (RFC 4568). One virtual thread owns the RTP socket's receive side, its packet pool, the leg's
 * RTCP reports ({@link PbxRtcp}) and, through {@link Receiver}, the PBX-to-device direction; a
 * second one receives RTCP. {@link #send} is for the one thread that carries device-to-PBX media.
 *
 * <p>Symmetric RTP (RFC 4961 §2 for the idea): a PBX behind NAT receives where it sends from, not
 * where its SDP says. We send to the SDP address until a valid packet arrives, then to the packet's
 * source. Once latched, a new source takes over only after the latched one has been quiet for
 * {@link #RELATCH_QUIET} (a NAT rebinding); until then packets from elsewhere are dropped, so a
 * stray or forged packet can neither steal nor pollute a live stream.
 */
final class PbxLeg implements AutoCloseable {
    /** What the RTP thread hands on. Both run on that thread; the packet is the leg's to release. */
    interface Receiver {
        void onPbxRtp(RtpPacket packet, long nowMs);

        void onPbxClock(long nowMs);
    }

    static final Duration RELATCH_QUIET = Duration.ofMillis(500);
    private static final long CLOCK_NANOS = Duration.ofMillis(WebRtcTransport.MEDIA_CLOCK_MS).toNanos();
    /** Without a media clock the thread still wakes now and then, to notice a close. */
    private static final int IDLE_WAIT_MS = 1000;

    private final BoundPorts ports;
    private final DatagramSocket rtp;
    private final PbxRtcp rtcp;
    private final RtpPacketPool pool;
    private final SdesContexts sdes;
    private final LegCounters counters;
    private final Receiver receiver;
    private final boolean mediaClock;
    private final DatagramPacket receivePacket = new DatagramPacket(new byte[0], 0);
    private final DatagramPacket sendPacket = new DatagramPacket(new byte[0], 0);
    private volatile InetSocketAddress target;
    private volatile boolean open = true;
    /** Written by the RTP thread when it first latches; read by stats queries. */
    private volatile boolean latched;
    private long lastFromTargetNanos;
    private Thread rtpThread;

    /**
     * @param sdes           null for plain RTP
     * @param sdpRtcpTarget  where the PBX's SDP says it receives RTCP
     * @param rtcpSchedule   when our reports go out
     */
    PbxLeg(BoundPorts ports, InetSocketAddress sdpTarget, InetSocketAddress sdpRtcpTarget, SdesContexts sdes,
           RtpPacketPool pool, LegCounters counters, RtcpSchedule rtcpSchedule, Receiver receiver, boolean mediaClock) {
        this.ports = ports;
        this.rtp = ports.sockets().get(0);
        this.rtcp = new PbxRtcp(ports.sockets().get(1), sdpRtcpTarget, sdes, counters, rtcpSchedule);
        this.target = sdpTarget;
        this.sdes = sdes;
        this.pool = pool;
        this.counters = counters;
        this.receiver = receiver;
        this.mediaClock = mediaClock;
    }

    void start() {
        rtpThread = Thread.ofVirtual().name("pbx-rtp-" + rtp.getLocalPort()).start(this::receiveRtp);
        rtcp.start();
    }

    /** Protects (SDES) and sends an RTP packet toward the PBX; the caller keeps the packet. */
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
        try {
            sendPacket.setData(buf, 0, length);
            sendPacket.setSocketAddress(target);
            rtp.send(sendPacket);
        } catch (IOException e) {
            // the socket closed under us (session ending) or the host refused: media is lossy anyway
        }
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

    private void receiveRtp() {
        long nextClock = System.nanoTime() + CLOCK_NANOS;
        while (open) {
            RtpPacket packet = pool.acquire();
            try {
                long start = System.nanoTime();
                long waitNanos = Math.min(rtcp.nanosUntilDue(start),
                        mediaClock ? nextClock - start : IDLE_WAIT_MS * 1_000_000L);
                int waitMs = (int) Math.max(1, waitNanos / 1_000_000);
                rtp.setSoTimeout(waitMs);
                receivePacket.setData(packet.buffer(), 0, RtpPacket.CAPACITY - WebRtcTransport.MAX_SEND_OVERHEAD);
                rtp.receive(receivePacket);
                onRtp(packet, receivePacket.getLength());
            } catch (SocketTimeoutException e) {
                // the media clock is due
            } catch (IOException e) {
                return; // closed: the session is ending
            } finally {
                pool.release(packet);
            }
            long now = System.nanoTime();
            rtcp.service(now);
            if (mediaClock && now - nextClock >= 0) {
                // As the transport's media clock: catch up, or past five periods skip ticks on the grid.
                if (now - nextClock > 5 * CLOCK_NANOS) {
                    nextClock += (now - nextClock) / CLOCK_NANOS * CLOCK_NANOS;
                }
                long tick = nextClock;
                nextClock += CLOCK_NANOS;
                receiver.onPbxClock(tick / 1_000_000);
            }
        }
    }

    private void onRtp(RtpPacket packet, int received) {
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
        if (!latch(receivePacket.getAddress(), receivePacket.getPort(), now)) {
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

    /** Stops both threads and releases the port pair. */
    @Override
    public void close() {
        open = false;
        ports.close();
        join(rtpThread);
        rtcp.stop();
    }

    static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
