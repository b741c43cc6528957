package io.ringedge.runtime;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A started service as its process sees it.
 *
 * @param service closes everything the service started, newest first
 * @param ready   whether it can take work now (e.g. Kafka has assigned its partitions); asked at
 *                every readiness probe, so it must not block
 */
public record Running(AutoCloseable service, BooleanSupplier ready) {

    /** A service that is ready as soon as it started. */
    public static Running whenStarted(AutoCloseable service) {
        return new Running(service, () -> true);
    }

    /** A wait such as {@code awaitAssignment(timeout)}: true once the service can take work. */
    @FunctionalInterface
    public interface Await {
        boolean await(Duration timeout) throws InterruptedException;
    }

    /** The wait asked without waiting, as a readiness probe must be answered. */
    public static BooleanSupplier readyWhen(Await await) {
        return () -> {
            try {
                return await.await(Duration.ZERO);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }
}
