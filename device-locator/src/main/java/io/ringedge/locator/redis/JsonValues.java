package io.ringedge.locator.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringedge.events.PushHandle;
import io.ringedge.locator.UserDevices;

/**
 * JSON of the values stored in Redis. The field names of {@link StoredBinding} are read by
 * {@code unbind.lua} too. Unknown fields are ignored so a newer writer does not break an older reader.
 */
final class JsonValues {

    /** A binding as stored under its user; tenant, user and device are in the key and hash field. */
    record StoredBinding(String edge, String flow, String contact) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JsonValues() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    static StoredBinding binding(String json) {
        return read(json, StoredBinding.class);
    }

    static PushHandle handle(String json) {
        return read(json, PushHandle.class);
    }

    static UserDevices userDevices(String json) {
        return read(json, UserDevices.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            // only we write these keys: a value we cannot read is a bug or a foreign writer
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " in Redis: " + json, e);
        }
    }
}
