package io.ringedge.push.internal;

import io.ringedge.push.PushResult;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Turns a provider's raw future into the {@link io.ringedge.push.PushProvider} contract: it always
 * completes, within the send timeout, with a value. A provider that hangs is abandoned, not waited
 * on: its late answer is ignored, and nothing else queues behind it.
 */
public final class Bounded {

    private Bounded() {
    }

    public static CompletableFuture<PushResult> result(String provider, CompletableFuture<PushResult> raw,
                                                       Duration timeout) {
        return raw.exceptionally(failure -> new PushResult.TransientFailure(provider + ": " + describe(failure)))
                .completeOnTimeout(new PushResult.TransientFailure(provider + ": no answer within "
                        + timeout.toMillis() + " ms"), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
