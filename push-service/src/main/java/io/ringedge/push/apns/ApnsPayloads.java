package io.ringedge.push.apns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringedge.push.Push;
import io.ringedge.push.WakePayload;

/** The JSON bodies of our two APNs pushes. */
final class ApnsPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApnsPayloads() {
    }

    /**
     * A VoIP push carries no {@code aps} alert: PushKit hands the whole dictionary to the app, which
     * must report a CallKit call for it at once.
     */
    static String wake(WakePayload payload) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("aps");
        payload.fields().forEach(body::put);
        return body.toString();
    }

    /**
     * The call is over: a visible "missed call" alert. Never a VoIP push, since iOS requires every
     * VoIP push to start a CallKit call and kills apps that do not.
     */
    static String missedCall(Push.Cancel cancel) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode aps = body.putObject("aps");
        ObjectNode alert = aps.putObject("alert");
        alert.put("title", "Missed call");
        alert.put("body", cancel.callerLabel());
        // the same thread-id groups every notification of one call
        aps.put("thread-id", cancel.callId());
        WakePayload.cancelFields(cancel.callId()).forEach(body::put);
        return body.toString();
    }
}
