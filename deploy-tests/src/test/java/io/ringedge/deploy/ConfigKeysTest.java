package io.ringedge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration the Terraform hands to instances and tasks uses only keys the services read
 * (the reference, {@link ConfigReference}), and every key a service cannot start without. The
 * user data and task definitions turn each key into the environment variable Helidon maps back
 * to it ({@link EnvironmentNamesTest}).
 */
class ConfigKeysTest {

    private static final String KEY = "(?:edge|media|kafka|redis|push|locator|observe)\\.[a-z0-9.-]+";
    private static final Pattern WHOLE_KEY = Pattern.compile("^" + KEY + "$");
    private static final Pattern KEY_IN_EXPRESSION = Pattern.compile("\"(" + KEY + ")\"\\s*=");

    /** Every service configuration key a module's locals pass. */
    static Set<String> keysPassedBy(TerraformModule module) {
        Set<String> passed = new TreeSet<>();
        for (JsonNode local : module.locals().values()) {
            passed.addAll(keysIn(local));
        }
        return passed;
    }

    static Set<String> keysIn(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        for (String s : Expressions.strings(node)) {
            if (WHOLE_KEY.matcher(s).matches()) {
                keys.add(s);
            }
            Matcher m = KEY_IN_EXPRESSION.matcher(s);
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    static Set<String> keysPassedByTheTerraform() {
        Set<String> passed = new TreeSet<>();
        ParsedTrees.repository().modules().values().forEach(m -> passed.addAll(keysPassedBy(m)));
        return passed;
    }

    @Test
    void theTerraformPassesOnlyKeysTheServicesRead() {
        Set<String> passed = keysPassedByTheTerraform();
        assertFalse(passed.isEmpty(), "no configuration keys found in the Terraform's locals");
        Set<String> unknown = new TreeSet<>(passed);
        unknown.removeIf(ConfigReference::settable);
        assertEquals(Set.of(), unknown, "keys the Terraform passes that no service reads (docs/configuration.md)");
    }

    @Test
    void eachEdgeGetsWhatItCannotStartWithout() {
        Set<String> edge = keysPassedBy(ParsedTrees.repository().module("modules/sbc-edge"));
        assertTrue(edge.containsAll(List.of("kafka.bootstrap-servers", "redis.uri", "edge.node-id",
                "edge.sip.advertised-address", "edge.http.admin-api-key", "observe.port",
                "edge.attach-token-key")), edge.toString());
        assertTrue(edge.contains("edge.token.hmac-secret") || edge.contains("edge.token.ec-public-key"),
                "the edge needs a device token key: " + edge);
    }

    @Test
    void eachFunctionGetsWhatItCannotStartWithout() {
        JsonNode functions = ParsedTrees.repository().module("modules/functions").locals().get("functions");
        Set<String> locator = keysIn(functions.get("device-locator"));
        Set<String> push = keysIn(functions.get("push-service"));
        assertTrue(locator.containsAll(List.of("kafka.bootstrap-servers", "redis.uri")), locator.toString());
        assertTrue(push.containsAll(List.of("kafka.bootstrap-servers", "redis.uri", "push.attach-url",
                "push.attach-token-key")), push.toString());
        // APNs token auth needs team and key id with the key; FCM its project with the credentials
        if (push.contains("push.apns.key-secret")) {
            assertTrue(push.containsAll(List.of("push.apns.team-id", "push.apns.key-id")), push.toString());
        }
        if (push.contains("push.fcm.credentials-secret")) {
            assertTrue(push.contains("push.fcm.project-id"), push.toString());
        }
    }

    @Test
    void mediaWorkersGetTheirAddressAndRedis() {
        Set<String> media = keysPassedBy(ParsedTrees.repository().module("modules/media-workers"));
        // worker-id is required; the control API must bind an address the edges reach, not 127.0.0.1
        assertTrue(media.containsAll(List.of("redis.uri", "media.bind-address", "media.advertised-address",
                "media.device-port-range", "media.pbx-port-range", "media.worker-id", "media.control.bind-address",
                "media.control.port", "observe.port")), media.toString());
    }

    @Test
    void aClusterModeRedisIsUsedThroughClusterClients() {
        TerraformTree tree = ParsedTrees.repository();
        String mode = tree.module("modules/redis").resources("aws_elasticache_replication_group").get(0).body()
                .path("cluster_mode").asText();
        assertEquals("enabled", mode, "the redis module runs ElastiCache in cluster mode");
        // without redis.cluster the services' plain client would get MOVED for every key on another shard
        assertTrue(keysPassedBy(tree.module("modules/sbc-edge")).contains("redis.cluster"));
        JsonNode functions = tree.module("modules/functions").locals().get("functions");
        assertTrue(keysIn(functions.get("device-locator")).contains("redis.cluster"));
        assertTrue(keysIn(functions.get("push-service")).contains("redis.cluster"));
        var example = tree.module("examples/single-region").moduleCalls();
        for (String module : List.of("sbc_edge", "functions")) {
            assertEquals("${module.redis.cluster_mode}", example.get(module).path("redis_cluster").asText(), module);
        }
    }

    @Test
    void theEdgesAndThePushServiceGetTheSameAttachTokenKeySecret() {
        TerraformModule edge = ParsedTrees.repository().module("modules/sbc-edge");
        TerraformModule functions = ParsedTrees.repository().module("modules/functions");
        String edgeSecret = edge.locals().get("edge_secrets").path("edge.attach-token-key").asText();
        assertTrue(edgeSecret.startsWith("${var.") && edgeSecret.endsWith("_secret_arn}"),
                "edge.attach-token-key comes from a Secrets Manager ARN variable, never a value: " + edgeSecret);
        String edgeVariable = edgeSecret.substring(6, edgeSecret.length() - 1);
        assertTrue(keysIn(functions.locals().get("functions").get("push-service")).contains("push.attach-token-key"));
        var example = ParsedTrees.repository().module("examples/single-region").moduleCalls();
        String toEdges = example.get("sbc_edge").path(edgeVariable).asText();
        String toPush = example.get("functions").path("attach_token_key_secret_arn").asText();
        assertFalse(toEdges.isEmpty(), "the example passes " + edgeVariable + " to sbc_edge");
        assertEquals(toPush, toEdges, "the edges must check attach tokens with the key the push service signs them with");
    }
}
