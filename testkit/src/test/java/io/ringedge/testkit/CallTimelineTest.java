package io.ringedge.testkit;

import io.ringedge.embedded.EmbeddedKafka;
import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallOffered;
import io.ringedge.events.CallRinging;
import io.ringedge.events.Caller;
import io.ringedge.events.EventCodec;
import io.ringedge.events.EventEnvelope;
import io.ringedge.events.RingedgeEvent;
import io.ringedge.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CallTimeline against a real (embedded, KRaft) Kafka broker. */
class CallTimelineTest {

    private static final URI SOURCE = URI.create("/testkit/timeline-test");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static EmbeddedKafka kafka;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    @AfterAll
    static void stopKafka() {
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void readsOneCallsEventsInOrderUntilCallEnded() throws Exception {
        String a = newCallId();
        String b = newCallId();
        publish(offered(a), offered(b), new CallRinging(a, "dev-1"), new CallRinging(b, "dev-2"),
                new CallAnswered(a, "dev-1"), ended(b, CallEnded.EndCause.CALLER_CANCELLED, 487),
                ended(a, CallEnded.EndCause.CALLER_HANGUP, 200));

        CallTimeline timeline = CallTimeline.untilEnded(kafka.bootstrapServers(), a, WAIT);
        assertEquals(List.of("CallOffered", "CallRinging", "CallAnswered", "CallEnded"), timeline.typeNames());
        assertEquals(CallEnded.EndCause.CALLER_HANGUP, timeline.ended().orElseThrow().cause());
        assertEquals("dev-1", timeline.first(CallAnswered.class).orElseThrow().deviceId());
        assertEquals(List.of(), timeline.duplicateIds());
        assertEquals(List.of(), timeline.undecodable());
        assertTrue(timeline.events().stream().allMatch(e -> e.callId().equals(a)));
    }

    @Test
    void waitsForEventsStillToCome() throws Exception {
        String id = newCallId();
        CompletableFuture<CallTimeline> reading = CompletableFuture.supplyAsync(
                () -> CallTimeline.untilEnded(kafka.bootstrapServers(), id, WAIT));
        publish(offered(id));
        Thread.sleep(300);
        assertFalse(reading.isDone(), "no CallEnded yet");
        publish(ended(id, CallEnded.EndCause.NO_ANSWER, 480));
        assertEquals(List.of("CallOffered", "CallEnded"), reading.get(30, TimeUnit.SECONDS).typeNames());
    }

    @Test
    void stopsAtTheExpectedCount() throws Exception {
        String id = newCallId();
        publish(offered(id), new CallRinging(id, "dev-1"));
        CallTimeline timeline = CallTimeline.untilCount(kafka.bootstrapServers(), id, 2, WAIT);
        assertEquals(List.of("CallOffered", "CallRinging"), timeline.typeNames());
        assertTrue(timeline.ended().isEmpty());
    }

    @Test
    void showsDuplicatesAndUndecodableRecords() throws Exception {
        String id = newCallId();
        EventEnvelope<CallOffered> offered = EventCodec.envelope(SOURCE, offered(id));
        producer.send(EventCodec.encode(offered)).get();
        producer.send(EventCodec.encode(offered)).get();
        producer.send(new ProducerRecord<>(Topics.CALLS, id, "not an event".getBytes(StandardCharsets.UTF_8))).get();
        publish(ended(id, CallEnded.EndCause.BUSY, 486));

        CallTimeline timeline = CallTimeline.untilEnded(kafka.bootstrapServers(), id, WAIT);
        assertEquals(List.of("CallOffered", "CallOffered", "CallEnded"), timeline.typeNames());
        assertEquals(List.of(offered.id()), timeline.duplicateIds());
        assertEquals(1, timeline.undecodable().size(), timeline.undecodable().toString());
    }

    @Test
    void failsWithWhatItFoundWhenTheCallDoesNotEnd() throws Exception {
        String id = newCallId();
        publish(offered(id));
        AssertionError e = assertThrows(AssertionError.class,
                () -> CallTimeline.untilEnded(kafka.bootstrapServers(), id, Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("[CallOffered]"), e.getMessage());
    }

    private static void publish(RingedgeEvent... events) throws Exception {
        for (RingedgeEvent event : events) {
            producer.send(EventCodec.encode(EventCodec.envelope(SOURCE, event))).get(10, TimeUnit.SECONDS);
        }
    }

    private static String newCallId() {
        return "call-" + UUID.randomUUID();
    }

    private static CallOffered offered(String callId) {
        return new CallOffered(callId, "acme", "pbx-1", "+15551230001", "alice", new Caller("PBX", "+15550100"), "edge-1");
    }

    private static CallEnded ended(String callId, CallEnded.EndCause cause, int status) {
        return new CallEnded(callId, cause, status, 120, status == 200 ? 1000 : 0);
    }
}
