package io.ringedge.edge;

import io.ringedge.runtime.Running;
import io.ringedge.runtime.ServiceMain;
import io.ringedge.runtime.observe.ObserveConfig;

/**
 * Runs one edge node as its own process against external Kafka and Redis ({@code edge.*},
 * {@code kafka.*}, {@code redis.*}, {@code observe.*} from system properties, the environment and
 * {@code --config FILE}). Ready once it receives the device locator's answers.
 */
public final class EdgeMain {

    private EdgeMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run("edge-sbc", args, "edge-sbc-defaults.yaml", ObserveConfig.EDGE_PORT, (config, metrics) -> {
            EdgeService edge = EdgeService.start(config, metrics);
            return new Running(edge, Running.readyWhen(edge::awaitReady));
        });
    }
}
