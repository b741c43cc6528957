package io.ringedge.media.control;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.ringedge.media.MediaConfig;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A worker's control plane on loopback with free port ranges of its own (four PBX-side and two
 * device-side ports per session of {@code capacity}), the client tests drive it with, and the
 * configuration for {@link LoopbackBrowser}s beside it: device ports of their own (a browser never
 * opens the PBX range it shares with the worker).
 */
final class LoopbackWorker implements AutoCloseable {
    final ControlPlane plane;
    final MediaControlClient client;
    final MediaConfig browserConfig;

    private LoopbackWorker(ControlPlane plane, MediaControlClient client, MediaConfig browserConfig) {
        this.plane = plane;
        this.client = client;
        this.browserConfig = browserConfig;
    }

    /** {@code extra} keys apply to the worker and the browsers alike (consent timing, say). */
    static LoopbackWorker start(String workerId, int capacity, int browserCapacity, Map<String, String> extra)
            throws IOException {
        int pbx = FreePorts.evenBlock(4 * capacity);
        int device = FreePorts.block(2 * capacity);
        Map<String, String> keys = new HashMap<>(Map.of(
                MediaConfig.WORKER_ID, workerId,
                MediaConfig.BIND_ADDRESS, "127.0.0.1",
                MediaConfig.PBX_PORT_RANGE, pbx + "-" + (pbx + 4 * capacity - 1),
                MediaConfig.DEVICE_PORT_RANGE, device + "-" + (device + 2 * capacity - 1),
                MediaConfig.CONTROL_PORT, "0",
                MediaConfig.CAPACITY, Integer.toString(capacity)));
        keys.putAll(extra);
        int browserPorts = FreePorts.block(4);
        Map<String, String> browserKeys = new HashMap<>(keys);
        browserKeys.put(MediaConfig.DEVICE_PORT_RANGE, browserPorts + "-" + (browserPorts + 3));
        browserKeys.put(MediaConfig.CAPACITY, Integer.toString(browserCapacity));
        MediaConfig browserConfig = MediaConfig.from(Config.just(ConfigSources.create(browserKeys)));
        ControlPlane plane = ControlPlane.start(MediaConfig.from(Config.just(ConfigSources.create(keys))),
                ControlApiTest.CERTIFICATE, Clock.systemUTC());
        return new LoopbackWorker(plane, new MediaControlClient(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                browserConfig);
    }

    URI url() {
        return plane.url();
    }

    @Override
    public void close() {
        client.close();
        plane.close();
    }
}
