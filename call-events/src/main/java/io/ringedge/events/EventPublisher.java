package io.ringedge.events;

/**
 * Publishes events. {@link #publish} never blocks the caller (SIP and media threads call it):
 * the implementation queues the event and delivers it asynchronously, in order per subject
 * (call id or device id), exactly once, and keeps it while Kafka is unreachable.
 */
public interface EventPublisher {

    void publish(RingedgeEvent event);
}
