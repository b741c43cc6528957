package io.ringedge.edge;

import io.helidon.config.Config;
import io.ringedge.edge.call.CallConfig;
import io.ringedge.edge.call.internal.B2bua;
import io.ringedge.edge.cluster.EdgeNodeRegistry;
import io.ringedge.edge.cluster.PendingWakes;
import io.ringedge.edge.media.MediaFailureWatch;
import io.ringedge.edge.media.RecentWorkers;
import io.ringedge.edge.media.WorkerMediaAnchor;
import io.ringedge.edge.sip.Ingress;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.EventEnvelope;
import io.ringedge.events.EventPublisher;
import io.ringedge.events.EventSubscriber;
import io.ringedge.events.EventsConfig;
import io.ringedge.events.KafkaEventPublisher;
import io.ringedge.events.RingedgeEvent;
import io.ringedge.events.Subscription;
import io.ringedge.events.Topics;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.locator.redis.RedisLocator;
import io.ringedge.media.control.MediaControlClient;
import io.ringedge.media.registry.WorkerDirectory;
import io.ringedge.media.registry.WorkerRegistry;
import io.ringedge.push.RedisUsedTokens;
import io.ringedge.runtime.observe.EventOutboxMeters;
import io.ringedge.runtime.observe.MeterRegistry;
import io.ringedge.runtime.observe.MeteredEventPublisher;
import io.ringedge.runtime.redis.RedisLink;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One edge node wired to the shared parts: registrations in Redis, call events published to
 * Kafka, and the device-locator's answers ({@code DevicesLocated}) consumed from Kafka and handed
 * to the calls this node holds. The same wiring runs as its own process ({@link EdgeMain}), in the
 * standalone JVM and in the end-to-end tests.
 */
public final class EdgeService implements AutoCloseable {

    private final Edge edge;
    private final EventSubscriber located;
    private final List<AutoCloseable> owned;

    private EdgeService(Edge edge, EventSubscriber located, List<AutoCloseable> owned) {
        this.edge = edge;
        this.located = located;
        this.owned = owned;
    }

    /** As its own process: its own Redis connection and Kafka publisher. */
    public static EdgeService start(Config root) {
        return start(root, new MeterRegistry());
    }

