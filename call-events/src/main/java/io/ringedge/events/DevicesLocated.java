package io.ringedge.events;

import java.util.List;

/**
 * Where the called user's devices are. A device appears in at most one of the two lists.
 *
 * @param caller   the caller of {@code CallOffered}, for the wake push's payload (so the push
 *                 service needs nothing else of the call); {@link Caller#UNKNOWN} when an event of
 *                 schema version 1 lacks it
 * @param attached devices with a live registration, and the edge whose WebSocket holds each
 * @param asleep   devices with no live registration but a push handle that can wake them
 */
public record DevicesLocated(String callId, String tenantId, String userId, Caller caller,
                             List<AttachedDevice> attached, List<AsleepDevice> asleep) implements CallEvent {

    public DevicesLocated {
        caller = caller == null ? Caller.UNKNOWN : caller;
        attached = List.copyOf(attached);
        asleep = List.copyOf(asleep);
    }

    /**
     * @param deviceId the device
     * @param edgeNode edge node holding the device's WebSocket
     * @param flowId   that edge's id for the WebSocket flow (RFC 5626 style), used to route to it
     * @param contact  the device's registered Contact URI on that flow, the INVITE's Request-URI;
     *                 empty when unknown (an event of schema version 1): the edge then reads it
     *                 from the binding
     */
    public record AttachedDevice(String deviceId, String edgeNode, String flowId, String contact) {

        public AttachedDevice {
            contact = contact == null ? "" : contact;
        }
    }

    public record AsleepDevice(String deviceId, PushHandle pushHandle) {
    }
}
