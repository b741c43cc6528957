package io.ringedge.locator;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.ringedge.events.EventsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the device locator as its own process: {@code LocateDevices} on topic
 * {@code ringedge.calls}, group {@code device-locator}. Configuration comes from Helidon's default
 * sources (system properties, environment, {@code application.yaml} on the classpath), the same
 * keys as in the standalone JVM ({@code redis.*}, {@code locator.*}, {@code kafka.*}).
 */
public final class LocatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(LocatorMain.class);

    /** Exit status for a configuration the locator cannot start with. */
    static final int BAD_CONFIG = 2;
    /** Exit status when Redis cannot be reached at start-up. */
    static final int UNAVAILABLE = 3;

    private LocatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DeviceLocatorService service;
        try {
            Config config = Config.create();
            service = DeviceLocatorService.start(LocatorConfig.from(config), EventsConfig.from(config));
        } catch (ConfigException | IllegalArgumentException e) {
            // one line naming the key, not a stack trace
            System.err.println("device-locator: configuration error: " + e.getMessage());
            System.exit(BAD_CONFIG);
            return;
        } catch (LocatorUnavailableException e) {
            System.err.println("device-locator: " + e.getMessage());
            System.exit(UNAVAILABLE);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            LOG.info("device locator stopped");
            stopped.countDown();
        }, "device-locator-shutdown"));
        LOG.info("device locator running on {} as group {}", DeviceLocatorService.SUBSCRIPTION.topic(),
                DeviceLocatorService.SUBSCRIPTION.group());
        stopped.await();
    }
}
