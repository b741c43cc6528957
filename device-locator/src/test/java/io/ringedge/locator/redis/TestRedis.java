package io.ringedge.locator.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;

/**
 * A raw Lettuce connection to the Redis under test, for building directories with test-sized
 * lifetimes and for looking at the keys the code under test wrote.
 */
final class TestRedis implements AutoCloseable {

    static final String PREFIX = "test";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    TestRedis(String uri) {
        this.client = RedisClient.create(uri);
        this.connection = client.connect();
    }

    RedisCommands<String, String> commands() {
        return connection.sync();
    }

    RedisAsyncCommands<String, String> async() {
        return connection.async();
    }

    /** Closes the connection while the client stays: commands on it fail from now on. */
    void closeConnection() {
        connection.close();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
