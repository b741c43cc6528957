package io.ringedge.events;

/** A device signalled ringing (first 180 from that device); the PBX has been sent 180. */
public record CallRinging(String callId, String deviceId) implements CallEvent {
}
