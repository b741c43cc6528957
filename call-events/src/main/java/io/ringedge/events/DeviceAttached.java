package io.ringedge.events;

import java.time.Instant;

/**
 * A woken device registered with the attach token from its push: it is reachable for the call now.
 * The holding edge learns it first over Redis pub/sub (milliseconds matter while the phone shows
 * its ringing UI); this event is the record on the call's timeline.
 *
 * @param deviceId         the device the attach token was minted for
 * @param edgeNode         the edge holding the device's new WebSocket (may differ from the edge holding the call)
 * @param registerReceived when that edge's registrar took the REGISTER carrying the attach token, before
 *                         checking its tokens and binding it; this event is published only after both, so
 *                         from here to {@link InviteDelivered} is the whole wait of a woken device for its
 *                         call. Null in events from edges that predate the field.
 */
public record DeviceAttached(String callId, String deviceId, String edgeNode, Instant registerReceived)
        implements CallEvent {

    /** An attach whose REGISTER time is not known. */
    public DeviceAttached(String callId, String deviceId, String edgeNode) {
        this(callId, deviceId, edgeNode, null);
    }
}
