package io.ringedge.media;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import io.ringedge.media.transcode.MediaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaConfigTest {

    static final Map<String, String> MINIMAL = Map.of("media.worker-id", "w1");

    static MediaConfig config(Map<String, String> base, String... keyValues) {
        Map<String, String> keys = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                keys.remove(keyValues[i]);
            } else {
                keys.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return MediaConfig.from(Config.just(ConfigSources.create(keys)));
    }

    @Test
    void defaults() throws Exception {
        MediaConfig c = config(MINIMAL);
        assertEquals("w1", c.workerId());
        assertEquals(InetAddress.getByName("127.0.0.1"), c.bindAddress());
        assertEquals(c.bindAddress(), c.advertisedAddress());
        assertEquals(new PortRange(10000, 19999), c.pbxPortRange());
        assertEquals(new PortRange(20000, 39999), c.devicePortRange());
        assertEquals(InetAddress.getByName("127.0.0.1"), c.controlBindAddress());
        assertEquals(8090, c.controlPort());
        assertEquals(500, c.capacity());
        assertEquals(Duration.ofSeconds(10), c.registryTtl());
        assertEquals(Duration.ofSeconds(30), c.iceConnectTimeout());
        assertEquals(Duration.ofSeconds(5), c.consentInterval());
        assertEquals(Duration.ofSeconds(30), c.consentTimeout());
        assertEquals(Duration.ofSeconds(10), c.dtlsHandshakeTimeout());
        assertEquals(Duration.ofSeconds(30), c.mediaTimeout());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.ioThreads(), "one media I/O thread per core");
        assertEquals(3, config(MINIMAL, "media.io-threads", "3").ioThreads());
        assertEquals(URI.create("redis://127.0.0.1:6379"), c.redisUri());
        assertEquals("ringedge", c.redisKeyPrefix());
        assertEquals(URI.create("http://127.0.0.1:8090"), c.controlUrl(8090));
    }

    @Test
    void transcodingChoicesAreRead() {
        MediaConfig c = config(MINIMAL, "media.opus.complexity", "5", "media.opus.bitrate", "32000",
                "media.opus.dtx", "false", "media.jitter.max-delay-ms", "400");
        assertEquals(5, c.media().opus().complexity());
        assertEquals(32_000, c.media().opus().bitrate());
        assertFalse(c.media().opus().dtx());
        assertTrue(c.media().opus().inbandFec(), "unset keys keep their defaults");
        assertEquals(400, c.media().jitterMaxDelayMs());
        assertEquals(MediaSettings.DEFAULT, config(MINIMAL).media());
    }

    @Test
    void bindAndAdvertisedAddressesMayDifferBehindNat() throws Exception {
        MediaConfig c = config(MINIMAL, "media.bind-address", "0.0.0.0", "media.advertised-address", "203.0.113.10",
                "media.device-port-range", "30000 - 30999");
        assertTrue(c.bindAddress().isAnyLocalAddress());
        assertEquals(InetAddress.getByName("203.0.113.10"), c.advertisedAddress());
        assertEquals(1000, c.devicePortRange().size());
    }

    @Test
    void controlUrlFollowsTheControlBindAddress() {
        assertEquals(URI.create("http://10.1.2.3:8090"),
                config(MINIMAL, "media.control.bind-address", "10.1.2.3").controlUrl(8090));
        assertEquals(URI.create("http://203.0.113.5:8090"), config(MINIMAL, "media.advertised-address", "203.0.113.5",
                "media.control.bind-address", "0.0.0.0").controlUrl(8090));
    }

    @Test
    void advertisedAddressDefaultsToASpecificBindAddress() throws Exception {
        MediaConfig c = config(MINIMAL, "media.bind-address", "10.0.0.7");
        assertEquals(InetAddress.getByName("10.0.0.7"), c.advertisedAddress());
    }

    @Test
    void ipv6AndExplicitControlUrl() {
        MediaConfig c = config(MINIMAL, "media.advertised-address", "2001:db8::5", "media.bind-address", "::",
                "media.control.bind-address", "::");
        assertEquals(URI.create("http://[2001:db8:0:0:0:0:0:5]:8090"), c.controlUrl(8090));
        MediaConfig explicit = config(MINIMAL, "media.control.url", "http://media-1.internal:8090");
        assertEquals(URI.create("http://media-1.internal:8090"), explicit.controlUrl(1234));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(new String[]{"media.worker-id", null}, "media.worker-id: required"),
                Arguments.of(new String[]{"media.worker-id", "has space"}, "media.worker-id: must be"),
                Arguments.of(new String[]{"media.bind-address", "0.0.0.0"}, "media.advertised-address: required when"),
                Arguments.of(new String[]{"media.advertised-address", "0.0.0.0"}, "media.advertised-address: must be a concrete IP"),
                Arguments.of(new String[]{"media.advertised-address", "media.example.com"}, "media.advertised-address: must be an IPv4"),
                Arguments.of(new String[]{"media.advertised-address", "300.1.1.1"}, "media.advertised-address: must be an IPv4"),
                Arguments.of(new String[]{"media.bind-address", "999.1.1.1"}, "media.bind-address: must be an IPv4"),
                Arguments.of(new String[]{"media.bind-address", "example.com"}, "media.bind-address: must be an IPv4"),
                Arguments.of(new String[]{"media.pbx-port-range", "10001-19999"}, "media.pbx-port-range: must start on an even port"),
                Arguments.of(new String[]{"media.pbx-port-range", "10000"}, "media.pbx-port-range: must be <first>-<last>"),
                Arguments.of(new String[]{"media.pbx-port-range", "abc-def"}, "media.pbx-port-range: must be <first>-<last>"),
                Arguments.of(new String[]{"media.pbx-port-range", "20000-10000"}, "media.pbx-port-range: first port"),
                Arguments.of(new String[]{"media.pbx-port-range", "80-1000"}, "media.pbx-port-range: ports must be 1024..65535"),
                Arguments.of(new String[]{"media.pbx-port-range", "10000-10000"}, "media.pbx-port-range: must hold at least one"),
                Arguments.of(new String[]{"media.device-port-range", "19000-29999"}, "media.device-port-range: must not overlap"),
                Arguments.of(new String[]{"media.device-port-range", "70000-70010"}, "media.device-port-range: ports must be"),
                Arguments.of(new String[]{"media.device-port-range", "40000-20000"}, "media.device-port-range: first port"),
                Arguments.of(new String[]{"media.control.bind-address", "localhost"}, "media.control.bind-address: must be an IPv4"),
                Arguments.of(new String[]{"media.control.port", "15000"}, "media.control.port: 15000 lies inside"),
                Arguments.of(new String[]{"media.control.port", "70000"}, "media.control.port: must be 0..65535"),
                Arguments.of(new String[]{"media.control.port", "x"}, "media.control.port: must be an integer"),
                Arguments.of(new String[]{"media.control.url", "ftp://x"}, "media.control.url: must be http"),
                Arguments.of(new String[]{"media.capacity", "0"}, "media.capacity: must be at least 1"),
                Arguments.of(new String[]{"media.capacity", "6000"}, "media.capacity: 6000 sessions need more RTP/RTCP pairs"),
                Arguments.of(new String[]{"media.capacity", "4000", "media.device-port-range", "20000-20999"},
                        "media.capacity: 4000 sessions need more ports than the 1000 in media.device-port-range"),
                Arguments.of(new String[]{"media.registry.ttl-seconds", "1"}, "media.registry.ttl-seconds: must be 2..3600"),
                Arguments.of(new String[]{"media.consent-timeout", "30s"}, "media.consent-timeout: must be an ISO-8601 duration"),
                Arguments.of(new String[]{"media.consent-timeout", "PT6S"}, "media.consent-timeout: must be at least twice"),
                Arguments.of(new String[]{"media.consent-interval", "PT0S"}, "media.consent-interval: must be between"),
                Arguments.of(new String[]{"media.ice-connect-timeout", "PT0.1S"}, "media.ice-connect-timeout: must be between"),
                Arguments.of(new String[]{"media.dtls-handshake-timeout", "PT10M"}, "media.dtls-handshake-timeout: must be between"),
                Arguments.of(new String[]{"media.media-timeout", "PT0.01S"}, "media.media-timeout: must be between"),
                Arguments.of(new String[]{"media.media-timeout", "soon"}, "media.media-timeout: must be an ISO-8601"),
                Arguments.of(new String[]{"media.io-threads", "0"}, "media.io-threads: must be 1..256"),
                Arguments.of(new String[]{"media.io-threads", "many"}, "media.io-threads: must be an integer"),
                Arguments.of(new String[]{"redis.uri", "http://x"}, "redis.uri: must be redis://"),
                Arguments.of(new String[]{"redis.key-prefix", "a:b"}, "redis.key-prefix: must be"),
                Arguments.of(new String[]{"media.opus.complexity", "11"}, "media.opus.complexity: must be 0..10"),
                Arguments.of(new String[]{"media.opus.complexity", "max"}, "media.opus.complexity: must be an integer"),
                Arguments.of(new String[]{"media.opus.bitrate", "1000"}, "media.opus.bitrate: must be 6000..510000"),
                Arguments.of(new String[]{"media.opus.expected-loss-percent", "101"}, "media.opus.expected-loss-percent: must be"),
                Arguments.of(new String[]{"media.jitter.min-delay-ms", "30"}, "media.jitter.min-delay-ms: must be a multiple of 20"),
                Arguments.of(new String[]{"media.jitter.max-delay-ms", "20", "media.jitter.min-delay-ms", "60"},
                        "media.jitter.max-delay-ms: must be a multiple of 20"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void invalidValuesNameTheirKey(String[] change, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> config(MINIMAL, change));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void passwordInRedisUriIsNotLogged() {
        MediaConfig c = config(MINIMAL, "redis.uri", "redis://user:secret@127.0.0.1:6379");
        assertFalse(c.toString().contains("secret"), c.toString());
    }
}
