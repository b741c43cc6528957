package io.ringedge.launcher;

import io.ringedge.edge.Edge;
import io.ringedge.edge.sip.Ingress;
import io.ringedge.runtime.Running;
import io.ringedge.runtime.ServiceMain;
import io.ringedge.runtime.observe.ObserveConfig;

/** {@code ./ringedge start}: the whole system in this JVM until Ctrl-C. */
public final class RingedgeMain {

    static final String DEFAULTS_RESOURCE = "ringedge-defaults.yaml";

    private RingedgeMain() {
    }

    public static void main(String[] args) {
        // one observe server for the whole JVM; Standalone.start returns once every part is ready
        ServiceMain.run("ringedge", args, DEFAULTS_RESOURCE, ObserveConfig.STANDALONE_PORT, (config, metrics) -> {
            Standalone system = Standalone.start(config, metrics);
            System.out.println(banner(system));
            return Running.whenStarted(system);
        });
    }

    private static String banner(Standalone system) {
        Edge edge = system.edge().edge();
        String host = edge.config().sip().advertisedAddress();
        return String.join("\n",
                "Ringedge is running (node " + edge.config().nodeId() + ")",
                "  SIP for PBXs      udp/tcp " + host + ":" + edge.sip().port(Ingress.UDP),
                "  SIP for devices   ws://" + host + ":" + edge.sip().port(Ingress.WS),
                "  HTTP API          http://" + host + ":" + edge.httpPort(),
                "  Media worker      " + system.mediaWorker().controlUrl() + " (control API)",
                "  Kafka             " + system.config().get("kafka.bootstrap-servers").asString().orElse("?"),
                "  Redis             " + system.config().get("redis.uri").asString().orElse("?"),
                "  Health, metrics   http://" + system.config().get(ObserveConfig.BIND_ADDRESS).asString()
                        .orElse(ObserveConfig.DEFAULT_BIND_ADDRESS) + ":" + system.config().get(ObserveConfig.PORT)
                        .asString().orElse(Integer.toString(ObserveConfig.STANDALONE_PORT)) + "/observe/metrics",
                "Mint a device token: curl -s -X POST -H 'X-Api-Key: <edge.http.admin-api-key>' "
                        + "-d '{\"tenant\":\"demo\",\"user\":\"alice\",\"device\":\"phone-1\",\"ttlSeconds\":300}' "
                        + "http://" + host + ":" + edge.httpPort() + "/api/v1/tokens");
    }
}
