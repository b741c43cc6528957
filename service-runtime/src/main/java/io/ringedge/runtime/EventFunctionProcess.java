package io.ringedge.runtime;

import io.ringedge.events.EventPublisher;
import io.ringedge.events.EventsConfig;
import io.ringedge.events.KafkaEventPublisher;
import io.ringedge.runtime.observe.EventOutboxMeters;
import io.ringedge.runtime.observe.MeterRegistry;
import io.ringedge.runtime.observe.MeteredEventPublisher;

import java.time.Duration;

/**
 * The shape every event function shares as its own process (device locator, push service): one
 * Kafka publisher whose outbox depth is metered, the function consuming with it, readiness once
 * Kafka has assigned the function its partitions, and on stop the function first (no new work),
 * then the publisher (flushes what the function published).
 */
public final class EventFunctionProcess {

    /** A started event function: ready once its consumer group assigned it partitions. */
    public interface Function extends AutoCloseable {
        boolean awaitAssignment(Duration timeout) throws InterruptedException;

        @Override
        void close();
    }

    /** Starts the function with the publisher it must publish through. */
    @FunctionalInterface
    public interface Starter {
        Function start(EventPublisher publisher);
    }

    private EventFunctionProcess() {
    }

    public static Running start(EventsConfig events, MeterRegistry metrics, Starter starter) {
        KafkaEventPublisher publisher = KafkaEventPublisher.start(events);
        try {
            EventOutboxMeters.register(metrics, publisher);
            Function function = starter.start(new MeteredEventPublisher(publisher, metrics));
            return new Running(() -> {
                function.close();
                publisher.close();
            }, Running.readyWhen(function::awaitAssignment));
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
    }
}
