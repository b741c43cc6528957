package io.ringedge.push;

import io.ringedge.events.EventsConfig;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.runtime.EventFunctionProcess;
import io.ringedge.runtime.ServiceMain;
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
                    return EventFunctionProcess.start(events, metrics,
                            publisher -> PushService.start(events, locator, push, publisher));
                });
    }
}
