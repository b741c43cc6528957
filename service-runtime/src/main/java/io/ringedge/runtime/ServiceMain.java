package io.ringedge.runtime;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.ringedge.runtime.observe.MeterRegistry;
import io.ringedge.runtime.observe.ObserveConfig;
import io.ringedge.runtime.observe.ObserveServer;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * The {@code main} of every Ringedge process: read the configuration, serve health and metrics,
 * start the service, and run until SIGTERM/SIGINT, then close it. A configuration error is one
 * line naming the key and exit status {@value #BAD_CONFIG}; a dependency that cannot be reached
 * at start-up (Kafka, Redis) is one line and exit status {@value #UNAVAILABLE}. No stack trace
 * for either: an operator reads them.
 */
public final class ServiceMain {

    /** Exit status for a configuration the service cannot start with. */
    public static final int BAD_CONFIG = 2;
    /** Exit status when something the service needs cannot be reached at start-up. */
    public static final int UNAVAILABLE = 3;

    /** Starts a service that registers its meters and says when it is ready. */
    @FunctionalInterface
    public interface ObservedStarter {
        Running start(Config config, MeterRegistry metrics) throws Exception;
    }

    private ServiceMain() {
    }

    /**
     * Runs a service until the JVM is asked to stop.
     *
     * @param name               the process name used in messages, e.g. {@code device-locator}
     * @param args               command line: {@code [--config FILE]}
     * @param defaultsResource   classpath resource with the service's defaults
     * @param defaultObservePort {@code observe.port} when the configuration names none
     */
    public static void run(String name, String[] args, String defaultsResource, int defaultObservePort,
                           ObservedStarter starter) {
        routeJavaUtilLoggingToLog4j();
        Started process;
        try {
            Config config = ConfigLoader.load(defaultsResource, configFile(args), Map.of());
            process = Started.start(config, defaultObservePort, starter);
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
                process.close();
            } catch (Exception e) {
                System.err.println(name + ": error while stopping: " + e);
            }
            stopped.countDown();
        }));
        System.out.println(name + ": running (health and metrics on port " + process.observePort() + ")");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Helidon logs through java.util.logging; the rest of the process through Log4j. One log, one
     * format: JUL is handed to Log4j. Must run before anything touches JUL.
     */
    private static void routeJavaUtilLoggingToLog4j() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.apache.logging.log4j.jul.LogManager");
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

    /**
     * A service with its observe server. The server starts first, so that while the service
     * connects to Kafka and Redis the process is live but not ready, and stops last, so that a
     * stopping process is seen not ready before its listeners close.
     */
    public static final class Started implements AutoCloseable {

        private final ObserveServer observe;
        private final Running running;
        private volatile boolean stopping;

        private Started(ObserveServer observe, Running running) {
            this.observe = observe;
            this.running = running;
        }

        public static Started start(Config config, int defaultObservePort, ObservedStarter starter) throws Exception {
            MeterRegistry metrics = new MeterRegistry();
            ReadinessGate gate = new ReadinessGate();
            ObserveServer observe = ObserveServer.start(ObserveConfig.from(config, defaultObservePort), metrics,
                    gate::ready);
            try {
                Running running = starter.start(config, metrics);
                Started process = new Started(observe, running);
                gate.open(() -> !process.stopping && running.ready().getAsBoolean());
                return process;
            } catch (Exception | Error e) {
                observe.close();
                throw e;
            }
        }

        public int observePort() {
            return observe.port();
        }

        @Override
        public void close() throws Exception {
            stopping = true;
            try {
                running.service().close();
            } finally {
                observe.close();
            }
        }
    }

    /** Not ready until the service has started; then whatever the service says. */
    private static final class ReadinessGate {
        private volatile BooleanSupplier ready = () -> false;

        boolean ready() {
            return ready.getAsBoolean();
        }

        void open(BooleanSupplier serviceReady) {
            ready = serviceReady;
        }
    }
}
