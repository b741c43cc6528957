package io.ringedge.testkit.media;

import io.ringedge.media.MediaConfig;
import io.ringedge.media.PortRange;
import io.ringedge.media.UdpPortAllocator;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.media.dtls.DtlsFingerprint;
import io.ringedge.media.dtls.DtlsSetup;
import io.ringedge.media.ice.IceCandidate;
import io.ringedge.media.ice.IceCandidateParser;
import io.ringedge.media.ice.IceCredentials;
import io.ringedge.media.ice.IceRole;
import io.ringedge.media.rtp.PacketKind;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.sdp.MediaDescription;
import io.ringedge.media.sdp.Rtpmap;
import io.ringedge.media.sdp.SdpParseResult;
import io.ringedge.media.sdp.SdpParser;
import io.ringedge.media.sdp.SessionDescription;
import io.ringedge.media.webrtc.LocalParameters;
import io.ringedge.media.webrtc.RemoteParameters;
import io.ringedge.media.webrtc.TransportEvent;
import io.ringedge.media.webrtc.TransportListener;
import io.ringedge.media.webrtc.WebRtcTransport;
import io.ringedge.media.loop.MediaLoop;
import io.ringedge.media.transcode.MediaSettings;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The device end of a worker session, built from our own stack (ICE, DTLS-SRTP): what a browser
 * does with the worker's WebRTC offer, for tests and load generators that have no browser. It
 * answers with G.711 when offered (PCMU first), else Opus, as {@code a=setup:active} (RFC 8842
 * §5.3: the answerer of an {@code actpass} offer picks) with its own ICE credentials, host
 * candidate and certificate fingerprint, starts ICE and DTLS at once, and keeps every decrypted
 * RTP packet it receives.
 */
public final class WebRtcDevicePeer implements TransportListener, AutoCloseable {

    /** One certificate for every peer of the process: browsers pin nothing across calls either. */
    private static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate();
    private static final int SSRC = 0x0B0B0B0B;

    private final BlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
    private final List<TransportEvent> events = new CopyOnWriteArrayList<>();
    /** The peer's own media loop, as a device has its own network thread. */
    private final MediaLoop loop = new MediaLoop("device-peer");
    private final WebRtcTransport transport;
    private final MediaConfig config;
    private int payloadType = -1;
    private int clockRate;
    private int sequence;
    private long timestamp;

    private WebRtcDevicePeer(MediaConfig config, UdpPortAllocator ports) {
        this.config = config;
        try {
            this.transport = WebRtcTransport.open(config, loop, ports.allocate().orElseThrow(
                    () -> new IllegalStateException("no free UDP port in " + ports.range())), CERTIFICATE,
                    IceRole.CONTROLLED, this);
        } catch (RuntimeException e) {
            loop.close(); // no peer to close it: its thread would outlive the test
            throw e;
        }
    }

