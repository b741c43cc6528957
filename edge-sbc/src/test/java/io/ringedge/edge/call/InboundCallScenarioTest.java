package io.ringedge.edge.call;

import io.ringedge.edge.call.CallEffect.AckFork;
import io.ringedge.edge.call.CallEffect.AnswerPbx;
import io.ringedge.edge.call.CallEffect.AnswerRequest;
import io.ringedge.edge.call.CallEffect.ByeFork;
import io.ringedge.edge.call.CallEffect.ByePbx;
import io.ringedge.edge.call.CallEffect.CancelFork;
import io.ringedge.edge.call.CallEffect.InviteFork;
import io.ringedge.edge.call.CallEffect.InviteFork.Intent;
import io.ringedge.edge.call.CallEffect.Publish;
import io.ringedge.edge.call.CallEffect.RespondToPbx;
import io.ringedge.edge.call.CallEffect.StartTimer;
import io.ringedge.edge.call.CallEffect.StopTimer;
import io.ringedge.edge.call.CallInput.DeviceAvailable;
import io.ringedge.edge.call.CallInput.DeviceBye;
import io.ringedge.edge.call.CallInput.ForkAnswered;
import io.ringedge.edge.call.CallInput.ForkFailed;
import io.ringedge.edge.call.CallInput.ForkProvisional;
import io.ringedge.edge.call.CallInput.Located;
import io.ringedge.edge.call.CallInput.PbxAck;
import io.ringedge.edge.call.CallInput.PbxBye;
import io.ringedge.edge.call.CallInput.PbxCancel;
import io.ringedge.edge.call.CallState.Ended;
import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallCancelled;
import io.ringedge.events.InviteDelivered;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.events.CallEvent;
import io.ringedge.events.CallRinging;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.ringedge.edge.call.CallFixtures.A;
import static io.ringedge.edge.call.CallFixtures.B;
import static io.ringedge.edge.call.CallFixtures.CALL;
import static io.ringedge.edge.call.CallFixtures.CALLER;
import static io.ringedge.edge.call.CallFixtures.CALL_ID;
import static io.ringedge.edge.call.CallFixtures.DEVICE_ANSWER;
import static io.ringedge.edge.call.CallFixtures.FA;
import static io.ringedge.edge.call.CallFixtures.FB;
import static io.ringedge.edge.call.CallFixtures.PBX_OFFER;
import static io.ringedge.edge.call.CallFixtures.REQ;
import static io.ringedge.edge.call.CallFixtures.Z;
import static io.ringedge.edge.call.CallFixtures.located;
import static io.ringedge.edge.call.CallFixtures.locatedAsleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole calls, step by step; each ends by checking the exact ordered timeline it published. */
class InboundCallScenarioTest {

    private static final Sdp SDP_B = new Sdp("v=0\r\no=dev-b 1 1 IN IP4 198.51.100.8\r\ns=-\r\n"
            + "c=IN IP4 198.51.100.8\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n");

    private final CallDriver call = CallDriver.start(CallConfig.DEFAULTS, CALL);

    @Test
    void answeredThenCallerHangsUp() {
        assertEquals(List.of(RespondToPbx.of(100, "Trying"), new Publish(CALL.offered()),
                new StartTimer(CallTimer.RING, Duration.ofSeconds(45))), call.drain());

        call.advance(ms(100)).feed(new Located(located(A)));
        assertEquals(List.of(ring(FA, A)), call.drain());

        call.advance(ms(50)).feed(new ForkProvisional(FA, 100)).feed(new ForkProvisional(FA, 180));
        assertEquals(List.of(RespondToPbx.of(180, "Ringing"), new Publish(new CallRinging(CALL_ID, "dev-a"))),
                call.drain());

        call.advance(ms(3000)).feed(new ForkAnswered(FA, Optional.of(DEVICE_ANSWER)));
        // the device's ACK does not wait for the PBX's: its 2xx held the answer
        assertEquals(List.of(new AnswerPbx(FA, Optional.of(DEVICE_ANSWER)), new AckFork(FA, Optional.empty()),
                new StopTimer(CallTimer.RING), new StartTimer(CallTimer.ACK, Duration.ofSeconds(32)),
                new Publish(new CallAnswered(CALL_ID, "dev-a"))), call.drain());

        call.advance(ms(20)).feed(new PbxAck(Optional.empty()));
        assertEquals(List.of(new StopTimer(CallTimer.ACK)), call.drain());

        // well past both timers: stopped ones must not fire
        call.advance(Duration.ofSeconds(60)).feed(new PbxBye(REQ));
        assertEquals(List.of(new ByeFork(FA), ok()), call.drain().subList(0, 2));

        assertEquals(List.of(100, 180, 200), call.pbxStatuses());
        assertTimeline(new CallRinging(CALL_ID, "dev-a"), new CallAnswered(CALL_ID, "dev-a"),
                new CallEnded(CALL_ID, EndCause.CALLER_HANGUP, 200, 3150, 60020));
        assertTrue(settled());
    }

