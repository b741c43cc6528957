package io.ringedge.edge.call;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallConfigTest {

    @Test
    void absentKeysTakeTheirDefaults() {
        assertEquals(new CallConfig(Duration.ofSeconds(45), Duration.ofSeconds(32)),
                CallConfig.from(config(Map.of())));
    }

    @Test
    void readsBothKeys() {
        assertEquals(new CallConfig(Duration.ofSeconds(20), Duration.ofMillis(1500)),
                CallConfig.from(config(Map.of("edge.call.ring-timeout", "20s", "edge.call.ack-timeout", "1500ms"))));
    }

    @ParameterizedTest
    @CsvSource({"45s, 45000", "500ms, 500", "2m, 120000", "PT30S, 30000", "' 10s ', 10000"})
    void durationForms(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), CallConfig.parse("k", text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            edge.call.ring-timeout | soon  | edge.call.ring-timeout: must be a duration like 45s, 500ms, 2m or PT45S, was 'soon'
            edge.call.ring-timeout | 0s    | edge.call.ring-timeout: must be between 1s and 600s, was 0s
            edge.call.ring-timeout | 11m   | edge.call.ring-timeout: must be between 1s and 600s, was 660s
            edge.call.ack-timeout  | 50ms  | edge.call.ack-timeout: must be between 100ms and 300s, was 50ms
            edge.call.ack-timeout  | 12    | edge.call.ack-timeout: must be a duration like 45s, 500ms, 2m or PT45S, was '12'
            """)
    void badValuesNameTheKey(String key, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CallConfig.from(config(Map.of(key, value))));
        assertEquals(message, e.getMessage());
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }
}
