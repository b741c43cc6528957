package io.ringedge.push;

import io.ringedge.events.EventsConfig;
import io.ringedge.events.KafkaEventPublisher;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.runtime.Running;
import io.ringedge.runtime.ServiceMain;
import io.ringedge.runtime.observe.EventOutboxMeters;
import io.ringedge.runtime.observe.MeteredEventPublisher;
import io.ringedge.runtime.observe.ObserveConfig;

/**
 * The push service as its own process. Reads {@code kafka.*}, {@code redis.*}, {@code push.*} and
 * {@code observe.*} from system properties, the environment and {@code --config FILE}; ready once
 * Kafka has assigned it partitions; runs until SIGTERM, then stops consuming, finishes pushes in
 * flight and flushes its events.
 */
public final class PushMain {

    private PushMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run("push-service", args, "push-service-defaults.yaml", ObserveConfig.PUSH_SERVICE_PORT,
                (config, metrics) -> {
                    EventsConfig events = EventsConfig.from(config);
                    LocatorConfig locator = LocatorConfig.from(config);
                    PushConfig push = PushConfig.from(config);
                    KafkaEventPublisher publisher = KafkaEventPublisher.start(events);
                    try {
                        EventOutboxMeters.register(metrics, publisher);
                        PushService service = PushService.start(events, locator, push,
                                new MeteredEventPublisher(publisher, metrics));
                        return new Running(() -> {
                            service.close();
                            publisher.close();
                        }, Running.readyWhen(service::awaitAssignment));
                    } catch (RuntimeException e) {
                        publisher.close();
                        throw e;
                    }
                });
    }
}
