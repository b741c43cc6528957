package io.ringedge.e2e;

import io.helidon.config.Config;
import io.ringedge.edge.EdgeConfig;
import io.ringedge.edge.sip.Ingress;
import io.ringedge.launcher.Standalone;
import io.ringedge.runtime.ConfigLoader;
import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.CallTimeline;
import io.ringedge.testkit.DeviceSettings;
import io.ringedge.testkit.TestDevice;
import io.ringedge.testkit.sipp.Sipp;
import io.ringedge.testkit.sipp.SippProcess;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippRun;
import io.ringedge.testkit.sipp.SippScenarios;
import io.ringedge.testkit.sipp.SippTransport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole system as the launcher runs it ({@link Standalone}: embedded Kafka and Redis, locator,
 * push service, a media worker, one edge), on free ports, with a test connection: PBX {@value #PBX_SOURCE} of
 * tenant {@value #TENANT}, and {@value #LINES} DIDs each routed to a user of its own, so that no two
 * tests' calls or devices ever meet. One per test class: start-up takes seconds.
 */
final class E2eSystem implements AutoCloseable {

    static final String TENANT = "acme";
    static final String CONNECTION = "pbx-trunk";
    static final String PBX_SOURCE = "127.0.0.1/32";
    static final String DOMAIN = "acme.example";
    static final int LINES = 60;
    static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(15);

    /** One test's DID and the user it rings. */
    record Line(String did, String user) {
    }

    private final Standalone standalone;
    private final Path dir;
    private final AtomicInteger nextLine = new AtomicInteger();
    private final AtomicInteger nextDevice = new AtomicInteger();

    private E2eSystem(Standalone standalone, Path dir) {
        this.standalone = standalone;
        this.dir = dir;
    }

    /** Starts everything; a call nobody answers gets 480 after {@code ringTimeoutSeconds}. */
    static E2eSystem start(int ringTimeoutSeconds) throws IOException, InterruptedException {
        return start(ringTimeoutSeconds, Map.of());
    }

    /** As {@link #start(int)}, with more configuration values on top. */
    static E2eSystem start(int ringTimeoutSeconds, Map<String, String> extra) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ringedge-e2e-");
        Path file = dir.resolve("e2e.yaml");
        Files.writeString(file, connectionsYaml("edge-1"));
        try {
            Map<String, String> overrides = overrides(dir, ringTimeoutSeconds);
            overrides.putAll(extra);
            Config config = ConfigLoader.load("ringedge-defaults.yaml", Optional.of(file), overrides);
            Standalone standalone = Standalone.start(config);
            try {
                // The registrar's first Redis script runs cold (script load, connection warm-up); on
                // a loaded machine that can pass the 500 ms command timeout and the first REGISTER
                // of a test class gets no answer. One lookup here pays that cost before any test.
                standalone.locator().redis().directory().bindings(TENANT, "warm-up");
                return new E2eSystem(standalone, dir);
            } catch (RuntimeException e) {
                standalone.close();
                throw e;
            }
        } catch (RuntimeException | InterruptedException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** Free ports everywhere, the embedded broker's log in the test's own folder. */
    static Map<String, String> overrides(Path dir, int ringTimeoutSeconds) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("embedded.kafka.port", "0");
        o.put("embedded.kafka.data-dir", dir.resolve("kafka").toString());
        o.put("embedded.redis.port", "0");
        o.put("edge.sip.udp-port", "0");
        o.put("edge.sip.tcp-port", "0");
        o.put("edge.sip.ws-port", "0");
        o.put("edge.sip.internal-port", "0");
        o.put("edge.http.port", "0");
        o.put("media.control.port", "0");
        o.put("edge.call.ring-timeout-seconds", Integer.toString(ringTimeoutSeconds));
        // these tests share the machine with Chromium, SIPp and the build: a Redis command that a
        // busy machine stalls past the 500 ms default turned a REGISTER into 503 (seen at load 20),
        // which is the bound doing its job, not what these tests are about
        o.put("redis.timeout", "PT2S");
        return o;
    }

    /**
     * The {@code edge.connections} of the test file. Its first entry has as many list items as the
     * defaults' one, so whether Helidon merges the two lists or replaces one the result is this.
     */
    static String connectionsYaml(String nodeId) {
        StringBuilder y = new StringBuilder("edge:\n  node-id: ").append(nodeId).append('\n')
                .append("  connections:\n")
                .append("    - id: ").append(CONNECTION).append('\n')
                .append("      tenant: ").append(TENANT).append('\n')
                .append("      allowed-sources: [\"").append(PBX_SOURCE).append("\", \"::1/128\"]\n")
                .append("      routes:\n");
        for (int i = 0; i < LINES; i++) {
            Line line = line(i);
            y.append("        - did: \"").append(line.did()).append("\"\n")
                    .append("          user: ").append(line.user()).append('\n');
        }
        return y.toString();
    }

    static Line line(int i) {
        return new Line(String.format("+1555200%04d", i), String.format("user-%04d", i));
    }

    /** A DID of its own for one test: its calls ring only its own user's devices. */
    Line newLine() {
        int i = nextLine.getAndIncrement();
        if (i >= LINES) {
            throw new IllegalStateException("more than " + LINES + " lines used: raise E2eSystem.LINES");
        }
        return line(i);
    }

    /** A DID that no route knows (404). */
    String unknownDid() {
        return String.format("+1555999%04d", nextLine.getAndIncrement());
    }

    Standalone standalone() {
        return standalone;
    }

    Path dir() {
        return dir;
    }

    String bootstrapServers() {
        return standalone.config().get("kafka.bootstrap-servers").asString().get();
    }

    int sipPort(SippTransport transport) {
        return standalone.edge().edge().sip().port(transport == SippTransport.UDP ? Ingress.UDP : Ingress.TCP);
    }

    int sipPort(Ingress ingress) {
        return standalone.edge().edge().sip().port(ingress);
    }

    URI wsUri() {
        return URI.create("ws://127.0.0.1:" + sipPort(Ingress.WS));
    }

    /** The edge's HTTP API and softphone page. */
    int httpPort() {
        return standalone.edge().edge().httpPort();
    }

    EdgeConfig edgeConfig() {
        return standalone.edge().edge().config();
    }

    /** A device token from the edge's HTTP API, as a web app would fetch one for its user. */
    String token(String user, String device) {
        return mintToken(httpPort(), edgeConfig().http().adminApiKey(), user, device);
    }

    /** {@code POST /api/v1/tokens} on the edge whose HTTP API listens on {@code httpPort}. */
    static String mintToken(int httpPort, String adminApiKey, String user, String device) {
        String body = "{\"tenant\":\"" + TENANT + "\",\"user\":\"" + user + "\",\"device\":\"" + device
                + "\",\"ttlSeconds\":300}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/tokens"))
                .timeout(Duration.ofSeconds(5))
                .header("X-Api-Key", adminApiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), () -> "token API: " + response.body());
            Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
            if (!m.find()) {
                throw new AssertionError("no token in " + response.body());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A device of {@code user} attached to this system's edge, registered, behaving as told. */
    TestDevice device(String user, CallBehaviour behaviour) throws IOException {
        return device(wsUri(), user, behaviour);
    }

    /** A device of {@code user} attached to the edge at {@code ws}, registered, behaving as told. */
    TestDevice device(URI ws, String user, CallBehaviour behaviour) throws IOException {
        String deviceId = "dev-" + nextDevice.incrementAndGet();
        TestDevice device = TestDevice.connect(DeviceSettings.of(ws, user, DOMAIN, token(user, deviceId)));
        try {
            assertEquals(200, device.register().status(), "REGISTER of " + user + "/" + deviceId);
            device.onInvite(behaviour);
            return device;
        } catch (RuntimeException | AssertionError e) {
            device.close();
            throw e;
        }
    }

    /** SIPp as the PBX: one call to {@code did} over {@code transport}. */
    SippResult call(String scenario, SippTransport transport, String did, Duration hold, Duration timeout)
            throws IOException {
        return Sipp.run(SippRun.uac(SippScenarios.resolve(scenario), "127.0.0.1", sipPort(transport))
                .withTransport(transport).withService(did).withHold(hold).withTimeout(timeout));
    }

    /** SIPp as the PBX, started: one call to {@code did} over UDP, for a test that acts while it runs. */
    SippProcess startCall(String scenario, String did, Duration hold, Duration timeout) throws IOException {
        return Sipp.start(SippRun.uac(SippScenarios.resolve(scenario), "127.0.0.1", sipPort(SippTransport.UDP))
                .withService(did).withHold(hold).withTimeout(timeout));
    }

    SippResult call(String scenario, SippTransport transport, String did) throws IOException {
        return call(scenario, transport, did, Duration.ZERO, Duration.ofSeconds(15));
    }

    /** The call id of the one call offered for {@code did}. */
    String callId(String did) {
        return CallOffers.callId(bootstrapServers(), did, EVENTS_TIMEOUT);
    }

    CallTimeline timeline(String callId) {
        return CallTimeline.untilEnded(bootstrapServers(), callId, EVENTS_TIMEOUT);
    }

    /** Waits until every event published so far is acknowledged by Kafka. */
    void awaitEventsFlushed() throws InterruptedException {
        long deadline = System.nanoTime() + EVENTS_TIMEOUT.toNanos();
        while (standalone.publisher().outboxDepth() > 0 || standalone.publisher().unacknowledgedEvents() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError((standalone.publisher().outboxDepth() + standalone.publisher().unacknowledgedEvents())
                        + " events still not acknowledged by Kafka after " + EVENTS_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        try {
            standalone.close();
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temp folder left behind is no test failure; the OS cleans /tmp
        }
    }
}
