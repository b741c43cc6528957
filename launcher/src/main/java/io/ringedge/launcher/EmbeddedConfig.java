package io.ringedge.launcher;

import io.helidon.config.Config;

import java.nio.file.Path;

/**
 * What the launcher runs in-process. {@code kafka.bootstrap-servers} and {@code redis.uri} set to
 * {@value #EMBEDDED} start a real broker and server here; any other value points every service at
 * that external one instead, and nothing is started.
 *
 * @param kafka        {@code kafka.bootstrap-servers} is {@value #EMBEDDED}
 * @param kafkaPort    {@code embedded.kafka.port}: the embedded broker's port (0 = a free one)
 * @param kafkaDataDir {@code embedded.kafka.data-dir}: where the embedded broker keeps its log
 * @param redis        {@code redis.uri} is {@value #EMBEDDED}
 * @param redisPort    {@code embedded.redis.port}: the embedded Redis port (0 = a free one)
 */
public record EmbeddedConfig(boolean kafka, int kafkaPort, Path kafkaDataDir, boolean redis, int redisPort) {

    public static final String EMBEDDED = "embedded";
    static final String KAFKA_BOOTSTRAP = "kafka.bootstrap-servers";
    static final String REDIS_URI = "redis.uri";
    static final String KAFKA_PORT = "embedded.kafka.port";
    static final String KAFKA_DATA_DIR = "embedded.kafka.data-dir";
    static final String REDIS_PORT = "embedded.redis.port";

    public EmbeddedConfig {
        checkPort(KAFKA_PORT, kafkaPort);
        checkPort(REDIS_PORT, redisPort);
    }

    public static EmbeddedConfig from(Config root) {
        return new EmbeddedConfig(
                EMBEDDED.equals(root.get(KAFKA_BOOTSTRAP).asString().orElse("")),
                intValue(root, KAFKA_PORT, 9092),
                Path.of(root.get(KAFKA_DATA_DIR).asString().orElse("run/kafka")),
                EMBEDDED.equals(root.get(REDIS_URI).asString().orElse("")),
                intValue(root, REDIS_PORT, 6379));
    }

    private static int intValue(Config root, String key, int defaultValue) {
        String text = root.get(key).asString().orElse(Integer.toString(defaultValue)).trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": must be a whole number, was '" + text + "'");
        }
    }

    private static void checkPort(String key, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + ": must be 0..65535, was " + port);
        }
    }
}
