package io.ringedge.media.control;

/** The outcome of opening a session's media: opened, or no ports left (a normal, expected answer). */
public sealed interface SessionOpening {

    record Opened(SessionMedia media) implements SessionOpening {
    }

    record Exhausted(String reason) implements SessionOpening {
    }
}
