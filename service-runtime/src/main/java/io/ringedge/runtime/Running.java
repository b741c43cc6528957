package io.ringedge.runtime;

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
}
