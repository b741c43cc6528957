package io.ringedge.edge.media;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.ringedge.media.control.SessionFailure;
import io.ringedge.media.registry.WorkerInfo;
import io.ringedge.media.registry.WorkerRegistry;
import io.ringedge.media.registry.WorkerRegistryUnavailableException;
import io.ringedge.runtime.redis.RedisLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * How the edge learns that a call's media died, two ways:
 * <ul>
 *   <li>the workers publish their sessions' failures (media timeout, consent lost, ICE or DTLS
 *       failure) on this edge's Redis channel, {@link WorkerRegistry#failureChannel}: the call
 *       ends within a fraction of a second of the worker noticing;</li>
 *   <li>every {@code interval} it checks that the workers holding this edge's answered calls are
 *       still in the registry: a worker that crashed stops its heartbeat and lapses, and can
 *       publish nothing. Only looked at while such calls exist.</li>
 * </ul>
 */
public final class MediaFailureWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaFailureWatch.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final RedisLink link;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final ScheduledExecutorService scheduler;

    private MediaFailureWatch(RedisLink link, StatefulRedisPubSubConnection<String, String> subscriber,
                              ScheduledExecutorService scheduler) {
        this.link = link;
        this.subscriber = subscriber;
        this.scheduler = scheduler;
    }

    /**
     * Subscribes (returning once Redis confirmed it, so no failure published after start is
     * missed) and starts the periodic check.
     */
    public static MediaFailureWatch start(RedisLink.Settings redis, String keyPrefix, String nodeId, WorkerMediaAnchor anchor,
                                          Supplier<List<WorkerInfo>> liveWorkers, Duration interval) {
        RedisLink link = RedisLink.connect(redis);
        StatefulRedisPubSubConnection<String, String> subscriber;
        try {
            subscriber = link.connectPubSub();
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    try {
                        anchor.sessionFailed(JSON.readValue(message, SessionFailure.class));
                    } catch (JacksonException e) {
                        LOG.warn("unreadable session failure on {}: {}", channel, e.getOriginalMessage());
                    }
                }
            });
            subscriber.sync().subscribe(WorkerRegistry.failureChannel(keyPrefix, nodeId));
        } catch (RedisException e) {
            link.close();
            throw e;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("edge-" + nodeId + "-media-watch").daemon(true).factory());
        scheduler.scheduleWithFixedDelay(() -> check(anchor, liveWorkers), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return new MediaFailureWatch(link, subscriber, scheduler);
    }

    private static void check(WorkerMediaAnchor anchor, Supplier<List<WorkerInfo>> liveWorkers) {
        if (anchor.workersInUse().isEmpty()) {
            return;
        }
        try {
            Set<String> live = liveWorkers.get().stream().map(WorkerInfo::id).collect(Collectors.toSet());
            anchor.workersAlive(live);
        } catch (WorkerRegistryUnavailableException e) {
            // Redis away says nothing about the workers: no call is ended for it
            LOG.warn("media worker check skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("media worker check failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        subscriber.close();
        link.close();
    }
}
