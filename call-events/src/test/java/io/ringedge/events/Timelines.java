package io.ringedge.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks events read back from Kafka against what was published, subject by subject. */
final class Timelines {

    private Timelines() {
    }

    /** Each subject's events, in the order they were read. */
    static Map<String, List<RingedgeEvent>> bySubject(List<EventEnvelope<? extends RingedgeEvent>> envelopes) {
        Map<String, List<RingedgeEvent>> timelines = new LinkedHashMap<>();
        for (EventEnvelope<? extends RingedgeEvent> e : envelopes) {
            timelines.computeIfAbsent(e.subject(), s -> new ArrayList<>()).add(e.data());
        }
        return timelines;
    }

    /** Every expected event arrived once, in order per subject, and nothing else did. */
    static void assertExactly(Map<String, List<RingedgeEvent>> expected, List<EventEnvelope<? extends RingedgeEvent>> read) {
        Set<String> ids = new HashSet<>();
        for (EventEnvelope<? extends RingedgeEvent> e : read) {
            if (!ids.add(e.id())) {
                throw new AssertionError("event " + e.id() + " (" + e.type() + " of " + e.subject() + ") read twice");
            }
        }
        assertEquals(expected.values().stream().mapToInt(List::size).sum(), read.size(), "events read back");
        Map<String, List<RingedgeEvent>> actual = bySubject(read);
        assertEquals(expected.keySet(), actual.keySet(), "subjects");
        expected.forEach((subject, events) -> assertEquals(events, actual.get(subject), "timeline of " + subject));
    }
}
