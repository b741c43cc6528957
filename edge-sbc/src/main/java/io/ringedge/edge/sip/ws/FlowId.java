package io.ringedge.edge.sip.ws;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This edge's name for one WebSocket connection: the RFC 5626 §3.2 "flow". Random, so an id seen
 * in a Route or binding cannot be guessed to hijack another device's connection.
 */
public record FlowId(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public FlowId {
        if (!value.matches("[0-9a-f]{1,64}")) {
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
