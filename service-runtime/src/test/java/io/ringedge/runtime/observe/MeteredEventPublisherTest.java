package io.ringedge.runtime.observe;

import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallOffered;
import io.ringedge.events.Caller;
import io.ringedge.events.DeviceRegistered;
import io.ringedge.events.DeviceUnregistered;
import io.ringedge.events.PushFailed;
import io.ringedge.events.PushSent;
import io.ringedge.events.RingedgeEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MeteredEventPublisherTest {

    private final List<RingedgeEvent> delivered = new ArrayList<>();
    private final MeterRegistry registry = new MeterRegistry();
    private final MeteredEventPublisher publisher = new MeteredEventPublisher(delivered::add, registry);

    @Test
    void callsAreCountedFromTheirEvents() {
        publisher.publish(offered("c1"));
        publisher.publish(offered("c2"));
        publisher.publish(offered("c3"));
        publisher.publish(new CallAnswered("c1", "d1"));
        publisher.publish(new CallEnded("c1", CallEnded.EndCause.CALLER_HANGUP, 0, 900, 30_000));
        publisher.publish(new CallEnded("c2", CallEnded.EndCause.NO_ANSWER, 480, 45_000, 0));

        Exposition e = Exposition.parse(registry.scrape());
        assertEquals(3.0, e.value("ringedge_calls_offered_total"));
        assertEquals(1.0, e.value("ringedge_calls_answered_total"));
        assertEquals(1.0, e.value("ringedge_calls_active"), "c3 still rings");
        assertEquals(1.0, e.value("ringedge_calls_ended_total", Map.of("cause", "caller_hangup", "sip_status", "0")));
        assertEquals(1.0, e.value("ringedge_calls_ended_total", Map.of("cause", "no_answer", "sip_status", "480")));
        assertEquals(1.0, e.value("ringedge_calls_failed_total", Map.of("cause", "no_answer")));
        assertEquals(1, e.samples().stream().filter(s -> s.name().equals("ringedge_calls_failed_total")).count(),
                "a hang-up after talking is no failure");
        assertEquals(3.0, e.value("ringedge_events_published_total", Map.of("type", "CallOffered")));
        assertEquals(6, delivered.size(), "every event is passed on");
    }

    @Test
    void activeCallsNeverGoNegative() {
        publisher.publish(new CallEnded("from-before-a-restart", CallEnded.EndCause.FAILED, 500, 0, 0));
        assertEquals(0.0, Exposition.parse(registry.scrape()).value("ringedge_calls_active"));
    }

    @Test
    void registrationsAndPushesAreCountedWithBoundedLabels() {
        publisher.publish(new DeviceRegistered("d1", "t", "alice", "edge-1", 600));
        publisher.publish(new DeviceRegistered("d1", "t", "alice", "edge-1", 600));
        publisher.publish(new DeviceUnregistered("d1", "t", "alice", DeviceUnregistered.Reason.EXPIRED));
        publisher.publish(new PushSent("c1", "d1", "apns", "apns-id", 120));
        publisher.publish(new PushFailed("c1", "d2", "fcm", "UNREGISTERED", true));
        publisher.publish(new PushFailed("c1", "d3", "fcm", "fcm: 503 (gave up after 3 attempts)", false));
        publisher.publish(new PushFailed("c1", "d4", "made-up-by-a-device", "not configured", false));

        Exposition e = Exposition.parse(registry.scrape());
        assertEquals(2.0, e.value("ringedge_registrations_total"));
        assertEquals(1.0, e.value("ringedge_unregistrations_total", Map.of("reason", "expired")));
        assertEquals(1.0, e.value("ringedge_pushes_total", Map.of("provider", "apns", "result", "sent")));
        assertEquals(1.0, e.value("ringedge_pushes_total", Map.of("provider", "fcm", "result", "token_removed")));
        assertEquals(1.0, e.value("ringedge_pushes_total", Map.of("provider", "fcm", "result", "failed")));
        assertEquals(1.0, e.value("ringedge_pushes_total", Map.of("provider", "other", "result", "failed")));
    }

    private static CallOffered offered(String callId) {
        return new CallOffered(callId, "t", "pbx", "+15551230001", "alice", caller(), "edge-1");
    }

    private static Caller caller() {
        return new Caller("Bob", "+15550001111");
    }
}
