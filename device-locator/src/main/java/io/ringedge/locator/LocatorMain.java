package io.ringedge.locator;

import io.ringedge.events.EventsConfig;
import io.ringedge.events.KafkaEventPublisher;
import io.ringedge.runtime.Running;
import io.ringedge.runtime.ServiceMain;
import io.ringedge.runtime.observe.EventOutboxMeters;
import io.ringedge.runtime.observe.MeteredEventPublisher;
import io.ringedge.runtime.observe.ObserveConfig;

/**
 * Runs the device locator as its own process: {@code LocateDevices} on topic
 * {@code ringedge.calls}, group {@code device-locator}. It reads the same keys as in the
 * standalone JVM ({@code redis.*}, {@code locator.*}, {@code kafka.*}, {@code observe.*}) from
 * system properties, the environment and {@code --config FILE}; it is ready once Kafka has
 * assigned it partitions.
 */
public final class LocatorMain {

    private LocatorMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run("device-locator", args, "device-locator-defaults.yaml", ObserveConfig.DEVICE_LOCATOR_PORT,
                (config, metrics) -> {
                    LocatorConfig locator = LocatorConfig.from(config);
                    EventsConfig events = EventsConfig.from(config);
                    KafkaEventPublisher publisher = KafkaEventPublisher.start(events);
                    try {
                        EventOutboxMeters.register(metrics, publisher);
                        DeviceLocatorService service = DeviceLocatorService.start(locator, events,
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
