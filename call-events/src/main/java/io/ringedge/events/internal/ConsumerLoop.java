package io.ringedge.events.internal;

import io.ringedge.events.DecodeResult;
import io.ringedge.events.EventCodec;
import io.ringedge.events.EventEnvelope;
import io.ringedge.events.EventsConfig;
import io.ringedge.events.RetryableEventException;
import io.ringedge.events.RingedgeEvent;
import io.ringedge.events.Subscription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One thread that consumes a {@link Subscription}, decodes each record and gives the event to a
 * handler, then commits the batch's offsets: at-least-once, so handlers must be idempotent.
 * Records that do not decode are logged, counted and skipped; a handler that fails is logged and
 * counted and the loop goes on. Nothing a record contains can stop the loop. A handler that fails
 * with {@link RetryableEventException} (its infrastructure is down) gets the same event again, with
 * backoff, until it succeeds or the loop closes: such an event is delayed, never skipped.
 *
 * <p>A handler answers with a stage. The loop starts the handler on each event of a polled batch
 * in turn and then waits for the stages together, so a handler waiting on a store does not hold
 * the batch's later events; a stage that is already done (a synchronous handler's) is settled,
 * retries included, before the next event starts. Offsets advance only over settled records, in
 * order.
 *
 * <p>Records of a type the subscription does not act on ({@link Subscription#accepts}) are passed
 * over undecoded.
 *
 * <p>Offsets are committed asynchronously at most once per {@link #COMMIT_INTERVAL}, and
 * synchronously on close and when partitions are revoked. Why not after every batch: each commit is
 * a write to the broker's offsets log through the group coordinator, and a synchronous one holds
 * the loop for a broker round trip before the next event; with a handful of events per call and a
 * commit per event that was a large share of the broker's and the consumers' CPU and a queue on the
 * call path under load. The price: a process that dies may see up to one interval of events again,
 * which at-least-once handlers already allow.
 */
public final class ConsumerLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_FAILURE_BACKOFF = Duration.ofSeconds(1);
    private static final Duration FIRST_RETRY_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(5);
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);
    /** How long a closing loop still waits for a handler's work in progress before leaving it undone. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    /** How often a loop waiting for a handler's work looks whether it is closing. */
    private static final Duration AWAIT_SLICE = Duration.ofMillis(100);
    private static final CompletableFuture<Void> NOTHING_TO_DO = CompletableFuture.completedFuture(null);

    private final Subscription subscription;
    private final Function<EventEnvelope<? extends RingedgeEvent>, ? extends CompletionStage<?>> handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong passedOver = new AtomicLong();
    /** Next offset to read per partition, for the records handled since the last commit; loop thread only. */
    private final Map<TopicPartition, OffsetAndMetadata> handledOffsets = new HashMap<>();
    /** When the offsets were last committed; loop thread only. */
    private long lastCommitNanos = System.nanoTime();
    private volatile boolean closing;
    private boolean started;

    public ConsumerLoop(EventsConfig config, Subscription subscription, String role,
                        Function<EventEnvelope<? extends RingedgeEvent>, ? extends CompletionStage<?>> handler) {
        this.subscription = subscription;
        this.handler = handler;
        String clientId = KafkaClientSettings.clientId(config, role);
        this.consumer = new KafkaConsumer<>(
                KafkaClientSettings.consumer(config, clientId, subscription.group(),
                        subscription.startAt().name().toLowerCase(Locale.ROOT)),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().name("ringedge-events-" + clientId).daemon(true).unstarted(this::run);
    }

    public synchronized void start() {
        if (closing) {
            throw new IllegalStateException("consumer of " + subscription.topic() + " is closed");
        }
        started = true;
        thread.start();
    }

    /** True once the group gave this consumer its partitions; events published after that reach it. */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Events given to the handler that returned normally. */
    public long handled() {
        return handled.get();
    }

    /** Records that were not events (unknown type, broken JSON, missing headers). */
    public long skipped() {
        return skipped.get();
    }

    /** Events whose handler threw. */
    public long failed() {
        return failed.get();
    }

    /** Handler calls that threw {@link RetryableEventException} and were tried again. */
    public long retried() {
        return retried.get();
    }

    /** Records of an event type the subscription does not act on, passed over undecoded. */
    public long passedOver() {
        return passedOver.get();
    }

    /** Stops the loop after the record in hand, leaves the group and joins the thread. */
    public void close() throws InterruptedException {
        synchronized (this) {
            closing = true;
            if (!started) {
                consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT));
                return;
            }
        }
        consumer.wakeup();
        thread.join();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(subscription.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // What was handled since the last periodic commit, while the partitions are still ours.
                    commit();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // Resolve each position now: with StartAt.LATEST it is otherwise looked up at the next
                    // fetch, and an event published in between would be skipped although we said "assigned".
                    partitions.forEach(consumer::position);
                    assigned.countDown();
                }
            });
            while (!closing) {
                pollOnce();
            }
        } catch (WakeupException e) {
            // close() woke us, possibly before the last commit; the wake-up is spent, so commit now.
        } catch (InterruptedException e) {
            // close() is waiting for us; what is left is committing and closing.
        } finally {
            try {
                commit();
            } catch (WakeupException e) {
                // a second close() call; the offsets stay uncommitted and the events come again
            }
            consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT));
        }
    }

    private void pollOnce() throws InterruptedException {
        ConsumerRecords<String, byte[]> records;
        try {
            records = consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // Not a record's fault (the client retries connection problems itself): say so and keep going.
            LOG.error("polling {} in group {} failed; retrying in {}", subscription.topic(), subscription.group(),
                    POLL_FAILURE_BACKOFF, e);
            Thread.sleep(POLL_FAILURE_BACKOFF);
            return;
        }
        List<Step> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (closing) {
                break; // uncommitted from here on: delivered again to whoever consumes next
            }
            Step step = begin(record);
            batch.add(step);
            // A handler that answered at once (every synchronous one) is settled before the next event
            // starts, so its retries keep the event's place in line.
            if (step.stage.isDone() && !settle(step)) {
                break;
            }
        }
        for (Step step : batch) {
            if (!step.settled && !settle(step)) {
                break; // closing cut it short: not done, so neither it nor what follows is committed
            }
            handledOffsets.put(new TopicPartition(step.record.topic(), step.record.partition()),
                    new OffsetAndMetadata(step.record.offset() + 1));
        }
        if (System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL.toNanos()) {
            commitAsync();
        }
    }

    /** One record of a polled batch and the handler's work on it; loop thread only. */
    private static final class Step {
        final ConsumerRecord<String, byte[]> record;
        /** Null for a record with nothing to do (passed over, or not an event). */
        final EventEnvelope<? extends RingedgeEvent> envelope;
        CompletableFuture<?> stage;
        boolean settled;

        Step(ConsumerRecord<String, byte[]> record, EventEnvelope<? extends RingedgeEvent> envelope,
             CompletableFuture<?> stage) {
            this.record = record;
            this.envelope = envelope;
            this.stage = stage;
        }
    }

    /** Counts a record passed over or not an event, or starts the handler on the event it holds. */
    private Step begin(ConsumerRecord<String, byte[]> record) {
        if (passOver(record)) {
            passedOver.incrementAndGet();
            return new Step(record, null, NOTHING_TO_DO);
        }
        switch (EventCodec.decode(record)) {
            case DecodeResult.Decoded decoded -> {
                return new Step(record, decoded.envelope(), start(decoded.envelope()));
            }
            case DecodeResult.Undecodable bad -> {
                skipped.incrementAndGet();
                LOG.warn("skipped record {}-{}@{} in group {}: {}",
                        bad.topic(), bad.partition(), bad.offset(), subscription.group(), bad.reason());
                return new Step(record, null, NOTHING_TO_DO);
            }
        }
    }

    /**
     * A record of a known event type the subscription does not act on. Only the type header is
     * read; a record without one, or of an unknown type, is decoded and reported like any record
     * that is not an event.
     */
    private boolean passOver(ConsumerRecord<String, byte[]> record) {
        if (subscription.events().isEmpty()) {
            return false;
        }
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type == null || type.value() == null) {
            return false;
        }
        return EventType.named(new String(type.value(), StandardCharsets.UTF_8))
                .map(known -> !subscription.accepts(known.recordClass()))
                .orElse(false);
    }

    private CompletableFuture<?> start(EventEnvelope<? extends RingedgeEvent> envelope) {
        try {
            return handler.apply(envelope).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Waits for the step's work and counts it. False only when closing cut that short (the work did
     * not end within {@link #CLOSE_GRACE}, or a retryable failure would need another try): the
     * record is not done.
     */
    private boolean settle(Step step) throws InterruptedException {
        Duration backoff = FIRST_RETRY_BACKOFF;
        while (true) {
            if (!awaitDone(step.stage)) {
                return false;
            }
            if (step.envelope == null) {
                step.settled = true;
                return true;
            }
            EventEnvelope<? extends RingedgeEvent> envelope = step.envelope;
            switch (step.stage.state()) {
                case SUCCESS -> {
                    handled.incrementAndGet();
                    step.settled = true;
                    return true;
                }
                case FAILED, CANCELLED -> {
                    Throwable failure = step.stage.isCancelled()
                            ? new CancellationException("the handler's stage was cancelled")
                            : step.stage.exceptionNow();
                    if (!(failure instanceof RetryableEventException)) {
                        failed.incrementAndGet();
                        LOG.error("handler for {} in group {} failed on event {} ({}, subject {}); skipped",
                                subscription.topic(), subscription.group(), envelope.id(), envelope.type(),
                                envelope.subject(), failure);
                        step.settled = true;
                        return true;
                    }
                    if (closing) {
                        return false;
                    }
                    retried.incrementAndGet();
                    LOG.warn("handler for {} in group {} cannot handle event {} ({}, subject {}) now: {}; again in {}",
                            subscription.topic(), subscription.group(), envelope.id(), envelope.type(),
                            envelope.subject(), failure.getMessage(), backoff);
                    pause(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_RETRY_BACKOFF) > 0
                            ? MAX_RETRY_BACKOFF : backoff.multipliedBy(2);
                    step.stage = start(envelope);
                }
                case RUNNING -> throw new IllegalStateException("settled a stage still running: event " + envelope.id());
            }
        }
    }

    /** Waits until the stage is done; false if closing began and it was still not done {@link #CLOSE_GRACE} later. */
    private boolean awaitDone(CompletableFuture<?> stage) throws InterruptedException {
        long closingSince = 0;
        while (!stage.isDone()) {
            try {
                stage.get(AWAIT_SLICE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | CancellationException | TimeoutException e) {
                // done (either way) or still running: the loop condition decides
            }
            if (closing && !stage.isDone()) {
                long now = System.nanoTime();
                if (closingSince == 0) {
                    closingSince = now;
                } else if (now - closingSince >= CLOSE_GRACE.toNanos()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Sleeps in short steps, so close() does not wait out a long backoff. */
    private void pause(Duration backoff) throws InterruptedException {
        long until = System.nanoTime() + backoff.toNanos();
        long left;
        while (!closing && (left = until - System.nanoTime()) > 0) {
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 50));
        }
    }

    /** As {@link #commit()}, without waiting: a failure is logged, and the next commit covers the offsets. */
    private void commitAsync() {
        lastCommitNanos = System.nanoTime();
        if (handledOffsets.isEmpty()) {
            return;
        }
        consumer.commitAsync(Map.copyOf(handledOffsets), (offsets, failure) -> {
            if (failure != null) {
                LOG.warn("could not commit offsets of {} in group {}: {}", subscription.topic(), subscription.group(),
                        failure.toString());
            }
        });
        handledOffsets.clear();
    }

    /** Commits the offsets after the handled records (not the whole batch: close() may cut it short). */
    private void commit() {
        lastCommitNanos = System.nanoTime();
        if (handledOffsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(handledOffsets, COMMIT_TIMEOUT);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // Not retried: the next commit covers these offsets too, and if none comes (partition moved,
            // process stops) the events are delivered again, which at-least-once allows.
            LOG.warn("could not commit offsets of {} in group {}: {}", subscription.topic(), subscription.group(),
                    e.toString());
        } finally {
            handledOffsets.clear();
        }
    }
}
