package io.ringedge.media.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.ringedge.media.srtp.SrtpProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Our client against our server, connected in memory: each endpoint's output is the other's
 * input, optionally through a hostile network that reorders, duplicates and adds garbage.
 */
class DtlsInMemoryTest {
    private static final DtlsCertificate CERT_A = DtlsCertificate.generate();
    private static final DtlsCertificate CERT_B = DtlsCertificate.generate();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<DtlsEndpoint> endpoints = new ArrayList<>();

    @AfterEach
    void closeAll() {
        endpoints.forEach(DtlsEndpoint::close);
    }

    @Test
    void weAsClientHandshakeWithUsAsServer() throws Exception {
        assertKeysAgree(DtlsRole.CLIENT);
    }

    @Test
    void weAsServerHandshakeWithUsAsClient() throws Exception {
        assertKeysAgree(DtlsRole.SERVER);
    }

    @Test
    void closingAnEstablishedAssociationTellsThePeer() throws Exception {
        Link link = new Link(false);
        DtlsEndpoint client = endpoint(CERT_A, DtlsRole.CLIENT, CERT_B.fingerprint(), link.toB(), new DtlsCounters());
        DtlsEndpoint server = endpoint(CERT_B, DtlsRole.SERVER, CERT_A.fingerprint(), link.toA(), new DtlsCounters());
        link.connect(client, server);
        server.start();
        client.start();
        assertInstanceOf(DtlsOutcome.Established.class, client.outcome().get(15, TimeUnit.SECONDS));
        assertInstanceOf(DtlsOutcome.Established.class, server.outcome().get(15, TimeUnit.SECONDS));

        client.close();
        server.peerClosed().get(5, TimeUnit.SECONDS);
        assertFalse(client.peerClosed().isDone(), "our own close is not the peer's");
    }

    @Test
    void fingerprintMismatchFailsTheHandshakeAndIsCounted() throws Exception {
        DtlsCounters serverCounters = new DtlsCounters();
        Link link = new Link(false);
        DtlsEndpoint client = endpoint(CERT_A, DtlsRole.CLIENT, CERT_B.fingerprint(), link.toB(), new DtlsCounters());
        // the server was told to expect some other certificate than the one the client presents
        DtlsEndpoint server = endpoint(CERT_B, DtlsRole.SERVER, DtlsCertificate.generate().fingerprint(), link.toA(), serverCounters);
        link.connect(client, server);
        server.start();
        client.start();

        DtlsOutcome serverOutcome = server.outcome().get(15, TimeUnit.SECONDS);
        DtlsOutcome clientOutcome = client.outcome().get(15, TimeUnit.SECONDS);
        assertEquals(DtlsFailure.FINGERPRINT_MISMATCH, assertInstanceOf(DtlsOutcome.Failed.class, serverOutcome).cause());
        assertInstanceOf(DtlsOutcome.Failed.class, clientOutcome);
        assertEquals(1, serverCounters.fingerprintMismatches());
        assertEquals(1, serverCounters.failures());
        assertEquals(0, serverCounters.established());
    }

    @Test
    void clientRejectsAServerWhoseCertificateIsNotTheSignalledOne() throws Exception {
        DtlsCounters clientCounters = new DtlsCounters();
        Link link = new Link(false);
        DtlsEndpoint client = endpoint(CERT_A, DtlsRole.CLIENT, DtlsCertificate.generate().fingerprint(), link.toB(), clientCounters);
        DtlsEndpoint server = endpoint(CERT_B, DtlsRole.SERVER, CERT_A.fingerprint(), link.toA(), new DtlsCounters());
        link.connect(client, server);
        server.start();
        client.start();

        DtlsOutcome outcome = client.outcome().get(15, TimeUnit.SECONDS);
        assertEquals(DtlsFailure.FINGERPRINT_MISMATCH, assertInstanceOf(DtlsOutcome.Failed.class, outcome).cause());
        assertEquals(1, clientCounters.fingerprintMismatches());
    }

    @Test
    void garbageDuplicatesAndReorderedRecordsAreDroppedOrToleratedAndCounted() throws Exception {
        DtlsCounters clientCounters = new DtlsCounters();
        DtlsCounters serverCounters = new DtlsCounters();
        Link link = new Link(true);
        DtlsEndpoint client = endpoint(CERT_A, DtlsRole.CLIENT, CERT_B.fingerprint(), link.toB(), clientCounters);
        DtlsEndpoint server = endpoint(CERT_B, DtlsRole.SERVER, CERT_A.fingerprint(), link.toA(), serverCounters);
        link.connect(client, server);
        server.start();
        client.start();

        var c = assertInstanceOf(DtlsOutcome.Established.class, client.outcome().get(20, TimeUnit.SECONDS));
        var s = assertInstanceOf(DtlsOutcome.Established.class, server.outcome().get(20, TimeUnit.SECONDS));
        assertEquals(c.keys().local(), s.keys().remote());
        assertTrue(serverCounters.malformed() > 0 && clientCounters.malformed() > 0, "garbage was counted");
        assertTrue(serverCounters.reordered() + clientCounters.reordered() > 0, "reordering was counted");
    }

