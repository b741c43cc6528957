package io.ringedge.push;

import io.ringedge.testkit.push.MockApns;

import io.ringedge.testkit.push.FakeFcm;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.ringedge.embedded.EmbeddedKafka;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallCancelled;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallRinging;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.InviteDelivered;
import io.ringedge.events.PushFailed;
import io.ringedge.events.CallOffered;
import io.ringedge.events.Caller;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.EventSubscriber;
import io.ringedge.events.EventsConfig;
import io.ringedge.events.KafkaEventPublisher;
import io.ringedge.events.PushHandle;
import io.ringedge.events.PushSent;
import io.ringedge.events.Subscription;
import io.ringedge.events.Topics;
import io.ringedge.locator.LocatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The push service as {@link PushMain} wires it, read from configuration, on a real Kafka and
 * Redis, with Pushy's MockApnsServer and the local FCM v1 server as the providers.
 */
class PushServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void readsOnlyTheCallEventsItActsOn() {
        for (var acted : List.of(DevicesLocated.class, CallAnswered.class, CallCancelled.class,
                CallEnded.class)) {
            assertTrue(PushService.SUBSCRIPTION.accepts(acted), acted.getSimpleName());
        }
        // its own outcomes and the ring path's progress: decoding them would be work for nothing
        // the caller travels in DevicesLocated
        for (var passed : List.of(CallOffered.class, PushSent.class, PushFailed.class, CallRinging.class,
                InviteDelivered.class, DeviceAttached.class)) {
            assertFalse(PushService.SUBSCRIPTION.accepts(passed), passed.getSimpleName());
        }
        assertEquals(Topics.CALLS, PushService.SUBSCRIPTION.topic());
    }

    @Test
    void asleepPhonesAreWokenOnceEachAndToldToStopWhenTheCallerHangsUp() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedRedis redis = EmbeddedRedis.start();
             MockApns apns = MockApns.start();
             FakeFcm fcm = FakeFcm.start()) {
            Path trusted = Files.writeString(dir.resolve("apns-ca.pem"), apns.certificatePem());
            Config config = Config.just(ConfigSources.create(Map.ofEntries(
                    entry("kafka.bootstrap-servers", kafka.bootstrapServers()),
                    entry("kafka.client-id", "push-test"),
                    entry("redis.uri", redis.uri()),
                    entry("push.attach-url", "wss://edge.example/ws"),
                    entry("push.attach-token-key", Base64.getEncoder().encodeToString(PushFunctionTest.TOKEN_KEY)),
                    entry("push.ring-timeout", "PT30S"),
                    // generous: a cold first TLS connection on a busy machine must not time out and be retried
                    entry("push.send-timeout", "PT10S"),
                    entry("push.retry-backoff", "PT0.02S"),
                    entry("push.retry-backoff-max", "PT0.1S"),
                    entry("push.apns.environment", "127.0.0.1:" + apns.port()),
                    entry("push.apns.team-id", MockApns.TEAM_ID),
                    entry("push.apns.key-id", MockApns.KEY_ID),
                    entry("push.apns.key-secret", apns.signingKeyPem()),
                    entry("push.apns.trusted-certificate-file", trusted.toString()),
                    entry("push.fcm.project-id", FakeFcm.PROJECT),
                    entry("push.fcm.endpoint", fcm.endpoint().toString()))));
            EventsConfig events = EventsConfig.from(config);
            String callId = "call-" + UUID.randomUUID();
            List<PushSent> sent = new CopyOnWriteArrayList<>();
            String ios = UUID.randomUUID().toString().replace("-", "").repeat(2);
            String droid = "fcm-" + UUID.randomUUID();
            DevicesLocated located = new DevicesLocated(callId, "acme", "alice", new Caller("Dave", "+15550004444"), List.of(), List.of(
                    new DevicesLocated.AsleepDevice("iphone", new PushHandle("apns", ios, "TEAM123456.com.example.phone.voip")),
                    new DevicesLocated.AsleepDevice("android", new PushHandle("fcm", droid, ""))));

            try (KafkaEventPublisher publisher = KafkaEventPublisher.start(events);
                 PushService service = PushService.start(events, LocatorConfig.from(config), PushConfig.from(config),
                         publisher);
                 EventSubscriber timeline = EventSubscriber.start(events, new Subscription(Topics.CALLS,
                         "timeline-" + callId, Subscription.StartAt.LATEST), envelope -> {
                     if (envelope.data() instanceof PushSent pushSent && pushSent.callId().equals(callId)) {
                         sent.add(pushSent);
                     }
                 })) {
                assertTrue(service.awaitAssignment(WAIT));
                assertTrue(timeline.awaitAssignment(WAIT));

                publisher.publish(located);
                publisher.publish(located);

                Await.until("two PushSent on the timeline", WAIT, () -> sent.size() >= 2);
                assertEquals(1, apns.receivedFor(ios).size());
                assertEquals("voip", apns.receivedFor(ios).getFirst().header("apns-push-type"));
                assertEquals(1, fcm.receivedFor(droid).size());
                assertEquals("Dave", fcm.receivedFor(droid).getFirst().message().path("data").path("callerName").asText());

                publisher.publish(new CallCancelled(callId));

                Await.until("the APNs missed-call alert", WAIT, () -> apns.receivedFor(ios).size() == 2);
                Await.until("the FCM cancel", WAIT, () -> fcm.receivedFor(droid).size() == 2);
                assertEquals("alert", apns.receivedFor(ios).get(1).header("apns-push-type"));
                assertEquals("cancelled", fcm.receivedFor(droid).get(1).message().path("data").path("type").asText());
                Thread.sleep(300);
                assertEquals(2, sent.size(), "one PushSent per device: " + sent);
                assertEquals(2, apns.receivedFor(ios).size());
                assertEquals(2, fcm.receivedFor(droid).size());
            }
            assertEquals(List.of(), Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().startsWith("ringedge-push")).map(Thread::getName).toList(),
                    "closing the service stops its threads");
        }
    }
}
