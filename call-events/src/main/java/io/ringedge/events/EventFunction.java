package io.ringedge.events;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A stateless handler bound to a topic and consumer group (the "event function" runtime). It turns
 * one consumed event into the events it causes; the runtime publishes those and only then commits
 * the consumed offset, so a crash redelivers rather than loses. A handler must therefore be
 * idempotent. Events it does not care about yield an empty list.
 *
 * <p>The answer is a stage, so a function that asks a store need not hold the consumer while it
 * waits: the runtime starts the function on every event of a polled batch, in order, and waits for
 * the stages together (a batch of offers costs one store round trip, not one per offer). A function
 * that answers at once returns a completed stage and is settled before the next event starts.
 * Whatever state a function's stages touch, they must tolerate running concurrently with the
 * stages of the batch's later events. A stage failing with {@link RetryableEventException} runs the
 * function on that event again, with backoff; any other failure counts the event as failed.
 */
@FunctionalInterface
public interface EventFunction {

    /** The answer of a function that publishes nothing for an event (a shared, already completed stage). */
    CompletionStage<List<RingedgeEvent>> NO_EVENTS = CompletableFuture.completedStage(List.of());

    CompletionStage<List<RingedgeEvent>> apply(EventEnvelope<? extends RingedgeEvent> envelope);
}
