package io.ringedge.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MediaConfigTest {

    @Test
    void defaults() throws Exception {
        MediaConfig config = MediaConfig.from(Config.just(ConfigSources.create(Map.of())));
        assertEquals(InetAddress.getByName("127.0.0.1"), config.bindAddress());
        assertEquals(config.bindAddress(), config.advertisedAddress());
        assertEquals(new PortRange(20000, 39999), config.devicePortRange());
        assertEquals(Duration.ofSeconds(30), config.consentTimeout());
        assertEquals(Duration.ofSeconds(5), config.consentInterval());
        assertEquals(Duration.ofSeconds(30), config.iceConnectTimeout());
        assertEquals(Duration.ofSeconds(10), config.dtlsHandshakeTimeout());
    }

    @Test
    void bindAndAdvertisedAddressesMayDifferBehindNat() throws Exception {
        MediaConfig config = read(Map.of(MediaConfig.BIND_ADDRESS, "0.0.0.0", MediaConfig.ADVERTISED_ADDRESS, "203.0.113.10",
                MediaConfig.DEVICE_PORT_RANGE, "30000 - 30999"));
        assertTrue(config.bindAddress().isAnyLocalAddress());
        assertEquals(InetAddress.getByName("203.0.113.10"), config.advertisedAddress());
        assertEquals(1000, config.devicePortRange().size());
    }

    /** Each bad value is refused with an error that starts with its key. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "media.bind-address       | example.com   | media.bind-address: must be an IPv4 or IPv6 literal",
        "media.bind-address       | 0.0.0.0       | media.advertised-address: must be a concrete IP",
        "media.advertised-address | 300.1.1.1     | media.advertised-address: must be an IPv4 or IPv6 literal",
        "media.device-port-range  | 20000         | media.device-port-range: must be first-last",
        "media.device-port-range  | 40000-20000   | media.device-port-range: must be first-last",
        "media.device-port-range  | 80-90         | media.device-port-range: must be first-last",
        "media.consent-timeout    | 30s           | media.consent-timeout: must be an ISO-8601 duration",
        "media.consent-timeout    | PT6S          | media.consent-timeout: must be at least twice",
        "media.consent-interval   | PT0S          | media.consent-interval: must be between",
        "media.ice-connect-timeout| PT0.1S        | media.ice-connect-timeout: must be between",
        "media.dtls-handshake-timeout | PT10M     | media.dtls-handshake-timeout: must be between",
    })
    void badValuesNameTheirKey(String key, String value, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of(key.strip(), value.strip())));
        assertTrue(e.getMessage().startsWith(message.strip()), e.getMessage());
    }

    private static MediaConfig read(Map<String, String> values) {
        return MediaConfig.from(Config.just(ConfigSources.create(values)));
    }
}
