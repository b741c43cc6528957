package io.ringedge.events;

import io.ringedge.embedded.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSubscriberTest {

    private static EmbeddedKafka kafka;
    private static EventsConfig config;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        config = EventsConfig.of(kafka.bootstrapServers(), "subscriber-test");
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void recordsThatAreNotEventsAreSkippedAndCountedAndAThrowingCallbackIsCounted() throws Exception {
        String topic = "test.undecodable-" + UUID.randomUUID();
        List<ProducerRecord<String, byte[]>> records = List.of(
                onPartition0(topic, EventCodec.encode(EventCodec.envelope(Fixture.SOURCE, new CallCancelled("x1")))),
                onPartition0(topic, withHeader(EventCodec.encode(EventCodec.envelope(Fixture.SOURCE, new CallCancelled("x"))),
                        "ce_type", "io.ringedge.call.teleported")),
                onPartition0(topic, withValue(EventCodec.encode(EventCodec.envelope(Fixture.SOURCE, new CallCancelled("x"))),
                        "{not json")),
                onPartition0(topic, EventCodec.encode(EventCodec.envelope(Fixture.SOURCE, new CallCancelled("x2")))),
                onPartition0(topic, EventCodec.encode(EventCodec.envelope(Fixture.SOURCE, new CallCancelled("x3")))));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(r).get();
            }
        }
        List<String> received = new CopyOnWriteArrayList<>();
        try (EventSubscriber subscriber = EventSubscriber.start(config, Subscription.of(topic, "g-" + topic), envelope -> {
            if (envelope.subject().equals("x2")) {
                throw new IllegalStateException("callback bug");
            }
            received.add(envelope.subject());
        })) {
            Await.until(Duration.ofSeconds(30), () -> received.size() == 2, () -> "2 events, got " + received);
            assertEquals(List.of("x1", "x3"), received);
            assertEquals(2, subscriber.skippedRecords());
            assertEquals(1, subscriber.failedEvents());
            assertEquals(2, subscriber.receivedEvents());
        }
    }

    @Test
    void aNarrowedSubscriptionPassesOverOtherTypesAndCommitsPastThem() throws Exception {
        String topic = "test.narrowed-" + UUID.randomUUID();
        String group = "g-" + topic;
        send(List.of(
                onPartition0(topic, EventCodec.encode(EventCodec.envelope(Fixture.SOURCE, new CallRinging("r1", "d")))),
                onPartition0(topic, EventCodec.encode(EventCodec.envelope(Fixture.SOURCE, new CallCancelled("c1")))),
                onPartition0(topic, withHeader(EventCodec.encode(EventCodec.envelope(Fixture.SOURCE, new CallRinging("x", "d"))),
                        "ce_type", "io.ringedge.call.teleported")),
                onPartition0(topic, EventCodec.encode(EventCodec.envelope(Fixture.SOURCE, new CallRinging("r2", "d"))))));
        List<String> received = new CopyOnWriteArrayList<>();
        try (EventSubscriber subscriber = EventSubscriber.start(config,
                Subscription.of(topic, group).only(CallCancelled.class), envelope -> received.add(envelope.subject()))) {
            Await.until(Duration.ofSeconds(30), () -> subscriber.passedOverRecords() == 2 && subscriber.skippedRecords() == 1,
                    () -> "2 passed over and 1 skipped, got " + subscriber.passedOverRecords() + " and "
                            + subscriber.skippedRecords());
            assertEquals(List.of("c1"), received);
            assertEquals(1, subscriber.receivedEvents());
        }
        // The last record was passed over, not given to the handler; closing still committed past it,
        // so the group resumes after it.
        send(List.of(onPartition0(topic, EventCodec.encode(EventCodec.envelope(Fixture.SOURCE, new CallRinging("r3", "d"))))));
        List<String> resumed = new CopyOnWriteArrayList<>();
        try (EventSubscriber subscriber = EventSubscriber.start(config, Subscription.of(topic, group),
                envelope -> resumed.add(envelope.subject()))) {
            Await.until(Duration.ofSeconds(30), () -> !resumed.isEmpty(), () -> "the event after the commit");
            assertEquals(List.of("r3"), resumed);
            assertEquals(0, subscriber.passedOverRecords());
        }
    }

    @Test
    void anUnnarrowedSubscriptionAcceptsEveryType() {
        Subscription all = Subscription.of(Topics.CALLS, "g");
        Subscription narrowed = all.only(DevicesLocated.class);
        assertTrue(all.accepts(CallRinging.class));
        assertTrue(narrowed.accepts(DevicesLocated.class));
        assertFalse(narrowed.accepts(CallRinging.class));
        assertEquals(new Subscription(Topics.CALLS, "g", Subscription.StartAt.EARLIEST, Set.of(DevicesLocated.class)),
                narrowed);
    }

    private static void send(List<ProducerRecord<String, byte[]>> records) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(r).get();
            }
        }
    }

    @Test
    void closingLeavesNoThreadBehind() throws Exception {
        EventsConfig leakCheck = EventsConfig.of(kafka.bootstrapServers(), "leakcheck");
        String group = "leakcheck-" + UUID.randomUUID();
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (KafkaEventPublisher publisher = KafkaEventPublisher.start(leakCheck);
             EventSubscriber subscriber = EventSubscriber.start(leakCheck, Subscription.of(Topics.CALLS, group + "-s"),
                     envelope -> seen.add(envelope.subject()));
             EventFunctionRunner runner = EventFunctionRunner.start(leakCheck, Subscription.of(Topics.CALLS, group + "-f"),
                     envelope -> java.util.concurrent.CompletableFuture.completedFuture(List.of()))) {
            assertTrue(subscriber.awaitAssignment(Duration.ofSeconds(30)));
            assertTrue(runner.awaitAssignment(Duration.ofSeconds(30)));
            publisher.publish(new CallCancelled(group));
            Await.until(Duration.ofSeconds(30), () -> seen.contains(group), () -> "event received");
            assertTrue(!ourThreads(group).isEmpty(), "the check must see the clients' threads while they run");
        }
        Await.until(Duration.ofSeconds(5), () -> ourThreads(group).isEmpty(), () -> "threads left: " + ourThreads(group));
    }

    /** Threads of our clients: their names carry the client id or the group. */
    private static List<String> ourThreads(String group) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.contains("leakcheck") || n.contains(group))
                .toList();
    }

    private static ProducerRecord<String, byte[]> onPartition0(String topic, ProducerRecord<String, byte[]> r) {
        return new ProducerRecord<>(topic, 0, r.key(), r.value(), r.headers());
    }

    private static ProducerRecord<String, byte[]> withHeader(ProducerRecord<String, byte[]> r, String name, String value) {
        r.headers().remove(name).add(name, value.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static ProducerRecord<String, byte[]> withValue(ProducerRecord<String, byte[]> r, String value) {
        return new ProducerRecord<>(r.topic(), r.partition(), r.key(), value.getBytes(StandardCharsets.UTF_8), r.headers());
    }

    private static final class Fixture {
        static final java.net.URI SOURCE = java.net.URI.create("/test");
    }
}
