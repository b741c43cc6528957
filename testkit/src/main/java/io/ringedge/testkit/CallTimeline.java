package io.ringedge.testkit;

import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEvent;
import io.ringedge.events.DecodeResult;
import io.ringedge.events.EventCodec;
import io.ringedge.events.EventEnvelope;
import io.ringedge.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One call's events as they are on Kafka (topic {@value Topics#CALLS}), in partition order, read
 * back by a test: "the exact ordered event sequence for that call id". Reads from the beginning of
 * the topic with its own consumer (no group, nothing committed), so it sees duplicates too.
 *
 * <pre>{@code
 * CallTimeline t = CallTimeline.untilEnded(kafka.bootstrapServers(), callId, Duration.ofSeconds(10));
 * assertEquals(List.of("CallOffered", "DevicesLocated", "CallRinging", "CallAnswered", "CallEnded"), t.typeNames());
 * assertEquals(List.of(), t.duplicateIds());
 * }</pre>
 */
public final class CallTimeline {

    private final String callId;
    private final List<EventEnvelope<? extends CallEvent>> envelopes;
    private final List<String> undecodable;

    private CallTimeline(String callId, List<EventEnvelope<? extends CallEvent>> envelopes, List<String> undecodable) {
        this.callId = callId;
        this.envelopes = List.copyOf(envelopes);
        this.undecodable = List.copyOf(undecodable);
    }

    /** Reads until a {@link CallEnded} for the call is there (plus whatever was already written after it). */
    public static CallTimeline untilEnded(String bootstrapServers, String callId, Duration timeout) {
        return read(bootstrapServers, callId, es -> es.stream().anyMatch(e -> e.data() instanceof CallEnded),
                timeout, "a CallEnded");
    }

    /** Reads until at least {@code count} events of the call are there (plus whatever was already written). */
    public static CallTimeline untilCount(String bootstrapServers, String callId, int count, Duration timeout) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return read(bootstrapServers, callId, es -> es.size() >= count, timeout, count + " events");
    }

    private static CallTimeline read(String bootstrapServers, String callId,
                                     Predicate<List<EventEnvelope<? extends CallEvent>>> done, Duration timeout,
                                     String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<EventEnvelope<? extends CallEvent>> found = new ArrayList<>();
        List<String> undecodable = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers, callId))) {
            List<TopicPartition> partitions = awaitPartitions(consumer, deadline, callId, what);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.test(found)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                            + " of call " + callId + "; found " + describe(found, undecodable));
                }
                poll(consumer, callId, found, undecodable);
            }
            // catch what was written after the last event we needed (a duplicate, a late event)
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                poll(consumer, callId, found, undecodable);
            }
        }
        return new CallTimeline(callId, found, undecodable);
    }

    private static Properties consumerProperties(String bootstrapServers, String callId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "testkit-timeline-" + callId.replaceAll("[^A-Za-z0-9._-]", "_"));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** The topic appears with the first event published; until then there is nothing to read. */
    private static List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> consumer, long deadline,
                                                        String callId, String what) {
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.CALLS, Duration.ofSeconds(1));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topic " + Topics.CALLS + " does not exist: no event yet while waiting for "
                        + what + " of call " + callId);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static void poll(KafkaConsumer<String, byte[]> consumer, String callId,
                             List<EventEnvelope<? extends CallEvent>> found, List<String> undecodable) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            if (!callId.equals(record.key())) {
                continue;
            }
            switch (EventCodec.decode(record)) {
                case DecodeResult.Decoded d when d.envelope().data() instanceof CallEvent -> {
                    @SuppressWarnings("unchecked")
                    EventEnvelope<? extends CallEvent> envelope = (EventEnvelope<? extends CallEvent>) d.envelope();
                    found.add(envelope);
                }
                case DecodeResult.Decoded d -> undecodable.add("offset " + record.offset() + ": not a call event: "
                        + d.envelope().type());
                case DecodeResult.Undecodable u -> undecodable.add("partition " + u.partition() + " offset "
                        + u.offset() + ": " + u.reason());
            }
        }
    }

    private static String describe(List<EventEnvelope<? extends CallEvent>> found, List<String> undecodable) {
        String names = found.stream().map(e -> e.data().getClass().getSimpleName()).collect(Collectors.joining(", ", "[", "]"));
        return names + (undecodable.isEmpty() ? "" : ", undecodable: " + undecodable);
    }

    public String callId() {
        return callId;
    }

    public List<EventEnvelope<? extends CallEvent>> envelopes() {
        return envelopes;
    }

    public List<CallEvent> events() {
        return envelopes.stream().<CallEvent>map(EventEnvelope::data).toList();
    }

    /** Simple record names in order, e.g. {@code [CallOffered, DevicesLocated, CallRinging, ...]}. */
    public List<String> typeNames() {
        return envelopes.stream().map(e -> e.data().getClass().getSimpleName()).toList();
    }

    /** Event ids seen more than once: an at-least-once redelivery the consumers must tolerate. */
    public List<String> duplicateIds() {
        Set<String> seen = new HashSet<>();
        return envelopes.stream().map(EventEnvelope::id).filter(id -> !seen.add(id)).distinct().toList();
    }

    /** Records with this call id as key that are not call events, with the reason. */
    public List<String> undecodable() {
        return undecodable;
    }

    public <E extends CallEvent> Optional<E> first(Class<E> type) {
        return events().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public Optional<CallEnded> ended() {
        return first(CallEnded.class);
    }

    @Override
    public String toString() {
        return "CallTimeline[" + callId + " " + describe(envelopes, undecodable) + "]";
    }
}
