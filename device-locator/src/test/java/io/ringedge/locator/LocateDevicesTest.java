package io.ringedge.locator;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallOffered;
import io.ringedge.events.CallRinging;
import io.ringedge.events.Caller;
import io.ringedge.events.DeviceRegistered;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AsleepDevice;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.events.EventEnvelope;
import io.ringedge.events.PushHandle;
import io.ringedge.events.RingedgeEvent;
import io.ringedge.locator.redis.RedisLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The event function wired as in production: config → RedisLocator → LocateDevices, on real Redis. */
class LocateDevicesTest {

    private static final Caller BOB = new Caller("Bob", "+15559870000");
    private static final PushHandle APNS = new PushHandle("apns", "a1b2c3", "TEAMID.com.example.app.voip");

    private static EmbeddedRedis server;
    private static RedisLocator locator;
    private static LocateDevices function;

    @BeforeAll
    static void start() {
        server = EmbeddedRedis.start();
        locator = RedisLocator.connect(LocatorConfig.from(
                Config.just(ConfigSources.create(Map.of("redis.uri", server.uri())))));
        function = new LocateDevices(locator.locations());
    }

    @AfterAll
    static void stop() {
        locator.close();
        server.close();
    }

    private static List<RingedgeEvent> apply(EventEnvelope<? extends RingedgeEvent> envelope) {
        return function.apply(envelope).toCompletableFuture().join();
    }

    private static <E extends RingedgeEvent> EventEnvelope<E> envelope(E event) {
        return new EventEnvelope<>(UUID.randomUUID().toString(), URI.create("/edge/edge-1"), "test", Instant.now(), 1,
                event);
    }

    private static CallOffered offer(String callId, String tenant, String user) {
        return new CallOffered(callId, tenant, "pbx-1", "+15551230001", user, BOB,
                "edge-1");
    }

    private static void bind(String user, String device, String flow, Optional<PushHandle> handle) {
        locator.directory().bind(new Binding("acme", user, device, "edge-2", flow, "sip:" + device + "@h.invalid",
                handle), Duration.ofMinutes(5));
    }

    @Test
    void anOfferYieldsTheUsersAttachedAndAsleepDevices() {
        bind("alice", "browser", "flow-1", Optional.empty());
        bind("alice", "phone", "flow-2", Optional.of(APNS));
        locator.directory().unbindFlow("edge-2", "flow-2");

        List<RingedgeEvent> out = apply(envelope(offer("call-a", "acme", "alice")));

        assertEquals(List.of(new DevicesLocated("call-a", "acme", "alice", BOB,
                List.of(new AttachedDevice("browser", "edge-2", "flow-1", "sip:browser@h.invalid")),
                List.of(new AsleepDevice("phone", APNS)))), out);
    }

    @Test
    void aUserWithNoDevicesGetsAnEmptyAnswer() {
        assertEquals(List.of(new DevicesLocated("call-b", "acme", "nobody", BOB, List.of(), List.of())),
                apply(envelope(offer("call-b", "acme", "nobody"))));
    }

    @Test
    void aRedeliveredOfferGetsTheSameAnswer() {
        bind("carol", "browser", "flow-7", Optional.empty());
        EventEnvelope<CallOffered> offered = envelope(offer("call-c", "acme", "carol"));
        List<RingedgeEvent> first = apply(offered);
        locator.directory().unbindFlow("edge-2", "flow-7");
        assertEquals(first, apply(offered));
    }

    @Test
    void anOfferWithABlankUserIsAnsweredWithNoDevices() {
        assertEquals(List.of(new DevicesLocated("call-d", "acme", "", BOB, List.of(), List.of())),
                apply(envelope(offer("call-d", "acme", ""))));
    }

    @Test
    void everyOtherEventYieldsNothing() {
        assertEquals(List.of(), apply(envelope(new CallRinging("call-a", "browser"))));
        assertEquals(List.of(), apply(envelope(
                new CallEnded("call-a", CallEnded.EndCause.NO_ANSWER, 480, 45_000, 0))));
        assertEquals(List.of(), apply(envelope(
                new DevicesLocated("call-a", "acme", "alice", BOB, List.of(), List.of()))));
        assertEquals(List.of(), apply(envelope(
                new DeviceRegistered("phone", "acme", "alice", "edge-1", 600))));
    }
}
