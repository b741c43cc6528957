package io.ringedge.push.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Asynchronous commands whose callers handle every failure in one place: the stage's. */
public final class Stages {

    private Stages() {
    }

    /** Starts {@code command}; one that throws instead of starting (e.g. Redis refused it) is a failed stage. */
    public static <T> CompletionStage<T> started(Supplier<CompletionStage<T>> command) {
        try {
            return command.get();
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }
}
