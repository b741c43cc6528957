package io.ringedge.bench.media;

import io.ringedge.media.BoundPorts;
import io.ringedge.media.MediaConfig;
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
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Both ends of one call through the worker. The PBX end is a plain RTP socket (and an RTCP one the
 * worker reports to) sending PCMU; the device end is our own WebRTC transport, a full ICE +
 * DTLS-SRTP peer as a browser is, sending PCMU (pass-through) or Opus (transcoded). Frames go out
 * on the generator's {@link FrameClock}s; what the worker sends back is measured by a
 * {@link StreamMeter} per direction: on the PBX socket's own virtual thread, and on the transport's.
 */
final class BenchCall implements TransportListener, AutoCloseable {
    static final int OPUS_PT = 111;
    private static final int SSRC_PBX = 0x0A0A0A0A;
    private static final int SSRC_DEVICE = 0x0B0B0B0B;

    private final boolean transcoded;
    private final BenchFrames frames;
    private final DatagramSocket pbxRtp;
    private final DatagramSocket pbxRtcp;
    private final WebRtcTransport transport;
    private final byte[] pbxOut = new byte[12 + BenchFrames.PCMU_BYTES];
    private final DatagramPacket pbxPacket = new DatagramPacket(pbxOut, pbxOut.length);
    private final byte[] deviceOut = new byte[1500];
    private final CompletableFuture<TransportEvent> connected = new CompletableFuture<>();
    private final StreamMeter atPbx;
    private final StreamMeter atDevice;
    final FrameClock.Source pbxSource = this::sendPbxFrame;
    final FrameClock.Source deviceSource = this::sendDeviceFrame;
    private final List<TransportEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean open = true;
    private Thread pbxReceiver;
    private int pbxFrame;
    private int deviceFrame;
    private String sessionId;

    BenchCall(MediaConfig peerConfig, BoundPorts devicePort, DtlsCertificate certificate, boolean transcoded,
              BenchFrames frames, long lateNanos, LatencyHistogram latency) throws SocketException {
        this.transcoded = transcoded;
        this.frames = frames;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.pbxRtp = new DatagramSocket(new InetSocketAddress(loopback, 0));
        this.pbxRtcp = new DatagramSocket(new InetSocketAddress(loopback, 0));
        this.atPbx = new StreamMeter(8000, lateNanos, transcoded ? null : latency);
        this.atDevice = new StreamMeter(transcoded ? 48000 : 8000, lateNanos, transcoded ? null : latency);
        this.transport = WebRtcTransport.open(peerConfig, devicePort, certificate, IceRole.CONTROLLED, this);
    }

    String pbxOffer() {
        return BenchSdp.pbxOffer(pbxRtp.getLocalPort(), pbxRtcp.getLocalPort());
    }

    String deviceAnswer() {
        LocalParameters local = transport.localParameters();
        return BenchSdp.browserAnswer(transcoded, local.candidate().format(), local.ice().ufrag(), local.ice().pwd(),
                local.fingerprint().sdpValue());
    }

