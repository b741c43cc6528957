package io.ringedge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ringedge.runtime.observe.ObserveServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * infra/compose.yaml, the local cluster: every part is there, every configuration key it sets
 * (environment variables and the mounted --config files) is one the services read, each service
 * gets what it cannot start without, and Prometheus scrapes every Ringedge container.
 */
class ComposeTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path INFRA = ConfigReference.repositoryRoot().resolve("infra");

    /** Ringedge containers → the image directory they run. */
    static final Map<String, String> SERVICES = Map.of(
            "edge-1", "edge-sbc", "edge-2", "edge-sbc", "media-1", "media-workers", "media-2", "media-workers",
            "device-locator", "device-locator", "push-service", "push-service");

    static JsonNode compose() throws IOException {
        return YAML.readTree(INFRA.resolve("compose.yaml").toFile());
    }

    @Test
    void itNamesEveryPartOfTheCluster() throws IOException {
        Set<String> names = new HashSet<>();
        compose().get("services").fieldNames().forEachRemaining(names::add);
        Set<String> expected = new HashSet<>(SERVICES.keySet());
        expected.addAll(List.of("kafka", "redis", "prometheus"));
        assertEquals(expected, names);
        JsonNode services = compose().get("services");
        assertTrue(services.get("kafka").get("image").asText().startsWith("apache/kafka:"));
        assertTrue(services.get("kafka").get("environment").get("KAFKA_PROCESS_ROLES").asText().contains("controller"),
                "Kafka runs in KRaft mode (no ZooKeeper)");
    }

    @Test
    void everyRingedgeContainerRunsItsImage() throws IOException {
        JsonNode services = compose().get("services");
        SERVICES.forEach((name, image) -> {
            JsonNode service = services.get(name);
            assertEquals("ringedge/" + image + ":dev", service.get("image").asText(), name);
        });
        // each image is built once; the second container of a kind reuses it
        Set<String> built = new TreeSet<>();
        SERVICES.keySet().forEach(name -> {
            JsonNode build = services.get(name).get("build");
            if (build != null) {
                assertEquals("..", build.get("context").asText());
                assertTrue(built.add(build.get("dockerfile").asText()), name);
            }
        });
        assertEquals(new TreeSet<>(SERVICES.values().stream().map(i -> "infra/images/" + i + "/Dockerfile").toList()),
                built);
    }

    @Test
    void everyKeyItSetsIsAKeyTheServicesRead() throws IOException {
        JsonNode services = compose().get("services");
        List<String> unknown = new ArrayList<>();
        for (String name : SERVICES.keySet()) {
            environment(services.get(name)).keySet().forEach(variable -> {
                if (ConfigReference.keyOfEnvironmentVariable(variable) == null) {
                    unknown.add(name + ": " + variable);
                }
            });
            for (String key : configFileKeys(services.get(name))) {
                if (!ConfigReference.settable(key)) {
                    unknown.add(name + " (--config file): " + key);
                }
            }
        }
        assertEquals(List.of(), unknown, "set in compose.yaml but read by no service (docs/configuration.md)");
    }

    @Test
    void eachServiceGetsWhatItCannotStartWithout() throws IOException {
        JsonNode services = compose().get("services");
        for (String edge : List.of("edge-1", "edge-2")) {
            Set<String> keys = keys(services.get(edge));
            assertTrue(keys.containsAll(List.of("kafka.bootstrap-servers", "redis.uri", "edge.node-id",
                    "edge.sip.advertised-address", "edge.http.admin-api-key", "edge.token.hmac-secret",
                    "edge.connections")), edge + ": " + keys);
        }
        assertTrue(!environment(services.get("edge-1")).get("EDGE_NODE_DASH_ID")
                .equals(environment(services.get("edge-2")).get("EDGE_NODE_DASH_ID")), "two edges, two node ids");
        assertTrue(keys(services.get("device-locator")).containsAll(List.of("kafka.bootstrap-servers", "redis.uri")));
        assertTrue(keys(services.get("push-service")).containsAll(List.of("kafka.bootstrap-servers", "redis.uri",
                "push.attach-url", "push.attach-token-key")));
        for (String media : List.of("media-1", "media-2")) {
            assertTrue(keys(services.get(media)).containsAll(List.of("redis.uri", "media.advertised-address",
                    "media.device-port-range")), media);
        }
    }

    @Test
    void aPbxAndABrowserCanReachTheEdges() throws IOException {
        JsonNode services = compose().get("services");
        List<String> edge1 = ports(services.get("edge-1"));
        assertTrue(edge1.containsAll(List.of("5060:5060/udp", "5060:5060/tcp", "5066:5066/tcp")), edge1.toString());
        List<String> edge2 = ports(services.get("edge-2"));
        assertTrue(edge2.containsAll(List.of("5062:5062/udp", "5062:5062/tcp", "5067:5067/tcp")), edge2.toString());
        // an edge advertises the port it listens on: host and container ports must be the same
        for (String edge : List.of("edge-1", "edge-2")) {
            for (String mapping : ports(services.get(edge))) {
                String[] hostAndContainer = mapping.split("/")[0].split(":");
                if (!hostAndContainer[1].equals("9101")) {
                    assertEquals(hostAndContainer[0], hostAndContainer[1], edge + ": " + mapping);
                }
            }
        }
        Map<String, String> env2 = environment(services.get("edge-2"));
        assertEquals("5062", env2.get("EDGE_SIP_UDP_DASH_PORT"));
        assertEquals("5067", env2.get("EDGE_SIP_WS_DASH_PORT"));
        assertTrue(ports(services.get("media-1")).stream().anyMatch(p -> p.endsWith("/udp")), "media UDP range");
    }

    @Test
    void prometheusScrapesEveryRingedgeContainerOnItsObservePort() throws IOException {
        JsonNode prometheus = YAML.readTree(INFRA.resolve("prometheus/prometheus.yml").toFile());
        Map<String, String> targets = new HashMap<>();
        for (JsonNode job : prometheus.get("scrape_configs")) {
            assertEquals(ObserveServer.METRICS, job.get("metrics_path").asText(), job.get("job_name").asText());
            for (JsonNode config : job.get("static_configs")) {
                for (JsonNode target : config.get("targets")) {
                    String[] hostPort = target.asText().split(":");
                    targets.put(hostPort[0], hostPort[1]);
                }
            }
        }
        assertEquals(SERVICES.keySet(), targets.keySet());
        SERVICES.forEach((name, image) -> assertEquals(Integer.toString(ImagesTest.IMAGES.get(image).observePort()),
                targets.get(name), name));
        JsonNode mounted = compose().get("services").get("prometheus").get("volumes");
        assertTrue(mounted.toString().contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml"));
    }

    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new HashMap<>();
        JsonNode node = service.get("environment");
        assertNotNull(node, "no environment");
        assertTrue(node.isObject(), "environment as a map, so it can be read back");
        node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** Every key a service gets: its environment, its image's ENV, and its --config file. */
    private static Set<String> keys(JsonNode service) {
        Set<String> keys = new TreeSet<>();
        environment(service).keySet().forEach(v -> keys.add(ConfigReference.keyOfEnvironmentVariable(v)));
        configFileKeys(service).forEach(k -> keys.add(ConfigReference.listBase(k)));
        return keys;
    }

    /** Leaf keys of the file given with --config, found through the volume that mounts it. */
    private static List<String> configFileKeys(JsonNode service) {
        JsonNode command = service.get("command");
        if (command == null) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        command.forEach(w -> words.add(w.asText()));
        int at = words.indexOf("--config");
        assertTrue(at >= 0 && at + 1 < words.size(), "command: " + words);
        String inContainer = words.get(at + 1);
        for (JsonNode volume : service.get("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[1].equals(inContainer)) {
                try {
                    List<String> keys = new ArrayList<>();
                    flatten("", YAML.readTree(INFRA.resolve(parts[0]).toFile()), keys);
                    return keys;
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + parts[0], e);
                }
            }
        }
        throw new AssertionError("--config " + inContainer + " is not mounted");
    }

    private static void flatten(String prefix, JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "." + i, node.get(i), out);
            }
        } else {
            out.add(prefix);
        }
    }

    static List<String> ports(JsonNode service) {
        List<String> ports = new ArrayList<>();
        service.get("ports").forEach(p -> ports.add(p.asText()));
        return ports;
    }
}
