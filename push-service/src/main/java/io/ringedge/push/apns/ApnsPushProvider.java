package io.ringedge.push.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.eatthepath.pushy.apns.util.TokenUtil;
import io.helidon.config.ConfigException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.ringedge.push.Push;
import io.ringedge.push.PushConfig;
import io.ringedge.push.PushProvider;
import io.ringedge.push.PushResult;
import io.ringedge.push.internal.Bounded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * APNs through Pushy's {@link ApnsClient} (HTTP/2, one connection reused for every push). A ringing
 * call is a PushKit VoIP push; the end of a call is an alert push.
 */
public final class ApnsPushProvider implements PushProvider {

    public static final String NAME = "apns";

    private static final Logger LOG = LoggerFactory.getLogger(ApnsPushProvider.class);
    /** A missed-call alert is still worth showing an hour later (the phone may be offline). */
    private static final Duration MISSED_CALL_LIFETIME = Duration.ofHours(1);

    private final ApnsClient client;
    private final EventLoopGroup eventLoop;
    private final Duration sendTimeout;

    private ApnsPushProvider(ApnsClient client, EventLoopGroup eventLoop, Duration sendTimeout) {
        this.client = client;
        this.eventLoop = eventLoop;
        this.sendTimeout = sendTimeout;
    }

    /**
     * One I/O thread is plenty for one HTTP/2 connection. Ours rather than Pushy's, so that closing
     * skips Netty's two-second quiet period: nothing is submitted after close. Pushy 0.15 picks its
     * channel class by the group's exact class name, hence the (deprecated in Netty 4.2) NIO group.
     */
    @SuppressWarnings("deprecation")
    private static EventLoopGroup newEventLoop() {
        return new NioEventLoopGroup(1, new DefaultThreadFactory("ringedge-apns", true));
    }

    /** Builds the client; Pushy connects on the first push. Bad credentials are a config error naming the key. */
    public static ApnsPushProvider start(PushConfig.Apns config, Duration sendTimeout) {
        ApnsClientBuilder builder = new ApnsClientBuilder()
                .setApnsServer(config.host(), config.port())
                .setConnectionTimeout(sendTimeout);
        switch (config.auth()) {
            case PushConfig.ApnsAuth.Token token -> {
                try {
                    builder.setSigningKey(ApnsSigningKey.loadFromInputStream(
                            new ByteArrayInputStream(token.keyPem().getBytes(StandardCharsets.US_ASCII)),
                            token.teamId(), token.keyId()));
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                    throw new ConfigException(PushConfig.Apns.KEY_FILE + ": not a PKCS#8 PEM EC P-256 key ("
                            + e.getMessage() + ")");
                }
            }
            case PushConfig.ApnsAuth.Certificate certificate -> {
                try {
                    builder.setClientCredentials(certificate.p12File().toFile(), certificate.password());
                } catch (IOException | RuntimeException e) {
                    throw new ConfigException(PushConfig.Apns.CERTIFICATE_FILE + ": not a readable PKCS#12 file ("
                            + e.getMessage() + ")");
                }
            }
        }
        if (config.trustedServerCertPem().isPresent()) {
            try {
                builder.setTrustedServerCertificateChain(new ByteArrayInputStream(
                        config.trustedServerCertPem().get().getBytes(StandardCharsets.US_ASCII)));
            } catch (RuntimeException e) {
                throw new ConfigException(PushConfig.Apns.TRUSTED_CERTIFICATE_FILE + ": not PEM certificates ("
                        + e.getMessage() + ")");
            }
        }
        EventLoopGroup eventLoop = newEventLoop();
        try {
            return new ApnsPushProvider(builder.setEventLoopGroup(eventLoop).build(), eventLoop, sendTimeout);
        } catch (IOException e) {
            eventLoop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new ConfigException(PushConfig.Apns.ENVIRONMENT + ": cannot set up TLS for APNs (" + e.getMessage() + ")");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletableFuture<PushResult> send(Push push) {
        Optional<ApnsTopic> topic = ApnsTopic.parse(push.handle().param());
        if (topic.isEmpty()) {
            return CompletableFuture.completedFuture(new PushResult.Rejected(
                    "pn-param '" + push.handle().param() + "' is not <team-id>.<bundle-id>.<service> (RFC 8599 section 9)",
                    true));
        }
        if (push instanceof Push.Wake && !ApnsTopic.VOIP.equals(topic.get().service())) {
            return CompletableFuture.completedFuture(new PushResult.Rejected(
                    "pn-param service '" + topic.get().service() + "' cannot ring a call, only voip can", true));
        }
        String token = TokenUtil.sanitizeTokenString(push.handle().prid());
        SimpleApnsPushNotification notification = switch (push) {
            // expiration 0: deliver now or never; a late ring is worse than none
            case Push.Wake wake -> new SimpleApnsPushNotification(token, topic.get().voipTopic(),
                    ApnsPayloads.wake(wake.payload()), Instant.EPOCH, DeliveryPriority.IMMEDIATE, PushType.VOIP);
            case Push.Cancel cancel -> new SimpleApnsPushNotification(token, topic.get().bundleId(),
                    ApnsPayloads.missedCall(cancel), Instant.now().plus(MISSED_CALL_LIFETIME),
                    DeliveryPriority.IMMEDIATE, PushType.ALERT, cancel.callId());
        };
        long started = System.nanoTime();
        CompletableFuture<PushResult> raw = client.sendNotification(notification)
                .thenApply(response -> ApnsAnswers.of(response, Duration.ofNanos(System.nanoTime() - started)));
        return Bounded.result(NAME, raw, sendTimeout);
    }

    @Override
    public void close() {
        try {
            client.close().get(5, TimeUnit.SECONDS);
            eventLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(3, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("APNs client did not close cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
