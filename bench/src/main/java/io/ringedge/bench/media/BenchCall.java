package io.ringedge.bench.media;

import io.ringedge.media.BoundPorts;
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
import io.ringedge.media.loop.LoopTimer;
import io.ringedge.media.loop.MediaLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Both ends of one call through the worker. The PBX end is a plain RTP channel (and an RTCP one the
 * worker reports to) sending PCMU; the device end is our own WebRTC transport, a full ICE +
 * DTLS-SRTP peer as a browser is, sending PCMU (pass-through) or Opus (transcoded). The whole call
 * lives on one of the generator's media loops, the same machinery as the worker's sessions: a loop
 * timer sends both ends' frames every 20 ms on the call's own phase, and what the worker sends back
 * is measured there by a {@link StreamMeter} per direction, so the generator costs per packet what
 * the worker does.
 */
final class BenchCall implements TransportListener, AutoCloseable {
    static final int OPUS_PT = 111;
    private static final int SSRC_PBX = 0x0A0A0A0A;
    private static final int SSRC_DEVICE = 0x0B0B0B0B;
    static final long FRAME_NANOS = 20_000_000;
    /** Calls' frame phases: 20 slots of 1 ms. */
    static final int SLOTS = 20;
    /** A second behind: skip rather than burst. */
    private static final int MAX_BEHIND_FRAMES = 50;

    private final boolean transcoded;
    private final BenchFrames frames;
    private final MediaLoop loop;
    private final DatagramChannel pbxRtp;
    private final DatagramChannel pbxRtcp;
    private final WebRtcTransport transport;
    private final byte[] pbxOut = new byte[12 + BenchFrames.PCMU_BYTES];
    private final byte[] pbxIn = new byte[1500];
    private InetSocketAddress workerPbx;
    private final byte[] deviceOut = new byte[1500];
    private final LatencyHistogram lag;
    private LoopTimer frameTimer;
    private MediaLoop.Registration pbxRegistration;
    /** Written on the call's loop, read by the benchmark's counters. */
    private volatile FrameSchedule schedule;
    private final CompletableFuture<TransportEvent> connected = new CompletableFuture<>();
    private final StreamMeter atPbx;
    private final StreamMeter atDevice;
    private final List<TransportEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int pbxFrame;
    private int deviceFrame;
    private String sessionId;

    /** @param lag where the call's frame timer records how late it ran */
    BenchCall(MediaConfig peerConfig, MediaLoop loop, BoundPorts devicePort, DtlsCertificate certificate,
              boolean transcoded, BenchFrames frames, long lateNanos, LatencyHistogram latency, LatencyHistogram lag)
            throws IOException {
        this.transcoded = transcoded;
        this.frames = frames;
        this.loop = loop;
        this.lag = lag;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.pbxRtp = DatagramChannel.open(UdpPortAllocator.family(loopback)).bind(new InetSocketAddress(loopback, 0));
        // the worker's reports, unread
        this.pbxRtcp = DatagramChannel.open(UdpPortAllocator.family(loopback)).bind(new InetSocketAddress(loopback, 0));
        this.atPbx = new StreamMeter(8000, lateNanos, transcoded ? null : latency);
        this.atDevice = new StreamMeter(transcoded ? 48000 : 8000, lateNanos, transcoded ? null : latency);
        this.transport = WebRtcTransport.open(peerConfig, loop, devicePort, certificate, IceRole.CONTROLLED, this);
    }

    String pbxOffer() {
        return BenchSdp.pbxOffer(pbxRtp.socket().getLocalPort(), pbxRtcp.socket().getLocalPort());
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
        workerPbx = new InetSocketAddress(InetAddress.getLoopbackAddress(), workerPbxPort);
        loop.run(() -> pbxRegistration = loop.register(pbxRtp, this::onFault, this::receivePbx));
        transport.start(new RemoteParameters(
                new IceCredentials(deviceOffer.attribute(audio, "ice-ufrag").orElseThrow(),
                        deviceOffer.attribute(audio, "ice-pwd").orElseThrow()),
                candidates, DtlsFingerprint.parse(deviceOffer.attribute(audio, "fingerprint").orElseThrow()).orElseThrow(),
                DtlsSetup.ACTPASS), DtlsSetup.ACTIVE);
        return connected;
    }

