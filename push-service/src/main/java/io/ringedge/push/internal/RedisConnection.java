package io.ringedge.push.internal;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.ringedge.locator.LocatorConfig;

import java.time.Duration;

/**
 * The push service's own Redis connection (the same {@code redis.*} keys as the locator), for its
 * per-call state. Lettuce multiplexes every thread's commands over this one connection.
 */
public final class RedisConnection implements AutoCloseable {

    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> commands;

    private RedisConnection(AbstractRedisClient client, StatefulConnection<String, String> connection,
                            RedisClusterCommands<String, String> commands) {
        this.client = client;
        this.connection = connection;
        this.commands = commands;
    }

    public static RedisConnection connect(LocatorConfig config) {
        RedisURI uri = RedisURI.create(config.redisUri());
        uri.setTimeout(config.redisTimeout());
        if (config.redisCluster()) {
            RedisClusterClient cluster = RedisClusterClient.create(uri);
            cluster.setOptions(ClusterClientOptions.builder()
                    .timeoutOptions(TimeoutOptions.enabled(config.redisTimeout())).build());
            StatefulRedisClusterConnection<String, String> connection = cluster.connect();
            return new RedisConnection(cluster, connection, connection.sync());
        }
        RedisClient standalone = RedisClient.create(uri);
        // fail fast while Redis is away rather than queue pushes behind a reconnect
        standalone.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(config.redisTimeout())).build());
        StatefulRedisConnection<String, String> connection = standalone.connect();
        return new RedisConnection(standalone, connection, connection.sync());
    }

    public RedisClusterCommands<String, String> commands() {
        return commands;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
