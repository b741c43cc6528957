package io.ringedge.locator;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.ringedge.runtime.redis.RedisLink;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The device locator's configuration, read once from Helidon Config and validated; every error
 * names its key. Durations are ISO-8601 ({@code PT0.5S}, {@code P30D}).
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code redis.uri}</td><td>{@code redis://127.0.0.1:6379}</td>
 *       <td>Redis server ({@code redis://} or {@code rediss://} for TLS; user, password and database in the URI)</td></tr>
 *   <tr><td>{@code redis.cluster}</td><td>{@code false}</td>
 *       <td>{@code true}: {@code redis.uri} is one node of a Redis Cluster (the client discovers the rest)</td></tr>
 *   <tr><td>{@code redis.timeout}</td><td>{@code PT0.5S}</td>
 *       <td>command timeout; SIP threads wait at most this long for Redis</td></tr>
 *   <tr><td>{@code redis.connect-timeout}</td><td>{@code PT10S}</td>
 *       <td>how long start-up waits for the first connection (a cold JVM on a busy host is slow)</td></tr>
 *   <tr><td>{@code redis.key-prefix}</td><td>{@code ringedge}</td>
 *       <td>first part of every key, so one Redis can serve several deployments</td></tr>
 *   <tr><td>{@code locator.push-handle-ttl}</td><td>{@code P30D}</td>
 *       <td>how long a push handle lives after the device's last REGISTER carrying it</td></tr>
 *   <tr><td>{@code locator.located-ttl}</td><td>{@code PT10M}</td>
 *       <td>how long the first device list computed for a call is kept, so redelivery repeats it</td></tr>
 * </table>
 */
public record LocatorConfig(URI redisUri, boolean redisCluster, Duration redisTimeout, Duration redisConnectTimeout,
                            String keyPrefix, Duration pushHandleTtl,
                            Duration locatedTtl) {

    public static final String REDIS_URI = "redis.uri";
    public static final String REDIS_CLUSTER = "redis.cluster";
    public static final String REDIS_TIMEOUT = "redis.timeout";
    public static final String REDIS_CONNECT_TIMEOUT = "redis.connect-timeout";
    public static final String REDIS_KEY_PREFIX = "redis.key-prefix";
    public static final String PUSH_HANDLE_TTL = "locator.push-handle-ttl";
    public static final String LOCATED_TTL = "locator.located-ttl";

    /** Every key under {@code locator}; anything else there is a typo and is refused. */
    private static final Set<String> LOCATOR_KEYS = Set.of(PUSH_HANDLE_TTL, LOCATED_TTL);
    private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public LocatorConfig {
        if (redisUri == null || !("redis".equals(redisUri.getScheme()) || "rediss".equals(redisUri.getScheme()))
                || redisUri.getHost() == null) {
            throw new ConfigException(REDIS_URI + ": must be redis://host:port or rediss://host:port, was "
                    + redacted(redisUri));
        }
        requireBetween(REDIS_TIMEOUT, redisTimeout, Duration.ofMillis(1), Duration.ofMinutes(1));
        requireBetween(REDIS_CONNECT_TIMEOUT, redisConnectTimeout, Duration.ofMillis(1), Duration.ofMinutes(5));
        if (keyPrefix == null || !KEY_PREFIX.matcher(keyPrefix).matches()) {
            // a brace would become a Redis Cluster hash tag, a colon would blur the key structure
            throw new ConfigException(REDIS_KEY_PREFIX + ": must be 1..64 of [A-Za-z0-9._-], was " + keyPrefix);
        }
        requireBetween(PUSH_HANDLE_TTL, pushHandleTtl, Duration.ofSeconds(1), Duration.ofDays(3650));
        requireBetween(LOCATED_TTL, locatedTtl, Duration.ofSeconds(1), Duration.ofDays(1));
    }

    /** Reads the keys from the root of {@code config}; missing keys take their defaults. */
    public static LocatorConfig from(Config config) {
        rejectUnknownKeys(config.get("locator"));
        return new LocatorConfig(
                uri(config.get(REDIS_URI), "redis://127.0.0.1:6379"),
                bool(config.get(REDIS_CLUSTER), false),
                duration(config.get(REDIS_TIMEOUT), "PT0.5S"),
                duration(config.get(REDIS_CONNECT_TIMEOUT), "PT10S"),
                config.get(REDIS_KEY_PREFIX).asString().orElse("ringedge"),
                duration(config.get(PUSH_HANDLE_TTL), "P30D"),
                duration(config.get(LOCATED_TTL), "PT10M"));
    }

    /** Without the password that {@code redis.uri} may carry, for logs and errors. */
    @Override
    public String toString() {
        return "LocatorConfig[redisUri=" + redacted(redisUri) + ", redisCluster=" + redisCluster
                + ", redisTimeout=" + redisTimeout + ", redisConnectTimeout=" + redisConnectTimeout
                + ", keyPrefix=" + keyPrefix + ", pushHandleTtl=" + pushHandleTtl + ", locatedTtl=" + locatedTtl + "]";
    }

    private static String redacted(URI uri) {
        if (uri == null || uri.getRawUserInfo() == null) {
            return String.valueOf(uri);
        }
        return uri.getScheme() + "://***@" + uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1)
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static void rejectUnknownKeys(Config locator) {
        if (!locator.exists()) {
            return;
        }
        List<String> unknown = locator.traverse()
                .filter(Config::isLeaf)
                .map(node -> node.key().toString())
                .filter(key -> !LOCATOR_KEYS.contains(key))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new ConfigException(unknown.get(0) + ": unknown key (known: "
                    + String.join(", ", LOCATOR_KEYS.stream().sorted().toList()) + ")");
        }
    }

    private static URI uri(Config node, String fallback) {
        String text = node.asString().orElse(fallback);
        try {
            return URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            // the text may hold a password: say where, not what
            throw new ConfigException(node.key() + ": not a valid URI");
        }
    }

    private static boolean bool(Config node, boolean fallback) {
        String text = node.asString().orElse(Boolean.toString(fallback)).trim();
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(node.key() + ": must be true or false, was " + text);
        };
    }

    private static Duration duration(Config node, String fallback) {
        String text = node.asString().orElse(fallback);
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigException(node.key() + ": must be an ISO-8601 duration such as PT0.5S or P30D, was "
                    + text);
        }
    }

    private static void requireBetween(String key, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(key + ": must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** How this service connects to Redis ({@code redis.uri}, {@code redis.cluster} and the timeouts). */
    public RedisLink.Settings redisLink() {
        return new RedisLink.Settings(redisUri, redisCluster, redisConnectTimeout, redisTimeout);
    }
}
