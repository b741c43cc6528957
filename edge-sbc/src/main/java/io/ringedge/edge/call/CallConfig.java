package io.ringedge.edge.call;

import java.time.Duration;
import java.util.Objects;

/**
 * How calls behave. Built by the edge's wiring from its configuration record
 * ({@code edge.call.ring-timeout-seconds}, validated there); checked again here so no caller can
 * build a machine with a timer that makes no sense.
 *
 * @param ringTimeout from the PBX's INVITE to giving up with 480 when no device answered
 * @param ackTimeout  how long a 200 OK sent to the PBX waits for its ACK before both legs are
 *                    ended with BYE (RFC 3261 §13.3.1.4: 64*T1)
 */
public record CallConfig(Duration ringTimeout, Duration ackTimeout) {

    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(45);
    /** 64 * T1 with RFC 3261's default T1 of 500 ms; the edge's stack keeps the default T1. */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(32);

    public static final CallConfig DEFAULTS = new CallConfig(DEFAULT_RING_TIMEOUT, DEFAULT_ACK_TIMEOUT);

    public CallConfig {
        requireWithin("ring timeout (edge.call.ring-timeout-seconds)", ringTimeout, Duration.ofSeconds(1),
                Duration.ofMinutes(10));
        requireWithin("ACK timeout", ackTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
    }

    /** The ring timeout from configuration, the RFC 3261 ACK timeout. */
    public static CallConfig withRingTimeout(Duration ringTimeout) {
        return new CallConfig(ringTimeout, DEFAULT_ACK_TIMEOUT);
    }

    private static void requireWithin(String name, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + ": must be between " + text(min) + " and " + text(max)
                    + ", was " + text(value));
        }
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
