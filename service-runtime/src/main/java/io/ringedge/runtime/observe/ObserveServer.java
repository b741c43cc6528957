package io.ringedge.runtime.observe;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerResponse;
import io.ringedge.runtime.observe.internal.PrometheusText;

import java.util.function.BooleanSupplier;

/**
 * A process's health and metrics over HTTP (Helidon SE), apart from any API the service has so
 * that a load balancer or Prometheus never needs the service's own port or credentials:
 * <ul>
 *   <li>{@value #LIVE}: 200 while the process serves HTTP at all (restart it otherwise);</li>
 *   <li>{@value #READY}: 200 when the service can take work, 503 before and while stopping;</li>
 *   <li>{@value #METRICS}: the registry in Prometheus text format.</li>
 * </ul>
 */
public final class ObserveServer implements AutoCloseable {

    public static final String LIVE = "/observe/health/live";
    public static final String READY = "/observe/health/ready";
    public static final String METRICS = "/observe/metrics";

    private final WebServer server;

    private ObserveServer(WebServer server) {
        this.server = server;
    }

    /**
     * @param ready asked at each readiness probe; must not block
     * @throws IllegalStateException naming {@code observe.port} when the port cannot be bound
     */
    public static ObserveServer start(ObserveConfig config, MeterRegistry registry, BooleanSupplier ready) {
        WebServer server = WebServer.builder()
                .host(config.bindAddress())
                .port(config.port())
                .routing(r -> r
                        .get(LIVE, (req, res) -> status(res, true))
                        .get(READY, (req, res) -> status(res, ready.getAsBoolean()))
                        .get(METRICS, (req, res) -> {
                            res.header(HeaderNames.CONTENT_TYPE, PrometheusText.CONTENT_TYPE);
                            res.send(registry.scrape());
                        }))
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException(ObserveConfig.PORT + " / " + ObserveConfig.BIND_ADDRESS
                    + ": cannot serve health and metrics on " + config.bindAddress() + ":" + config.port()
                    + " (" + e.getMessage() + ")", e);
        }
        return new ObserveServer(server);
    }

    private static void status(ServerResponse res, boolean up) {
        res.status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
    }

    /** The bound port (differs from the configuration when that said 0). */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
