package io.ringedge.edge.cluster;

import io.ringedge.embedded.EmbeddedRedisCluster;
import io.ringedge.media.registry.WorkerInfo;
import io.ringedge.media.registry.WorkerRegistry;
import io.ringedge.runtime.redis.RedisLink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The edge's own Redis parts (node registry, attach channel) and the media worker registry on a
 * real three-node Redis Cluster, as production runs them (ElastiCache in cluster mode): keys of
 * different nodes land on different shards, and a multi-key command outside one hash slot would
 * fail here with CROSSSLOT.
 */
class RedisClusterModeTest {

    private static EmbeddedRedisCluster cluster;
    private static RedisLink.Settings settings;

    @BeforeAll
    static void startCluster() {
        cluster = EmbeddedRedisCluster.start(3);
        settings = new RedisLink.Settings(URI.create(cluster.uri()), true, Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void edgesFindEachOtherWhateverShardTheirEntriesLandOn() {
        List<String> nodes = List.of("edge-a", "edge-b", "edge-c", "edge-d", "edge-e", "edge-f");
        List<EdgeNodeRegistry> registries = nodes.stream().map(node -> EdgeNodeRegistry.start(settings, node,
                "sip:10.0.0." + (nodes.indexOf(node) + 1) + ":5070;transport=tcp", Duration.ofSeconds(30))).toList();
        try {
            for (String node : nodes) {
                assertEquals(Optional.of("sip:10.0.0." + (nodes.indexOf(node) + 1) + ":5070;transport=tcp"),
                        registries.getFirst().lookup(node), node);
            }
        } finally {
            registries.forEach(EdgeNodeRegistry::close);
        }
    }

    @Test
    void anAttachPublishedOnOneEdgeReachesTheHoldingEdge() throws Exception {
        BlockingQueue<AttachChannel.Attached> heardByA = new LinkedBlockingQueue<>();
        try (AttachChannel a = AttachChannel.start(settings, "edge-a", heardByA::add);
             AttachChannel b = AttachChannel.start(settings, "edge-b", attached -> { })) {
            AttachChannel.Attached attached = new AttachChannel.Attached("call-1", "phone-1", "edge-b", "flow-9",
                    "sip:phone-1@p.invalid;transport=ws");
            b.send("edge-a", attached);
            assertEquals(attached, heardByA.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void theWorkerRegistryListsRemovesAndPublishesOnACluster() {
        try (WorkerRegistry registry = WorkerRegistry.connect(settings, "cluster")) {
            registry.publish(new WorkerInfo("w1", URI.create("http://10.0.1.1:8090"), 100, 10), Duration.ofSeconds(30));
            registry.publish(new WorkerInfo("w2", URI.create("http://10.0.1.2:8090"), 100, 20), Duration.ofSeconds(30));
            assertEquals(List.of("w1", "w2"), registry.liveWorkers().stream().map(WorkerInfo::id).sorted().toList());
            registry.remove("w1");
            assertEquals(List.of("w2"), registry.liveWorkers().stream().map(WorkerInfo::id).toList());
        }
    }
}
