package io.ringedge.events;

import io.ringedge.events.internal.ConsumerLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EventFunction}: consumes its {@link Subscription}, applies the function to each
 * event, publishes the events it returns and only then commits the consumed offsets, so a crash
 * redelivers rather than loses (the function must be idempotent).
 *
 * <p>The same runner serves both deployments: inside the one standalone JVM it shares the process's
 * publisher ({@link #start(EventsConfig, Subscription, EventFunction, EventPublisher)}); as its own
 * process a function's {@code main} calls {@link #run(EventsConfig, Subscription, EventFunction)}.
 */
public final class EventFunctionRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventFunctionRunner.class);

    private final ConsumerLoop loop;
    /** The publisher this runner created and must close; null when it uses the caller's. */
    private final KafkaEventPublisher ownPublisher;

    private EventFunctionRunner(ConsumerLoop loop, KafkaEventPublisher ownPublisher) {
        this.loop = loop;
        this.ownPublisher = ownPublisher;
    }

    /** Runs {@code function}, publishing its results through {@code publisher}, which the caller owns. */
    public static EventFunctionRunner start(EventsConfig config, Subscription subscription, EventFunction function,
                                            EventPublisher publisher) {
        return start(config, subscription, function, publisher, null);
    }

    /** Runs {@code function} with a publisher of its own, closed with the runner. */
    public static EventFunctionRunner start(EventsConfig config, Subscription subscription, EventFunction function) {
        KafkaEventPublisher publisher = KafkaEventPublisher.start(config);
        return start(config, subscription, function, publisher, publisher);
    }

    /**
     * For a function's own {@code main}: runs {@code function} until the JVM is asked to stop
     * (SIGTERM, Ctrl-C), then closes consumer and publisher cleanly and returns.
     */
    public static void run(EventsConfig config, Subscription subscription, EventFunction function)
            throws InterruptedException {
        EventFunctionRunner runner = start(config, subscription, function);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ringedge-function-shutdown").unstarted(() -> {
            runner.close();
            stopped.countDown();
        }));
        LOG.info("event function on {} (group {}) running", subscription.topic(), subscription.group());
        stopped.await();
    }

    private static EventFunctionRunner start(EventsConfig config, Subscription subscription, EventFunction function,
                                             EventPublisher publisher, KafkaEventPublisher ownPublisher) {
        ConsumerLoop loop = new ConsumerLoop(config, subscription, "function",
                envelope -> function.apply(envelope).thenAccept(results -> results.forEach(publisher::publish)));
        loop.start();
        return new EventFunctionRunner(loop, ownPublisher);
    }

    /** Waits until the group has assigned this runner its partitions. */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return loop.awaitAssignment(timeout);
    }

    /** Events the function handled and whose results were handed to the publisher. */
    public long processedEvents() {
        return loop.handled();
    }

    /** Records that were not decodable events. */
    public long skippedRecords() {
        return loop.skipped();
    }

    /** Events on which the function threw; they are skipped, not retried. */
    public long failedEvents() {
        return loop.failed();
    }

    /** Handler calls that threw {@link RetryableEventException} and were tried again. */
    public long retriedEvents() {
        return loop.retried();
    }

    /** Stops consuming (after the event in hand), then closes the publisher if the runner owns it. */
    @Override
    public void close() {
        try {
            loop.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (ownPublisher != null) {
                ownPublisher.close();
            }
        }
    }
}
