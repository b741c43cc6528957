package io.ringedge.events;

import io.ringedge.embedded.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFunctionRunnerTest {


    private static EmbeddedKafka kafka;
    private static EventsConfig config;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        config = EventsConfig.of(kafka.bootstrapServers(), "runner-test");
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void aFunctionsResultsReachASubscriberOfAnotherGroup() throws Exception {
        String prefix = "located-" + UUID.randomUUID() + "-";
        Map<String, DevicesLocated> located = new ConcurrentHashMap<>();
        try (KafkaEventPublisher publisher = KafkaEventPublisher.start(config);
             EventFunctionRunner runner = EventFunctionRunner.start(config,
                     Subscription.of(Topics.CALLS, "locator-" + prefix), Samples.LOCATOR, publisher);
             EventSubscriber edge = EventSubscriber.start(config, new Subscription(Topics.CALLS, "edge-" + prefix,
                     Subscription.StartAt.LATEST), envelope -> {
                 if (envelope.data() instanceof DevicesLocated d && d.callId().startsWith(prefix)) {
                     located.put(d.callId(), d);
                 }
             })) {
            assertTrue(runner.awaitAssignment(Duration.ofSeconds(30)));
            assertTrue(edge.awaitAssignment(Duration.ofSeconds(30)));
            for (int i = 0; i < 20; i++) {
                publisher.publish(new CallOffered(prefix + i, "t", "conn", "+1555", "user-" + i, new Caller("", "+1"), "edge-1"));
            }
            Await.until(Duration.ofSeconds(30), () -> located.size() == 20, () -> "20 DevicesLocated, got " + located.size());
            for (int i = 0; i < 20; i++) {
                assertEquals(List.of(new DevicesLocated.AttachedDevice("dev-of-user-" + i, "edge-1", "flow-1", "")),
                        located.get(prefix + i).attached());
            }
            assertEquals(0, runner.failedEvents());
            assertEquals(0, runner.skippedRecords());
        }
    }

    @Test
    void aRestartedRunnerResumesAfterTheCommittedOffsets() throws Exception {
        String prefix = "resume-" + UUID.randomUUID() + "-";
        Subscription subscription = Subscription.of(Topics.CALLS, "resume-" + prefix);
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        EventFunction counting = envelope -> {
            if (envelope.subject().startsWith(prefix)) {
                seen.computeIfAbsent(envelope.subject(), s -> new AtomicInteger()).incrementAndGet();
            }
            return EventFunction.NO_EVENTS;
        };
        try (KafkaEventPublisher publisher = KafkaEventPublisher.start(config)) {
            try (EventFunctionRunner runner = EventFunctionRunner.start(config, subscription, counting, publisher)) {
                IntStream.range(0, 10).forEach(i -> publisher.publish(new CallCancelled(prefix + "first-" + i)));
                Await.until(Duration.ofSeconds(30), () -> seen.size() == 10, () -> "10 seen, got " + seen.size());
            }
            publisher.publish(new CallCancelled(prefix + "second"));
            try (EventFunctionRunner runner = EventFunctionRunner.start(config, subscription, counting, publisher)) {
                Await.until(Duration.ofSeconds(30), () -> seen.containsKey(prefix + "second"), () -> "second run sees the new event");
            }
        }
        Set<Integer> counts = seen.values().stream().map(AtomicInteger::get).collect(Collectors.toSet());
        assertEquals(Set.of(1), counts, "each event handled once across the two runs: " + seen);
        assertEquals(11, seen.size());
    }

    /** How a handler fails: by throwing, or with a stage that fails or is cancelled. */
    enum Failing {
        THROWN, FAILED_STAGE, CANCELLED_STAGE;

        CompletionStage<List<RingedgeEvent>> with(RuntimeException failure) {
            return switch (this) {
                case THROWN -> throw failure;
                case FAILED_STAGE -> CompletableFuture.supplyAsync(() -> {
                    throw failure;
                });
                case CANCELLED_STAGE -> {
                    CompletableFuture<List<RingedgeEvent>> abandoned = new CompletableFuture<>();
                    abandoned.cancel(false);
                    yield abandoned;
                }
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Failing.class)
    void aFunctionThatFailsIsCountedAndTheNextEventIsStillHandled(Failing how) throws Exception {
        String prefix = "throws-" + UUID.randomUUID() + "-";
        String callId = prefix + "call";
        Set<String> handled = ConcurrentHashMap.newKeySet();
        EventFunction fragile = envelope -> {
            if (!envelope.subject().equals(callId)) {
                return EventFunction.NO_EVENTS;
            }
            if (envelope.data() instanceof CallRinging) {
                return how.with(new IllegalStateException("handler bug"));
            }
            handled.add(envelope.type());
            return EventFunction.NO_EVENTS;
        };
        try (KafkaEventPublisher publisher = KafkaEventPublisher.start(config);
             EventFunctionRunner runner = EventFunctionRunner.start(config,
                     Subscription.of(Topics.CALLS, "fragile-" + prefix), fragile, publisher)) {
            // One subject, so one partition: the cancel is consumed after the event that fails.
            publisher.publish(new CallRinging(callId, "d"));
            publisher.publish(new CallCancelled(callId));
            Await.until(Duration.ofSeconds(30), () -> !handled.isEmpty(), () -> "event after the failure handled");
            assertEquals(1, runner.failedEvents());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Failing.class, names = {"THROWN", "FAILED_STAGE"})
    void aRetryableFailureIsRetriedUntilTheHandlerSucceedsAndTheEventIsNotSkipped(Failing how) throws Exception {
        String callId = "retry-" + UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        EventFunction storeDownTwice = envelope -> {
            if (!envelope.subject().equals(callId)) {
                return EventFunction.NO_EVENTS;
            }
            if (attempts.incrementAndGet() <= 2) {
                return how.with(new RetryableEventException("store unavailable", null));
            }
            handled.add(envelope.id());
            return EventFunction.NO_EVENTS;
        };
        try (KafkaEventPublisher publisher = KafkaEventPublisher.start(config);
             EventFunctionRunner runner = EventFunctionRunner.start(config,
                     Subscription.of(Topics.CALLS, "retry-" + callId), storeDownTwice, publisher)) {
            publisher.publish(new CallCancelled(callId));
            Await.until(Duration.ofSeconds(30), () -> !handled.isEmpty(), () -> "event handled after the store returned");
            assertEquals(3, attempts.get());
            assertEquals(2, runner.retriedEvents());
            assertEquals(0, runner.failedEvents());
        }
    }

    @Test
    void aBatchsLaterEventsStartWhileAnEarlierOnesStageIsStillRunning() throws Exception {
        String callId = "async-" + UUID.randomUUID();
        String results = callId + "-results";
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        List<String> answered = new CopyOnWriteArrayList<>();
        ScheduledExecutorService store = Executors.newSingleThreadScheduledExecutor();
        // a store that answers each question 200 ms after it was asked, in the order asked
        EventFunction slowStore = envelope -> {
            if (!envelope.subject().equals(callId) || !(envelope.data() instanceof CallRinging ringing)) {
                return EventFunction.NO_EVENTS;
            }
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            CompletableFuture<List<RingedgeEvent>> answer = new CompletableFuture<>();
            store.schedule(() -> {
                running.decrementAndGet();
                answer.complete(List.of(new CallAnswered(results, ringing.deviceId())));
            }, 200, TimeUnit.MILLISECONDS);
            return answer;
        };
        try (KafkaEventPublisher publisher = KafkaEventPublisher.start(config);
             EventSubscriber reader = EventSubscriber.start(config, new Subscription(Topics.CALLS, "reader-" + callId,
                     Subscription.StartAt.LATEST), envelope -> {
                 if (envelope.data() instanceof CallAnswered a && a.callId().equals(results)) {
                     answered.add(a.deviceId());
                 }
             })) {
            assertTrue(reader.awaitAssignment(Duration.ofSeconds(30)));
            // one subject, so one partition: the runner, started after all ten are in Kafka, polls them together
            IntStream.range(0, 10).forEach(i -> publisher.publish(new CallRinging(callId, "dev-" + i)));
            Await.until(Duration.ofSeconds(30), () -> publisher.publishedEvents() == 10, () -> "ten events in Kafka");
            try (EventFunctionRunner runner = EventFunctionRunner.start(config,
                    Subscription.of(Topics.CALLS, "async-" + callId), slowStore, publisher)) {
                Await.until(Duration.ofSeconds(30), () -> answered.size() == 10, () -> "ten results, got " + answered);
                assertEquals(0, runner.failedEvents());
            } finally {
                store.shutdownNow();
            }
        }
        assertTrue(mostRunning.get() > 1, "stages ran together; most at once: " + mostRunning.get());
        assertEquals(IntStream.range(0, 10).mapToObj(i -> "dev-" + i).toList(), answered,
                "results published in the order of the events");
    }

}
