package io.ringedge.events;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How a service reaches Kafka for events. Every value is checked here, so a bad one fails at
 * start-up with the name of its configuration key.
 *
 * @param bootstrapServers  {@code kafka.bootstrap-servers}: comma-separated {@code host:port} list
 * @param clientId          {@code kafka.client-id}: prefix of every Kafka client id this service creates
 * @param eventSource       {@code kafka.event-source}: CloudEvents {@code source} of published events
 * @param outboxCapacity    {@code kafka.outbox-capacity}: events kept while Kafka is unreachable; beyond, the oldest are dropped
 * @param maxUnacknowledged {@code kafka.max-unacknowledged}: events handed to the producer and not yet acknowledged
 * @param closeTimeout      {@code kafka.close-timeout-ms}: how long closing waits to deliver what is still queued
 * @param fetchMaxWait      {@code kafka.fetch-max-wait-ms}: longest a broker holds a consumer's fetch while no
 *                          record is there. A record ends the wait at once (fetch.min.bytes is 1), so this
 *                          is not on a call's path; it only sets how often an idle consumer asks again.
 * @param linger            {@code kafka.linger-ms}: how long the producer waits for more events before it sends a
 *                          request. Every produce request costs the broker an append and wakes every consumer
 *                          group's held fetch; a millisecond gathers the events of concurrent calls into one
 *                          request, at up to that much delay on each event.
 */
