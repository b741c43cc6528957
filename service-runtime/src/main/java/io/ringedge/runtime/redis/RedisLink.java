package io.ringedge.runtime.redis;

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
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.net.URI;
import java.time.Duration;

/**
 * One Lettuce client and one command connection to Redis, standalone or Cluster
 * ({@code redis.cluster}), the way every Ringedge process connects. Lettuce pipelines commands
 * from many threads over the one connection, so a caller of the synchronous API waits only for its
 * own reply. On a Cluster each command is routed by its key's hash slot (keys that a script or a
 * multi-key command touches together share a hash tag); classic pub/sub works on either, since a
 * Cluster forwards every PUBLISH to all its nodes.
 *
 * <p>While a standalone Redis is unreachable commands fail at once instead of queueing behind the
 * reconnect (a caller answers 5xx or retries on its next beat); a Cluster's node connections open
 * lazily, so there commands may wait for them, bounded by the command timeout.
 */
public final class RedisLink implements AutoCloseable {

    /**
     * Where and how to connect.
     *
     * @param connectTimeout how long connecting may take (at start-up and on reconnects)
     * @param commandTimeout how long one command may take before it fails
     */
    public record Settings(URI uri, boolean cluster, Duration connectTimeout, Duration commandTimeout) {

        /** A single Redis node, connecting and commanding within {@code timeout}. */
        public static Settings standalone(URI uri, Duration timeout) {
            return new Settings(uri, false, timeout, timeout);
        }
    }

    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> commands;
    private final RedisClusterAsyncCommands<String, String> asyncCommands;

    private RedisLink(AbstractRedisClient client, StatefulConnection<String, String> connection,
                      RedisClusterCommands<String, String> commands,
                      RedisClusterAsyncCommands<String, String> asyncCommands) {
        this.client = client;
        this.connection = connection;
        this.commands = commands;
        this.asyncCommands = asyncCommands;
    }

    /**
     * Connects now, so a wrong address fails at start-up rather than at the first command.
     *
     * @throws RedisException when Redis cannot be reached; the caller names its config key
     */
    public static RedisLink connect(Settings settings) {
        RedisURI uri = RedisURI.create(settings.uri());
        uri.setTimeout(settings.connectTimeout());
        TimeoutOptions timeouts = TimeoutOptions.enabled(settings.commandTimeout());
        AbstractRedisClient client = null;
        try {
            if (settings.cluster()) {
                RedisClusterClient cluster = RedisClusterClient.create(uri);
                client = cluster;
                cluster.setOptions(ClusterClientOptions.builder()
                        .timeoutOptions(timeouts)
                        // follow MOVED/ASK and failovers without waiting for a periodic refresh
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                                .enableAllAdaptiveRefreshTriggers().build())
                        .build());
                StatefulRedisClusterConnection<String, String> connection = cluster.connect();
                return new RedisLink(cluster, connection, connection.sync(), connection.async());
            }
            RedisClient standalone = RedisClient.create(uri);
            client = standalone;
            standalone.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(timeouts)
                    .build());
            StatefulRedisConnection<String, String> connection = standalone.connect();
            return new RedisLink(standalone, connection, connection.sync(), connection.async());
        } catch (RedisException e) {
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            throw e;
        }
    }

    /** The synchronous commands over the shared connection (a Cluster's interface serves both). */
    public RedisClusterCommands<String, String> commands() {
        return commands;
    }

    /**
     * The asynchronous commands over the same connection: a caller that must not wait (a consumer
     * thread) issues them and goes on. Commands issued from one thread reach Redis, and run there,
     * in the order issued (on a Cluster: per node, so commands on one hash tag keep their order);
     * their futures complete on Lettuce's I/O threads, where nothing may block.
     */
    public RedisClusterAsyncCommands<String, String> asyncCommands() {
        return asyncCommands;
    }

    /** A connection of its own for subscribing (a subscribed connection can do nothing else). */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return switch (client) {
            case RedisClusterClient cluster -> cluster.connectPubSub();
            case RedisClient standalone -> standalone.connectPubSub();
            default -> throw new IllegalStateException("unknown client " + client.getClass());
        };
    }

    /** Closes the connection and releases Lettuce's threads (subscriptions close with the client). */
    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
