package io.ringedge.push;

import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallCancelled;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallOffered;
import io.ringedge.events.CallRinging;
import io.ringedge.events.DeviceRegistered;
import io.ringedge.events.DeviceUnregistered;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.EventEnvelope;
import io.ringedge.events.EventFunction;
import io.ringedge.events.EventPublisher;
import io.ringedge.events.PushFailed;
import io.ringedge.events.PushSent;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.InviteDelivered;
import io.ringedge.events.RingedgeEvent;
import io.ringedge.locator.PushHandles;
import io.ringedge.push.internal.PushState;
import io.ringedge.push.internal.PushState.WokenDevice;
import io.ringedge.push.internal.RetryingSender;
import io.ringedge.push.internal.Stages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The push service as an event function on the calls topic. {@code DevicesLocated}: one wake push
 * per asleep device, with the caller it carries. {@code CallAnswered}, {@code CallCancelled},
 * {@code CallEnded}: one cancel push per woken device that did not answer.
 *
 * <p>{@link #apply} never waits: it issues the call's Redis claim ({@link PushState}, asynchronous,
 * run by Redis in the order issued, so a call's end always finds the claims of its wakes) and
 * returns with no events. What follows a claim (minting the attach token, the send) runs on the
 * scheduler's thread, and the results ({@code PushSent}, {@code PushFailed}) are published through
 * the {@link EventPublisher} when the provider answers, which may be seconds of retries later. One
 * consumer thread therefore serves a call rate bounded by its own CPU, not by Redis round trips.
 *
 * <p>The consumer commits before the push completes; the Redis idempotency key taken before sending
 * makes redelivery and a second instance harmless, at the price that a crash between commit and
 * send loses that one push rather than doubling it (a phone ringing twice for one call is the worse
 * failure). One duplicate remains possible: a send that timed out may still have reached the
 * provider, and its retry then reaches the phone a second time; the payload's call id lets the app
 * drop it.
 */
public final class PushFunction implements EventFunction {

    private static final Logger LOG = LoggerFactory.getLogger(PushFunction.class);

    private final PushConfig config;
    /** by RFC 8599 {@code pn-provider}; a provider absent here is not configured */
    private final Map<String, PushProvider> providers;
    private final PushState state;
    private final PushHandles handles;
    private final AttachTokens tokens;
    private final EventPublisher publisher;
    /** where work continues after Redis answers: never Lettuce's I/O threads, nor the consumer's */
    private final ScheduledExecutorService scheduler;
    private final RetryingSender sender;
    private final Clock clock;
    /**
     * Wake pushes still being sent, by call and device: a cancel for that device waits for its
     * wake, so it never reaches the provider first (two sends in flight may arrive in either order,
     * and a phone told "cancelled" before "incoming call" would ring for a call that is over).
     */
    private final ConcurrentHashMap<String, CompletableFuture<?>> wakesInFlight = new ConcurrentHashMap<>();

    public PushFunction(PushConfig config, Map<String, PushProvider> providers, PushState state,
                        PushHandles handles, EventPublisher publisher, ScheduledExecutorService scheduler, Clock clock) {
        this.config = config;
        this.providers = Map.copyOf(providers);
        this.state = state;
        this.handles = handles;
        this.publisher = publisher;
        this.scheduler = scheduler;
        this.clock = clock;
        this.tokens = new AttachTokens(config.attachTokenKey(), clock);
        this.sender = new RetryingSender(scheduler, clock, config.retryBackoff(), config.retryBackoffMax());
    }

    @Override
    public CompletionStage<List<RingedgeEvent>> apply(EventEnvelope<? extends RingedgeEvent> envelope) {
        switch (envelope.data()) {
            case DevicesLocated located -> located.asleep().forEach(device -> wake(located, device));
            case CallAnswered answered -> cancel(answered.callId(), answered.deviceId());
            case CallCancelled cancelled -> cancel(cancelled.callId(), null);
            case CallEnded ended -> cancel(ended.callId(), null);
            case CallOffered ignored -> { }
            case PushSent ignored -> { }
            case PushFailed ignored -> { }
            case CallRinging ignored -> { }
            case DeviceAttached ignored -> { }
            case InviteDelivered ignored -> { }
            case DeviceRegistered ignored -> { }
            case DeviceUnregistered ignored -> { }
        }
        // results go out through the publisher when their sends end, not as the function's answer
        return NO_EVENTS;
    }

    private void wake(DevicesLocated located, DevicesLocated.AsleepDevice device) {
        String callId = located.callId();
        WokenDevice woken = new WokenDevice(device.deviceId(), located.tenantId(), located.userId(),
                device.pushHandle(), located.caller());
        afterRedis(() -> state.claimWake(callId, woken), (taken, redisDown) -> {
            if (redisDown != null) {
                // without the idempotency key a push could ring the phone twice: fail it, visibly
                publisher.publish(new PushFailed(callId, device.deviceId(), device.pushHandle().provider(),
                        "push state unavailable: " + redisDown.getMessage(), false));
            } else if (taken) {
                send(callId, woken);
            } else {
                LOG.debug("call {}: device {} was already pushed", callId, device.deviceId());
            }
        });
    }

    private void send(String callId, WokenDevice device) {
        String providerName = device.handle().provider();
        PushProvider provider = providers.get(providerName);
        if (provider == null) {
            publisher.publish(new PushFailed(callId, device.deviceId(), providerName,
                    providerName + " not configured", false));
            return;
        }
        Instant deadline = clock.instant().plus(config.ringTimeout());
        WakePayload payload = new WakePayload(callId, device.caller().displayName(), device.caller().number(),
                device.tenantId(), config.attachUrl().toString(), tokens.mint(device.deviceId(), callId, deadline));
        long started = System.nanoTime();
        CompletableFuture<RetryingSender.Outcome> sending = sender.send(provider,
                new Push.Wake(device.handle(), payload, config.ringTimeout()), deadline,
                () -> state.over(callId).thenApply(over -> !over));
        String key = inFlightKey(callId, device.deviceId());
        wakesInFlight.put(key, sending);
        sending.whenComplete((outcome, failure) -> wakesInFlight.remove(key, sending));
        sending.thenAccept(outcome -> {
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    LOG.info("call {}: wake push to device {} via {}: {} ({} attempts, {} ms)", callId,
                            device.deviceId(), providerName, outcome.result().describe(), outcome.attempts(),
                            took.toMillis());
                    publisher.publish(wakeOutcome(device, callId, outcome, took));
                });
    }

    private static String inFlightKey(String callId, String deviceId) {
        return callId + '\n' + deviceId;
    }

    private RingedgeEvent wakeOutcome(WokenDevice device, String callId, RetryingSender.Outcome outcome,
                                      Duration took) {
        String provider = device.handle().provider();
        if (outcome.result() instanceof PushResult.Unregistered || outcome.result() instanceof PushResult.Rejected) {
            // the provider refused the wake for good: the phone rings for nothing, so it needs no
            // "stop ringing" push either (and a dead token would only be refused again)
            forgoCancel(callId, device.deviceId());
        }
        return switch (outcome.result()) {
            case PushResult.Accepted accepted ->
                    new PushSent(callId, device.deviceId(), provider, accepted.providerId(), took.toMillis());
            case PushResult.Unregistered dead ->
                    new PushFailed(callId, device.deviceId(), provider, dead.describe(), removeHandle(device));
            case PushResult.Rejected rejected ->
                    new PushFailed(callId, device.deviceId(), provider, rejected.describe(), false);
            case PushResult.TransientFailure transientFailure -> new PushFailed(callId, device.deviceId(), provider,
                    transientFailure.describe() + " (gave up after " + outcome.attempts() + " attempts)", false);
        };
    }

    /**
     * The call is over for {@code answeredBy} (null: for everyone): every other woken device gets a
     * cancel push, once. Events of one call arrive in order and their claims run in that order, so
     * a {@code CallEnded} after a {@code CallAnswered} finds the cancels already claimed and sends
     * nothing twice.
     */
    private void cancel(String callId, String answeredBy) {
        afterRedis(() -> state.endAndClaimCancels(callId, answeredBy), (devices, redisDown) -> {
            if (redisDown != null) {
                LOG.warn("call {}: no cancel pushes, push state unavailable: {}", callId, redisDown.getMessage());
                return;
            }
            for (WokenDevice device : devices) {
                PushProvider provider = providers.get(device.handle().provider());
                if (provider == null) {
                    continue;
                }
                Push.Cancel cancel = new Push.Cancel(device.handle(), callId, device.caller().displayName(),
                        device.caller().number());
                // the wake's send registered before this runs: both continue on the scheduler, in Redis's order
                CompletableFuture<?> wake = wakesInFlight.get(inFlightKey(callId, device.deviceId()));
                if (wake == null) {
                    sendCancel(provider, cancel, device);
                } else {
                    wake.whenComplete((outcome, failure) -> sendCancel(provider, cancel, device));
                }
            }
        });
    }

    private void sendCancel(PushProvider provider, Push.Cancel cancel, WokenDevice device) {
        sender.send(provider, cancel, clock.instant().plus(config.ringTimeout()),
                        () -> CompletableFuture.completedFuture(true))
                .thenAccept(outcome -> {
                    LOG.info("call {}: cancel push to device {}: {}", cancel.callId(), device.deviceId(),
                            outcome.result().describe());
                    if (outcome.result() instanceof PushResult.Unregistered) {
                        removeHandle(device);
                    }
                });
    }

    /**
     * Issues {@code command} now, on the calling thread (which fixes its order in Redis), and runs
     * {@code then} with its answer or its failure (the cause, unwrapped) on the scheduler's thread.
     */
    private <T> void afterRedis(Supplier<CompletionStage<T>> command, BiConsumer<T, Throwable> then) {
        Stages.started(command).whenCompleteAsync((value, failure) -> {
            try {
                then.accept(value, failure instanceof CompletionException wrapped && wrapped.getCause() != null
                        ? wrapped.getCause() : failure);
            } catch (RuntimeException bug) {
                LOG.error("push service: unexpected failure after a Redis answer", bug);
            }
        }, scheduler);
    }

    private void forgoCancel(String callId, String deviceId) {
        state.claimCancel(callId, deviceId).whenComplete((taken, redisDown) -> {
            if (redisDown != null) {
                LOG.warn("call {}: device {} may still get a cancel push: {}", callId, deviceId, redisDown.toString());
            }
        });
    }

    /** Removes the dead handle; false when it changed meanwhile (the device registered a new one) or Redis failed. */
    private boolean removeHandle(WokenDevice device) {
        try {
            return handles.removePushHandle(device.tenantId(), device.userId(), device.deviceId(), device.handle());
        } catch (RuntimeException e) {
            LOG.warn("device {}: could not remove its dead push handle: {}", device.deviceId(), e.toString());
            return false;
        }
    }
}
