package io.ringedge.media.control;

import io.ringedge.media.MediaConfig;
import io.ringedge.media.UdpPortAllocator;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.media.dtls.DtlsFingerprint;
import io.ringedge.media.dtls.DtlsSetup;
import io.ringedge.media.ice.IceCandidate;
import io.ringedge.media.ice.IceCandidateParser;
import io.ringedge.media.ice.IceCredentials;
import io.ringedge.media.ice.IceRole;
import io.ringedge.media.rtcp.LegRtcp;
import io.ringedge.media.rtcp.NtpTime;
import io.ringedge.media.rtp.PacketKind;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.sdp.MediaDescription;
import io.ringedge.media.sdp.SessionDescription;
import io.ringedge.media.webrtc.LocalParameters;
import io.ringedge.media.webrtc.RemoteParameters;
import io.ringedge.media.webrtc.TransportEvent;
import io.ringedge.media.webrtc.TransportListener;
import io.ringedge.media.webrtc.WebRtcTransport;
import io.ringedge.media.loop.MediaLoop;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The "browser" of a loopback call: our own WebRTC transport (a full ICE + DTLS-SRTP stack) as the
 * answerer, which keeps every decrypted RTP packet it receives, and reports what it sends and
 * receives in SRTCP with its own {@link LegRtcp} when asked. RTCP state is touched by the transport
 * thread and the test's, so under the browser's lock.
 */
final class LoopbackBrowser implements TransportListener, AutoCloseable {
    static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate();
    static final int SSRC = 0x0B0B0B0B;

    final BlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
    final List<TransportEvent> events = new CopyOnWriteArrayList<>();
    /** The browser's own media loop, as a browser has its own network thread. */
    private final MediaLoop loop = new MediaLoop("loopback-browser");
    private final WebRtcTransport transport;
    private final LegRtcp rtcp;
    private int sequence;
    private long timestamp;
    private int rtcpReceived;

    LoopbackBrowser(MediaConfig config) {
        this(config, 8000);
    }

    /** @param clockRate of the codec the browser's answer will choose, for its reports */
    LoopbackBrowser(MediaConfig config, int clockRate) {
        rtcp = new LegRtcp(SSRC, clockRate, "loopback-browser");
        UdpPortAllocator ports = new UdpPortAllocator(config.bindAddress(), config.devicePortRange(), 1);
        transport = WebRtcTransport.open(config, loop, ports.allocate().orElseThrow(), CERTIFICATE, IceRole.CONTROLLED, this);
    }

    /**
     * The device's answer: {@code fixture} (a real browser's answer) with our ICE credentials,
     * candidate and fingerprint in place of the browser's.
     */
    String answer(String fixture) {
        LocalParameters local = transport.localParameters();
        return fixture.replaceAll("a=candidate:[^\r\n]*", "a=" + local.candidate().format())
                .replaceAll("a=ice-ufrag:[^\r\n]*", "a=ice-ufrag:" + local.ice().ufrag())
                .replaceAll("a=ice-pwd:[^\r\n]*", "a=ice-pwd:" + local.ice().pwd())
                .replaceAll("a=fingerprint:[^\r\n]*", "a=fingerprint:" + local.fingerprint().sdpValue());
    }

    /**
     * A mid-call offer as a browser writes it (JSEP §5.2.2): {@code fixture} with our fingerprint and
     * candidate, {@code a=setup:actpass}, {@code direction}, and {@code ice} as ICE credentials
     * (fresh ones ask for an ICE restart, RFC 8445 §9).
     */
    String reoffer(String fixture, IceCredentials ice, String direction) {
        LocalParameters local = transport.localParameters();
        return fixture.replaceAll("a=candidate:[^\r\n]*", "a=" + local.candidate().format())
                .replaceAll("a=ice-ufrag:[^\r\n]*", "a=ice-ufrag:" + ice.ufrag())
                .replaceAll("a=ice-pwd:[^\r\n]*", "a=ice-pwd:" + ice.pwd())
                .replaceAll("a=fingerprint:[^\r\n]*", "a=fingerprint:" + local.fingerprint().sdpValue())
                .replaceAll("a=setup:[^\r\n]*", "a=setup:actpass")
                .replaceAll("a=(sendrecv|sendonly|recvonly|inactive)", "a=" + direction);
    }

