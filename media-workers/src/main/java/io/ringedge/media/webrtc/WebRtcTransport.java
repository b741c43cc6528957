package io.ringedge.media.webrtc;

import io.ringedge.media.MediaConfig;
import io.ringedge.media.BoundPorts;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.media.dtls.DtlsCounters;
import io.ringedge.media.dtls.DtlsEndpoint;
import io.ringedge.media.dtls.DtlsOutcome;
import io.ringedge.media.dtls.DtlsRole;
import io.ringedge.media.dtls.DtlsSetup;
import io.ringedge.media.ice.IceAgent;
import io.ringedge.media.ice.IceCounters;
import io.ringedge.media.ice.IceCredentials;
import io.ringedge.media.ice.IceEvent;
import io.ringedge.media.ice.IceRole;
import io.ringedge.media.ice.IceTiming;
import io.ringedge.media.rtp.MediaDemux;
import io.ringedge.media.rtp.PacketKind;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's device-facing transport: one UDP port for ICE, DTLS and SRTP/SRTCP, split by the
 * RFC 7983 demux. One virtual thread owns the socket's receive side and the ICE agent; DTLS
 * handshakes on its own thread and publishes the SRTP contexts when done. Media is received into
 * one reused buffer and decrypted in place, so nothing is allocated per packet on the way in;
 * {@link #send} encrypts in the caller's buffer and must be called by one thread at a time for RTP.
 * RTCP is serialised inside: the session's reports come from the transport thread while media
 * goes out on another, and both share one SRTCP context (its index must never repeat, RFC 3711 §3.4).
 */
public final class WebRtcTransport implements AutoCloseable {
    /** What {@link #send} may append: the SRTCP index and the longest tag (AES-GCM, RFC 7714 §17). */
    public static final int MAX_SEND_OVERHEAD = 4 + 16;
    /** The media clock's period: one 20 ms frame on both legs. */
    public static final int MEDIA_CLOCK_MS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcTransport.class);
    private static final int MAX_DATAGRAM = 1500;
    /** Bound on how long work handed over by other threads (ICE restart) waits for the transport thread. */
    private static final long MAX_WAIT_NANOS = Duration.ofMillis(50).toNanos();

    private final MediaConfig config;
    private final DtlsCertificate certificate;
    private final BoundPorts port;
    private final DatagramSocket socket;
    private final IceAgent agent;
    private final TransportListener listener;
    private final TransportCounters counters = new TransportCounters();
    private final IceCounters iceCounters = new IceCounters();
    private final DtlsCounters dtlsCounters = new DtlsCounters();
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final byte[] receiveBuffer = new byte[MAX_DATAGRAM];
    private final DatagramPacket receivePacket = new DatagramPacket(receiveBuffer, MAX_DATAGRAM);
    private final DatagramPacket sendPacket = new DatagramPacket(new byte[0], 0);
    private final DatagramPacket rtcpPacket = new DatagramPacket(new byte[0], 0);
    private volatile DtlsEndpoint dtls;
    private volatile SrtpContexts srtp;
    private volatile InetSocketAddress lastDtlsSource;
    private volatile boolean open = true;
    private Thread thread;

    private WebRtcTransport(MediaConfig config, DtlsCertificate certificate, BoundPorts port, IceRole role,
                            TransportListener listener) {
        this.config = config;
        this.certificate = certificate;
        this.port = port;
        this.socket = port.sockets().get(0);
        this.listener = listener;
        SecureRandom random = new SecureRandom();
        this.agent = new IceAgent(role, random.nextLong(), IceCredentials.random(),
                new InetSocketAddress(config.advertisedAddress(), socket.getLocalPort()),
                IceTiming.standard(config.iceConnectTimeout(), config.consentInterval(), config.consentTimeout()),
                this::sendStun, this::onIceEvent, iceCounters, random);
    }

    /**
     * A transport on {@code port} (a port of {@code media.device-port-range}), which it owns from
     * now on and releases on {@link #close}. {@code role} is ours by RFC 8445 §6.1.1: controlling
     * when we send the offer.
     */
    public static WebRtcTransport open(MediaConfig config, BoundPorts port, DtlsCertificate certificate,
                                       IceRole role, TransportListener listener) {
        return new WebRtcTransport(config, certificate, port, role, listener);
    }

    /** For our SDP: call before {@link #start}. */
    public LocalParameters localParameters() {
        return new LocalParameters(agent.localCredentials(), agent.localCandidate(), certificate.fingerprint());
    }

    /**
     * Starts ICE with the peer's parameters, and DTLS in the role {@code localSetup} and the
     * peer's {@code a=setup} give (RFC 8842 §5.3). The session must have negotiated a valid pair
     * ({@link DtlsSetup#answer()}); an invalid one is a programming error.
     */
    public synchronized void start(RemoteParameters remote, DtlsSetup localSetup) {
        if (thread != null) {
            throw new IllegalStateException("transport already started");
        }
        DtlsRole role = localSetup.localRole(remote.setup()).orElseThrow(() -> new IllegalArgumentException(
                "a=setup:" + localSetup.sdpValue() + " against a=setup:" + remote.setup().sdpValue()
                        + " names no DTLS client (RFC 8842 §5.3)"));
        DtlsEndpoint endpoint = new DtlsEndpoint(certificate, role, remote.fingerprint(), this::sendDtls,
                config.dtlsHandshakeTimeout(), dtlsCounters);
        endpoint.outcome().thenAccept(this::onDtlsOutcome);
        endpoint.peerClosed().thenRun(() -> emit(new TransportEvent.Failed(TransportFailure.DTLS_CLOSED,
                "the peer ended the DTLS association")));
        dtls = endpoint;
        agent.start(remote.ice(), remote.candidates(), System.nanoTime());
        if (role == DtlsRole.SERVER) {
            endpoint.start(); // ready for a ClientHello as soon as the peer's ICE connects
        }
        thread = Thread.ofVirtual().name("webrtc-" + socket.getLocalPort()).start(this::run);
    }

    /**
     * ICE restart (RFC 8445 §9) once the new offer/answer is done: {@code newLocal} went out in
     * our SDP, {@code remote} came back. DTLS and SRTP carry on; media keeps its pair until a new
     * one is selected. {@code role} is ours in the new session: controlling on the side that
     * offered the restart ({@link IceAgent#restart}).
     */
    public void restartIce(IceCredentials newLocal, RemoteParameters remote, IceRole role) {
        inbox.add(() -> agent.restart(newLocal, remote.ice(), remote.candidates(), role, System.nanoTime()));
    }

    /**
     * Protects and sends the RTP or RTCP packet in {@code buf[offset, offset+length)}, in place:
     * {@code buf} needs {@link #MAX_SEND_OVERHEAD} spare octets after it. False (and counted) when
     * there are no keys yet, no consent, or the packet is not RTP/RTCP.
     */
    public boolean send(byte[] buf, int offset, int length) {
        SrtpContexts keys = srtp;
        InetSocketAddress to = agent.selected();
        if (keys == null || to == null || !open) {
            counters.countNotSent();
            return false;
        }
        return switch (MediaDemux.classify(buf, offset, length)) {
            case RTP -> sendProtected(sendPacket, buf, offset, keys.rtpOut().protect(buf, offset, length), to);
            case RTCP -> sendRtcp(keys, buf, offset, length, to);
            default -> {
                counters.countNotSent();
                yield false;
            }
        };
    }

    private synchronized boolean sendRtcp(SrtpContexts keys, byte[] buf, int offset, int length, InetSocketAddress to) {
        return sendProtected(rtcpPacket, buf, offset, keys.rtcpOut().protect(buf, offset, length), to);
    }

    private boolean sendProtected(DatagramPacket packet, byte[] buf, int offset, int protectedLength,
                                  InetSocketAddress to) {
        if (protectedLength < 0) {
            counters.countNotSent();
            return false;
        }
        try {
            packet.setData(buf, offset, protectedLength);
            packet.setSocketAddress(to);
            socket.send(packet);
            return true;
        } catch (IOException e) {
            counters.countNotSent();
            return false;
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    public TransportCounters counters() {
        return counters;
    }

    public IceCounters iceCounters() {
        return iceCounters;
    }

    public DtlsCounters dtlsCounters() {
        return dtlsCounters;
    }

    @Override
    public void close() {
        open = false;
        port.close();
        DtlsEndpoint endpoint = dtls;
        if (endpoint != null) {
            endpoint.close();
        }
        Thread owner = thread;
        if (owner != null) {
            try {
                owner.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            serve();
        } catch (RuntimeException | AssertionError e) {
            LOG.error("transport thread of port {} failed; the session ends", socket.getLocalPort(), e);
            emit(new TransportEvent.Failed(TransportFailure.INTERNAL_ERROR, e.toString()));
        }
    }

    private void serve() {
        long deadline = agent.tick(System.nanoTime());
        MediaClock clock = listener.wantsMediaClock() ? new MediaClock(System.nanoTime()) : null;
        while (open) {
            for (Runnable command = inbox.poll(); command != null; command = inbox.poll()) {
                command.run();
                deadline = System.nanoTime();
            }
            long wait = Math.min(deadline - System.nanoTime(), MAX_WAIT_NANOS);
            if (clock != null) {
                wait = Math.min(wait, clock.next - System.nanoTime());
            }
            boolean stun = false;
            if (wait > 0) {
                try {
                    socket.setSoTimeout((int) Math.max(1, wait / 1_000_000));
                    receivePacket.setLength(MAX_DATAGRAM);
                    socket.receive(receivePacket);
                    stun = handle(receivePacket.getLength());
                } catch (SocketTimeoutException e) {
                    // a timer is due
                } catch (IOException e) {
                    if (open) {
                        emit(new TransportEvent.Failed(TransportFailure.SOCKET_ERROR, e.toString()));
                    }
                    return;
                }
            }
            long now = System.nanoTime();
            if (stun || now - deadline >= 0) {
                deadline = agent.tick(now);
            }
            if (clock != null && clock.due(now)) {
                listener.onMediaClock(clock.tick / 1_000_000);
            }
            listener.onTransportTick(now);
        }
    }

    /**
     * The 20 ms media clock of the transport thread. Late ticks are caught up one per loop; after a
     * stall of more than five periods the missed ticks are skipped rather than burst out, keeping
     * the grid, so {@link #tick} (the nominal instant of the tick due) tells the session how many
     * frames were lost.
     */
    private static final class MediaClock {
        private static final long PERIOD = Duration.ofMillis(MEDIA_CLOCK_MS).toNanos();
        long next;
        long tick;

        MediaClock(long now) {
            next = now + PERIOD;
        }

        boolean due(long now) {
            if (now - next < 0) {
                return false;
            }
            if (now - next > 5 * PERIOD) {
                next += (now - next) / PERIOD * PERIOD;
            }
            tick = next;
            next += PERIOD;
            return true;
        }
    }

    /** RFC 7983 §7 demux; returns whether the datagram was STUN (ICE may have work to do). */
    private boolean handle(int length) {
        switch (MediaDemux.classify(receiveBuffer, 0, length)) {
            case STUN -> {
                agent.onStun(receiveBuffer, 0, length, (InetSocketAddress) receivePacket.getSocketAddress(), System.nanoTime());
                return true;
            }
            case DTLS -> {
                lastDtlsSource = (InetSocketAddress) receivePacket.getSocketAddress();
                dtls.receive(receiveBuffer, 0, length);
            }
            case RTP -> media(PacketKind.RTP, length);
            case RTCP -> media(PacketKind.RTCP, length);
            default -> counters.countUnclassified();
        }
        return false;
    }

    private void media(PacketKind kind, int length) {
        SrtpContexts keys = srtp;
        if (keys == null) {
            counters.countBeforeKeys();
            return;
        }
        InetSocketAddress selected = agent.selected();
        boolean fromSelected = selected != null && selected.getPort() == receivePacket.getPort()
                && selected.getAddress().equals(receivePacket.getAddress());
        if (!fromSelected && !agent.acceptsMediaFrom((InetSocketAddress) receivePacket.getSocketAddress())) {
            counters.countForeignSource();
            return;
        }
        int plain = kind == PacketKind.RTP
                ? keys.rtpIn().unprotect(receiveBuffer, 0, length)
                : keys.rtcpIn().unprotect(receiveBuffer, 0, length);
        if (plain > 0) { // rejections (auth, replay) are counted by the SRTP contexts
            listener.onMedia(receiveBuffer, 0, plain, kind);
        }
    }

    private void onIceEvent(IceEvent event) {
        switch (event) {
            case IceEvent.Selected selected -> {
                LOG.debug("ICE selected {} as {}", selected.remote(), selected.role());
                dtls.start(); // no-op for a server, already waiting; the client sends its ClientHello now
            }
            case IceEvent.Failed failed -> emit(new TransportEvent.Failed(TransportFailure.ICE_FAILED, failed.reason()));
            case IceEvent.ConsentLost lost -> emit(new TransportEvent.ConsentLost(lost.silence()));
        }
    }

    private void onDtlsOutcome(DtlsOutcome outcome) {
        switch (outcome) {
            case DtlsOutcome.Established established -> {
                srtp = SrtpContexts.of(established);
                emit(new TransportEvent.Connected(agent.selected(), established.profile()));
            }
            case DtlsOutcome.Failed failed -> emit(new TransportEvent.Failed(TransportFailure.DTLS_FAILED,
                    failed.cause() + ": " + failed.detail()));
        }
    }

    private void sendStun(byte[] datagram, InetSocketAddress to) {
        sendQuietly(datagram, 0, datagram.length, to);
    }

    /** DTLS goes to the selected pair; before our side selects one, back to whoever sent DTLS. */
    private void sendDtls(byte[] buf, int offset, int length) {
        InetSocketAddress to = agent.selected();
        sendQuietly(buf, offset, length, to != null ? to : lastDtlsSource);
    }

    private void sendQuietly(byte[] buf, int offset, int length, InetSocketAddress to) {
        if (to == null || !open) {
            return; // the protocol retransmits
        }
        try {
            socket.send(new DatagramPacket(buf, offset, length, to));
        } catch (IOException e) {
            LOG.debug("send to {} failed: {}", to, e.toString());
        }
    }

    private synchronized void emit(TransportEvent event) {
        if (open) {
            listener.onEvent(event);
        }
    }
}