    /**
     * Starts ICE and DTLS (we answered {@code a=setup:active}: the DTLS client) toward the worker's
     * device offer, and points the PBX end at the worker's PBX port from its answer.
     */
    CompletableFuture<TransportEvent> start(String sessionId, SessionDescription deviceOffer, int workerPbxPort) {
        this.sessionId = sessionId;
        MediaDescription audio = deviceOffer.media().get(0);
        List<IceCandidate> candidates = audio.candidates().stream()
                .map(c -> ((IceCandidateParser.Parsed) IceCandidateParser.parse(c.value())).candidate()).toList();
        pbxPacket.setSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), workerPbxPort));
        transport.start(new RemoteParameters(
                new IceCredentials(deviceOffer.attribute(audio, "ice-ufrag").orElseThrow(),
                        deviceOffer.attribute(audio, "ice-pwd").orElseThrow()),
                candidates, DtlsFingerprint.parse(deviceOffer.attribute(audio, "fingerprint").orElseThrow()).orElseThrow(),
                DtlsSetup.ACTPASS), DtlsSetup.ACTIVE);
        pbxReceiver = Thread.ofVirtual().name("bench-pbx-" + pbxRtp.getLocalPort()).start(this::receivePbx);
        return connected;
    }

    String sessionId() {
        return sessionId;
    }

    /** The generator side's transport counters, for the run's log. */
    String transportCounters() {
        var c = transport.counters();
        return "unclassified " + c.unclassified() + ", before keys " + c.beforeKeys() + ", foreign source "
                + c.foreignSource() + ", not sent " + c.notSent() + ", events " + events;
    }

    /** Whether the device leg ended after connecting (consent lost, ICE/DTLS/socket failure): a broken call. */
    boolean broken() {
        return events.stream().anyMatch(e -> !(e instanceof TransportEvent.Connected));
    }

    StreamMeter atPbx() {
        return atPbx;
    }

    StreamMeter atDevice() {
        return atDevice;
    }

    // ---- sending, on the frame clocks' threads ----

    private void sendPbxFrame(long nowNanos) {
        RtpHeader.writeFixed(pbxOut, 0, pbxFrame == 0, 0, pbxFrame, 160L * pbxFrame, SSRC_PBX);
        if (transcoded) {
            System.arraycopy(frames.pcmu(pbxFrame), 0, pbxOut, 12, BenchFrames.PCMU_BYTES);
        } else {
            BenchFrames.stamp(pbxOut, 12, nowNanos);
        }
        pbxFrame++;
        try {
            pbxRtp.send(pbxPacket);
        } catch (IOException e) {
            // closing
        }
    }

    private void sendDeviceFrame(long nowNanos) {
        int length;
        if (transcoded) {
            byte[] opus = frames.opus(deviceFrame);
            RtpHeader.writeFixed(deviceOut, 0, deviceFrame == 0, OPUS_PT, deviceFrame, 960L * deviceFrame, SSRC_DEVICE);
            System.arraycopy(opus, 0, deviceOut, 12, opus.length);
            length = 12 + opus.length;
        } else {
            RtpHeader.writeFixed(deviceOut, 0, deviceFrame == 0, 0, deviceFrame, 160L * deviceFrame, SSRC_DEVICE);
            BenchFrames.stamp(deviceOut, 12, nowNanos);
            length = 12 + BenchFrames.PCMU_BYTES;
        }
        deviceFrame++;
        transport.send(deviceOut, 0, length);
    }

    // ---- receiving ----

    private void receivePbx() {
        byte[] buf = new byte[1500];
        DatagramPacket datagram = new DatagramPacket(buf, buf.length);
        while (open) {
            try {
                datagram.setLength(buf.length);
                pbxRtp.receive(datagram);
            } catch (IOException e) {
                return; // closed
            }
            long now = System.nanoTime();
            int length = datagram.getLength();
            if (length < 12 || RtpHeader.payloadType(buf, 0) != 0) {
                continue; // telephone events or RTCP: not audio frames
            }
            atPbx.onPacket(RtpHeader.sequenceNumber(buf, 0), RtpHeader.timestamp(buf, 0), now, BenchFrames.stampAt(buf, 12, length - 12));
        }
    }

    @Override
    public void onMedia(byte[] buf, int offset, int length, PacketKind kind) {
        if (kind != PacketKind.RTP) {
            return; // the worker's SRTCP reports
        }
        long now = System.nanoTime();
        int header = RtpHeader.headerLength(buf, offset);
        atDevice.onPacket(RtpHeader.sequenceNumber(buf, offset), RtpHeader.timestamp(buf, offset), now,
                BenchFrames.stampAt(buf, offset + header, length - header));
    }

    @Override
    public void onEvent(TransportEvent event) {
        events.add(event);
        switch (event) {
            case TransportEvent.Connected c -> connected.complete(c);
            case TransportEvent.Failed f -> connected.completeExceptionally(new IOException(f.cause() + ": " + f.detail()));
            case TransportEvent.ConsentLost lost -> connected.completeExceptionally(new IOException("consent lost"));
        }
    }

    @Override
    public void close() {
        open = false;
        transport.close();
        pbxRtp.close();
        pbxRtcp.close();
        if (pbxReceiver != null) {
            try {
                pbxReceiver.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
