package io.ringedge.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/configuration.md and the config readers name the same keys, so checking the deployment
 * against the reference is checking it against the code.
 */
class ConfigReferenceTest {

    @Test
    void everyReaderIsWhereTheReferenceLooksForIt() {
        for (String reader : ConfigReference.READERS) {
            assertTrue(Files.isRegularFile(ConfigReference.repositoryRoot().resolve(reader)), reader);
        }
        assertTrue(Files.isRegularFile(ConfigReference.repositoryRoot().resolve(ConfigReference.EDGE_READER)));
    }

    @Test
    void theReadersFindTheKeysWeKnowAreRead() {
        Set<String> read = ConfigReference.readByCode();
        assertTrue(read.containsAll(Set.of("kafka.bootstrap-servers", "redis.uri", "edge.sip.udp-port",
                "edge.sip.ws-port", "edge.http.admin-api-key", "edge.token.hmac-secret", "edge.connections",
                "push.attach-url", "push.apns.key-secret", "observe.port", "embedded.kafka.port")), read.toString());
        assertTrue(read.stream().noneMatch(k -> k.equals("push.apns") || k.equals("push.fcm")),
                "sections are not keys: " + read);
    }

    @Test
    void everyKeyTheCodeReadsIsDocumented() {
        Set<String> undocumented = new TreeSet<>(ConfigReference.readByCode());
        undocumented.removeAll(ConfigReference.documented());
        undocumented.removeAll(ConfigReference.UNDOCUMENTED.keySet());
        assertEquals(Set.of(), undocumented, "read by the services but missing from docs/configuration.md");
    }

    @Test
    void everyDocumentedKeyIsRead() {
        Set<String> unread = new TreeSet<>(ConfigReference.documented());
        unread.removeAll(ConfigReference.readByCode());
        assertEquals(Set.of(), unread, "in docs/configuration.md but read by no config reader");
    }

    @Test
    void keysLeftOutOfTheReferenceAreNotDocumentedEither() {
        for (String key : ConfigReference.UNDOCUMENTED.keySet()) {
            assertTrue(!ConfigReference.documented().contains(key), key + " is documented: drop it from UNDOCUMENTED");
            assertTrue(!ConfigReference.settable(key), key);
        }
    }

    @Test
    void environmentVariablesMapToKeysByHelidonsRule() {
        assertEquals("edge.sip.udp-port", ConfigReference.keyOfEnvironmentVariable("EDGE_SIP_UDP_DASH_PORT"));
        assertEquals("redis.uri", ConfigReference.keyOfEnvironmentVariable("REDIS_URI"));
        assertEquals(null, ConfigReference.keyOfEnvironmentVariable("EDGE_WS_PORT"));
        assertEquals("edge.connections", ConfigReference.listBase("edge.connections.0.allowed-sources.1"));
    }
}
