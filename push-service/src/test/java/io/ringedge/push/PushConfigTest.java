package io.ringedge.push;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PushConfigTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dir;

    private static PushConfig read(Map<String, String> keys) {
        Map<String, String> all = new HashMap<>(Map.of("push.attach-url", "wss://edge.example.com/ws",
                "push.attach-token-key", KEY));
        all.putAll(keys);
        all.values().removeIf(String::isEmpty);
        return PushConfig.from(Config.just(ConfigSources.create(all)));
    }

    private static String error(Map<String, String> keys) {
        return assertThrows(ConfigException.class, () -> read(keys)).getMessage();
    }

    @Test
    void defaultsAndNoProvidersConfigured() {
        PushConfig config = read(Map.of());

        assertEquals(URI.create("wss://edge.example.com/ws"), config.attachUrl());
        assertEquals(Duration.ofSeconds(30), config.ringTimeout());
        assertEquals(Duration.ofSeconds(5), config.sendTimeout());
        assertEquals(Duration.ofMillis(200), config.retryBackoff());
        assertEquals(Duration.ofSeconds(2), config.retryBackoffMax());
        assertEquals(Duration.ofHours(1), config.stateTtl());
        assertEquals(Optional.empty(), config.apns());
        assertEquals(Optional.empty(), config.fcm());
    }

    @Test
    void apnsTokenAuthFromAKeyFileAndAnExplicitServer() throws IOException {
        Path p8 = Files.writeString(dir.resolve("AuthKey.p8"), "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n");
        PushConfig config = read(Map.of("push.apns.team-id", "TEAM", "push.apns.key-id", "KEY",
                "push.apns.key-file", p8.toString(), "push.apns.environment", "127.0.0.1:8443"));

        PushConfig.Apns apns = config.apns().orElseThrow();
        assertEquals("127.0.0.1", apns.host());
        assertEquals(8443, apns.port());
        PushConfig.ApnsAuth.Token token = assertInstanceOf(PushConfig.ApnsAuth.Token.class, apns.auth());
        assertTrue(token.keyPem().contains("abc"));
        assertFalse(config.toString().contains("abc"), "the key stays out of logs");
        assertEquals("api.sandbox.push.apple.com", read(Map.of("push.apns.team-id", "T", "push.apns.key-id", "K",
                "push.apns.key-secret", "pem", "push.apns.environment", "sandbox")).apns().orElseThrow().host());
    }

    @Test
    void fcmWithAnEndpointNeedsNoCredentials() {
        PushConfig.Fcm fcm = read(Map.of("push.fcm.project-id", "my-project",
                "push.fcm.endpoint", "http://127.0.0.1:9999")).fcm().orElseThrow();

        assertEquals(Optional.of(URI.create("http://127.0.0.1:9999")), fcm.endpoint());
        assertEquals(Optional.empty(), fcm.credentialsJson());
    }

    @Test
    void aMisspeltKeyIsRefused() {
        assertEquals("push.apns.teamid: unknown key", error(Map.of("push.apns.teamid", "T")));
    }

    @Test
    void errorsNameTheirKey() {
        assertEquals("push.attach-url: required", error(Map.of("push.attach-url", "")));
        assertTrue(error(Map.of("push.attach-url", "https://x")).startsWith("push.attach-url: must be a wss://"));
        assertEquals("push.attach-token-key: required", error(Map.of("push.attach-token-key", "")));
        assertEquals("push.attach-token-key: must be base64", error(Map.of("push.attach-token-key", "%%%")));
        assertTrue(error(Map.of("push.attach-token-key", "c2hvcnQ=")).startsWith("push.attach-token-key: must be base64 of at least 32"));
        assertTrue(error(Map.of("push.ring-timeout", "30")).startsWith("push.ring-timeout: must be an ISO-8601"));
        assertTrue(error(Map.of("push.send-timeout", "PT0S")).startsWith("push.send-timeout: must be between"));
        assertTrue(error(Map.of("push.state-ttl", "PT1S")).startsWith("push.state-ttl: must be between"));
        assertTrue(error(Map.of("push.apns.environment", "staging")).startsWith("push.apns.environment: must be"));
        assertEquals("push.apns.team-id: required", error(Map.of("push.apns.key-id", "K", "push.apns.key-secret", "x")));
        assertTrue(error(Map.of("push.apns.team-id", "T", "push.apns.key-id", "K")).startsWith("push.apns.key-file: give exactly one"));
        assertTrue(error(Map.of("push.apns.team-id", "T", "push.apns.key-id", "K",
                "push.apns.key-file", dir.resolve("missing.p8").toString())).startsWith("push.apns.key-file: cannot read"));
        assertTrue(error(Map.of("push.apns.certificate-file", dir.resolve("missing.p12").toString()))
                .startsWith("push.apns.certificate-file: cannot read"));
        assertTrue(error(Map.of("push.fcm.project-id", "p")).startsWith("push.fcm.credentials-file: required"));
        assertTrue(error(Map.of("push.fcm.project-id", "Bad Id", "push.fcm.endpoint", "http://127.0.0.1:1"))
                .startsWith("push.fcm.project-id: must be"));
        assertTrue(error(Map.of("push.fcm.project-id", "p", "push.fcm.endpoint", "ftp://x"))
                .startsWith("push.fcm.endpoint: must be an http(s)"));
    }
}
