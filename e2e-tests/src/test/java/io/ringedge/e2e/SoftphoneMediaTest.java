package io.ringedge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.testkit.CallTimeline;
import io.ringedge.testkit.sipp.Sipp;
import io.ringedge.testkit.sipp.SippProcess;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippRun;
import io.ringedge.testkit.sipp.SippScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Audio both ways between SIPp as the PBX and the softphone page in real headless Chromium, through
 * the edge and its media worker. The PBX plays a PCMU tone (a capture written here); Chromium's
 * fake microphone beeps at {@value #BEEP_HZ} Hz. Chromium's {@code getStats()} must show the PBX's
 * audio arriving with energy, and the PBX's RTP socket must receive audio that, decoded, carries the
 * beep. Once pass-through (the browser answers PCMU) and once transcoded (the browser answers Opus
 * only); then mute, DTMF, and how a call ends when the browser goes: consent lost (the browser
 * frozen, its WebSocket still open), media timeout (it stops sending RTP), the tab closed (its
 * WebSocket closes: the edge ends the call as the device's hang-up at once).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SoftphoneMediaTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    /** Chromium's fake audio capture: a 400 Hz beep, a few times a second */
    static final double BEEP_HZ = 400;
    /** frequencies the beep and its harmonics (odd multiples of 400 Hz) leave empty */
    static final double[] QUIET_HZ = {700, 1000};
    static final double PBX_TONE_HZ = 1000;
    /** the PBX's RTP payload type for telephone-event (its SDP offer) */
    static final int PBX_TELEPHONE_EVENT = 101;
    static final List<String> PCMU = List.of("pcmu");

    static E2eSystem system;
    static Chromium chromium;
    static Path pcmuTone;

    @BeforeAll
    static void start() throws Exception {
        // Consent is checked every 0.5 s and lost after 2 s of silence (RFC 7675 §5.1 allows a
        // shorter timeout than 30 s); no RTP for 5 s is a media timeout. A frozen browser stops
        // both, and consent loss comes first; a browser that stops sending RTP still answers consent.
        system = E2eSystem.start(20, Map.of(
                "media.consent-interval", "PT0.5S",
                "media.consent-timeout", "PT2S",
                "media.media-timeout", "PT5S"));
        chromium = Chromium.start();
        // longer than any call here: the PBX never falls silent while the browser's side is measured
        pcmuTone = PcmuTonePcap.write(system.dir().resolve("pcmu-1khz.pcap"), PBX_TONE_HZ, 8000, 20_000);
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (system != null) {
                system.close();
            }
        }
    }

    /** SIPp as the PBX playing the PCMU tone, its RTP port the socket of {@code media}. */
    SippProcess pbxCall(String scenario, E2eSystem.Line line, PbxMedia media, Duration hold) throws IOException {
        return Sipp.start(SippRun.uac(SippScenarios.resolve(scenario), "127.0.0.1",
                        system.sipPort(io.ringedge.edge.sip.Ingress.UDP))
                .withService(line.did()).withHold(hold).withTimeout(Duration.ofSeconds(40))
                .withMediaPort(media.sippMediaPort()).withKey("pcap", pcmuTone.toString()));
    }

    /**
     * The page, registered, rings for the PBX's call to {@code line} and is answered with a real
     * click (after which the page may play the remote audio); the PBX's SIPp is returned to the test.
     */
    SippProcess answeredCall(BrowserPhone phone, String scenario, E2eSystem.Line line, PbxMedia media, Duration hold)
            throws Exception {
        return phone.answerCall(() -> pbxCall(scenario, line, media, hold), WAIT);
    }

    // first: on a loaded machine the worker's first transcoded call (cold JIT) can starve; the
    // pass-through call before it warms the rest of the media path
    @Test
    @Order(1)
    void passThroughPcmuBothWays() throws Exception {
        audioBothWays("web-pcmu", PCMU, "audio/PCMU");
    }

    @Test
    @Order(2)
    void transcodedOpusBothWays() throws Exception {
        audioBothWays("web-opus", List.of("opus"), "audio/opus");
    }

    private void audioBothWays(String device, List<String> codecs, String browserCodec) throws Exception {
        E2eSystem.Line line = system.newLine();
        try (BrowserPhone phone = BrowserPhone.open(chromium, system.httpPort(), system.token(line.user(), device), codecs);
             PbxMedia pbxMedia = PbxMedia.bind()) {
            try (SippProcess pbx = answeredCall(phone, SippScenarios.PLAY_PCAP_PBX_BYE, line, pbxMedia,
                    Duration.ofSeconds(10))) {
                long answered = System.nanoTime();

                // PBX -> browser: the PBX's tone reaches Chromium's decoder with energy
                phone.await("phone.getStats().then(s => s && s.inbound && s.inbound.packetsReceived >= 25"
                        + " && s.inbound.totalAudioEnergy > 0 && s.inbound.audioLevel > 0)", WAIT);
                JsonNode stats = phone.stats();
                assertEquals(browserCodec, stats.at("/inbound/codec").asText(), stats.toString());
                assertEquals(browserCodec, stats.at("/outbound/codec").asText(), stats.toString());

                // browser -> PBX: PCMU whose audio is Chromium's beep
                pbxMedia.await(0, 100, answered, WAIT);
                assertBeep(PbxMedia.pcmu(pbxMedia.since(answered)));

                SippResult result = pbx.awaitResult();
                assertTrue(result.succeeded(), result.describe());
                phone.awaitCallState("ended", WAIT);
                assertEquals("remote", phone.history().get(0).get("originator").asText());
            }
            CallTimeline timeline = system.timeline(system.callId(line.did()));
            SippCallTest.assertSequence(SippCallTest.ANSWERED, timeline);
            SippCallTest.assertEnded(timeline, EndCause.CALLER_HANGUP, 200);
        }
    }

    @Test
    void muteSilencesTheMicrophoneAndTheKeypadSendsTelephoneEvents() throws Exception {
        E2eSystem.Line line = system.newLine();
        try (BrowserPhone phone = BrowserPhone.open(chromium, system.httpPort(), system.token(line.user(), "web-keys"), PCMU);
             PbxMedia pbxMedia = PbxMedia.bind()) {
            try (SippProcess pbx = answeredCall(phone, SippScenarios.PLAY_PCAP_DEVICE_BYE, line, pbxMedia, Duration.ZERO)) {
                long answered = System.nanoTime();
                pbxMedia.await(0, 75, answered, WAIT);
                assertBeep(PbxMedia.pcmu(pbxMedia.since(answered)));

                phone.toggleMute();
                assertTrue(phone.call().get("muted").asBoolean());
                assertEquals("Unmute", phone.text("#mute"));
                // what was in flight when the button was pressed is not the muted microphone
                long muted = System.nanoTime() + 300_000_000L;
                pbxMedia.await(0, 75, muted, WAIT);
                short[] silence = PbxMedia.pcmu(pbxMedia.since(muted));
                double beep = Goertzel.amplitude(silence, 0, silence.length, BEEP_HZ, 8000);
                assertTrue(beep < 5, "muted, the PBX still hears the beep: amplitude " + beep);
                phone.toggleMute();

                long keys = System.nanoTime();
                phone.press("5#");
                pbxMedia.await(PBX_TELEPHONE_EVENT, 6, keys, WAIT);
                // RFC 4733 §3.2: 5 is event 5, # is event 11; on the PBX's payload type
                Thread.sleep(500);
                assertEquals(Set.of(5, 11), PbxMedia.telephoneEvents(pbxMedia.since(keys), PBX_TELEPHONE_EVENT),
                        PbxMedia.describe(pbxMedia.since(keys)));

                phone.hangUp();
                SippResult result = pbx.awaitResult();
                assertTrue(result.succeeded(), "the PBX got the BYE: " + result.describe());
                phone.awaitCallState("ended", WAIT);
                assertEquals("local", phone.history().get(0).get("originator").asText());
            }
            CallTimeline timeline = system.timeline(system.callId(line.did()));
            SippCallTest.assertSequence(SippCallTest.ANSWERED, timeline);
            SippCallTest.assertEnded(timeline, EndCause.CALLEE_HANGUP, 200);
        }
    }

    @Test
    void aBrowserThatVanishesEndsTheCallWhenConsentIsLost() throws Exception {
        E2eSystem.Line line = system.newLine();
        try (BrowserPhone phone = BrowserPhone.open(chromium, system.httpPort(), system.token(line.user(), "web-gone"), PCMU);
             PbxMedia pbxMedia = PbxMedia.bind()) {
            try (SippProcess pbx = answeredCall(phone, SippScenarios.PLAY_PCAP_DEVICE_BYE, line, pbxMedia, Duration.ZERO)) {
                pbxMedia.await(0, 25, System.nanoTime(), WAIT);

                // the browser goes silent, its WebSocket still open (a dead network, a frozen
                // laptop): only the worker's consent checks (RFC 7675) can tell
                chromium.freezeRenderers();
                SippResult result;
                try {
                    result = pbx.awaitResult();
                } finally {
                    chromium.thaw();
                }
                assertTrue(result.succeeded(), "the edge sent the PBX a BYE: " + result.describe());
                // thawed, the page learns the call is over (the edge's BYE, or its own ICE failure)
                phone.awaitCallState("ended", WAIT);
            }
            CallTimeline timeline = system.timeline(system.callId(line.did()));
            SippCallTest.assertSequence(SippCallTest.ANSWERED, timeline);
            assertEquals(EndCause.CONSENT_LOST, timeline.ended().orElseThrow().cause(), timeline.toString());
        }
    }

    @Test
    void closingTheTabEndsTheCall() throws Exception {
        E2eSystem.Line line = system.newLine();
        try (BrowserPhone phone = BrowserPhone.open(chromium, system.httpPort(), system.token(line.user(), "web-close"), PCMU);
             PbxMedia pbxMedia = PbxMedia.bind()) {
            try (SippProcess pbx = answeredCall(phone, SippScenarios.PLAY_PCAP_DEVICE_BYE, line, pbxMedia, Duration.ZERO)) {
                pbxMedia.await(0, 25, System.nanoTime(), WAIT);

                long closed = System.nanoTime();
                phone.close(); // no BYE from the page (closing again is a no-op)

                SippResult result = pbx.awaitResult();
                assertTrue(result.succeeded(), "the edge sent the PBX a BYE: " + result.describe());
                // the closed WebSocket tells the edge at once, long before consent could
                long tookMillis = (System.nanoTime() - closed) / 1_000_000;
                assertTrue(tookMillis < 2000, "BYE " + tookMillis + " ms after the tab closed");
            }
            CallTimeline timeline = system.timeline(system.callId(line.did()));
            SippCallTest.assertSequence(SippCallTest.ANSWERED, timeline);
            assertEquals(EndCause.CALLEE_HANGUP, timeline.ended().orElseThrow().cause(), timeline.toString());
        }
    }

    @Test
    void aBrowserThatStopsSendingEndsTheCallOnMediaTimeout() throws Exception {
        E2eSystem.Line line = system.newLine();
        try (BrowserPhone phone = BrowserPhone.open(chromium, system.httpPort(), system.token(line.user(), "web-quiet"), PCMU);
             PbxMedia pbxMedia = PbxMedia.bind()) {
            try (SippProcess pbx = answeredCall(phone, SippScenarios.PLAY_PCAP_DEVICE_BYE, line, pbxMedia, Duration.ZERO)) {
                pbxMedia.await(0, 25, System.nanoTime(), WAIT);

                // no track, no RTP; ICE consent is still answered, so only the RTP watch can notice
                phone.page().eval("Promise.all(phone.peerConnection().getSenders().map(s => s.replaceTrack(null)))");

                SippResult result = pbx.awaitResult();
                assertTrue(result.succeeded(), "the edge sent the PBX a BYE: " + result.describe());
                phone.awaitCallState("ended", WAIT);
                assertEquals("remote", phone.history().get(0).get("originator").asText(),
                        "the browser got a BYE too: " + phone.history());
            }
            CallTimeline timeline = system.timeline(system.callId(line.did()));
            SippCallTest.assertSequence(SippCallTest.ANSWERED, timeline);
            assertEquals(EndCause.MEDIA_TIMEOUT, timeline.ended().orElseThrow().cause(), timeline.toString());
        }
    }

    /**
     * The beep of Chromium's fake microphone is in {@code pcm}: strong at {@value #BEEP_HZ} Hz and
     * far weaker where neither it nor its harmonics are (anything else, noise or the PBX's own
     * tone echoed, would not look like that).
     */
    static void assertBeep(short[] pcm) {
        assertTrue(pcm.length >= 8000, "at least a second of audio, got " + pcm.length + " samples");
        double beep = Goertzel.amplitude(pcm, 0, pcm.length, BEEP_HZ, 8000);
        double rms = Goertzel.rms(pcm, 0, pcm.length);
        for (double hz : QUIET_HZ) {
            double other = Goertzel.amplitude(pcm, 0, pcm.length, hz, 8000);
            assertTrue(beep > 10 * other, "the " + BEEP_HZ + " Hz beep (amplitude " + beep + ") does not stand out"
                    + " over " + hz + " Hz (" + other + "); RMS " + rms);
        }
        assertTrue(beep > 20, "the beep is too faint to be Chromium's: amplitude " + beep + ", RMS " + rms);
    }
}
