package io.ringedge.push;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a woken device needs to take the call: which call, who calls (as the PBX sent it), and
 * where and how to attach. The same fields go into the APNs VoIP payload and the FCM data map.
 *
 * @param attachUrl   WebSocket URL of the edges (RFC 7118); any edge will do, the call is found by id
 * @param attachToken single-use token bound to this device and call, see {@link AttachTokens}
 */
public record WakePayload(String callId, String callerName, String callerNumber, String tenantId,
                          String attachUrl, String attachToken) {

    /** The {@code type} of a push that rings. */
    public static final String TYPE_INCOMING_CALL = "incoming-call";
    /** The {@code type} of a push that stops the ringing. */
    public static final String TYPE_CANCELLED = "cancelled";

    public WakePayload {
        Objects.requireNonNull(callId, "callId");
        callerName = Objects.requireNonNullElse(callerName, "");
        callerNumber = Objects.requireNonNullElse(callerNumber, "");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(attachUrl, "attachUrl");
        Objects.requireNonNull(attachToken, "attachToken");
    }

    /** Flat string fields: FCM data messages carry only strings, and APNs gets the same keys. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", TYPE_INCOMING_CALL);
        fields.put("callId", callId);
        fields.put("callerName", callerName);
        fields.put("callerNumber", callerNumber);
        fields.put("tenantId", tenantId);
        fields.put("attachUrl", attachUrl);
        fields.put("attachToken", attachToken);
        return fields;
    }

    /** The fields of a cancel push. */
    public static Map<String, String> cancelFields(String callId) {
        return Map.of("type", TYPE_CANCELLED, "callId", callId);
    }
}
