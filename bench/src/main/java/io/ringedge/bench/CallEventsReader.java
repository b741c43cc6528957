package io.ringedge.bench;

import io.ringedge.events.CallEvent;
import io.ringedge.events.DecodeResult;
import io.ringedge.events.EventCodec;
import io.ringedge.events.EventEnvelope;
import io.ringedge.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the whole calls topic after a run, from the beginning to its end as it is now, into one
 * {@link WakeTimeline} per call: the timeline is taken from the record the system keeps anyway,
 * not from extra instrumentation. Its own consumer, no group, nothing committed.
 */
final class CallEventsReader {

    private CallEventsReader() {
    }

    static Map<String, WakeTimeline> readAll(String bootstrapServers, Duration timeout) throws IOException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-timeline-reader");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, WakeTimeline> calls = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CALLS, timeout).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("could not read " + Topics.CALLS + " to its end within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (EventCodec.decode(record) instanceof DecodeResult.Decoded d && d.envelope().data() instanceof CallEvent e) {
                        @SuppressWarnings("unchecked")
                        EventEnvelope<? extends CallEvent> envelope = (EventEnvelope<? extends CallEvent>) d.envelope();
                        calls.computeIfAbsent(e.callId(), WakeTimeline::new).add(envelope);
                    }
                }
            }
        }
        return calls;
    }
}
