package io.ringedge.media.control.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * At most {@code limit} control requests in flight to one worker; the rest wait, first come first
 * served, and start as earlier ones finish. The JDK client opens a new connection for every request
 * that finds no idle one, so without a bound a burst of calls (or a worker slowed by load) turns
 * into hundreds of connections and connect timeouts on loopback, each failing a call: a metastable
 * collapse seen in the signalling benchmark. Waiting counts toward the caller's own timeout: a
 * request whose caller gave up (its future completed) before its turn is not sent. Deletions go to
 * the head of the queue: they free the worker's capacity, and behind a backlog of creations they
 * would time out unsent and leave their sessions behind.
 */
public final class InFlightGate {
    private record Waiting<T>(CompletableFuture<T> result, Supplier<CompletableFuture<T>> exchange) {
    }

    private final int limit;
    private final Deque<Waiting<?>> waiting = new ArrayDeque<>();
    private int inFlight;

    public InFlightGate(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    /**
     * Starts {@code exchange} now or when a slot frees, completing {@code result} with its outcome
     * (a result already completed, e.g. by the caller's timeout, is left as it is). With
     * {@code first}, it waits ahead of every request already waiting.
     */
    public <T> void submit(CompletableFuture<T> result, Supplier<CompletableFuture<T>> exchange, boolean first) {
        synchronized (this) {
            if (inFlight >= limit) {
                if (first) {
                    waiting.addFirst(new Waiting<>(result, exchange));
                } else {
                    waiting.addLast(new Waiting<>(result, exchange));
                }
                return;
            }
            inFlight++;
        }
        start(new Waiting<>(result, exchange));
    }

    /** Requests in flight now; for tests and metrics. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Runs {@code w} in a slot already taken; the slot is released when its exchange ends. */
    private <T> void start(Waiting<T> w) {
        CompletableFuture<T> running;
        try {
            running = w.exchange().get();
        } catch (RuntimeException e) {
            w.result().completeExceptionally(e);
            release();
            return;
        }
        running.whenComplete((value, failure) -> {
            release();
            if (failure != null) {
                w.result().completeExceptionally(failure);
            } else {
                w.result().complete(value);
            }
        });
    }

    /** The slot passes to the next waiting request whose caller still waits, else it is freed. */
    private void release() {
        Waiting<?> next;
        synchronized (this) {
            do {
                next = waiting.pollFirst();
            } while (next != null && next.result().isDone());
            if (next == null) {
                inFlight--;
                return;
            }
        }
        start(next);
    }
}
