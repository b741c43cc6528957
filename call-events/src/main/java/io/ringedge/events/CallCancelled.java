package io.ringedge.events;

/** The caller cancelled before any device answered; every fork was cancelled. */
public record CallCancelled(String callId) implements CallEvent {
}