    /** Our ICE restart once the worker answered it: {@code fresh} went out in our offer, so we control. */
    void restartIce(IceCredentials fresh, SessionDescription workerAnswer) {
        MediaDescription audio = workerAnswer.media().get(0);
        transport.restartIce(fresh, new RemoteParameters(
                new IceCredentials(workerAnswer.attribute(audio, "ice-ufrag").orElseThrow(),
                        workerAnswer.attribute(audio, "ice-pwd").orElseThrow()),
                audio.candidates().stream()
                        .map(c -> ((IceCandidateParser.Parsed) IceCandidateParser.parse(c.value())).candidate()).toList(),
                DtlsFingerprint.parse(workerAnswer.attribute(audio, "fingerprint").orElseThrow()).orElseThrow(),
                DtlsSetup.ACTPASS), IceRole.CONTROLLING);
    }

    /** Starts ICE and DTLS toward the worker's offer, in the DTLS role {@code ourSetup} our answer said. */
    void start(SessionDescription workerOffer, DtlsSetup ourSetup) {
        MediaDescription audio = workerOffer.media().get(0);
        List<IceCandidate> candidates = audio.candidates().stream()
                .map(c -> ((IceCandidateParser.Parsed) IceCandidateParser.parse(c.value())).candidate()).toList();
        transport.start(new RemoteParameters(
                new IceCredentials(workerOffer.attribute(audio, "ice-ufrag").orElseThrow(),
                        workerOffer.attribute(audio, "ice-pwd").orElseThrow()),
                candidates, DtlsFingerprint.parse(workerOffer.attribute(audio, "fingerprint").orElseThrow()).orElseThrow(),
                DtlsSetup.ACTPASS), ourSetup);
    }

    /** Sends one 20 ms RTP packet with {@code payload}, advancing the timestamp by {@code frameTs}. */
    boolean send(int payloadType, byte[] payload, int frameTs) {
        byte[] packet = new byte[12 + payload.length + WebRtcTransport.MAX_SEND_OVERHEAD];
        RtpHeader.writeFixed(packet, 0, sequence == 0, payloadType, sequence++, timestamp, SSRC);
        synchronized (this) {
            rtcp.sender().sent(timestamp, payload.length, System.nanoTime() / 1_000_000);
        }
        timestamp += frameTs;
        System.arraycopy(payload, 0, packet, 12, payload.length);
        return transport.send(packet, 0, 12 + payload.length);
    }

    /** Sends our SR/RR compound as SRTCP. */
    boolean sendReport() {
        byte[] report = new byte[LegRtcp.MAX_COMPOUND + WebRtcTransport.MAX_SEND_OVERHEAD];
        int length;
        synchronized (this) { // not held while sending: the loop thread takes it in onMedia
            length = rtcp.writeCompound(report, 0, System.nanoTime() / 1_000_000,
                    NtpTime.fromUnixMillis(System.currentTimeMillis()));
        }
        return transport.send(report, 0, length);
    }

    /** Our RTT to the worker from its report blocks, -1 before one came. */
    synchronized double rttMs() {
        return rtcp.rttMs();
    }

    /** Valid RTCP compounds the worker sent us. */
    synchronized int rtcpReceived() {
        return rtcpReceived;
    }

    int port() {
        return transport.port();
    }

    void awaitConnected(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (events.stream().noneMatch(TransportEvent.Connected.class::isInstance)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("browser not connected within " + seconds + " s: " + events);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void onMedia(byte[] buf, int offset, int length, PacketKind kind) {
        long now = System.nanoTime();
        synchronized (this) {
            if (kind == PacketKind.RTP) {
                rtcp.reception().received(RtpHeader.ssrc(buf, offset), RtpHeader.sequenceNumber(buf, offset),
                        RtpHeader.timestamp(buf, offset), RtpHeader.payloadLength(buf, offset, length), now / 1_000_000);
            } else if (rtcp.receive(buf, offset, length, now / 1_000_000,
                    NtpTime.fromUnixMillis(System.currentTimeMillis())) == io.ringedge.media.rtp.RtcpCheck.VALID) {
                rtcpReceived++;
            }
        }
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
}
