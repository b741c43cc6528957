package io.ringedge.edge.call;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallConfigTest {

    @Test
    void ringTimeoutFromConfigurationWithTheRfcAckTimeout() {
        assertEquals(new CallConfig(Duration.ofSeconds(20), Duration.ofSeconds(32)),
                CallConfig.withRingTimeout(Duration.ofSeconds(20)));
        assertEquals(Duration.ofSeconds(45), CallConfig.DEFAULTS.ringTimeout());
    }

    @Test
    void ringTimeoutOutOfRangeIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CallConfig.withRingTimeout(Duration.ZERO));
        assertEquals("ring timeout (edge.call.ring-timeout-seconds): must be between 1s and 600s, was 0s",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CallConfig.withRingTimeout(Duration.ofMinutes(11)));
    }

    @Test
    void ackTimeoutOutOfRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CallConfig(Duration.ofSeconds(45), Duration.ofMillis(50)));
        assertEquals("ACK timeout: must be between 100ms and 300s, was 50ms", e.getMessage());
    }
}
