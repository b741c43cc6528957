package io.ringedge.testkit.sip;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A parsed or built SIP message (RFC 3261 section 7). Immutable. */
public sealed interface SipMessage permits SipRequest, SipResponse {

    SipHeaders headers();

    /** The body as text (SDP is text); empty when there is none. */
    String body();

    /** The first line without its CRLF. */
    String startLine();

    default Optional<String> header(String name) {
        return headers().first(name);
    }

    /** The header's value, or an {@link IllegalStateException} naming the missing header. */
    default String require(String name) {
        return header(name).orElseThrow(() -> new IllegalStateException(
                "no " + name + " header in: " + startLine()));
    }

    default List<String> values(String name) {
        return headers().values(name);
    }

    default String callId() {
        return require("Call-ID");
    }

    default CSeq cseq() {
        return CSeq.parse(require("CSeq"));
    }

    default NameAddress from() {
        return NameAddress.parse(require("From"));
    }

    default NameAddress to() {
        return NameAddress.parse(require("To"));
    }

    /** Every Via, topmost first. */
    default List<Via> vias() {
        return values("Via").stream().map(Via::parse).toList();
    }

    default Via topVia() {
        List<Via> vias = vias();
        if (vias.isEmpty()) {
            throw new IllegalStateException("no Via header in: " + startLine());
        }
        return vias.getFirst();
    }

    /**
     * The wire form: start line, headers in order, a Content-Length computed from the body's UTF-8
     * bytes (any Content-Length header already present is replaced), blank line, body.
     */
    default String encode() {
        StringBuilder sb = new StringBuilder(256 + body().length());
        sb.append(startLine()).append("\r\n");
        for (SipHeader h : headers().all()) {
            if (!h.name().equalsIgnoreCase("Content-Length")) {
                sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
        }
        sb.append("Content-Length: ").append(body().getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n");
        sb.append(body());
        return sb.toString();
    }
}