    @Test
    void closeBeforeThePeerAnswersEndsTheHandshakeWithClosed() throws Exception {
        DtlsEndpoint lonely = endpoint(CERT_A, DtlsRole.CLIENT, CERT_B.fingerprint(), (b, o, l) -> { }, new DtlsCounters());
        lonely.start();
        lonely.close();
        DtlsOutcome outcome = lonely.outcome().get(5, TimeUnit.SECONDS);
        assertEquals(DtlsFailure.CLOSED, assertInstanceOf(DtlsOutcome.Failed.class, outcome).cause());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (handshakeThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(handshakeThreadAlive(), "the handshake thread ends with the endpoint, long before its 10 s timeout");
    }

    private static boolean handshakeThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("dtls-"))
                || dumpVirtualThreadNames().contains("dtls-client");
    }

    /** Virtual threads are not in getAllStackTraces; the JVM's thread dump lists them. */
    private static String dumpVirtualThreadNames() {
        try {
            Path file = Files.createTempFile("threads", ".txt");
            Files.delete(file); // dumpThreads refuses to overwrite
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            String dump = Files.readString(file);
            Files.delete(file);
            return dump;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertKeysAgree(DtlsRole roleOfA) throws Exception {
        Link link = new Link(false);
        DtlsRole roleOfB = roleOfA == DtlsRole.CLIENT ? DtlsRole.SERVER : DtlsRole.CLIENT;
        DtlsEndpoint a = endpoint(CERT_A, roleOfA, CERT_B.fingerprint(), link.toB(), new DtlsCounters());
        DtlsEndpoint b = endpoint(CERT_B, roleOfB, CERT_A.fingerprint(), link.toA(), new DtlsCounters());
        link.connect(a, b);
        b.start();
        a.start();

        var ea = assertInstanceOf(DtlsOutcome.Established.class, a.outcome().get(15, TimeUnit.SECONDS));
        var eb = assertInstanceOf(DtlsOutcome.Established.class, b.outcome().get(15, TimeUnit.SECONDS));
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, ea.profile(), "CM-HMAC is preferred over GCM");
        assertEquals(ea.profile(), eb.profile());
        assertEquals(roleOfA, ea.role());
        assertEquals(ea.keys().local(), eb.keys().remote());
        assertEquals(ea.keys().remote(), eb.keys().local());
        assertNotEquals(ea.keys().local(), ea.keys().remote());
    }

    private DtlsEndpoint endpoint(DtlsCertificate cert, DtlsRole role, DtlsFingerprint remote, DtlsOutput output,
                                  DtlsCounters counters) {
        DtlsEndpoint endpoint = new DtlsEndpoint(cert, role, remote, output, TIMEOUT, counters);
        endpoints.add(endpoint);
        return endpoint;
    }

    /**
     * Two directions of an in-memory network. Hostile: before every datagram a garbage one, every
     * datagram is delivered twice, and each pair of datagrams in a direction swaps places.
     */
    private static final class Link {
        private final boolean hostile;
        private volatile DtlsEndpoint a;
        private volatile DtlsEndpoint b;
        private byte[] heldForB;
        private byte[] heldForA;

        Link(boolean hostile) {
            this.hostile = hostile;
        }

        void connect(DtlsEndpoint a, DtlsEndpoint b) {
            this.a = a;
            this.b = b;
        }

        DtlsOutput toB() {
            return (buf, off, len) -> deliver(true, Arrays.copyOfRange(buf, off, off + len));
        }

        DtlsOutput toA() {
            return (buf, off, len) -> deliver(false, Arrays.copyOfRange(buf, off, off + len));
        }

        private synchronized void deliver(boolean toB, byte[] datagram) {
            DtlsEndpoint target = toB ? b : a;
            if (!hostile) {
                target.receive(datagram, 0, datagram.length);
                return;
            }
            byte[] garbage = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 9, 0x7F, 0x7F, 1, 2};
            target.receive(garbage, 0, garbage.length);
            byte[] held = toB ? heldForB : heldForA;
            if (held == null) {
                // Hold it until the next one, unless nothing follows (end of a flight): BC retransmits then.
                if (toB) {
                    heldForB = datagram;
                } else {
                    heldForA = datagram;
                }
                target.receive(datagram, 0, datagram.length);
                return;
            }
            target.receive(datagram, 0, datagram.length);
            target.receive(held, 0, held.length);
            if (toB) {
                heldForB = null;
            } else {
                heldForA = null;
            }
        }
    }
}
