package io.ringedge.media.control;

import io.ringedge.media.Audio;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.codec.g711.G711;
import io.ringedge.media.codec.opus.OpusFrameDecoder;
import io.ringedge.media.codec.opus.OpusFrameEncoder;
import io.ringedge.media.codec.opus.OpusSettings;
import io.ringedge.media.dtls.DtlsSetup;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.sdp.Crypto;
import io.ringedge.media.sdp.MediaMode;
import io.ringedge.media.sdp.SdpFixtures;
import io.ringedge.media.sdp.SessionDescription;
import io.ringedge.media.srtp.SrtpMasterKey;
import io.ringedge.media.srtp.SrtpProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static io.ringedge.media.control.ControlApiTest.ok;
import static io.ringedge.media.control.ControlApiTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole calls through a worker on loopback, without a browser: our own WebRTC transport answers as
 * the "browser" (ICE, DTLS-SRTP), a plain UDP socket is the "PBX". Tones go both ways and are
 * measured where they come out (Goertzel).
 */
class AnchoredMediaTest {
    private static final int TONE_TO_DEVICE = 1000;
    private static final int TONE_TO_PBX = 600;
    private static final int AMPLITUDE = 8000;
    private static final int FRAMES = 50;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private MediaControlClient client;
    private URI url;
    private MediaConfig browserConfig;

