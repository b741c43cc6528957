package io.ringedge.push;

import io.ringedge.events.EventPublisher;
import io.ringedge.events.RingedgeEvent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** An in-memory {@link EventPublisher}: keeps what is published, for tests that apply a function directly. */
final class RecordingPublisher implements EventPublisher {

    private final List<RingedgeEvent> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(RingedgeEvent event) {
        published.add(event);
    }

    /** Waits until {@code count} published events match, then returns them. */
    <E extends RingedgeEvent> List<E> await(Class<E> type, Predicate<E> matching, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<E> found = matching(type, matching);
            if (found.size() >= count || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(10);
        }
    }

    <E extends RingedgeEvent> List<E> matching(Class<E> type, Predicate<E> matching) {
        return published.stream().filter(type::isInstance).map(type::cast).filter(matching).toList();
    }
}
