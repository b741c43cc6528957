package io.ringedge.e2e;

import io.ringedge.events.CallOffered;
import io.ringedge.events.DecodeResult;
import io.ringedge.events.EventCodec;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The {@link CallOffered} events on Kafka for one DID. Every test dials its own DID, so the offer
 * for that DID names the test's call id: the key to read the rest of its timeline with
 * {@link io.ringedge.testkit.CallTimeline}. Reads the whole topic from the beginning each time.
 */
final class CallOffers {

    private CallOffers() {
    }

    /** Waits until {@code count} offers for {@code did} are on Kafka; returns them in partition order. */
    static List<CallOffered> await(String bootstrapServers, String did, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CallOffered> found = List.of();
        while (System.nanoTime() < deadline) {
            found = now(bootstrapServers, did);
            if (found.size() >= count) {
                return found;
            }
            sleep(200);
        }
        throw new AssertionError("expected " + count + " CallOffered for DID " + did + " within "
                + timeout.toMillis() + " ms, found " + found);
    }

    /** The call id of the one call offered for {@code did}. */
    static String callId(String bootstrapServers, String did, Duration timeout) {
        List<CallOffered> offers = await(bootstrapServers, did, 1, timeout);
        if (offers.size() != 1) {
            throw new AssertionError("expected one CallOffered for DID " + did + ", found " + offers);
        }
        return offers.getFirst().callId();
    }

    /** Every offer for {@code did} on the topic right now (up to its current end). */
    static List<CallOffered> now(String bootstrapServers, String did) {
        List<CallOffered> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties(bootstrapServers))) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.CALLS, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                return found;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read topic " + Topics.CALLS + " to its end within 10 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (EventCodec.decode(record) instanceof DecodeResult.Decoded d
                            && d.envelope().data() instanceof CallOffered offered && offered.did().equals(did)) {
                        found.add(offered);
                    }
                }
            }
        }
        return found;
    }

    private static Properties properties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "e2e-call-offers");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
