package io.ringedge.locator.redis;

import io.ringedge.embedded.EmbeddedRedis;
import org.junit.jupiter.api.AfterAll;

/** The directory contract on the embedded real Redis (redis-server on PATH or the shipped binary). */
class RedisDeviceDirectoryTest extends DeviceDirectoryContract {

    private final EmbeddedRedis server = EmbeddedRedis.start();

    @Override
    String redisUri() {
        return server.uri();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }
}
