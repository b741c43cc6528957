package io.ringedge.testkit;

import io.ringedge.testkit.sip.SipMessage;
import io.ringedge.testkit.sip.SipRequest;
import io.ringedge.testkit.sip.SipResponse;

import java.time.Instant;
import java.util.Optional;

/**
 * One frame a test device sent or received, with when. {@code message} is null when the text did
 * not parse as SIP (garbage a test sent on purpose, or a bug in the peer); {@code text} is always
 * the frame exactly as it went over the wire.
 */
public record RecordedMessage(Instant time, Direction direction, String text, SipMessage message) {

    public enum Direction { SENT, RECEIVED }

    public Optional<SipMessage> sip() {
        return Optional.ofNullable(message);
    }

    public boolean isRequest(String method) {
        return message instanceof SipRequest r && r.isMethod(method);
    }

    public boolean isResponse(int status) {
        return message instanceof SipResponse r && r.status() == status;
    }

    /** One line for failure messages: direction, time, start line and any Warning (RFC 3261 §20.43). */
    public String summary() {
        String first = message != null ? message.startLine()
                + message.header("Warning").map(w -> " (Warning: " + w + ")").orElse("")
                : "unparsed: " + text.lines().findFirst().orElse("").strip();
        return time + " " + direction + " " + first;
    }
}
