package io.ringedge.locator;

import io.ringedge.events.EventsConfig;
import io.ringedge.runtime.EventFunctionProcess;
import io.ringedge.runtime.ServiceMain;
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
                    return EventFunctionProcess.start(events, metrics,
                            publisher -> DeviceLocatorService.start(locator, events, publisher));
                });
    }
}
