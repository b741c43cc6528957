package io.ringedge.edge.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringedge.edge.EdgeFixture;
import io.ringedge.edge.sip.Ingress;
import io.ringedge.edge.sip.RecordingCallSignalling;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The softphone's files and config over real HTTP from a running edge (the browser tests are in e2e-tests). */
class PhonePageTest {

    private EdgeFixture f;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        f = new EdgeFixture("edge-p", (stack, flows, responder) -> new RecordingCallSignalling(responder, 486));
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        http.close();
        f.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.edge.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pageLoadsItsScriptsFromTheEdge() throws Exception {
        var page = get("/phone");

        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'self'"));
        for (String script : new String[]{"/phone/jssip.min.js", "/phone/phone.js"}) {
            assertTrue(page.body().contains("<script src=\"" + script + "\">"), script);
            var js = get(script);
            assertEquals(200, js.statusCode(), script);
            assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("Content-Type").orElseThrow());
        }
        assertEquals(200, get("/phone/phone.css").statusCode());
    }

    @Test
    void jssipIsTheBrowserBundleOfThePinnedRelease() throws Exception {
        String bundle = get("/phone/jssip.min.js").body();

        // the IIFE that defines the global the page uses, with the version package-lock.json pins
        assertTrue(bundle.contains("var JsSIP="), bundle.substring(0, Math.min(200, bundle.length())));
        assertTrue(bundle.contains("version:\"3.13.8\""), "JsSIP 3.13.8 in the bundle");
        assertTrue(get("/phone/jssip-LICENSE.md").body().contains("MIT"), "JsSIP's licence ships with it");
    }

    @Test
    void configNamesTheWebSocketTheTokenApiHandsOut() throws Exception {
        var config = get("/phone/config");

        assertEquals(200, config.statusCode());
        assertEquals("no-store", config.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("ws://127.0.0.1:" + f.edge.sip().port(Ingress.WS),
                new ObjectMapper().readTree(config.body()).get("wsUrl").asText());
    }

    @Test
    void onlyTheNamedFilesAreServed() throws Exception {
        for (String path : new String[]{"/phone/nothing.js", "/phone/index.html", "/phone/jssip"}) {
            var r = get(path);
            assertEquals(404, r.statusCode(), path);
            assertEquals("{\"error\":\"no such softphone file\"}", r.body(), path);
        }
        // dot segments never reach the page's handler: the server's path normalisation refuses them
        for (String path : new String[]{"/phone/..%2Fphone.js", "/phone/%2e%2e%2fEdge.class"}) {
            assertEquals(404, get(path).statusCode(), path);
        }
    }
}