public record EventsConfig(String bootstrapServers, String clientId, URI eventSource, int outboxCapacity,
                           int maxUnacknowledged, Duration closeTimeout, Duration fetchMaxWait, Duration linger) {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
    public static final String CLIENT_ID = "kafka.client-id";
    public static final String EVENT_SOURCE = "kafka.event-source";
    public static final String OUTBOX_CAPACITY = "kafka.outbox-capacity";
    public static final String MAX_UNACKNOWLEDGED = "kafka.max-unacknowledged";
    public static final String CLOSE_TIMEOUT_MS = "kafka.close-timeout-ms";
    public static final String FETCH_MAX_WAIT_MS = "kafka.fetch-max-wait-ms";
    public static final String LINGER_MS = "kafka.linger-ms";

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final String DEFAULT_CLIENT_ID = "ringedge";
    public static final int DEFAULT_OUTBOX_CAPACITY = 100_000;
    public static final int DEFAULT_MAX_UNACKNOWLEDGED = 1_000;
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Kafka's own default; 5 ms made each idle consumer group fetch 200 times a second for nothing. */
    public static final Duration DEFAULT_FETCH_MAX_WAIT = Duration.ofMillis(500);
    /** The ring path's two events (CallOffered, DevicesLocated) each wait at most this: 2 ms in all. */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(1);
    /** Past this, batching would be felt by the caller: the ring path crosses two producers. */
    static final Duration MAX_LINGER = Duration.ofMillis(100);

    private static final Pattern CLIENT_ID_PATTERN = Pattern.compile("[A-Za-z0-9._-]+");

    public EventsConfig {
        checkBootstrapServers(bootstrapServers);
        checkClientId(clientId);
        if (eventSource == null || eventSource.toString().isEmpty()) {
            throw invalid(EVENT_SOURCE, "must be a non-empty URI-reference", eventSource);
        }
        if (outboxCapacity < 1) {
            throw invalid(OUTBOX_CAPACITY, "must be at least 1", outboxCapacity);
        }
        if (maxUnacknowledged < 1) {
            throw invalid(MAX_UNACKNOWLEDGED, "must be at least 1", maxUnacknowledged);
        }
        if (closeTimeout == null || closeTimeout.isNegative()) {
            throw invalid(CLOSE_TIMEOUT_MS, "must be 0 or more", closeTimeout);
        }
        if (fetchMaxWait == null || fetchMaxWait.isNegative() || fetchMaxWait.toMillis() > Integer.MAX_VALUE) {
            throw invalid(FETCH_MAX_WAIT_MS, "must be 0 or more", fetchMaxWait);
        }
        if (linger == null || linger.isNegative() || linger.compareTo(MAX_LINGER) > 0) {
            throw invalid(LINGER_MS, "must be 0.." + MAX_LINGER.toMillis(), linger == null ? null : linger.toMillis());
        }
    }

    /** Defaults for everything but where Kafka is and who we are. */
    public static EventsConfig of(String bootstrapServers, String clientId) {
        return new EventsConfig(bootstrapServers, clientId, defaultSource(clientId), DEFAULT_OUTBOX_CAPACITY,
                DEFAULT_MAX_UNACKNOWLEDGED, DEFAULT_CLOSE_TIMEOUT, DEFAULT_FETCH_MAX_WAIT, DEFAULT_LINGER);
    }

    /** Reads the {@code kafka.*} keys of {@code root}; absent keys take their defaults. */
    public static EventsConfig from(Config root) {
        String clientId = checkClientId(string(root, CLIENT_ID, DEFAULT_CLIENT_ID));
        String source = string(root, EVENT_SOURCE, defaultSource(clientId).toString());
        URI eventSource;
        try {
            eventSource = new URI(source);
        } catch (URISyntaxException e) {
            throw invalid(EVENT_SOURCE, "must be a URI-reference (" + e.getReason() + ")", source);
        }
        return new EventsConfig(
                string(root, BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP_SERVERS),
                clientId,
                eventSource,
                integer(root, OUTBOX_CAPACITY, DEFAULT_OUTBOX_CAPACITY),
                integer(root, MAX_UNACKNOWLEDGED, DEFAULT_MAX_UNACKNOWLEDGED),
                millis(root, CLOSE_TIMEOUT_MS, DEFAULT_CLOSE_TIMEOUT),
                millis(root, FETCH_MAX_WAIT_MS, DEFAULT_FETCH_MAX_WAIT),
                millis(root, LINGER_MS, DEFAULT_LINGER));
    }

    private static URI defaultSource(String clientId) {
        return URI.create("/ringedge/" + checkClientId(clientId));
    }

    private static String checkClientId(String clientId) {
        if (clientId == null || !CLIENT_ID_PATTERN.matcher(clientId).matches()) {
            throw invalid(CLIENT_ID, "must be letters, digits, '.', '_' or '-'", clientId);
        }
        return clientId;
    }

    private static String string(Config root, String key, String defaultValue) {
        try {
            return root.get(key).asString().orElse(defaultValue).trim();
        } catch (ConfigException e) {
            throw invalid(key, "must be a single value", e.getMessage());
        }
    }

    private static int integer(Config root, String key, int defaultValue) {
        String value = string(root, key, Integer.toString(defaultValue));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(key, "must be an integer", value);
        }
    }

    private static Duration millis(Config root, String key, Duration defaultValue) {
        int millis = integer(root, key, (int) defaultValue.toMillis());
        if (millis < 0) {
            throw invalid(key, "must be 0 or more", millis);
        }
        return Duration.ofMillis(millis);
    }

    private static void checkBootstrapServers(String servers) {
        if (servers == null || servers.isBlank()) {
            throw invalid(BOOTSTRAP_SERVERS, "must list at least one host:port", servers);
        }
        for (String server : servers.split(",")) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0) {
                throw invalid(BOOTSTRAP_SERVERS, "each entry must be host:port", servers);
            }
            int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw invalid(BOOTSTRAP_SERVERS, "port of '" + s + "' must be a number", servers);
            }
            if (port < 1 || port > 65535) {
                throw invalid(BOOTSTRAP_SERVERS, "port of '" + s + "' must be 1..65535", servers);
            }
        }
    }

    private static IllegalArgumentException invalid(String key, String rule, Object was) {
        return new IllegalArgumentException(key + ": " + rule + ", was " + (was == null ? "absent" : "'" + was + "'"));
    }
}
