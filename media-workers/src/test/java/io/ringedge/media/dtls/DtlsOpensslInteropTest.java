package io.ringedge.media.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ringedge.media.srtp.SrtpKeyingMaterial;
import io.ringedge.media.srtp.SrtpProfile;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our DTLS-SRTP against an independent stack, OpenSSL's command-line client and server on
 * loopback: the handshake completes with {@code SRTP_AES128_CM_SHA1_80}, each side checks the
 * other's certificate, and the 60 octets of RFC 5764 keying material OpenSSL prints are the ones
 * we exported, octet for octet.
 */
class DtlsOpensslInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final DtlsCertificate OURS = DtlsCertificate.generate();

    @TempDir
    static Path dir;
    private static Path certPem;
    private static Path keyPem;
    private static DtlsFingerprint theirs;

    @BeforeAll
    static void opensslIdentity() throws Exception {
        assumeTrue(OpensslProcess.available(), "openssl is not installed");
        certPem = dir.resolve("cert.pem");
        keyPem = dir.resolve("key.pem");
        Process req = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", keyPem.toString(), "-out", certPem.toString(),
                "-days", "2", "-subj", "/CN=openssl-peer").redirectErrorStream(true).start();
        assertEquals(true, req.waitFor(30, TimeUnit.SECONDS) && req.exitValue() == 0, "openssl req");
        String pem = Files.readString(certPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        theirs = DtlsFingerprint.ofCertificate(Base64.getDecoder().decode(pem));
    }

    @Test
    void opensslClientAgainstOurServer() throws Exception {
        try (UdpDtlsPeer server = new UdpDtlsPeer(OURS, DtlsRole.SERVER, theirs, null);
             OpensslProcess client = new OpensslProcess(List.of("openssl", "s_client", "-dtls1_2",
                     "-connect", "127.0.0.1:" + server.port(), "-cert", certPem.toString(), "-key", keyPem.toString(),
                     "-use_srtp", "SRTP_AES128_CM_SHA1_80", "-keymatexport", "EXTRACTOR-dtls_srtp",
                     "-keymatexportlen", "60", "-ign_eof"), false)) {
            server.endpoint().start();
            byte[] opensslKeys = HexFormat.of().parseHex(client.awaitLine("Keying material:", WAIT));
            var established = assertInstanceOf(DtlsOutcome.Established.class,
                    server.endpoint().outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, established.profile());
            assertEquals(SrtpKeyingMaterial.fromDtlsExport(established.profile(), opensslKeys, false), established.keys());
        }
    }

    @Test
    void ourClientAgainstOpensslServer() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = probe.getLocalPort();
        }
        try (OpensslProcess server = new OpensslProcess(List.of("openssl", "s_server", "-dtls1_2",
                "-accept", "127.0.0.1:" + port, "-cert", certPem.toString(), "-key", keyPem.toString(), "-verify", "1",
                "-use_srtp", "SRTP_AES128_CM_SHA1_80", "-keymatexport", "EXTRACTOR-dtls_srtp",
                "-keymatexportlen", "60"), true)) {
            server.awaitLine("ACCEPT", WAIT);
            try (UdpDtlsPeer client = new UdpDtlsPeer(OURS, DtlsRole.CLIENT, theirs,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                client.endpoint().start();
                var established = assertInstanceOf(DtlsOutcome.Established.class,
                        client.endpoint().outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS));
                byte[] opensslKeys = HexFormat.of().parseHex(server.awaitLine("Keying material:", WAIT));
                assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, established.profile());
                assertEquals(SrtpKeyingMaterial.fromDtlsExport(established.profile(), opensslKeys, true), established.keys());
            }
        }
    }

    @Test
    void opensslClientWithAnotherCertificateIsRejected() throws Exception {
        DtlsCounters counters;
        try (UdpDtlsPeer server = new UdpDtlsPeer(OURS, DtlsRole.SERVER, DtlsCertificate.generate().fingerprint(), null);
             OpensslProcess ignored = new OpensslProcess(List.of("openssl", "s_client", "-dtls1_2",
                     "-connect", "127.0.0.1:" + server.port(), "-cert", certPem.toString(), "-key", keyPem.toString(),
                     "-use_srtp", "SRTP_AES128_CM_SHA1_80", "-ign_eof"), false)) {
            server.endpoint().start();
            DtlsOutcome outcome = server.endpoint().outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(DtlsFailure.FINGERPRINT_MISMATCH, assertInstanceOf(DtlsOutcome.Failed.class, outcome).cause());
        }
    }

    @Test
    void opensslClientOfferingOnlyGcmGetsGcmAndTheSameKeys() throws Exception {
        try (UdpDtlsPeer server = new UdpDtlsPeer(OURS, DtlsRole.SERVER, theirs, null);
             OpensslProcess client = new OpensslProcess(List.of("openssl", "s_client", "-dtls1_2",
                     "-connect", "127.0.0.1:" + server.port(), "-cert", certPem.toString(), "-key", keyPem.toString(),
                     "-use_srtp", "SRTP_AEAD_AES_128_GCM", "-keymatexport", "EXTRACTOR-dtls_srtp",
                     "-keymatexportlen", "56", "-ign_eof"), false)) {
            server.endpoint().start();
            byte[] opensslKeys = HexFormat.of().parseHex(client.awaitLine("Keying material:", WAIT));
            var established = assertInstanceOf(DtlsOutcome.Established.class,
                    server.endpoint().outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(SrtpProfile.AEAD_AES_128_GCM, established.profile());
            assertEquals(SrtpKeyingMaterial.fromDtlsExport(established.profile(), opensslKeys, false), established.keys());
        }
    }

    @Test
    void opensslClientWithNoProfileWeSpeakIsRefused() throws Exception {
        try (UdpDtlsPeer server = new UdpDtlsPeer(OURS, DtlsRole.SERVER, theirs, null);
             OpensslProcess ignored = new OpensslProcess(List.of("openssl", "s_client", "-dtls1_2",
                     "-connect", "127.0.0.1:" + server.port(), "-cert", certPem.toString(), "-key", keyPem.toString(),
                     "-use_srtp", "SRTP_AES128_CM_SHA1_32", "-ign_eof"), false)) {
            server.endpoint().start();
            DtlsOutcome outcome = server.endpoint().outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(DtlsFailure.NO_COMMON_SRTP_PROFILE, assertInstanceOf(DtlsOutcome.Failed.class, outcome).cause());
        }
    }
}
