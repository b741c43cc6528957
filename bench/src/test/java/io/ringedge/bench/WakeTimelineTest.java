package io.ringedge.bench;

import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEvent;
import io.ringedge.events.CallOffered;
import io.ringedge.events.Caller;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.EventEnvelope;
import io.ringedge.events.InviteDelivered;
import io.ringedge.events.PushHandle;
import io.ringedge.events.PushSent;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WakeTimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-21T11:00:00Z");

    static WakeTimeline wokenCall(String callId, long offsetMicros, String provider) {
        WakeTimeline t = new WakeTimeline(callId);
        Instant base = T0.plusNanos(offsetMicros * 1_000);
        t.add(at(base, new CallOffered(callId, "bench", "pbx", "+1555", "u", new Caller("", ""), "edge")));
        t.add(at(base.plusNanos(3_000_000), new DevicesLocated(callId, "bench", "u", Caller.UNKNOWN, List.of(),
                List.of(new DevicesLocated.AsleepDevice("d", new PushHandle(provider, "p", ""))))));
        t.add(at(base.plusNanos(7_250_000), new PushSent(callId, "d", provider, "id", 2)));
        Instant register = base.plusNanos(40_000_000);
        t.add(at(register.plusNanos(1_500_000), new DeviceAttached(callId, "d", "edge", register)));
        t.add(at(register.plusNanos(2_125_000), new InviteDelivered(callId, "d")));
        t.add(at(register.plusNanos(30_000_000), new CallAnswered(callId, "d")));
        t.add(at(register.plusNanos(900_000_000), new CallEnded(callId, CallEnded.EndCause.CALLER_HANGUP, 200, 50, 850)));
        return t;
    }

    @Test
    void intervalsAreTakenBetweenEnvelopeTimesToTheMicrosecond() {
        WakeTimeline t = wokenCall("c1", 0, "fcm");
        assertEquals(Optional.of(Duration.ofNanos(7_250_000)), t.inviteToPushAccepted());
        assertEquals(Optional.of(Duration.ofNanos(2_125_000)), t.registerToInviteSent());
        assertEquals(Optional.of(Duration.ofMillis(3)), t.offeredToLocated());
        assertEquals(Optional.of(Duration.ofNanos(4_250_000)), t.locatedToPushAccepted());
        assertEquals(Optional.of(Duration.ofMillis(2)), t.providerRoundTrip());
        assertEquals(Optional.of(Duration.ofNanos(1_500_000)), t.registerToAttached());
        assertEquals(Optional.of(Duration.ofNanos(625_000)), t.attachedToInviteSent());
        assertEquals(Optional.of("fcm"), t.provider());
        assertEquals(200, t.endStatus());
    }

    @Test
    void aCallNobodyWokeForHasNoWakeIntervals() {
        WakeTimeline t = new WakeTimeline("c2");
        t.add(at(T0, new CallOffered("c2", "bench", "pbx", "+1555", "u", new Caller("", ""), "edge")));
        assertEquals(Optional.empty(), t.inviteToPushAccepted());
        assertEquals(Optional.empty(), t.registerToInviteSent());
        // an attach from an edge that does not stamp its REGISTER gives no attach interval
        t.add(at(T0.plusSeconds(1), new DeviceAttached("c2", "d", "edge")));
        assertEquals(Optional.empty(), t.registerToAttached());
        assertEquals(1, t.attaches());
    }

    @Test
    void aRedeliveredEventIsCountedButTheFirstTimeStands() {
        WakeTimeline t = wokenCall("c3", 0, "apns");
        t.add(at(T0.plusSeconds(5), new PushSent("c3", "d", "apns", "id", 9)));
        assertEquals(2, t.pushesSent());
        assertEquals(Optional.of(Duration.ofNanos(7_250_000)), t.inviteToPushAccepted());
    }

    @Test
    void statsSplitByProviderAndJoinThePhonesView() {
        WakeTimeline fcm = wokenCall("a", 0, "fcm");
        WakeTimeline apns = wokenCall("b", 10, "apns");
        PhoneWake phone = new PhoneWake("a", "fcm", "u", T0, T0.plusMillis(39), T0.plusMillis(42), T0.plusMillis(43), "ok");
        WakeStats stats = WakeStats.of(List.of(fcm, apns), Map.of("a", phone));
        assertEquals(2, stats.calls());
        assertEquals(2, stats.pushes());
        assertEquals(2, stats.invites());
        assertEquals(2, stats.answered());
        assertEquals(7.25, stats.inviteToPush().p50(), 1e-9);
        assertEquals(1, stats.intervals().get(WakeStats.INVITE_TO_PUSH + " (apns)").count());
        assertEquals(4.0, stats.intervals().get("phone: REGISTER sent → INVITE received").max(), 1e-9);
    }

    /** A call that found the phone still attached (awake from the call before) is not a wake: counted apart. */
    @Test
    void callsToAPhoneStillAwakeAreCountedApartFromTheWakePath() {
        WakeTimeline woken = wokenCall("a", 0, "fcm");
        WakeTimeline awake = new WakeTimeline("b");
        awake.add(at(T0, new CallOffered("b", "bench", "pbx", "+1555", "u", new Caller("", ""), "edge")));
        awake.add(at(T0.plusMillis(3), new DevicesLocated("b", "bench", "u", Caller.UNKNOWN,
                List.of(new DevicesLocated.AttachedDevice("d", "edge", "flow-1", "")), List.of())));
        awake.add(at(T0.plusSeconds(8), new CallEnded("b", CallEnded.EndCause.FAILED, 480, 8000, 0)));
        WakeTimeline unanswered = new WakeTimeline("c");
        unanswered.add(at(T0, new CallOffered("c", "bench", "pbx", "+1555", "u", new Caller("", ""), "edge")));
        unanswered.add(at(T0.plusMillis(3), new DevicesLocated("c", "bench", "u", Caller.UNKNOWN, List.of(),
                List.of(new DevicesLocated.AsleepDevice("d", new PushHandle("fcm", "p", ""))))));

        WakeStats stats = WakeStats.of(List.of(woken, awake, unanswered), Map.of());

        assertEquals(true, awake.awake());
        assertEquals(false, woken.awake());
        assertEquals(3, stats.calls());
        assertEquals(1, stats.awake());
        assertEquals(2, stats.asleep());
        assertEquals(1, stats.asleepAnswered());
        assertEquals(0.5, stats.asleepAnsweredRatio(), 1e-9);
    }

    @Test
    void aPhoneWakeSurvivesItsCsvLine() {
        PhoneWake w = new PhoneWake("c", "apns", "load-000001", T0, T0.plusNanos(1_000), null, null, "register 401 x");
        assertEquals(w, PhoneWake.parse(w.csv()));
        assertEquals(Optional.empty(), w.registerToInvite());
    }

    private static EventEnvelope<CallEvent> at(Instant time, CallEvent event) {
        return new EventEnvelope<>("id-" + time.toEpochMilli() + event.getClass().getSimpleName(), URI.create("/test"),
                "type", time, 1, event);
    }
}
