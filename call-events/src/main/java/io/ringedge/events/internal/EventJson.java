package io.ringedge.events.internal;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The one JSON mapping of event data. An {@link ObjectMapper} is thread-safe once configured. */
public final class EventJson {

    /**
     * Unknown fields are ignored because the schema only ever adds fields: a reader older than the
     * writer must still accept its events (see {@link io.ringedge.events.RingedgeEvent}).
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // The other direction of the same rule: data from a writer older than a list field has no
            // such field, and an absent list means "none", not a broken event.
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .build();

    /**
     * A reader and a writer per event type, bound once: {@code MAPPER.readValue(bytes, Class)} looks
     * the type and its root (de)serializer up again on every call, which showed in the consumers'
     * profile. Bound readers and writers are immutable and thread-safe like the mapper.
     */
    private static final Map<EventType, ObjectReader> READERS = new EnumMap<>(EventType.class);
    private static final Map<EventType, ObjectWriter> WRITERS = new EnumMap<>(EventType.class);

    static {
        for (EventType type : EventType.values()) {
            READERS.put(type, MAPPER.readerFor(type.recordClass()));
            WRITERS.put(type, MAPPER.writerFor(type.recordClass()));
        }
    }

    private EventJson() {
    }

    public static ObjectReader reader(EventType type) {
        return READERS.get(type);
    }

    public static ObjectWriter writer(EventType type) {
        return WRITERS.get(type);
    }
}
