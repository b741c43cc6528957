package io.ringedge.media.stun;

/** Outcome of parsing a datagram as STUN: a message, or the reason it is not one. */
public sealed interface StunParseResult {

    record Parsed(StunMessage message) implements StunParseResult {
    }

    record Malformed(StunProblem problem, String detail) implements StunParseResult {
    }
}
