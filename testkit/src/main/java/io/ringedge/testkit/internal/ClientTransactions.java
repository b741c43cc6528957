package io.ringedge.testkit.internal;

import io.ringedge.testkit.sip.SipRequest;
import io.ringedge.testkit.sip.SipResponse;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Requests the device sent and is waiting on, matched to responses as RFC 3261 section 17.1.3 says:
 * top Via branch and CSeq method. Over a reliable transport like WebSocket there are no
 * retransmissions to run (section 17.1.2.2, timer E only for unreliable ones), only a timeout.
 */
final class ClientTransactions {

    private record Key(String branch, String method) {
    }

    private final Map<Key, CompletableFuture<SipResponse>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    ClientTransactions(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Registers {@code request} before it is sent; the future completes with its final response. */
    CompletableFuture<SipResponse> start(SipRequest request, Duration timeout) {
        String branch = request.topVia().branch().orElseThrow(
                () -> new IllegalArgumentException("request has no Via branch: " + request.startLine()));
        Key key = new Key(branch, request.cseq().method());
        CompletableFuture<SipResponse> future = new CompletableFuture<>();
        pending.put(key, future);
        var timeoutTask = timer.schedule(() -> future.completeExceptionally(new TimeoutException(
                "no final response to " + request.startLine() + " within " + timeout.toMillis() + " ms")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((r, e) -> {
            pending.remove(key, future);
            timeoutTask.cancel(false);
        });
        return future;
    }

    /** Returns false for a response no pending request waits for (a stray or a late one). */
    boolean onResponse(SipResponse response) {
        String branch = response.topVia().branch().orElse("");
        CompletableFuture<SipResponse> future = pending.get(new Key(branch, response.cseq().method()));
        if (future == null) {
            return false;
        }
        if (!response.isProvisional()) {
            future.complete(response);
        }
        return true;
    }

    void failAll(Exception cause) {
        pending.values().forEach(f -> f.completeExceptionally(cause));
    }
}
