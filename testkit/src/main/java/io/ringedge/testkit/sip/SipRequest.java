package io.ringedge.testkit.sip;

import java.util.Objects;

/** A SIP request: method, Request-URI, headers, body. */
public record SipRequest(String method, String uri, SipHeaders headers, String body) implements SipMessage {

    public SipRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? "" : body;
    }

    public SipRequest(String method, String uri) {
        this(method, uri, SipHeaders.empty(), "");
    }

    @Override
    public String startLine() {
        return method + " " + uri + " SIP/2.0";
    }

    public SipRequest with(String name, String value) {
        return new SipRequest(method, uri, headers.with(name, value), body);
    }

    public SipRequest replacing(String name, String value) {
        return new SipRequest(method, uri, headers.replacing(name, value), body);
    }

    public SipRequest without(String name) {
        return new SipRequest(method, uri, headers.without(name), body);
    }

    public SipRequest withBody(String contentType, String newBody) {
        return new SipRequest(method, uri, headers.replacing("Content-Type", contentType), newBody);
    }

    public boolean isMethod(String name) {
        return method.equalsIgnoreCase(name);
    }

    @Override
    public String toString() {
        return encode();
    }
}