    @Test
    void answeredThenCalleeHangsUp() {
        call.feed(new Located(located(A))).feed(new ForkProvisional(FA, 180))
                .advance(ms(2000)).feed(new ForkAnswered(FA, Optional.of(DEVICE_ANSWER)))
                .feed(new PbxAck(Optional.empty()));
        call.drain();

        call.advance(ms(10_000)).feed(new DeviceBye(FA, REQ));
        assertEquals(List.of(new ByePbx(), ok(),
                new Publish(new CallEnded(CALL_ID, EndCause.CALLEE_HANGUP, 200, 2000, 10_000))), call.drain());

        assertTimeline(new CallRinging(CALL_ID, "dev-a"), new CallAnswered(CALL_ID, "dev-a"),
                new CallEnded(CALL_ID, EndCause.CALLEE_HANGUP, 200, 2000, 10_000));
        assertTrue(settled());
    }

    @Test
    void callerCancelsBeforeAnswer() {
        call.feed(new Located(located(A, B))).feed(new ForkProvisional(FA, 180));
        call.drain();

        call.advance(ms(4000)).feed(new PbxCancel(REQ));
        assertEquals(List.of(ok(), RespondToPbx.of(487, "Request Terminated"), new CancelFork(FA),
                new StopTimer(CallTimer.RING), new Publish(new CallCancelled(CALL_ID)),
                new Publish(new CallEnded(CALL_ID, EndCause.CALLER_CANCELLED, 487, 4000, 0))), call.drain());

        // B had sent nothing, so its CANCEL waited for its first provisional (RFC 3261 §9.1)
        call.feed(new ForkProvisional(FB, 100));
        assertEquals(List.of(new CancelFork(FB)), call.drain());
        call.feed(new ForkFailed(FA, 487)).feed(new ForkFailed(FB, 487));
        assertEquals(List.of(), call.drain());

        assertEquals(List.of(100, 180, 487), call.pbxStatuses());
        assertTimeline(new CallRinging(CALL_ID, "dev-a"), new CallCancelled(CALL_ID),
                new CallEnded(CALL_ID, EndCause.CALLER_CANCELLED, 487, 4000, 0));
        assertTrue(settled());
    }

    @Test
    void busy() {
        call.feed(new Located(located(A))).feed(new ForkProvisional(FA, 180))
                .advance(ms(1500)).feed(new ForkFailed(FA, 486));

        assertEquals(List.of(100, 180, 486), call.pbxStatuses());
        assertTimeline(new CallRinging(CALL_ID, "dev-a"), new CallEnded(CALL_ID, EndCause.BUSY, 486, 1500, 0));
        assertTrue(settled());
    }

    @Test
    void declinedByEveryDevice() {
        call.feed(new Located(located(A, B))).feed(new ForkProvisional(FA, 180)).feed(new ForkProvisional(FB, 180))
                .advance(ms(800)).feed(new ForkFailed(FA, 603));
        assertEquals(List.of(100, 180), call.pbxStatuses(), "one decline does not speak for the other device");

        call.advance(ms(700)).feed(new ForkFailed(FB, 603));
        assertEquals(List.of(100, 180, 603), call.pbxStatuses());
        assertTimeline(new CallRinging(CALL_ID, "dev-a"), new CallEnded(CALL_ID, EndCause.DECLINED, 603, 1500, 0));
    }

    @Test
    void busyAndDeclinedMixed_declineWins() {
        call.feed(new Located(located(A, B))).feed(new ForkFailed(FA, 486)).feed(new ForkFailed(FB, 603));

        assertEquals(List.of(100, 603), call.pbxStatuses());
        assertTimeline(new CallEnded(CALL_ID, EndCause.DECLINED, 603, 0, 0));
    }

