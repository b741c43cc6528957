package io.ringedge.edge.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The browser softphone at {@code /phone}: a page, its script and style, and JsSIP bundled from npm
 * by the build (edge-sbc/softphone). Its one dynamic answer is {@code /phone/config}, the WebSocket
 * URL the page registers on, so one page serves whatever address this edge advertises.
 *
 * <p>Only the files named here are served, read once from the jar at start-up: a missing one is a
 * broken build and stops the edge with a message, not a 404 a user finds later.
 */
public final class PhonePage {

    private static final String DIR = "/io/ringedge/edge/phone/";
    /** the page talks only to this edge: its files, its config and the SIP WebSocket */
    private static final String CSP = "default-src 'self'; connect-src 'self' ws: wss:; media-src 'self' blob:;"
            + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private record Asset(String contentType, byte[] bytes) {
    }

    private final Map<String, Asset> assets;
    private final Supplier<String> wsUrl;

    private PhonePage(Map<String, Asset> assets, Supplier<String> wsUrl) {
        this.assets = assets;
        this.wsUrl = wsUrl;
    }

    /** @param wsUrl where devices register (the same URL the token API hands out) */
    public static PhonePage load(Supplier<String> wsUrl) {
        return new PhonePage(Map.of(
                "index.html", asset("index.html", "text/html; charset=utf-8"),
                "phone.js", asset("phone.js", "text/javascript; charset=utf-8"),
                "phone.css", asset("phone.css", "text/css; charset=utf-8"),
                "jssip.min.js", asset("jssip.min.js", "text/javascript; charset=utf-8"),
                "jssip-LICENSE.md", asset("jssip/LICENSE.md", "text/plain; charset=utf-8")), wsUrl);
    }

    private static Asset asset(String name, String contentType) {
        try (InputStream in = PhonePage.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("softphone file " + DIR + name + " is not on the classpath: the"
                        + " Maven build makes it (npm ci and the JsSIP bundle in edge-sbc/softphone)");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading softphone file " + DIR + name, e);
        }
    }

    void routes(HttpRules rules) {
        rules.get("/phone", (req, res) -> send(res, assets.get("index.html")))
                .get("/phone/config", this::config)
                .get("/phone/{file}", (req, res) -> {
                    Asset asset = assets.get(req.path().pathParameters().get("file"));
                    if (asset == null || asset == assets.get("index.html")) {
                        TokenApi.error(res, Status.NOT_FOUND_404, "no such softphone file");
                    } else {
                        send(res, asset);
                    }
                });
    }

    private void config(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        TokenApi.json(res, Status.OK_200, TokenApi.JSON.createObjectNode().put("wsUrl", wsUrl.get()));
    }

    private static void send(ServerResponse res, Asset asset) {
        // no-cache: a browser revalidates, so an upgraded edge never runs an old page with a new API
        res.status(Status.OK_200)
                .header(HeaderNames.CONTENT_TYPE, asset.contentType())
                .header(HeaderNames.CACHE_CONTROL, "no-cache")
                .header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .header(HeaderNames.create("Content-Security-Policy"), CSP)
                .send(asset.bytes());
    }
}
