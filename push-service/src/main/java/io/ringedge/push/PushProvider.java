package io.ringedge.push;

import java.util.concurrent.CompletableFuture;

/**
 * One push provider (APNs, FCM). {@link #send} never blocks and its future never completes
 * exceptionally: every outcome, a broken connection included, is a {@link PushResult}.
 * Implementations bound each send by their configured timeout, so a provider that hangs
 * answers {@link PushResult.TransientFailure} and never holds up other pushes.
 */
public interface PushProvider extends AutoCloseable {

    /** Provider name as in RFC 8599 {@code pn-provider}, e.g. {@code apns}. */
    String name();

    CompletableFuture<PushResult> send(Push push);

    /** Closes connections and threads; sends in flight complete with a failure. */
    @Override
    void close();
}