    /** One call: the session, its "browser" and "PBX", the worker's ports and its answer to the PBX. */
    record Call(String sessionId, LoopbackBrowser browser, LoopbackPbx pbx, int workerPbxPort, int workerDevicePort,
                SessionDescription pbxAnswer) {
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closeables.reversed()) {
            closeable.close();
        }
        MediaThreads.assertNoneAlive();
    }

    @Test
    void pcmuPassesThroughBothWays() throws Exception {
        startWorker(Map.of());
        Call call = call(SdpFixtures.CHROME_ANSWER_PCMU, DtlsSetup.ACTIVE, MediaMode.PASS_THROUGH, true);

        pbxSendsTone(call);
        assertTone(heardByBrowser(call, 0, G711.PCMU), TONE_TO_DEVICE);
        List<byte[]> atPbx = browserSendsTone(call, 0, g711Frames(G711.PCMU), 160);
        assertTone(heardByPbx(atPbx), TONE_TO_PBX);
        assertDigitRelayed(call, 126); // the PBX's telephone-event 101 is the device's 126

        SessionStats stats = ok(client.stats(url, call.sessionId()).get());
        assertEquals("connected", stats.state());
        assertEquals("127.0.0.1:" + call.pbx().socket.getLocalPort(), stats.pbxLeg().latchedAddress(),
                "symmetric RTP: media goes where the PBX sends from, not to its SDP port");
        assertTrue(stats.pbxLeg().media().packetsReceived() >= FRAMES, stats.toString());
        assertTrue(stats.deviceLeg().media().packetsSent() >= FRAMES - 2, stats.toString());
        assertTrue(stats.deviceLeg().media().packetsReceived() >= FRAMES - 2, stats.toString());
        assertTrue(stats.pbxLeg().media().packetsSent() >= FRAMES - 2, stats.toString());

        SessionStats last = ok(client.delete(url, call.sessionId()).get());
        assertTrue(last.pbxLeg().media().packetsReceived() >= stats.pbxLeg().media().packetsReceived(),
                "the delete answers with the session's final figures: " + last);
        assertTrue(last.deviceLeg().media().packetsReceived() >= stats.deviceLeg().media().packetsReceived(), last.toString());
        ControlApiTest.assertPortFree(call.workerPbxPort());
        ControlApiTest.assertPortFree(call.workerPbxPort() + 1);
        ControlApiTest.assertPortFree(call.workerDevicePort());
        call.browser().close();
        MediaThreads.assertNoSessionThreads();
    }

    @Test
    void opusOnTheDeviceLegIsTranscodedBothWays() throws Exception {
        startWorker(Map.of());
        Call call = call(SdpFixtures.CHROME_ANSWER_OPUS, DtlsSetup.PASSIVE, MediaMode.TRANSCODE, true);

        pbxSendsTone(call);
        assertTone(heardByBrowserOpus(call), TONE_TO_DEVICE);
        List<byte[]> atPbx = browserSendsTone(call, 111, opusFrames(), 960);
        assertTone(heardByPbx(atPbx), TONE_TO_PBX);
        assertDigitRelayed(call, 110); // telephone-event/8000 (101) becomes telephone-event/48000 (110)
        assertEquals("connected", ok(client.stats(url, call.sessionId()).get()).state());
    }

    @Test
    void sdesSrtpTowardThePbxBothWays() throws Exception {
        startWorker(Map.of());
        Call call = call(SdpFixtures.FREESWITCH_SDES_OFFER, SdpFixtures.CHROME_ANSWER_PCMU, DtlsSetup.ACTIVE,
                MediaMode.PASS_THROUGH, true);
        Crypto ours = call.pbxAnswer().media().get(0).cryptos().get(0);
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_32;
        assertEquals("AES_CM_128_HMAC_SHA1_32", ours.suite());
        // the offer's a=crypto:4 line is the one the worker accepted (tag 4 in its answer)
        Crypto pbxLine = parse(SdpFixtures.FREESWITCH_SDES_OFFER).media().get(0).cryptos().stream()
                .filter(c -> c.tag() == ours.tag()).findFirst().orElseThrow();
        call.pbx().useSdes(masterKey(profile, pbxLine), masterKey(profile, ours));

        pbxSendsTone(call);
        assertTone(heardByBrowser(call, 0, G711.PCMU), TONE_TO_DEVICE);
        assertTone(heardByPbx(browserSendsTone(call, 0, g711Frames(G711.PCMU), 160)), TONE_TO_PBX);
        SessionStats stats = ok(client.stats(url, call.sessionId()).get());
        assertEquals("AES_CM_128_HMAC_SHA1_32", stats.pbxLeg().srtpProfile());
        assertEquals(0, stats.pbxLeg().media().dropped(), stats.toString());
    }

    /** RFC 4733: the PBX sends digit 5; the device gets it with its own payload type. */
    private static void assertDigitRelayed(Call call, int devicePayloadType) throws Exception {
        byte[] digit = {5, 0x0A, 0x00, (byte) 0xA0}; // event 5, volume 10, 160 samples so far
        call.pbx().send(101, digit, call.workerPbxPort());
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            byte[] packet = call.browser().rtp.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (packet != null && RtpHeader.payloadType(packet, 0) == devicePayloadType) {
                assertEquals(5, packet[RtpHeader.headerLength(packet, 0)], "the digit");
                return;
            }
        }
        throw new AssertionError("no telephone-event with payload type " + devicePayloadType + " reached the device");
    }

    private static SrtpMasterKey masterKey(SrtpProfile profile, Crypto crypto) {
        byte[] keyAndSalt = crypto.keys().get(0).keyAndSalt();
        return new SrtpMasterKey(profile, Arrays.copyOf(keyAndSalt, profile.masterKeyLength()),
                Arrays.copyOfRange(keyAndSalt, profile.masterKeyLength(), keyAndSalt.length));
    }

    /**
     * RTCP on both legs (RFC 3550 §6.4): the "PBX" and the "browser" report every 100 ms and read
     * the worker's reports; the worker answers their SRs, so each side computes an RTT from the
     * other's LSR/DLSR, and the worker's stats show RTT and an E-model MOS per leg.
     */
    @Test
    void rtcpReportsOnBothLegsGiveRoundTripTimeAndMos() throws Exception {
        startWorker(Map.of(MediaConfig.RTCP_INTERVAL, "PT0.2S"));
        Call call = call(SdpFixtures.CHROME_ANSWER_PCMU, DtlsSetup.ACTIVE, MediaMode.PASS_THROUGH, true);
        SessionStats before = ok(client.stats(url, call.sessionId()).get());
        assertNull(before.pbxLeg().media().rttMs(), "no report yet: " + before);
        assertNull(before.deviceLeg().media().mos(), "no report yet: " + before);

        byte[] frame = g711Frames(G711.PCMU).get(0);
        SessionStats stats = before;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            call.pbx().send(0, frame, call.workerPbxPort());
            call.browser().send(0, frame, 160);
            if (i % 5 == 4) {
                call.pbx().sendReport(call.workerPbxPort() + 1);
                call.browser().sendReport();
                call.pbx().readReports();
                stats = ok(client.stats(url, call.sessionId()).get());
                if (stats.pbxLeg().media().mos() != null && stats.deviceLeg().media().mos() != null
                        && call.pbx().rtcp.rttMs() >= 0 && call.browser().rttMs() >= 0) {
                    break;
                }
            }
            Thread.sleep(20);
        }
        for (SessionStats.Media leg : List.of(stats.pbxLeg().media(), stats.deviceLeg().media())) {
            assertNotNull(leg.rttMs(), stats.toString());
            assertTrue(leg.rttMs() >= 0 && leg.rttMs() < 200, "loopback RTT: " + stats);
            assertTrue(leg.mos() > 4.0 && leg.mos() <= 4.5, "a clean loopback call: " + stats);
            assertTrue(leg.rtcpReceived() > 0, stats.toString());
        }
        // The worker's reports carried blocks about each peer's stream, answering their SRs.
        assertTrue(call.pbx().rtcp.rttMs() >= 0 && call.pbx().rtcp.rttMs() < 200, "PBX's RTT " + call.pbx().rtcp.rttMs());
        assertTrue(call.browser().rttMs() >= 0 && call.browser().rttMs() < 200, "browser's RTT " + call.browser().rttMs());
        assertEquals(0, call.pbx().rtcp.remoteCumulativeLost(), "the worker lost none of the PBX's packets");
        assertTrue(call.browser().rtcpReceived() > 0);
        assertEquals(0, stats.deviceLeg().media().dropped(), "the browser's SRTCP authenticated: " + stats);
    }

    @Test
    void silenceFromOneLegIsReportedAsMediaTimeout() throws Exception {
        startWorker(Map.of(MediaConfig.MEDIA_TIMEOUT, "PT0.3S"));
        Call call = call(SdpFixtures.CHROME_ANSWER_PCMU, DtlsSetup.ACTIVE, MediaMode.PASS_THROUGH, false);
        byte[] frame = g711Frames(G711.PCMU).get(0);
        for (int i = 0; i < 60; i++) { // the PBX talks, the device (never connected) stays silent
            call.pbx().send(0, frame, call.workerPbxPort());
            Thread.sleep(20);
        }
        SessionStats stats = ok(client.stats(url, call.sessionId()).get());
        assertEquals("failed", stats.state());
        assertTrue(stats.failure().startsWith("media-timeout: no RTP from the device for PT0.3S"), stats.failure());

        Call silent = call(SdpFixtures.CHROME_ANSWER_PCMU, DtlsSetup.ACTIVE, MediaMode.PASS_THROUGH, false);
        Thread.sleep(800);
        SessionStats both = ok(client.stats(url, silent.sessionId()).get());
        assertTrue(both.failure().startsWith("media-timeout: no RTP from the PBX"), both.failure());
    }

    @Test
    void consentLossIsReportedWithItsCause() throws Exception {
        startWorker(Map.of(MediaConfig.CONSENT_INTERVAL, "PT0.1S", MediaConfig.CONSENT_TIMEOUT, "PT0.6S"));
        Call call = call(SdpFixtures.CHROME_ANSWER_PCMU, DtlsSetup.ACTIVE, MediaMode.PASS_THROUGH, true);
        call.browser().close(); // the browser tab closes: consent checks go unanswered
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        SessionStats stats = ok(client.stats(url, call.sessionId()).get());
        while (!"failed".equals(stats.state()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            stats = ok(client.stats(url, call.sessionId()).get());
        }
        assertTrue(stats.failure() != null && stats.failure().startsWith("consent-lost: "), String.valueOf(stats));
    }

    @Test
    void garbageOnTheMediaPortsIsDroppedAndOtherCallsCarryOn() throws Exception {
        startWorker(Map.of());
        Call good = call(SdpFixtures.CHROME_ANSWER_PCMU, DtlsSetup.ACTIVE, MediaMode.PASS_THROUGH, true);
        Call victim = call(SdpFixtures.CHROME_ANSWER_OPUS, DtlsSetup.PASSIVE, MediaMode.TRANSCODE, true);

        CompletableFuture<Void> tone = CompletableFuture.runAsync(() -> pbxSendsTone(good));
        Thread.sleep(100); // the good PBX has latched: forged RTP from elsewhere must not take its place
        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Random random = new Random(7);
            for (byte[] garbage : garbage(random)) {
                for (int port : List.of(victim.workerPbxPort(), victim.workerPbxPort() + 1, victim.workerDevicePort(),
                        good.workerPbxPort(), good.workerPbxPort() + 1)) {
                    attacker.send(new java.net.DatagramPacket(garbage, garbage.length,
                            InetAddress.getLoopbackAddress(), port));
                }
            }
        }
        tone.get();
        assertTone(heardByBrowser(good, 0, G711.PCMU), TONE_TO_DEVICE);
        assertTone(heardByPbx(browserSendsTone(good, 0, g711Frames(G711.PCMU), 160)), TONE_TO_PBX);

        SessionStats goodStats = ok(client.stats(url, good.sessionId()).get());
        assertEquals("connected", goodStats.state());
        assertTrue(goodStats.pbxLeg().media().dropped() > 0, goodStats.toString());
        SessionStats victimStats = ok(client.stats(url, victim.sessionId()).get());
        assertEquals("connected", victimStats.state(), victimStats.toString());
        assertTrue(victimStats.pbxLeg().media().dropped() > 0, victimStats.toString());
    }

    // ---- set-up ----

    private void startWorker(Map<String, String> extra) throws IOException {
        LoopbackWorker worker = LoopbackWorker.start("worker-media-test", 5, 4, extra);
        closeables.add(worker);
        client = worker.client;
        url = worker.url();
        browserConfig = worker.browserConfig;
    }

    /**
     * Creates a session from a PBX PCMU offer whose SDP port is a dead one (so only latching can
     * reach the real PBX socket), answers it with {@code answerFixture} carrying our browser's
     * parameters, and if {@code connect}, waits until the browser's DTLS is up.
     */
    private Call call(String answerFixture, DtlsSetup browserSetup, MediaMode mode, boolean connect) throws Exception {
        return call(SdpFixtures.ASTERISK_OFFER, answerFixture, browserSetup, mode, connect);
    }

    private Call call(String offerFixture, String answerFixture, DtlsSetup browserSetup, MediaMode mode,
                      boolean connect) throws Exception {
        LoopbackPbx pbx = new LoopbackPbx();
        closeables.add(pbx);
        LoopbackBrowser browser = new LoopbackBrowser(browserConfig);
        closeables.add(browser);
        SessionCreated created = ok(client.createSession(url, "call-" + closeables.size(),
                LoopbackPbx.offer(offerFixture, deadPort())).get());
        SessionDescription workerOffer = parse(created.deviceOffer());
        SessionAnswered answered = ok(client.answer(url, created.sessionId(), browser.answer(answerFixture)).get());
        assertEquals(mode, answered.mode());
        SessionDescription pbxAnswer = parse(answered.pbxAnswer());
        int workerPbxPort = pbxAnswer.media().get(0).port();
        if (connect) {
            browser.start(workerOffer, browserSetup);
            browser.awaitConnected(10);
        }
        return new Call(created.sessionId(), browser, pbx, workerPbxPort, workerOffer.media().get(0).port(), pbxAnswer);
    }

    private static int deadPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return probe.getLocalPort();
        }
    }

    // ---- media ----

    private static void pbxSendsTone(Call call) {
        try {
            for (int i = 0; i < FRAMES; i++) {
                byte[] payload = new byte[160];
                G711.PCMU.encode(Audio.tone(TONE_TO_DEVICE, AMPLITUDE, 8000, i * 160L, 160), 0, payload, 0, 160);
                call.pbx().send(0, payload, call.workerPbxPort());
                Thread.sleep(20);
            }
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<byte[]> browserSendsTone(Call call, int payloadType, List<byte[]> frames, int frameTs)
            throws Exception {
        CompletableFuture<List<byte[]>> received = CompletableFuture.supplyAsync(() -> {
            try {
                return call.pbx().receive(FRAMES * 20 + 1500L);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        for (byte[] frame : frames) {
            call.browser().send(payloadType, frame, frameTs);
            Thread.sleep(20);
        }
        return received.get();
    }

    private static List<byte[]> g711Frames(G711 law) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            byte[] payload = new byte[160];
            law.encode(Audio.tone(TONE_TO_PBX, AMPLITUDE, 8000, i * 160L, 160), 0, payload, 0, 160);
            frames.add(payload);
        }
        return frames;
    }

    private static List<byte[]> opusFrames() {
        OpusFrameEncoder encoder = new OpusFrameEncoder(OpusSettings.DEFAULT);
        List<byte[]> frames = new ArrayList<>();
        byte[] out = new byte[400];
        for (int i = 0; i < FRAMES; i++) {
            int length = encoder.encode(Audio.tone(TONE_TO_PBX, AMPLITUDE, 8000, i * 160L, 160), 0, out, 0, out.length);
            frames.add(Arrays.copyOf(out, length));
        }
        return frames;
    }

    private static short[] heardByBrowser(Call call, int payloadType, G711 law) throws InterruptedException {
        List<byte[]> packets = drain(call.browser());
        short[] pcm = new short[packets.size() * 160];
        int at = 0;
        for (byte[] packet : packets) {
            assertEquals(payloadType, RtpHeader.payloadType(packet, 0));
            int offset = RtpHeader.headerLength(packet, 0);
            int length = RtpHeader.payloadLength(packet, 0, packet.length);
            law.decode(packet, offset, pcm, at, length);
            at += length;
        }
        return Arrays.copyOf(pcm, at);
    }

    private static short[] heardByBrowserOpus(Call call) throws InterruptedException {
        OpusFrameDecoder decoder = new OpusFrameDecoder(OpusSettings.DEFAULT);
        List<byte[]> packets = drain(call.browser());
        short[] pcm = new short[packets.size() * decoder.samplesPerFrame()];
        int at = 0;
        for (byte[] packet : packets) {
            assertEquals(111, RtpHeader.payloadType(packet, 0));
            at += decoder.decode(packet, RtpHeader.headerLength(packet, 0),
                    RtpHeader.payloadLength(packet, 0, packet.length), pcm, at);
        }
        return Arrays.copyOf(pcm, at);
    }

    private static short[] heardByPbx(List<byte[]> packets) {
        short[] pcm = new short[packets.size() * 160];
        int at = 0;
        for (byte[] packet : packets) {
            assertEquals(0, RtpHeader.payloadType(packet, 0), "PCMU toward the PBX");
            int length = RtpHeader.payloadLength(packet, 0, packet.length);
            G711.PCMU.decode(packet, RtpHeader.headerLength(packet, 0), pcm, at, length);
            at += length;
        }
        return Arrays.copyOf(pcm, at);
    }

    /** What the browser received until 300 ms pass without a packet. */
    private static List<byte[]> drain(LoopbackBrowser browser) throws InterruptedException {
        List<byte[]> packets = new ArrayList<>();
        for (byte[] p = browser.rtp.poll(2, java.util.concurrent.TimeUnit.SECONDS); p != null;
             p = browser.rtp.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            packets.add(p);
        }
        return packets;
    }

    /**
     * At least 0.6 s of audio in which {@code hz} stands far above the other test tone, measured
     * between the first and last loud 20 ms frame: a transcoder keeps sending (silent) G.711 frames
     * after the talker stops, which is right but would dilute the measurement.
     */
    private static void assertTone(short[] received, int hz) {
        int first = -1;
        int last = -1;
        for (int frame = 0; frame + 160 <= received.length; frame += 160) {
            if (Audio.energy(received, frame, 160) > (AMPLITUDE / 10.0) * (AMPLITUDE / 10.0)) {
                first = first < 0 ? frame : first;
                last = frame + 160;
            }
        }
        assertTrue(first >= 0, "no audible frame in " + received.length + " samples");
        short[] pcm = Arrays.copyOfRange(received, first, last);
        int skip = 800; // jitter buffer fill and codec warm-up
        int count = pcm.length - skip;
        assertTrue(count >= 4800, "only " + pcm.length + " samples arrived");
        int other = hz == TONE_TO_PBX ? TONE_TO_DEVICE : TONE_TO_PBX;
        double wanted = Audio.goertzel(pcm, skip, count, hz, 8000);
        double unwanted = Audio.goertzel(pcm, skip, count, other, 8000);
        double full = AMPLITUDE * (double) AMPLITUDE / 4;
        assertTrue(wanted > full / 4, "tone " + hz + " Hz too weak: " + wanted + " against " + full);
        assertTrue(wanted > 50 * unwanted, hz + " Hz: " + wanted + ", " + other + " Hz: " + unwanted);
    }

    /** Garbage UDP, truncated RTP and RTCP, STUN-looking and DTLS-looking junk. */
    private static List<byte[]> garbage(Random random) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[random.nextInt(1400)];
            random.nextBytes(junk);
            out.add(junk);
        }
        out.add(new byte[0]);
        out.add(new byte[]{(byte) 0x80, 0x00, 0x01});                  // truncated RTP header
        out.add(new byte[]{(byte) 0x80, (byte) 200, 0x00, 0x7F, 1, 2}); // RTCP SR claiming 512 octets
        out.add(new byte[]{0x00, 0x01, 0x00, 0x50, 0x21, 0x12, (byte) 0xA4, 0x42}); // truncated STUN
        out.add(new byte[]{22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x00}); // DTLS record, no body
        byte[] validLooking = new byte[172];
        RtpHeader.writeFixed(validLooking, 0, false, 0, 1, 160, 0x0BADBAD0);
        out.add(validLooking);                                            // well-formed RTP from a stranger
        return out;
    }
}
