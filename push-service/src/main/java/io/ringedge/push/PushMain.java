package io.ringedge.push;

import io.helidon.config.Config;
import io.ringedge.events.EventsConfig;
import io.ringedge.events.KafkaEventPublisher;
import io.ringedge.locator.LocatorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * The push service as its own process. Reads {@code kafka.*}, {@code redis.*} and {@code push.*}
 * from Helidon's default config sources (application.yaml, environment, system properties), runs
 * until SIGTERM, then stops consuming, finishes pushes in flight and flushes its events.
 */
public final class PushMain {

    private static final Logger LOG = LoggerFactory.getLogger(PushMain.class);

    private PushMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Config config = Config.create();
        EventsConfig events;
        LocatorConfig locator;
        PushConfig push;
        try {
            events = EventsConfig.from(config);
            locator = LocatorConfig.from(config);
            push = PushConfig.from(config);
        } catch (RuntimeException badConfig) {
            // the message names the key; a stack trace would only hide it
            LOG.error("push service not started: {}", badConfig.getMessage());
            System.exit(2);
            return;
        }
        KafkaEventPublisher publisher = KafkaEventPublisher.start(events);
        PushService service = PushService.start(events, locator, push, publisher);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ringedge-push-shutdown").unstarted(() -> {
            service.close();
            publisher.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
