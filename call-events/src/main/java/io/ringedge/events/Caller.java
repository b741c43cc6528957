package io.ringedge.events;

/** The calling party as the PBX presented it. {@code displayName} may be empty, never null. */
public record Caller(String displayName, String number) {
}
