package io.ringedge.runtime.observe;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import io.ringedge.runtime.Running;
import io.ringedge.runtime.ServiceMain;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A process's observe server over real HTTP, through the same start-up path every main uses. */
class ObservedProcessTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void liveAtOnceReadyOnlyOnceTheServiceSaysSoAndNotWhileStopping() throws Exception {
        AtomicBoolean partitionsAssigned = new AtomicBoolean();
        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch finishClosing = new CountDownLatch(1);
        ServiceMain.Started process = ServiceMain.Started.start(config(Map.of("observe.port", "0")), 1,
                (c, metrics) -> {
                    metrics.counter("test_things_total", "Things").increment();
                    return new Running(() -> {
                        closing.countDown();
                        finishClosing.await();
                    }, partitionsAssigned::get);
                });
        int port = process.observePort();

        assertEquals(200, get(port, ObserveServer.LIVE).statusCode());
        assertEquals(503, get(port, ObserveServer.READY).statusCode(), "started, partitions not assigned yet");
        partitionsAssigned.set(true);
        HttpResponse<String> ready = get(port, ObserveServer.READY);
        assertEquals(200, ready.statusCode());
        assertEquals("{\"status\":\"UP\"}", ready.body());

        HttpResponse<String> metrics = get(port, ObserveServer.METRICS);
        assertEquals(200, metrics.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.headers().firstValue("Content-Type").orElse(""));
        assertEquals(1.0, Exposition.parse(metrics.body()).value("test_things_total"));

        // stopping: the service is closing (draining calls) and must no longer get traffic
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                process.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(closing.await(10, TimeUnit.SECONDS));
        assertEquals(503, get(port, ObserveServer.READY).statusCode(), "not ready while stopping");
        assertEquals(200, get(port, ObserveServer.LIVE).statusCode(), "but alive: no restart mid-drain");
        finishClosing.countDown();
        stopped.get(10, TimeUnit.SECONDS);
        assertThrows(ConnectException.class, () -> get(port, ObserveServer.LIVE));
    }

    @Test
    void notReadyWhileTheServiceIsStarting() throws Exception {
        // a fixed free port, so the probe can be asked before start() returns
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Config config = config(Map.of("observe.port", Integer.toString(port)));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch starting = new CountDownLatch(1);
        CompletableFuture<ServiceMain.Started> started = CompletableFuture.supplyAsync(() -> {
            try {
                return ServiceMain.Started.start(config, 1, (c, metrics) -> {
                    starting.countDown();
                    release.await();
                    return Running.whenStarted(() -> { });
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertTrue(starting.await(10, TimeUnit.SECONDS));
            assertEquals(200, get(port, ObserveServer.LIVE).statusCode());
            HttpResponse<String> ready = get(port, ObserveServer.READY);
            assertEquals(503, ready.statusCode());
            assertEquals("{\"status\":\"DOWN\"}", ready.body());
            assertEquals(503, HealthProbe.status(URI.create("http://127.0.0.1:" + port + ObserveServer.READY)));
        } finally {
            release.countDown();
        }
        try (ServiceMain.Started process = started.get(10, TimeUnit.SECONDS)) {
            assertEquals(200, get(port, ObserveServer.READY).statusCode());
            assertEquals(200, HealthProbe.status(URI.create("http://127.0.0.1:" + port + ObserveServer.READY)));
        }
    }

    @Test
    void aServiceThatFailsToStartTakesTheObserveServerDown() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Config config = config(Map.of("observe.port", Integer.toString(port)));
        assertThrows(IllegalStateException.class, () -> ServiceMain.Started.start(config, 1, (c, m) -> {
            throw new IllegalStateException("Kafka unreachable");
        }));
        assertThrows(ConnectException.class, () -> get(port, ObserveServer.LIVE));
    }

    @Test
    void badObserveConfigurationNamesTheKey() {
        ConfigException port = assertThrows(ConfigException.class,
                () -> ObserveConfig.from(config(Map.of("observe.port", "70000")), 1));
        assertTrue(port.getMessage().startsWith("observe.port: must be 0..65535"), port.getMessage());
        ConfigException text = assertThrows(ConfigException.class,
                () -> ObserveConfig.from(config(Map.of("observe.port", "nine")), 1));
        assertTrue(text.getMessage().startsWith("observe.port:"), text.getMessage());
        assertEquals(new ObserveConfig("127.0.0.1", 9101), ObserveConfig.from(config(Map.of()), 9101));
        assertEquals(new ObserveConfig("0.0.0.0", 9101),
                ObserveConfig.from(config(Map.of("observe.bind-address", "0.0.0.0")), 9101));
    }

    private static Config config(Map<String, String> values) {
        return Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values)).build();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
