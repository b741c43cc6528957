package io.ringedge.edge.sip.ws;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * This edge's name for one WebSocket connection: the RFC 5626 §3.2 "flow". Random, so an id seen
 * in a Route or binding cannot be guessed to hijack another device's connection.
 */
public record FlowId(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compiled once: a flow id is checked for every call routed to a device (String.matches compiled it each time). */
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,64}");

    public FlowId {
        if (value == null || !HEX.matcher(value).matches()) {
            throw new IllegalArgumentException("flow id must be lowercase hex, was '" + value + "'");
        }
    }

    static FlowId random() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return new FlowId(HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
