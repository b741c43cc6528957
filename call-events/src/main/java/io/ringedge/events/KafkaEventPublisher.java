package io.ringedge.events;

import io.ringedge.events.internal.KafkaClientSettings;
import io.ringedge.events.internal.Outbox;
import io.ringedge.events.internal.OutboxSender;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes events to Kafka without ever blocking the caller. Each event gets its envelope (id,
 * time) when published, waits in a bounded outbox, and is handed to an idempotent {@code acks=all}
 * producer by one sender thread. While Kafka is unreachable events stay queued and go out, in order
 * per subject and once each, when it returns; if the outbox fills, the oldest are dropped, logged
 * and counted ({@link #droppedEvents()}).
 */
public final class KafkaEventPublisher implements EventPublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);

    private final EventsConfig config;
    private final Outbox<EventEnvelope<? extends RingedgeEvent>> outbox;
    private final OutboxSender sender;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaEventPublisher(EventsConfig config) {
        this.config = config;
        this.outbox = new Outbox<>(config.outboxCapacity());
        String clientId = KafkaClientSettings.clientId(config, "publisher");
        Producer<String, byte[]> producer = new KafkaProducer<>(KafkaClientSettings.producer(config, clientId),
                new StringSerializer(), new ByteArraySerializer());
        this.sender = new OutboxSender(outbox, producer, config.maxUnacknowledged(), "ringedge-events-" + clientId);
    }

    /** Creates the producer and starts the sender thread; Kafka need not be reachable yet. */
    public static KafkaEventPublisher start(EventsConfig config) {
        KafkaEventPublisher publisher = new KafkaEventPublisher(config);
        publisher.sender.start();
        return publisher;
    }

    @Override
    public void publish(RingedgeEvent event) {
        Objects.requireNonNull(event, "event");
        if (!outbox.add(EventCodec.envelope(config.eventSource(), event))) {
            LOG.warn("publisher closed: dropped {} for {}", event.getClass().getSimpleName(), event.subject());
        }
    }

    /** Events waiting for Kafka, not yet handed to the producer. */
    public long outboxDepth() {
        return outbox.size();
    }

    /** Events handed to the producer and not yet acknowledged. */
    public long unacknowledgedEvents() {
        return sender.unacknowledged();
    }

    /** Events lost before reaching Kafka: pushed out of a full outbox, or still queued when close gave up. */
    public long droppedEvents() {
        return outbox.dropped();
    }

    /** Events Kafka acknowledged. */
    public long publishedEvents() {
        return sender.published();
    }

    /** Events Kafka refused for good, or left unacknowledged when close gave up. */
    public long failedEvents() {
        return sender.failed();
    }

    /**
     * Stops accepting events, delivers what is queued within {@code kafka.close-timeout-ms}, and closes
     * the producer. What could not be delivered by then is logged and counted as dropped or failed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        outbox.seal();
        try {
            sender.close(config.closeTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
