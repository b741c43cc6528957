package io.ringedge.launcher;

import io.helidon.config.Config;
import io.ringedge.edge.EdgeConfig;
import io.ringedge.edge.EdgeMeters;
import io.ringedge.edge.EdgeService;
import io.ringedge.events.EventPublisher;
import io.ringedge.events.EventsConfig;
import io.ringedge.events.KafkaEventPublisher;
import io.ringedge.locator.DeviceLocatorService;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.MediaWorker;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.push.PushConfig;
import io.ringedge.push.PushService;
import io.ringedge.runtime.ConfigLoader;
import io.ringedge.runtime.observe.EventOutboxMeters;
import io.ringedge.runtime.observe.MeterRegistry;
import io.ringedge.runtime.observe.MeteredEventPublisher;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The whole of Ringedge in one JVM: embedded Kafka and Redis (unless configured to use external
 * ones), one event publisher shared by every part, the device locator, the push service, a media
 * worker (registered in Redis like any other, so the edge finds it as it finds a fleet's) and an
 * edge node. The launcher's {@code main} and the end-to-end tests start it the same way.
 */
public final class Standalone implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Config config;
    private final EmbeddedInfrastructure embedded;
    private final KafkaEventPublisher publisher;
    private final DeviceLocatorService locator;
    private final PushService push;
    private final MediaWorker worker;
    private final EdgeService edge;
    private final Deque<AutoCloseable> closeOrder;

    private Standalone(Config config, EmbeddedInfrastructure embedded, KafkaEventPublisher publisher,
                       DeviceLocatorService locator, PushService push, MediaWorker worker, EdgeService edge,
                       Deque<AutoCloseable> closeOrder) {
        this.config = config;
        this.embedded = embedded;
        this.publisher = publisher;
        this.locator = locator;
        this.push = push;
        this.worker = worker;
        this.edge = edge;
        this.closeOrder = closeOrder;
    }

    /** Starts every part and waits until a call offered now would be located and delivered. */
    public static Standalone start(Config base) throws InterruptedException {
        return start(base, new MeterRegistry());
    }

    /**
     * As {@link #start(Config)}, counting into {@code metrics}: every part publishes through one
     * publisher, so each event is counted once and the one observe server shows them all.
     */
    public static Standalone start(Config base, MeterRegistry metrics) throws InterruptedException {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            EmbeddedInfrastructure embedded = EmbeddedInfrastructure.start(EmbeddedConfig.from(base));
            started.push(embedded);
            Config config = ConfigLoader.withOverrides(base, embedded.addresses());
            EventsConfig events = EventsConfig.from(config);
            EdgeConfig edgeConfig = EdgeConfig.from(config);
            LocatorConfig locatorConfig = LocatorConfig.from(config);
            PushConfig pushConfig = PushConfig.from(config);
            MediaConfig mediaConfig = MediaConfig.from(config);

            KafkaEventPublisher publisher = KafkaEventPublisher.start(events);
            started.push(publisher);
            EventOutboxMeters.register(metrics, publisher);
            EventPublisher metered = new MeteredEventPublisher(publisher, metrics);
            DeviceLocatorService locator = DeviceLocatorService.start(locatorConfig, events, metered);
            started.push(locator);
            PushService push = PushService.start(events, locatorConfig, pushConfig, metered);
            started.push(push);
            // before the edge: its first call needs a worker in the registry
            MediaWorker worker = MediaWorker.start(mediaConfig, DtlsCertificate.generate());
            started.push(worker);
            EdgeService edge = EdgeService.start(edgeConfig, events, locator.redis(), metered, Clock.systemUTC());
            started.push(edge);
            EdgeMeters.register(metrics, edge.edge());

            if (!locator.awaitAssignment(READY_TIMEOUT) || !push.awaitAssignment(READY_TIMEOUT)
                    || !edge.awaitReady(READY_TIMEOUT)) {
                throw new IllegalStateException("Kafka did not assign partitions to the locator, push service and edge within "
                        + READY_TIMEOUT.toSeconds() + " s (" + EventsConfig.BOOTSTRAP_SERVERS + "="
                        + events.bootstrapServers() + ")");
            }
            return new Standalone(config, embedded, publisher, locator, push, worker, edge, started);
        } catch (RuntimeException | InterruptedException e) {
            closeAll(started);
            throw e;
        }
    }

    /** The effective configuration, with the embedded servers' real addresses. */
    public Config config() {
        return config;
    }

    public EdgeService edge() {
        return edge;
    }

    /** The media worker of this JVM (closing it is how the tests lose a worker mid-call). */
    public MediaWorker mediaWorker() {
        return worker;
    }

    public DeviceLocatorService locator() {
        return locator;
    }

    public PushService push() {
        return push;
    }

    public KafkaEventPublisher publisher() {
        return publisher;
    }

    public EmbeddedInfrastructure embedded() {
        return embedded;
    }

    @Override
    public void close() {
        closeAll(closeOrder);
    }

    /** Newest first: the edge stops taking calls before the publisher flushes and Kafka goes. */
    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Standalone.class).warn("closing {} failed", part, e);
            }
        }
    }
}
