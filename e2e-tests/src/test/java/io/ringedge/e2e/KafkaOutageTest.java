package io.ringedge.e2e;

import io.ringedge.embedded.EmbeddedKafka;
import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.events.CallOffered;
import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.CallState;
import io.ringedge.testkit.CallTimeline;
import io.ringedge.testkit.DeviceCall;
import io.ringedge.testkit.TestDevice;
import io.ringedge.testkit.sipp.Sipp;
import io.ringedge.testkit.sipp.SippProcess;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippRun;
import io.ringedge.testkit.sipp.SippScenarios;
import io.ringedge.testkit.sipp.SippTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka goes away mid-run. What "calls keep working" means then: the edge holds its calls in
 * memory, so a call already answered goes on and ends normally; a new call cannot be located
 * (the locator is an event function on Kafka), so the PBX gets a timely 480 at the ring timeout
 * instead of waiting forever. Every event waits in the publisher's outbox and reaches Kafka, in
 * order and once, when it returns; then calls are served as before.
 */
class KafkaOutageTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration RECOVERY = Duration.ofSeconds(60);

    static E2eSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = E2eSystem.start(SippCallTest.RING_TIMEOUT_SECONDS);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void callsDuringAKafkaOutageAreServedAndEveryEventArrivesInOrderOnceItReturns() throws Exception {
        EmbeddedKafka kafka = system.standalone().embedded().kafka().orElseThrow();
        E2eSystem.Line held = system.newLine();
        E2eSystem.Line newOverUdp = system.newLine();
        E2eSystem.Line newOverTcp = system.newLine();
        E2eSystem.Line afterwards = system.newLine();
        try (TestDevice heldPhone = system.device(held.user(), CallBehaviour.answer(Duration.ofMillis(100)));
             TestDevice udpPhone = system.device(newOverUdp.user(), CallBehaviour.answer(Duration.ofMillis(100)));
             TestDevice tcpPhone = system.device(newOverTcp.user(), CallBehaviour.answer(Duration.ofMillis(100)));
             SippProcess heldPbx = Sipp.start(SippRun.uac(SippScenarios.resolve(SippScenarios.ANSWER_DEVICE_BYE),
                     "127.0.0.1", system.sipPort(SippTransport.UDP)).withService(held.did()).withTimeout(Duration.ofSeconds(40)))) {
            DeviceCall heldCall = heldPhone.awaitCall(WAIT).awaitState(CallState.CONFIRMED, WAIT);
            String heldCallId = system.callId(held.did());

            kafka.stop();
            try {
                assertUnlocatedCallGets480(newOverUdp, SippTransport.UDP, udpPhone);
                assertUnlocatedCallGets480(newOverTcp, SippTransport.TCP, tcpPhone);
                // the call in progress goes on and ends normally
                assertEquals(200, heldCall.hangUp(WAIT).status(), "the device's BYE is answered");
                SippResult heldResult = heldPbx.awaitResult();
                assertTrue(heldResult.succeeded(), heldResult.describe());
                assertTrue(system.standalone().publisher().outboxDepth()
                        + system.standalone().publisher().unacknowledgedEvents() > 0, "events wait for Kafka");
                assertEquals(0, system.standalone().publisher().droppedEvents(), "no event dropped");
            } finally {
                kafka.restart();
            }
            awaitFlushed();

            CallTimeline heldTimeline = CallTimeline.untilEnded(system.bootstrapServers(), heldCallId, RECOVERY);
            SippCallTest.assertSequence(SippCallTest.ANSWERED, heldTimeline);
            SippCallTest.assertEnded(heldTimeline, EndCause.CALLEE_HANGUP, 200);

            for (E2eSystem.Line line : List.of(newOverUdp, newOverTcp)) {
                List<CallOffered> offers = CallOffers.await(system.bootstrapServers(), line.did(), 1, RECOVERY);
                assertEquals(1, offers.size(), "one offer, not redelivered: " + offers);
                // The edge's events, in order. The locator answers the offer when Kafka brings it,
                // after the call ended; the edge, which no longer holds the call, ignores that answer.
                CallTimeline t = CallTimeline.untilCount(system.bootstrapServers(), offers.getFirst().callId(), 3, RECOVERY);
                SippCallTest.assertSequence(List.of("CallOffered", "CallEnded", "DevicesLocated"), t);
                SippCallTest.assertEnded(t, EndCause.NO_ANSWER, 480);
            }
        }

        // and with Kafka back, a call is served as usual
        try (TestDevice phone = system.device(afterwards.user(), CallBehaviour.answer(Duration.ofMillis(100)))) {
            SippResult pbx = system.call(SippScenarios.ANSWER_PBX_BYE, SippTransport.TCP, afterwards.did(),
                    Duration.ofMillis(200), Duration.ofSeconds(20));
            assertTrue(pbx.succeeded(), pbx.describe());
            CallTimeline t = system.timeline(system.callId(afterwards.did()));
            SippCallTest.assertSequence(SippCallTest.ANSWERED, t);
        }
    }

    /** A new call while Kafka is down cannot be located: 480 at the ring timeout, and no device rings. */
    private static void assertUnlocatedCallGets480(E2eSystem.Line line, SippTransport transport, TestDevice phone)
            throws Exception {
        long start = System.nanoTime();
        SippResult pbx = system.call(SippScenarios.EXPECT_RING_TIMEOUT_480, transport, line.did());
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(pbx.succeeded(), pbx.describe());
        assertEquals(480, SippCallTest.inviteFinalStatus(pbx), pbx.describe());
        assertTrue(tookMillis < (SippCallTest.RING_TIMEOUT_SECONDS + 3) * 1000L,
                "480 within the ring timeout of " + SippCallTest.RING_TIMEOUT_SECONDS + " s, took " + tookMillis + " ms");
        assertEquals(0, phone.callCount(), "an unlocated call reaches no device");
    }

    private static void awaitFlushed() throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        var publisher = system.standalone().publisher();
        while (publisher.outboxDepth() > 0 || publisher.unacknowledgedEvents() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("events still waiting " + RECOVERY.toSeconds() + " s after Kafka returned: outbox "
                        + publisher.outboxDepth() + ", unacknowledged " + publisher.unacknowledgedEvents());
            }
            Thread.sleep(100);
        }
    }
}
