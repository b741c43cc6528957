package io.ringedge.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemConfigFileTest {

    private final SystemConfigFile file = new SystemConfigFile(new SystemConfigFile.EdgePorts(15060, 15066, 15070, 18088),
            "/tmp/k", 3, "key", Optional.empty());

    @Test
    void everyUserGetsItsOwnExactDid() {
        String yaml = file.yaml();
        assertTrue(yaml.contains("        - did: \"+15551000000\"\n          user: load-000000\n"), yaml);
        assertTrue(yaml.contains("        - did: \"+15551000002\"\n          user: load-000002\n"), yaml);
        assertTrue(yaml.contains("udp-port: 15060\n    tcp-port: 15060\n    ws-port: 15066\n"), yaml);
        assertTrue(yaml.contains("admin-api-key: \"key\""), yaml);
    }

    @Test
    void noPushProvidersUnlessGiven() {
        assertTrue(file.yaml().contains("  attach-url: \"ws://127.0.0.1:15066\"\nedge:\n"), file.yaml());
        assertTrue(!file.yaml().contains("fcm:") && !file.yaml().contains("token:"), file.yaml());
    }

    @Test
    void theWakeBenchmarkPointsThePushServiceAtItsStandIns() {
        SystemConfigFile wake = new SystemConfigFile(file.ports(), "/tmp/k", 1, "key", Optional.of(
                new SystemConfigFile.MockProviders("http://127.0.0.1:9001", "ringedge-test", "127.0.0.1:9002",
                        "TEAM123456", "KEY1234567", Path.of("/run/apns.p8"), Path.of("/run/apns-ca.pem"))));
        String yaml = wake.yaml();
        assertTrue(yaml.contains("""
                push:
                  attach-url: "ws://127.0.0.1:15066"
                  fcm:
                    project-id: ringedge-test
                    endpoint: "http://127.0.0.1:9001"
                  apns:
                    environment: "127.0.0.1:9002"
                    team-id: TEAM123456
                    key-id: KEY1234567
                    key-file: "/run/apns.p8"
                    trusted-certificate-file: "/run/apns-ca.pem"
                edge:
                """), yaml);
        assertTrue(yaml.contains("    max-expires: 3600\n  token:\n    max-lifetime-seconds: 3600\n  # the"), yaml);
    }

    @Test
    void sippDialsTheDidsInTurn() {
        assertEquals("SEQUENTIAL\n+15551000000;\n+15551000001;\n+15551000002;\n", file.injectionCsv());
    }
}