    /**
     * A peer on a port of {@code ports} at {@code address}, with short ICE and DTLS timeouts: a
     * test wants to hear of a failure quickly.
     */
    public static WebRtcDevicePeer open(InetAddress address, PortRange ports) {
        // a device has no PBX leg: the config's PBX range is never allocated, it only has to be valid
        PortRange low = new PortRange(1024, 1025);
        PortRange unusedPbx = ports.overlaps(low) ? new PortRange(65534, 65535) : low;
        MediaConfig config = new MediaConfig("device-peer", address, address, unusedPbx, ports, address, 0,
                Optional.empty(), 1, Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5), 1, MediaSettings.DEFAULT,
                URI.create("redis://127.0.0.1"),
                false, "device-peer");
        return new WebRtcDevicePeer(config, new UdpPortAllocator(address, ports, 1));
    }

    /**
     * Answers the worker's {@code offer} and starts ICE and DTLS toward it.
     *
     * @throws IllegalArgumentException when the offer is not a WebRTC audio offer this peer can answer
     */
    public synchronized String answer(String offer) {
        if (!(SdpParser.parse(offer) instanceof SdpParseResult.Parsed(SessionDescription sdp))) {
            throw new IllegalArgumentException("not SDP: " + offer);
        }
        MediaDescription audio = sdp.media().stream().filter(m -> m.media().equals("audio")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no audio in the offer"));
        Rtpmap codec = pick(audio);
        payloadType = codec.payloadType();
        clockRate = codec.clockRate();
        Optional<Rtpmap> events = audio.rtpmaps().stream()
                .filter(r -> r.encoding().equalsIgnoreCase("telephone-event") && r.clockRate() == codec.clockRate())
                .findFirst();
        List<IceCandidate> candidates = audio.candidates().stream()
                .map(c -> IceCandidateParser.parse(c.value()))
                .filter(IceCandidateParser.Parsed.class::isInstance)
                .map(p -> ((IceCandidateParser.Parsed) p).candidate()).toList();
        transport.start(new RemoteParameters(
                new IceCredentials(required(sdp, audio, "ice-ufrag"), required(sdp, audio, "ice-pwd")),
                candidates, DtlsFingerprint.parse(required(sdp, audio, "fingerprint")).orElseThrow(
                        () -> new IllegalArgumentException("unreadable fingerprint")),
                DtlsSetup.ACTPASS), DtlsSetup.ACTIVE);
        return encode(audio.mid().orElse("0"), codec, events);
    }

    /** The payload type this peer answered with (-1 before {@link #answer}). */
    public synchronized int payloadType() {
        return payloadType;
    }

    /** Sends one RTP packet of {@code payload} in the answered codec, {@code samples} after the last. */
    public synchronized boolean send(byte[] payload, int samples) {
        byte[] packet = new byte[RtpHeader.FIXED_LENGTH + payload.length + WebRtcTransport.MAX_SEND_OVERHEAD];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) ((sequence == 0 ? 0x80 : 0) | payloadType);
        RtpHeader.setSequenceNumber(packet, 0, sequence++ & 0xFFFF);
        RtpHeader.setTimestamp(packet, 0, timestamp);
        packet[8] = (byte) (SSRC >>> 24);
        packet[9] = (byte) (SSRC >>> 16);
        packet[10] = (byte) (SSRC >>> 8);
        packet[11] = (byte) SSRC;
        timestamp += samples;
        System.arraycopy(payload, 0, packet, RtpHeader.FIXED_LENGTH, payload.length);
        return transport.send(packet, 0, RtpHeader.FIXED_LENGTH + payload.length);
    }

    /** The next decrypted RTP packet received, or null after {@code timeout}. */
    public byte[] receive(Duration timeout) throws InterruptedException {
        return rtp.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until ICE and DTLS are up; false after {@code timeout} or when the transport failed. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (events.stream().anyMatch(TransportEvent.Connected.class::isInstance)) {
                return true;
            }
            if (events.stream().anyMatch(TransportEvent.Failed.class::isInstance)) {
                return false;
            }
            Thread.sleep(10);
        }
        return false;
    }

    public List<TransportEvent> events() {
        return List.copyOf(events);
    }

    public int port() {
        return transport.port();
    }

    @Override
    public void onMedia(byte[] buf, int offset, int length, PacketKind kind) {
        if (kind == PacketKind.RTP) {
            rtp.add(Arrays.copyOfRange(buf, offset, offset + length));
        }
    }

    @Override
    public void onEvent(TransportEvent event) {
        events.add(event);
    }

    @Override
    public void close() {
        transport.close();
        loop.close();
    }

    private static Rtpmap pick(MediaDescription audio) {
        for (String name : List.of("PCMU", "PCMA", "opus")) {
            Optional<Rtpmap> found = audio.payloadTypes().stream().map(audio::rtpmap).flatMap(Optional::stream)
                    .filter(r -> r.encoding().equalsIgnoreCase(name)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalArgumentException("no PCMU, PCMA or Opus offered: " + audio.mLine());
    }

    private static String required(SessionDescription sdp, MediaDescription audio, String attribute) {
        return sdp.attribute(audio, attribute).orElseThrow(
                () -> new IllegalArgumentException("a WebRTC offer needs a=" + attribute));
    }

    private String encode(String mid, Rtpmap codec, Optional<Rtpmap> events) {
        LocalParameters local = transport.localParameters();
        String address = config.advertisedAddress().getHostAddress();
        String formats = codec.payloadType() + events.map(e -> " " + e.payloadType()).orElse("");
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=- ").append(System.nanoTime() & Long.MAX_VALUE).append(" 2 IN IP4 ").append(address).append("\r\n")
                .append("s=-\r\n")
                .append("t=0 0\r\n")
                .append("a=group:BUNDLE ").append(mid).append("\r\n")
                .append("m=audio ").append(transport.port()).append(" UDP/TLS/RTP/SAVPF ").append(formats).append("\r\n")
                .append("c=IN IP4 ").append(address).append("\r\n")
                .append("a=").append(local.candidate().format()).append("\r\n")
                .append("a=ice-ufrag:").append(local.ice().ufrag()).append("\r\n")
                .append("a=ice-pwd:").append(local.ice().pwd()).append("\r\n")
                .append("a=fingerprint:").append(local.fingerprint().sdpValue()).append("\r\n")
                .append("a=setup:active\r\n")
                .append("a=mid:").append(mid).append("\r\n")
                .append("a=sendrecv\r\n")
                .append("a=rtcp-mux\r\n")
                .append("a=rtpmap:").append(codec.payloadType()).append(' ').append(codec.encoding()).append('/')
                .append(codec.clockRate()).append(codec.channels().isPresent() ? "/" + codec.channels().getAsInt() : "")
                .append("\r\n");
        events.ifPresent(e -> sdp.append("a=rtpmap:").append(e.payloadType()).append(" telephone-event/")
                .append(e.clockRate()).append("\r\n"));
        return sdp.toString();
    }
}
