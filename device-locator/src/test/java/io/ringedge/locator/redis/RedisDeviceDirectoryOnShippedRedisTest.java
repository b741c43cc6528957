package io.ringedge.locator.redis;

import io.ringedge.embedded.EmbeddedRedis;
import org.junit.jupiter.api.AfterAll;

/**
 * The directory contract on the Redis 6.2 binary shipped in embedded-redis: what the one-machine
 * default runs where no redis-server is installed, so the scripts must hold there too.
 */
class RedisDeviceDirectoryOnShippedRedisTest extends DeviceDirectoryContract {

    private final EmbeddedRedis server = EmbeddedRedis.start(0, EmbeddedRedis.Binary.SHIPPED);

    @Override
    String redisUri() {
        return server.uri();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }
}
