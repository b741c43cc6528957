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

/**
 * The locator's event function (ARCHITECTURE step 3): {@code CallOffered} → {@code DevicesLocated}
 * for the user the edge routed the DID to. Idempotent: the first answer for a call is kept
 * ({@link DeviceLocations#locateForCall}), so a redelivered offer repeats it exactly.
 *
 * <p>An offer the store cannot be asked about (a blank tenant or user) is answered with no
 * devices, so the holding edge ends the call at once instead of ringing into the void. A store
 * failure ({@link LocatorUnavailableException}) propagates to the runtime, which counts the event
 * as failed; the holding edge's ring timeout then ends that call.
 */
public final class LocateDevices implements EventFunction {

    private static final Logger LOG = LoggerFactory.getLogger(LocateDevices.class);

    private final DeviceLocations locations;

    public LocateDevices(DeviceLocations locations) {
        this.locations = Objects.requireNonNull(locations);
    }

    @Override
    public List<RingedgeEvent> apply(EventEnvelope<? extends RingedgeEvent> envelope) {
        return switch (envelope.data()) {
            case CallOffered offered -> List.of(locate(offered));
            case DevicesLocated ignored -> List.of();
            case PushSent ignored -> List.of();
            case PushFailed ignored -> List.of();
            case CallRinging ignored -> List.of();
            case DeviceAttached ignored -> List.of();
            case InviteDelivered ignored -> List.of();
            case CallAnswered ignored -> List.of();
            case CallCancelled ignored -> List.of();
            case CallEnded ignored -> List.of();
            case DeviceRegistered ignored -> List.of();
            case DeviceUnregistered ignored -> List.of();
        };
    }

    private DevicesLocated locate(CallOffered offered) {
        UserDevices devices;
        try {
            devices = locations.locateForCall(offered.callId(), offered.tenantId(), offered.userId());
        } catch (IllegalArgumentException badIds) {
            LOG.warn("call {}: cannot locate tenant '{}' user '{}': {}", offered.callId(), offered.tenantId(),
                    offered.userId(), badIds.getMessage());
            devices = UserDevices.none();
        }
        return new DevicesLocated(offered.callId(), offered.tenantId(), offered.userId(), offered.caller(),
                devices.attached(), devices.asleep());
    }
}
