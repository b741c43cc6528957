package io.ringedge.testkit.sip;

import java.util.Map;
import java.util.Objects;

/** A SIP response: status, reason phrase, headers, body. */
public record SipResponse(int status, String reason, SipHeaders headers, String body) implements SipMessage {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Trying"), Map.entry(180, "Ringing"), Map.entry(183, "Session Progress"),
            Map.entry(200, "OK"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"), Map.entry(420, "Bad Extension"), Map.entry(480, "Temporarily Unavailable"),
            Map.entry(481, "Call/Transaction Does Not Exist"), Map.entry(486, "Busy Here"),
            Map.entry(487, "Request Terminated"), Map.entry(488, "Not Acceptable Here"),
            Map.entry(500, "Server Internal Error"), Map.entry(501, "Not Implemented"),
            Map.entry(503, "Service Unavailable"), Map.entry(603, "Decline"));

    public SipResponse {
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("SIP status must be 100..699, was " + status);
        }
        Objects.requireNonNull(headers, "headers");
        reason = reason == null ? reasonFor(status) : reason;
        body = body == null ? "" : body;
    }

    /** The RFC 3261 section 21 reason phrase, or "Unknown". */
    public static String reasonFor(int status) {
        return REASONS.getOrDefault(status, "Unknown");
    }

    /**
     * A response to {@code request} as a UAS builds it (RFC 3261 section 8.2.6.2): Via (all, in
     * order), From, Call-ID and CSeq copied; To copied with {@code toTag} added unless the request's
     * To already has one (in-dialog) or {@code toTag} is null (a 100 Trying needs none).
     */
    public static SipResponse to(SipRequest request, int status, String toTag) {
        SipHeaders h = SipHeaders.empty();
        for (String via : request.headers().lines("Via")) {
            h = h.with("Via", via);
        }
        NameAddress to = request.to();
        if (toTag != null && to.tag().isEmpty()) {
            to = to.withParam("tag", toTag);
        }
        h = h.with("From", request.require("From"))
                .with("To", to.toString())
                .with("Call-ID", request.callId())
                .with("CSeq", request.require("CSeq"));
        return new SipResponse(status, reasonFor(status), h, "");
    }

    @Override
    public String startLine() {
        return "SIP/2.0 " + status + " " + reason;
    }

    public boolean isProvisional() {
        return status < 200;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public SipResponse with(String name, String value) {
        return new SipResponse(status, reason, headers.with(name, value), body);
    }

    public SipResponse withBody(String contentType, String newBody) {
        return new SipResponse(status, reason, headers.replacing("Content-Type", contentType), newBody);
    }

    @Override
    public String toString() {
        return encode();
    }
}
