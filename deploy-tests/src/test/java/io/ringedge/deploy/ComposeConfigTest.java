package io.ringedge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.ringedge.edge.EdgeConfig;
import io.ringedge.edge.connection.Admission;
import io.ringedge.events.EventsConfig;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.PortRange;
import io.ringedge.push.PushConfig;
import io.ringedge.runtime.ConfigLoader;
import io.ringedge.runtime.observe.ObserveConfig;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each Ringedge container of infra/compose.yaml, configured as it would be (its image's ENV, the
 * compose environment with every ${VAR:-default} at its default, its --config file, the service's
 * own defaults), is accepted by the service's own configuration readers: a missing required key,
 * a capacity the port ranges cannot hold or a malformed value fails here, not in `compose up`.
 */
class ComposeConfigTest {

    private static final Path ROOT = ConfigReference.repositoryRoot();
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Z0-9_]+):-([^}]*)}");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Z0-9_]+)=(\\S+)");
    /** Image → the classpath resource its main loads its defaults from. */
    private static final Map<String, String> DEFAULTS = Map.of("edge-sbc", "edge-sbc-defaults.yaml",
            "media-workers", "media-worker-defaults.yaml", "device-locator", "device-locator-defaults.yaml",
            "push-service", "push-service-defaults.yaml");

    /** The configuration the service in container {@code name} starts with. */
    static Config configOf(String name) throws Exception {
        JsonNode service = ComposeTest.compose().get("services").get(name);
        String image = ComposeTest.SERVICES.get(name);
        Map<String, String> keys = new HashMap<>();
        for (String env : Dockerfile.read(ROOT.resolve("infra/images").resolve(image).resolve("Dockerfile")).all("ENV")) {
            Matcher m = ASSIGNMENT.matcher(env);
            while (m.find()) {
                keys.put(ConfigReference.keyOfEnvironmentVariable(m.group(1)), m.group(2));
            }
        }
        ComposeTest.environment(service).forEach((variable, value) ->
                keys.put(ConfigReference.keyOfEnvironmentVariable(variable), DEFAULTED.matcher(value).replaceAll("$2")));
        return ConfigLoader.load(DEFAULTS.get(image), configFile(service), keys);
    }

    private static Optional<Path> configFile(JsonNode service) {
        JsonNode command = service.get("command");
        if (command == null) {
            return Optional.empty();
        }
        String inContainer = command.get(command.size() - 1).asText();
        for (JsonNode volume : service.get("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[1].equals(inContainer)) {
                return Optional.of(ROOT.resolve("infra").resolve(parts[0]).normalize());
            }
        }
        throw new AssertionError("--config " + inContainer + " is not mounted");
    }

    @Test
    void theEdgesStartWithWhatComposeGivesThem() throws Exception {
        for (String edge : List.of("edge-1", "edge-2")) {
            Config config = configOf(edge);
            EdgeConfig read = EdgeConfig.from(config);
            EventsConfig.from(config);
            LocatorConfig.from(config);
            assertEquals(ObserveConfig.EDGE_PORT, ObserveConfig.from(config, ObserveConfig.EDGE_PORT).port());
            assertEquals(edge, read.nodeId());
            assertTrue(read.attachKey().isPresent(), edge + ": without edge.attach-token-key a woken device cannot attach");
            assertTrue(read.connections().admit(InetAddress.getByName("192.168.1.20"), "+15550001234")
                    instanceof Admission.Routed, edge + ": the local PBX is admitted");
        }
    }

    @Test
    void thePushServiceAndTheEdgesShareTheAttachTokenKey() throws Exception {
        PushConfig push = PushConfig.from(configOf("push-service"));
        for (String edge : List.of("edge-1", "edge-2")) {
            assertArrayEquals(push.attachTokenKey(), EdgeConfig.from(configOf(edge)).attachKey().orElseThrow().bytes(),
                    edge + ": push.attach-token-key and edge.attach-token-key must be the same key");
        }
    }

    @Test
    void theFunctionsStartWithWhatComposeGivesThem() throws Exception {
        Config locator = configOf("device-locator");
        LocatorConfig.from(locator);
        assertEquals("kafka:9092", EventsConfig.from(locator).bootstrapServers());
        Config push = configOf("push-service");
        PushConfig.from(push);
        LocatorConfig.from(push);
        assertEquals("kafka:9092", EventsConfig.from(push).bootstrapServers());
    }

    @Test
    void theMediaWorkersStartWithWhatComposeGivesThemAndPublishTheirRanges() throws Exception {
        for (String media : List.of("media-1", "media-2")) {
            MediaConfig config = MediaConfig.from(configOf(media));
            assertEquals(media, config.workerId());
            assertEquals("http://" + media + ":" + config.controlPort(), config.controlUrl(config.controlPort()).toString(),
                    media + ": the edges reach the control API by service name");
            List<String> ports = ComposeTest.ports(ComposeTest.compose().get("services").get(media));
            for (PortRange range : List.of(config.pbxPortRange(), config.devicePortRange())) {
                String published = range + ":" + range + "/udp";
                assertTrue(ports.contains(published), media + ": publishes " + published + " in " + ports);
            }
        }
        MediaConfig one = MediaConfig.from(configOf("media-1"));
        MediaConfig two = MediaConfig.from(configOf("media-2"));
        assertFalse(one.pbxPortRange().overlaps(two.pbxPortRange()), "two workers on one host need their own ports");
        assertFalse(one.devicePortRange().overlaps(two.devicePortRange()), "two workers on one host need their own ports");
    }
}