    /**
     * As its own process, with its calls, registrations and event outbox counted in
     * {@code metrics} (from the events it publishes: no hook in the SIP code).
     */
    public static EdgeService start(Config root, MeterRegistry metrics) {
        EdgeConfig edgeConfig = EdgeConfig.from(root);
        EventsConfig events = EventsConfig.from(root);
        RedisLocator redis = RedisLocator.connect(LocatorConfig.from(root));
        KafkaEventPublisher publisher;
        try {
            publisher = KafkaEventPublisher.start(events);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        EventOutboxMeters.register(metrics, publisher);
        EdgeService service = start(edgeConfig, events, redis, new MeteredEventPublisher(publisher, metrics),
                Clock.systemUTC(), List.of(publisher, redis));
        EdgeMeters.register(metrics, service.edge());
        return service;
    }

    /**
     * In a JVM that already has Redis access and a publisher (the standalone launcher, tests);
     * the caller owns and closes them.
     */
    public static EdgeService start(EdgeConfig config, EventsConfig events, RedisLocator redis,
                                    EventPublisher publisher, Clock clock) {
        return start(config, events, redis, publisher, clock, List.of());
    }

    private static EdgeService start(EdgeConfig config, EventsConfig events, RedisLocator redis,
                                     EventPublisher publisher, Clock clock, List<AutoCloseable> handedOver) {
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            // Calls borrow virtual threads one call at a time: a directory lookup may block for a
            // millisecond, and no call may hold up another.
            ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
            owned.add(workers::shutdownNow);
            ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("edge-" + config.nodeId() + "-timers").daemon(true).factory());
            owned.add(timers::shutdownNow);
            AtomicReference<B2bua> calls = new AtomicReference<>();
            // Every call's media on a worker from the registry; closed after the edge, whose
            // calls free their sessions as they end.
            WorkerRegistry workerRegistry = WorkerRegistry.connect(new RedisLink.Settings(redis.config().redisUri(),
                    redis.config().redisCluster(), redis.config().redisConnectTimeout(),
                    config.media().requestTimeout()), redis.config().keyPrefix());
            owned.add(workerRegistry);
            WorkerDirectory mediaWorkers = new WorkerDirectory(workerRegistry);
            MediaControlClient mediaClient = new MediaControlClient(config.media().connectTimeout(),
                    config.media().requestTimeout());
            owned.add(mediaClient);
            WorkerMediaAnchor media = new WorkerMediaAnchor(config.nodeId(),
                    new RecentWorkers(mediaWorkers::liveWorkers, config.media().workerListMaxAge()), mediaClient);
            media.onFailure((callId, cause, detail) -> calls.get().mediaFailed(callId, cause, detail));
            PendingWakes wakes = new PendingWakes(config.nodeId(), redis.pendingCalls(), calls::get, workers::execute,
                    clock, config.ringTimeout());
            // listening before the registrar runs: an attach accepted here always has a channel
            owned.add(0, wakes.listen(redis.config().redisLink()));
            // The other edges' internal listeners, for calls to devices attached there; this node's
            // own entry can only be announced once its internal listener is bound, after Edge.start.
            AtomicReference<EdgeNodeRegistry> nodes = new AtomicReference<>();
            Edge edge = Edge.start(config, redis.directory(), publisher, (stack, flows, responder) -> {
                B2bua b2bua = B2bua.create(config.nodeId(), stack, flows, responder, redis.directory(),
                        node -> Optional.ofNullable(nodes.get()).flatMap(registry -> registry.lookup(node)),
                        publisher, media, CallConfig.withRingTimeout(config.ringTimeout()), clock,
                        workers, timers);
                calls.set(b2bua);
                return b2bua;
            }, new RedisUsedTokens(redis.commands(), redis.config().keyPrefix(), clock), wakes, clock);
            owned.add(0, edge);
            nodes.set(EdgeNodeRegistry.start(redis.config().redisLink(), config.nodeId(),
                    "sip:" + config.sip().advertisedAddress() + ":" + edge.sip().port(Ingress.INTERNAL) + ";transport=tcp",
                    config.cluster().nodeTtl()));
            owned.add(0, nodes.get());
            owned.add(0, MediaFailureWatch.start(redis.config().redisLink(), redis.config().keyPrefix(),
                    config.nodeId(), media, mediaWorkers::liveWorkers, config.media().workerCheckInterval()));
            // Every edge reads every DevicesLocated and acts on the calls it holds; a group of its own
            // per node, from the newest event on: an edge that restarts holds no earlier call. The
            // call topic's other events are passed over undecoded.
            Subscription subscription = new Subscription(Topics.CALLS, "edge-" + config.nodeId(),
                    Subscription.StartAt.LATEST).only(DevicesLocated.class);
            EventSubscriber located = EventSubscriber.start(events, subscription,
                    envelope -> deliver(envelope, calls.get(), wakes));
            owned.add(0, located);
            owned.addAll(handedOver);
            return new EdgeService(edge, located, owned);
        } catch (Exception e) {
            closeAll(owned);
            handedOver.forEach(c -> closeQuietly(c));
            throw e instanceof RuntimeException r ? r : new IllegalStateException("edge did not start: " + e, e);
        }
    }

    private static void deliver(EventEnvelope<? extends RingedgeEvent> envelope, B2bua calls, PendingWakes wakes) {
        if (envelope.data() instanceof DevicesLocated devices) {
            calls.devicesLocated(devices);
            if (calls.holds(devices.callId())) {
                wakes.located(devices);
            }
        }
    }

    public Edge edge() {
        return edge;
    }

    /** Waits until this edge receives the locator's answers; calls offered before may wait for the ring timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return located.awaitAssignment(timeout);
    }

    @Override
    public void close() {
        closeAll(owned);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        resources.forEach(EdgeService::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(EdgeService.class).warn("closing {} failed", resource, e);
        }
    }
}
