package io.ringedge.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a benchmark's child process (load devices, woken phones) knows its run is over: its
 * standard input, the driver's pipe, reaches its end (the driver ended, however it ended), SIGTERM
 * arrives, or an optional time limit passes. On SIGTERM the shutdown hook waits for the child's
 * own clean-up ({@code closed}) so its devices leave the edge in order.
 */
final class DriverPipe {

    /** Reads the pipe until its end; an {@link IOException} (a broken pipe) is an end too. */
    @FunctionalInterface
    interface Drain {
        void run() throws IOException;
    }

    private DriverPipe() {
    }

    /** True when the run ended; false when {@code limit} passed first. */
    static boolean awaitEnd(Drain drain, CountDownLatch closed, Duration cleanUp, Optional<Duration> limit)
            throws InterruptedException {
        CountDownLatch end = new CountDownLatch(1);
        Thread watch = Thread.ofPlatform().daemon().name("stdin-watch").start(() -> {
            try {
                drain.run();
            } catch (IOException ignored) {
                // a broken pipe is an end too
            }
            end.countDown();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            end.countDown();
            try {
                closed.await(cleanUp.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            if (limit.isEmpty()) {
                end.await();
                return true;
            }
            return end.await(limit.get().toSeconds(), TimeUnit.SECONDS);
        } finally {
            watch.interrupt();
        }
    }
}