    @Test
    void busyAndUnreachableMixed_busyWins() {
        call.feed(new Located(located(A, B))).feed(new ForkFailed(FA, 408)).feed(new ForkFailed(FB, 486));

        assertEquals(List.of(100, 486), call.pbxStatuses());
        assertTimeline(new CallEnded(CALL_ID, EndCause.BUSY, 486, 0, 0));
    }

    @Test
    void ringTimeout() {
        call.feed(new Located(located(A))).feed(new ForkProvisional(FA, 180));
        call.drain();

        call.advance(Duration.ofSeconds(44));
        assertEquals(List.of(), call.drain(), "not yet");
        call.advance(Duration.ofSeconds(1));
        assertEquals(List.of(RespondToPbx.of(480, "Temporarily Unavailable"), new CancelFork(FA),
                new Publish(new CallEnded(CALL_ID, EndCause.NO_ANSWER, 480, 45_000, 0))), call.drain());

        call.feed(new ForkFailed(FA, 487));
        assertTimeline(new CallRinging(CALL_ID, "dev-a"),
                new CallEnded(CALL_ID, EndCause.NO_ANSWER, 480, 45_000, 0));
        assertTrue(settled());
    }

    @Test
    void ringTimeoutFollowsConfig() {
        CallDriver shortRing = CallDriver.start(new CallConfig(Duration.ofSeconds(20), Duration.ofSeconds(32)), CALL);
        shortRing.feed(new Located(located(A))).advance(Duration.ofSeconds(20));

        assertEquals(List.of(100, 480), shortRing.pbxStatuses());
        assertEquals(new CallEnded(CALL_ID, EndCause.NO_ANSWER, 480, 20_000, 0), shortRing.published().getLast());
    }

    @Test
    void forkToTwoDevices_oneWinsTheOtherIsCancelled() {
        call.feed(new Located(located(A, B)));
        assertEquals(List.of(ring(FA, A), ring(FB, B)), call.drain().subList(3, 5));

        call.advance(ms(100)).feed(new ForkProvisional(FA, 180)).feed(new ForkProvisional(FB, 180));
        call.advance(ms(2900)).feed(new ForkAnswered(FB, Optional.of(SDP_B)));
        assertEquals(List.of(new AnswerPbx(FB, Optional.of(SDP_B)), new AckFork(FB, Optional.empty()),
                new CancelFork(FA), new StopTimer(CallTimer.RING), new StartTimer(CallTimer.ACK, Duration.ofSeconds(32)),
                new Publish(new CallAnswered(CALL_ID, "dev-b"))), call.drain().subList(2, 8));

        call.feed(new ForkFailed(FA, 487)).feed(new PbxAck(Optional.empty()));
        assertEquals(List.of(new StopTimer(CallTimer.ACK)), call.drain());

        call.advance(ms(5000)).feed(new DeviceBye(FB, REQ));
        assertEquals(List.of(100, 180, 200), call.pbxStatuses());
        assertTimeline(new CallRinging(CALL_ID, "dev-a"), new CallAnswered(CALL_ID, "dev-b"),
                new CallEnded(CALL_ID, EndCause.CALLEE_HANGUP, 200, 3000, 5000));
        assertTrue(settled());
    }

    @Test
    void bothForksAnswerAtOnce_secondIsAckedAndReleased() {
        call.feed(new Located(located(A, B))).feed(new ForkProvisional(FA, 180)).feed(new ForkProvisional(FB, 180));
        call.drain();

        call.advance(ms(1000)).feed(new ForkAnswered(FA, Optional.of(DEVICE_ANSWER)));
        call.drain();
        // B's 2xx crossed our CANCEL: RFC 3261 §13.2.2.4 ACK it, then end that dialog
        call.feed(new ForkAnswered(FB, Optional.of(SDP_B)));
        assertEquals(List.of(new AckFork(FB, Optional.empty()), new ByeFork(FB)), call.drain());
        call.feed(new ForkAnswered(FB, Optional.of(SDP_B)));
        assertEquals(List.of(), call.drain(), "a retransmitted 2xx is not released twice");

        call.feed(new PbxAck(Optional.empty())).advance(ms(4000)).feed(new PbxBye(REQ));
        assertEquals(List.of(100, 180, 200), call.pbxStatuses(), "the PBX sees one answer");
        assertTimeline(new CallRinging(CALL_ID, "dev-a"), new CallAnswered(CALL_ID, "dev-a"),
                new CallEnded(CALL_ID, EndCause.CALLER_HANGUP, 200, 1000, 4000));
        assertTrue(settled());
    }

