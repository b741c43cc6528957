package io.ringedge.embedded;

import io.ringedge.embedded.internal.KraftNode;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Kafka broker in this JVM: one KRaft node acting as broker and controller, listening on
 * 127.0.0.1 only. It can be {@linkplain #stop() stopped} and {@linkplain #restart() restarted} on the
 * same ports over the same data, so a test can take Kafka away from running clients and give it
 * back at the address they already know.
 *
 * <p>Kafka's server loggers are set to WARN on start: its INFO output is thousands of lines per
 * start-up, none of which matter to a one-machine deployment or a test.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** Partitions of an auto-created topic: enough to spread call ids over consumers of a group. */
    public static final int DEFAULT_PARTITIONS = 8;

    private final Path dataDir;
    private final boolean temporary;
    private final int port;
    private final KraftNode node;

    private EmbeddedKafka(Path dataDir, boolean temporary, int port, int controllerPort, int partitions) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.port = port;
        this.node = new KraftNode(dataDir.resolve("kraft"), port, controllerPort, partitions);
    }

    /** A broker on free ports over a temporary data directory that {@link #close()} deletes. */
    public static EmbeddedKafka start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("ringedge-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary Kafka data directory", e);
        }
        return start(dir, true, 0, DEFAULT_PARTITIONS);
    }

    /**
     * A broker over {@code dataDir}, kept by {@link #close()}: a later start over the same directory
     * finds the topics and records of the earlier one.
     *
     * @param port the client (PLAINTEXT) port; 0 picks a free one
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, DEFAULT_PARTITIONS);
    }

    /** As {@link #start(Path, int)}, with {@code partitions} for each auto-created topic. */
    public static EmbeddedKafka start(Path dataDir, int port, int partitions) {
        return start(dataDir, false, port, partitions);
    }

    private static EmbeddedKafka start(Path dataDir, boolean temporary, int port, int partitions) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        quietServerLogs();
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        EmbeddedKafka kafka = new EmbeddedKafka(dataDir, temporary, brokerPort, controllerPort, partitions);
        try {
            kafka.node.start();
        } catch (RuntimeException e) {
            kafka.deleteIfTemporary();
            throw e;
        }
        return kafka;
    }

    /** {@code 127.0.0.1:PORT}; the same before and after {@link #restart()}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Shuts the broker down: its ports close, so clients see it unreachable. Data and ports are kept. */
    public void stop() {
        node.stop();
    }

    /** Starts the broker again on the same ports over the same data; a no-op while it runs. */
    public void restart() {
        node.start();
    }

    /** Where the broker keeps its log; deleted by {@link #close()} only if {@link #start()} created it. */
    public Path dataDir() {
        return dataDir;
    }

    public boolean running() {
        return node.running();
    }

    /** Stops the broker and deletes the data directory if {@link #start()} created it. */
    @Override
    public void close() {
        node.stop();
        deleteIfTemporary();
    }

    private void deleteIfTemporary() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete temporary Kafka data directory " + dataDir, e);
        }
    }

    private static void quietServerLogs() {
        Configurator.setLevel("kafka", Level.WARN);
        Configurator.setLevel("org.apache.kafka", Level.WARN);
        Configurator.setLevel("state.change.logger", Level.WARN);
    }

    /**
     * A port nothing listens on now. The port is free again when the broker binds it a moment
     * later; the window in between is the usual, accepted race of ephemeral-port tests.
     */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }
}
