package io.ringedge.events;

import io.ringedge.embedded.EmbeddedKafka;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kafka goes away under a running publisher and comes back at the same address. */
class KafkaOutageTest {

    @Test
    void eventsPublishedWhileKafkaIsDownArriveInOrderOnceEachWhenItReturns() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String prefix = "outage-" + UUID.randomUUID() + "-";
            Map<String, List<RingedgeEvent>> before = KafkaEventPublisherTest.calls(prefix + "before-", 20);
            // Calls in progress when Kafka goes: offered and located before, the rest during the outage.
            Map<String, List<RingedgeEvent>> straddling = KafkaEventPublisherTest.calls(prefix + "straddling-", 20);
            Map<String, List<RingedgeEvent>> during = KafkaEventPublisherTest.calls(prefix + "during-", 300);
            Map<String, List<RingedgeEvent>> all = new LinkedHashMap<>();
            all.putAll(before);
            all.putAll(straddling);
            all.putAll(during);
            int total = all.values().stream().mapToInt(List::size).sum();

            try (KafkaEventPublisher publisher = KafkaEventPublisher.start(EventsConfig.of(kafka.bootstrapServers(), "outage"))) {
                KafkaEventPublisherTest.publishInterleaved(publisher, before);
                KafkaEventPublisherTest.publishInterleaved(publisher, firstSteps(straddling, 2));
                Await.until(Duration.ofSeconds(30), () -> publisher.publishedEvents() == 140,
                        () -> "140 acknowledged before the outage, was " + publisher.publishedEvents());

                kafka.stop();
                long start = System.nanoTime();
                KafkaEventPublisherTest.publishInterleaved(publisher, remainingSteps(straddling, 2));
                KafkaEventPublisherTest.publishInterleaved(publisher, during);
                long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertTrue(millis < 2_000, "publishing " + (total - 140) + " events with Kafka down took " + millis + " ms");
                // Up to 1000 (kafka.max-unacknowledged) are with the producer, which retries them, unless it lost
                // the topic's metadata as the broker shut down; the rest wait in the outbox. None is lost.
                Await.until(Duration.ofSeconds(10),
                        () -> publisher.outboxDepth() + publisher.unacknowledgedEvents() == total - 140,
                        () -> (total - 140) + " waiting, was " + publisher.outboxDepth() + " in the outbox and "
                                + publisher.unacknowledgedEvents() + " with the producer");
                assertTrue(publisher.unacknowledgedEvents() <= 1000);
                Thread.sleep(1_500); // let the producer fail and retry against the missing broker
                assertEquals(140, publisher.publishedEvents());

                kafka.restart();
                Await.until(Duration.ofSeconds(60), () -> publisher.publishedEvents() == total,
                        () -> total + " acknowledged after restart, was " + publisher.publishedEvents());
                assertEquals(0, publisher.droppedEvents());
                assertEquals(0, publisher.failedEvents());
                assertEquals(0, publisher.outboxDepth());
            }
            Timelines.assertExactly(all, TopicReader.events(kafka.bootstrapServers(), Topics.CALLS, prefix, total));
        }
    }

    @Test
    void kafkaStoppedWhileEventsStreamLosesAndDuplicatesNothing() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String prefix = "stream-" + UUID.randomUUID() + "-";
            Map<String, List<RingedgeEvent>> calls = KafkaEventPublisherTest.calls(prefix, 400);
            int total = 2_000;
            try (KafkaEventPublisher publisher = KafkaEventPublisher.start(EventsConfig.of(kafka.bootstrapServers(), "stream"))) {
                publisher.publish(new CallCancelled(prefix + "warm-up"));
                Await.until(Duration.ofSeconds(30), () -> publisher.publishedEvents() == 1, () -> "warm-up acknowledged");
                // Calls keep coming, 5 at a time, while the broker goes down and comes back: some requests
                // are in flight when it stops, so their retries meet the broker's duplicate detection.
                Thread calling = Thread.ofPlatform().start(() -> {
                    List<Map<String, List<RingedgeEvent>>> batches = new ArrayList<>();
                    calls.forEach((id, timeline) -> {
                        if (batches.isEmpty() || batches.getLast().size() == 5) {
                            batches.add(new LinkedHashMap<>());
                        }
                        batches.getLast().put(id, timeline);
                    });
                    for (Map<String, List<RingedgeEvent>> batch : batches) {
                        KafkaEventPublisherTest.publishInterleaved(publisher, batch);
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                Await.until(Duration.ofSeconds(10), () -> publisher.publishedEvents() > 200, () -> "streaming");
                kafka.stop();
                Thread.sleep(500);
                kafka.restart();
                calling.join();
                Await.until(Duration.ofSeconds(60), () -> publisher.publishedEvents() == total + 1,
                        () -> (total + 1) + " acknowledged, was " + publisher.publishedEvents());
                assertEquals(0, publisher.droppedEvents());
                assertEquals(0, publisher.failedEvents());
            }
            Map<String, List<RingedgeEvent>> expected = new LinkedHashMap<>(calls);
            expected.put(prefix + "warm-up", List.of(new CallCancelled(prefix + "warm-up")));
            Timelines.assertExactly(expected, TopicReader.events(kafka.bootstrapServers(), Topics.CALLS, prefix, total + 1));
        }
    }

    @Test
    void publisherStartedWhileKafkaIsDownDeliversWhenItComes() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.stop();
            String prefix = "late-" + UUID.randomUUID() + "-";
            Map<String, List<RingedgeEvent>> calls = KafkaEventPublisherTest.calls(prefix, 30);
            try (KafkaEventPublisher publisher = KafkaEventPublisher.start(EventsConfig.of(kafka.bootstrapServers(), "late"))) {
                KafkaEventPublisherTest.publishInterleaved(publisher, calls);
                Thread.sleep(1_500); // the producer has no metadata yet: hand-over is refused and retried
                assertEquals(0, publisher.publishedEvents());
                kafka.restart();
                Await.until(Duration.ofSeconds(60), () -> publisher.publishedEvents() == 150,
                        () -> "150 acknowledged, was " + publisher.publishedEvents());
            }
            Timelines.assertExactly(calls, TopicReader.events(kafka.bootstrapServers(), Topics.CALLS, prefix, 150));
        }
    }

    @Test
    void aFullOutboxDropsTheOldestWaitingEventsAndCountsThem() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            // Down before the publisher ever saw it: the producer has no metadata, so nothing leaves the outbox.
            kafka.stop();
            String prefix = "overflow-" + UUID.randomUUID() + "-";
            EventsConfig config = new EventsConfig(kafka.bootstrapServers(), "overflow", URI.create("/test"),
                    10, 5, Duration.ofSeconds(5), Duration.ofMillis(5), EventsConfig.DEFAULT_LINGER);
            List<RingedgeEvent> events = new ArrayList<>();
            for (int i = 0; i < 13; i++) {
                events.add(new CallCancelled(prefix + i));
            }
            try (KafkaEventPublisher publisher = KafkaEventPublisher.start(config)) {
                events.forEach(publisher::publish);
                // The sender may be offering the oldest event to the producer right now (up to max.block.ms).
                // Either way, 13 events into a 10-event outbox drop the 3 oldest.
                Await.until(Duration.ofSeconds(5), () -> publisher.outboxDepth() == 10 && publisher.droppedEvents() == 3,
                        () -> "10 waiting and 3 dropped, was " + publisher.outboxDepth() + " and " + publisher.droppedEvents());
                assertEquals(0, publisher.unacknowledgedEvents());

                kafka.restart();
                Await.until(Duration.ofSeconds(60), () -> publisher.publishedEvents() == 10,
                        () -> "10 acknowledged, was " + publisher.publishedEvents());
                assertEquals(3, publisher.droppedEvents());
            }
            List<RingedgeEvent> read = TopicReader.events(kafka.bootstrapServers(), Topics.CALLS, prefix, 10).stream()
                    .<RingedgeEvent>map(EventEnvelope::data).toList();
            // The three oldest went; the others arrive, each once (distinct subjects: no order across them).
            assertEquals(Set.copyOf(events.subList(3, 13)), Set.copyOf(read));
            assertEquals(10, read.size());
        }
    }

    @Test
    void theEventFunctionPathResumesWhenKafkaReturns() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            EventsConfig config = EventsConfig.of(kafka.bootstrapServers(), "function-outage");
            String prefix = "fn-" + UUID.randomUUID() + "-";
            Map<String, DevicesLocated> located = new ConcurrentHashMap<>();
            try (KafkaEventPublisher edgePublisher = KafkaEventPublisher.start(config);
                 EventFunctionRunner locator = EventFunctionRunner.start(config,
                         Subscription.of(Topics.CALLS, "locator"), Samples.LOCATOR);
                 EventSubscriber edge = EventSubscriber.start(config, Subscription.of(Topics.CALLS, "edge-1"), envelope -> {
                     if (envelope.data() instanceof DevicesLocated d) {
                         located.put(d.callId(), d);
                     }
                 })) {
                assertTrue(locator.awaitAssignment(Duration.ofSeconds(30)));
                assertTrue(edge.awaitAssignment(Duration.ofSeconds(30)));
                edgePublisher.publish(offered(prefix + "before"));
                Await.until(Duration.ofSeconds(30), () -> located.containsKey(prefix + "before"), () -> "located before the outage");

                kafka.stop();
                for (int i = 0; i < 20; i++) {
                    edgePublisher.publish(offered(prefix + i));
                }
                Thread.sleep(1_000);
                kafka.restart();
                Await.until(Duration.ofSeconds(60), () -> located.size() == 21,
                        () -> "21 calls located after the outage, got " + located.size());
                assertEquals(0, locator.failedEvents());
            }
        }
    }

    @Test
    void consumersAndPublishersCloseInBoundedTimeWhileKafkaIsDown() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            EventsConfig config = new EventsConfig(kafka.bootstrapServers(), "down-close", URI.create("/test"),
                    1_000, 100, Duration.ofSeconds(1), Duration.ofMillis(5), EventsConfig.DEFAULT_LINGER);
            KafkaEventPublisher publisher = KafkaEventPublisher.start(config);
            EventSubscriber subscriber = EventSubscriber.start(config, Subscription.of(Topics.CALLS, "down-close-s"), e -> { });
            EventFunctionRunner runner = EventFunctionRunner.start(config, Subscription.of(Topics.CALLS, "down-close-f"),
                    Samples.LOCATOR, publisher);
            assertTrue(subscriber.awaitAssignment(Duration.ofSeconds(30)));
            assertTrue(runner.awaitAssignment(Duration.ofSeconds(30)));
            kafka.stop();
            publisher.publish(new CallCancelled("down-close-1"));

            long start = System.nanoTime();
            runner.close();
            subscriber.close();
            publisher.close();
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(millis < 20_000, "closing took " + millis + " ms");
            assertEquals(1, publisher.droppedEvents() + publisher.failedEvents(), "the undelivered event is accounted for");
            Await.until(Duration.ofSeconds(5), () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().contains("down-close")), () -> "no client thread left");
        }
    }

    private static CallOffered offered(String callId) {
        return new CallOffered(callId, "t", "conn", "+1555", "user", new Caller("", "+1"), "edge-1");
    }

    private static Map<String, List<RingedgeEvent>> firstSteps(Map<String, List<RingedgeEvent>> calls, int steps) {
        Map<String, List<RingedgeEvent>> first = new LinkedHashMap<>();
        calls.forEach((id, timeline) -> first.put(id, timeline.subList(0, steps)));
        return first;
    }

    private static Map<String, List<RingedgeEvent>> remainingSteps(Map<String, List<RingedgeEvent>> calls, int steps) {
        Map<String, List<RingedgeEvent>> rest = new LinkedHashMap<>();
        calls.forEach((id, timeline) -> rest.put(id, timeline.subList(steps, timeline.size())));
        return rest;
    }
}
