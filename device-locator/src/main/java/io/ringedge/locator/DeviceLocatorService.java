package io.ringedge.locator;

import io.ringedge.events.CallOffered;
import io.ringedge.events.EventFunctionRunner;
import io.ringedge.events.EventPublisher;
import io.ringedge.events.EventsConfig;
import io.ringedge.events.Subscription;
import io.ringedge.events.Topics;
import io.ringedge.locator.redis.RedisLocator;
import io.ringedge.runtime.EventFunctionProcess;

import java.time.Duration;

/**
 * The device locator wired together: Redis access and {@link LocateDevices} running on the call
 * topic. One wiring for all three homes: its own process ({@link LocatorMain}), the standalone JVM
 * (sharing that JVM's publisher) and the tests.
 */
public final class DeviceLocatorService implements EventFunctionProcess.Function {

    /**
     * Every locator instance joins one consumer group, so each {@code CallOffered} is located once
     * and instances scale with the topic's partitions. The locator acts on {@code CallOffered}
     * only; the call topic's other events are passed over undecoded.
     */
    public static final Subscription SUBSCRIPTION = Subscription.of(Topics.CALLS, "device-locator")
            .only(CallOffered.class);

    private final RedisLocator redis;
    private final EventFunctionRunner runner;

    private DeviceLocatorService(RedisLocator redis, EventFunctionRunner runner) {
        this.redis = redis;
        this.runner = runner;
    }

    /** As its own process: the runner publishes through a Kafka publisher of its own. */
    public static DeviceLocatorService start(LocatorConfig locator, EventsConfig events) {
        return start(locator, events, null);
    }

    /**
     * In a JVM that already has a publisher (the standalone launcher), results go through it.
     *
     * @param publisher the JVM's publisher, owned by the caller; null to create one
     */
    public static DeviceLocatorService start(LocatorConfig locator, EventsConfig events, EventPublisher publisher) {
        RedisLocator redis = RedisLocator.connect(locator);
        try {
            LocateDevices function = new LocateDevices(redis.locations());
            EventFunctionRunner runner = publisher == null
                    ? EventFunctionRunner.start(events, SUBSCRIPTION, function)
                    : EventFunctionRunner.start(events, SUBSCRIPTION, function, publisher);
            return new DeviceLocatorService(redis, runner);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** The Redis access this service uses, for a registrar or launcher in the same JVM. */
    public RedisLocator redis() {
        return redis;
    }

    /** Waits until the consumer group has given this instance its partitions. */
    @Override
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return runner.awaitAssignment(timeout);
    }

    /** Offers located so far, and offers on which locating failed (Redis unreachable). */
    public long locatedEvents() {
        return runner.processedEvents();
    }

    public long failedEvents() {
        return runner.failedEvents();
    }

    /** Stops consuming first, so no offer is half handled when Redis goes. */
    @Override
    public void close() {
        try {
            runner.close();
        } finally {
            redis.close();
        }
    }
}
