package io.ringedge.e2e;

import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.events.CallOffered;
import io.ringedge.events.DevicesLocated;
import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.CallState;
import io.ringedge.testkit.CallTimeline;
import io.ringedge.testkit.DeviceCall;
import io.ringedge.testkit.TestDevice;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippScenarios;
import io.ringedge.testkit.sipp.SippTrace;
import io.ringedge.testkit.sipp.SippTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIPp as the customer PBX (UDP and TCP) calls test devices attached over a real WebSocket to the
 * system as the launcher runs it. Each test checks what the PBX saw (the final status in SIPp's
 * trace) and the call's exact ordered event sequence on Kafka.
 */
class SippCallTest {

    static final int RING_TIMEOUT_SECONDS = 3;
    static final Duration WAIT = Duration.ofSeconds(10);
    static final List<String> ANSWERED = List.of("CallOffered", "DevicesLocated", "CallRinging", "CallAnswered", "CallEnded");

    static E2eSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = E2eSystem.start(RING_TIMEOUT_SECONDS);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SippTransport.class)
    void answeredCallThePbxHangsUp(SippTransport transport) throws Exception {
        E2eSystem.Line line = system.newLine();
        try (TestDevice phone = system.device(line.user(), CallBehaviour.answer(Duration.ofMillis(100)))) {
            SippResult pbx = system.call(SippScenarios.ANSWER_PBX_BYE, transport, line.did(), Duration.ofMillis(300), WAIT);

            assertTrue(pbx.succeeded(), pbx.describe());
            assertEquals(200, inviteFinalStatus(pbx), pbx.describe());
            DeviceCall call = phone.awaitCall(WAIT);
            call.awaitState(CallState.TERMINATED, WAIT);
            phone.awaitRequest("BYE", WAIT); // the PBX's BYE crossed to the device leg

            CallTimeline timeline = system.timeline(system.callId(line.did()));
            assertSequence(ANSWERED, timeline);
            assertOffered(line, timeline);
            assertEnded(timeline, EndCause.CALLER_HANGUP, 200);
            assertEquals(deviceOf(timeline), timeline.first(CallAnswered.class).orElseThrow().deviceId());
        }
    }

    @ParameterizedTest
    @EnumSource(SippTransport.class)
    void answeredCallTheDeviceHangsUp(SippTransport transport) throws Exception {
        E2eSystem.Line line = system.newLine();
        try (TestDevice phone = system.device(line.user(),
                CallBehaviour.answerThenHangUp(Duration.ofMillis(100), Duration.ofMillis(300)))) {
            SippResult pbx = system.call(SippScenarios.ANSWER_DEVICE_BYE, transport, line.did(), Duration.ZERO, WAIT);

            assertTrue(pbx.succeeded(), pbx.describe());
            assertEquals(200, inviteFinalStatus(pbx), pbx.describe());
            assertTrue(pbx.messages().stream().anyMatch(m -> !m.sent() && m.isRequest("BYE")), "the PBX got the BYE");
            phone.awaitCall(WAIT).awaitState(CallState.TERMINATED, WAIT);

            CallTimeline timeline = system.timeline(system.callId(line.did()));
            assertSequence(ANSWERED, timeline);
            assertOffered(line, timeline);
            assertEnded(timeline, EndCause.CALLEE_HANGUP, 200);
        }
    }

    @ParameterizedTest
    @EnumSource(SippTransport.class)
    void cancelBeforeAnswer(SippTransport transport) throws Exception {
        E2eSystem.Line line = system.newLine();
        try (TestDevice phone = system.device(line.user(), CallBehaviour.ringForever())) {
            SippResult pbx = system.call(SippScenarios.CANCEL, transport, line.did(), Duration.ofMillis(300), WAIT);

            assertTrue(pbx.succeeded(), pbx.describe());
            assertEquals(487, inviteFinalStatus(pbx), pbx.describe());
            phone.awaitCall(WAIT).awaitState(CallState.CANCELLED, WAIT);

            CallTimeline timeline = system.timeline(system.callId(line.did()));
            assertSequence(List.of("CallOffered", "DevicesLocated", "CallRinging", "CallCancelled", "CallEnded"), timeline);
            assertOffered(line, timeline);
            assertEnded(timeline, EndCause.CALLER_CANCELLED, 487);
        }
    }

    @ParameterizedTest
    @EnumSource(SippTransport.class)
    void busy(SippTransport transport) throws Exception {
        E2eSystem.Line line = system.newLine();
        try (TestDevice phone = system.device(line.user(), CallBehaviour.busy())) {
            SippResult pbx = system.call(SippScenarios.EXPECT_BUSY_486, transport, line.did());

            assertTrue(pbx.succeeded(), pbx.describe());
            assertEquals(486, inviteFinalStatus(pbx), pbx.describe());
            phone.awaitCall(WAIT).awaitState(CallState.REJECTED, WAIT);

            CallTimeline timeline = system.timeline(system.callId(line.did()));
            assertSequence(List.of("CallOffered", "DevicesLocated", "CallEnded"), timeline);
            assertEnded(timeline, EndCause.BUSY, 486);
        }
    }

    @ParameterizedTest
    @EnumSource(SippTransport.class)
    void decline(SippTransport transport) throws Exception {
        E2eSystem.Line line = system.newLine();
        try (TestDevice phone = system.device(line.user(), CallBehaviour.decline())) {
            SippResult pbx = system.call(SippScenarios.EXPECT_DECLINE_603, transport, line.did());

            assertTrue(pbx.succeeded(), pbx.describe());
            assertEquals(603, inviteFinalStatus(pbx), pbx.describe());

            CallTimeline timeline = system.timeline(system.callId(line.did()));
            assertSequence(List.of("CallOffered", "DevicesLocated", "CallEnded"), timeline);
            assertEnded(timeline, EndCause.DECLINED, 603);
        }
    }

    @ParameterizedTest
    @EnumSource(SippTransport.class)
    void ringTimeout(SippTransport transport) throws Exception {
        E2eSystem.Line line = system.newLine();
        try (TestDevice phone = system.device(line.user(), CallBehaviour.ringForever())) {
            long start = System.nanoTime();
            SippResult pbx = system.call(SippScenarios.EXPECT_RING_TIMEOUT_480, transport, line.did());
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertTrue(pbx.succeeded(), pbx.describe());
            assertEquals(480, inviteFinalStatus(pbx), pbx.describe());
            assertTrue(tookMillis >= RING_TIMEOUT_SECONDS * 1000L - 200,
                    "480 only after the ring timeout of " + RING_TIMEOUT_SECONDS + " s, took " + tookMillis + " ms");
            // the ringing device is told the call is gone (RFC 3261 §9.1)
            phone.awaitRequest("CANCEL", WAIT);
            phone.awaitCall(WAIT).awaitState(CallState.CANCELLED, WAIT);

            CallTimeline timeline = system.timeline(system.callId(line.did()));
            assertSequence(List.of("CallOffered", "DevicesLocated", "CallRinging", "CallEnded"), timeline);
            assertEnded(timeline, EndCause.NO_ANSWER, 480);
        }
    }

    @ParameterizedTest
    @EnumSource(SippTransport.class)
    void forkToTwoDevicesFirstAnswerWins(SippTransport transport) throws Exception {
        E2eSystem.Line line = system.newLine();
        try (TestDevice winner = system.device(line.user(), CallBehaviour.answer(Duration.ofMillis(300)));
             TestDevice loser = system.device(line.user(), CallBehaviour.ringForever())) {
            SippResult pbx = system.call(SippScenarios.ANSWER_PBX_BYE, transport, line.did(), Duration.ofMillis(300), WAIT);

            assertTrue(pbx.succeeded(), pbx.describe());
            assertEquals(200, inviteFinalStatus(pbx), pbx.describe());
            winner.awaitCall(WAIT).awaitState(CallState.TERMINATED, WAIT);
            // the losing fork is cancelled once the other device's 200 won (RFC 3261 §16.7 step 10 for forking)
            loser.awaitRequest("CANCEL", WAIT);
            loser.awaitCall(WAIT).awaitState(CallState.CANCELLED, WAIT);
            assertEquals(1, winner.callCount());
            assertEquals(1, loser.callCount());

            CallTimeline timeline = system.timeline(system.callId(line.did()));
            assertSequence(ANSWERED, timeline);
            assertEquals(2, timeline.first(DevicesLocated.class).orElseThrow().attached().size(), timeline.toString());
            assertEnded(timeline, EndCause.CALLER_HANGUP, 200);
        }
    }

    @ParameterizedTest
    @EnumSource(SippTransport.class)
    void unknownDidIsNotFound(SippTransport transport) throws Exception {
        String did = system.unknownDid();
        SippResult pbx = system.call(SippScenarios.EXPECT_UNKNOWN_DID_404, transport, did);

        assertTrue(pbx.succeeded(), pbx.describe());
        assertEquals(404, inviteFinalStatus(pbx), pbx.describe());
        system.awaitEventsFlushed();
        assertEquals(List.of(), CallOffers.now(system.bootstrapServers(), did), "no call offered for an unknown DID");
    }

    /** RFC 3261 §16 proxies would leak; a B2BUA shows each side only itself (topology hiding). */
    @ParameterizedTest
    @EnumSource(SippTransport.class)
    void neitherSideSeesTheOthersCallIdViaOrContact(SippTransport transport) throws Exception {
        E2eSystem.Line line = system.newLine();
        try (TestDevice phone = system.device(line.user(), CallBehaviour.answer(Duration.ofMillis(100)))) {
            SippResult pbx = system.call(SippScenarios.ANSWER_PBX_BYE, transport, line.did(), Duration.ofMillis(200), WAIT);
            assertTrue(pbx.succeeded(), pbx.describe());

            SippTrace.Entry sentInvite = pbx.messages().stream().filter(m -> m.sent() && m.isRequest("INVITE"))
                    .findFirst().orElseThrow(() -> new AssertionError("no INVITE in SIPp's trace: " + pbx.describe()));
            var pbxInvite = sentInvite.message();
            var deviceInvite = phone.lastInvite().orElseThrow();
            String deviceText = phone.messages().stream().filter(m -> m.isRequest("INVITE")).findFirst()
                    .orElseThrow().text();

            String pbxCallId = pbxInvite.callId();
            String pbxVia = pbxInvite.values("Via").getFirst();
            String pbxBranch = pbxVia.replaceAll(".*branch=([^;\\s]+).*", "$1");
            String pbxSentBy = pbxVia.replaceAll("^SIP/2.0/\\S+\\s+([^;\\s]+).*", "$1");
            String pbxContact = pbxInvite.require("Contact");
            String pbxFromTag = pbxInvite.from().tag().orElseThrow();

            assertTrue(!deviceInvite.callId().equals(pbxCallId) && !deviceText.contains(pbxCallId),
                    "the device saw the PBX's Call-ID " + pbxCallId + ":\n" + deviceText);
            assertTrue(!deviceText.contains(pbxBranch), "the device saw the PBX's Via branch " + pbxBranch + ":\n" + deviceText);
            assertTrue(deviceInvite.values("Via").stream().noneMatch(v -> v.contains(pbxSentBy)),
                    "the device saw the PBX's Via sent-by " + pbxSentBy + ":\n" + deviceText);
            assertTrue(!deviceText.contains(pbxContact) && !deviceText.contains(pbxSentBy),
                    "the device saw the PBX's Contact " + pbxContact + ":\n" + deviceText);
            assertTrue(!deviceText.contains(pbxFromTag), "the device saw the PBX's From tag:\n" + deviceText);

            // and the other way round: nothing of the device's leg reaches the PBX
            DeviceCall call = phone.awaitCall(WAIT);
            String deviceContact = phone.contactUri().replaceAll("^sip:", "");
            String pbxSaw = pbx.messages().stream().filter(m -> !m.sent()).map(SippTrace.Entry::text)
                    .reduce("", String::concat);
            assertTrue(!pbxSaw.contains(call.callId()), "the PBX saw the device leg's Call-ID " + call.callId());
            assertTrue(!pbxSaw.contains(call.localTag()), "the PBX saw the device's To tag " + call.localTag());
            assertTrue(!pbxSaw.contains(deviceContact.replaceAll(";.*", "")),
                    "the PBX saw the device's Contact " + deviceContact + ":\n" + pbxSaw);
        }
    }

    /** The final status of the INVITE as SIPp received it. */
    static int inviteFinalStatus(SippResult pbx) {
        return pbx.messages().stream()
                .filter(m -> !m.sent() && m.message() instanceof io.ringedge.testkit.sip.SipResponse r
                        && r.status() >= 200 && r.cseq().method().equals("INVITE"))
                .map(m -> ((io.ringedge.testkit.sip.SipResponse) m.message()).status())
                .findFirst().orElseThrow(() -> new AssertionError("SIPp got no final response to its INVITE: " + pbx.describe()));
    }

    static void assertSequence(List<String> expected, CallTimeline timeline) {
        assertEquals(expected, timeline.typeNames(), timeline.toString());
        assertEquals(List.of(), timeline.duplicateIds(), "duplicate events in " + timeline);
        assertEquals(List.of(), timeline.undecodable(), "undecodable records in " + timeline);
    }

    static void assertOffered(E2eSystem.Line line, CallTimeline timeline) {
        CallOffered offered = timeline.first(CallOffered.class).orElseThrow();
        assertEquals(E2eSystem.TENANT, offered.tenantId());
        assertEquals(E2eSystem.CONNECTION, offered.connectionId());
        assertEquals(line.did(), offered.did());
        assertEquals(line.user(), offered.userId());
        assertEquals("+15550100", offered.caller().number(), "the caller as SIPp sent it");
        DevicesLocated located = timeline.first(DevicesLocated.class).orElseThrow();
        assertEquals(line.user(), located.userId());
    }

    static void assertEnded(CallTimeline timeline, EndCause cause, int sipStatus) {
        CallEnded ended = timeline.ended().orElseThrow();
        assertEquals(cause, ended.cause(), timeline.toString());
        assertEquals(sipStatus, ended.sipStatus(), timeline.toString());
        assertTrue(ended.setupMillis() >= 0 && ended.talkMillis() >= 0, ended.toString());
        if (sipStatus == 200) {
            assertTrue(ended.talkMillis() > 0, "an answered call talked: " + ended);
        } else {
            assertEquals(0, ended.talkMillis(), "an unanswered call has no talk time: " + ended);
        }
    }

    static String deviceOf(CallTimeline timeline) {
        List<DevicesLocated.AttachedDevice> attached = timeline.first(DevicesLocated.class).orElseThrow().attached();
        assertEquals(1, attached.size(), timeline.toString());
        return attached.getFirst().deviceId();
    }
}
