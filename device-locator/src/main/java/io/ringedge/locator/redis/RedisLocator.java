package io.ringedge.locator.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.ringedge.locator.DeviceLocations;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.locator.LocatorUnavailableException;
import io.ringedge.locator.PendingCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * The locator's Redis access: one Lettuce client and one connection, shared by every caller.
 * Lettuce pipelines commands from many threads over that one connection, so SIP threads calling
 * the synchronous API wait only for their own reply (a loopback round trip), never for a pool.
 *
 * <p>While Redis is unreachable, commands fail at once ({@link LocatorUnavailableException})
 * instead of queueing behind the reconnect: a REGISTER gets a quick 5xx and the device retries.
 */
public final class RedisLocator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLocator.class);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisDeviceDirectory directory;
    private final RedisDeviceLocations locations;
    private final RedisPendingCalls pendingCalls;

    private RedisLocator(RedisClient client, StatefulRedisConnection<String, String> connection,
                         LocatorConfig config, Clock clock) {
        this.client = client;
        this.connection = connection;
        var commands = connection.sync();
        this.directory = new RedisDeviceDirectory(commands, config.keyPrefix(), clock, config.pushHandleTtl());
        this.locations = new RedisDeviceLocations(directory, commands, config.keyPrefix(), config.locatedTtl());
        this.pendingCalls = new RedisPendingCalls(commands, config.keyPrefix(), clock);
    }

    public static RedisLocator connect(LocatorConfig config) {
        return connect(config, Clock.systemUTC());
    }

    /** Connects now, so a wrong {@code redis.uri} fails at start-up rather than at the first call. */
    public static RedisLocator connect(LocatorConfig config, Clock clock) {
        RedisURI uri = RedisURI.create(config.redisUri());
        uri.setTimeout(config.redisTimeout());
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(config.redisTimeout()))
                .build());
        try {
            StatefulRedisConnection<String, String> connection = client.connect();
            LOG.info("device locator connected to Redis at {}:{}", uri.getHost(), uri.getPort());
            return new RedisLocator(client, connection, config, clock);
        } catch (RedisException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw new LocatorUnavailableException(LocatorConfig.REDIS_URI + ": cannot connect to Redis at "
                    + uri.getHost() + ":" + uri.getPort() + ": " + e.getMessage(), e);
        }
    }

    public RedisDeviceDirectory directory() {
        return directory;
    }

    public DeviceLocations locations() {
        return locations;
    }

    public PendingCalls pendingCalls() {
        return pendingCalls;
    }

    /** Closes the connection and releases Lettuce's threads. */
    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
