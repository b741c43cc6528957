package io.ringedge.events.internal;

import io.ringedge.events.EventCodec;
import io.ringedge.events.EventEnvelope;
import io.ringedge.events.RingedgeEvent;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one thread that moves events from the {@link Outbox} to the Kafka producer.
 *
 * <p>Why this shape: the idempotent producer, retrying without end, already delivers what it was
 * given in order per partition and without duplicates, across a broker restart. What it cannot do
 * is bound its memory without blocking the caller. So this thread hands it at most
 * {@code maxUnacknowledged} events at a time (a semaphore released by each acknowledgement), and
 * everything else waits in the bounded outbox, where the drop-oldest policy applies. An event is
 * either in the outbox or owned by the producer, never both, so nothing is sent twice by us.
 *
 * <p>One subtlety: {@code send()} reports some failures through the callback before it returns
 * (no topic metadata within {@code max.block.ms}, buffer exhausted). Such an event never reached
 * the producer's buffer; the callback recognises it by running on this thread during the
 * hand-over, and this thread returns the event to the front of the outbox to offer it again, so it
 * keeps its place in the order (and is subject to the drop-oldest policy like any waiting event).
 */
public final class OutboxSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final long POLL_MILLIS = 100;
    private static final long RETRY_MILLIS = 100;
    private static final long DROP_REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Beyond the close timeout, how long close() waits for this thread before interrupting it. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(10);

    private final Outbox<EventEnvelope<? extends RingedgeEvent>> outbox;
    private final Producer<String, byte[]> producer;
    private final Semaphore handOverPermits;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** Events the producer holds: counted apart from the permits, one of which the idle loop holds. */
    private final AtomicInteger inProducer = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closing;
    private volatile long closeDeadlineNanos;
    private volatile Delivery handingOver;
    private long reportedDrops;
    private long lastDropReportNanos;

    public OutboxSender(Outbox<EventEnvelope<? extends RingedgeEvent>> outbox, Producer<String, byte[]> producer,
                        int maxUnacknowledged, String threadName) {
        this.outbox = outbox;
        this.producer = producer;
        this.handOverPermits = new Semaphore(maxUnacknowledged);
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Events acknowledged by Kafka. */
    public long published() {
        return published.get();
    }

    /** Events Kafka refused for good (e.g. too large), or left unacknowledged when closing gave up. */
    public long failed() {
        return failed.get();
    }

    /** Events handed to the producer and not yet acknowledged. */
    public int unacknowledged() {
        return inProducer.get();
    }

    /**
     * Delivers what is queued, waiting at most {@code timeout}, then closes the producer. The caller
     * seals the outbox first, so nothing new arrives meanwhile.
     */
    public void close(Duration timeout) throws InterruptedException {
        closeDeadlineNanos = System.nanoTime() + timeout.toNanos();
        closing = true;
        thread.join(timeout.plus(CLOSE_MARGIN));
        if (thread.isAlive()) {
            LOG.error("event sender {} did not finish {} after its close timeout; interrupting it",
                    thread.getName(), CLOSE_MARGIN);
            thread.interrupt();
            thread.join();
        }
    }

    private void run() {
        try {
            while (!finished()) {
                reportDrops();
                if (!handOverPermits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                EventEnvelope<? extends RingedgeEvent> envelope = outbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (envelope == null) {
                    handOverPermits.release();
                    continue;
                }
                handOver(envelope);
            }
        } catch (InterruptedException e) {
            LOG.warn("event sender {} interrupted; closing the producer now", thread.getName());
        } finally {
            finish();
        }
    }

    private boolean finished() {
        return closing && (outbox.size() == 0 || System.nanoTime() - closeDeadlineNanos >= 0);
    }

    /** Gives {@code envelope} to the producer, holding one permit; puts it back if send() refuses it. */
    private void handOver(EventEnvelope<? extends RingedgeEvent> envelope) throws InterruptedException {
        ProducerRecord<String, byte[]> record;
        try {
            record = EventCodec.encode(envelope);
        } catch (RuntimeException e) {
            handOverPermits.release();
            failed.incrementAndGet();
            LOG.error("cannot encode event {} ({}); it is not published", envelope.id(), envelope.type(), e);
            return;
        }
        Delivery delivery = new Delivery(envelope);
        handingOver = delivery;
        inProducer.incrementAndGet();
        try {
            producer.send(record, delivery);
        } catch (RuntimeException e) {
            // Thrown, not called back: the producer is closed or in a fatal state; retrying cannot help.
            inProducer.decrementAndGet();
            handOverPermits.release();
            failed.incrementAndGet();
            LOG.error("Kafka producer refused event {} ({}); it is not published", envelope.id(), envelope.type(), e);
            return;
        } finally {
            handingOver = null;
        }
        if (delivery.rejectedAtHandOver) {
            handOverPermits.release();
            outbox.returnToFront(envelope);
            Thread.sleep(RETRY_MILLIS);
        }
    }

    private void finish() {
        long remainingNanos = Math.max(0, closeDeadlineNanos - System.nanoTime());
        // Interrupted or not, the producer must close so its I/O thread does not outlive us.
        boolean interrupted = Thread.interrupted();
        // Waits for what the producer holds to be acknowledged, then fails the rest through the callbacks.
        producer.close(Duration.ofNanos(interrupted ? 0 : remainingNanos));
        reportDrops();
        int discarded = outbox.discardAll();
        if (discarded > 0) {
            LOG.warn("closed with Kafka unreachable: {} queued events were not delivered and are dropped", discarded);
        }
    }

    /** Dropping is never silent: a WARN at most once a second while it goes on, with the counts. */
    private void reportDrops() {
        long dropped = outbox.dropped();
        long now = System.nanoTime();
        if (dropped > reportedDrops && (closing || now - lastDropReportNanos >= DROP_REPORT_INTERVAL_NANOS)) {
            LOG.warn("Kafka event outbox full (capacity {}): dropped the {} oldest waiting events, {} in total",
                    outbox.capacity(), dropped - reportedDrops, dropped);
            reportedDrops = dropped;
            lastDropReportNanos = now;
        }
    }

    private final class Delivery implements Callback {

        private final EventEnvelope<? extends RingedgeEvent> envelope;
        /** Written and read on the sender thread only: set during send(), read after it returns. */
        private boolean rejectedAtHandOver;

        Delivery(EventEnvelope<? extends RingedgeEvent> envelope) {
            this.envelope = envelope;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            inProducer.decrementAndGet();
            if (exception instanceof RetriableException && Thread.currentThread() == thread && handingOver == this) {
                rejectedAtHandOver = true;
                LOG.debug("Kafka producer not ready for event {}: {}", envelope.id(), exception.toString());
                return;
            }
            handOverPermits.release();
            if (exception == null) {
                published.incrementAndGet();
            } else {
                failed.incrementAndGet();
                LOG.error("event {} ({}, subject {}) was not delivered to Kafka: {}",
                        envelope.id(), envelope.type(), envelope.subject(), exception.toString());
            }
        }
    }
}
