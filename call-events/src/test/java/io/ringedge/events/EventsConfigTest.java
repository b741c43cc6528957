package io.ringedge.events;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventsConfigTest {

    @Test
    void absentKeysTakeTheirDefaults() {
        EventsConfig config = EventsConfig.from(Config.empty());
        assertEquals(new EventsConfig("127.0.0.1:9092", "ringedge", URI.create("/ringedge/ringedge"), 100_000, 1_000,
                Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofMillis(1)), config);
    }

    @Test
    void readsEveryKey() {
        EventsConfig config = EventsConfig.from(config(Map.of(
                "kafka.bootstrap-servers", "k1:9092, k2:9093",
                "kafka.client-id", "edge-1",
                "kafka.event-source", "/edge/edge-1",
                "kafka.outbox-capacity", "10",
                "kafka.max-unacknowledged", "3",
                "kafka.close-timeout-ms", "250",
                "kafka.fetch-max-wait-ms", "0",
                "kafka.linger-ms", "0")));
        assertEquals(new EventsConfig("k1:9092, k2:9093", "edge-1", URI.create("/edge/edge-1"), 10, 3,
                Duration.ofMillis(250), Duration.ZERO, Duration.ZERO), config);
        assertEquals(URI.create("/ringedge/locator"),
                EventsConfig.from(config(Map.of("kafka.client-id", "locator"))).eventSource());
    }

    @Test
    void eachBadValueIsRefusedNamingItsKey() {
        assertRefused("kafka.bootstrap-servers", "", "kafka.bootstrap-servers: must list at least one host:port, was ''");
        assertRefused("kafka.bootstrap-servers", "k1", "kafka.bootstrap-servers: each entry must be host:port, was 'k1'");
        assertRefused("kafka.bootstrap-servers", "k1:70000",
                "kafka.bootstrap-servers: port of 'k1:70000' must be 1..65535, was 'k1:70000'");
        assertRefused("kafka.client-id", "a b", "kafka.client-id: must be letters, digits, '.', '_' or '-', was 'a b'");
        assertRefused("kafka.event-source", "a b", "kafka.event-source: must be a URI-reference (Illegal character in path), was 'a b'");
        assertRefused("kafka.outbox-capacity", "0", "kafka.outbox-capacity: must be at least 1, was '0'");
        assertRefused("kafka.outbox-capacity", "many", "kafka.outbox-capacity: must be an integer, was 'many'");
        assertRefused("kafka.max-unacknowledged", "-1", "kafka.max-unacknowledged: must be at least 1, was '-1'");
        assertRefused("kafka.close-timeout-ms", "-5", "kafka.close-timeout-ms: must be 0 or more, was '-5'");
        assertRefused("kafka.fetch-max-wait-ms", "5ms", "kafka.fetch-max-wait-ms: must be an integer, was '5ms'");
        assertRefused("kafka.linger-ms", "-1", "kafka.linger-ms: must be 0 or more, was '-1'");
        assertRefused("kafka.linger-ms", "101", "kafka.linger-ms: must be 0..100, was '101'");
    }

    private static void assertRefused(String key, String value, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> EventsConfig.from(config(Map.of(key, value))));
        assertEquals(message, e.getMessage());
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }
}
