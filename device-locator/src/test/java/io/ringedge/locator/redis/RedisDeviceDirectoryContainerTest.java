package io.ringedge.locator.redis;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/** The directory contract on Redis 7 in a container; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class RedisDeviceDirectoryContainerTest extends DeviceDirectoryContract {

    @Container
    private static final GenericContainer<?> REDIS =
            new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(6379);

    @Override
    String redisUri() {
        return "redis://" + REDIS.getHost() + ":" + REDIS.getMappedPort(6379);
    }
}
