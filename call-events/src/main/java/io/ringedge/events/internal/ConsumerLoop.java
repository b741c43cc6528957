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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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
                    // Offsets are committed after every batch, so there is nothing left to commit here.
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assigned.countDown();
                }
            });
            while (!closing) {
                pollOnce();
            }
        } catch (WakeupException e) {
            // close() woke us: fall through to closing the consumer.
        } catch (InterruptedException e) {
            // close() is waiting for us; closing the consumer is all that is left to do.
        } finally {
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
        if (records.isEmpty()) {
            return;
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            handle(record);
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

    private void commit() {
        try {
            consumer.commitSync(COMMIT_TIMEOUT);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // The batch was handled; if this commit is lost the batch comes again (at-least-once).
            LOG.warn("could not commit offsets of {} in group {}: {}", subscription.topic(), subscription.group(),
                    e.toString());
        }
    }
}
