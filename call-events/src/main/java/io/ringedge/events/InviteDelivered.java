package io.ringedge.events;

/**
 * The holding edge sent the call's INVITE to a device that woke for it: the step between
 * {@link DeviceAttached} and {@link CallRinging} on a woken device's timeline.
 */
public record InviteDelivered(String callId, String deviceId) implements CallEvent {
}
