package io.ringedge.events;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a topic from the beginning with a plain consumer of a fresh group, as an operator's tool would. */
final class TopicReader {

    private TopicReader() {
    }

    /**
     * The records keyed with {@code keyPrefix}, read until {@code expected} of them arrived (or 30 s
     * passed), then for 300 ms more so that a surplus (duplicates) shows.
     */
    static List<ConsumerRecord<String, byte[]>> read(String bootstrap, String topic, String keyPrefix, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> keep(r, keyPrefix, records));
            }
            long surplusDeadline = System.nanoTime() + Duration.ofMillis(300).toNanos();
            while (System.nanoTime() < surplusDeadline) {
                consumer.poll(Duration.ofMillis(50)).forEach(r -> keep(r, keyPrefix, records));
            }
        }
        return records;
    }

    private static void keep(ConsumerRecord<String, byte[]> r, String keyPrefix, List<ConsumerRecord<String, byte[]>> records) {
        if (r.key() != null && r.key().startsWith(keyPrefix)) {
            records.add(r);
        }
    }

    /** The decoded events of {@link #read}, failing on any record that does not decode. */
    static List<EventEnvelope<? extends RingedgeEvent>> events(String bootstrap, String topic, String keyPrefix,
                                                               int expected) {
        List<EventEnvelope<? extends RingedgeEvent>> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : read(bootstrap, topic, keyPrefix, expected)) {
            switch (EventCodec.decode(record)) {
                case DecodeResult.Decoded d -> events.add(d.envelope());
                case DecodeResult.Undecodable u -> throw new AssertionError("undecodable record: " + u);
            }
        }
        return events;
    }
}
