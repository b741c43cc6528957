package io.ringedge.events.internal;

import io.ringedge.events.DecodeResult;
import io.ringedge.events.EventCodec;
import io.ringedge.events.EventEnvelope;
import io.ringedge.events.EventsConfig;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One thread that consumes a {@link Subscription}, decodes each record and gives the event to a
 * handler, then commits the batch's offsets: at-least-once, so handlers must be idempotent.
 * Records that do not decode are logged, counted and skipped; a handler that throws is logged and
 * counted and the loop goes on. Nothing a record contains can stop the loop.
 */
public final class ConsumerLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_FAILURE_BACKOFF = Duration.ofSeconds(1);

    private final Subscription subscription;
    private final Consumer<EventEnvelope<? extends RingedgeEvent>> handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** Next offset to read per partition, for the records handled since the last commit; loop thread only. */
    private final Map<TopicPartition, OffsetAndMetadata> handledOffsets = new HashMap<>();
    private volatile boolean closing;
    private boolean started;

    public ConsumerLoop(EventsConfig config, Subscription subscription, String role,
                        Consumer<EventEnvelope<? extends RingedgeEvent>> handler) {
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
                    // Normally empty (each batch is committed); after a failed poll-loop commit, try once more
                    // while the partitions are still ours.
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
        for (ConsumerRecord<String, byte[]> record : records) {
            if (closing) {
                break;
            }
            handle(record);
            handledOffsets.put(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1));
        }
        commit();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        switch (EventCodec.decode(record)) {
            case DecodeResult.Decoded decoded -> {
                try {
                    handler.accept(decoded.envelope());
                    handled.incrementAndGet();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    LOG.error("handler for {} in group {} failed on event {} ({}, subject {}); skipped",
                            subscription.topic(), subscription.group(), decoded.envelope().id(),
                            decoded.envelope().type(), decoded.envelope().subject(), e);
                }
            }
            case DecodeResult.Undecodable bad -> {
                skipped.incrementAndGet();
                LOG.warn("skipped record {}-{}@{} in group {}: {}",
                        bad.topic(), bad.partition(), bad.offset(), subscription.group(), bad.reason());
            }
        }
    }

    /** Commits the offsets after the handled records (not the whole batch: close() may cut it short). */
    private void commit() {
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
