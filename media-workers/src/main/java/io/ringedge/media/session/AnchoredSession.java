package io.ringedge.media.session;

import io.ringedge.media.BoundPorts;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.control.MediaStatus;
import io.ringedge.media.control.MediaUpdate;
import io.ringedge.media.ice.IceCredentials;
import io.ringedge.media.control.SessionMedia;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.media.dtls.DtlsSetup;
import io.ringedge.media.ice.IceRole;
import io.ringedge.media.loop.FaultHandler;
import io.ringedge.media.loop.GridClock;
import io.ringedge.media.loop.LoopTimer;
import io.ringedge.media.loop.MediaLoop;
import io.ringedge.media.rtcp.LegRtcp;
import io.ringedge.media.rtcp.NtpTime;
import io.ringedge.media.rtcp.RtcpSchedule;
import io.ringedge.media.rtp.PacketKind;
import io.ringedge.media.rtp.RtcpCheck;
import io.ringedge.media.rtp.RtpCheck;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.rtp.RtpPacket;
import io.ringedge.media.rtp.RtpPacketPool;
import io.ringedge.media.sdp.AgreedMedia;
import io.ringedge.media.sdp.MediaMode;
import io.ringedge.media.transcode.MediaDirection;
import io.ringedge.media.transcode.MediaPipelines;
import io.ringedge.media.transcode.TranscodingDirection;
import io.ringedge.media.webrtc.RemoteParameters;
import io.ringedge.media.webrtc.TransportEvent;
import io.ringedge.media.webrtc.TransportListener;
import io.ringedge.media.webrtc.WebRtcTransport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * One anchored call's media, assembled here:
 *
 * <pre>
 *   device ──ICE/DTLS-SRTP──► WebRtcTransport ──► direction device→PBX ──► PbxLeg.send ──(S)RTP──► PBX
 *   PBX ──(S)RTP──► PbxLeg (latch) ──► direction PBX→device ──► WebRtcTransport.send ──SRTP──► device
 * </pre>
 *
 * The WebRTC transport is opened with the session (its ICE credentials and port go in the offer)
 * and started by {@link #apply}. The whole session (both legs, ICE, SRTP, both directions with
 * their pools, jitter buffers and codecs, RTCP) lives on one {@link MediaLoop}, pinned when it
 * opens: only that thread touches its state, so none of it is locked. Control requests come from
 * the HTTP threads and are handed to the loop, which they wait for. Its timers run there too: the
 * 20 ms media clock of a transcoding call (one for both directions, on the session's own phase),
 * the device leg's RTCP reports and the media-timeout check.
 *
 * <p>RTCP ends at the worker on each leg (RFC 3550 §7: a translator that rewrites SSRCs reports
 * for itself): each leg's reports, SR/RR with SDES, are written from its reception statistics and
 * the far end's reports (RFC 3550 §6.4), on the leg's {@link RtcpSchedule}. The PBX leg's go out on
 * its RTCP port, the device leg's as SRTCP on the rtcp-muxed transport (RFC 5761).
 *
 * <p>Anything thrown on the loop by the session's code ends this session with cause
 * {@code internal-error} and stops its media; the loop goes on serving the other sessions.
 */
public final class AnchoredSession implements SessionMedia, TransportListener, PbxLeg.Receiver {
    private static final Duration MEDIA_CLOCK = Duration.ofMillis(WebRtcTransport.MEDIA_CLOCK_MS);

    private final MediaConfig config;
    private final MediaLoop loop;
    private final FaultHandler onFault = this::onFault;
    private final MediaPipelines pipelines;
    private final RandomGenerator random;
    private final BoundPorts pbxPorts;
    private final WebRtcTransport transport;
    private volatile io.ringedge.media.sdp.WebRtcTransport advertised;
    private final InetSocketAddress pbxRtpAddress;
    /** Written on the loop; volatile for {@link #failure()}, the one read from other threads. */
    private volatile MediaHealth health = MediaHealth.OFFERED;
    private SessionParts parts; // set by apply()
    private GridClock mediaClock;
    private final LoopTimer deviceRtcpTimer;
    private final LoopTimer mediaCheck;
    private final long mediaCheckPeriod;
    private final byte[] deviceReport = new byte[LegRtcp.MAX_COMPOUND + WebRtcTransport.MAX_SEND_OVERHEAD];
    private boolean closed;
    /** Mid-call directions; set by apply(). */
    private MediaGates gates;

    private AnchoredSession(MediaConfig config, MediaLoop loop, MediaPipelines pipelines, RandomGenerator random,
                            BoundPorts pbxPorts, BoundPorts devicePort, DtlsCertificate certificate) {
        this.config = config;
        this.loop = loop;
        this.pipelines = pipelines;
        this.random = random;
        this.pbxPorts = pbxPorts;
        // We send the offer, so we control ICE (RFC 8445 §6.1.1).
        this.transport = WebRtcTransport.open(config, loop, devicePort, certificate, IceRole.CONTROLLING, this);
        this.advertised = DeviceParameters.advertised(config, transport.port(), transport.localParameters());
        this.pbxRtpAddress = new InetSocketAddress(config.advertisedAddress(), pbxPorts.firstPort());
        this.deviceRtcpTimer = loop.timer(onFault, this::onDeviceRtcpTimer);
        this.mediaCheck = loop.timer(onFault, this::checkMedia);
        // a quarter of the timeout, at most a second: a timeout is noticed that much late at worst
        this.mediaCheckPeriod = Duration.ofMillis(Math.max(10, Math.min(config.mediaTimeout().toMillis() / 4, 1000)))
                .toNanos();
    }

    /**
     * A session on an RTP/RTCP pair and a device port, served by {@code loop} (pinned to it for the
     * session, {@link MediaLoop#unpin unpinned} on close).
     */
    public static AnchoredSession open(MediaConfig config, MediaLoop loop, MediaPipelines pipelines,
                                       RandomGenerator random, BoundPorts pbxPorts, BoundPorts devicePort,
                                       DtlsCertificate certificate) {
        return new AnchoredSession(config, loop, pipelines, random, pbxPorts, devicePort, certificate);
    }

    @Override
    public io.ringedge.media.sdp.WebRtcTransport deviceTransport() {
        return advertised;
    }

    @Override
    public InetSocketAddress pbxRtpAddress() {
        return pbxRtpAddress;
    }

    /**
     * Builds the session's parts ({@link SessionParts}) on the calling thread, then installs them on
     * the loop, starts the PBX leg and the timers, and starts the transport.
     */
    @Override
    public void apply(AgreedMedia agreed) {
        RemoteParameters remote;
        SdesContexts sdes;
        try {
            remote = DeviceParameters.remote(agreed);
            sdes = agreed.pbxSrtp().map(SdesContexts::of).orElse(null);
        } catch (IllegalArgumentException e) {
            loop.run(() -> fail("bad-answer", e.getMessage()));
            return;
        }
        long now = System.nanoTime();
        SessionParts built = SessionParts.build(config, pipelines, random, agreed, sdes, loop, onFault, pbxPorts, this, now);
        boolean installed = loop.call(() -> {
            if (closed || parts != null) {
                return false;
            }
            gates = new MediaGates(now);
            parts = built;
            setHealth(MediaHealth.ANSWERED);
            built.pbx().start();
            if (agreed.mode() == MediaMode.TRANSCODE) {
                // a transcoder makes a frame every 20 ms whether packets arrive or not
                mediaClock = new GridClock(loop, onFault, MEDIA_CLOCK, this::onMediaClock);
                mediaClock.start(now);
            }
            deviceRtcpTimer.at(now + built.deviceRtcpSchedule().nanosUntilDue(now));
            mediaCheck.at(now + mediaCheckPeriod);
            return true;
        });
        if (installed) {
            transport.start(remote, DtlsSetup.ACTPASS); // a no-op if the session closed meanwhile
        }
    }

    @Override
    public void update(MediaUpdate update) {
        loop.run(() -> updateOnLoop(update));
    }

    private void updateOnLoop(MediaUpdate update) {
        if (closed || parts == null) {
            return;
        }
        gates.update(update, System.nanoTime());
        AgreedMedia agreed = update.agreed();
        if (update.pbxMoved()) {
            parts.pbx().retarget(new InetSocketAddress(agreed.pbxAddress(), agreed.pbxRtpPort()),
                    new InetSocketAddress(agreed.pbxAddress(), agreed.pbxRtcpPort()));
        }
        if (update.iceRestart().isPresent()) {
            IceCredentials local = update.iceRestart().get();
            RemoteParameters remote;
            try {
                remote = DeviceParameters.remote(agreed);
            } catch (IllegalArgumentException e) {
                fail("bad-offer", e.getMessage());
                return;
            }
            io.ringedge.media.sdp.WebRtcTransport was = advertised;
            advertised = new io.ringedge.media.sdp.WebRtcTransport(was.address(), was.port(), local.ufrag(),
                    local.pwd(), was.candidates(), was.fingerprint());
            // only a device offers an ICE restart, and the offerer controls the new session
            transport.restartIce(local, remote, IceRole.CONTROLLED);
        }
    }

    // ---- device to PBX ----

    @Override
    public void onMedia(byte[] buf, int offset, int length, PacketKind kind) {
        LegCounters counters = parts.deviceCounters();
        if (kind == PacketKind.RTCP) {
            long now = System.nanoTime();
            if (counters.rtcp().receive(buf, offset, length, now / 1_000_000,
                    NtpTime.fromUnixMillis(System.currentTimeMillis())) == RtcpCheck.VALID) {
                counters.rtcpReceived();
            } else {
                counters.dropped();
            }
            return;
        }
        RtpPacket packet = parts.transportPool().acquire();
        if (packet == null) {
            counters.dropped();
            return;
        }
        if (packet.fill(buf, offset, length) && RtpHeader.check(packet.buffer(), 0, length) == RtpCheck.VALID) {
            long now = System.nanoTime();
            counters.received(packet.buffer(), length, now);
            if (gates.deviceToPbx()) {
                sendToPbx(parts.toPbx().receive(packet, now / 1_000_000), packet);
            }
        } else {
            counters.dropped();
        }
        parts.transportPool().release(packet);
    }

    /** The device leg's RTCP report, when due and the transport has keys to protect it with. */
    private void onDeviceRtcpTimer(long nowNanos) {
        if (health == MediaHealth.CONNECTED && parts.deviceRtcpSchedule().due(nowNanos)) {
            int length = parts.deviceCounters().rtcp().writeCompound(deviceReport, 0, nowNanos / 1_000_000,
                    NtpTime.fromUnixMillis(System.currentTimeMillis()));
            transport.send(deviceReport, 0, length);
        }
        // before the transport connects the report waits, and is looked at again a little later
        deviceRtcpTimer.at(nowNanos + Math.max(parts.deviceRtcpSchedule().nanosUntilDue(nowNanos), MEDIA_CLOCK.toNanos()));
    }

    /** The transcoding clock: one frame each way per tick, on the tick's nominal instant. */
    private void onMediaClock(long tickMs) {
        RtpPacket toPbxFrame = parts.toPbx().tick(tickMs);
        sendToPbx(gates.deviceToPbx() ? toPbxFrame : release(parts.transportPool(), toPbxFrame), null);
        RtpPacket toDeviceFrame = parts.toDevice().tick(tickMs);
        sendToDevice(gates.pbxToDevice() ? toDeviceFrame : release(parts.pbxPool(), toDeviceFrame), null);
    }

    private void sendToPbx(RtpPacket out, RtpPacket received) {
        if (out == null) {
            return;
        }
        parts.pbx().send(out);
        if (out != received) {
            parts.transportPool().release(out);
        }
    }

    // ---- PBX to device ----

    @Override
    public void onPbxRtp(RtpPacket packet, long nowMs) {
        if (gates.pbxToDevice()) {
            sendToDevice(parts.toDevice().receive(packet, nowMs), packet);
        }
    }

    private void sendToDevice(RtpPacket out, RtpPacket received) {
        if (out == null) {
            return;
        }
        long timestamp = RtpHeader.timestamp(out.buffer(), 0);
        int payload = RtpHeader.payloadLength(out.buffer(), 0, out.length());
        if (transport.send(out.buffer(), 0, out.length())) {
            parts.deviceCounters().sent(timestamp, payload, System.nanoTime());
        }
        if (out != received) {
            parts.pbxPool().release(out);
        }
    }

    // ---- health ----

    @Override
    public void onEvent(TransportEvent event) {
        switch (event) {
            case TransportEvent.Connected connected -> setHealth(MediaHealth.CONNECTED);
            case TransportEvent.ConsentLost lost -> fail("consent-lost",
                    "the device stopped answering consent checks for " + lost.silence() + " (RFC 7675)");
            case TransportEvent.Failed failed -> fail(failed.cause().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    failed.detail());
        }
    }

    /**
     * The media-timeout check, on a loop timer rather than the legs' packets, because a leg with no
     * packets has nothing else to notice it: silence on either leg for {@code media.media-timeout}
     * fails the session.
     */
    private void checkMedia(long nowNanos) {
        mediaCheck.at(nowNanos + mediaCheckPeriod);
        if (!health.expectsMedia()) {
            return;
        }
        long timeout = config.mediaTimeout().toNanos();
        if (gates.pbxSilence(parts.pbxCounters(), nowNanos) > timeout) {
            fail("media-timeout", "no RTP from the PBX for " + config.mediaTimeout());
        } else if (gates.deviceSilence(parts.deviceCounters(), nowNanos) > timeout) {
            fail("media-timeout", "no RTP from the device for " + config.mediaTimeout());
        }
    }

    /** A snapshot taken on the loop, so every counter in it is of the same instant. */
    @Override
    public MediaStatus status() {
        return loop.call(this::statusOnLoop);
    }

    /** Read without the loop: the failure reporter polls every session often. */
    @Override
    public String failure() {
        return health.failure();
    }

    private MediaStatus statusOnLoop() {
        MediaHealth now = health;
        if (parts == null) {
            return new MediaStatus(now.state(), now.failure(), null, null, null);
        }
        InetSocketAddress latched = parts.pbx().latchedSource();
        return new MediaStatus(now.state(), now.failure(),
                parts.pbxCounters().snapshot(playoutDelayMs(parts.toDevice(), parts.pbxCounters())),
                parts.deviceCounters().snapshot(playoutDelayMs(parts.toPbx(), parts.deviceCounters())),
                latched == null ? null : latched.getAddress().getHostAddress() + ":" + latched.getPort());
    }

    /**
     * How long a leg's audio waits in a jitter buffer before it is played, for the E-model's
     * one-way delay: ours when we transcode it; in pass-through the far end's, which we cannot
     * see, so about twice the interarrival jitter, what an adaptive buffer settles at.
     */
    private static double playoutDelayMs(MediaDirection consumer, LegCounters leg) {
        return consumer instanceof TranscodingDirection transcoder
                ? transcoder.jitterBuffer().targetDelayMs() : 2 * leg.jitterMs();
    }

    private void fail(String cause, String detail) {
        setHealth(MediaHealth.failed(cause, detail));
    }

    private void setHealth(MediaHealth next) {
        health = health.then(next);
    }

    /**
     * A throwable escaped the session's code on its loop (a PBX-leg packet, a timer): the session
     * fails with cause {@code internal-error} and its media stops, so the fault cannot repeat per
     * packet. What the transport's own reading throws comes back as its {@code INTERNAL_ERROR} event.
     */
    private void onFault(Throwable fault) {
        fail("internal-error", fault.toString());
        stopMedia();
    }

    private void stopMedia() {
        if (mediaClock != null) {
            mediaClock.stop();
        }
        deviceRtcpTimer.cancel();
        mediaCheck.cancel();
        if (parts != null) {
            parts.pbx().stop();
        }
    }

    /** Stops both legs, releases every port and the session's place on its loop. Idempotent. */
    @Override
    public void close() {
        boolean closing = loop.call(() -> {
            if (closed) {
                return false;
            }
            closed = true;
            stopMedia();
            transport.close();
            pbxPorts.close();
            loop.settle();
            return true;
        });
        if (closing) {
            loop.unpin();
        }
    }

    /** A transcoder's frame for a direction on hold goes back to its pool unsent. */
    private static RtpPacket release(RtpPacketPool pool, RtpPacket packet) {
        if (packet != null) {
            pool.release(packet);
        }
        return null;
    }
}
