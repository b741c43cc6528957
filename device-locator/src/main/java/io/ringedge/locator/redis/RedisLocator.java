package io.ringedge.locator.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.ringedge.locator.DeviceLocations;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.locator.LocatorUnavailableException;
import io.ringedge.locator.PendingCalls;
import io.ringedge.runtime.redis.RedisLink;
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
 * How it connects is {@link RedisLink}'s: while Redis is unreachable a command fails
 * ({@link LocatorUnavailableException}) rather than queue, so a REGISTER gets a quick 503 and the
 * device retries.
 */
public final class RedisLocator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLocator.class);

    private final RedisLink link;
    private final LocatorConfig config;
    private final RedisClusterCommands<String, String> commands;
    private final RedisDeviceDirectory directory;
    private final RedisDeviceLocations locations;
    private final RedisPendingCalls pendingCalls;

    private RedisLocator(RedisLink link, LocatorConfig config, Clock clock) {
        this.link = link;
        this.config = config;
        this.commands = link.commands();
        this.directory = new RedisDeviceDirectory(commands, link.asyncCommands(), config.keyPrefix(), clock,
                config.pushHandleTtl());
        this.locations = new RedisDeviceLocations(link.asyncCommands(), config.keyPrefix(), clock, config.locatedTtl());
        this.pendingCalls = new RedisPendingCalls(commands, link.asyncCommands(), config.keyPrefix(), clock);
    }

    public static RedisLocator connect(LocatorConfig config) {
        return connect(config, Clock.systemUTC());
    }

    /** Connects now, so a wrong {@code redis.uri} fails at start-up rather than at the first call. */
    public static RedisLocator connect(LocatorConfig config, Clock clock) {
        RedisLink link;
        try {
            link = RedisLink.connect(config.redisLink());
        } catch (RedisException e) {
            throw new LocatorUnavailableException(LocatorConfig.REDIS_URI + ": cannot connect to Redis"
                    + (config.redisCluster() ? " Cluster" : "") + " at " + config.redisUri().getHost() + ":"
                    + config.redisUri().getPort() + ": " + e.getMessage(), e);
        }
        LOG.info("device locator connected to Redis{} at {}:{}", config.redisCluster() ? " Cluster" : "",
                config.redisUri().getHost(), config.redisUri().getPort());
        return new RedisLocator(link, config, clock);
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

    /**
     * The process's Redis link, for the other parts of a service that share this Redis (the edge's
     * node registry, attach channel and media worker registry): one client per process.
     */
    public RedisLink link() {
        return link;
    }

    /** Closes the connection and releases Lettuce's threads. */
    @Override
    public void close() {
        link.close();
    }
}
