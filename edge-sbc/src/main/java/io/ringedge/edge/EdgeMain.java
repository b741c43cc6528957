package io.ringedge.edge;

import io.ringedge.runtime.ServiceMain;

/**
 * Runs one edge node as its own process against external Kafka and Redis ({@code edge.*},
 * {@code kafka.*}, {@code redis.*} from system properties, the environment and
 * {@code --config FILE}).
 */
public final class EdgeMain {

    private EdgeMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run("edge-sbc", args, "edge-sbc-defaults.yaml", EdgeService::start);
    }
}
