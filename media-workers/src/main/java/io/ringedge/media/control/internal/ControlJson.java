package io.ringedge.media.control.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON mapping of the control API, shared by server and client so both read the same shapes. */
public final class ControlJson {

    private ControlJson() {
    }

    /**
     * Unknown fields are ignored: a newer edge may send fields an older worker does not know, and
     * the reverse (fields are only ever added).
     */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }
}
