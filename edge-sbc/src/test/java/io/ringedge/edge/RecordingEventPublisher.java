package io.ringedge.edge;

import io.ringedge.events.EventPublisher;
import io.ringedge.events.RingedgeEvent;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Test-only: keeps what was published, in order. */
public final class RecordingEventPublisher implements EventPublisher {

    public final BlockingQueue<RingedgeEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void publish(RingedgeEvent event) {
        events.add(event);
    }

    public RingedgeEvent next() throws InterruptedException {
        RingedgeEvent e = events.poll(5, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event published");
        }
        return e;
    }
}
