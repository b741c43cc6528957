package io.ringedge.events.internal;

import io.ringedge.events.EventsConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The Kafka client settings Ringedge's event path needs, and why. */
public final class KafkaClientSettings {

    /** Distinguishes clients of one process: Kafka registers each client id as a JMX bean. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private KafkaClientSettings() {
    }

    public static String clientId(EventsConfig config, String role) {
        return config.clientId() + "-" + role + "-" + SEQUENCE.incrementAndGet();
    }

    public static Map<String, Object> producer(EventsConfig config, String clientId) {
        Map<String, Object> p = common(config, clientId);
        // Idempotence with acks=all: a retried batch is written once and in order.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // One request in flight, not the allowed 5: with more, a first batch refused by a partition
        // that is still being created (NOT_LEADER_OR_FOLLOWER) lets the next one be written first, and
        // the retry then fails with OUT_OF_ORDER_SEQUENCE_NUMBER forever (KAFKA-14359, KAFKA-15591).
        // Seen here with auto-created topics. Each request carries every ready batch, so throughput
        // stays far above what the call path needs.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        // Retry until Kafka returns, however long it is away: giving up would lose the event or, if
        // we resent it ourselves, reorder or duplicate it. The outbox bounds what waits meanwhile.
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        // A call waits on CallOffered -> DevicesLocated, so batching may only cost a millisecond or
        // two; at a few hundred calls a second that already puts several calls' events in one request,
        // and every request saved is an append for the broker and a fetch wake-up for each consumer
        // group (at linger 0 nearly every event was its own request). Batches stay per partition, so
        // a call's events keep their order.
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
        // Only the sender thread calls send(); a short block lets it notice close() and retry.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        return p;
    }

    public static Map<String, Object> consumer(EventsConfig config, String clientId, String group, String offsetReset) {
        Map<String, Object> p = common(config, clientId);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        // Offsets are committed by the loop after each batch was handled (at-least-once).
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        // A ringing call waits on this consumer: answer a fetch as soon as one record is there. The
        // broker completes a held fetch on the append that satisfies it, so fetch.max.wait.ms only
        // bounds how long an idle consumer's fetch is held, never how late a record arrives.
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) config.fetchMaxWait().toMillis());
        return p;
    }

    private static Map<String, Object> common(EventsConfig config, String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // Find a restarted broker within half a second instead of the default's exponential walk to 1 s.
        p.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return p;
    }
}
