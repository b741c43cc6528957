package io.ringedge.e2e;

import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.media.codec.g711.G711;
import io.ringedge.testkit.media.WebRtcDevicePeer;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.CallState;
import io.ringedge.testkit.CallTimeline;
import io.ringedge.testkit.DeviceCall;
import io.ringedge.testkit.TestDevice;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippScenarios;
import io.ringedge.testkit.sipp.SippTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.ringedge.e2e.SippCallTest.ANSWERED;
import static io.ringedge.e2e.SippCallTest.assertEnded;
import static io.ringedge.e2e.SippCallTest.assertSequence;
import static io.ringedge.e2e.SippCallTest.inviteFinalStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Media through the system as the launcher runs it: SIPp as the PBX sends real recorded audio
 * (PCMA) to the media worker the edge chose; the test device's WebRTC peer (ICE + DTLS-SRTP)
 * decodes it and talks back; the call's {@code CallEnded} carries both legs' figures. An offer
 * with no codec the worker can carry is refused 488 before any device rings.
 */
class MediaE2eTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    /**
     * Runs SIPp while the test acts as the device. Not the common pool: on a 2-core machine it has
     * one thread, and with SIPp holding it the edge's control calls to the media worker were seen
     * never to complete.
     */
    static final Executor SIPP = Executors.newVirtualThreadPerTaskExecutor();
    /** RMS of 16-bit PCM well above the line noise of silence (G.711 silence decodes to |x| <= 8). */
    static final double SPEECH_RMS = 100;

    static E2eSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = E2eSystem.start(5);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void pbxAudioReachesTheDevice_andTheDeviceTalksBack() throws Exception {
        E2eSystem.Line line = system.newLine();
        try (TestDevice phone = system.device(line.user(), CallBehaviour.answer(Duration.ofMillis(100)))) {
            CompletableFuture<SippResult> pbx = CompletableFuture.supplyAsync(() -> sipp(
                    SippScenarios.ANSWER_PLAY_PCMA, line.did(), Duration.ofSeconds(4)), SIPP);
            DeviceCall call = phone.awaitCall(WAIT).awaitState(CallState.CONFIRMED, WAIT);
            WebRtcDevicePeer media = call.media().orElseThrow(() -> new AssertionError("no WebRTC answer"));
            assertTrue(media.awaitConnected(Duration.ofSeconds(10)), "ICE + DTLS with the worker: " + media.events());

            // the device talks (a 1 kHz tone) for 2 s while it listens
            G711 codec = media.payloadType() == 8 ? G711.PCMA : G711.PCMU;
            List<byte[]> heard = new ArrayList<>();
            for (int frame = 0; frame < 100; frame++) {
                media.send(tone(codec, frame), 160);
                drain(media, heard, Duration.ZERO);
                Thread.sleep(20);
            }
            drain(media, heard, Duration.ofSeconds(1));

            assertTrue(heard.size() >= 50, "the device heard the PBX's RTP: " + heard.size() + " packets");
            double rms = rms(codec, heard);
            assertTrue(rms > SPEECH_RMS, "decoded audio has energy (the recording, not silence): RMS " + rms);

            SippResult result = pbx.get(30, TimeUnit.SECONDS);
            assertTrue(result.succeeded(), result.describe());
            assertEquals(200, inviteFinalStatus(result), result.describe());
            call.awaitState(CallState.TERMINATED, WAIT);

            CallTimeline timeline = system.timeline(system.callId(line.did()));
            assertSequence(ANSWERED, timeline);
            assertEnded(timeline, EndCause.CALLER_HANGUP, 200);
            CallEnded ended = timeline.ended().orElseThrow();
            CallEnded.LegQuality pbxLeg = leg(ended, CallEnded.Leg.PBX);
            CallEnded.LegQuality deviceLeg = leg(ended, CallEnded.Leg.DEVICE);
            assertEquals("PCMA/8000", pbxLeg.codec(), ended.toString());
            assertTrue(pbxLeg.packetsReceived() >= 50, "the worker got the PBX's RTP: " + ended);
            assertTrue(deviceLeg.packetsReceived() >= 50, "the worker got the device's RTP: " + ended);
            assertTrue(pbxLeg.packetsSent() >= 50, "and sent it on toward the PBX: " + ended);
            assertTrue(deviceLeg.packetsSent() >= 50, "and the PBX's toward the device: " + ended);
        }
    }

    @Test
    void offerWithOnlyG729_is488AndNoDeviceRings() throws Exception {
        E2eSystem.Line line = system.newLine();
        try (TestDevice phone = system.device(line.user(), CallBehaviour.answerNow())) {
            SippResult pbx = sipp(SippScenarios.EXPECT_G729_REFUSED_488, line.did(), Duration.ZERO);

            assertTrue(pbx.succeeded(), pbx.describe());
            assertEquals(488, inviteFinalStatus(pbx), pbx.describe());
            String refusal = pbx.messages().stream().filter(m -> !m.sent()).map(m -> m.text())
                    .filter(t -> t.startsWith("SIP/2.0 488")).findFirst().orElseThrow();
            assertTrue(refusal.contains("Warning: 305 "), "a Warning says why:\n" + refusal);

            CallTimeline timeline = system.timeline(system.callId(line.did()));
            assertSequence(List.of("CallOffered", "DevicesLocated", "CallEnded"), timeline);
            assertEnded(timeline, EndCause.MEDIA_REJECTED, 488);
            assertEquals(0, phone.callCount(), "no device rang");
        }
    }

    static SippResult sipp(String scenario, String did, Duration hold) {
        try {
            return system.call(scenario, SippTransport.UDP, did, hold, Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CallEnded.LegQuality leg(CallEnded ended, CallEnded.Leg leg) {
        return ended.media().stream().filter(q -> q.leg() == leg).findFirst()
                .orElseThrow(() -> new AssertionError("no " + leg + " figures in " + ended));
    }

    private static void drain(WebRtcDevicePeer media, List<byte[]> into, Duration wait) throws InterruptedException {
        for (byte[] packet = media.receive(wait); packet != null; packet = media.receive(Duration.ZERO)) {
            into.add(packet);
        }
    }

    private static byte[] tone(G711 codec, int frame) {
        short[] pcm = new short[160];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * (frame * 160 + i) / 8000.0));
        }
        byte[] out = new byte[160];
        codec.encode(pcm, 0, out, 0, pcm.length);
        return out;
    }

    /** RMS of the decoded payloads of every packet. */
    private static double rms(G711 codec, List<byte[]> packets) {
        double sum = 0;
        long n = 0;
        for (byte[] packet : packets) {
            int header = RtpHeader.headerLength(packet, 0);
            int payload = packet.length - header;
            short[] pcm = new short[payload];
            codec.decode(packet, header, pcm, 0, payload);
            for (short s : pcm) {
                sum += (double) s * s;
            }
            n += payload;
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }
}
