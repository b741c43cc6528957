package io.ringedge.media;

import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.media.control.ControlResult;
import io.ringedge.media.control.FreePorts;
import io.ringedge.media.control.MediaControlClient;
import io.ringedge.media.sdp.SdpFixtures;
import io.ringedge.runtime.ConfigLoader;
import io.ringedge.runtime.ServiceMain;
import io.ringedge.runtime.observe.ObserveServer;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker as its main runs it: ready on the observe port, its media meters in the scrape. */
class MediaWorkerMetricsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theWorkerServesReadinessAndItsMediaMeters() throws Exception {
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            int pbx = FreePorts.evenBlock(8);
            int device = FreePorts.block(4);
            int controlPort;
            try (ServerSocket probe = new ServerSocket(0)) {
                controlPort = probe.getLocalPort(); // known up front: Started does not hand out the worker
            }
            var config = ConfigLoader.load(MediaWorkerMain.DEFAULTS, Optional.empty(), Map.of(
                    "media.worker-id", "worker-metrics", "media.bind-address", "127.0.0.1",
                    "media.pbx-port-range", pbx + "-" + (pbx + 7), "media.device-port-range", device + "-" + (device + 3),
                    "media.control.port", Integer.toString(controlPort), "media.capacity", "4", "redis.uri", redis.uri(),
                    "observe.port", "0"));
            ServiceMain.Started process = ServiceMain.Started.start(config, 0, MediaWorkerMain::start);
            try (MediaControlClient client = new MediaControlClient(Duration.ofSeconds(2), Duration.ofSeconds(5))) {
                int port = process.observePort();
                assertEquals(200, get(port, ObserveServer.READY).statusCode());

                String before = get(port, ObserveServer.METRICS).body();
                for (String line : new String[] {"# TYPE ringedge_media_sessions gauge", "ringedge_media_sessions 0",
                        "ringedge_media_sessions_created_total 0", "ringedge_media_sessions_by_mode{mode=\"transcode\"} 0",
                        "ringedge_media_packets_received_total{leg=\"pbx\"} 0",
                        "ringedge_media_packets_dropped_total{leg=\"device\"} 0",
                        "# TYPE ringedge_media_packets_lost_total counter"}) {
                    assertTrue(before.contains(line + "\n"), line + " in\n" + before);
                }

                URI control = URI.create("http://127.0.0.1:" + controlPort);
                assertInstanceOf(ControlResult.Ok.class,
                        client.createSession(control, "call-metrics", SdpFixtures.ASTERISK_OFFER).get());
                String after = get(port, ObserveServer.METRICS).body();
                assertTrue(after.contains("\nringedge_media_sessions 1\n"), after);
                assertTrue(after.contains("\nringedge_media_sessions_created_total 1\n"), after);
            } finally {
                process.close();
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
