package io.ringedge.push;

import io.ringedge.events.EventsConfig;
import io.ringedge.events.KafkaEventPublisher;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.runtime.ServiceMain;

/**
 * The push service as its own process. Reads {@code kafka.*}, {@code redis.*} and {@code push.*}
 * from system properties, the environment and {@code --config FILE}; runs until SIGTERM, then
 * stops consuming, finishes pushes in flight and flushes its events.
 */
public final class PushMain {

    private PushMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run("push-service", args, "push-service-defaults.yaml", config -> {
            EventsConfig events = EventsConfig.from(config);
            LocatorConfig locator = LocatorConfig.from(config);
            PushConfig push = PushConfig.from(config);
            KafkaEventPublisher publisher = KafkaEventPublisher.start(events);
            try {
                PushService service = PushService.start(events, locator, push, publisher);
                return () -> {
                    service.close();
                    publisher.close();
                };
            } catch (RuntimeException e) {
                publisher.close();
                throw e;
            }
        });
    }
}
