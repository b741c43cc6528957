package io.ringedge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringedge.edge.sip.Ingress;
import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.testkit.CallTimeline;
import io.ringedge.testkit.sipp.Sipp;
import io.ringedge.testkit.sipp.SippProcess;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippRun;
import io.ringedge.testkit.sipp.SippScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.ringedge.e2e.SoftphoneMediaTest.PCMU;
import static io.ringedge.e2e.SoftphoneMediaTest.WAIT;
import static io.ringedge.e2e.SoftphoneMediaTest.assertBeep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mid-call requests from the softphone page in real headless Chromium, through the edge and its
 * media worker, with SIPp as the PBX playing a PCMU tone: an ICE restart (JsSIP's renegotiate with
 * {@code iceRestart}), answered by the worker alone, after which audio still flows both ways; and
 * hold/resume (JsSIP's hold and unhold), relayed to the PBX as re-INVITEs whose SDP SIPp checks
 * (a=sendonly, then a=sendrecv), with the PBX's audio stopping at the browser while held.
 */
class SoftphoneMidCallTest {

    private static final String ACCEPT_REINVITES = "pbx-play-pcap-accept-reinvites.xml";
    private static final String REMOTE_UFRAG =
            "phone.peerConnection().remoteDescription.sdp.match(/a=ice-ufrag:(\\S+)/)[1]";
    private static final String LOCAL_UFRAG =
            "phone.peerConnection().localDescription.sdp.match(/a=ice-ufrag:(\\S+)/)[1]";

    static E2eSystem system;
    static Chromium chromium;
    static Path pcmuTone;

    @BeforeAll
    static void start() throws Exception {
        // consent lapses after 2 s (RFC 7675 §5.1): a call that outlives that after an ICE restart
        // has its consent renewed under the new credentials
        // port ranges of their own: benchmarks on the same machine may hold the defaults' ports
        system = E2eSystem.start(20, Map.of(
                "media.consent-interval", "PT0.5S",
                "media.consent-timeout", "PT2S",
                "media.media-timeout", "PT5S",
                "media.pbx-port-range", "41000-41199",
                "media.device-port-range", "41400-41599",
                "media.capacity", "50"));
        chromium = Chromium.start();
        pcmuTone = PcmuTonePcap.write(system.dir().resolve("pcmu-1khz.pcap"), SoftphoneMediaTest.PBX_TONE_HZ, 8000,
                30_000);
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

    // Chromium takes the controlling role when it offers the restart (libwebrtc's
    // redetermine_role_on_ice_restart) and keeps sending for a while on pairs of its other address
    // under our old credentials: the worker must follow the role and accept that media.
    @Test
    void iceRestartFromTheBrowser_isAnsweredByTheWorker_andAudioFlowsBothWaysAfterIt() throws Exception {
        E2eSystem.Line line = system.newLine();
        try (BrowserPhone phone = BrowserPhone.open(chromium, system.httpPort(), system.token(line.user(), "web-ice"), PCMU);
             PbxMedia pbxMedia = PbxMedia.bind()) {
            try (SippProcess pbx = answeredCall(phone, SippScenarios.PLAY_PCAP_PBX_BYE, line, pbxMedia,
                    Duration.ofSeconds(16))) {
                phone.await("phone.getStats().then(s => s && s.inbound && s.inbound.packetsReceived >= 25)", WAIT);
                String workerUfrag = phone.page().eval(REMOTE_UFRAG).asText();
                String browserUfrag = phone.page().eval(LOCAL_UFRAG).asText();

                phone.page().eval("phone.restartIce()");
                phone.await("phone.call.iceRestarts === 1", WAIT);
                assertNotEquals(browserUfrag, phone.page().eval(LOCAL_UFRAG).asText(), "the browser restarted ICE");
                assertNotEquals(workerUfrag, phone.page().eval(REMOTE_UFRAG).asText(),
                        "the worker answered with new credentials of its own (RFC 8445 §9)");
                // past the consent timeout: consent is renewed on the new credentials
                Thread.sleep(3000);
                assertEquals("active", phone.call().get("state").asText(), phone.call().toString());

                long restarted = System.nanoTime();
                JsonNode before = phone.stats();
                assertNotNull(before.get("candidatePair"), "a selected pair after the restart: " + before);
                phone.await("phone.getStats().then(s => s.inbound.packetsReceived >= "
                        + (before.at("/inbound/packetsReceived").asLong() + 50) + " && s.inbound.totalAudioEnergy > "
                        + before.at("/inbound/totalAudioEnergy").asDouble() + ")", WAIT);
                pbxMedia.await(0, 100, restarted, WAIT);
                assertBeep(PbxMedia.pcmu(pbxMedia.since(restarted)));

                SippResult result = pbx.awaitResult();
                assertTrue(result.succeeded(), "the PBX saw no re-INVITE and hung up: " + result.describe());
                phone.awaitCallState("ended", WAIT);
            }
            CallTimeline timeline = system.timeline(system.callId(line.did()));
            SippCallTest.assertSequence(SippCallTest.ANSWERED, timeline);
            SippCallTest.assertEnded(timeline, EndCause.CALLER_HANGUP, 200);
        }
    }

    @Test
    void holdAndResumeFromTheBrowser_areRelayedToThePbx_andGateItsAudio() throws Exception {
        E2eSystem.Line line = system.newLine();
        try (BrowserPhone phone = BrowserPhone.open(chromium, system.httpPort(), system.token(line.user(), "web-hold"), PCMU);
             PbxMedia pbxMedia = PbxMedia.bind()) {
            try (SippProcess pbx = answeredCall(phone, ACCEPT_REINVITES, line, pbxMedia, Duration.ZERO)) {
                phone.await("phone.getStats().then(s => s && s.inbound && s.inbound.packetsReceived >= 25)", WAIT);

                phone.page().eval("phone.hold(true)");
                phone.await("phone.call.held === true", WAIT);
                assertEquals("Resume", phone.text("#hold"));
                Thread.sleep(500); // what was in flight
                long heldAt = System.nanoTime();
                long before = phone.stats().at("/inbound/packetsReceived").asLong();
                Thread.sleep(2000);
                long during = phone.stats().at("/inbound/packetsReceived").asLong();
                assertTrue(during - before <= 2, "on hold, the PBX's audio still reached the browser: "
                        + (during - before) + " packets in 2 s");
                // sendonly: the browser's RTP still reaches the PBX (JsSIP mutes its microphone on hold)
                pbxMedia.await(0, 75, heldAt, WAIT);

                phone.page().eval("phone.hold(false)");
                phone.await("phone.call.held === false", WAIT);
                long resumed = System.nanoTime();
                phone.await("phone.getStats().then(s => s.inbound.packetsReceived >= " + (during + 50) + ")", WAIT);
                pbxMedia.await(0, 100, resumed, WAIT);
                assertBeep(PbxMedia.pcmu(pbxMedia.since(resumed)));

                phone.hangUp();
                SippResult result = pbx.awaitResult();
                assertTrue(result.succeeded(), "the PBX got re-INVITEs with a=sendonly then a=sendrecv, then the BYE: "
                        + result.describe());
                phone.awaitCallState("ended", WAIT);
            }
            CallTimeline timeline = system.timeline(system.callId(line.did()));
            SippCallTest.assertSequence(SippCallTest.ANSWERED, timeline);
            SippCallTest.assertEnded(timeline, EndCause.CALLEE_HANGUP, 200);
        }
    }

    /** The page rings for the PBX's call to {@code line} (SIPp playing the tone) and is answered with a click. */
    private static SippProcess answeredCall(BrowserPhone phone, String scenario, E2eSystem.Line line, PbxMedia media,
                                            Duration hold) throws Exception {
        return phone.answerCall(() -> Sipp.start(SippRun.uac(SippScenarios.resolve(scenario), "127.0.0.1",
                        system.sipPort(Ingress.UDP))
                .withService(line.did()).withHold(hold).withTimeout(Duration.ofSeconds(45))
                .withMediaPort(media.sippMediaPort()).withKey("pcap", pcmuTone.toString())), WAIT);
    }
}
