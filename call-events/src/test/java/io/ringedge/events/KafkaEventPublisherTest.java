package io.ringedge.events;

import io.ringedge.events.internal.EventType;
import io.ringedge.embedded.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaEventPublisherTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void publishesEveryCallsTimelineInOrderWithItsEnvelope() {
        String prefix = "order-" + UUID.randomUUID() + "-";
        Map<String, List<RingedgeEvent>> expected = calls(prefix, 40);
        EventsConfig config = EventsConfig.of(kafka.bootstrapServers(), "publisher-test");
        try (KafkaEventPublisher publisher = KafkaEventPublisher.start(config)) {
            publishInterleaved(publisher, expected);
            Await.until(Duration.ofSeconds(30), () -> publisher.publishedEvents() == 200,
                    () -> "200 acknowledged, was " + publisher.publishedEvents());
            assertEquals(0, publisher.outboxDepth());
            assertEquals(0, publisher.unacknowledgedEvents());
            assertEquals(0, publisher.droppedEvents());
            assertEquals(0, publisher.failedEvents());
        }
        List<EventEnvelope<? extends RingedgeEvent>> read = TopicReader.events(kafka.bootstrapServers(), Topics.CALLS, prefix, 200);
        Timelines.assertExactly(expected, read);
        for (EventEnvelope<? extends RingedgeEvent> e : read) {
            assertEquals(URI.create("/ringedge/publisher-test"), e.source());
            assertEquals(EventType.of(e.data()).schemaVersion(), e.schemaVersion(), "the registered version travels");
        }
    }

    @Test
    void deviceEventsGoToTheDevicesTopic() {
        String prefix = "dev-" + UUID.randomUUID() + "-";
        try (KafkaEventPublisher publisher = KafkaEventPublisher.start(EventsConfig.of(kafka.bootstrapServers(), "devices"))) {
            publisher.publish(new DeviceRegistered(prefix + "1", "t", "u", "edge-1", 300));
            publisher.publish(new DeviceUnregistered(prefix + "1", "t", "u", DeviceUnregistered.Reason.UNREGISTERED));
        }
        var read = TopicReader.events(kafka.bootstrapServers(), Topics.DEVICES, prefix, 2);
        assertEquals(List.of(new DeviceRegistered(prefix + "1", "t", "u", "edge-1", 300),
                new DeviceUnregistered(prefix + "1", "t", "u", DeviceUnregistered.Reason.UNREGISTERED)),
                read.stream().map(EventEnvelope::data).toList());
    }

    @Test
    void closeDeliversWhatIsStillQueued() {
        String prefix = "close-" + UUID.randomUUID() + "-";
        Map<String, List<RingedgeEvent>> expected = calls(prefix, 200);
        KafkaEventPublisher publisher = KafkaEventPublisher.start(EventsConfig.of(kafka.bootstrapServers(), "closing"));
        publishInterleaved(publisher, expected);
        publisher.close();
        assertEquals(1000, publisher.publishedEvents(), "close() returns after delivering the queue");
        Timelines.assertExactly(expected, TopicReader.events(kafka.bootstrapServers(), Topics.CALLS, prefix, 1000));
    }

    @Test
    void publishingAfterCloseIsCountedAsDropped() {
        KafkaEventPublisher publisher = KafkaEventPublisher.start(EventsConfig.of(kafka.bootstrapServers(), "closed"));
        publisher.close();
        publisher.publish(new CallCancelled("after-close"));
        assertEquals(1, publisher.droppedEvents());
        assertEquals(0, publisher.publishedEvents());
    }

    @Test
    void publishDoesNotWaitForKafka() {
        // Nothing listens on port 1: every event must still be accepted at once.
        EventsConfig nowhere = new EventsConfig("127.0.0.1:1", "nowhere", URI.create("/test"), 100_000, 1_000,
                Duration.ZERO, Duration.ofMillis(5), Duration.ZERO);
        KafkaEventPublisher publisher = KafkaEventPublisher.start(nowhere);
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            publisher.publish(new CallCancelled("c" + i));
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis < 2_000, "10000 publish() calls took " + millis + " ms");
        assertEquals(0, publisher.publishedEvents());

        // kafka.close-timeout-ms is 0: close() gives up at once (after a hand-over in progress) and says what it lost.
        start = System.nanoTime();
        publisher.close();
        millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis < 3_000, "close() took " + millis + " ms");
        assertEquals(10_000, publisher.droppedEvents());
        assertEquals(0, publisher.outboxDepth());
    }

    @Test
    void eventsPublishedFromManyThreadsKeepEachSubjectsOrder() throws Exception {
        String prefix = "threads-" + UUID.randomUUID() + "-";
        Map<String, List<RingedgeEvent>> expected = calls(prefix, 80);
        List<Map<String, List<RingedgeEvent>>> shares = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            shares.add(new LinkedHashMap<>());
        }
        int i = 0;
        for (var call : expected.entrySet()) {
            shares.get(i++ % 4).put(call.getKey(), call.getValue());
        }
        try (KafkaEventPublisher publisher = KafkaEventPublisher.start(EventsConfig.of(kafka.bootstrapServers(), "threads"))) {
            List<Thread> threads = shares.stream()
                    .map(share -> Thread.ofPlatform().start(() -> publishInterleaved(publisher, share)))
                    .toList();
            for (Thread t : threads) {
                t.join();
            }
            Await.until(Duration.ofSeconds(30), () -> publisher.publishedEvents() == 400,
                    () -> "400 acknowledged, was " + publisher.publishedEvents());
        }
        Timelines.assertExactly(expected, TopicReader.events(kafka.bootstrapServers(), Topics.CALLS, prefix, 400));
    }

    /** {@code count} answered calls, keyed by call id. */
    static Map<String, List<RingedgeEvent>> calls(String prefix, int count) {
        Map<String, List<RingedgeEvent>> calls = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            calls.put(prefix + i, new ArrayList<>(Samples.answeredCall(prefix + i)));
        }
        return calls;
    }

    /** Round-robin over the calls, as concurrent calls' steps interleave on a real edge. */
    static void publishInterleaved(EventPublisher publisher, Map<String, List<RingedgeEvent>> calls) {
        int longest = calls.values().stream().mapToInt(List::size).max().orElse(0);
        for (int step = 0; step < longest; step++) {
            for (List<RingedgeEvent> timeline : calls.values()) {
                if (step < timeline.size()) {
                    publisher.publish(timeline.get(step));
                }
            }
        }
    }
}
