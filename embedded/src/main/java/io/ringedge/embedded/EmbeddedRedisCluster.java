package io.ringedge.embedded;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A real Redis Cluster of {@code n} primaries on loopback, slots split evenly, for tests of code
 * that must run on a cluster-mode Redis (ElastiCache in production): a command or script whose keys
 * span slots fails here with CROSSSLOT exactly as it would there.
 */
public final class EmbeddedRedisCluster implements AutoCloseable {

    private static final int SLOTS = 16384;
    private static final Duration FORMING = Duration.ofSeconds(30);

    private final List<EmbeddedRedis> nodes;

    private EmbeddedRedisCluster(List<EmbeddedRedis> nodes) {
        this.nodes = nodes;
    }

    /** Starts the nodes, assigns the slots, joins them, and returns once every node reports the cluster ok. */
    public static EmbeddedRedisCluster start(int primaries) {
        List<EmbeddedRedis> nodes = new ArrayList<>();
        EmbeddedRedisCluster cluster = new EmbeddedRedisCluster(nodes);
        try {
            for (int i = 0; i < primaries; i++) {
                nodes.add(EmbeddedRedis.start(portWithFreeBusPort(), EmbeddedRedis.Binary.PATH_THEN_SHIPPED,
                        List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                                "--cluster-node-timeout", "2000")));
            }
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void form() {
        RedisClient admin = RedisClient.create();
        try {
            for (int i = 0; i < nodes.size(); i++) {
                try (StatefulRedisConnection<String, String> node = admin.connect(RedisURI.create(nodes.get(i).uri()))) {
                    node.sync().clusterAddSlots(IntStream.range(i * SLOTS / nodes.size(),
                            (i + 1) * SLOTS / nodes.size()).toArray());
                    if (i > 0) {
                        node.sync().clusterMeet("127.0.0.1", nodes.get(0).port());
                    }
                }
            }
            long deadline = System.nanoTime() + FORMING.toNanos();
            for (EmbeddedRedis n : nodes) {
                try (StatefulRedisConnection<String, String> node = admin.connect(RedisURI.create(n.uri()))) {
                    while (!formed(node.sync().clusterInfo())) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("Redis Cluster did not form within " + FORMING
                                    + ": node " + n.port() + " says " + node.sync().clusterInfo());
                        }
                        Thread.sleep(50);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the cluster formed", e);
        } finally {
            admin.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private boolean formed(String clusterInfo) {
        return clusterInfo.contains("cluster_state:ok") && clusterInfo.contains("cluster_known_nodes:" + nodes.size());
    }

    /** The first node's URI: a cluster client discovers the others from it. */
    public String uri() {
        return nodes.getFirst().uri();
    }

    /** The primaries, in slot order (node {@code i} serves slots {@code [i*16384/n, (i+1)*16384/n)}). */
    public List<EmbeddedRedis> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public void close() {
        nodes.forEach(EmbeddedRedis::close);
    }

    /** Redis listens for its cluster bus on port + 10000, which must exist and be free too. */
    private static int portWithFreeBusPort() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
                int port = probe.getLocalPort();
                if (port + 10000 <= 65535) {
                    try (ServerSocket bus = new ServerSocket(port + 10000, 1, loopback)) {
                        return port;
                    } catch (IOException busTaken) {
                        // try another
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no port with a free cluster bus port");
    }
}
