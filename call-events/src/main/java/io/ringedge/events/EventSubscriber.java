package io.ringedge.events;

import io.ringedge.events.internal.ConsumerLoop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Delivers every event of a {@link Subscription} to a callback, on its own thread, one event at a
 * time in partition order. At-least-once: the callback may see an event again after a restart or
 * rebalance, so it must be idempotent (e.g. ignore a {@code DevicesLocated} for a call it no longer
 * holds). Records that are not events are logged, counted ({@link #skippedRecords()}) and skipped.
 */
public final class EventSubscriber implements AutoCloseable {

    private static final CompletableFuture<Void> DELIVERED = CompletableFuture.completedFuture(null);

    private final ConsumerLoop loop;

    private EventSubscriber(ConsumerLoop loop) {
        this.loop = loop;
    }

    public static EventSubscriber start(EventsConfig config, Subscription subscription,
                                        Consumer<EventEnvelope<? extends RingedgeEvent>> callback) {
        EventSubscriber subscriber = new EventSubscriber(new ConsumerLoop(config, subscription, "subscriber", envelope -> {
            callback.accept(envelope);
            return DELIVERED;
        }));
        subscriber.loop.start();
        return subscriber;
    }

    /**
     * Waits until the group has assigned this subscriber its partitions. With
     * {@link Subscription.StartAt#LATEST}, events published before that may be missed; wait for it
     * before relying on the subscription.
     */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return loop.awaitAssignment(timeout);
    }

    /** Events the callback accepted. */
    public long receivedEvents() {
        return loop.handled();
    }

    /** Records that were not decodable events. */
    public long skippedRecords() {
        return loop.skipped();
    }

    /** Records of event types the subscription does not act on, passed over without decoding. */
    public long passedOverRecords() {
        return loop.passedOver();
    }

    /** Events whose callback threw. */
    public long failedEvents() {
        return loop.failed();
    }

    /** Handler calls that threw {@link RetryableEventException} and were tried again. */
    public long retriedEvents() {
        return loop.retried();
    }

    /** Stops consuming, leaves the group and joins the thread. */
    @Override
    public void close() {
        try {
            loop.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
