package io.ringedge.media.webrtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.UdpPortAllocator;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.media.dtls.DtlsSetup;
import io.ringedge.media.ice.IceCredentials;
import io.ringedge.media.ice.IceRole;
import io.ringedge.media.loop.MediaLoop;
import io.ringedge.media.rtp.PacketKind;
import io.ringedge.media.srtp.SrtpProfile;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two of our transports on loopback, as the worker (offerer: ICE controlling, a=setup:actpass)
 * and a device (answerer: controlled, a=setup:active): ICE connects, DTLS hands SRTP keys to
 * both, and RTP and RTCP flow both ways and decrypt.
 */
class WebRtcTransportTest {
    private static final DtlsCertificate WORKER_CERT = DtlsCertificate.generate();
    private static final DtlsCertificate DEVICE_CERT = DtlsCertificate.generate();

    private final MediaConfig config = MediaConfig.from(Config.just(ConfigSources.create(Map.of(
            MediaConfig.WORKER_ID, "w1",
            MediaConfig.BIND_ADDRESS, "127.0.0.1",
            MediaConfig.DEVICE_PORT_RANGE, "42000-42999",
            MediaConfig.CONSENT_INTERVAL, "PT0.1S",
            MediaConfig.CONSENT_TIMEOUT, "PT0.6S"))));
    private final UdpPortAllocator ports = new UdpPortAllocator(InetAddress.getLoopbackAddress(), config.devicePortRange(), 1);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    /** The worker's side and the devices' side each on a loop of their own, as in two processes. */
    private final MediaLoop workerLoop = new MediaLoop("test-worker-loop");
    private final MediaLoop deviceLoop = new MediaLoop("test-device-loop");

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        workerLoop.close();
        deviceLoop.close();
    }

    @Test
    void iceDtlsAndSrtpConnectAndMediaFlowsBothWays() throws Exception {
        RecordingListener workerSide = new RecordingListener();
        RecordingListener deviceSide = new RecordingListener();
        WebRtcTransport worker = open(WORKER_CERT, IceRole.CONTROLLING, workerSide);
        WebRtcTransport device = open(DEVICE_CERT, IceRole.CONTROLLED, deviceSide);
        connect(worker, device);

        TransportEvent.Connected connected = workerSide.await(TransportEvent.Connected.class, 10);
        deviceSide.await(TransportEvent.Connected.class, 10);
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, connected.profile());
        assertEquals(device.port(), connected.remote().getPort());

        for (int seq = 0; seq < 20; seq++) {
            byte[] rtp = rtp(seq, 0x1111);
            assertTrue(worker.send(withRoom(rtp), 0, rtp.length));
            assertArrayEquals(rtp, deviceSide.nextMedia(5).bytes(), "worker to device, packet " + seq);
            byte[] back = rtp(seq, 0x2222);
            assertTrue(device.send(withRoom(back), 0, back.length));
            assertArrayEquals(back, workerSide.nextMedia(5).bytes(), "device to worker, packet " + seq);
        }
        byte[] rtcp = receiverReport(0x2222);
        assertTrue(device.send(withRoom(rtcp), 0, rtcp.length));
        RecordingListener.Media report = workerSide.nextMedia(5);
        assertEquals(PacketKind.RTCP, report.kind());
        assertArrayEquals(rtcp, report.bytes());
    }

    @Test
    void garbageAndForgedPacketsAreCountedAndTheCallCarriesOn() throws Exception {
        RecordingListener workerSide = new RecordingListener();
        RecordingListener deviceSide = new RecordingListener();
        WebRtcTransport worker = open(WORKER_CERT, IceRole.CONTROLLING, workerSide);
        WebRtcTransport device = open(DEVICE_CERT, IceRole.CONTROLLED, deviceSide);
        connect(worker, device);
        workerSide.await(TransportEvent.Connected.class, 10);
        deviceSide.await(TransportEvent.Connected.class, 10);

        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), worker.port());
            byte[] garbage = {(byte) 0xFF, 1, 2, 3};
            byte[] badStun = new byte[28]; // header claims 8 octets of attributes that are not there
            badStun[3] = 8;
            badStun[4] = 0x21;
            badStun[5] = 0x12;
            badStun[6] = (byte) 0xA4;
            badStun[7] = 0x42;
            badStun[22] = (byte) 0xFF;
            byte[] foreignRtp = rtp(1, 0x3333);
            for (byte[] datagram : List.of(garbage, badStun, foreignRtp)) {
                attacker.send(new DatagramPacket(datagram, datagram.length, target));
            }
        }
        byte[] rtp = rtp(1, 0x2222);
        assertTrue(device.send(withRoom(rtp), 0, rtp.length));
        assertArrayEquals(rtp, workerSide.nextMedia(5).bytes());
        assertEquals(1, worker.counters().unclassified());
        assertEquals(1, worker.iceCounters().malformed());
        assertEquals(1, worker.counters().foreignSource());
    }

    @Test
    void consentIsLostWhenThePeerGoesAwayAndMediaStops() throws Exception {
        RecordingListener workerSide = new RecordingListener();
        WebRtcTransport worker = open(WORKER_CERT, IceRole.CONTROLLING, workerSide);
        WebRtcTransport device = open(DEVICE_CERT, IceRole.CONTROLLED, new RecordingListener());
        connect(worker, device);
        workerSide.await(TransportEvent.Connected.class, 10);

        device.close(); // the browser tab is gone
        TransportEvent.ConsentLost lost = workerSide.await(TransportEvent.ConsentLost.class, 5);
        assertTrue(lost.silence().toMillis() >= 600, lost.toString());
        byte[] rtp = rtp(1, 0x1111);
        assertFalse(worker.send(withRoom(rtp), 0, rtp.length), "no media without consent (RFC 7675 §5.1)");
    }

    @Test
    void anExceptionFromTheSessionOnTheTransportThreadEndsTheTransportWithACause() throws Exception {
        RecordingListener events = new RecordingListener();
        TransportListener throwing = new TransportListener() {
            @Override
            public void onMedia(byte[] buf, int offset, int length, PacketKind kind) {
                throw new AssertionError("a codec's internal assertion"); // as concentus throws
            }

            @Override
            public void onEvent(TransportEvent event) {
                events.onEvent(event);
            }
        };
        WebRtcTransport worker = open(WORKER_CERT, IceRole.CONTROLLING, throwing);
        RecordingListener deviceEvents = new RecordingListener();
        WebRtcTransport device = open(DEVICE_CERT, IceRole.CONTROLLED, deviceEvents);
        connect(worker, device);
        events.await(TransportEvent.Connected.class, 10);
        deviceEvents.await(TransportEvent.Connected.class, 10); // its SRTP keys may come a moment later

        byte[] rtp = rtp(1, 0x2222);
        assertTrue(device.send(withRoom(rtp), 0, rtp.length));
        TransportEvent.Failed failed = events.await(TransportEvent.Failed.class, 5);
        assertEquals(TransportFailure.INTERNAL_ERROR, failed.cause());
        assertTrue(failed.detail().contains("a codec's internal assertion"), failed.detail());
    }

    @Test
    void aFaultInOneSessionLeavesAnotherOnTheSameLoopWorking() throws Exception {
        RecordingListener faultyEvents = new RecordingListener();
        TransportListener throwing = new TransportListener() {
            @Override
            public void onMedia(byte[] buf, int offset, int length, PacketKind kind) {
                throw new IllegalStateException("a bug in one session's media code");
            }

            @Override
            public void onEvent(TransportEvent event) {
                faultyEvents.onEvent(event);
            }
        };
        RecordingListener healthySide = new RecordingListener();
        RecordingListener healthyDeviceSide = new RecordingListener();
        WebRtcTransport faulty = open(WORKER_CERT, IceRole.CONTROLLING, throwing); // both on workerLoop
        WebRtcTransport healthy = open(WORKER_CERT, IceRole.CONTROLLING, healthySide);
        RecordingListener faultyDeviceSide = new RecordingListener();
        WebRtcTransport faultyDevice = open(DEVICE_CERT, IceRole.CONTROLLED, faultyDeviceSide);
        WebRtcTransport healthyDevice = open(DEVICE_CERT, IceRole.CONTROLLED, healthyDeviceSide);
        assertTrue(faulty.loop() == healthy.loop());
        connect(faulty, faultyDevice);
        connect(healthy, healthyDevice);
        faultyEvents.await(TransportEvent.Connected.class, 10);
        healthySide.await(TransportEvent.Connected.class, 10);
        faultyDeviceSide.await(TransportEvent.Connected.class, 10);
        healthyDeviceSide.await(TransportEvent.Connected.class, 10);

        byte[] poison = rtp(1, 0x3333);
        assertTrue(faultyDevice.send(withRoom(poison), 0, poison.length));
        TransportEvent.Failed failed = faultyEvents.await(TransportEvent.Failed.class, 5);
        assertEquals(TransportFailure.INTERNAL_ERROR, failed.cause());

        // the loop thread survived, and still serves the other session both ways, timers included
        for (int seq = 0; seq < 10; seq++) {
            byte[] in = rtp(seq, 0x4444);
            assertTrue(healthyDevice.send(withRoom(in), 0, in.length));
            assertArrayEquals(in, healthySide.nextMedia(5).bytes(), "device to healthy worker, packet " + seq);
            byte[] out = rtp(seq, 0x5555);
            assertTrue(healthy.send(withRoom(out), 0, out.length));
            assertArrayEquals(out, healthyDeviceSide.nextMedia(5).bytes(), "healthy worker to device, packet " + seq);
        }
        Thread.sleep(1500); // more than twice the 0.6 s consent timeout: ICE timers still run for it
        byte[] late = rtp(11, 0x4444);
        assertTrue(healthyDevice.send(withRoom(late), 0, late.length));
        assertArrayEquals(late, healthySide.nextMedia(5).bytes());
        assertTrue(healthySide.events.stream().noneMatch(e -> e instanceof TransportEvent.Failed
                || e instanceof TransportEvent.ConsentLost), healthySide.events.toString());
        assertEquals(1, faultyEvents.events.stream().filter(TransportEvent.Failed.class::isInstance).count(),
                "the faulty transport stopped after its first fault: " + faultyEvents.events);
    }

    @Test
    void iceRestartKeepsMediaFlowing() throws Exception {
        RecordingListener workerSide = new RecordingListener();
        RecordingListener deviceSide = new RecordingListener();
        WebRtcTransport worker = open(WORKER_CERT, IceRole.CONTROLLING, workerSide);
        WebRtcTransport device = open(DEVICE_CERT, IceRole.CONTROLLED, deviceSide);
        connect(worker, device);
        workerSide.await(TransportEvent.Connected.class, 10);
        deviceSide.await(TransportEvent.Connected.class, 10);

        IceCredentials workerIce = IceCredentials.random();
        IceCredentials deviceIce = IceCredentials.random();
        var workerLocal = worker.localParameters();
        var deviceLocal = device.localParameters();
        worker.restartIce(workerIce, new RemoteParameters(deviceIce, List.of(deviceLocal.candidate()),
                deviceLocal.fingerprint(), DtlsSetup.ACTIVE), IceRole.CONTROLLED);
        device.restartIce(deviceIce, new RemoteParameters(workerIce, List.of(workerLocal.candidate()),
                workerLocal.fingerprint(), DtlsSetup.ACTPASS), IceRole.CONTROLLING);

        long requestsBefore = worker.iceCounters().requestsAnswered();
        // More than twice the 0.6 s consent timeout: consent survives only if checks under the
        // new credentials are answered on both sides.
        Thread.sleep(1500);
        assertTrue(worker.iceCounters().requestsAnswered() > requestsBefore);
        byte[] rtp = rtp(7, 0x2222);
        assertTrue(device.send(withRoom(rtp), 0, rtp.length), deviceSide.events.toString());
        assertArrayEquals(rtp, workerSide.nextMedia(5).bytes());
        assertTrue(workerSide.events.stream().noneMatch(e -> e instanceof TransportEvent.ConsentLost
                || e instanceof TransportEvent.Failed), workerSide.events.toString());
    }

    @Test
    void advertisesTheConfiguredAddressNotTheBoundOne() throws Exception {
        // As behind a 1:1 NAT: the socket binds the wildcard, candidates carry the advertised address.
        MediaConfig natConfig = MediaConfig.from(Config.just(ConfigSources.create(Map.of(
                MediaConfig.WORKER_ID, "w1",
                MediaConfig.BIND_ADDRESS, "0.0.0.0",
                MediaConfig.ADVERTISED_ADDRESS, "127.0.0.1",
                MediaConfig.DEVICE_PORT_RANGE, "43000-43999"))));
        RecordingListener workerSide = new RecordingListener();
        WebRtcTransport worker = WebRtcTransport.open(natConfig, workerLoop,
                new UdpPortAllocator(natConfig.bindAddress(), natConfig.devicePortRange(), 1).allocate().orElseThrow(), WORKER_CERT,
                IceRole.CONTROLLING, workerSide);
        closeables.add(worker);
        assertEquals("127.0.0.1", worker.localParameters().candidate().address());
        assertEquals(worker.port(), worker.localParameters().candidate().port());
        assertTrue(worker.port() >= 43000 && worker.port() <= 43999);

        RecordingListener deviceSide = new RecordingListener();
        WebRtcTransport device = open(DEVICE_CERT, IceRole.CONTROLLED, deviceSide);
        connect(worker, device);
        workerSide.await(TransportEvent.Connected.class, 10);
        deviceSide.await(TransportEvent.Connected.class, 10);
        byte[] rtp = rtp(3, 0x4444);
        assertTrue(worker.send(withRoom(rtp), 0, rtp.length));
        assertArrayEquals(rtp, deviceSide.nextMedia(5).bytes());
    }

    private WebRtcTransport open(DtlsCertificate cert, IceRole role, TransportListener listener) throws Exception {
        MediaLoop loop = role == IceRole.CONTROLLING ? workerLoop : deviceLoop;
        WebRtcTransport transport = WebRtcTransport.open(config, loop, ports.allocate().orElseThrow(), cert, role, listener);
        closeables.add(transport);
        return transport;
    }

    /** The offer/answer: the worker offers actpass, the device answers active (RFC 8842 §5.3). */
    private static void connect(WebRtcTransport worker, WebRtcTransport device) {
        LocalParameters w = worker.localParameters();
        LocalParameters d = device.localParameters();
        worker.start(new RemoteParameters(d.ice(), List.of(d.candidate()), d.fingerprint(), DtlsSetup.ACTIVE),
                DtlsSetup.ACTPASS);
        device.start(new RemoteParameters(w.ice(), List.of(w.candidate()), w.fingerprint(), DtlsSetup.ACTPASS),
                DtlsSetup.ACTIVE);
    }

    private static byte[] rtp(int seq, int ssrc) {
        byte[] p = new byte[12 + 160];
        p[0] = (byte) 0x80;
        p[1] = 0; // PCMU
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[7] = (byte) (seq * 160);
        p[8] = (byte) (ssrc >> 24);
        p[9] = (byte) (ssrc >> 16);
        p[10] = (byte) (ssrc >> 8);
        p[11] = (byte) ssrc;
        Arrays.fill(p, 12, p.length, (byte) (0x55 + seq));
        return p;
    }

    /** An empty receiver report (RFC 3550 §6.4.2). */
    private static byte[] receiverReport(int ssrc) {
        return new byte[] {(byte) 0x80, (byte) 201, 0, 1, (byte) (ssrc >> 24), (byte) (ssrc >> 16), (byte) (ssrc >> 8), (byte) ssrc};
    }

    private static byte[] withRoom(byte[] packet) {
        return Arrays.copyOf(packet, packet.length + WebRtcTransport.MAX_SEND_OVERHEAD);
    }
}