    @Test
    void noDevices() {
        call.advance(ms(30)).feed(new Located(located()));

        assertEquals(List.of(100, 480), call.pbxStatuses());
        assertTimeline(new CallEnded(CALL_ID, EndCause.NO_DEVICES, 480, 30, 0));
        assertTrue(settled());
    }

    @Test
    void asleepDeviceAttachesWhileTheCallWaits_andAnswers() {
        call.feed(new Located(locatedAsleep("dev-z")));
        assertEquals(List.of(100, 180), call.pbxStatuses(), "held for the device being woken, and the PBX told so");

        call.advance(ms(2500)).feed(new DeviceAvailable(Z));
        List<CallEffect> effects = call.drain();
        assertTrue(effects.contains(new CallEffect.PrepareMedia("dev-z", Optional.of(PBX_OFFER))),
                "its media opened while it wakes: " + effects);
        assertEquals(List.of(ring(FA, Z), new CallEffect.Publish(new InviteDelivered(CALL_ID, "dev-z")),
                CallEffect.RespondToPbx.ringingWhile(CallEffect.RespondToPbx.Wake.DEVICE_ATTACHED)),
                effects.subList(effects.size() - 3, effects.size()));
        call.feed(new ForkProvisional(FA, 180)).advance(ms(1500)).feed(new ForkAnswered(FA, Optional.of(DEVICE_ANSWER)))
                .feed(new PbxAck(Optional.empty()));

        assertEquals(List.of(100, 180, 180, 180, 200), call.pbxStatuses(), "waking, device attached, the phone's own 180");
        assertTimeline(new InviteDelivered(CALL_ID, "dev-z"), new CallRinging(CALL_ID, "dev-z"),
                new CallAnswered(CALL_ID, "dev-z"));
    }

    @Test
    void deviceAttachingAfterTheCallEnded_getsInviteThenCancel() {
        call.feed(new Located(locatedAsleep("dev-z"))).advance(ms(3000)).feed(new PbxCancel(REQ));
        call.drain();

        call.advance(ms(500)).feed(new DeviceAvailable(Z));
        assertEquals(List.of(new InviteFork(FA, Z, CALLER, Optional.of(PBX_OFFER), Intent.WITHDRAW)), call.drain());
        call.feed(new ForkProvisional(FA, 100));
        assertEquals(List.of(new CancelFork(FA)), call.drain());
        call.feed(new ForkFailed(FA, 487));

        assertEquals(List.of(100, 180, 487), call.pbxStatuses());
        assertTimeline(new CallCancelled(CALL_ID), new CallEnded(CALL_ID, EndCause.CALLER_CANCELLED, 487, 3000, 0));
        assertTrue(settled());
    }

    @Test
    void pbxNeverAcks_bothLegsAreReleased() {
        call.feed(new Located(located(A))).advance(ms(1000)).feed(new ForkAnswered(FA, Optional.of(DEVICE_ANSWER)));
        call.drain();

        call.advance(Duration.ofSeconds(32));
        // the device was ACKed at its 2xx
        assertEquals(List.of(new ByeFork(FA), new ByePbx(),
                new Publish(new CallEnded(CALL_ID, EndCause.FAILED, 200, 1000, 32_000))), call.drain());
        assertTimeline(new CallAnswered(CALL_ID, "dev-a"), new CallEnded(CALL_ID, EndCause.FAILED, 200, 1000, 32_000));
    }

    /** The call's timeline: always CallOffered first, then exactly these events, in this order. */
    private void assertTimeline(CallEvent... after) {
        List<CallEvent> expected = new java.util.ArrayList<>();
        expected.add(CALL.offered());
        expected.addAll(List.of(after));
        assertEquals(expected, call.published());
    }

    private boolean settled() {
        return assertInstanceOf(Ended.class, call.state()).settled();
    }

    private static InviteFork ring(ForkId fork, AttachedDevice device) {
        return new InviteFork(fork, device, CALLER, Optional.of(PBX_OFFER), Intent.RING);
    }

    private static AnswerRequest ok() {
        return new AnswerRequest(REQ, 200, "OK");
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
