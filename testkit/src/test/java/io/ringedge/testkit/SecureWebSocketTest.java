package io.ringedge.testkit;

import io.ringedge.testkit.sip.SipRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** TestDevice over WSS against a peer with a self-signed certificate. */
class SecureWebSocketTest {

    private static SelfSignedCertificate certificate;

    @BeforeAll
    static void makeCertificate(@TempDir Path dir) throws Exception {
        certificate = SelfSignedCertificate.create(dir);
    }

    @Test
    void registersOverWssWithTheEdgesCertificateTrusted() throws Exception {
        try (WsSipPeer peer = WsSipPeer.startTls(certificate);
             TestDevice device = TestDevice.connect(DeviceSettings.of(peer.uri(), "dave", "acme.test", "jwt")
                     .withSslContext(certificate.trustingContext()))) {
            assertEquals(200, device.register().status());
            SipRequest register = peer.awaitRequest("REGISTER", Duration.ofSeconds(5));
            assertEquals("WSS", register.topVia().transport(), "RFC 7118 section 5.2");
        }
    }

    @Test
    void refusesAnUntrustedCertificate() {
        try (WsSipPeer peer = WsSipPeer.startTls(certificate)) {
            assertThrows(IOException.class, () -> TestDevice.connect(
                    DeviceSettings.of(peer.uri(), "eve", "acme.test", "jwt").withTimeout(Duration.ofSeconds(3))));
        }
    }
}
