package io.ringedge.locator;

import io.ringedge.events.EventsConfig;
import io.ringedge.runtime.ServiceMain;

/**
 * Runs the device locator as its own process: {@code LocateDevices} on topic
 * {@code ringedge.calls}, group {@code device-locator}. It reads the same keys as in the
 * standalone JVM ({@code redis.*}, {@code locator.*}, {@code kafka.*}) from system properties, the
 * environment and {@code --config FILE}.
 */
public final class LocatorMain {

    private LocatorMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run("device-locator", args, "device-locator-defaults.yaml",
                config -> DeviceLocatorService.start(LocatorConfig.from(config), EventsConfig.from(config)));
    }
}
