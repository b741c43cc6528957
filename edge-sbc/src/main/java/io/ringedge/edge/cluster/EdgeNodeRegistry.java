package io.ringedge.edge.cluster;

import io.lettuce.core.SetArgs;
import io.ringedge.runtime.redis.RedisLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where each edge's internal SIP listener is, in Redis: {@code ringedge:edge:<node-id>} holds the
 * node's internal SIP URI with a TTL this node refreshes at a third of it. A node that dies simply
 * expires, so no other edge routes a call to a device flow on it for longer than the TTL.
 *
 * <p>The other half of edge-to-edge delivery: an edge holding a call for a device whose binding
 * names node B looks B up here and sends the INVITE to B's internal listener with the flow token
 * in the top Route ({@link FlowRoute}, RFC 5626 §5.3), which B's dispatcher hands
 * to {@code CallSignalling.relay} for that flow.
 */
public final class EdgeNodeRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeNodeRegistry.class);
    static final String PREFIX = "ringedge:edge:";

    private final RedisLink link;
    private final String nodeId;
    private final String internalUri;
    private final Duration ttl;
    private final ScheduledExecutorService refresher;

    private EdgeNodeRegistry(RedisLink link, String nodeId, String internalUri, Duration ttl) {
        this.link = link;
        this.nodeId = nodeId;
        this.internalUri = internalUri;
        this.ttl = ttl;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edge-node-registry-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Registers this node now (failing if Redis is unreachable at start-up) and keeps refreshing.
     *
     * @param internalUri e.g. {@code sip:10.0.0.5:5070;transport=tcp}
     */
    public static EdgeNodeRegistry start(RedisLink.Settings redis, String nodeId, String internalUri, Duration ttl) {
        EdgeNodeRegistry registry = new EdgeNodeRegistry(RedisLink.connect(redis), nodeId, internalUri, ttl);
        try {
            registry.announce();
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        long period = Math.max(1, ttl.toMillis() / 3);
        registry.refresher.scheduleAtFixedRate(registry::refresh, period, period, TimeUnit.MILLISECONDS);
        return registry;
    }

    private void announce() {
        link.commands().set(PREFIX + nodeId, internalUri, SetArgs.Builder.px(ttl.toMillis()));
    }

    private void refresh() {
        try {
            announce();
        } catch (RuntimeException e) {
            // Redis away: keep trying; the entry expiring meanwhile is the honest state.
            LOG.warn("cannot refresh edge node {} in Redis: {}", nodeId, e.getMessage());
        }
    }

    /** The internal SIP URI of a live node. */
    public Optional<String> lookup(String node) {
        return Optional.ofNullable(link.commands().get(PREFIX + node));
    }

    /** Leaves the cluster at once rather than waiting for the TTL. */
    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            link.commands().del(PREFIX + nodeId);
        } catch (RuntimeException e) {
            LOG.warn("cannot remove edge node {} from Redis: {}", nodeId, e.getMessage());
        } finally {
            link.close();
        }
    }
}
