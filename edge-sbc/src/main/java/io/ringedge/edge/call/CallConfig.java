package io.ringedge.edge.call;

import io.helidon.config.Config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * How calls behave. Part of the edge's configuration, read once and validated at start-up.
 *
 * @param ringTimeout {@code edge.call.ring-timeout}: from the PBX's INVITE to giving up with 480
 *                    when no device answered
 * @param ackTimeout  {@code edge.call.ack-timeout}: how long a 200 OK sent to the PBX waits for
 *                    its ACK before both legs are ended with BYE (RFC 3261 §13.3.1.4: 64*T1)
 */
public record CallConfig(Duration ringTimeout, Duration ackTimeout) {

    public static final String RING_TIMEOUT_KEY = "edge.call.ring-timeout";
    public static final String ACK_TIMEOUT_KEY = "edge.call.ack-timeout";

    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(45);
    /** 64 * T1 with RFC 3261's default T1 of 500 ms. */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(32);

    public static final CallConfig DEFAULTS = new CallConfig(DEFAULT_RING_TIMEOUT, DEFAULT_ACK_TIMEOUT);

    public CallConfig {
        requireWithin(RING_TIMEOUT_KEY, ringTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
        requireWithin(ACK_TIMEOUT_KEY, ackTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
    }

    /**
     * Reads the keys under the root of {@code config}; an absent key takes its default. Durations
     * are written {@code 45s}, {@code 500ms}, {@code 2m} or in ISO-8601 ({@code PT45S}).
     *
     * @throws IllegalArgumentException naming the key whose value is unusable
     */
    public static CallConfig from(Config config) {
        return new CallConfig(duration(config, RING_TIMEOUT_KEY, DEFAULT_RING_TIMEOUT),
                duration(config, ACK_TIMEOUT_KEY, DEFAULT_ACK_TIMEOUT));
    }

    private static Duration duration(Config config, String key, Duration fallback) {
        return config.get(key).asString().map(value -> parse(key, value)).orElse(fallback);
    }

    static Duration parse(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(v);
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // falls through to the error below, which names the key
        }
        throw new IllegalArgumentException(key + ": must be a duration like 45s, 500ms, 2m or PT45S, was '"
                + value + "'");
    }

    private static void requireWithin(String key, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, key);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + ": must be between " + text(min) + " and " + text(max)
                    + ", was " + text(value));
        }
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
