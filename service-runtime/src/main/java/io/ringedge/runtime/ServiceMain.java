package io.ringedge.runtime;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code main} of every Ringedge process: read the configuration, start the service, and run
 * until SIGTERM/SIGINT, then close it. A configuration error is one line naming the key and exit
 * status {@value #BAD_CONFIG}; a dependency that cannot be reached at start-up (Kafka, Redis) is
 * one line and exit status {@value #UNAVAILABLE}. No stack trace for either: an operator reads them.
 */
public final class ServiceMain {

    /** Exit status for a configuration the service cannot start with. */
    public static final int BAD_CONFIG = 2;
    /** Exit status when something the service needs cannot be reached at start-up. */
    public static final int UNAVAILABLE = 3;

    /** Starts a service from its configuration. */
    @FunctionalInterface
    public interface Starter {
        AutoCloseable start(Config config) throws Exception;
    }

    private ServiceMain() {
    }

    /**
     * Runs a service until the JVM is asked to stop.
     *
     * @param name             the process name used in messages, e.g. {@code device-locator}
     * @param args             command line: {@code [--config FILE]}
     * @param defaultsResource classpath resource with the service's defaults
     */
    public static void run(String name, String[] args, String defaultsResource, Starter starter) {
        AutoCloseable service;
        try {
            Config config = ConfigLoader.load(defaultsResource, configFile(args), Map.of());
            service = starter.start(config);
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println(name + ": configuration error: " + e.getMessage());
            System.exit(BAD_CONFIG);
            return;
        } catch (Exception e) {
            System.err.println(name + ": cannot start: " + e.getMessage());
            System.exit(UNAVAILABLE);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name(name + "-shutdown").unstarted(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println(name + ": error while stopping: " + e);
            }
            stopped.countDown();
        }));
        System.out.println(name + ": running");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code --config FILE}, the only argument a service takes. */
    public static Optional<Path> configFile(String[] args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        if (args.length == 2 && args[0].equals("--config")) {
            return Optional.of(Path.of(args[1]));
        }
        throw new IllegalArgumentException("usage: [--config FILE], got " + String.join(" ", args));
    }
}
