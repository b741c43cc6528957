package io.ringedge.edge.http;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;

import java.util.function.BooleanSupplier;

/** The edge's HTTP side: token minting, the softphone page and health, wired by hand (Helidon SE). */
public final class EdgeHttpServer implements AutoCloseable {

    private final WebServer server;

    private EdgeHttpServer(WebServer server) {
        this.server = server;
    }

    /** @param ready whether the edge can take traffic ({@code /health/ready} answers 503 otherwise) */
    public static EdgeHttpServer start(String host, int port, TokenApi tokens, PhonePage phone, BooleanSupplier ready) {
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .routing(r -> r
                        .post("/api/v1/tokens", tokens::mint)
                        .register(phone::routes)
                        .get("/health/live", (req, res) ->
                                TokenApi.json(res, Status.OK_200, TokenApi.JSON.createObjectNode().put("status", "UP")))
                        .get("/health/ready", (req, res) -> {
                            boolean up = ready.getAsBoolean();
                            TokenApi.json(res, up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503,
                                    TokenApi.JSON.createObjectNode().put("status", up ? "UP" : "DOWN"));
                        }))
                .build()
                .start();
        return new EdgeHttpServer(server);
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
