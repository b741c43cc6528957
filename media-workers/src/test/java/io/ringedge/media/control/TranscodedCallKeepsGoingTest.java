package io.ringedge.media.control;

import static io.ringedge.media.control.ControlApiTest.ok;
import static io.ringedge.media.control.ControlApiTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringedge.media.Audio;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.codec.g711.G711;
import io.ringedge.media.codec.opus.OpusFrameEncoder;
import io.ringedge.media.codec.opus.OpusRtp;
import io.ringedge.media.codec.opus.OpusSettings;
import io.ringedge.media.dtls.DtlsSetup;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.sdp.SdpFixtures;
import io.ringedge.media.sdp.SessionDescription;
import io.ringedge.media.webrtc.TransportEvent;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The media benchmark's failure, on loopback: a transcoded call between the worker and our own
 * WebRTC transport as the device lost its device leg a few seconds in (the worker stopped
 * answering consent, the device's transport saw {@code ConsentLost}, the worker ended the session
 * with {@code media-timeout}). Cause: the Opus decoder threw an {@code AssertionError} out of
 * concentus on a discontinuous stream and killed the worker's transport thread, which also answers
 * ICE. Here the device leaves out every third frame of the benchmark's signal while its timestamps
 * run on (a discontinuity as after the worker's jitter buffer compresses, or a sender restarting
 * its encoder, only more often, so that concealed frames the worker's jitter buffer may insert
 * cannot hide it), and both ends must keep consent and media for many consent timeouts after the
 * frame that used to kill the thread (about the 35th).
 */
class TranscodedCallKeepsGoingTest {
    private static final int FRAMES = 200;
    /** Every {@code SKIP_EVERY}th frame of the device's encoder output is never sent. */
    private static final int SKIP_EVERY = 3;
    private static final Map<String, String> SHORT_CONSENT = Map.of(
            MediaConfig.CONSENT_INTERVAL, "PT0.1S", MediaConfig.CONSENT_TIMEOUT, "PT0.5S");

    private LoopbackWorker worker;
    private LoopbackBrowser browser;
    private LoopbackPbx pbx;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {browser, pbx, worker}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        MediaThreads.assertNoneAlive();
    }

    @Test
    void aDiscontinuousOpusStreamKeepsConsentAndMediaBothWays() throws Exception {
        worker = LoopbackWorker.start("worker-keeps-going", 1, 1, SHORT_CONSENT);
        browser = new LoopbackBrowser(worker.browserConfig, 48000);
        pbx = new LoopbackPbx();

        SessionCreated created = ok(worker.client.createSession(worker.url(), "keeps-going",
                LoopbackPbx.offer(SdpFixtures.ASTERISK_OFFER, deadPort())).get());
        SessionDescription workerOffer = parse(created.deviceOffer());
        SessionAnswered answered = ok(worker.client.answer(worker.url(), created.sessionId(),
                browser.answer(SdpFixtures.CHROME_ANSWER_OPUS)).get());
        int workerPbxPort = parse(answered.pbxAnswer()).media().get(0).port();
        browser.start(workerOffer, DtlsSetup.PASSIVE);
        browser.awaitConnected(10);

        List<byte[]> opus = opusWithSkips();
        CompletableFuture<List<byte[]>> atPbx = CompletableFuture.supplyAsync(() -> {
            try {
                return pbx.receive(FRAMES * 20L + 500);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        byte[] pcmu = new byte[160];
        long start = System.nanoTime();
        for (int i = 0; i < FRAMES; i++) {
            LockSupport.parkNanos(start + i * 20_000_000L - System.nanoTime()); // 50 frames/s, no drift
            G711.PCMU.encode(Audio.glide(i * 160L, 160), 0, pcmu, 0, pcmu.length);
            pbx.send(0, pcmu, workerPbxPort);
            assertTrue(browser.send(111, opus.get(i), 960), "device send " + i + ", events " + browser.events);
        }
        List<byte[]> received = atPbx.get();

        // The device kept consent for 4 s after the skip: at 0.5 s without an answer it would be lost.
        assertTrue(browser.events.stream().noneMatch(e -> e instanceof TransportEvent.ConsentLost
                || e instanceof TransportEvent.Failed), browser.events.toString());
        SessionStats stats = ok(worker.client.stats(worker.url(), created.sessionId()).get());
        assertEquals("connected", stats.state(), stats.toString());
        assertTrue(received.size() >= FRAMES - 20, "PBX got " + received.size() + " of " + FRAMES);
        assertTrue(browser.rtp.size() >= FRAMES * 3 / 4, "device got " + browser.rtp.size() + " of " + FRAMES + ": " + stats);
        // The last second that reached the PBX still carries the device's signal, decoded after the reset.
        short[] tail = new short[50 * 160];
        for (int i = 0; i < 50; i++) {
            byte[] packet = received.get(received.size() - 50 + i);
            G711.PCMU.decode(packet, RtpHeader.headerLength(packet, 0), tail, i * 160, 160);
        }
        assertTrue(Audio.energy(tail, 0, tail.length) > 1000.0 * 1000.0, "energy " + Audio.energy(tail, 0, tail.length));
    }

    /** The benchmark's glide as Opus, to be sent with contiguous timestamps, every third frame left out. */
    private static List<byte[]> opusWithSkips() {
        OpusFrameEncoder encoder = new OpusFrameEncoder(OpusSettings.DEFAULT.withComplexity(5)); // as in the bench run
        int total = FRAMES * SKIP_EVERY / (SKIP_EVERY - 1) + 1;
        short[] pcm = Audio.glide(0, total * 160);
        byte[] out = new byte[OpusRtp.MAX_PACKET];
        List<byte[]> frames = new ArrayList<>();
        for (int f = 0; f < total; f++) {
            int length = encoder.encode(pcm, f * 160, out, 0, out.length);
            if (f % SKIP_EVERY != SKIP_EVERY - 1) {
                frames.add(Arrays.copyOf(out, length));
            }
        }
        return frames;
    }

    private static int deadPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return probe.getLocalPort();
        }
    }
}
