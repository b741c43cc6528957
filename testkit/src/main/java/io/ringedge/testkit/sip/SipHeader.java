package io.ringedge.testkit.sip;

/** One header line as it appeared on the wire (name already expanded from its compact form). */
public record SipHeader(String name, String value) {
}
