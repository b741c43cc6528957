package io.ringedge.media.registry;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.ringedge.media.control.SessionFailure;
import io.ringedge.runtime.redis.RedisLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry's Redis access. Layout, hash-tagged so every key lives in one Cluster slot:
 * <pre>
 * {prefix}:{media-workers}:worker:{id}  JSON WorkerInfo, PX = the worker's TTL
 * {prefix}:{media-workers}:ids          SET of ids that may be alive
 * {prefix}:{media-workers}:failures:{edge-node}  pub/sub channel: JSON SessionFailure of that edge's calls
 * </pre>
 * The set is only an index: a worker is alive while its own key exists. Ids whose key expired are
 * dropped from the set by whoever reads it, atomically (a worker re-registering at that moment
 * keeps its id).
 */
public final class WorkerRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerRegistry.class);
    /** Removes the id from the set only if the worker's key is still absent when the script runs. */
    private static final String DROP_IF_EXPIRED =
            "if redis.call('EXISTS', KEYS[2]) == 0 then return redis.call('SREM', KEYS[1], ARGV[1]) end return 0";

    private final RedisLink link;
    private final RedisClusterCommands<String, String> redis;
    private final String keyPrefix;
    private final String prefix;
    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private WorkerRegistry(RedisLink link, String keyPrefix) {
        this.link = link;
        this.redis = link.commands();
        this.keyPrefix = keyPrefix;
        this.prefix = keyPrefix + ":{media-workers}:";
    }

    /**
     * Connects now, so a wrong {@code redis.uri} fails at start-up. The settings' command timeout
     * bounds every command: a worker's heartbeat can afford seconds, an edge choosing a worker for
     * a ringing call less.
     */
    public static WorkerRegistry connect(RedisLink.Settings redis, String keyPrefix) {
        try {
            return new WorkerRegistry(RedisLink.connect(redis), keyPrefix);
        } catch (RedisException e) {
            throw new WorkerRegistryUnavailableException("redis.uri: cannot connect to Redis"
                    + (redis.cluster() ? " Cluster" : "") + " at " + redis.uri().getHost() + ":"
                    + redis.uri().getPort() + ": " + e.getMessage(), e);
        }
    }

    /** Writes (or refreshes) one worker's entry, alive for {@code ttl} unless written again. */
    public void publish(WorkerInfo worker, Duration ttl) {
        String value;
        try {
            value = json.writeValueAsString(worker);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write WorkerInfo as JSON", e);
        }
        try {
            redis.set(workerKey(worker.id()), value, SetArgs.Builder.px(ttl.toMillis()));
            redis.sadd(idsKey(), worker.id());
        } catch (RedisException e) {
            throw unavailable("publish worker " + worker.id(), e);
        }
    }

    /**
     * Tells the edge {@code edgeNode} that sessions of its calls failed, one JSON
     * {@link SessionFailure} per message. Pub/sub delivers to whoever listens now: an edge that is
     * down has no calls to end, and its liveness check covers a message lost meanwhile.
     */
    public void publishFailures(String edgeNode, List<SessionFailure> failures) {
        try {
            for (SessionFailure failure : failures) {
                redis.publish(failureChannel(keyPrefix, edgeNode), json.writeValueAsString(failure));
            }
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write SessionFailure as JSON", e);
        } catch (RedisException e) {
            throw unavailable("report failures to edge " + edgeNode, e);
        }
    }

    /** The channel on which {@code edgeNode} hears of its sessions' failures. */
    public static String failureChannel(String keyPrefix, String edgeNode) {
        return keyPrefix + ":{media-workers}:failures:" + edgeNode;
    }

    /** Removes a worker's entry at once (orderly shutdown). */
    public void remove(String workerId) {
        try {
            redis.del(workerKey(workerId));
            redis.srem(idsKey(), workerId);
        } catch (RedisException e) {
            throw unavailable("remove worker " + workerId, e);
        }
    }

    /** Every worker whose entry has not expired. */
    public List<WorkerInfo> liveWorkers() {
        try {
            List<String> ids = new ArrayList<>(redis.smembers(idsKey()));
            if (ids.isEmpty()) {
                return List.of();
            }
            List<KeyValue<String, String>> entries = redis.mget(ids.stream().map(this::workerKey).toArray(String[]::new));
            List<WorkerInfo> live = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                KeyValue<String, String> entry = entries.get(i);
                if (!entry.hasValue()) {
                    redis.eval(DROP_IF_EXPIRED, ScriptOutputType.INTEGER, new String[]{idsKey(), workerKey(ids.get(i))},
                            ids.get(i));
                    continue;
                }
                try {
                    live.add(json.readValue(entry.getValue(), WorkerInfo.class));
                } catch (JacksonException | IllegalArgumentException e) {
                    LOG.warn("ignoring unreadable registry entry {}: {}", entry.getKey(), e.getMessage());
                }
            }
            return live;
        } catch (RedisException e) {
            throw unavailable("list workers", e);
        }
    }

    @Override
    public void close() {
        link.close();
    }

    String workerKey(String id) {
        return prefix + "worker:" + id;
    }

    String idsKey() {
        return prefix + "ids";
    }

    private static WorkerRegistryUnavailableException unavailable(String what, RedisException e) {
        return new WorkerRegistryUnavailableException("media worker registry: cannot " + what + ": " + e.getMessage(), e);
    }
}
