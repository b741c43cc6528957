package io.ringedge.runtime.observe;

import io.ringedge.events.KafkaEventPublisher;

/**
 * The Kafka publisher's outbox as meters: how far delivery lags behind publishing, and what a
 * long Kafka outage cost. Read from the publisher at each scrape.
 */
public final class EventOutboxMeters {

    private EventOutboxMeters() {
    }

    public static void register(MeterRegistry registry, KafkaEventPublisher publisher) {
        registry.gauge("ringedge_event_outbox_depth",
                "Events queued in memory and not yet handed to Kafka", publisher::outboxDepth);
        registry.gauge("ringedge_event_outbox_unacknowledged",
                "Events handed to the Kafka producer and not yet acknowledged", publisher::unacknowledgedEvents);
        registry.counter("ringedge_event_outbox_delivered_total",
                "Events Kafka acknowledged", publisher::publishedEvents);
        registry.counter("ringedge_event_outbox_dropped_total",
                "Events dropped because the outbox was full (kafka.outbox-capacity)", publisher::droppedEvents);
        registry.counter("ringedge_event_outbox_failed_total",
                "Events Kafka refused for good", publisher::failedEvents);
    }
}
