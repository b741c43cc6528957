package io.ringedge.deploy;

import io.ringedge.embedded.EmbeddedKafka;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.runtime.observe.HealthProbe;
import io.ringedge.runtime.observe.ObserveServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The runnable jars `mvn package` builds, started as the images start them ({@code java -jar},
 * configuration in environment variables and a {@code --config} file), pointed at an external
 * Kafka and Redis (here: embedded ones this test starts), must report ready on
 * {@value ObserveServer#READY}, pass the image's health probe, serve their metrics, and stop on
 * SIGTERM. Runs in {@code verify} (failsafe): the jars exist only after {@code package}.
 */
class RunnableJarsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Path ROOT = ConfigReference.repositoryRoot();

    private static EmbeddedKafka kafka;
    private static EmbeddedRedis redis;

    @BeforeAll
    static void infrastructure() {
        kafka = EmbeddedKafka.start();
        redis = EmbeddedRedis.start();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** What every container gets: where Kafka and Redis are, and the observe server's port. */
    private static Map<String, String> common(String clientId, int observePort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_DASH_SERVERS", kafka.bootstrapServers());
        env.put("REDIS_URI", redis.uri());
        env.put("KAFKA_CLIENT_DASH_ID", clientId);
        env.put("OBSERVE_PORT", Integer.toString(observePort));
        return env;
    }

    @Test
    void theLocatorPushServiceAndEdgeJarsStartAgainstExternalKafkaAndRedisAndReportReady() throws Exception {
        int locatorPort = freePort();
        int pushPort = freePort();
        int edgePort = freePort();

        Map<String, String> push = common("push-service", pushPort);
        push.put("PUSH_ATTACH_DASH_URL", "ws://127.0.0.1:5066");
        push.put("PUSH_ATTACH_DASH_TOKEN_DASH_KEY", "Y2hhbmdlLW1lLWxvY2FsLWF0dGFjaC10b2tlbi1rZXktMDEyMzQ1Njc4OQ==");

        Map<String, String> edge = common("edge-it", edgePort);
        edge.put("EDGE_NODE_DASH_ID", "edge-it");
        edge.put("EDGE_SIP_UDP_DASH_PORT", "0");
        edge.put("EDGE_SIP_TCP_DASH_PORT", "0");
        edge.put("EDGE_SIP_WS_DASH_PORT", "0");
        edge.put("EDGE_SIP_INTERNAL_DASH_PORT", "0");
        edge.put("EDGE_HTTP_PORT", "0");
        edge.put("EDGE_HTTP_ADMIN_DASH_API_DASH_KEY", "it-admin-key");
        edge.put("EDGE_TOKEN_HMAC_DASH_SECRET", "it-device-token-secret-0123456789abcdef");
        edge.put("EDGE_ATTACH_DASH_TOKEN_DASH_KEY", push.get("PUSH_ATTACH_DASH_TOKEN_DASH_KEY"));
        // the connections are a list, so they come in a file, as in infra/compose.yaml
        Path edgeConfig = Files.createTempFile("edge", ".yaml");
        Files.copy(ROOT.resolve("infra/config/edge.yaml"), edgeConfig, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        List<Service> services = new ArrayList<>();
        try {
            services.add(Service.start("device-locator", "device-locator", common("device-locator", locatorPort),
                    locatorPort, List.of()));
            services.add(Service.start("push-service", "push-service", push, pushPort, List.of()));
            services.add(Service.start("edge-sbc", "edge-sbc", edge, edgePort,
                    List.of("--config", edgeConfig.toString())));

            for (Service service : services) {
                service.awaitReady();
                assertEquals(200, get(service.observePort, ObserveServer.LIVE).statusCode(), service.name);
                assertEquals(0, service.healthProbe(), service.name + ": the image's HEALTHCHECK command");
                String metrics = get(service.observePort, ObserveServer.METRICS).body();
                assertTrue(metrics.contains("# TYPE ringedge_event_outbox_depth gauge\n"), service.name + ":\n" + metrics);
                assertTrue(metrics.contains("# TYPE ringedge_events_published_total counter\n"), service.name);
            }
            String edgeMetrics = get(edgePort, ObserveServer.METRICS).body();
            assertTrue(edgeMetrics.contains("\nringedge_calls_active 0\n"), edgeMetrics);
            assertTrue(edgeMetrics.contains("\nringedge_calls_offered_total 0\n"), edgeMetrics);
        } finally {
            for (Service service : services) {
                service.stop();
            }
            Files.deleteIfExists(edgeConfig);
        }
    }

    @Test
    void theMediaWorkerJarStartsAgainstExternalRedisAndServesItsMediaMeters() throws Exception {
        int port = freePort();
        Map<String, String> env = common("media-it", port);
        env.remove("KAFKA_BOOTSTRAP_DASH_SERVERS"); // a worker needs no Kafka
        env.remove("KAFKA_CLIENT_DASH_ID");
        // as in infra/compose.yaml and the Dockerfile: a wildcard bind with the address peers reach
        env.put("MEDIA_WORKER_DASH_ID", "media-it");
        env.put("MEDIA_BIND_DASH_ADDRESS", "0.0.0.0");
        env.put("MEDIA_ADVERTISED_DASH_ADDRESS", "127.0.0.1");
        env.put("MEDIA_CONTROL_PORT", Integer.toString(freePort()));
        env.put("MEDIA_PBX_DASH_PORT_DASH_RANGE", "41000-41019");
        env.put("MEDIA_DEVICE_DASH_PORT_DASH_RANGE", "41020-41029");
        env.put("MEDIA_CAPACITY", "10");
        Service media = Service.start("media-workers", "media-workers", env, port, List.of());
        try {
            media.awaitReady();
            assertEquals(0, media.healthProbe(), "the image's HEALTHCHECK command");
            String metrics = get(port, ObserveServer.METRICS).body();
            for (String line : List.of("ringedge_media_sessions 0", "ringedge_media_sessions_created_total 0",
                    "ringedge_media_packets_lost_total{leg=\"pbx\"} 0", "ringedge_media_packets_dropped_total{leg=\"device\"} 0")) {
                assertTrue(metrics.contains("\n" + line + "\n"), line + " in\n" + metrics);
            }
        } finally {
            media.stop();
        }
    }

    @Test
    void theStandaloneJarOnExternalKafkaAndRedisServesOneObserveServerForEverything() throws Exception {
        int port = freePort();
        Map<String, String> env = common("ringedge", port);
        for (String key : List.of("EDGE_SIP_UDP_DASH_PORT", "EDGE_SIP_TCP_DASH_PORT", "EDGE_SIP_WS_DASH_PORT",
                "EDGE_SIP_INTERNAL_DASH_PORT", "EDGE_HTTP_PORT")) {
            env.put(key, "0");
        }
        Service standalone = Service.start("ringedge-launcher", "launcher", env, port, List.of());
        try {
            standalone.awaitReady();
            String metrics = get(port, ObserveServer.METRICS).body();
            for (String family : List.of("ringedge_calls_active", "ringedge_pushes_total",
                    "ringedge_registrations_total", "ringedge_event_outbox_depth")) {
                assertTrue(metrics.contains("# TYPE " + family + " "), family + " in\n" + metrics);
            }
            // the banner names the Kafka and Redis it uses: the external ones, nothing embedded
            assertTrue(standalone.log().contains("Kafka             " + kafka.bootstrapServers() + "\n"), standalone.log());
            assertTrue(standalone.log().contains("Redis             " + redis.uri() + "\n"), standalone.log());
        } finally {
            standalone.stop();
        }
    }

    @Test
    void aServiceWithAMissingRequiredKeyStopsNamingIt() throws Exception {
        int port = freePort();
        Service push = Service.start("push-service", "push-service", common("push-service", port), port, List.of());
        try {
            assertTrue(push.process.waitFor(60, TimeUnit.SECONDS), "a bad configuration must stop the process");
            assertEquals(2, push.process.exitValue(), push.log());
            assertTrue(push.log().contains("push.attach-url"), push.log());
        } finally {
            push.stop();
        }
    }

    private record Service(String name, Path jarDir, Process process, int observePort, Path logFile) {

        static Service start(String name, String module, Map<String, String> environment, int observePort,
                             List<String> args) throws IOException {
            Path jarDir = ROOT.resolve(module).resolve("target");
            Path jar = jarDir.resolve(name + ".jar");
            assertTrue(Files.isRegularFile(jar), jar + " is missing: run `mvn verify` (it packages the jars first)");
            Path log = Files.createTempFile(name, ".log");
            List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-jar", jar.toString()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("REDIS_")
                    || k.startsWith("EDGE_") || k.startsWith("PUSH_") || k.startsWith("OBSERVE_")
                    || k.startsWith("MEDIA_"));
            builder.environment().putAll(environment);
            return new Service(name, jarDir, builder.start(), observePort, log);
        }

        void awaitReady() throws InterruptedException, IOException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                if (!process.isAlive()) {
                    fail(name + " exited with " + process.exitValue() + ":\n" + log());
                }
                try {
                    if (get(observePort, ObserveServer.READY).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYetListening) {
                    // the JVM is still starting
                }
                if (System.nanoTime() > deadline) {
                    fail(name + " not ready within " + PATIENCE + ":\n" + log());
                }
                Thread.sleep(250);
            }
        }

        /** The image's HEALTHCHECK: {@code java -cp 'libs/*' HealthProbe PORT}, with OBSERVE_PORT set. */
        int healthProbe() throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(java(), "-cp", jarDir.resolve("libs") + "/*",
                    HealthProbe.class.getName(), "1").redirectErrorStream(true);
            builder.environment().put("OBSERVE_PORT", Integer.toString(observePort));
            Process probe = builder.start();
            String out = new String(probe.getInputStream().readAllBytes());
            assertTrue(probe.waitFor(30, TimeUnit.SECONDS), "probe hung: " + out);
            return probe.exitValue();
        }

        void stop() throws InterruptedException, IOException {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM, as docker stop sends
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(name + " did not stop on SIGTERM:\n" + log());
                }
            }
            Files.deleteIfExists(logFile);
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        private static String java() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
