package io.ringedge.edge.call.internal;

import io.ringedge.events.CallEvent;
import io.ringedge.events.EventPublisher;
import io.ringedge.events.RingedgeEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the calls publish, in publishing order; Kafka delivery is the events module's concern. */
final class RecordingPublisher implements EventPublisher {

    private final List<RingedgeEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(RingedgeEvent event) {
        events.add(event);
    }

    List<CallEvent> of(String callId) {
        return events.stream().filter(CallEvent.class::isInstance).map(CallEvent.class::cast)
                .filter(e -> e.callId().equals(callId)).toList();
    }

    List<RingedgeEvent> all() {
        return List.copyOf(events);
    }
}
