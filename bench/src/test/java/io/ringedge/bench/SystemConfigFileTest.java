package io.ringedge.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemConfigFileTest {

    private final SystemConfigFile file = new SystemConfigFile(new SystemConfigFile.EdgePorts(15060, 15066, 15070, 18088),
            "/tmp/k", 3, "key");

    @Test
    void everyUserGetsItsOwnExactDid() {
        String yaml = file.yaml();
        assertTrue(yaml.contains("        - did: \"+15551000000\"\n          user: load-000000\n"), yaml);
        assertTrue(yaml.contains("        - did: \"+15551000002\"\n          user: load-000002\n"), yaml);
        assertTrue(yaml.contains("udp-port: 15060\n    tcp-port: 15060\n    ws-port: 15066\n"), yaml);
        assertTrue(yaml.contains("admin-api-key: \"key\""), yaml);
    }

    @Test
    void sippDialsTheDidsInTurn() {
        assertEquals("SEQUENTIAL\n+15551000000;\n+15551000001;\n+15551000002;\n", file.injectionCsv());
    }
}
