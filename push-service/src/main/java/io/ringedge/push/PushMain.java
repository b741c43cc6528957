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
        KafkaEventPublisher publisher;
        PushService service;
        try {
            EventsConfig events = EventsConfig.from(config);
            LocatorConfig locator = LocatorConfig.from(config);
            PushConfig push = PushConfig.from(config);
            publisher = KafkaEventPublisher.start(events);
            service = PushService.start(events, locator, push, publisher);
        } catch (RuntimeException cannotStart) {
            // a bad key or an unreachable Redis: the message names the key; a stack trace would bury it
            LOG.error("push service not started: {}", cannotStart.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ringedge-push-shutdown").unstarted(() -> {
            service.close();
            publisher.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
