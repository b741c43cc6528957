package io.ringedge.launcher;

import io.ringedge.embedded.EmbeddedKafka;
import io.ringedge.embedded.EmbeddedRedis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The real Kafka broker and Redis server the one-machine default runs in this JVM (Redis as a
 * child process). {@link #addresses()} gives the configuration values that point every service
 * at them.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private final Optional<EmbeddedKafka> kafka;
    private final Optional<EmbeddedRedis> redis;

    private EmbeddedInfrastructure(Optional<EmbeddedKafka> kafka, Optional<EmbeddedRedis> redis) {
        this.kafka = kafka;
        this.redis = redis;
    }

    static EmbeddedInfrastructure start(EmbeddedConfig config) {
        Optional<EmbeddedRedis> redis = config.redis()
                ? Optional.of(startRedis(config.redisPort()))
                : Optional.empty();
        try {
            Optional<EmbeddedKafka> kafka = config.kafka()
                    ? Optional.of(startKafka(config))
                    : Optional.empty();
            return new EmbeddedInfrastructure(kafka, redis);
        } catch (RuntimeException e) {
            redis.ifPresent(EmbeddedRedis::close);
            throw e;
        }
    }

    private static EmbeddedRedis startRedis(int port) {
        try {
            return EmbeddedRedis.start(port);
        } catch (RuntimeException e) {
            throw new IllegalStateException(EmbeddedConfig.REDIS_PORT + ": cannot start the embedded Redis on port "
                    + port + " (" + e.getMessage() + "); free the port or choose another", e);
        }
    }

    private static EmbeddedKafka startKafka(EmbeddedConfig config) {
        try {
            return EmbeddedKafka.start(config.kafkaDataDir(), config.kafkaPort());
        } catch (RuntimeException e) {
            throw new IllegalStateException(EmbeddedConfig.KAFKA_PORT + " / " + EmbeddedConfig.KAFKA_DATA_DIR
                    + ": cannot start the embedded Kafka on port " + config.kafkaPort() + " over "
                    + config.kafkaDataDir().toAbsolutePath() + " (" + e.getMessage() + ")", e);
        }
    }

    /** Configuration overrides naming the embedded servers' real addresses. */
    Map<String, String> addresses() {
        Map<String, String> values = new LinkedHashMap<>();
        kafka.ifPresent(k -> values.put(EmbeddedConfig.KAFKA_BOOTSTRAP, k.bootstrapServers()));
        redis.ifPresent(r -> values.put(EmbeddedConfig.REDIS_URI, r.uri()));
        return values;
    }

    public Optional<EmbeddedKafka> kafka() {
        return kafka;
    }

    @Override
    public void close() {
        kafka.ifPresent(EmbeddedKafka::close);
        redis.ifPresent(EmbeddedRedis::close);
    }
}
