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
import io.ringedge.media.rtp.PacketKind;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.sdp.MediaDescription;
import io.ringedge.media.sdp.SessionDescription;
import io.ringedge.media.webrtc.LocalParameters;
import io.ringedge.media.webrtc.RemoteParameters;
import io.ringedge.media.webrtc.TransportEvent;
import io.ringedge.media.webrtc.TransportListener;
import io.ringedge.media.webrtc.WebRtcTransport;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The "browser" of a loopback call: our own WebRTC transport (a full ICE + DTLS-SRTP stack) as the
 * answerer, which keeps every decrypted RTP packet it receives.
 */
final class LoopbackBrowser implements TransportListener, AutoCloseable {
    static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate();

    final BlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
    final List<TransportEvent> events = new CopyOnWriteArrayList<>();
    private final WebRtcTransport transport;
    private int sequence;
    private long timestamp;

    LoopbackBrowser(MediaConfig config) {
        UdpPortAllocator ports = new UdpPortAllocator(config.bindAddress(), config.devicePortRange(), 1);
        transport = WebRtcTransport.open(config, ports.allocate().orElseThrow(), CERTIFICATE, IceRole.CONTROLLED, this);
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
        RtpHeader.writeFixed(packet, 0, sequence == 0, payloadType, sequence++, timestamp, 0x0B0B0B0B);
        timestamp += frameTs;
        System.arraycopy(payload, 0, packet, 12, payload.length);
        return transport.send(packet, 0, 12 + payload.length);
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
    }
}
