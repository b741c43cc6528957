package io.ringedge.events;

/** The calling party as the PBX presented it. {@code displayName} may be empty, never null. */
public record Caller(String displayName, String number) {

    /** No caller known (an event of an older schema without one). */
    public static final Caller UNKNOWN = new Caller("", "");
}
