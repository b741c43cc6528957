package io.ringedge.edge.sip;

import io.ringedge.edge.EdgeConfig;
import io.ringedge.edge.InMemoryDeviceDirectory;
import io.ringedge.edge.RecordingEventPublisher;
import io.ringedge.edge.Edge;
import io.ringedge.edge.EdgeFixture;
import io.ringedge.edge.token.TokenIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a key store configured the edge also listens on TLS (PBXs) and WSS (devices). */
class TlsListenersTest {

    @TempDir
    static Path dir;
    private Edge edge;
    private SSLContext trust;
    private TokenIssuer issuer;

    @BeforeEach
    void start() throws Exception {
        Path keyStore = dir.resolve("edge.p12");
        if (!keyStore.toFile().exists()) {
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "edge", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                    "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                    "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
            assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        }
        String yaml = EdgeFixture.YAML.formatted("edge-tls", EdgeFixture.ATTACH_KEY).replace("    thread-pool-size: 4\n", """
                    thread-pool-size: 4
                    tls-port: 0
                    wss-port: 0
                    tls:
                      key-store: %s
                      key-store-password: changeit
                """.formatted(keyStore));
        EdgeConfig config = EdgeFixture.config(yaml);
        this.yaml = yaml;
        edge = startEdge(yaml, new java.util.concurrent.LinkedBlockingQueue<>());
        issuer = new TokenIssuer(config.token().key(), Clock.systemUTC());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(keyStore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        trust = SSLContext.getInstance("TLS");
        trust.init(null, tmf.getTrustManagers(), null);
    }

    private String yaml;

    private static Edge startEdge(String yaml, java.util.Queue<javax.sip.ResponseEvent> responses) throws Exception {
        return Edge.start(EdgeFixture.config(yaml), new InMemoryDeviceDirectory(), new RecordingEventPublisher(),
                (stack, flows, responder) -> new ForwardingResponses(new RecordingCallSignalling(responder, 486), responses),
                new io.ringedge.edge.MemoryUsedTokens(), (attached, flowId, contact) -> { }, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void aDeviceRegistersOverWss() throws Exception {
        int wss = edge.sip().port(Ingress.WSS);
        try (WsDevice device = new WsDevice(URI.create("wss://127.0.0.1:" + wss),
                HttpClient.newBuilder().sslContext(trust).build())) {
            String token = issuer.mint("tenant-a", "alice", "d1", Duration.ofMinutes(1)).token();
            device.send(device.register("alice", 600, "Authorization: Bearer " + token + "\r\n").replace("SIP/2.0/WS ", "SIP/2.0/WSS "));
            assertEquals(200, WsDevice.status(device.next()));
            assertEquals(1, edge.flows().size());
        }
    }

    /** As over WS (WebSocketFlowTest): a Close in the same TLS record as a SIP message is answered, inside TLS. */
    @Test
    void aCloseInTheSameRecordAsASipMessageIsAnsweredOverWss() throws Exception {
        int wss = edge.sip().port(Ingress.WSS);
        String token = issuer.mint("tenant-a", "alice", "d1", Duration.ofMinutes(1)).token();
        String register = "REGISTER sip:ringedge.invalid SIP/2.0\r\nVia: SIP/2.0/WSS a1.invalid;branch=z9hG4bK-a1-%d\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@ringedge.invalid>;tag=a1\r\nTo: <sip:alice@ringedge.invalid>\r\n"
                + "Call-ID: reg-a1\r\nCSeq: %d REGISTER\r\nContact: <sip:alice@a1.invalid;transport=ws>;expires=600\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Length: 0\r\n\r\n";
        try (RawWebSocket phone = new RawWebSocket(trust.getSocketFactory().createSocket("127.0.0.1", wss), wss)) {
            phone.write(RawWebSocket.text(register.formatted(1, 1)));
            assertEquals(200, WsDevice.status(phone.next().text()));
            assertEquals(1, edge.flows().size());

            phone.write(RawWebSocket.text(register.formatted(2, 2)), RawWebSocket.close("call over"));

            RawWebSocket.Frame frame = phone.next();
            while (frame.opcode() == RawWebSocket.TEXT) {
                frame = phone.next(); // the 200 to the refresh may come first
            }
            assertEquals(RawWebSocket.CLOSE, frame.opcode(), "the Close is answered with a Close");
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        while (edge.flows().size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, edge.flows().size(), "the flow ends when the device closes TCP");
    }

    @Test
    void theEdgeOpensNewTlsConnectionsWithoutLosingTheFirstRequest() throws Exception {
        var responses = new java.util.concurrent.LinkedBlockingQueue<javax.sip.ResponseEvent>();
        try (Edge client = startEdge(yaml.replace("edge-tls", "edge-tls-client"), responses)) {
            for (int round = 0; round < 3; round++) {
                try (Edge peer = startEdge(yaml.replace("edge-tls", "edge-tls-peer" + round),
                        new java.util.concurrent.LinkedBlockingQueue<>())) {
                    String uri = "sip:ping@127.0.0.1:" + peer.sip().port(Ingress.TLS) + ";transport=tls";
                    var h = client.sip().headers();
                    var a = client.sip().addresses();
                    var options = client.sip().messages().createRequest(a.createURI(uri), "OPTIONS",
                            h.createCallIdHeader(java.util.UUID.randomUUID().toString()), h.createCSeqHeader(1L, "OPTIONS"),
                            h.createFromHeader(a.createAddress("sip:edge@127.0.0.1"), "t" + round),
                            h.createToHeader(a.createAddress(uri), null),
                            new java.util.ArrayList<>(java.util.List.of(h.createViaHeader("127.0.0.1",
                                    client.sip().port(Ingress.TLS), "TLS", null))),
                            h.createMaxForwardsHeader(70));
                    client.sip().provider(Ingress.TLS).getNewClientTransaction(options).sendRequest();
                    var r = responses.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                    assertTrue(r != null, "round " + round + ": no answer over a new TLS connection");
                    // 127.0.0.1 is an admitted PBX source in the fixture's connections
                    assertEquals(200, r.getResponse().getStatusCode());
                }
            }
        }
    }

    @Test
    void aPbxIsAnsweredOverTls() throws Exception {
        int tls = edge.sip().port(Ingress.TLS);
        try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", tls)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            socket.getOutputStream().write(RawSip.options(tls, "TLS", "tls-1", "Content-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] buf = new byte[4096];
            int n = socket.getInputStream().read(buf);
            String r = new String(buf, 0, n, StandardCharsets.UTF_8);
            assertTrue(r.startsWith("SIP/2.0 200"), r);
        }
    }
}
