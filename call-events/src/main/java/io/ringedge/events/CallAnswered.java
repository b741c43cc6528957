package io.ringedge.events;

/** A device answered (its 200 OK won the fork); the PBX has been sent 200. */
public record CallAnswered(String callId, String deviceId) implements CallEvent {
}
