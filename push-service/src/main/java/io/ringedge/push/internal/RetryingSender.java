package io.ringedge.push.internal;

import io.ringedge.push.Push;
import io.ringedge.push.PushProvider;
import io.ringedge.push.PushResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends one push, and sends it again after a {@link PushResult.TransientFailure} with doubling
 * backoff while that can still help: before the deadline (the end of the ring) and while
 * {@code stillWanted} holds (the call has not ended). Any other result is final at once. The
 * outcome completes on the provider's I/O thread when the first send is accepted, otherwise on the
 * scheduler's thread.
 */
public final class RetryingSender {

    /** The last result, and how many sends it took. */
    public record Outcome(PushResult result, int attempts) {
    }

    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration firstBackoff;
    private final Duration maxBackoff;

    public RetryingSender(ScheduledExecutorService scheduler, Clock clock, Duration firstBackoff, Duration maxBackoff) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    public CompletableFuture<Outcome> send(PushProvider provider, Push push, Instant deadline,
                                           Supplier<CompletionStage<Boolean>> stillWanted) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        attempt(provider, push, deadline, stillWanted, 1, firstBackoff, outcome);
        return outcome;
    }

    private void attempt(PushProvider provider, Push push, Instant deadline, Supplier<CompletionStage<Boolean>> stillWanted,
                         int attempt, Duration backoff, CompletableFuture<Outcome> outcome) {
        provider.send(push).whenComplete((answer, failure) -> {
            if (failure == null && answer instanceof PushResult.Accepted) {
                // the common case completes at once on the provider's I/O thread: PushSent is
                // published the moment the provider accepted, not after a turn on our busy scheduler
                outcome.complete(new Outcome(answer, attempt));
                return;
            }
            // anything else is decided on our thread: the callers' handling of a refusal asks
            // Redis, which must not block the provider's I/O thread
            scheduler.execute(() -> decide(provider, push, deadline, stillWanted, attempt, backoff, outcome,
                    failure == null ? answer
                            // a provider broke its contract; treat it as what it is, an unexpected transport failure
                            : new PushResult.TransientFailure(String.valueOf(failure))));
        });
    }

    private void decide(PushProvider provider, Push push, Instant deadline, Supplier<CompletionStage<Boolean>> stillWanted,
                        int attempt, Duration backoff, CompletableFuture<Outcome> outcome, PushResult result) {
        if (!(result instanceof PushResult.TransientFailure) || !clock.instant().plus(backoff).isBefore(deadline)) {
            outcome.complete(new Outcome(result, attempt));
            return;
        }
        Stages.started(stillWanted).whenCompleteAsync((retry, stateUnavailable) -> {
            if (stateUnavailable != null || !retry) {
                outcome.complete(new Outcome(result, attempt));
                return;
            }
            Duration next = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            scheduler.schedule(() -> attempt(provider, push, deadline, stillWanted, attempt + 1, next, outcome),
                    backoff.toMillis(), TimeUnit.MILLISECONDS);
        }, scheduler);
    }
}
