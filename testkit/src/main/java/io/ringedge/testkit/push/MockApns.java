package io.ringedge.testkit.push;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http2.Http2Headers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Pushy's real {@link MockApnsServer} (HTTP/2 over TLS) on a free loopback port, with a
 * self-signed certificate made here, a handler that records every push and answers per token as
 * the test says, and what a client needs: the server's certificate to trust ({@link #certificatePem()})
 * and a fresh P-256 signing key for token auth ({@link #signingKeyPem()}, team {@value #TEAM_ID},
 * key {@value #KEY_ID}).
 */
public final class MockApns implements AutoCloseable {

    public static final String TEAM_ID = "TEAM123456";
    public static final String KEY_ID = "KEY1234567";

    /**
     * One push as the server received it.
     *
     * @param clientCertificate subject of the TLS client certificate of its connection; empty for token auth
     */
    public record Received(Map<String, String> headers, String payload, String clientCertificate) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final MockApnsServer server;
    private final EventLoopGroup eventLoop;
    private final int port;
    private final String certificatePem;
    private final String signingKeyPem;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** token → reasons to reject its next pushes with, one per push, then accept */
    private final Map<String, List<RejectionReason>> scripted = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Consumer<Received> onAccepted = push -> { };

    private MockApns(MockApnsServer server, EventLoopGroup eventLoop, int port, String certificatePem,
                     String signingKeyPem) {
        this.server = server;
        this.eventLoop = eventLoop;
        this.port = port;
        this.certificatePem = certificatePem;
        this.signingKeyPem = signingKeyPem;
    }

    public static MockApns start() throws Exception {
        return start(Optional.empty());
    }

    /** A server that also accepts TLS client certificates issued by {@code trustedClientCertificate}. */
    public static MockApns start(Optional<X509Certificate> trustedClientCertificate) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair serverKeys = generator.generateKeyPair();
        X509Certificate certificate = selfSigned(serverKeys, "localhost");
        KeyPair signing = generator.generateKeyPair();
        MockApns[] self = new MockApns[1];
        // our own group, closed without Netty's two-second quiet period (Pushy wants the NIO class)
        @SuppressWarnings("deprecation")
        EventLoopGroup eventLoop = new NioEventLoopGroup(1);
        MockApnsServerBuilder builder = new MockApnsServerBuilder()
                .setEventLoopGroup(eventLoop)
                .setServerCredentials(new X509Certificate[]{certificate}, serverKeys.getPrivate(), null)
                .setHandlerFactory(session -> {
                    String client = clientSubject(session);
                    return (headers, payload) -> self[0].handle(headers,
                            payload == null ? "" : payload.toString(StandardCharsets.UTF_8), client);
                });
        // despite its name, this X509Certificate overload sets the certificates the server trusts for clients
        trustedClientCertificate.ifPresent(builder::setTrustedServerCertificateChain);
        MockApnsServer server = builder.build();
        int port = server.start(0).get();
        self[0] = new MockApns(server, eventLoop, port, pem("CERTIFICATE", certificate.getEncoded()),
                pem("PRIVATE KEY", ((ECPrivateKey) signing.getPrivate()).getEncoded()));
        return self[0];
    }

    private static String clientSubject(SSLSession session) {
        try {
            return session.getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException noCertificate) {
            return "";
        }
    }

    /** A self-signed certificate for {@code commonName}, valid for loopback. */
    public static X509Certificate selfSigned(KeyPair keys, String commonName) throws Exception {
        X500Name name = new X500Name("CN=" + commonName);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                keys.getPublic());
        // the client checks the host name it dialled against the SAN (RFC 6125)
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private void handle(Http2Headers headers, String payload, String clientCertificate)
            throws RejectedNotificationException {
        Map<String, String> flat = new ConcurrentHashMap<>();
        headers.forEach(header -> flat.put(header.getKey().toString(), header.getValue().toString()));
        Received push = new Received(Map.copyOf(flat), payload, clientCertificate);
        received.add(push);
        String token = flat.getOrDefault(":path", "").replace("/3/device/", "");
        List<RejectionReason> reasons = scripted.get(token);
        if (reasons != null && !reasons.isEmpty()) {
            RejectionReason reason = reasons.removeFirst();
            if (reason == RejectionReason.UNREGISTERED) {
                throw new UnregisteredDeviceTokenException(Instant.now());
            }
            throw new RejectedNotificationException(reason);
        }
        accepted.incrementAndGet();
        onAccepted.accept(push);
    }

    /**
     * Called with each push this server accepts, just before Pushy writes its 200: a simulated
     * phone reacts here. Runs on the server's event loop, so the listener must hand any blocking
     * work to a thread of its own.
     */
    public void onAccepted(Consumer<Received> listener) {
        this.onAccepted = Objects.requireNonNull(listener, "listener");
    }

    /** The next pushes to {@code token} are rejected with these reasons, one each; later ones are accepted. */
    public void rejectNext(String token, RejectionReason... reasons) {
        scripted.put(token, new CopyOnWriteArrayList<>(List.of(reasons)));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedFor(String token) {
        return received.stream().filter(r -> r.header(":path").equals("/3/device/" + token)).toList();
    }

    public int port() {
        return port;
    }


    public String certificatePem() {
        return certificatePem;
    }

    public String signingKeyPem() {
        return signingKeyPem;
    }

    @Override
    public void close() throws ExecutionException {
        try {
            server.shutdown().get();
            eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
