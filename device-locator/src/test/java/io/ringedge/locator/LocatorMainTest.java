package io.ringedge.locator;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.ringedge.embedded.EmbeddedKafka;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.events.CallOffered;
import io.ringedge.events.CallRinging;
import io.ringedge.events.Caller;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AsleepDevice;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.events.EventSubscriber;
import io.ringedge.events.EventsConfig;
import io.ringedge.events.KafkaEventPublisher;
import io.ringedge.events.PushHandle;
import io.ringedge.events.Subscription;
import io.ringedge.events.Topics;
import io.ringedge.locator.redis.RedisLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The locator on real Kafka and Redis: CallOffered published on {@code ringedge.calls} comes back
 * as DevicesLocated, both with the service in this JVM and with {@link LocatorMain} as its own process.
 */
class LocatorMainTest {

    private static final Caller BOB = new Caller("Bob", "+15559870000");
    private static final PushHandle APNS = new PushHandle("apns", "a1b2c3", "TEAMID.com.example.app.voip");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static EmbeddedKafka kafka;
    private static EmbeddedRedis redis;
    private static EventsConfig events;
    private static KafkaEventPublisher pbxSide;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        redis = EmbeddedRedis.start();
        events = EventsConfig.of(kafka.bootstrapServers(), "locator-test");
        pbxSide = KafkaEventPublisher.start(events);
    }

    @AfterAll
    static void stop() {
        pbxSide.close();
        redis.close();
        kafka.close();
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }

    private static LocatorConfig locatorConfig() {
        return LocatorConfig.from(config(Map.of("redis.uri", redis.uri())));
    }

    /** Binds an attached browser and an asleep phone for {@code user}. */
    private static void devicesOf(String user) {
        try (RedisLocator locator = RedisLocator.connect(locatorConfig())) {
            locator.directory().bind(new Binding("acme", user, "browser", "edge-2", "flow-b", "sip:b@h.invalid",
                    Optional.empty()), Duration.ofMinutes(5));
            locator.directory().bind(new Binding("acme", user, "phone", "edge-2", "flow-p", "sip:p@h.invalid",
                    Optional.of(APNS)), Duration.ofMinutes(5));
            locator.directory().unbindFlow("edge-2", "flow-p");
        }
    }

    private static DevicesLocated expected(String callId, String user) {
        return new DevicesLocated(callId, "acme", user, BOB, List.of(new AttachedDevice("browser", "edge-2", "flow-b", "sip:b@h.invalid")),
                List.of(new AsleepDevice("phone", APNS)));
    }

    private static CallOffered offer(String callId, String user) {
        return new CallOffered(callId, "acme", "pbx-1", "+15551230001", user, BOB,
                "edge-1");
    }

    /**
     * The holding edge's view: DevicesLocated for this test's calls only (the group
     * {@code device-locator} may still be working through offers an earlier test left behind).
     */
    private static EventSubscriber edge(String callPrefix, Map<String, DevicesLocated> located)
            throws InterruptedException {
        EventSubscriber edge = EventSubscriber.start(events, new Subscription(Topics.CALLS,
                "edge-" + UUID.randomUUID(), Subscription.StartAt.LATEST), envelope -> {
            if (envelope.data() instanceof DevicesLocated d && d.callId().startsWith(callPrefix)) {
                located.put(d.callId(), d);
            }
        });
        assertTrue(edge.awaitAssignment(PATIENCE));
        return edge;
    }

    private static void await(Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, () -> "not within " + PATIENCE + ": " + what.get());
            Thread.sleep(20);
        }
    }

    @Test
    void theServiceAnswersOffersInThisJvm() throws Exception {
        devicesOf("alice");
        Map<String, DevicesLocated> located = new ConcurrentHashMap<>();
        try (EventSubscriber edge = edge("in-jvm-", located);
             DeviceLocatorService service = DeviceLocatorService.start(locatorConfig(), events, pbxSide)) {
            assertTrue(service.awaitAssignment(PATIENCE));
            pbxSide.publish(offer("in-jvm-1", "alice"));
            pbxSide.publish(new CallRinging("in-jvm-1", "browser"));
            pbxSide.publish(offer("in-jvm-2", "nobody"));
            await(() -> "two calls located; located " + located.keySet() + ", service handled "
                    + service.locatedEvents() + " failed " + service.failedEvents() + ", published "
                    + pbxSide.publishedEvents() + " queued " + pbxSide.outboxDepth(), () -> located.size() == 2);
            assertEquals(expected("in-jvm-1", "alice"), located.get("in-jvm-1"));
            assertEquals(new DevicesLocated("in-jvm-2", "acme", "nobody", BOB, List.of(), List.of()),
                    located.get("in-jvm-2"));
            assertEquals(0, service.failedEvents());
        }
    }

    @Test
    void theLocatorRunsAsItsOwnProcess() throws Exception {
        devicesOf("bob");
        Map<String, DevicesLocated> located = new ConcurrentHashMap<>();
        Path log = Files.createTempFile("locator-main", ".log");
        Process locator = java(log, "-Dredis.uri=" + redis.uri(), "-Dkafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "-Dkafka.client-id=device-locator");
        try (EventSubscriber edge = edge("process-", located)) {
            // the process joins the group in its own time: offer until one is located
            int sent = 0;
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (located.isEmpty()) {
                assertTrue(locator.isAlive(), Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "no DevicesLocated from the process: " + Files.readString(log));
                pbxSide.publish(offer("process-" + sent++, "bob"));
                Thread.sleep(500);
            }
            String callId = located.keySet().iterator().next();
            assertEquals(expected(callId, "bob"), located.get(callId));
        } finally {
            locator.destroy(); // SIGTERM: the shutdown hook closes consumer and Redis
            assertTrue(locator.waitFor(30, TimeUnit.SECONDS), "the locator did not stop on SIGTERM");
            Files.deleteIfExists(log);
        }
    }

    @Test
    void aBadKeyStopsTheProcessNamingIt() throws Exception {
        Path log = Files.createTempFile("locator-main", ".log");
        try {
            Process locator = java(log, "-Dredis.uri=" + redis.uri(), "-Dkafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "-Dredis.timeout=soon");
            assertTrue(locator.waitFor(60, TimeUnit.SECONDS));
            assertEquals(io.ringedge.runtime.ServiceMain.BAD_CONFIG, locator.exitValue());
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(output.contains("device-locator: configuration error: redis.timeout: must be an ISO-8601 duration"),
                    output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Process java(Path log, String... properties) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocatorMain.class.getName()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
