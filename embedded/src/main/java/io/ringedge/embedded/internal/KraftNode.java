package io.ringedge.embedded.internal;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * One KRaft node that is both broker and controller, with a fixed configuration so it can be shut
 * down and started again on the same ports over the same log directory. The Kafka test kit's
 * {@code KafkaClusterTestKit} binds port 0 on every start, which is why it is not used here:
 * clients of a restarted broker must find it at the bootstrap address they already have.
 */
public final class KraftNode {

    /**
     * Fixed so a data directory formatted by one run is accepted by the next: KRaft refuses to start
     * over a log directory whose {@code meta.properties} names a different cluster. Base64url of the
     * 16 bytes {@code RingedgeEmbedded}.
     */
    static final String CLUSTER_ID = "UmluZ2VkZ2VFbWJlZGRlZA";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path logDir;
    private final int brokerPort;
    private final int controllerPort;
    private final int partitions;
    private KafkaRaftServer server;

    public KraftNode(Path logDir, int brokerPort, int controllerPort, int partitions) {
        this.logDir = logDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.partitions = partitions;
    }

    /** Formats the log directory unless an earlier run already did, then starts the node. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        formatOnce();
        KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(properties(), false), Time.SYSTEM);
        try {
            // Returns once the broker is unfenced, i.e. ready for clients.
            started.startup();
        } catch (RuntimeException e) {
            started.shutdown();
            started.awaitShutdown();
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            // Kafka's own message names the stage that failed, not the address; say both.
            throw new IllegalStateException("embedded Kafka could not start on 127.0.0.1:" + brokerPort
                    + " (controller port " + controllerPort + ", data " + logDir + "): " + root.getMessage(), e);
        }
        server = started;
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    public synchronized boolean running() {
        return server != null;
    }

    private void formatOnce() {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(CLUSTER_ID)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka log directory " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDir, e);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        // A static voter set: the quorum is this one node, nothing is stored about it beyond the log.
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        p.put("num.partitions", String.valueOf(partitions));
        p.put("auto.create.topics.enable", "true");
        // One broker: every internal topic must live with a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // A consumer group should start consuming at once; nobody else is going to join within 3 s.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Small buffers: this broker serves one machine, it should not reserve hundreds of MB.
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("server.max.startup.time.ms", "60000");
        // Threads sized for one machine shared with the services it serves (the defaults are 3
        // network, 8 request handler and 4 group coordinator threads, sized for a dedicated broker).
        // The clients are a handful of connections on loopback, each served in order anyway;
        // more threads only add hand-offs and wake-ups, which were the broker's hottest frames
        // under the signalling benchmark (Selector.wakeup).
        p.put("num.network.threads", "1");
        p.put("num.io.threads", "2");
        p.put("group.coordinator.threads", "1");
        p.put("background.threads", "2");
        return p;
    }
}
