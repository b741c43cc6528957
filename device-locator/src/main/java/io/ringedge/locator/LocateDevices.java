package io.ringedge.locator;

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
import io.ringedge.events.PushFailed;
import io.ringedge.events.PushSent;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.InviteDelivered;
import io.ringedge.events.RingedgeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The locator's event function (ARCHITECTURE step 3): {@code CallOffered} → {@code DevicesLocated}
 * for the user the edge routed the DID to. Idempotent: the first answer for a call is kept
 * ({@link DeviceLocations#locateForCall}), so a redelivered offer repeats it exactly.
 *
 * <p>An offer the store cannot be asked about (a blank tenant or user) is answered with no
 * devices, so the holding edge ends the call at once instead of ringing into the void. A store
 * failure ({@link LocatorUnavailableException}, a {@code RetryableEventException}) fails the stage,
 * and the runtime tries the offer again until the store answers; the holding edge's ring timeout
 * ends a call that waited too long. Never waits: the runtime locates a polled batch of offers
 * together.
 */
public final class LocateDevices implements EventFunction {

    private static final Logger LOG = LoggerFactory.getLogger(LocateDevices.class);

    private final DeviceLocations locations;

    public LocateDevices(DeviceLocations locations) {
        this.locations = Objects.requireNonNull(locations);
    }

    @Override
    public CompletionStage<List<RingedgeEvent>> apply(EventEnvelope<? extends RingedgeEvent> envelope) {
        return switch (envelope.data()) {
            case CallOffered offered -> locate(offered).thenApply(located -> List.<RingedgeEvent>of(located));
            case DevicesLocated ignored -> NO_EVENTS;
            case PushSent ignored -> NO_EVENTS;
            case PushFailed ignored -> NO_EVENTS;
            case CallRinging ignored -> NO_EVENTS;
            case DeviceAttached ignored -> NO_EVENTS;
            case InviteDelivered ignored -> NO_EVENTS;
            case CallAnswered ignored -> NO_EVENTS;
            case CallCancelled ignored -> NO_EVENTS;
            case CallEnded ignored -> NO_EVENTS;
            case DeviceRegistered ignored -> NO_EVENTS;
            case DeviceUnregistered ignored -> NO_EVENTS;
        };
    }

    private CompletionStage<DevicesLocated> locate(CallOffered offered) {
        CompletionStage<UserDevices> devices;
        try {
            devices = locations.locateForCall(offered.callId(), offered.tenantId(), offered.userId());
        } catch (IllegalArgumentException badIds) {
            LOG.warn("call {}: cannot locate tenant '{}' user '{}': {}", offered.callId(), offered.tenantId(),
                    offered.userId(), badIds.getMessage());
            devices = CompletableFuture.completedFuture(UserDevices.none());
        }
        return devices.thenApply(found -> new DevicesLocated(offered.callId(), offered.tenantId(), offered.userId(),
                offered.caller(), found.attached(), found.asleep()));
    }
}
