package io.ringedge.edge;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.ringedge.edge.connection.Admission;
import io.ringedge.edge.connection.CallLimits;
import io.ringedge.edge.token.TokenKey;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeConfigTest {

    static Config yaml(String text) {
        return Config.just(ConfigSources.create(text, io.helidon.common.media.type.MediaTypes.create("application/x-yaml")));
    }

    static final String MINIMAL = """
            edge:
              http:
                admin-api-key: admin-secret
              token:
                hmac-secret: 0123456789abcdef0123456789abcdef
            """;

    @Test
    void defaults() {
        EdgeConfig c = EdgeConfig.from(yaml(MINIMAL));

        assertEquals("edge-1", c.nodeId());
        assertEquals(5060, c.sip().udpPort());
        assertEquals(5066, c.sip().wsPort());
        assertTrue(c.sip().tls().isEmpty(), "TLS and WSS only when a key store is configured");
        assertEquals(Duration.ofSeconds(45), c.ringTimeout());
        assertEquals(Duration.ofSeconds(300), c.token().maxLifetime());
        assertInstanceOf(TokenKey.Hmac.class, c.token().key());
        assertEquals(new EdgeConfig.Registrar(60, 3600, 600), c.registrar());
        assertTrue(c.connections().connections().isEmpty());
        assertTrue(c.attachKey().isEmpty(), "no attach-token-key: attach tokens are refused");
    }

    @Test
    void mediaWorkerTimeouts() {
        assertEquals(new EdgeConfig.Media(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofMillis(250)), EdgeConfig.from(yaml(MINIMAL)).media());
        EdgeConfig tuned = EdgeConfig.from(yaml(MINIMAL + """
                  media:
                    connect-timeout-ms: 200
                    request-timeout-ms: 800
                    worker-check-interval-ms: 1000
                    worker-list-max-age-ms: 0
                """));
        assertEquals(new EdgeConfig.Media(Duration.ofMillis(200), Duration.ofMillis(800), Duration.ofSeconds(1),
                Duration.ZERO), tuned.media());
        var bad = assertThrows(IllegalArgumentException.class, () -> EdgeConfig.from(yaml(MINIMAL + """
                  media:
                    connect-timeout-ms: 0
                    request-timeout-ms: soon
                    worker-check-interval-ms: 10
                    worker-list-max-age-ms: 10001
                """)));
        assertTrue(bad.getMessage().contains("edge.media.connect-timeout-ms: must be 10..60000, was 0"), bad.getMessage());
        assertTrue(bad.getMessage().contains("edge.media.request-timeout-ms: must be an integer, was 'soon'"),
                bad.getMessage());
        assertTrue(bad.getMessage().contains("edge.media.worker-check-interval-ms: must be 100..600000, was 10"),
                bad.getMessage());
        assertTrue(bad.getMessage().contains("edge.media.worker-list-max-age-ms: must be 0..10000, was 10001"),
                bad.getMessage());
    }

    @Test
    void attachTokenKeyIsBase64OfAtLeast32Bytes() {
        String good = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertEquals(32, EdgeConfig.from(yaml(MINIMAL + "  attach-token-key: " + good + "\n"))
                .attachKey().orElseThrow().bytes().length);
        var notBase64 = assertThrows(IllegalArgumentException.class,
                () -> EdgeConfig.from(yaml(MINIMAL + "  attach-token-key: '%%%'\n")));
        assertTrue(notBase64.getMessage().contains("edge.attach-token-key: must be base64"), notBase64.getMessage());
        var tooShort = assertThrows(IllegalArgumentException.class, () -> EdgeConfig.from(yaml(MINIMAL
                + "  attach-token-key: " + java.util.Base64.getEncoder().encodeToString(new byte[16]) + "\n")));
        assertTrue(tooShort.getMessage().contains("edge.attach-token-key: must be at least 32 bytes, was 16"),
                tooShort.getMessage());
    }

    @Test
    void connectionsAndPortZero() throws Exception {
        EdgeConfig c = EdgeConfig.from(yaml(MINIMAL + """
                  node-id: edge-b
                  sip:
                    udp-port: 0
                    ws-port: 0
                  connections:
                    - id: acme
                      tenant: t-acme
                      allowed-sources: [198.51.100.0/24, "2001:db8::/32"]
                      max-calls-per-second: 20
                      max-concurrent-calls: 150
                      routes:
                        - did: "+1555123*"
                          user: sales
                        - regex: "\\\\+4420\\\\d{8}"
                          user: london
                    - id: open
                      tenant: t-open
                      allowed-sources: [192.0.2.0/24]
                      routes:
                        - did: "+1*"
                          user: any
                """));

        assertEquals("edge-b", c.nodeId());
        assertEquals(0, c.sip().udpPort());
        Admission a = c.connections().admit(InetAddress.getByName("2001:db8::7"), "+442012345678");
        assertEquals("london", assertInstanceOf(Admission.Routed.class, a).userId());
        assertInstanceOf(Admission.Routed.class, c.connections().admit(InetAddress.getByName("198.51.100.1"), "+15551234"));
        assertEquals(new CallLimits(20, 150), c.connections().connections().get(0).limits());
        assertEquals(CallLimits.NONE, c.connections().connections().get(1).limits(), "no keys, no limits");
    }

    @Test
    void everyErrorNamesItsKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> EdgeConfig.from(yaml("""
                edge:
                  sip:
                    udp-port: 70000
                    ws-port: abc
                  token:
                    hmac-secret: too-short
                  registrar:
                    min-expires: 600
                    max-expires: 60
                  connections:
                    - id: acme
                      allowed-sources: [10.0.0.0/33]
                      max-calls-per-second: -1
                      max-concurrent-calls: lots
                      routes:
                        - did: "+1*5"
                          user: x
                        - user: y
                """)));

        String m = e.getMessage();
        for (String expected : new String[]{
                "edge.sip.udp-port: must be 0..65535, was 70000",
                "edge.sip.ws-port: must be an integer, was 'abc'",
                "edge.http.admin-api-key: required",
                "edge.token.hmac-secret: HS256 secret must be at least 32 bytes",
                "edge.registrar.min-expires: must not exceed registrar.max-expires",
                "edge.connections.0.tenant: required",
                "edge.connections.0.allowed-sources: prefix must be 0..32, was 33",
                "edge.connections.0.routes.0.did: '*' is only allowed at the end",
                "edge.connections.0.routes.1: set exactly one of 'did'",
                "edge.connections.0.max-calls-per-second: must be 0..100000, was -1",
                "edge.connections.0.max-concurrent-calls: must be an integer, was 'lots'"}) {
            assertTrue(m.contains(expected), () -> "missing <" + expected + "> in\n" + m);
        }
    }

    @Test
    void es256KeysFromPem() throws Exception {
        var g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        var kp = g.generateKeyPair();
        String pub = io.ringedge.edge.token.PemKeys.pem("PUBLIC KEY", kp.getPublic().getEncoded());
        String priv = io.ringedge.edge.token.PemKeys.pem("PRIVATE KEY", kp.getPrivate().getEncoded());
        String yaml = "edge:\n  http:\n    admin-api-key: k\n  token:\n    ec-public-key: |\n"
                + pub.indent(6) + "    ec-private-key: |\n" + priv.indent(6);

        TokenKey key = EdgeConfig.from(yaml(yaml)).token().key();
        var ec = assertInstanceOf(TokenKey.EcP256.class, key);
        assertEquals(kp.getPublic(), ec.publicKey());
        assertTrue(ec.canSign());

        var e = assertThrows(IllegalArgumentException.class, () -> EdgeConfig.from(yaml(
                "edge:\n  http:\n    admin-api-key: k\n  token:\n    ec-public-key: not-a-key\n")));
        assertTrue(e.getMessage().contains("edge.token.ec-public-key: not a PEM EC public key"), e.getMessage());
    }

    @Test
    void exactlyOneTokenKey() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> EdgeConfig.from(yaml("edge:\n  http:\n    admin-api-key: k\n")));
        assertTrue(e.getMessage().contains("edge.token.hmac-secret / edge.token.ec-public-key: set exactly one"));
    }
}
