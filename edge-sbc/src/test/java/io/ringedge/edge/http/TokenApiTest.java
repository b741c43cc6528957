package io.ringedge.edge.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringedge.edge.EdgeFixture;
import io.ringedge.edge.sip.Ingress;
import io.ringedge.edge.sip.RecordingCallSignalling;
import io.ringedge.edge.sip.WsDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token API over real HTTP, and a minted token registering a real WebSocket device. */
class TokenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private EdgeFixture f;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        f = new EdgeFixture("edge-h", (stack, flows, responder) -> new RecordingCallSignalling(responder, 486));
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        http.close();
        f.close();
    }

    private HttpResponse<String> post(String key, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.edge.httpPort() + "/api/v1/tokens"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (key != null) {
            b.header("X-Api-Key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mintedTokenRegistersADevice() throws Exception {
        var r = post("admin-key-for-tests", "{\"tenant\":\"tenant-a\",\"user\":\"alice\",\"device\":\"web-1\",\"ttlSeconds\":120}");

        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("ws://127.0.0.1:" + f.edge.sip().port(Ingress.WS), body.get("wsUrl").asText());
        assertEquals(f.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(120).toString(),
                body.get("expiresAt").asText());
        try (WsDevice device = new WsDevice(f.edge.sip().port(Ingress.WS))) {
            device.send(device.register("alice", 600, "Authorization: Bearer " + body.get("token").asText() + "\r\n"));
            assertEquals(200, WsDevice.status(device.next()));
        }
    }

    @Test
    void badRequestsGetAJsonErrorMessage() throws Exception {
        String good = "{\"tenant\":\"t\",\"user\":\"u\",\"device\":\"d\"}";
        Object[][] cases = {
                {null, good, 401, "missing or wrong X-Api-Key"},
                {"wrong", good, 401, "missing or wrong X-Api-Key"},
                {"admin-key-for-tests", "not json", 400, "body is not JSON"},
                {"admin-key-for-tests", "[1]", 400, "body must be a JSON object"},
                {"admin-key-for-tests", "{\"tenant\":\"t\",\"user\":\"u\"}", 400, "'device' must be"},
                {"admin-key-for-tests", "{\"tenant\":\"t\",\"user\":\"a b\",\"device\":\"d\"}", 400, "'user' must be"},
                {"admin-key-for-tests", "{\"tenant\":\"t\",\"user\":\"u\",\"device\":\"d\",\"ttlSeconds\":301}", 400,
                        "'ttlSeconds' must be an integer 1..300"},
                {"admin-key-for-tests", "{\"tenant\":\"t\",\"user\":\"u\",\"device\":\"d\",\"ttlSeconds\":1.5}", 400,
                        "'ttlSeconds' must be an integer"},
        };
        for (Object[] c : cases) {
            var r = post((String) c[0], (String) c[1]);
            assertEquals(c[2], r.statusCode(), r.body());
            assertTrue(JSON.readTree(r.body()).get("error").asText().startsWith((String) c[3]), r.body());
        }
        assertEquals(200, post("admin-key-for-tests", good).statusCode(), "still serving");
    }

    @Test
    void health() throws Exception {
        for (String path : new String[]{"/health/live", "/health/ready"}) {
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.edge.httpPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("UP", JSON.readTree(r.body()).get("status").asText());
        }
        f.edge.sip().close();
        var down = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.edge.httpPort() + "/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, down.statusCode(), "not ready once SIP is gone");
    }
}
