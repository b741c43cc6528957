package io.ringedge.events;

/**
 * A woken device registered with the attach token from its push: it is reachable for the call now.
 * The holding edge learns it first over Redis pub/sub (milliseconds matter while the phone shows
 * its ringing UI); this event is the record on the call's timeline.
 *
 * @param deviceId the device the attach token was minted for
 * @param edgeNode the edge holding the device's new WebSocket (may differ from the edge holding the call)
 */
public record DeviceAttached(String callId, String deviceId, String edgeNode) implements CallEvent {
}
