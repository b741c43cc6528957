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
import io.ringedge.media.loop.FaultHandler;
import io.ringedge.media.loop.LoopTimer;
import io.ringedge.media.loop.MediaLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's device-facing transport: one UDP port for ICE, DTLS and SRTP/SRTCP, split by the
 * RFC 7983 demux. It lives on the session's {@link MediaLoop}: the loop reads its channel, runs its
 * ICE agent's timer, and every method that touches its state runs there (called from another
 * thread, {@link #send} and {@link #close} hand themselves over and wait). Media is received into
 * one reused buffer and decrypted in place, so nothing is allocated per packet on the way in;
 * {@link #send} encrypts in the caller's buffer.
 *
 * <p>BouncyCastle's DTLS handshake is blocking (its {@code DatagramTransport} waits in
 * {@code receive} to time its retransmissions, RFC 6347 §4.2.4), so it runs on a virtual thread of
 * its own ({@link DtlsEndpoint}), fed from this loop through a queue; what it sends and its outcome
 * come back to the loop as handed-over work, and the SRTP keys are installed there, so the media
 * path never waits for DTLS and DTLS never touches the channel.
 */
public final class WebRtcTransport implements AutoCloseable {
    /** What {@link #send} may append: the SRTCP index and the longest tag (AES-GCM, RFC 7714 §17). */
    public static final int MAX_SEND_OVERHEAD = 4 + 16;
    /** The media clock's period: one 20 ms frame on both legs. */
    public static final int MEDIA_CLOCK_MS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcTransport.class);
    private static final int MAX_DATAGRAM = 1500;

    private final MediaConfig config;
    private final DtlsCertificate certificate;
    private final BoundPorts port;
    private final DatagramChannel channel;
    private final int localPort;
    private final MediaLoop loop;
    private final IceAgent agent;
    private final TransportListener listener;
    private final TransportCounters counters = new TransportCounters();
    private final IceCounters iceCounters = new IceCounters();
    private final DtlsCounters dtlsCounters = new DtlsCounters();
    private final byte[] receiveBuffer = new byte[MAX_DATAGRAM];
    private final FaultHandler onFault = this::onFault;
    private final LoopTimer iceTimer;
    private MediaLoop.Registration registration;
    private DtlsEndpoint dtls;
    private SrtpContexts srtp;
    private InetSocketAddress lastDtlsSource;
    private boolean started;
    /** Written on the loop; volatile so a caller on another thread sees a closed transport at once. */
    private volatile boolean open = true;

    private WebRtcTransport(MediaConfig config, MediaLoop loop, DtlsCertificate certificate, BoundPorts port,
                            IceRole role, TransportListener listener) {
        this.config = config;
        this.loop = loop;
        this.certificate = certificate;
        this.port = port;
        this.channel = port.channels().get(0);
        this.localPort = port.firstPort();
        this.listener = listener;
        SecureRandom random = new SecureRandom();
        this.agent = new IceAgent(role, random.nextLong(), IceCredentials.random(),
                new InetSocketAddress(config.advertisedAddress(), localPort),
                IceTiming.standard(config.iceConnectTimeout(), config.consentInterval(), config.consentTimeout()),
                this::sendStun, this::onIceEvent, iceCounters, random);
        this.iceTimer = loop.timer(onFault, this::tickIce);
    }

    /**
     * A transport on {@code port} (a port of {@code media.device-port-range}), served by
     * {@code loop}; it owns the port from now on and releases it on {@link #close}. {@code role} is
     * ours by RFC 8445 §6.1.1: controlling when we send the offer.
     */
    public static WebRtcTransport open(MediaConfig config, MediaLoop loop, BoundPorts port, DtlsCertificate certificate,
                                       IceRole role, TransportListener listener) {
        return new WebRtcTransport(config, loop, certificate, port, role, listener);
    }

    /** For our SDP: call before {@link #start}. */
    public LocalParameters localParameters() {
        return new LocalParameters(agent.localCredentials(), agent.localCandidate(), certificate.fingerprint());
    }

    /**
     * Starts ICE with the peer's parameters, and DTLS in the role {@code localSetup} and the
     * peer's {@code a=setup} give (RFC 8842 §5.3). The session must have negotiated a valid pair
     * ({@link DtlsSetup#answer()}); an invalid one is a programming error. Datagrams that arrived
     * before (a browser may check before its answer reaches us) wait in the socket until now.
     */
    public void start(RemoteParameters remote, DtlsSetup localSetup) {
        DtlsRole role = localSetup.localRole(remote.setup()).orElseThrow(() -> new IllegalArgumentException(
                "a=setup:" + localSetup.sdpValue() + " against a=setup:" + remote.setup().sdpValue()
                        + " names no DTLS client (RFC 8842 §5.3)"));
        // Built on the caller's thread: the first one loads BouncyCastle, which the loop must not wait for.
        DtlsEndpoint endpoint = new DtlsEndpoint(certificate, role, remote.fingerprint(), this::sendDtls,
                config.dtlsHandshakeTimeout(), dtlsCounters);
        loop.run(() -> startOnLoop(remote, endpoint));
    }

    private void startOnLoop(RemoteParameters remote, DtlsEndpoint endpoint) {
        if (started) {
            throw new IllegalStateException("transport already started");
        }
        if (!open) {
            return; // closed before it started: the endpoint never ran
        }
        started = true;
        endpoint.outcome().thenAccept(outcome -> loop.execute(onFault, () -> onDtlsOutcome(outcome)));
        endpoint.peerClosed().thenRun(() -> loop.execute(onFault, () -> emit(new TransportEvent.Failed(
                TransportFailure.DTLS_CLOSED, "the peer ended the DTLS association"))));
        dtls = endpoint;
        registration = loop.register(channel, onFault, this::onReadable);
        agent.start(remote.ice(), remote.candidates(), System.nanoTime());
        iceTimer.at(System.nanoTime());
        if (endpoint.role() == DtlsRole.SERVER) {
            endpoint.start(); // ready for a ClientHello as soon as the peer's ICE connects
        }
    }

    /**
     * ICE restart (RFC 8445 §9) once the new offer/answer is done: {@code newLocal} went out in
     * our SDP, {@code remote} came back. DTLS and SRTP carry on; media keeps its pair until a new
     * one is selected. {@code role} is ours in the new session: controlling on the side that
     * offered the restart ({@link IceAgent#restart}).
     */
    public void restartIce(IceCredentials newLocal, RemoteParameters remote, IceRole role) {
        loop.execute(onFault, () -> {
            if (open) {
                long now = System.nanoTime();
                agent.restart(newLocal, remote.ice(), remote.candidates(), role, now);
                iceTimer.at(now);
            }
        });
    }

    /**
     * Protects and sends the RTP or RTCP packet in {@code buf[offset, offset+length)}, in place:
     * {@code buf} needs {@link #MAX_SEND_OVERHEAD} spare octets after it. False (and counted) when
     * there are no keys yet, no consent, or the packet is not RTP/RTCP. On the loop thread this
     * sends at once; from another thread it is handed to the loop, and returns when sent.
     */
    public boolean send(byte[] buf, int offset, int length) {
        if (loop.inLoop()) {
            return sendOnLoop(buf, offset, length);
        }
        return loop.call(() -> sendOnLoop(buf, offset, length));
    }

    private boolean sendOnLoop(byte[] buf, int offset, int length) {
        SrtpContexts keys = srtp;
        InetSocketAddress to = agent.selected();
        if (keys == null || to == null || !open) {
            counters.countNotSent();
            return false;
        }
        int protectedLength = switch (MediaDemux.classify(buf, offset, length)) {
            case RTP -> keys.rtpOut().protect(buf, offset, length);
            case RTCP -> keys.rtcpOut().protect(buf, offset, length);
            default -> -1;
        };
        if (protectedLength < 0 || !loop.send(channel, buf, offset, protectedLength, to)) {
            counters.countNotSent();
            return false;
        }
        return true;
    }

    public int port() {
        return localPort;
    }

    /** The loop this transport lives on. */
    public MediaLoop loop() {
        return loop;
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

    /** Ends DTLS, stops the loop's work for this transport and releases the port. Idempotent. */
    @Override
    public void close() {
        loop.run(this::closeOnLoop);
    }

    private void closeOnLoop() {
        if (!open) {
            return;
        }
        halt();
        if (dtls != null) {
            // Off the loop: BouncyCastle's close may wait for its reading thread, and the loop serves
            // other sessions. The transport is closed already, so no close_notify goes out.
            Thread.ofVirtual().name("dtls-close").start(dtls::close);
        }
        port.close();
        loop.settle();
    }

    /** Stops serving the channel and the ICE timer; the port stays bound until {@link #close}. */
    private void halt() {
        open = false;
        iceTimer.cancel();
        if (registration != null) {
            registration.cancel();
        }
    }

    /**
     * Something escaped the session's media code or ours on the loop: this transport stops
     * (a fault that repeats per packet would otherwise flood the log) and the session ends with
     * cause {@code internal-error}; the loop goes on serving every other session.
     */
    private void onFault(Throwable fault) {
        if (open) {
            listener.onEvent(new TransportEvent.Failed(TransportFailure.INTERNAL_ERROR, fault.toString()));
        }
        halt();
    }

    private void tickIce(long now) {
        iceTimer.at(agent.tick(now));
    }

    private void onReadable() {
        int length;
        try {
            length = loop.receive(channel, receiveBuffer, 0, MAX_DATAGRAM);
        } catch (IOException e) {
            if (open) {
                emit(new TransportEvent.Failed(TransportFailure.SOCKET_ERROR, e.toString()));
                halt();
            }
            return;
        }
        if (length >= 0 && open) {
            handle(length, loop.source());
        }
    }

    /** RFC 7983 §7 demux. */
    private void handle(int length, InetSocketAddress from) {
        switch (MediaDemux.classify(receiveBuffer, 0, length)) {
            case STUN -> {
                long now = System.nanoTime();
                agent.onStun(receiveBuffer, 0, length, from, now);
                tickIce(now); // an answered check may have nominated a pair, or queued a triggered check
            }
            case DTLS -> {
                lastDtlsSource = from;
                dtls.receive(receiveBuffer, 0, length);
            }
            case RTP -> media(PacketKind.RTP, length, from);
            case RTCP -> media(PacketKind.RTCP, length, from);
            default -> counters.countUnclassified();
        }
    }

    private void media(PacketKind kind, int length, InetSocketAddress from) {
        SrtpContexts keys = srtp;
        if (keys == null) {
            counters.countBeforeKeys();
            return;
        }
        InetSocketAddress selected = agent.selected();
        boolean fromSelected = selected != null && selected.getPort() == from.getPort()
                && selected.getAddress().equals(from.getAddress());
        if (!fromSelected && !agent.acceptsMediaFrom(from)) {
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

    /**
     * DTLS goes to the selected pair; before our side selects one, back to whoever sent DTLS. From
     * the handshake thread the datagram is copied and handed to the loop (BouncyCastle reuses its
     * buffer).
     */
    private void sendDtls(byte[] buf, int offset, int length) {
        if (loop.inLoop()) {
            sendDtlsOnLoop(buf, offset, length);
            return;
        }
        byte[] copy = Arrays.copyOfRange(buf, offset, offset + length);
        loop.execute(onFault, () -> sendDtlsOnLoop(copy, 0, copy.length));
    }

    private void sendDtlsOnLoop(byte[] buf, int offset, int length) {
        InetSocketAddress to = agent.selected();
        sendQuietly(buf, offset, length, to != null ? to : lastDtlsSource);
    }

    private void sendQuietly(byte[] buf, int offset, int length, InetSocketAddress to) {
        if (to != null && open) {
            loop.send(channel, buf, offset, length, to); // if it did not go, the protocol retransmits
        }
    }

    private void emit(TransportEvent event) {
        if (open) {
            listener.onEvent(event);
        }
    }
}
