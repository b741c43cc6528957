package io.ringedge.push.fcm;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.core.ApiFuture;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import io.helidon.config.ConfigException;
import io.ringedge.push.Push;
import io.ringedge.push.PushConfig;
import io.ringedge.push.PushProvider;
import io.ringedge.push.PushResult;
import io.ringedge.push.internal.Bounded;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * FCM HTTP v1 ({@code POST /v1/projects/{project}/messages:send}) through the Firebase Admin SDK,
 * for {@code fcm} (Android) and {@code webpush} (browser) handles. Each instance owns a
 * {@link FirebaseApp} of its own, so tests and several services in one JVM do not share state.
 */
public final class FcmPushProvider implements PushProvider {

    public static final String NAME = "fcm";

    private static final AtomicInteger APPS = new AtomicInteger();

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;
    private final Duration sendTimeout;

    private FcmPushProvider(FirebaseApp app, Duration sendTimeout) {
        this.app = app;
        this.messaging = FirebaseMessaging.getInstance(app);
        this.sendTimeout = sendTimeout;
    }

    public static FcmPushProvider start(PushConfig.Fcm config, Duration sendTimeout) {
        int timeoutMillis = (int) sendTimeout.toMillis();
        FirebaseOptions.Builder options = FirebaseOptions.builder()
                .setProjectId(config.projectId())
                .setCredentials(credentials(config))
                .setConnectTimeout(timeoutMillis)
                .setReadTimeout(timeoutMillis);
        config.endpoint().ifPresent(endpoint -> options.setHttpTransport(
                new NetHttpTransport.Builder().setConnectionFactory(new EndpointRedirect(endpoint)).build()));
        FirebaseApp app = FirebaseApp.initializeApp(options.build(), "ringedge-push-" + APPS.incrementAndGet());
        return new FcmPushProvider(app, sendTimeout);
    }

    /**
     * The service account's credentials; for a local endpoint without them, a fixed token that never
     * expires, so the SDK never asks an OAuth server for one.
     */
    private static GoogleCredentials credentials(PushConfig.Fcm config) {
        if (config.credentialsJson().isEmpty()) {
            return GoogleCredentials.create(new AccessToken("ringedge-local-endpoint", new Date(Long.MAX_VALUE)));
        }
        try {
            return GoogleCredentials.fromStream(new ByteArrayInputStream(
                    config.credentialsJson().get().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(PushConfig.Fcm.CREDENTIALS_FILE + ": not a service-account JSON ("
                    + e.getMessage() + ")");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletableFuture<PushResult> send(Push push) {
        long started = System.nanoTime();
        CompletableFuture<PushResult> raw = new CompletableFuture<>();
        ApiFuture<String> sent;
        try {
            sent = messaging.sendAsync(FcmMessages.of(push));
        } catch (IllegalArgumentException badMessage) {
            // the SDK validates before sending: e.g. an empty token
            return CompletableFuture.completedFuture(new PushResult.Rejected(badMessage.getMessage(), true));
        }
        sent.addListener(() -> {
            try {
                raw.complete(new PushResult.Accepted(sent.get(), Duration.ofNanos(System.nanoTime() - started)));
            } catch (ExecutionException e) {
                raw.complete(FcmAnswers.of(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                raw.complete(new PushResult.TransientFailure("interrupted"));
            }
        }, Runnable::run);
        return Bounded.result(NAME, raw, sendTimeout);
    }

    @Override
    public void close() {
        app.delete();
    }
}
