package io.ringedge.locator.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
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
 * With {@code redis.cluster} the connection routes each command by its key's hash slot; the key
 * layout keeps every script within one slot.
 *
 * <p>While a standalone Redis is unreachable, commands fail at once
 * ({@link LocatorUnavailableException}) instead of queueing behind the reconnect: a REGISTER gets a
 * quick 5xx and the device retries. On a cluster they fail after {@code redis.timeout} at most.
 */
public final class RedisLocator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLocator.class);

    private final AbstractRedisClient client;
    private final LocatorConfig config;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> commands;
    private final RedisDeviceDirectory directory;
    private final RedisDeviceLocations locations;
    private final RedisPendingCalls pendingCalls;

    private RedisLocator(AbstractRedisClient client, StatefulConnection<String, String> connection,
                         RedisClusterCommands<String, String> commands, LocatorConfig config, Clock clock) {
        this.client = client;
        this.config = config;
        this.connection = connection;
        this.commands = commands;
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
        // Lettuce waits this long for connect(); commands expire after redis.timeout (TimeoutOptions)
        uri.setTimeout(config.redisConnectTimeout());
        AbstractRedisClient client = null;
        try {
            RedisLocator locator;
            if (config.redisCluster()) {
                RedisClusterClient cluster = RedisClusterClient.create(uri);
                client = cluster;
                // Node connections open lazily on first use, so commands must be allowed to wait for
                // them (bounded by redis.timeout) instead of being rejected while disconnected.
                cluster.setOptions(ClusterClientOptions.builder()
                        .timeoutOptions(TimeoutOptions.enabled(config.redisTimeout()))
                        // follow MOVED/ASK and failovers without waiting for a periodic refresh
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                                .enableAllAdaptiveRefreshTriggers().build())
                        .build());
                StatefulRedisClusterConnection<String, String> connection = cluster.connect();
                locator = new RedisLocator(cluster, connection, connection.sync(), config, clock);
            } else {
                RedisClient standalone = RedisClient.create(uri);
                client = standalone;
                standalone.setOptions(ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .timeoutOptions(TimeoutOptions.enabled(config.redisTimeout()))
                        .build());
                StatefulRedisConnection<String, String> connection = standalone.connect();
                locator = new RedisLocator(standalone, connection, connection.sync(), config, clock);
            }
            LOG.info("device locator connected to Redis{} at {}:{}", config.redisCluster() ? " Cluster" : "",
                    uri.getHost(), uri.getPort());
            return locator;
        } catch (RedisException e) {
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            throw new LocatorUnavailableException(LocatorConfig.REDIS_URI + ": cannot connect to Redis at "
                    + uri.getHost() + ":" + uri.getPort() + ": " + e.getMessage(), e);
        }
    }

    /** The settings it connected with: other parts of a service share this Redis. */
    public LocatorConfig config() {
        return config;
    }

    /**
     * The shared connection, for the few keys of other parts of a service (the edge's used attach
     * tokens): one connection per process, as above.
     */
    public RedisClusterCommands<String, String> commands() {
        return commands;
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