    /**
     * Starts both ends' frames: every 20 ms on the grid of {@code epochNanos} shifted by
     * {@code slot} ms, so calls spread over the frame as real calls, started at random moments, do.
     */
    void startFrames(long epochNanos, int slot) {
        loop.run(() -> {
            long period = FRAME_NANOS;
            long now = System.nanoTime();
            long phase = epochNanos + slot * period / SLOTS;
            schedule = new FrameSchedule(phase + ((now - phase) / period + 1) * period, period, MAX_BEHIND_FRAMES);
            frameTimer = loop.timer(this::onFault, this::sendFrames);
            frameTimer.at(schedule.due());
        });
    }

    private void sendFrames(long nowNanos) {
        lag.record(nowNanos - schedule.due());
        sendPbxFrame(nowNanos);
        sendDeviceFrame(System.nanoTime());
        frameTimer.at(schedule.sent(nowNanos));
    }

    /** Frames this call's generator skipped after falling more than a second behind (not sent, not lost). */
    long skippedFrames() {
        FrameSchedule s = schedule;
        return s == null ? 0 : s.skipped();
    }

    private void onFault(Throwable fault) {
        events.add(new TransportEvent.Failed(io.ringedge.media.webrtc.TransportFailure.INTERNAL_ERROR, fault.toString()));
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

    // ---- sending, on the call's loop ----

    private void sendPbxFrame(long nowNanos) {
        RtpHeader.writeFixed(pbxOut, 0, pbxFrame == 0, 0, pbxFrame, 160L * (pbxFrame + schedule.skipped()), SSRC_PBX);
        if (transcoded) {
            System.arraycopy(frames.pcmu(pbxFrame), 0, pbxOut, 12, BenchFrames.PCMU_BYTES);
        } else {
            BenchFrames.stamp(pbxOut, 12, nowNanos);
        }
        pbxFrame++;
        loop.send(pbxRtp, pbxOut, 0, pbxOut.length, workerPbx);
    }

    private void sendDeviceFrame(long nowNanos) {
        int length;
        if (transcoded) {
            byte[] opus = frames.opus(deviceFrame);
            RtpHeader.writeFixed(deviceOut, 0, deviceFrame == 0, OPUS_PT, deviceFrame, 960L * (deviceFrame + schedule.skipped()), SSRC_DEVICE);
            System.arraycopy(opus, 0, deviceOut, 12, opus.length);
            length = 12 + opus.length;
        } else {
            RtpHeader.writeFixed(deviceOut, 0, deviceFrame == 0, 0, deviceFrame, 160L * (deviceFrame + schedule.skipped()), SSRC_DEVICE);
            BenchFrames.stamp(deviceOut, 12, nowNanos);
            length = 12 + BenchFrames.PCMU_BYTES;
        }
        deviceFrame++;
        transport.send(deviceOut, 0, length);
    }

    // ---- receiving ----

    private void receivePbx() {
        byte[] buf = pbxIn;
        int length;
        try {
            length = loop.receive(pbxRtp, buf, 0, buf.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long now = System.nanoTime();
        if (length < 12 || RtpHeader.payloadType(buf, 0) != 0) {
            return; // nothing, telephone events or RTCP: not audio frames
        }
        atPbx.onPacket(RtpHeader.sequenceNumber(buf, 0), RtpHeader.timestamp(buf, 0), now, BenchFrames.stampAt(buf, 12, length - 12));
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
        loop.run(() -> {
            if (frameTimer != null) {
                frameTimer.cancel();
            }
            if (pbxRegistration != null) {
                pbxRegistration.cancel();
            }
        });
        transport.close();
        try {
            pbxRtp.close();
            pbxRtcp.close();
        } catch (IOException e) {
            // closing
        }
        loop.unpin();
    }
}
